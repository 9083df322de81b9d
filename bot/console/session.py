"""One console session: the real Tend Application against the in-process Bot API server.

The bot is built and run exactly as in production (``build_application`` and ``run``); only the
server it talks to and the clock it reads differ. This module owns start-up and shutdown; the
input loop (``bot.console.loop``) owns the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import sys
import time

from rich.console import Console

from bot.app import build_application, run
from bot.clock import ShiftedClock
from bot.console.config import (
    BOT_ID,
    CONSOLE_USER_ID,
    ConsoleOptions,
    console_settings,
    database_problem,
    files_dir,
    load_offset,
    start_over,
)
from bot.console.files import AttachmentSaver, display_path
from bot.console.lines import LineSource
from bot.console.loop import EXIT_OK, ConsoleSession, input_loop, settle_bot
from bot.console.printer import ChatPrinter
from bot.console.settle import Activity
from bot.console.timetravel import describe_offset
from bot.context import TendApplication
from bot.fakeapi import FakeBotApi, FakeUser
from bot.settings import ConfigError
from storage.migrate import MigrationError

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0

BANNER = (
    "Tend console: the real bot, in this terminal. No token, no network.",
    "Type as you would in Telegram; /start begins. A number presses a button.",
    ":help lists console commands; :quit or Ctrl-D leaves.",
)


async def run_console(
    options: ConsoleOptions,
    lines: LineSource,
    console: Console,
    stop: asyncio.Event | None = None,
) -> int:
    """Run until ``:quit``, end of input or ``stop``; the exit status for the process."""
    stop = stop or asyncio.Event()
    files = AttachmentSaver(
        files_dir(options.db_path), time.strftime("%Y%m%d-%H%M%S"), open_files=options.open_files
    )
    api = FakeBotApi(bot_id=BOT_ID)
    await api.start("127.0.0.1", 0)
    user = FakeUser(api, CONSOLE_USER_ID, options.first_name)
    printer = ChatPrinter(console, api, user.chat_id, files)
    try:
        for line in BANNER:
            printer.plain(line)
        if options.fresh:
            removed = start_over(options.db_path)
            printer.note("Starting fresh." if removed else "Starting fresh (nothing to remove).")
        problem = database_problem(options.db_path)
        if problem is not None:
            _cannot_start(options, problem)
            return EXIT_CONFIG
        clock = ShiftedClock(load_offset(options.db_path))
        try:
            settings = console_settings(api.base_url, api.base_file_url, options.db_path)
        except ConfigError as error:
            print(f"tend: {str(error).replace('DATABASE_PATH', '--db')}", file=sys.stderr)
            return EXIT_CONFIG
        printer.note(
            f"Data: {display_path(options.db_path)} (kept between runs; --fresh starts over)"
        )
        if clock.offset:
            printer.note(f"The clock is {describe_offset(clock.offset)}, from earlier :days.")
        app = build_application(settings, clock=clock)
        bot_task = asyncio.create_task(run(app, settings, stop), name="tend-bot")
        try:
            if not await _started(api, app, bot_task, options):
                return EXIT_OK if stop.is_set() else EXIT_CONFIG
            session = ConsoleSession(options, app, api, clock, user, printer, Activity(api))
            await settle_bot(session)
            return await input_loop(session, lines, stop, bot_task)
        finally:
            stop.set()
            await _finish(bot_task, printer)
    finally:
        lines.close()
        await api.stop()


async def _started(
    api: FakeBotApi, app: TendApplication, bot_task: asyncio.Task[None], options: ConsoleOptions
) -> bool:
    """Wait until the bot takes updates; explain a start-up failure in one line on stderr."""
    waiter = asyncio.create_task(_first_long_poll(api, app))
    done, _ = await asyncio.wait({bot_task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    if waiter in done and waiter.exception() is None:
        return True
    waiter.cancel()
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await waiter
    error = bot_task.exception() if bot_task.done() and not bot_task.cancelled() else None
    if error is None and bot_task.done():
        return False  # stopped on request (Ctrl-C during start-up)
    if error is not None and not isinstance(error, MigrationError | sqlite3.DatabaseError):
        log.error("Tend could not start", exc_info=error)
    _cannot_start(options, str(error) if error is not None else "it took too long")
    return False


def _cannot_start(options: ConsoleOptions, reason: str) -> None:
    print(
        f"tend: Tend could not start on the console database {options.db_path}: {reason}. "
        "--fresh starts over with a new one.",
        file=sys.stderr,
    )


async def _first_long_poll(api: FakeBotApi, app: TendApplication) -> None:
    """Until the bot long-polls and its Application is running (which no request announces,
    so this polls rather than waiting on the server)."""
    async with asyncio.timeout(START_TIMEOUT):
        while True:
            if app.running and api.calls_of("getUpdates"):
                return
            await asyncio.sleep(0.02)


async def _finish(bot_task: asyncio.Task[None], printer: ChatPrinter) -> None:
    """Let the bot stop through its own shutdown (in-flight updates finish, storage closes)."""
    if bot_task.done():
        return
    try:
        await asyncio.wait_for(bot_task, timeout=STOP_TIMEOUT)
    except TimeoutError:
        printer.problem("Tend took too long to stop; leaving anyway.")
    finally:
        printer.drain()
