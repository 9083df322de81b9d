"""``python -m bot console``: pick terminal or plain mode, own the process, run a session.

A terminal (stdin and stdout both TTYs) gets colours, line editing and history. Anything else
(a pipe, a file, a test) gets plain lines in and plain text out, with no escape codes, so a
piped transcript reads like a chat log and is the same on every run.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import os
import signal
import sys
from collections.abc import Iterator
from typing import TextIO

from pydantic import SecretStr
from rich.console import Console

from bot.console import commands as cmd
from bot.console.config import FAKE_TOKEN, ConsoleOptions, console_log_level, history_file
from bot.console.lines import LineSource, PromptLines, StreamLines

PLAIN_WIDTH = 80
LOOPBACK = ("127.0.0.1", "localhost")


def default_first_name() -> str:
    """The login name, capitalised (the bot greets the user by first name)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        return "Friend"
    name = login.split(".")[0].split("_")[0]
    return name.capitalize() if name.isalpha() else "Friend"


def is_interactive(stdin: TextIO, stdout: TextIO) -> bool:
    """Both ends are a terminal: worth a line editor and colours."""
    return _isatty(stdin) and _isatty(stdout)


def make_console(stdout: TextIO, *, interactive: bool) -> Console:
    """Rich output; plain mode is 80 columns and never writes an escape code."""
    if interactive:
        return Console(highlight=False, markup=False, emoji=False)
    return Console(
        file=stdout,
        force_terminal=False,
        color_system=None,
        no_color=True,
        width=PLAIN_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
    )


def main(options: ConsoleOptions) -> int:
    """Run a console session in this process; the process exit status."""
    from bot.logging_setup import configure_logging

    _keep_to_loopback()
    configure_logging(logging.getLevelNamesMapping()[console_log_level()], SecretStr(FAKE_TOKEN))
    interactive = is_interactive(sys.stdin, sys.stdout)
    if not interactive:
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    return asyncio.run(_main(options, interactive=interactive))


async def _main(options: ConsoleOptions, *, interactive: bool) -> int:
    from bot.console.session import run_console

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    with _terminal(interactive):
        console = make_console(sys.stdout, interactive=interactive)
        lines: LineSource
        if interactive:
            lines = PromptLines(history_file(options.db_path), _completions)
        else:
            lines = StreamLines(sys.stdin)
        return await run_console(options, lines, console, stop)


@contextlib.contextmanager
def _terminal(interactive: bool) -> Iterator[None]:
    """While prompting, let the bot's messages print above the prompt instead of through it."""
    if not interactive:
        yield
        return
    from prompt_toolkit.patch_stdout import patch_stdout

    with patch_stdout(raw=True):
        yield


def _completions() -> list[str]:
    """Tend's commands (the same list as /help) and the console's own."""
    from handlers import menu_entries

    return [f"/{name}" for name, _ in menu_entries()] + [
        usage.usage.split()[0] for usage in cmd.COMMANDS
    ]


def _keep_to_loopback() -> None:
    """Never send the local server's traffic through a proxy from the environment."""
    for name in ("NO_PROXY", "no_proxy"):
        present = [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]
        missing = [host for host in LOOPBACK if host not in present]
        os.environ[name] = ",".join([*present, *missing])


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
