"""The /summary chart, drawn without holding up the event loop: ``await render_chart_async(f)``.

Charts are drawn with Pillow (``bot.chart_drawing``, ~10 ms each) in one persistent worker
process (``bot.chart_worker``), not in a thread: in a thread the drawing holds the GIL, and the
event loop's p99 lag reached 10-40 ms behind it on a busy 2-core machine (71 ms with
matplotlib); with the worker it is 3-12 ms, about the machine's own noise, and the bot spends
only a 2 KB pickle and a pipe read per chart. ``start_chart_worker_soon()`` runs at start-up
(from the composition root, bot/app.py) and starts the worker two seconds later, so it has
imported Pillow and drawn a throwaway chart before the first /summary. A worker that dies is
replaced (once per chart); if none can be started, or one hangs, the chart is drawn in a
thread here, as before, rather than not sent.

This module imports neither Pillow nor matplotlib: the bot process stays small.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bot.chart_worker import ANSWER_HEADER, OK, REQUEST_HEADER
from bot.domain.summary import SummaryFigures

log = logging.getLogger(__name__)

WORKER_TIMEOUT_S = 10.0
"""A chart takes milliseconds; a worker silent this long is stuck and is replaced."""

WORKER_START_DELAY_S = 2.0
"""How long after start-up the worker starts: start-up is done, the first /summary rarely is."""

_draw_lock = threading.Lock()
"""In-process drawing (``render_chart`` and the fallback) one at a time: it is CPU-bound, so
overlapping gains nothing, and it keeps memory flat under a burst."""


class ChartWorkerUnavailable(Exception):
    """The worker could not be started, died twice, or stopped answering."""


class ChartDrawingFailed(RuntimeError):
    """The worker is fine but could not draw these figures (a bug; the type name says which)."""


def render_chart(figures: SummaryFigures) -> bytes:
    """PNG bytes of the period's chart, 800x450 px, drawn in this process and thread.

    Raises ValueError for figures with no history at all: a new user gets the text from
    ``render_empty_summary()``, not an empty chart. A quiet period with older history still
    gets a chart (zero bars, with a note), which is honest and shows where the gap is.
    """
    _refuse_empty(figures)
    from bot.chart_drawing import draw_chart

    with _draw_lock:
        return draw_chart(figures)


async def render_chart_async(figures: SummaryFigures) -> bytes:
    """``render_chart`` in the worker process; the event loop only waits on a pipe."""
    _refuse_empty(figures)
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_PIPE_THREAD, _WORKER.render, figures)
    except ChartWorkerUnavailable as error:
        log.warning("chart worker unavailable (%s); drawing in the bot process", error)
        return await asyncio.to_thread(render_chart, figures)


def start_chart_worker() -> None:
    """Start the worker now (it warms up in the background) instead of on the first chart."""
    try:
        _WORKER.start()
    except ChartWorkerUnavailable as error:
        log.warning("chart worker not started (%s); charts will be drawn in the bot", error)


def start_chart_worker_soon(delay_s: float = WORKER_START_DELAY_S) -> None:
    """Start the worker ``delay_s`` after now, from the pipe thread: called at start-up, so the
    worker's imports don't compete with the bot's own start-up for the CPU, and the loop never
    waits for the fork. A chart wanted sooner starts the worker itself."""
    loop = asyncio.get_running_loop()
    loop.call_later(delay_s, _PIPE_THREAD.submit, start_chart_worker)


def stop_chart_worker() -> None:
    """Close the worker's stdin and wait for it briefly; it is started again on demand."""
    _WORKER.stop()


def chart_worker_pid() -> int | None:
    """The worker's process id while it runs (for the benchmark's RSS reading)."""
    return _WORKER.pid


def _refuse_empty(figures: SummaryFigures) -> None:
    if figures.is_empty:
        raise ValueError("no history to chart; send render_empty_summary() instead")


class _ChartWorker:
    """One worker process and the pipe protocol of ``bot.chart_worker``; thread-safe."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def start(self) -> None:
        with self._lock:
            self._running()

    def stop(self) -> None:
        with self._lock:
            if self._process is not None:
                self._retire(self._process, graceful=True)
                self._process = None

    def render(self, figures: SummaryFigures) -> bytes:
        payload = pickle.dumps(figures, protocol=pickle.HIGHEST_PROTOCOL)
        request = REQUEST_HEADER.pack(len(payload)) + payload
        with self._lock:
            for attempt in (1, 2):
                process = self._running()
                try:
                    status, body = self._exchange(process, request)
                except ChartWorkerUnavailable:
                    self._retire(process, graceful=False)
                    self._process = None
                    if attempt == 2:
                        raise
                    log.warning("chart worker lost; starting another")
                    continue
                if status != OK:
                    raise ChartDrawingFailed(body.decode(errors="replace"))
                return body
        raise AssertionError("unreachable")

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot.chart_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
            )
        except OSError as error:
            raise ChartWorkerUnavailable(type(error).__name__) from error
        return self._process

    @staticmethod
    def _exchange(process: subprocess.Popen[bytes], request: bytes) -> tuple[int, bytes]:
        assert process.stdin is not None and process.stdout is not None
        deadline = time.monotonic() + WORKER_TIMEOUT_S
        try:
            process.stdin.write(request)
        except OSError as error:  # BrokenPipeError: it died since the last chart
            raise ChartWorkerUnavailable(type(error).__name__) from error
        answers = process.stdout.fileno()
        status, length = ANSWER_HEADER.unpack(_read_exactly(answers, ANSWER_HEADER.size, deadline))
        return status, _read_exactly(answers, length, deadline)

    @staticmethod
    def _retire(process: subprocess.Popen[bytes], *, graceful: bool) -> None:
        if graceful and process.stdin is not None:
            try:
                process.stdin.close()  # the worker's cue to finish
                process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    missing = size
    while missing:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise ChartWorkerUnavailable("timed out")
        chunk = os.read(fd, missing)
        if not chunk:
            raise ChartWorkerUnavailable("exited")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


_WORKER = _ChartWorker()
_PIPE_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart-pipe")
"""One thread talks to the worker, so a burst of digests queues here and never fills the
default executor that other code needs; it spends its time in select(), without the GIL."""
atexit.register(_WORKER.stop)


__all__ = [
    "ChartDrawingFailed",
    "ChartWorkerUnavailable",
    "chart_worker_pid",
    "render_chart",
    "render_chart_async",
    "start_chart_worker",
    "start_chart_worker_soon",
    "stop_chart_worker",
]
