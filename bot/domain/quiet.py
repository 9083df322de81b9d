"""Which connection kinds have gone quiet and which contacts are overdue.

Days are counted as local calendar days in the user's zone: something logged at 23:50 and
looked at 00:10 the next local day is 1 day ago; something logged earlier today is 0 days
ago. Timestamps in the future (clock skew) count as 0 days.

* A kind is quiet when its days since the last logged interaction EXCEED its threshold
  (intimate 4 -> quiet from day 5). A kind never logged is measured from when the user joined,
  so a new user is not nagged on day one; the result says `never_logged=True`.
* A contact is overdue when at least `rhythm_days` days have passed since its last interaction
  (or since it was added, if never logged): a weekly friend is due again on day 7.
  Contacts without a rhythm are never overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType

_KINDS = tuple(ConnectionType)
_KIND_ORDER = {kind: index for index, kind in enumerate(_KINDS)}


@dataclass(frozen=True)
class ContactState:
    """What quiet detection and suggestions need to know about one active contact."""

    contact_id: int
    name: str
    kind: ConnectionType
    rhythm_days: int | None
    last_interaction_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class QuietKind:
    """A kind that has gone quiet: `days_since` local days against its `threshold`."""

    kind: ConnectionType
    days_since: int
    threshold: int
    never_logged: bool = False

    @property
    def days_past_threshold(self) -> int:
        """How far beyond the threshold it is (>= 1 for a quiet kind)."""
        return self.days_since - self.threshold


@dataclass(frozen=True)
class OverdueContact:
    """A contact past its personal rhythm: `days_since` local days against `rhythm_days`."""

    contact_id: int
    name: str
    kind: ConnectionType
    days_since: int
    rhythm_days: int
    never_logged: bool = False


def local_days_between(earlier: datetime, later: datetime, zone: ZoneInfo) -> int:
    """Local calendar days from `earlier` to `later` in `zone`; 0 if `earlier` is not before."""
    for value in (earlier, later):
        if value.tzinfo is None:
            raise ValueError("datetimes must be aware")
    days = (later.astimezone(zone).date() - earlier.astimezone(zone).date()).days
    return max(days, 0)


def _local_today(now: datetime, zone: ZoneInfo) -> date:
    if now.tzinfo is None:
        raise ValueError("datetimes must be aware")
    return now.astimezone(zone).date()


def _local_days_before(earlier: datetime, today: date, zone: ZoneInfo) -> int:
    """`local_days_between(earlier, now, zone)` with now's local date worked out once."""
    if earlier.tzinfo is None:
        raise ValueError("datetimes must be aware")
    return max((today - earlier.astimezone(zone).date()).days, 0)


def quiet_sort_key(quiet: QuietKind) -> tuple[float, int, int]:
    """Most quiet first: highest days/threshold ratio, then most days past it, then kind order.

    A ratio treats "8 days without someone close (threshold 4)" as quieter than "20 days
    without a group (threshold 14)", matching how far each kind is from the user's own rhythm.
    """
    ratio = quiet.days_since / quiet.threshold
    return (-ratio, -quiet.days_past_threshold, _KIND_ORDER[quiet.kind])


def quiet_kinds(
    last_interaction_by_kind: Mapping[ConnectionType, datetime | None],
    *,
    now: datetime,
    zone: ZoneInfo,
    joined_at: datetime,
    thresholds: Mapping[ConnectionType, int] | None = None,
) -> list[QuietKind]:
    """Every quiet kind, most quiet first.

    A kind missing from `last_interaction_by_kind` counts as never logged. A kind missing
    from `thresholds` uses `DEFAULT_QUIET_DAYS`. Thresholds must be at least 1 day.
    """
    quiet: list[QuietKind] = []
    today: date | None = None
    for kind in _KINDS:
        threshold = (thresholds or {}).get(kind, DEFAULT_QUIET_DAYS[kind])
        if threshold < 1:
            raise ValueError(f"quiet threshold for {kind} must be at least 1 day")
        last = last_interaction_by_kind.get(kind)
        since = last if last is not None else joined_at
        if today is None:  # checks in local_days_between's order: `since`, then `now`
            if since.tzinfo is None:
                raise ValueError("datetimes must be aware")
            today = _local_today(now, zone)
        days = _local_days_before(since, today, zone)
        if days > threshold:
            quiet.append(QuietKind(kind, days, threshold, never_logged=last is None))
    return sorted(quiet, key=quiet_sort_key)


def overdue_sort_key(overdue: OverdueContact) -> tuple[float, int, str, int]:
    """Most overdue first (days/rhythm ratio, then days), then by name for a stable order."""
    return (
        -overdue.days_since / overdue.rhythm_days,
        -overdue.days_since,
        overdue.name.casefold(),
        overdue.contact_id,
    )


def overdue_contacts(
    contacts: Iterable[ContactState], *, now: datetime, zone: ZoneInfo
) -> list[OverdueContact]:
    """Every contact whose rhythm has passed, most overdue first.

    Pass only active contacts; a rhythm below 1 day is rejected as a caller bug.
    """
    overdue: list[OverdueContact] = []
    today: date | None = None
    for contact in contacts:
        if contact.rhythm_days is None:
            continue
        if contact.rhythm_days < 1:
            raise ValueError(f"rhythm_days must be at least 1 (contact {contact.contact_id})")
        since = contact.last_interaction_at or contact.created_at
        if today is None:  # checks in local_days_between's order: `since`, then `now`
            if since.tzinfo is None:
                raise ValueError("datetimes must be aware")
            today = _local_today(now, zone)
        days = _local_days_before(since, today, zone)
        if days >= contact.rhythm_days:
            overdue.append(
                OverdueContact(
                    contact_id=contact.contact_id,
                    name=contact.name,
                    kind=contact.kind,
                    days_since=days,
                    rhythm_days=contact.rhythm_days,
                    never_logged=contact.last_interaction_at is None,
                )
            )
    return sorted(overdue, key=overdue_sort_key)
