"""The chart worker process: ``python -m bot.chart_worker``, started and fed by ``bot.charts``.

It reads pickled ``SummaryFigures`` from stdin and answers with PNG bytes on stdout, one chart at
a time, until stdin closes (the bot stopped or died). Drawing here, in its own interpreter, means
the bot's event loop never waits for the GIL while a chart is drawn.

Frames: a request is a 4-byte big-endian length and the pickle; an answer is a status byte
(0 = PNG follows, 1 = the drawing failed, the exception's type name follows), a 4-byte length
and the body. Pickle is safe here: the only writer is the bot process that started us.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from typing import BinaryIO

REQUEST_HEADER = struct.Struct(">I")
ANSWER_HEADER = struct.Struct(">BI")
OK = 0
FAILED = 1


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer every request until the other end closes."""
    from bot.chart_drawing import draw_chart, warm_up
    from bot.domain.summary import SummaryFigures

    warm_up()
    while True:
        header = requests.read(REQUEST_HEADER.size)
        if len(header) < REQUEST_HEADER.size:
            return
        (length,) = REQUEST_HEADER.unpack(header)
        payload = requests.read(length)
        if len(payload) < length:
            return
        try:
            figures = pickle.loads(payload)
            if not isinstance(figures, SummaryFigures):
                raise TypeError("expected SummaryFigures")
            status, body = OK, draw_chart(figures)
        except Exception as error:  # the bot decides what to do; we keep serving
            # Only the type: a message could quote the user's data, and this goes to a log.
            status, body = FAILED, type(error).__name__.encode()
        answers.write(ANSWER_HEADER.pack(status, len(body)) + body)
        answers.flush()


def main() -> None:
    # Ctrl-C in a terminal reaches the whole process group; the bot shuts us down by closing
    # stdin, so a second traceback from here would only be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Charts can wait a few milliseconds; the bot's replies should not: when both want the
    # CPU, the kernel lets the bot go first.
    os.nice(5)
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # a stray print must never corrupt the answer stream
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
