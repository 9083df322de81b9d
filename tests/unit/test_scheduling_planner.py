"""The planner: when a check-in is owed and when the next one is, over any zone and date."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin import CheckinFrequency
from bot.domain.kinds import DEFAULT_QUIET_DAYS
from bot.domain.schedule import checkin_instant_on, local_date_of
from bot.scheduling.planner import Reason, plan_checkin, upcoming_checkin
from storage.checkins import PAUSED_FOREVER
from storage.users import User

ZONES = sorted(
    name
    for name in zoneinfo.available_timezones()
    if "/" in name and not name.startswith(("SystemV", "posix", "right"))
)
DST_ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Havana"]

zones = st.one_of(st.sampled_from(ZONES), st.sampled_from(DST_ZONES))
local_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 1, 15, 30, 45, 59]))
instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)


def row(
    zone: str,
    at: time,
    *,
    last: date | None = None,
    needs_reschedule: bool = False,
    frequency: CheckinFrequency = CheckinFrequency.DAILY,
    paused_until: datetime | None = None,
    active: bool = True,
) -> User:
    return User(
        id=1,
        chat_id=1,
        timezone=zone,
        checkin_time=at,
        quiet_days=dict(DEFAULT_QUIET_DAYS),
        paused_until=paused_until,
        active=active,
        created_at=datetime(2000, 1, 1, tzinfo=UTC),
        next_checkin_at=datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC),
        needs_reschedule=needs_reschedule,
        last_checkin_date=last,
        frequency=frequency,
    )


def _is_checkin_instant(instant: datetime, zone: ZoneInfo, at: time) -> bool:
    """At the chosen wall time, or (spring-forward gap) the first moment after it."""
    return checkin_instant_on(local_date_of(instant, zone), at, zone) == instant


@settings(max_examples=150, deadline=None)
@given(zones, local_times, instants)
def test_upcoming_is_in_the_future_at_the_local_time(zone: str, at: time, now: datetime) -> None:
    planned = upcoming_checkin(row(zone, at), now)
    assert planned is not None
    assert planned > now
    assert planned - now <= timedelta(days=3)
    assert _is_checkin_instant(planned, ZoneInfo(zone), at)


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from([*DST_ZONES, "Pacific/Apia", "Asia/Kolkata", "Pacific/Chatham"]),
    local_times,
    instants,
    st.lists(st.integers(0, 3 * 3600), min_size=12, max_size=12),
)
def test_a_run_of_sweeps_never_sends_twice_on_one_local_date(
    zone: str, at: time, start: datetime, lateness: list[int]
) -> None:
    """Sweeping at (or a little after) each planned instant, with restarts in between."""
    tz = ZoneInfo(zone)
    state = row(zone, at)
    now = start
    sent_dates: list[date] = []
    for late in lateness:
        planned = upcoming_checkin(state, now)
        assert planned is not None
        now = planned + timedelta(seconds=late)
        plan = plan_checkin(state, now)
        assert plan.send, plan.reason  # at most 3 hours late: still owed
        assert plan.local_date == local_date_of(now, tz)
        sent_dates.append(plan.local_date)
        state = row(zone, at, last=plan.local_date)
        # A restart right after: nothing more is owed.
        again = plan_checkin(state, now + timedelta(seconds=1))
        assert not again.send
        assert plan.next_at is not None and plan.next_at > now
    assert sent_dates == sorted(set(sent_dates))


@settings(max_examples=150, deadline=None)
@given(zones, local_times, instants, st.integers(1, 6 * 3600))
def test_catch_up_only_within_three_hours(zone: str, at: time, now: datetime, late: int) -> None:
    planned = upcoming_checkin(row(zone, at), now)
    assert planned is not None
    owed = planned + timedelta(seconds=late)
    plan = plan_checkin(row(zone, at), owed)
    if late <= 3 * 3600:
        assert plan.send and plan.due_at == planned
    else:
        # Too late for this one; a later check-in may already be due only if a day passed.
        assert not plan.send or plan.due_at != planned
        if not plan.send:
            assert plan.reason in (Reason.TOO_LATE, Reason.NOT_DUE)
            assert plan.next_at is not None and plan.next_at > owed


@settings(max_examples=100, deadline=None)
@given(zones, local_times, instants, st.integers(1, 30))
def test_a_pause_covers_every_checkin_inside_it(
    zone: str, at: time, now: datetime, days: int
) -> None:
    until = now + timedelta(days=days)
    paused = row(zone, at, paused_until=until)
    planned = upcoming_checkin(paused, now)
    assert planned is not None and planned > until
    assert not plan_checkin(paused, until - timedelta(seconds=1)).send
    assert upcoming_checkin(row(zone, at, paused_until=PAUSED_FOREVER), now) is None


def test_nothing_while_off_blocked_not_set_up_or_settings_just_changed() -> None:
    now = datetime(2026, 3, 29, 18, 0, tzinfo=UTC)
    off = row("Europe/Berlin", time(19, 30), frequency=CheckinFrequency.OFF)
    assert plan_checkin(off, now) == plan_checkin(off, now).__class__(False, None, Reason.OFF)
    blocked = row("Europe/Berlin", time(19, 30), active=False)
    assert plan_checkin(blocked, now).reason is Reason.INACTIVE
    assert upcoming_checkin(blocked, now) is None
    changed = row("Europe/Berlin", time(19, 0), needs_reschedule=True)
    late_evening = datetime(2026, 3, 29, 18, 30, tzinfo=UTC)  # 20:30 Berlin (CEST)
    plan = plan_checkin(changed, late_evening)
    assert not plan.send and plan.reason is Reason.SETTINGS_CHANGED
    assert plan.next_at == datetime(2026, 3, 30, 17, 0, tzinfo=UTC)


def test_spring_forward_gap_and_fall_back_repeat() -> None:
    berlin = "Europe/Berlin"
    # 02:30 does not exist on 2026-03-29 in Berlin: sent at 03:00 CEST (01:00 UTC).
    before = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    gap = upcoming_checkin(row(berlin, time(2, 30)), before)
    assert gap == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    # 02:30 happens twice on 2026-10-25: sent once, at the first.
    first = upcoming_checkin(row(berlin, time(2, 30)), datetime(2026, 10, 24, 22, 0, tzinfo=UTC))
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    plan = plan_checkin(row(berlin, time(2, 30)), first + timedelta(minutes=1))
    assert plan.send and plan.local_date == date(2026, 10, 25)
    second_pass = first + timedelta(hours=1, minutes=1)  # 02:31 again, the repeated hour
    assert not plan_checkin(row(berlin, time(2, 30), last=date(2026, 10, 25)), second_pass).send


def test_forced_checkin_is_now_but_still_once_a_day() -> None:
    now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    forced = plan_checkin(row("Europe/Berlin", time(19, 30)), now, forced=True)
    assert forced.send and forced.due_at == now and forced.reason is Reason.FORCED
    again = plan_checkin(
        row("Europe/Berlin", time(19, 30), last=forced.local_date), now, forced=True
    )
    assert not again.send and again.reason is Reason.ALREADY_SENT
    # Tonight's regular check-in is not sent on top of it.
    tonight = datetime(2026, 6, 1, 17, 30, tzinfo=UTC)
    assert not plan_checkin(
        row("Europe/Berlin", time(19, 30), last=forced.local_date), tonight
    ).send
