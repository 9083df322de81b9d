"""Deciding, for one due user, whether a check-in goes out now and when the next one is.

Pure: the stored settings and `now` in, a decision out. The sweep, the settings handlers and
the forced console check-in all ask this one place, so the rules cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinFrequency
from bot.domain.digest import next_digest_at
from bot.domain.schedule import (
    is_missed_too_late,
    last_due_checkin_at,
    local_date_of,
    next_checkin_at,
)
from storage.checkins import is_paused_forever
from storage.users import User


class Reason(StrEnum):
    """Why a due user was (or was not) sent a check-in; used for counts in the log."""

    DUE = "due"
    FORCED = "forced"
    SETTINGS_CHANGED = "settings changed"
    NOT_SET_UP = "not set up"
    INACTIVE = "inactive"
    OFF = "off"
    PAUSED = "paused"
    NOT_DUE = "not due"
    TOO_LATE = "too late"
    ALREADY_SENT = "already sent today"


@dataclass(frozen=True)
class Plan:
    """`send`: claim `local_date` now (due at `due_at`). `next_at`: the schedule to store."""

    send: bool
    next_at: datetime | None
    reason: Reason
    due_at: datetime | None = None
    local_date: date | None = None


def upcoming_checkin(row: User, now: datetime) -> datetime | None:
    """The next check-in strictly after `now` under the user's settings (None: none planned).

    Never on a local date that already had one, after any pause, nothing while off/blocked.
    """
    if not row.onboarded or not row.active or row.frequency is CheckinFrequency.OFF:
        return None
    zone, local_time = _zone_and_time(row)
    start = now
    if row.paused_until is not None and row.paused_until > now:
        if is_paused_forever(row.paused_until):
            return None
        start = row.paused_until
    return next_checkin_at(start, zone, local_time, row.last_checkin_date)


def plan_checkin(row: User, now: datetime, *, forced: bool = False) -> Plan:
    """What to do with a user picked up by the sweep (or forced by the console) at `now`.

    Sends only a check-in that is owed: the latest scheduled instant not yet sent, at most
    `MISSED_CHECKIN_GRACE` late, outside any pause, on a local date without one. `forced`
    treats `now` as the check-in time (the console's ``:checkin``).
    """
    if row.needs_reschedule and not forced:
        return Plan(False, upcoming_checkin(row, now), Reason.SETTINGS_CHANGED)
    blocker = _blocker(row, now)
    if blocker is not None:
        return Plan(False, upcoming_checkin(row, now), blocker)
    zone, local_time = _zone_and_time(row)
    if forced:
        due: datetime | None = now
    else:
        due = last_due_checkin_at(now, zone, local_time, row.last_checkin_date)
        if due is None or (row.paused_until is not None and due < row.paused_until):
            return Plan(False, upcoming_checkin(row, now), Reason.NOT_DUE)
        if is_missed_too_late(due, now):
            return Plan(False, upcoming_checkin(row, now), Reason.TOO_LATE)
    assert due is not None
    today = local_date_of(now, zone)
    if row.last_checkin_date is not None and row.last_checkin_date >= today:
        return Plan(False, upcoming_checkin(row, now), Reason.ALREADY_SENT)
    return Plan(
        True,
        next_checkin_at(now, zone, local_time, today),
        Reason.FORCED if forced else Reason.DUE,
        due_at=due,
        local_date=today,
    )


def upcoming_digest(row: User, now: datetime) -> datetime | None:
    """The next weekly digest strictly after `now` (None: off, or no check-in time yet)."""
    if row.digest_weekday is None or row.checkin_time is None:
        return None
    return next_digest_at(now, row.zone, row.digest_weekday, row.checkin_time, row.last_digest_date)


def _blocker(row: User, now: datetime) -> Reason | None:
    if not row.onboarded:
        return Reason.NOT_SET_UP
    if not row.active:
        return Reason.INACTIVE
    if row.frequency is CheckinFrequency.OFF:
        return Reason.OFF
    if row.paused_until is not None and row.paused_until > now:
        return Reason.PAUSED
    return None


def _zone_and_time(row: User) -> tuple[ZoneInfo, time]:
    assert row.timezone is not None and row.checkin_time is not None
    return ZoneInfo(row.timezone), row.checkin_time
