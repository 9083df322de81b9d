"""``:days`` and ``:checkin``: console-only time travel through the one clock seam.

Moving the ``ShiftedClock`` is all ``:days`` does; everything in Tend that reads the time reads
it from that clock, so quiet kinds and digests follow. ``:checkin`` asks the check-in scheduler
(``bot.scheduling.send_checkin_now``) to send the user's check-in now.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import ShiftedClock

SCHEDULER_MODULE = "bot.scheduling"
SEND_NOW = "send_checkin_now"

CheckinSender = Callable[[Any, int], Awaitable[None]]


def checkin_sender() -> CheckinSender | None:
    """The scheduler's ``send_checkin_now``, or None while the scheduler isn't in this tree."""
    try:
        module = importlib.import_module(SCHEDULER_MODULE)
    except ModuleNotFoundError as error:
        if error.name == SCHEDULER_MODULE:
            return None
        raise
    sender = getattr(module, SEND_NOW, None)
    return sender if callable(sender) else None


def travel(clock: ShiftedClock, days: int) -> timedelta:
    """Move the clock ``days`` forward; returns the new total offset."""
    clock.advance(timedelta(days=days))
    return clock.offset


def describe_now(now: datetime, zone: ZoneInfo, zone_name: str) -> str:
    """``Sat 5 Dec 2026, 19:31 in Europe/Berlin``: what the bot believes the time is."""
    local = now.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} in {zone_name}"


def describe_offset(offset: timedelta) -> str:
    """``10 days ahead`` (whole days, as ``:days`` moves them)."""
    days = round(offset.total_seconds() / 86400)
    return "1 day ahead" if days == 1 else f"{days} days ahead"
