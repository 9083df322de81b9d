"""Tests for the /summary figures and text: local days, DST, zones, comparisons, length bounds."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import OverdueContact
from bot.domain.summary import (
    MAX_NAME_CHARS,
    TELEGRAM_CAPTION_LIMIT,
    TELEGRAM_TEXT_LIMIT,
    InteractionFact,
    SummaryFigures,
    SummaryPeriod,
    Trend,
    compute_summary,
    render_empty_summary,
    render_summary_text,
    streak_length,
    utf16_len,
)

INTIMATE = ConnectionType.INTIMATE
RELATIONAL = ConnectionType.RELATIONAL
COLLECTIVE = ConnectionType.COLLECTIVE

BERLIN = ZoneInfo("Europe/Berlin")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
ADAK = ZoneInfo("America/Adak")  # UTC-10 / -9 in summer
UTC_ZONE = ZoneInfo("UTC")


def local(
    zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0
) -> datetime:
    """An aware UTC instant from a local wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def fact(
    when: datetime,
    kind: ConnectionType = INTIMATE,
    *,
    contact_id: int = 1,
    name: str = "Sam",
    feeling: int | None = None,
) -> InteractionFact:
    return InteractionFact(when, contact_id, name, kind, feeling)


def summarise(
    facts: list[InteractionFact],
    now: datetime,
    zone: ZoneInfo = UTC_ZONE,
    period: SummaryPeriod = SummaryPeriod.WEEK,
    *,
    thresholds: Mapping[ConnectionType, int] = DEFAULT_QUIET_DAYS,
    quiet_kinds: Collection[ConnectionType] | None = None,
    overdue: Iterable[tuple[str, int]] = (),
    suggestions_acted_on: int = 0,
    next_step: str | None = None,
) -> SummaryFigures:
    return compute_summary(
        facts,
        period=period,
        now=now,
        zone=zone,
        thresholds=thresholds,
        quiet_kinds=quiet_kinds,
        overdue=[
            OverdueContact(n, name, ConnectionType.RELATIONAL, days, rhythm_days=7)
            for n, (name, days) in enumerate(overdue)
        ],
        suggestions_acted_on=suggestions_acted_on,
        next_step=next_step,
    )


# --------------------------------------------------------------------------- periods


def test_week_includes_today_and_six_local_days_before() -> None:
    now = local(BERLIN, 2024, 6, 9, 12)  # Sunday
    facts = [
        fact(local(BERLIN, 2024, 6, 3, 0, 0)),  # first minute of the first day: in
        fact(local(BERLIN, 2024, 6, 2, 23, 59)),  # last minute before: previous week
        fact(local(BERLIN, 2024, 6, 9, 23, 30)),  # later today: still today, in
        fact(local(BERLIN, 2024, 6, 10, 0, 30)),  # tomorrow: not happened yet, ignored
    ]
    figures = summarise(facts, now, BERLIN)
    assert figures.start == date(2024, 6, 3)
    assert figures.today == date(2024, 6, 9)
    assert figures.total == 2
    assert figures.previous_total == 1
    assert figures.has_earlier_history


@pytest.mark.parametrize("period", list(SummaryPeriod))
def test_previous_period_has_the_same_length_and_exact_edges(period: SummaryPeriod) -> None:
    now = local(BERLIN, 2024, 6, 9, 12)
    first_previous_day = date(2024, 6, 9) - timedelta(days=2 * period.days - 1)
    first = local(BERLIN, first_previous_day.year, first_previous_day.month, first_previous_day.day)
    facts = [
        fact(first),  # first minute of the previous period: compared
        fact(first - timedelta(minutes=1)),  # a minute earlier: history only
    ]
    figures = summarise(facts, now, BERLIN, period)
    assert (figures.total, figures.previous_total) == (0, 1)
    assert figures.start - first_previous_day == timedelta(days=period.days)


@pytest.mark.parametrize(
    ("period", "widths"),
    [
        (SummaryPeriod.WEEK, [1] * 7),
        (SummaryPeriod.MONTH, [2, 7, 7, 7, 7]),
        (SummaryPeriod.YEAR, [1] + [7] * 52),
    ],
)
def test_buckets_are_anchored_on_today_and_cover_the_period(
    period: SummaryPeriod, widths: list[int]
) -> None:
    now = datetime(2024, 6, 9, 12, tzinfo=UTC)
    figures = summarise([fact(now)], now, period=period)
    assert [b.days for b in figures.buckets] == widths
    assert figures.buckets[0].start == figures.start
    assert figures.buckets[-1].end == figures.today
    for earlier, later in zip(figures.buckets, figures.buckets[1:], strict=False):
        assert later.start == earlier.end + timedelta(days=1)
    assert figures.buckets[-1].counts[INTIMATE] == 1


def test_comparison_with_the_previous_period_per_kind() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    this_week = now - timedelta(days=2)
    last_week = now - timedelta(days=9)
    facts = (
        [fact(this_week, INTIMATE)] * 3
        + [fact(this_week, RELATIONAL)] * 2
        + [fact(last_week, INTIMATE)] * 2
        + [fact(last_week, RELATIONAL)] * 2
        + [fact(last_week, COLLECTIVE)]
        + [fact(now - timedelta(days=20), COLLECTIVE)]  # two periods back: not compared
    )
    figures = summarise(facts, now)
    assert (figures.total, figures.previous_total, figures.trend) == (5, 5, Trend.SAME)
    intimate, relational, collective = figures.kinds
    assert (intimate.count, intimate.previous_count, intimate.trend) == (3, 2, Trend.UP)
    assert (relational.delta, relational.trend) == (0, Trend.SAME)
    assert (collective.delta, collective.trend) == (-1, Trend.DOWN)

    text = render_summary_text(figures)
    assert text.splitlines()[0] == "Your week: 5 connections (same as the week before)"
    assert "Intimate 3 (↑1) · in balance" in text
    assert "Relational 2 (same) · in balance" in text
    assert "Collective 0 (↓1) · in balance" in text  # 9 days, default threshold 14


def test_headline_arrow_and_singular() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    facts = [fact(now - timedelta(days=1))] + [fact(now - timedelta(days=10))] * 4
    text = render_summary_text(summarise(facts, now))
    assert text.startswith("Your week: 1 connection (↓3 from the week before)\n")


def test_no_comparison_for_someone_who_started_this_period() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    figures = summarise([fact(now - timedelta(days=1))] * 2, now, period=SummaryPeriod.MONTH)
    assert not figures.has_earlier_history
    text = render_summary_text(figures)
    assert text.splitlines()[0] == "Your month: 2 connections"
    assert "↑" not in text
    assert "(same)" not in text


# --------------------------------------------------------------------------- DST and zones


def test_streak_spans_the_spring_forward_night_in_berlin() -> None:
    # 31 March 2024 has 23 hours in Berlin: 02:00 jumps to 03:00.
    facts = [
        fact(local(BERLIN, 2024, 3, 30, 23, 30)),
        fact(local(BERLIN, 2024, 3, 31, 3, 30)),  # 01:30 UTC
        fact(local(BERLIN, 2024, 3, 31, 23, 45)),  # 21:45 UTC, still the 31st locally
        fact(local(BERLIN, 2024, 4, 1, 0, 15)),  # 22:15 UTC on the 31st, the 1st locally
    ]
    now = local(BERLIN, 2024, 4, 1, 9)
    figures = summarise(facts, now, BERLIN)
    assert figures.streak_days == 3
    assert figures.streak_includes_today
    by_day = {b.start: b.total for b in figures.buckets}
    assert by_day[date(2024, 3, 30)] == 1
    assert by_day[date(2024, 3, 31)] == 2
    assert by_day[date(2024, 4, 1)] == 1
    assert "Streak: 3 days in a row" in render_summary_text(figures)


def test_the_25_hour_fall_back_day_is_one_bucket() -> None:
    facts = [
        fact(local(BERLIN, 2024, 10, 27, 0, 30)),
        fact(local(BERLIN, 2024, 10, 27, 23, 30)),  # 25 hours after midnight
    ]
    now = local(BERLIN, 2024, 10, 28, 8)
    figures = summarise(facts, now, BERLIN)
    by_day = {b.start: b.total for b in figures.buckets}
    assert by_day[date(2024, 10, 27)] == 2
    assert by_day[date(2024, 10, 28)] == 0
    assert figures.streak_days == 1
    assert not figures.streak_includes_today


def test_same_instants_fall_on_different_local_days_in_kiritimati_and_adak() -> None:
    instants = [datetime(2024, 6, 10, 9, 30, tzinfo=UTC), datetime(2024, 6, 10, 10, 30, tzinfo=UTC)]
    facts = [fact(t) for t in instants]
    now = datetime(2024, 6, 10, 12, tzinfo=UTC)
    # Kiritimati: 23:30 on the 10th and 00:30 on the 11th; today is the 11th.
    east = summarise(facts, now, KIRITIMATI)
    # Adak (UTC-9 in June): 00:30 and 01:30 on the 10th; today is the 10th.
    west = summarise(facts, now, ADAK)
    assert (east.today, west.today) == (date(2024, 6, 11), date(2024, 6, 10))
    assert (east.streak_days, west.streak_days) == (2, 1)
    assert [b.total for b in east.buckets][-2:] == [1, 1]
    assert [b.total for b in west.buckets][-2:] == [0, 2]


def test_period_edge_depends_on_the_zone() -> None:
    # 09:30 UTC on 3 June is the 3rd in both zones (23:30 in Kiritimati, 00:30 in Adak) ...
    facts = [fact(datetime(2024, 6, 3, 9, 30, tzinfo=UTC))]
    # ... but noon UTC on 9 June is the 10th in Kiritimati and still the 9th in Adak.
    now = datetime(2024, 6, 9, 12, tzinfo=UTC)
    east = summarise(facts, now, KIRITIMATI)  # week 4-10 June
    west = summarise(facts, now, ADAK)  # week 3-9 June
    assert (east.total, east.previous_total) == (0, 1)
    assert (west.total, west.previous_total) == (1, 0)


# --------------------------------------------------------------------------- streaks


def test_streak_is_not_broken_by_an_unlogged_today() -> None:
    today = date(2024, 6, 9)
    assert streak_length({date(2024, 6, 8), date(2024, 6, 7)}, today) == 2
    assert streak_length({date(2024, 6, 9), date(2024, 6, 8), date(2024, 6, 6)}, today) == 2
    assert streak_length({date(2024, 6, 7), date(2024, 6, 6)}, today) == 0
    assert streak_length(set(), today) == 0


def test_streak_line_only_when_it_is_a_streak() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    one_day = render_summary_text(summarise([fact(now)], now))
    assert "Streak" not in one_day
    two_days = render_summary_text(summarise([fact(now), fact(now - timedelta(days=1))], now))
    assert "Streak: 2 days in a row" in two_days


# --------------------------------------------------------------------------- quiet / balance


def test_quiet_uses_local_calendar_days_against_thresholds() -> None:
    now = local(BERLIN, 2024, 6, 9, 0, 10)
    facts = [
        fact(local(BERLIN, 2024, 6, 5, 23, 50), INTIMATE),  # 4 local days (just over 3x24h)
        fact(local(BERLIN, 2024, 6, 1, 12), RELATIONAL),  # 8 days
    ]
    thresholds = {INTIMATE: 4, RELATIONAL: 7, COLLECTIVE: 14}
    figures = summarise(facts, now, BERLIN, thresholds=thresholds)
    intimate, relational, collective = figures.kinds
    assert (intimate.days_since_last, intimate.quiet) == (4, False)
    assert (relational.days_since_last, relational.quiet) == (8, True)
    assert (collective.days_since_last, collective.quiet) == (None, True)
    assert figures.in_balance_kinds == (INTIMATE,)
    assert figures.quiet_kinds == (RELATIONAL, COLLECTIVE)
    text = render_summary_text(figures)
    assert "Relational 0 (↓1) · quiet for 8 days" in text
    assert "Collective 0 · none logged yet" in text  # no "(same)" for nothing vs nothing


def test_missing_threshold_falls_back_to_default_and_quiet_kinds_can_be_given() -> None:
    now = datetime(2024, 6, 9, 12, tzinfo=UTC)
    facts = [fact(now - timedelta(days=5), kind) for kind in ConnectionType]
    computed = summarise(facts, now, thresholds={INTIMATE: 10})
    assert computed.quiet_kinds == ()  # defaults: relational 7, collective 14
    given_verdict = summarise(facts, now, quiet_kinds={RELATIONAL})
    assert given_verdict.quiet_kinds == (RELATIONAL,)
    assert given_verdict.for_kind(RELATIONAL).days_since_last == 5


# --------------------------------------------------------------------------- people, feelings


def test_people_grouped_by_contact_ranked_with_latest_name_and_more() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    day = timedelta(days=1)
    facts = [
        fact(now - 3 * day, contact_id=1, name="Sammy"),
        fact(now - 2 * day, contact_id=1, name="Sam"),  # renamed: latest name wins
        fact(now - 1 * day, contact_id=1, name="Sam"),
        fact(now, contact_id=2, name="Alex"),
        fact(now, contact_id=2, name="Alex"),
        fact(now, COLLECTIVE, contact_id=3, name="Book club"),
    ] + [fact(now, contact_id=10 + i, name=f"Friend {i}") for i in range(10)]
    figures = summarise(facts, now)
    assert [(p.name, p.count) for p in figures.people[:3]] == [
        ("Sam", 3),
        ("Alex", 2),
        ("Book club", 1),
    ]
    line = next(x for x in render_summary_text(figures).splitlines() if x.startswith("People"))
    assert line.startswith("People: Sam ×3, Alex ×2, Book club, Friend 0, ")
    assert line.endswith(", and 5 more")  # 13 people, 8 shown


def test_average_feeling_per_kind_and_bucket_rounds_half_up() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    facts = [
        fact(now, INTIMATE, feeling=4),
        fact(now, INTIMATE, feeling=4),
        fact(now, INTIMATE, feeling=4),
        fact(now, INTIMATE, feeling=5),  # 4.25 -> 4.3
        fact(now, INTIMATE, feeling=None),  # skipped ratings don't drag the mean
        fact(now - timedelta(days=1), RELATIONAL, feeling=3),
        fact(now - timedelta(days=1), RELATIONAL, feeling=4),  # 3.5
        fact(now - timedelta(days=2), COLLECTIVE),
    ]
    figures = summarise(facts, now)
    assert [k.average_feeling for k in figures.kinds] == [4.3, 3.5, None]
    assert [b.average_feeling for b in figures.buckets[-3:]] == [None, 3.5, 4.3]
    assert figures.has_feelings
    assert "Feeling (1–5): intimate 4.3, relational 3.5" in render_summary_text(figures)


def test_no_feeling_line_without_feelings() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    figures = summarise([fact(now)], now)
    assert not figures.has_feelings
    assert "Feeling" not in render_summary_text(figures)


# --------------------------------------------------------------------------- extras and text


def test_overdue_ideas_and_next_step_lines() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    figures = summarise(
        [fact(now)],
        now,
        overdue=[("Mum", 12), ("Grandpa", 1)],
        suggestions_acted_on=2,
        next_step="  Send Mum a photo\nfrom the weekend ",
    )
    text = render_summary_text(figures)
    assert "Overdue: Mum (12 days), Grandpa (1 day)" in text  # caller's order kept
    assert "Ideas you acted on: 2" in text
    assert text.endswith("Next step: Send Mum a photo from the weekend")


def test_zero_ideas_and_no_next_step_are_left_out() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    text = render_summary_text(summarise([fact(now)], now, next_step="   "))
    assert "Ideas" not in text
    assert "Next step" not in text


def test_new_user_gets_the_empty_summary_not_figures() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    figures = summarise([], now, overdue=[], suggestions_acted_on=0)
    assert figures.is_empty
    assert figures.total == 0
    text = render_summary_text(figures)
    assert text == render_empty_summary()
    assert "/log" in text
    assert "/summary" in text


def test_quiet_period_with_older_history_is_not_empty_and_names_someone() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    facts = [fact(now - timedelta(days=9), name="Sam")] * 3 + [
        fact(now - timedelta(days=40), name="Alex", contact_id=2)
    ]
    figures = summarise(facts, now)
    assert not figures.is_empty
    lines = render_summary_text(figures).splitlines()
    assert lines[0] == "Your week: nothing logged (3 connections the week before)"
    assert "Quiet stretches happen. A two-line message to Sam counts." in lines
    assert "Intimate 0 (↓3) · quiet for 9 days" in lines
    assert not any(line.startswith("People") for line in lines)
    older = summarise(facts, now + timedelta(days=7))
    assert render_summary_text(older).splitlines()[0] == "Your week: nothing logged this time"


def test_invalid_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        fact(datetime(2024, 6, 9, 12))
    with pytest.raises(ValueError, match="feeling"):
        fact(datetime(2024, 6, 9, 12, tzinfo=UTC), feeling=6)
    with pytest.raises(ValueError, match="aware"):
        summarise([], datetime(2024, 6, 9, 12))
    with pytest.raises(ValueError, match="max_chars"):
        render_empty_summary(max_chars=0)


# --------------------------------------------------------------------------- length bounds


def _huge_figures(people: int, overdue: int) -> SummaryFigures:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    base = "Person with a very long name that keeps going and going 🎉 number "
    names = [(base + str(i))[-MAX_NAME_CHARS:] for i in range(people)]
    facts = [
        fact(now - timedelta(hours=i % 150), list(ConnectionType)[i % 3], contact_id=i, name=n)
        for i, n in enumerate(names)
    ]
    return summarise(
        facts,
        now,
        overdue=[(n, 10 + i) for i, n in enumerate(names[:overdue])],
        suggestions_acted_on=3,
        next_step="Call " + "really " * 2000 + "soon",
    )


def _listed_count(line: str, prefix: str) -> tuple[int, int]:
    """(names shown, N of "and N more") for lines whose items hold no commas."""
    match = re.fullmatch(rf"{prefix}(.*), and (\d+) more", line)
    assert match is not None, line
    return len(match.group(1).split(", ")), int(match.group(2))


@pytest.mark.parametrize("max_chars", [TELEGRAM_TEXT_LIMIT, TELEGRAM_CAPTION_LIMIT, 300])
def test_thousands_of_long_names_still_fit(max_chars: int) -> None:
    figures = _huge_figures(people=3000, overdue=3000)
    text = render_summary_text(figures, max_chars=max_chars)
    assert utf16_len(text) <= max_chars
    lines = text.splitlines()
    assert lines[0].startswith("Your week: 3000 connections")
    people = next(x for x in lines if x.startswith("People: "))
    shown, more = _listed_count(people, "People: ")
    assert shown >= 1
    assert shown + more == 3000
    if max_chars >= TELEGRAM_CAPTION_LIMIT:
        overdue = next(x for x in lines if x.startswith("Overdue: "))
        shown, more = _listed_count(overdue, "Overdue: ")
        assert shown + more == 3000
    if max_chars == TELEGRAM_TEXT_LIMIT:
        assert lines[-1].startswith("Next step: Call really")
        assert lines[-1].endswith("…")


def test_a_huge_single_name_is_clipped() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    text = render_summary_text(summarise([fact(now, name="x" * 5000)], now))
    people = next(x for x in text.splitlines() if x.startswith("People: "))
    assert people == "People: " + "x" * (MAX_NAME_CHARS - 1) + "…"


def test_clipping_counts_emoji_as_two_units() -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    base = render_summary_text(summarise([fact(now)], now))
    figures = summarise([fact(now)], now, next_step="🎉" * 30)
    text = render_summary_text(figures, max_chars=utf16_len(base) + 1 + 60)
    assert text.splitlines()[-1] == "Next step: " + "🎉" * 24 + "…"
    assert utf16_len(text) == utf16_len(base) + 1 + 60


def test_tiny_budgets_still_respected() -> None:
    figures = _huge_figures(people=50, overdue=50)
    for max_chars in (1, 2, 10, 40, 80):
        text = render_summary_text(figures, max_chars=max_chars)
        assert 0 < utf16_len(text) <= max_chars
        assert utf16_len(render_empty_summary(max_chars=max_chars)) <= max_chars


# --------------------------------------------------------------------------- properties

ZONES = [
    UTC_ZONE,
    BERLIN,
    KIRITIMATI,
    ADAK,
    ZoneInfo("Pacific/Chatham"),  # +12:45 / +13:45
    ZoneInfo("Australia/Lord_Howe"),  # 30-minute DST
    ZoneInfo("America/St_Johns"),  # -03:30
    ZoneInfo("Asia/Kathmandu"),  # +05:45
    ZoneInfo("Pacific/Apia"),  # skipped 30 Dec 2011 entirely
]

nows = st.datetimes(
    min_value=datetime(2005, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)
# Minutes before now; negative = a few hours in the future (clock skew), which may be today.
offsets = st.one_of(
    st.integers(min_value=-36 * 60, max_value=20 * 24 * 60),
    st.integers(min_value=0, max_value=800 * 24 * 60),
)
histories = st.lists(st.tuples(offsets, st.sampled_from(list(ConnectionType))), max_size=60)


@settings(max_examples=100, deadline=None)
@given(
    history=histories,
    now=nows,
    zone=st.sampled_from(ZONES),
    period=st.sampled_from(list(SummaryPeriod)),
)
def test_counts_buckets_and_streak_agree_with_local_days(
    history: list[tuple[int, ConnectionType]],
    now: datetime,
    zone: ZoneInfo,
    period: SummaryPeriod,
) -> None:
    facts = [fact(now - timedelta(minutes=m), kind) for m, kind in history]
    figures = summarise(facts, now, zone, period)
    today = now.astimezone(zone).date()
    days = [f.occurred_at.astimezone(zone).date() for f in facts]
    start = today - timedelta(days=period.days - 1)
    previous_start = start - timedelta(days=period.days)

    assert figures.today == today
    assert figures.total == sum(start <= d <= today for d in days)
    assert figures.previous_total == sum(previous_start <= d < start for d in days)
    assert figures.total == sum(b.total for b in figures.buckets)
    assert figures.total == sum(k.count for k in figures.kinds)
    assert figures.total == sum(p.count for p in figures.people)
    assert figures.is_empty == (not any(d <= today for d in days))
    covered = sum(b.days for b in figures.buckets)
    assert covered == period.days
    for f, d in zip(facts, days, strict=True):
        if start <= d <= today:
            bucket = next(b for b in figures.buckets if b.start <= d <= b.end)
            assert bucket.counts[f.kind] >= 1

    active = {d for d in days if d <= today}
    streak = figures.streak_days
    if streak:
        end = today if today in active else today - timedelta(days=1)
        assert all(end - timedelta(days=i) in active for i in range(streak))
        assert end - timedelta(days=streak) not in active
    else:
        assert today not in active
        assert today - timedelta(days=1) not in active


@settings(max_examples=100, deadline=None)
@given(
    names=st.lists(st.text(max_size=80), max_size=40),
    overdue=st.lists(st.tuples(st.text(max_size=80), st.integers(0, 10_000)), max_size=20),
    next_step=st.none() | st.text(max_size=600),
    max_chars=st.integers(min_value=1, max_value=TELEGRAM_TEXT_LIMIT),
    history_days=st.integers(min_value=0, max_value=30),
)
def test_text_never_exceeds_the_budget(
    names: list[str],
    overdue: list[tuple[str, int]],
    next_step: str | None,
    max_chars: int,
    history_days: int,
) -> None:
    now = datetime(2024, 6, 9, 18, tzinfo=UTC)
    facts = [
        fact(now - timedelta(days=(i * 7) % (history_days + 1)), contact_id=i, name=n, feeling=3)
        for i, n in enumerate(names)
    ]
    figures = summarise(facts, now, overdue=overdue, next_step=next_step, suggestions_acted_on=1)
    text = render_summary_text(figures, max_chars=max_chars)
    assert 1 <= utf16_len(text) <= max_chars
    assert "\n\n" not in text
