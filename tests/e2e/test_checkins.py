"""Check-ins over real HTTP: arrival at local time, what they say, and every button."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.domain.crisis_lines import lines_for_zone
from bot.domain.kinds import ConnectionType
from bot.domain.safety_replies import support_text
from bot.domain.suggestions import STRATEGIES_FOR_QUIET_KIND, load_catalogue
from bot.fakeapi import FakeUser
from bot.fakeapi.server import BotMessage
from storage.users import to_epoch
from tests.e2e.checkin_support import (
    CHECKIN_BUTTONS,
    add_contact,
    checkin_rows,
    execute,
    expect_checkin,
    next_local,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.helpers import eventually, query
from tests.rig import BotRig

BERLIN = ZoneInfo("Europe/Berlin")


async def _checkin_now(rig: BotRig, user: FakeUser, zone: str = "Europe/Berlin") -> BotMessage:
    """Travel to the user's next check-in and return it."""
    due = scheduled_at(rig, user.id)
    assert due is not None
    travel_to(rig, due)
    return await expect_checkin(user)


async def test_checkin_arrives_at_the_chosen_local_time(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2001, zone="America/New_York", at="07:15")
    due = next_local(bot, "America/New_York", "07:15")
    assert scheduled_at(bot, 2001) == due
    travel_to(bot, due, early=timedelta(seconds=1.5))
    await user.no_more_messages(wait=0.8)  # not a moment early
    checkin = await expect_checkin(user, timeout=3)
    assert bot.clock.now() >= due
    assert checkin.button_labels == CHECKIN_BUTTONS
    assert checkin.parse_mode is None
    await eventually(lambda: [r["status"] for r in checkin_rows(bot, 2001)] == ["sent"])
    row = checkin_rows(bot, 2001)[0]
    assert row["message_id"] == checkin.message_id
    assert row["local_date"] == due.astimezone(ZoneInfo("America/New_York")).date().isoformat()
    assert row["text"] is None  # delivered text is not kept
    # The next one is tomorrow at the same local time, and nothing more arrives today.
    assert scheduled_at(bot, 2001) == next_local(bot, "America/New_York", "07:15", after=due)
    await user.no_more_messages(wait=0.5)


async def test_nothing_quiet_gets_a_warm_question_and_not_today_closes_it(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2002)
    now = bot.clock.now()
    add_contact(bot, 2002, "Mum", "intimate", days_ago=[1], now=now)
    add_contact(bot, 2002, "Sam", "relational", days_ago=[2], now=now)
    add_contact(bot, 2002, "Choir", "collective", days_ago=[3], now=now)
    checkin = await _checkin_now(bot, user)
    assert "?" in checkin.text
    assert "It's been" not in checkin.text and "idea" not in checkin.text.lower()
    assert query(bot.db_path, "SELECT * FROM suggestions_shown WHERE user_id = 2002") == []

    await user.press("Not today", message=checkin)
    reply = await user.expect("No problem", "tomorrow at 19:30")
    assert reply.buttons == []
    assert checkin.button_labels == ["📝 Log a connection"]  # the answered check-in settles
    assert checkin_rows(bot, 2002)[0]["response"] == "not_today"


async def test_quiet_kind_is_named_with_an_idea_naming_their_person(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2003)
    now = bot.clock.now()
    add_contact(bot, 2003, "Mum", "intimate", days_ago=[1, 5], now=now)
    sam = add_contact(bot, 2003, "Sam", "relational", days_ago=[9, 20], now=now)
    add_contact(bot, 2003, "Choir", "collective", days_ago=[2], now=now)
    # Every idea for a friend that names nobody was shown recently, so today's must name Sam.
    catalogue = load_catalogue()
    unnamed = [
        entry.id
        for entry in catalogue
        if ConnectionType.RELATIONAL in entry.kinds
        and entry.strategy in STRATEGIES_FOR_QUIET_KIND[ConnectionType.RELATIONAL]
        and not entry.has_name_slot
    ]
    for suggestion_id in unnamed:
        execute(
            bot,
            "INSERT INTO suggestions_shown (user_id, suggestion_id, strategy, kind, shown_at) "
            "VALUES (2003, ?, 'reach-out', 'relational', ?)",
            (suggestion_id, to_epoch(now - timedelta(days=3))),
        )
    checkin = await _checkin_now(bot, user)
    assert "friend" in checkin.text.split("\n\n")[0]  # the opening varies from day to day
    first_paragraph = checkin.text.split("\n\n")[0]
    shown = query(
        bot.db_path,
        "SELECT * FROM suggestions_shown WHERE user_id = 2003 AND checkin_id IS NOT NULL",
    )
    assert len(shown) == 1
    idea = catalogue.get(shown[0]["suggestion_id"])
    assert idea is not None and idea.has_name_slot
    assert shown[0]["kind"] == "relational" and shown[0]["contact_id"] == sam
    assert idea.strategy in STRATEGIES_FOR_QUIET_KIND[ConnectionType.RELATIONAL]
    assert idea.fill("Sam") in checkin.text

    # "Another idea" edits in a different one each time, never one seen in the last 14 days.
    seen = {shown[0]["suggestion_id"], *unnamed}
    for _ in range(3):
        await user.press("💡 Another idea", message=checkin)
        edited = await user.wait_for(lambda event: event.kind == "edit")
        assert edited.message_id == checkin.message_id
        assert edited.text.split("\n\n")[0] == first_paragraph
        assert edited.button_labels == CHECKIN_BUTTONS
        latest = query(
            bot.db_path,
            "SELECT suggestion_id FROM suggestions_shown WHERE user_id = 2003 "
            "ORDER BY id DESC LIMIT 1",
        )[0]["suggestion_id"]
        assert latest not in seen
        seen.add(latest)
        entry = catalogue.get(latest)
        assert entry is not None
        assert entry.strategy in STRATEGIES_FOR_QUIET_KIND[ConnectionType.RELATIONAL]


async def test_acting_on_an_idea_is_recorded(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2004)
    now = bot.clock.now()
    add_contact(bot, 2004, "Mum", "intimate", days_ago=[1], now=now)
    add_contact(bot, 2004, "Sam", "relational", days_ago=[2], now=now)
    choir = add_contact(bot, 2004, "Choir", "collective", days_ago=[30], now=now)
    await _checkin_now(bot, user)
    shown = query(bot.db_path, "SELECT * FROM suggestions_shown WHERE user_id = 2004")
    assert [row["kind"] for row in shown] == ["collective"]
    logged_at = to_epoch(bot.clock.now() + timedelta(hours=20))
    execute(
        bot,
        "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, created_at) "
        "VALUES (2004, ?, ?, 'in_person', ?)",
        (choir, logged_at, logged_at),
    )
    acted = query(bot.db_path, "SELECT acted_on_at FROM suggestions_shown WHERE user_id = 2004")
    assert acted[0]["acted_on_at"] == logged_at


async def test_snooze_one_day_skips_tomorrow_only(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2005)
    checkin = await _checkin_now(bot, user)
    first_due = scheduled_at(bot, 2005)
    assert first_due is not None
    await user.press("Snooze 1 day", message=checkin)
    after = next_local(bot, "Europe/Berlin", "19:30", after=first_due)
    day_name = after.astimezone(BERLIN).strftime("%A")
    await user.expect("Snoozed for 1 day", f"{day_name} at 19:30", "/resume")
    assert scheduled_at(bot, 2005) == after
    assert checkin_rows(bot, 2005)[0]["response"] == "snoozed"
    # Tomorrow's check-in time passes in silence; the day after, it's back.
    travel_to(bot, first_due + timedelta(minutes=1))
    await user.no_more_messages(wait=0.6)
    travel_to(bot, after)
    await expect_checkin(user)
    assert len(checkin_rows(bot, 2005)) == 2


async def test_snooze_three_days_and_pause_button(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2006)
    checkin = await _checkin_now(bot, user)
    tomorrow = scheduled_at(bot, 2006)
    assert tomorrow is not None
    await user.press("Snooze 3 days", message=checkin)
    await user.expect("Snoozed for 3 days")
    expected = tomorrow
    for _ in range(3):
        expected = next_local(bot, "Europe/Berlin", "19:30", after=expected)
    assert scheduled_at(bot, 2006) == expected

    await user.send("/resume")
    await user.expect("Welcome back", "tomorrow at 19:30")
    assert scheduled_at(bot, 2006) == tomorrow
    second = await _checkin_now(bot, user)
    await user.press("Pause check-ins", message=second)
    await user.expect("paused", "/resume")
    assert scheduled_at(bot, 2006) is None
    travel_to(bot, tomorrow + timedelta(days=5))
    await user.no_more_messages(wait=0.6)
    await user.send("/resume")
    await user.expect("Welcome back", "19:30")
    assert scheduled_at(bot, 2006) is not None


async def test_pause_for_days_resume_and_support(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2007)
    await user.send("/pause 7")
    reply = await user.expect("paused for 7 days", "19:30", "/resume")
    paused_until = query(bot.db_path, "SELECT paused_until FROM users WHERE id = 2007")[0][0]
    assert abs(paused_until - to_epoch(bot.clock.now() + timedelta(days=7))) <= 5
    due = scheduled_at(bot, 2007)
    assert due is not None and due > bot.clock.now() + timedelta(days=6)
    assert "19:30" in reply.text
    for bad in ("/pause 0", "/pause soon", "/pause 400"):
        await user.send(bad)
        await user.expect("/pause 7", "1 to 365")
    await user.send("/resume")
    await user.expect("Welcome back")
    await user.send("/resume")
    await user.expect("aren't paused")
    await user.send("/support")
    support = await user.expect("not a crisis service")
    assert support.text == support_text(lines_for_zone("Europe/Berlin"))  # country lines first


async def test_buttons_of_someone_elses_or_forged_checkin_are_out_of_date(bot: BotRig) -> None:
    owner = await onboarded_user(bot, 2008, "Owner")
    checkin = await _checkin_now(bot, owner)
    other = await onboarded_user(bot, 2009, "Other")
    stolen = dict(checkin.buttons[2])["Snooze 1 day"]
    await other.press(data=stolen, message=checkin)
    await other.expect("out of date")
    for forged in ("ck:s:999999:1", "ck:s:1:2", "ck:zz:1:0", "ck:n"):
        await owner.press(data=forged, message=checkin)
        await owner.expect("out of date")
    assert checkin_rows(bot, 2008)[0]["response"] is None
    assert query(bot.db_path, "SELECT paused_until FROM users WHERE id = 2008")[0][0] is None


async def test_log_button_is_answered(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2010)
    checkin = await _checkin_now(bot, user)
    query_id = await user.press("📝 Log a connection", message=checkin)
    await bot.api.wait_until(lambda: bot.api.callback_queries.get(query_id, False))
