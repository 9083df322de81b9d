"""Where typed lines come from: a line editor with history on a terminal, plain lines otherwise."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TextIO


class LineSource(Protocol):
    """Lines the user typed; ``read`` returns None at the end of input (Ctrl-D, EOF)."""

    echo: bool
    """True when what was read is not on screen yet, so the console should print it."""

    async def read(self) -> str | None:
        """The next line, without its newline."""
        ...

    def close(self) -> None:
        """Release the terminal or stream."""
        ...


class StreamLines:
    """Lines from a pipe or file, read by a daemon thread so a blocked read never holds exit."""

    echo = True

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._queue: asyncio.Queue[str | None] | None = None
        self._thread: threading.Thread | None = None

    async def read(self) -> str | None:
        """The next line, or None at end of input."""
        if self._queue is None:
            self._queue = asyncio.Queue()
            loop = asyncio.get_running_loop()
            self._thread = threading.Thread(
                target=_pump, args=(self._stream, loop, self._queue.put_nowait), daemon=True
            )
            self._thread.start()
        return await self._queue.get()

    def close(self) -> None:
        """Nothing to release: the daemon thread ends with the process or the stream."""


def _pump(
    stream: TextIO, loop: asyncio.AbstractEventLoop, put: Callable[[str | None], None]
) -> None:
    # A closed stream ends the input like EOF does; a closed loop means the console has left.
    with contextlib.suppress(OSError, ValueError, RuntimeError):
        for line in stream:
            loop.call_soon_threadsafe(put, line.rstrip("\r\n"))
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(put, None)


class ScriptedLines:
    """Lines given up front (tests, and anything else that drives the console in-process)."""

    echo = True

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = list(lines)

    async def read(self) -> str | None:
        """The next line, or None after the last."""
        await asyncio.sleep(0)
        return self._lines.pop(0) if self._lines else None

    def close(self) -> None:
        """Nothing to release."""


class PromptLines:
    """prompt_toolkit: line editing, history across runs, completion of commands."""

    echo = False

    def __init__(self, history_path: Path, words: Callable[[], list[str]]) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import WordCompleter
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.history import FileHistory

        history_path.parent.mkdir(parents=True, exist_ok=True)
        self._prompt = FormattedText([("ansigreen bold", "You › ")])
        self._placeholder = FormattedText(
            [("ansibrightblack", "message, /command, button number, or :help")]
        )
        self._session: PromptSession[str] = PromptSession(
            history=FileHistory(str(history_path)),
            completer=WordCompleter(words, sentence=True),
            complete_while_typing=False,
        )

    async def read(self) -> str | None:
        """The next line; Ctrl-C clears the line (as in a shell), Ctrl-D leaves."""
        while True:
            try:
                return await self._session.prompt_async(self._prompt, placeholder=self._placeholder)
            except KeyboardInterrupt:
                continue
            except EOFError:
                return None

    def close(self) -> None:
        """History is written as it goes; nothing else to release."""
