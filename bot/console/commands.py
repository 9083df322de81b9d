"""What one typed console line means: a message for Tend, a button press, or a console command.

Parsing is pure so the console's whole grammar is unit-tested without a bot. Anything that is
not a console command goes to Tend exactly as typed, the way Telegram would send it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_TRAVEL_DAYS = 3650
"""Ten years is plenty for trying digests; a bigger jump is almost certainly a typo."""


@dataclass(frozen=True)
class SendText:
    """Text (or a /command) for Tend."""

    text: str


@dataclass(frozen=True)
class PressNumber:
    """A bare number: press that button on the latest message with buttons."""

    number: int
    typed: str


@dataclass(frozen=True)
class PressLabel:
    """Press the button whose label matches, so scripted transcripts survive reordering."""

    label: str


@dataclass(frozen=True)
class ShareLocation:
    """Share a location, as Telegram's attachment menu would."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class TravelDays:
    """Move the console's clock forward."""

    days: int


@dataclass(frozen=True)
class RunCheckin:
    """Run the user's check-in now."""


@dataclass(frozen=True)
class ShowHelp:
    """List the console commands."""


@dataclass(frozen=True)
class Quit:
    """Leave the console."""


@dataclass(frozen=True)
class Nothing:
    """An empty line."""


@dataclass(frozen=True)
class Mistake:
    """A console command typed wrong: explained to the user, nothing is sent to Tend."""

    message: str


Action = (
    SendText
    | PressNumber
    | PressLabel
    | ShareLocation
    | TravelDays
    | RunCheckin
    | ShowHelp
    | Quit
    | Nothing
    | Mistake
)


@dataclass(frozen=True)
class CommandHelp:
    """One line of ``:help``."""

    usage: str
    summary: str


COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(":location LAT LON", "share a location, e.g. :location 52.52 13.40"),
    CommandHelp(":press LABEL", "press the latest button whose label matches LABEL"),
    CommandHelp(":say TEXT", "send TEXT as typed, even a bare number or a leading colon"),
    CommandHelp(":checkin", "run your check-in now, as if it were your check-in time"),
    CommandHelp(":days N", "move the clock N days forward (quiet kinds, weekly digest)"),
    CommandHelp(":help", "this list"),
    CommandHelp(":quit", "leave (Ctrl-D or the end of piped input works too)"),
)

_COMMAND_RE = re.compile(r"^:(?P<name>[A-Za-z]+)(?:\s+(?P<rest>.*))?$", re.DOTALL)
_NUMBER_RE = re.compile(r"^[0-9]{1,3}$")
_QUIT_NAMES = frozenset({"quit", "q", "exit"})


def help_lines() -> list[str]:
    """The ``:help`` text, also used by ``--help``."""
    width = max(len(command.usage) for command in COMMANDS)
    lines = [f"{command.usage.ljust(width)}  {command.summary}" for command in COMMANDS]
    lines.append("")
    lines.append("Anything else goes to Tend as typed; a bare number presses a button")
    lines.append("on the latest message with buttons.")
    return lines


def parse_line(line: str) -> Action:
    """Classify one typed line."""
    text = line.strip()
    if not text:
        return Nothing()
    if _NUMBER_RE.match(text):
        return PressNumber(int(text), text)
    match = _COMMAND_RE.match(text)
    if match is None:
        return SendText(text)
    name = match["name"].lower()
    rest = (match["rest"] or "").strip()
    if name == "say":
        return SendText(rest) if rest else Mistake("Type the text after :say, e.g. :say 7")
    if name == "press":
        return PressLabel(rest) if rest else Mistake("Type a label after :press, e.g. :press Call")
    if name == "location":
        return _location(rest)
    if name == "days":
        return _days(rest)
    if name == "checkin":
        return RunCheckin()
    if name == "help":
        return ShowHelp()
    if name in _QUIT_NAMES:
        return Quit()
    return Mistake(f"There's no console command :{name}. :help lists them; :say sends text as is.")


def _location(rest: str) -> Action:
    usage = "Type a latitude and a longitude, e.g. :location 52.52 13.40"
    parts = rest.replace(",", " ").split()
    if len(parts) != 2:
        return Mistake(usage)
    try:
        latitude, longitude = float(parts[0]), float(parts[1])
    except ValueError:
        return Mistake(usage)
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return Mistake(usage)
    if not -90 <= latitude <= 90:
        return Mistake("Latitude goes from -90 to 90, e.g. :location 52.52 13.40")
    if not -180 <= longitude <= 180:
        return Mistake("Longitude goes from -180 to 180, e.g. :location 52.52 13.40")
    return ShareLocation(latitude, longitude)


def _days(rest: str) -> Action:
    usage = f"Type a whole number of days from 1 to {MAX_TRAVEL_DAYS}, e.g. :days 10"
    try:
        days = int(rest)
    except ValueError:
        return Mistake(usage)
    if not 1 <= days <= MAX_TRAVEL_DAYS:
        return Mistake(usage)
    return TravelDays(days)
