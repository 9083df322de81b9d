"""Figures and words for /summary: what the user's week, month or year of connection looked like.

Pure: the caller passes the history, ``now`` (aware UTC) and the user's zone; nothing here reads
the clock, the database or Telegram. Every day boundary is a *local calendar day* in the user's
zone, so a 23- or 25-hour DST day is still one day and a late-night call lands on the day the
user lived it.

Typical use::

    figures = compute_summary(facts, period=SummaryPeriod.WEEK, now=clock.now(), zone=zone)
    if figures.is_empty:
        text = render_empty_summary()          # no chart for someone with no history
    else:
        text = render_summary_text(figures)    # plain text, send without parse_mode
        png = await render_chart_async(figures)  # from bot.charts
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import OverdueContact

TELEGRAM_TEXT_LIMIT = 4096
"""Longest message text Telegram accepts (we count UTF-16 code units, as Telegram does)."""

TELEGRAM_CAPTION_LIMIT = 1024
"""Longest photo caption Telegram accepts; pass as ``max_chars`` to send text with the chart."""

FEELING_MIN = 1
FEELING_MAX = 5

MAX_PEOPLE_SHOWN = 8
"""More names than this stop being a summary; the rest become "and N more"."""

MAX_OVERDUE_SHOWN = 5
MAX_NAME_CHARS = 64
"""Names are clipped to this so one pasted paragraph can't crowd out everyone else."""

MAX_NEXT_STEP_CHARS = 400

KINDS: tuple[ConnectionType, ...] = tuple(ConnectionType)
"""Display order of kinds everywhere in the summary and chart."""


class SummaryPeriod(StrEnum):
    """How far back a summary looks; always ends with (and includes) the user's local today."""

    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def days(self) -> int:
        """Length in local calendar days (a month is a rolling 30, a year a rolling 365)."""
        return _PERIOD_DAYS[self]

    @property
    def noun(self) -> str:
        """How sentences name the period ("Your week", "the month before")."""
        return self.value

    @property
    def bucket(self) -> BucketSize:
        """Chart granularity: per day for a week, per week for a month or a year."""
        return BucketSize.DAY if self is SummaryPeriod.WEEK else BucketSize.WEEK


_PERIOD_DAYS = {SummaryPeriod.WEEK: 7, SummaryPeriod.MONTH: 30, SummaryPeriod.YEAR: 365}


class BucketSize(StrEnum):
    """Width of one chart bar."""

    DAY = "day"
    WEEK = "week"

    @property
    def days(self) -> int:
        """Local calendar days in a full bucket."""
        return 1 if self is BucketSize.DAY else 7


class Trend(StrEnum):
    """Direction of a count compared with the previous period of the same length."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

    @classmethod
    def of(cls, current: int, previous: int) -> Trend:
        """Compare two counts."""
        if current > previous:
            return cls.UP
        if current < previous:
            return cls.DOWN
        return cls.SAME


@dataclass(frozen=True, slots=True)
class InteractionFact:
    """One logged interaction, as much of it as the summary needs.

    ``occurred_at`` must be aware (storage keeps UTC; any aware zone works). ``feeling`` is the
    optional 1-5 rating the user gave, or None when they skipped it.
    """

    occurred_at: datetime
    contact_id: int
    contact_name: str
    kind: ConnectionType
    feeling: int | None = None

    def __post_init__(self) -> None:
        _require_aware(self.occurred_at, "occurred_at")
        if self.feeling is not None and not FEELING_MIN <= self.feeling <= FEELING_MAX:
            raise ValueError(f"feeling must be {FEELING_MIN}-{FEELING_MAX} or None")


@dataclass(frozen=True, slots=True)
class KindFigures:
    """One connection kind's numbers for the period and its status today."""

    kind: ConnectionType
    count: int
    previous_count: int
    days_since_last: int | None
    """Local days since the latest interaction of this kind (0 = today); None = never logged."""
    quiet: bool
    average_feeling: float | None
    """Mean feeling in the period, one decimal (half up); None when no feelings were logged."""

    @property
    def trend(self) -> Trend:
        """Up, down or same compared with the previous period."""
        return Trend.of(self.count, self.previous_count)

    @property
    def delta(self) -> int:
        """Change from the previous period (negative when fewer)."""
        return self.count - self.previous_count

    @property
    def in_balance(self) -> bool:
        """Logged recently enough for its threshold; the opposite of quiet."""
        return not self.quiet


@dataclass(frozen=True, slots=True)
class PersonCount:
    """Someone the user connected with in the period and how often."""

    contact_id: int
    name: str
    """The name on their latest interaction in the period (so renames show the new name)."""
    count: int


@dataclass(frozen=True, slots=True)
class Bucket:
    """One chart bar: connections per kind between two local dates (both inclusive)."""

    start: date
    end: date
    counts: Mapping[ConnectionType, int]
    average_feeling: float | None
    """Mean feeling of interactions in the bucket, one decimal; None when none were rated."""

    @property
    def days(self) -> int:
        """Local days covered; the oldest bucket of a month or year may be shorter than 7."""
        return (self.end - self.start).days + 1

    @property
    def total(self) -> int:
        """All connections in the bucket."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    """Everything /summary shows, computed once; render with the text and chart functions."""

    period: SummaryPeriod
    today: date
    """The user's local date at ``now``; the period's last day."""
    start: date
    """The period's first local day."""
    total: int
    previous_total: int
    kinds: tuple[KindFigures, ...]
    """One entry per ConnectionType, in ``KINDS`` order."""
    people: tuple[PersonCount, ...]
    """Everyone connected with in the period, most frequent first (ties: by name)."""
    streak_days: int
    """Consecutive local days with an interaction, ending today, or yesterday if nothing is
    logged yet today (the day isn't over, so the streak isn't broken). 0 when neither."""
    streak_includes_today: bool
    overdue: tuple[OverdueContact, ...]
    """As passed in, in the caller's order."""
    suggestions_acted_on: int
    next_step: str | None
    buckets: tuple[Bucket, ...]
    """Oldest first; contiguous, covering exactly ``start``..``today``."""
    has_history: bool
    """Whether the user has logged anything at all, up to today."""
    has_earlier_history: bool
    """Whether anything was logged before ``start``; without it "↑7 from last week" is noise."""
    most_recent_contact: str | None = field(default=None)
    """Name on the latest interaction ever, for a concrete nudge when the period was quiet."""
    dates_sentence: str | None = field(default=None)
    """#12: "Dates in this period: Sam's birthday (Fri 4 Dec)." (`period_sentence`)."""

    @property
    def is_empty(self) -> bool:
        """No history at all: show ``render_empty_summary()`` and no chart."""
        return not self.has_history

    @property
    def trend(self) -> Trend:
        """Total compared with the previous period."""
        return Trend.of(self.total, self.previous_total)

    @property
    def bucket_size(self) -> BucketSize:
        """Granularity of ``buckets``."""
        return self.period.bucket

    @property
    def in_balance_kinds(self) -> tuple[ConnectionType, ...]:
        """Kinds logged within their threshold."""
        return tuple(k.kind for k in self.kinds if not k.quiet)

    @property
    def quiet_kinds(self) -> tuple[ConnectionType, ...]:
        """Kinds whose last interaction is older than their threshold, or never logged."""
        return tuple(k.kind for k in self.kinds if k.quiet)

    @property
    def has_feelings(self) -> bool:
        """Whether any interaction in the period carried a feeling."""
        return any(b.average_feeling is not None for b in self.buckets)

    def for_kind(self, kind: ConnectionType) -> KindFigures:
        """The figures of one kind."""
        return next(k for k in self.kinds if k.kind is kind)


# --------------------------------------------------------------------------- computing


def compute_summary(
    interactions: Iterable[InteractionFact],
    *,
    period: SummaryPeriod,
    now: datetime,
    zone: ZoneInfo,
    thresholds: Mapping[ConnectionType, int] = DEFAULT_QUIET_DAYS,
    quiet_kinds: Collection[ConnectionType] | None = None,
    overdue: Iterable[OverdueContact] = (),
    suggestions_acted_on: int = 0,
    next_step: str | None = None,
) -> SummaryFigures:
    """Compute the figures for the ``period`` ending today (local) in ``zone``.

    ``interactions`` should be the user's whole history: the previous period feeds the
    comparison, and older entries feed the streak, "quiet for N days" and whether the user is
    new. A shorter window works but caps those at what it contains. Order doesn't matter.
    Interactions dated after local today are ignored.

    A kind is quiet when its local days since the last interaction exceed ``thresholds[kind]``
    (kinds missing from the mapping use ``DEFAULT_QUIET_DAYS``), or when it was never logged.
    Pass ``quiet_kinds`` to use another module's verdict instead (so check-in and summary
    agree); days since last are still computed from ``interactions``.
    """
    _require_aware(now, "now")
    if suggestions_acted_on < 0:
        raise ValueError("suggestions_acted_on must not be negative")
    today = now.astimezone(zone).date()
    start = today - timedelta(days=period.days - 1)
    previous_start = start - timedelta(days=period.days)
    bucket_days = period.bucket.days
    bucket_count = -(-period.days // bucket_days)

    current = dict.fromkeys(KINDS, 0)
    previous = dict.fromkeys(KINDS, 0)
    last_day: dict[ConnectionType, date] = {}
    feeling_sum = dict.fromkeys(KINDS, 0)
    feeling_n = dict.fromkeys(KINDS, 0)
    bucket_counts = [dict.fromkeys(KINDS, 0) for _ in range(bucket_count)]
    bucket_feeling = [[0, 0] for _ in range(bucket_count)]
    people: dict[int, _PersonTally] = {}
    active_days: set[date] = set()
    has_history = False
    has_earlier = False
    latest: InteractionFact | None = None

    for fact in interactions:
        day = fact.occurred_at.astimezone(zone).date()
        if day > today:
            continue
        has_history = True
        active_days.add(day)
        if latest is None or fact.occurred_at > latest.occurred_at:
            latest = fact
        known = last_day.get(fact.kind)
        if known is None or day > known:
            last_day[fact.kind] = day
        if day < start:
            has_earlier = True
            if day >= previous_start:
                previous[fact.kind] += 1
            continue
        current[fact.kind] += 1
        index = bucket_count - 1 - (today - day).days // bucket_days
        bucket_counts[index][fact.kind] += 1
        if fact.feeling is not None:
            feeling_sum[fact.kind] += fact.feeling
            feeling_n[fact.kind] += 1
            bucket_feeling[index][0] += fact.feeling
            bucket_feeling[index][1] += 1
        tally = people.get(fact.contact_id)
        if tally is None:
            people[fact.contact_id] = _PersonTally(1, fact.occurred_at, fact.contact_name)
        else:
            tally.count += 1
            if fact.occurred_at >= tally.latest:
                tally.latest = fact.occurred_at
                tally.name = fact.contact_name

    kinds = tuple(
        _kind_figures(
            kind,
            count=current[kind],
            previous_count=previous[kind],
            last=last_day.get(kind),
            today=today,
            threshold=thresholds.get(kind, DEFAULT_QUIET_DAYS[kind]),
            quiet_kinds=quiet_kinds,
            average=_average(feeling_sum[kind], feeling_n[kind]),
        )
        for kind in KINDS
    )
    streak = streak_length(active_days, today)
    return SummaryFigures(
        period=period,
        today=today,
        start=start,
        total=sum(current.values()),
        previous_total=sum(previous.values()),
        kinds=kinds,
        people=_ranked_people(people),
        streak_days=streak,
        streak_includes_today=streak > 0 and today in active_days,
        overdue=tuple(overdue),
        suggestions_acted_on=suggestions_acted_on,
        next_step=(next_step or "").strip() or None,
        buckets=_buckets(today, period, bucket_counts, bucket_feeling),
        has_history=has_history,
        has_earlier_history=has_earlier,
        most_recent_contact=latest.contact_name if latest is not None else None,
    )


def streak_length(active_days: Collection[date], today: date) -> int:
    """Days in a row with an interaction, ending today, or ending yesterday if today is blank.

    Today counts as "not over yet": someone who logged every day up to yesterday still has
    their streak at breakfast. A gap of one whole local day ends it.
    """
    day = today if today in active_days else today - timedelta(days=1)
    length = 0
    while day in active_days:
        length += 1
        day -= timedelta(days=1)
    return length


@dataclass(slots=True)
class _PersonTally:
    count: int
    latest: datetime
    name: str


def _kind_figures(
    kind: ConnectionType,
    *,
    count: int,
    previous_count: int,
    last: date | None,
    today: date,
    threshold: int,
    quiet_kinds: Collection[ConnectionType] | None,
    average: float | None,
) -> KindFigures:
    days_since = (today - last).days if last is not None else None
    if quiet_kinds is not None:
        quiet = kind in quiet_kinds
    else:
        quiet = days_since is None or days_since > threshold
    return KindFigures(
        kind=kind,
        count=count,
        previous_count=previous_count,
        days_since_last=days_since,
        quiet=quiet,
        average_feeling=average,
    )


def _ranked_people(people: Mapping[int, _PersonTally]) -> tuple[PersonCount, ...]:
    ranked = sorted(
        people.items(), key=lambda item: (-item[1].count, item[1].name.casefold(), item[0])
    )
    return tuple(PersonCount(contact_id, t.name, t.count) for contact_id, t in ranked)


def _buckets(
    today: date,
    period: SummaryPeriod,
    counts: Sequence[Mapping[ConnectionType, int]],
    feelings: Sequence[Sequence[int]],
) -> tuple[Bucket, ...]:
    """Buckets are anchored on today so the newest bar is always a full day or week."""
    period_start = today - timedelta(days=period.days - 1)
    width = period.bucket.days
    result: list[Bucket] = []
    for index in range(len(counts)):
        end = today - timedelta(days=width * (len(counts) - 1 - index))
        start = max(period_start, end - timedelta(days=width - 1))
        total, n = feelings[index]
        result.append(Bucket(start, end, dict(counts[index]), _average(total, n)))
    return tuple(result)


def _average(total: int, n: int) -> float | None:
    """Mean to one decimal, rounding halves up (4.25 -> 4.3), exactly, in integers."""
    if n == 0:
        return None
    tenths = (20 * total + n) // (2 * n)
    return tenths / 10


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


# --------------------------------------------------------------------------- words


def render_summary_text(figures: SummaryFigures, *, max_chars: int = TELEGRAM_TEXT_LIMIT) -> str:
    """A few short plain-text lines describing the period; send without a parse mode.

    The result never exceeds ``max_chars`` UTF-16 code units (Telegram's unit, so emoji count
    twice). When space runs short, lower lines shrink first: long lists end in "and N more",
    then whole lines drop, the headline last. Lines that would say nothing (a streak under two
    days, zero ideas acted on) are left out rather than shown as zero.
    Figures with no history at all get ``render_empty_summary()``.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    if figures.is_empty:
        return render_empty_summary(max_chars=max_chars)
    word = figures.period.noun
    compare = figures.has_earlier_history
    parts: list[tuple[int, _Builder]] = [(0, _clipped(_headline(figures, word, compare)))]
    for position, kind in enumerate(figures.kinds, start=1):
        parts.append((position, _whole(_kind_line(kind, compare))))
    if figures.total == 0:
        name = figures.overdue[0].name if figures.overdue else figures.most_recent_contact
        parts.append((4, _whole(_quiet_period_line(name))))
    if figures.people:
        people = [_with_count(p.name, p.count) for p in figures.people]
        parts.append((5, _listed("People: ", people, MAX_PEOPLE_SHOWN)))
    if figures.streak_days >= 2:
        parts.append((7, _whole(f"Streak: {figures.streak_days} days in a row")))
    if figures.overdue:
        overdue = [f"{_display_name(o.name)} ({_days(o.days_since)})" for o in figures.overdue]
        parts.append((6, _listed("Overdue: ", overdue, MAX_OVERDUE_SHOWN)))
    feelings = [
        f"{k.kind.label.lower()} {k.average_feeling:.1f}"
        for k in figures.kinds
        if k.average_feeling is not None
    ]
    if feelings:
        parts.append((8, _listed("Feeling (1–5): ", feelings, len(feelings))))
    if figures.suggestions_acted_on > 0:
        parts.append((9, _whole(f"Ideas you acted on: {figures.suggestions_acted_on}")))
    if figures.dates_sentence:
        parts.append((8, _clipped(figures.dates_sentence, keep_at_least=40)))
    if figures.next_step:
        step = _clip(" ".join(figures.next_step.split()), MAX_NEXT_STEP_CHARS) or ""
        parts.append((10, _clipped(f"Next step: {step}", keep_at_least=40)))
    return _assemble(parts, max_chars)


def render_empty_summary(*, max_chars: int = TELEGRAM_TEXT_LIMIT) -> str:
    """What a brand-new user sees instead of figures and a chart: how to start, kindly."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    lines = [
        "Nothing logged yet, so there's no summary to show. Everyone starts here.",
        "When you connect with someone (a call with your mum, a message to a friend, "
        "a club evening), send /log and pick who it was and what kind.",
        "After a few, /summary shows who you've seen, which kinds of connection are in "
        "balance, and a chart of your week.",
    ]
    return _assemble([(i, _clipped(line)) for i, line in enumerate(lines)], max_chars)


def _headline(figures: SummaryFigures, word: str, compare: bool) -> str:
    before = f"the {word} before"
    if figures.total == 0:
        if compare and figures.previous_total > 0:
            return f"Your {word}: nothing logged ({_connections(figures.previous_total)} {before})"
        return f"Your {word}: nothing logged this time"
    head = f"Your {word}: {_connections(figures.total)}"
    if not compare:
        return head
    delta = figures.total - figures.previous_total
    if delta == 0:
        return f"{head} (same as {before})"
    return f"{head} ({_arrow(delta)} from {before})"


def _kind_line(kind: KindFigures, compare: bool) -> str:
    line = f"{kind.kind.label} {kind.count}"
    if compare and (kind.count or kind.previous_count):  # "0 (same)" is just noise
        line += f" ({_arrow(kind.delta)})" if kind.delta else " (same)"
    if not kind.quiet:
        return f"{line} · in balance"
    if kind.days_since_last is None:
        return f"{line} · none logged yet"
    if kind.days_since_last == 0:
        return f"{line} · quiet"
    return f"{line} · quiet for {_days(kind.days_since_last)}"


def _quiet_period_line(name: str | None) -> str:
    if name:
        return f"Quiet stretches happen. A two-line message to {_display_name(name)} counts."
    return "Quiet stretches happen. A two-line message to someone counts."


def _connections(n: int) -> str:
    return f"{n} connection" if n == 1 else f"{n} connections"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _arrow(delta: int) -> str:
    return f"↑{delta}" if delta > 0 else f"↓{-delta}"


def _with_count(name: str, count: int) -> str:
    shown = _display_name(name)
    return shown if count == 1 else f"{shown} ×{count}"


def _display_name(name: str) -> str:
    """One line, bounded length: names come from users and may hold anything."""
    flat = " ".join(name.split())
    return _clip(flat, MAX_NAME_CHARS) or "someone"


# --------------------------------------------------------------------------- fitting


_Builder = Callable[[int], str | None]
"""Given the space left (UTF-16 units), the longest version of a line that fits, or None."""


def _assemble(parts: Sequence[tuple[int, _Builder]], max_chars: int) -> str:
    """Fill the budget line by line in priority order, then print in the original order."""
    chosen: dict[int, str] = {}
    remaining = max_chars
    for index in sorted(range(len(parts)), key=lambda i: parts[i][0]):
        separator = 1 if chosen else 0
        line = parts[index][1](remaining - separator)
        if line:
            chosen[index] = line
            remaining -= utf16_len(line) + separator
    return "\n".join(chosen[i] for i in sorted(chosen))


def _whole(text: str) -> _Builder:
    return lambda budget: text if utf16_len(text) <= budget else None


def _clipped(text: str, *, keep_at_least: int = 1) -> _Builder:
    def build(budget: int) -> str | None:
        if budget < min(keep_at_least, utf16_len(text)):
            return None
        return _clip(text, budget)

    return build


def _listed(prefix: str, items: Sequence[str], max_items: int) -> _Builder:
    """ "People: Sam ×3, Alex, and 4 more" with as many items as fit, at least one."""

    def build(budget: int) -> str | None:
        for shown in range(min(len(items), max_items), 0, -1):
            hidden = len(items) - shown
            line = prefix + ", ".join(items[:shown])
            if hidden:
                line += f", and {hidden} more"
            if utf16_len(line) <= budget:
                return line
        return None

    return build


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: characters outside the BMP take two units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _clip(text: str, budget: int) -> str | None:
    """``text`` cut to ``budget`` UTF-16 units, ending in "…" when cut; None if nothing fits."""
    if utf16_len(text) <= budget:
        return text
    if budget < 1:
        return None
    used = 0
    kept: list[str] = []
    for ch in text:
        cost = 2 if ord(ch) > 0xFFFF else 1
        if used + cost > budget - 1:
            break
        kept.append(ch)
        used += cost
    return "".join(kept).rstrip() + "…"
