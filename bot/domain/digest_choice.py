"""/digest's open question (which weekday, or off) and what it says about the setting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import ClassVar, Self
from zoneinfo import ZoneInfo

from bot.domain.clocktime import format_time_of_day
from bot.domain.conversation import BadState, payload_of
from bot.domain.digest import next_digest_at, weekday_name
from bot.domain.timezones import describe_zone_name

NEEDS_SETUP = (
    "The weekly digest comes at your daily check-in time, so let's set that first: send /start."
)


class DigestStep(StrEnum):
    """The one question /digest keeps open."""

    DAY = "day"


@dataclass(frozen=True)
class DigestChoice:
    """The day buttons are showing; the setting itself lives in ``users``."""

    name: ClassVar[str] = "digest"

    step: DigestStep = DigestStep.DAY

    def to_json(self) -> str:
        """The payload column (nothing besides the step)."""
        return "{}"

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        payload_of(payload)
        if step != DigestStep.DAY:
            raise BadState(f"unreadable digest choice {step!r}")
        return cls()


def digest_text(
    weekday: int | None, checkin: time, zone: str, next_at: datetime | None = None
) -> str:
    """Where the setting stands and what the buttons do."""
    at = f"{format_time_of_day(checkin)} ({describe_zone_name(zone)} time)"
    if weekday is None:
        return (
            "Weekly digest: off.\n\n"
            "I can send you your week's summary and chart once a week, on the day you pick, "
            f"at your check-in time, {at}. Pick a day:"
        )
    upcoming = ""
    if next_at is not None:
        local = next_at.astimezone(ZoneInfo(zone))
        upcoming = f" The next one comes {local.strftime('%A')} {local.day} {local.strftime('%B')}."
    return (
        f"Weekly digest: on, every {weekday_name(weekday)} at {at}.{upcoming}\n\n"
        "Pick another day, or turn it off:"
    )


def first_digest(
    weekday: int | None, now: datetime, zone: str, checkin: time, last_sent: date | None
) -> datetime | None:
    """When a newly chosen day's first digest comes (None: turned off)."""
    if weekday is None:
        return None
    return next_digest_at(now, ZoneInfo(zone), weekday, checkin, last_sent)


def day_label(weekday: int | None, current: int | None) -> str:
    """A day button ("Wed", "Off"), ticked when it is the current choice."""
    text = "Off" if weekday is None else weekday_name(weekday)[:3]
    return f"✓ {text}" if weekday == current else text


def picked(weekday: int | None) -> str:
    """The short confirmation on the pressed button."""
    on = "off" if weekday is None else f"on: {weekday_name(weekday)}s"
    return f"Weekly digest {on}."
