"""When the daily check-in is due, in the user's own wall-clock time.

Rules (all pure; `now` and the zone are parameters):

* The check-in is at the user's chosen local time every day, so 19:00 stays 19:00 local
  across DST changes.
* A local time that does not exist that day (spring-forward gap) is sent at the wall time
  right after the gap ends (Berlin 02:30 on the spring-forward day -> 03:00).
* A repeated local time (fall back) is sent once, at its first occurrence (``fold=0``).
* At most one check-in per local date: a check-in belongs to the local date on which it is
  sent. If the gap shift would push it onto the next date (a gap running through midnight,
  or a whole skipped day such as Pacific/Apia 2011-12-30), that day simply has no check-in.
* Callers record ``last_sent_local_date = local_date_of(<instant actually sent>, zone)``.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

MISSED_CHECKIN_GRACE = timedelta(hours=3)
"""A check-in missed while the bot was down is still sent when at most this late."""

_ONE_DAY = timedelta(days=1)
# A check-in day can be lost to a skipped date or a midnight-crossing gap; a few days of
# look-ahead covers every transition in the tz database with room to spare.
_SEARCH_DAYS = 7


def local_date_of(instant: datetime, zone: ZoneInfo) -> date:
    """The user's calendar date at `instant` (which must be aware)."""
    _require_aware(instant, "instant")
    return instant.astimezone(zone).date()


@lru_cache(maxsize=4096)
def checkin_instant_on(day: date, local_time: time, zone: ZoneInfo) -> datetime | None:
    """The aware UTC instant of the check-in for local date `day`, or None if `day` has none.

    None happens only when the wall time falls in a gap whose end lies on a later date
    (a skipped day, or a gap across midnight): the day then gets no check-in at all,
    which keeps "one per local date" true. Kept per (day, time, zone): a sweep asks the same
    few (many users share a zone and a round time) for every user it plans.
    """
    _require_naive_time(local_time)
    wall = datetime.combine(day, local_time.replace(fold=0))
    first_occurrence = wall.replace(tzinfo=zone).astimezone(UTC)
    if _wall_clock(first_occurrence, zone) == wall:
        return first_occurrence
    after_gap = _gap_end(wall, zone)
    return after_gap if local_date_of(after_gap, zone) == day else None


def next_checkin_at(
    now_utc: datetime,
    zone: ZoneInfo,
    local_time: time,
    last_sent_local_date: date | None,
) -> datetime:
    """The next check-in instant (aware UTC), strictly after `now_utc`.

    Never lands on a local date on or before `last_sent_local_date`, so a check-in that was
    already sent today (or recorded for a date in the future, e.g. after a late send past
    midnight) is never repeated on the same date.
    """
    _require_aware(now_utc, "now_utc")
    now_utc = now_utc.astimezone(UTC)
    first_day = local_date_of(now_utc, zone)
    if last_sent_local_date is not None and last_sent_local_date >= first_day:
        first_day = last_sent_local_date + _ONE_DAY
    for offset in range(_SEARCH_DAYS):
        candidate = checkin_instant_on(first_day + offset * _ONE_DAY, local_time, zone)
        if candidate is not None and candidate > now_utc:
            return candidate
    raise ValueError(f"no check-in time found within {_SEARCH_DAYS} days in {zone.key}")


def last_due_checkin_at(
    now_utc: datetime,
    zone: ZoneInfo,
    local_time: time,
    last_sent_local_date: date | None,
) -> datetime | None:
    """The most recent check-in instant at or before `now_utc` that has not been sent.

    For start-up after downtime: pass the result to `is_missed_too_late` to decide whether
    to send it now or skip it. Only the last few local days are considered (anything older
    is far past the grace period); None means nothing is owed.
    """
    _require_aware(now_utc, "now_utc")
    now_utc = now_utc.astimezone(UTC)
    today = local_date_of(now_utc, zone)
    for offset in range(_SEARCH_DAYS):
        day = today - offset * _ONE_DAY
        if last_sent_local_date is not None and day <= last_sent_local_date:
            return None
        candidate = checkin_instant_on(day, local_time, zone)
        if candidate is not None and candidate <= now_utc:
            return candidate
    return None


def is_missed_too_late(
    due_at: datetime, now: datetime, grace: timedelta = MISSED_CHECKIN_GRACE
) -> bool:
    """True when a check-in due at `due_at` is more than `grace` late at `now` (skip it).

    A check-in exactly `grace` late is still sent; one not yet due is never "too late".
    """
    _require_aware(due_at, "due_at")
    _require_aware(now, "now")
    return now - due_at > grace


def _wall_clock(instant: datetime, zone: ZoneInfo) -> datetime:
    """Naive local wall time shown by a clock in `zone` at `instant`."""
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def _gap_end(wall: datetime, zone: ZoneInfo) -> datetime:
    """The transition instant that skips over the non-existent wall time `wall`.

    With fold=1 the wall time maps to a UTC instant before the transition and with fold=0 to
    one after it; the transition is the first whole second in between whose wall clock has
    jumped past `wall`. tzdata transitions fall on whole seconds, so integer search is exact.
    """
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC).timestamp()
    after = wall.replace(tzinfo=zone, fold=0).astimezone(UTC).timestamp()
    low, high = math.ceil(before), math.floor(after)
    while low < high:
        middle = (low + high) // 2
        if _wall_clock(datetime.fromtimestamp(middle, UTC), zone) >= wall:
            high = middle
        else:
            low = middle + 1
    return datetime.fromtimestamp(low, UTC)


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def _require_naive_time(local_time: time) -> None:
    if local_time.tzinfo is not None:
        raise ValueError("local_time must be a naive wall-clock time")
