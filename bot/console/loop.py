"""The input loop: each typed line becomes what a Telegram client would send, or a console
command; then the loop waits until Tend has finished answering before reading the next line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.clock import ShiftedClock
from bot.console import commands as cmd
from bot.console.config import ConsoleOptions, save_offset
from bot.console.lines import LineSource
from bot.console.printer import ChatPrinter
from bot.console.render import find_button, inline_rows
from bot.console.settle import Activity, bot_is_busy, settle
from bot.console.timetravel import checkin_sender, describe_now, travel
from bot.context import TendApplication, services_of
from bot.fakeapi import FakeBotApi, FakeUser
from bot.fakeapi.server import BotMessage

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1

CHECKIN_NOT_SENT = (
    "No check-in this time: today's was already sent, or check-ins are paused or off. "
    ":days 1 moves to tomorrow."
)
CHECKIN_NOT_BUILT = (
    "Check-ins aren't in this build yet (bot.scheduling.send_checkin_now is missing), "
    "so :checkin can't run."
)


@dataclass
class ConsoleSession:
    """Everything the input loop needs, built once the bot is taking updates."""

    options: ConsoleOptions
    app: TendApplication
    api: FakeBotApi
    clock: ShiftedClock
    user: FakeUser
    printer: ChatPrinter
    activity: Activity


async def input_loop(
    session: ConsoleSession, lines: LineSource, stop: asyncio.Event, bot_task: asyncio.Task[None]
) -> int:
    """Read, act, wait for Tend's answer; until :quit, end of input or ``stop``. Exit status."""
    follower = asyncio.create_task(session.printer.follow(), name="console-printer")
    try:
        while True:
            line = await _next_line(lines, stop, bot_task)
            if stop.is_set():
                session.printer.note("Stopping. Bye!")
                return EXIT_OK
            if bot_task.done():
                session.printer.problem("Tend stopped unexpectedly; see the log above.")
                return EXIT_FAILED
            if line is None:
                session.printer.note("End of input. Bye!")
                return EXIT_OK
            action = cmd.parse_line(line)
            if isinstance(action, cmd.Quit):
                if lines.echo:
                    session.printer.echo(line)
                session.printer.note("Bye!")
                return EXIT_OK
            await _perform(session, action, line, echo=lines.echo)
            await settle_bot(session)
    finally:
        follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await follower


async def _next_line(
    lines: LineSource, stop: asyncio.Event, bot_task: asyncio.Task[None]
) -> str | None:
    """The next line, or None when input ends or the console is told to stop."""
    reader = asyncio.ensure_future(lines.read())
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({reader, stopper, bot_task}, return_when=asyncio.FIRST_COMPLETED)
    if reader in done:
        stopper.cancel()
        return reader.result()
    reader.cancel()
    stopper.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await reader
    return None


async def settle_bot(session: ConsoleSession) -> None:
    """Print Tend's answer as it comes, returning once Tend has gone quiet."""
    finished = await settle(
        lambda: bot_is_busy(session.app, session.api),
        session.activity.mark,
        session.printer.drain,
    )
    session.printer.drain()
    if not finished:
        session.printer.note("Tend is still working on that; its answer will show up here.")


async def _perform(session: ConsoleSession, action: cmd.Action, line: str, *, echo: bool) -> None:
    """Do what one line asks."""
    printer, user = session.printer, session.user
    if isinstance(action, cmd.Nothing):
        return
    if isinstance(action, cmd.SendText):
        if echo:
            printer.echo(action.text)
        await user.send(action.text)
    elif isinstance(action, cmd.PressNumber):
        await _press_number(session, action, echo=echo)
    elif isinstance(action, cmd.PressLabel):
        await _press_label(session, action, line, echo=echo)
    elif isinstance(action, cmd.ShareLocation):
        if echo:
            printer.echo(f"📍 location {action.latitude}, {action.longitude}")
        await user.send_location(action.latitude, action.longitude)
    else:
        if echo:
            printer.echo(line.strip())
        await _console_command(session, action)


async def _console_command(session: ConsoleSession, action: cmd.Action) -> None:
    printer = session.printer
    if isinstance(action, cmd.ShowHelp):
        printer.lines(cmd.help_lines())
    elif isinstance(action, cmd.Mistake):
        printer.problem(action.message)
    elif isinstance(action, cmd.TravelDays):
        offset = travel(session.clock, action.days)
        save_offset(session.options.db_path, offset)
        noun = "1 day" if action.days == 1 else f"{action.days} days"
        printer.note(f"The clock moves {noun} forward: {await _now_text(session)}.")
    elif isinstance(action, cmd.RunCheckin):
        await _checkin(session)


async def _press_number(session: ConsoleSession, action: cmd.PressNumber, *, echo: bool) -> None:
    printer, user = session.printer, session.user
    target = user.last_with_buttons()
    if target is None:
        # No buttons to press: a number is just text, as in Telegram (a time like "7", say).
        if echo:
            printer.echo(action.typed)
        await user.send(action.typed)
        return
    buttons = [button for row in inline_rows(target) for button in row]
    chosen = next((b for b in buttons if b.number == action.number), None)
    if chosen is None:
        if echo:
            printer.echo(action.typed)
        printer.problem(
            f"There's no button {action.number}; the latest buttons are 1-{len(buttons)}. "
            f":say {action.typed} sends it as text."
        )
        return
    await _press(session, chosen.label, chosen.callback_data, chosen.url, target, echo=echo)


async def _press_label(
    session: ConsoleSession, action: cmd.PressLabel, line: str, *, echo: bool
) -> None:
    printer, user = session.printer, session.user
    target = user.last_with_buttons()
    chosen = find_button(target, action.label) if target is not None else None
    if target is None or chosen is None:
        if echo:
            printer.echo(line.strip())
        labels = ", ".join(b.label for row in inline_rows(target) for b in row) if target else ""
        where = f" (the latest are: {labels})" if labels else ""
        printer.problem(f"There's no button “{action.label}”{where}.")
        return
    await _press(session, chosen.label, chosen.callback_data, chosen.url, target, echo=echo)


async def _press(
    session: ConsoleSession,
    label: str,
    data: str | None,
    url: str | None,
    target: BotMessage,
    *,
    echo: bool,
) -> None:
    printer = session.printer
    if echo:
        printer.echo(f"[{label}]")
    else:
        printer.note(f"You pressed “{label}”.")
    if url is not None:
        printer.note(f"That button opens {url}")
        return
    if data is None:
        printer.problem("That kind of button can't be pressed in the console.")
        return
    await session.user.press(data=data, message=target)


async def _checkin(session: ConsoleSession) -> None:
    printer = session.printer
    known = await services_of(session.app).users.get(session.user.id)
    if known is None or not known.onboarded:
        printer.problem("Finish /start first: a check-in needs your time zone and check-in time.")
        return
    sender = checkin_sender()
    if sender is None:
        printer.problem(CHECKIN_NOT_BUILT)
        return
    printer.note(f"Running your check-in now ({await _now_text(session)}).")
    before = len(session.user.messages)
    try:
        await sender(session.app, session.user.id)
    except Exception:
        log.exception("send_checkin_now failed")
        printer.problem("The check-in failed; the log above says why.")
        return
    await settle_bot(session)
    if len(session.user.messages) == before:
        printer.note(CHECKIN_NOT_SENT)


async def _now_text(session: ConsoleSession) -> str:
    """What the bot's clock says, in the user's zone once they have one."""
    known = await services_of(session.app).users.get(session.user.id)
    zone_name = known.timezone if known is not None and known.timezone else "UTC"
    zone = known.zone if known is not None else ZoneInfo("UTC")
    return describe_now(session.clock.now(), zone, zone_name)
