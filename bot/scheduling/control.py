"""What the user can do to their schedule: reschedule after a change, pause, snooze, resume.

Every change is written together with the user's new ``next_checkin_at``, so it takes effect
for the very next check-in without waiting for a sweep.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clocktime import format_time_of_day
from bot.scheduling.planner import upcoming_checkin, upcoming_digest
from bot.services import Services
from storage.checkins import PAUSED_FOREVER, Reschedule

MAX_PAUSE_DAYS = 365


async def reschedule(services: Services, user_id: int) -> datetime | None:
    """Recompute and store the user's next check-in from their current settings.

    After a change of zone or time (``needs_reschedule``) the digest moves with it, and the
    flag is cleared here at once rather than by the next sweep.
    """
    row = await services.checkins.schedule_row(user_id)
    if row is None:
        return None
    now = services.clock.now()
    next_at = upcoming_checkin(row, now)
    if row.needs_reschedule:
        await services.checkins.apply_reschedule(
            [Reschedule(row, next_at, upcoming_digest(row, now))]
        )
    else:
        await services.checkins.set_next(user_id, next_at)
    return next_at


async def pause(services: Services, user_id: int, days: int | None) -> datetime | None:
    """Pause for `days` (None: until /resume); returns when check-ins come back, if known."""
    if days is not None and not 1 <= days <= MAX_PAUSE_DAYS:
        raise ValueError(f"pause days must be 1-{MAX_PAUSE_DAYS}")
    until = PAUSED_FOREVER if days is None else services.clock.now() + timedelta(days=days)
    await services.checkins.set_paused_until(user_id, until)
    return await reschedule(services, user_id)


async def resume(services: Services, user_id: int) -> datetime | None:
    """End any pause or snooze; returns the next check-in."""
    await services.checkins.set_paused_until(user_id, None)
    return await reschedule(services, user_id)


def describe_when(instant: datetime, now: datetime, zone: ZoneInfo) -> str:
    """ "today at 19:30", "tomorrow at 19:30", "on Friday at 19:30", "on Fri 12 Dec at 19:30"."""
    local = instant.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    at = format_time_of_day(local.time().replace(second=0, microsecond=0))
    if days <= 0:
        return f"today at {at}"
    if days == 1:
        return f"tomorrow at {at}"
    if days < 7:
        return f"on {local:%A} at {at}"
    return f"on {local:%a} {local.day} {local:%b} at {at}"


async def describe_next(services: Services, user_id: int, next_at: datetime | None) -> str:
    """A sentence about the next check-in, in the user's own time."""
    if next_at is None:
        return "No check-ins are planned right now."
    row = await services.checkins.schedule_row(user_id)
    zone = ZoneInfo(row.timezone) if row is not None and row.timezone else ZoneInfo("UTC")
    return f"Your next check-in is {describe_when(next_at, services.clock.now(), zone)}."
