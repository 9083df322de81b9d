"""The words around a log: what was saved, and a line of context that makes it feel seen.

"Saved: call with Sam yesterday. That's 3 connections in the last 7 days, your first intimate one
since Tuesday." Every day here is a local calendar day in the user's zone. A week is the last 7
days, today included: the same meaning /summary's Week has, and the text says so.
Pure: the caller passes ``now`` (aware UTC) and the zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType

MAX_NAMES_SPELLED_OUT = 4
"""Beyond this many people a sentence says "and 3 others" instead of every name."""

RECENT_WEEKDAY_DAYS = 6
"""A day at most this far back is named by its weekday ("on Tuesday")."""

WEEK_DAYS = 7
"""A week, here as in /summary, is the last 7 local days (today included), not Monday-Sunday."""

MIN_NOTEWORTHY_GAP_DAYS = 2
"""A kind's first connection "since yesterday" is not news; from two days it is."""

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

_CHANNEL_NOUNS = {
    Channel.IN_PERSON: "time in person",
    Channel.CALL: "call",
    Channel.VIDEO: "video call",
    Channel.MESSAGE: "messages",
}


@dataclass(frozen=True)
class Connection:
    """One logged interaction as the context line sees it."""

    occurred_at: datetime
    kind: ConnectionType


def join_names(names: Sequence[str]) -> str:
    """Names in a sentence: "Sam", "Sam and Alex", "Sam, Alex and Jo", "A, B, C and 2 others"."""
    if not names:
        return "nobody"
    if len(names) == 1:
        return names[0]
    if len(names) > MAX_NAMES_SPELLED_OUT:
        shown = MAX_NAMES_SPELLED_OUT - 1
        rest = len(names) - shown
        return f"{', '.join(names[:shown])} and {rest} others"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def channel_noun(channel: Channel) -> str:
    """How a sentence names a channel: "call", "video call", "time in person", "messages"."""
    return _CHANNEL_NOUNS[channel]


def describe_day(day: date, today: date) -> str:
    """A day in a sentence: "today", "yesterday", "on Tuesday", "on 3 March (2025)"."""
    back = (today - day).days
    if back == 0:
        return "today"
    if back == 1:
        return "yesterday"
    if 1 < back <= RECENT_WEEKDAY_DAYS:
        return f"on {_WEEKDAYS[day.weekday()]}"
    return f"on {_calendar_day(day, today)}"


def moment_phrase(channel: Channel, names: Sequence[str], day: date, today: date) -> str:
    """What a log was, in a few words: "call with Sam yesterday"."""
    return f"{channel_noun(channel)} with {join_names(names)} {describe_day(day, today)}"


def context_line(
    saved: Sequence[Connection],
    history: Iterable[Connection],
    now: datetime,
    zone: ZoneInfo,
) -> str:
    """One sentence of context for a just-saved moment (``saved``, one entry per person).

    ``history`` is every other interaction the user logged in about the last year. Counts
    connections in the last 7 days (or the 7 days up to a backdated day), then notes the
    longest-quiet kind this moment breaks ("your first intimate one since Tuesday"), unless a
    later one of that kind exists.
    """
    if not saved:
        return ""
    today = now.astimezone(zone).date()
    saved_day = saved[0].occurred_at.astimezone(zone).date()
    past = [(item.occurred_at.astimezone(zone).date(), item.kind) for item in history]
    recent = (today - saved_day).days < WEEK_DAYS
    window_end = today if recent else saved_day
    window_start = window_end - timedelta(days=WEEK_DAYS - 1)
    window_words = "in the last 7 days" if recent else "in the 7 days up to then"
    if not past:
        if len(saved) == 1:
            return "That's the first one you've logged here."
        return f"That's {len(saved)} connections {window_words}, the first you've logged here."
    count = len(saved) + sum(1 for day, _ in past if window_start <= day <= window_end)
    if count == 1:
        week_part = f"That's your first connection {window_words}"
    else:
        week_part = f"That's {count} connections {window_words}"

    kind_part = _quiet_kind_broken(saved, past, saved_day, today)
    return f"{week_part}, {kind_part}." if kind_part else f"{week_part}."


def _quiet_kind_broken(
    saved: Sequence[Connection],
    past: Sequence[tuple[date, ConnectionType]],
    saved_day: date,
    today: date,
) -> str | None:
    best: tuple[float, str] | None = None
    for kind in dict.fromkeys(item.kind for item in saved):
        same_kind = [day for day, past_kind in past if past_kind is kind]
        if any(day >= saved_day for day in same_kind):
            continue  # not the first of its kind: one on the same day or later already exists
        label = kind.label.lower()
        if not same_kind:
            candidate: tuple[float, str] = (float("inf"), f"your first {label} one so far")
        else:
            previous = max(same_kind)
            gap = (saved_day - previous).days
            if gap < MIN_NOTEWORTHY_GAP_DAYS:
                continue
            candidate = (gap, f"your first {label} one since {_since(previous, today)}")
        if best is None or candidate[0] > best[0]:
            best = candidate
    return best[1] if best else None


def _since(day: date, today: date) -> str:
    if 1 < (today - day).days <= RECENT_WEEKDAY_DAYS:
        return _WEEKDAYS[day.weekday()]
    if (today - day).days == 1:
        return "yesterday"
    return _calendar_day(day, today)


def _calendar_day(day: date, today: date) -> str:
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def short_date(day: date, today: date) -> str:
    """A date for history lines: "Tue 24 Nov" ("Tue 24 Nov 2025" in another year)."""
    text = f"{_WEEKDAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]}"
    return text if day.year == today.year else f"{text} {day.year}"


def since_phrase(last: datetime | None, now: datetime, zone: ZoneInfo) -> str:
    """How long since a contact's last connection, for lists: "today", "3 weeks ago"."""
    if last is None:
        return "nothing logged yet"
    days = max((now.astimezone(zone).date() - last.astimezone(zone).date()).days, 0)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    return "over a year ago"
