"""When the optional weekly digest is due: the chosen local weekday, at the check-in time.

Pure: ``now`` and the zone are parameters. The wall-clock rules are the check-in's own
(``bot.domain.schedule``), so the digest and that day's check-in arrive together even across
DST: a time inside a spring-forward gap moves to the end of the gap, a repeated time is used
once. A week whose digest day has no such time at all (a skipped date) simply has no digest.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule import checkin_instant_on, local_date_of

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""Index = ``date.weekday()``, which is also what ``users.digest_weekday`` stores."""

DIGEST_GRACE = timedelta(hours=12)
"""A digest found due this much later (the bot was down, the clock jumped) is skipped: a
week's summary arriving the next morning is stale and the next one is only days away."""

_SEARCH_WEEKS = 5


def weekday_name(weekday: int) -> str:
    """ "Monday" for 0 ... "Sunday" for 6."""
    _require_weekday(weekday)
    return WEEKDAY_NAMES[weekday]


def next_digest_at(
    now_utc: datetime,
    zone: ZoneInfo,
    weekday: int,
    local_time: time,
    last_sent_local_date: date | None = None,
) -> datetime:
    """The next digest instant (aware UTC), strictly after ``now_utc``.

    It falls on a local date whose weekday is ``weekday`` and which is after
    ``last_sent_local_date``, so a digest sent today is never scheduled again for today.
    """
    _require_weekday(weekday)
    if now_utc.tzinfo is None or now_utc.utcoffset() is None:
        raise ValueError("now_utc must be an aware datetime")
    now_utc = now_utc.astimezone(UTC)
    day = local_date_of(now_utc, zone)
    if last_sent_local_date is not None and last_sent_local_date >= day:
        day = last_sent_local_date + timedelta(days=1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    for _ in range(_SEARCH_WEEKS):
        candidate = checkin_instant_on(day, local_time, zone)
        if candidate is not None and candidate > now_utc:
            return candidate
        day += timedelta(days=7)
    raise ValueError(f"no digest time found within {_SEARCH_WEEKS} weeks in {zone.key}")


def is_digest_too_late(due_at: datetime, now: datetime, grace: timedelta = DIGEST_GRACE) -> bool:
    """True when a digest due at ``due_at`` is more than ``grace`` late at ``now``."""
    return now - due_at > grace


def _require_weekday(weekday: int) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
