"""The /log conversation over real HTTP: new people, known people, groups, several at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.log_support import (
    add_contact,
    add_interaction,
    contacts_of,
    drafts_of,
    interactions_of,
    ready_user,
)
from tests.rig import BotRig

BERLIN = ZoneInfo("Europe/Berlin")


def _local_today(rig: BotRig) -> datetime:
    return rig.clock.now().astimezone(BERLIN)


async def test_full_flow_with_a_new_person(bot: BotRig) -> None:
    user = await ready_user(bot, 3001)
    await user.send("/log")
    who = await user.expect("Who did you connect with?")
    assert who.button_labels == ["Someone new", "A group or community"]
    await user.press("Someone new")
    await user.expect("What's their name?")
    await user.send("Sam")
    kind = await user.expect("Sam is new here", "What kind of connection")
    assert kind.button_labels[:3] == [
        "Intimate · partner, family, closest friends",
        "Relational · friends, colleagues, neighbours",
        "Collective · a club, team, faith group, volunteering",
    ]
    await user.press("Intimate")
    how = await user.expect("How did you connect with Sam?")
    assert how.button_labels[:4] == ["In person", "Call", "Video", "Message"]
    await user.press("Call")
    await user.expect("When was it?")
    await user.press("Yesterday")
    feel = await user.expect("How did it feel?")
    assert "Skip" in feel.button_labels and "🙂 Good" in feel.button_labels
    await user.press("🙂 Good")
    await user.expect("Anything to remember")
    await user.send("Talked about the move")
    saved = await user.expect("Saved: call with Sam yesterday.")
    assert "first one you've logged" in saved.text
    assert saved.button_labels == ["Remind me to follow up"]  # a note without a day
    rows = interactions_of(bot.db_path, 3001)
    assert len(rows) == 1
    row = rows[0]
    assert (row["name"], row["kind"], row["channel"], row["feeling"]) == (
        "Sam",
        "intimate",
        "call",
        4,
    )
    assert row["note"] == "Talked about the move"
    yesterday = (_local_today(bot) - timedelta(days=1)).date()
    stored = datetime.fromtimestamp(row["occurred_at"], UTC).astimezone(BERLIN)
    assert stored.date() == yesterday and stored.hour == 12  # local noon, stored in UTC
    assert drafts_of(bot.db_path, 3001) == []
    await user.no_more_messages()


async def test_everything_typed_instead_of_tapped(bot: BotRig) -> None:
    user = await ready_user(bot, 3002)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.send("Jo")
    await user.expect("Jo is new here")
    await user.send("friend")
    await user.expect("How did you connect with Jo?")
    await user.send("video call")
    await user.expect("When was it?")
    await user.send("3 days ago")
    await user.expect("How did it feel?")
    await user.send("great")
    await user.expect("Anything to remember")
    await user.send("skip")
    saved = await user.expect("Saved: video call with Jo")
    day = (_local_today(bot) - timedelta(days=3)).date()
    assert day.strftime("%A") in saved.text
    row = interactions_of(bot.db_path, 3002)[0]
    assert (row["kind"], row["channel"], row["feeling"], row["note"]) == (
        "relational",
        "video",
        5,
        None,
    )


async def test_known_person_by_button_most_recent_first(bot: BotRig) -> None:
    user = await ready_user(bot, 3003)
    now = bot.clock.now()
    sam = add_contact(bot.db_path, 3003, "Sam", "intimate")
    alex = add_contact(bot.db_path, 3003, "Alex")
    add_contact(bot.db_path, 3003, "Drifted Dan", archived=True)
    add_interaction(bot.db_path, 3003, sam, now - timedelta(days=10))
    add_interaction(bot.db_path, 3003, alex, now - timedelta(days=1))
    await user.send("/log")
    who = await user.expect("Who did you connect with?")
    assert who.button_labels == ["Alex", "Sam", "Someone new", "A group or community"]
    await user.press("Sam")
    await user.expect("How did you connect with Sam?")
    await user.press("In person")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("How did it feel?")
    await user.press("Skip")
    await user.expect("Anything to remember")
    await user.press("Skip")
    saved = await user.expect("Saved: time in person with Sam today.")
    assert "2 connections" in saved.text or "your first" in saved.text
    assert [row["name"] for row in interactions_of(bot.db_path, 3003)][-1] == "Sam"
    assert len(contacts_of(bot.db_path, 3003)) == 3


async def test_typed_name_with_a_typo_is_offered_not_assumed(bot: BotRig) -> None:
    user = await ready_user(bot, 3004)
    add_contact(bot.db_path, 3004, "Alex")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.send("alx")
    offer = await user.expect("Did you mean Alex?")
    assert offer.button_labels == ["Yes, Alex", "No, add “alx” as new", "‹ Back"]
    await user.send("yes")
    await user.expect("How did you connect with Alex?")
    await user.send("message")
    await user.expect("When was it?")
    await user.send("today")
    await user.expect("How did it feel?")
    await user.send("4")
    await user.expect("Anything to remember")
    await user.send("no")
    await user.expect("Saved: messages with Alex today.")
    assert [contact["name"] for contact in contacts_of(bot.db_path, 3004)] == ["Alex"]


async def test_case_and_accents_find_the_same_person(bot: BotRig) -> None:
    user = await ready_user(bot, 3005)
    add_contact(bot.db_path, 3005, "Mum", "intimate")
    add_contact(bot.db_path, 3005, "Zoë")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.send("mum")
    await user.expect("How did you connect with Mum?")
    await user.press("+ Add another person")
    await user.expect("Who else was there with Mum?")
    await user.send("zoe")
    await user.expect("How did you connect with Mum and Zoë?")
    assert len(contacts_of(bot.db_path, 3005)) == 2


async def test_two_matches_ask_which_one(bot: BotRig) -> None:
    user = await ready_user(bot, 3006)
    add_contact(bot.db_path, 3006, "Sam Smith")
    add_contact(bot.db_path, 3006, "Sam Jones")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.send("sam")
    which = await user.expect("Which “sam” did you mean?")
    assert which.button_labels[:2] == ["Sam Jones", "Sam Smith"]
    assert "Someone new called “sam”" in which.button_labels
    await user.press("Sam Smith")
    await user.expect("How did you connect with Sam Smith?")


async def test_unknown_typed_name_is_offered_as_new(bot: BotRig) -> None:
    user = await ready_user(bot, 3007)
    add_contact(bot.db_path, 3007, "Alex")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.send("Priya")
    kind = await user.expect("Priya is new here")
    assert "‹ Back" in kind.button_labels
    await user.press("‹ Back")
    await user.expect("Who did you connect with?")
    await user.send("Priya")
    await user.expect("Priya is new here")
    await user.press("Relational")
    await user.expect("How did you connect with Priya?")
    assert contacts_of(bot.db_path, 3007)[-1]["name"] == "Alex"  # not created until saved


async def test_a_group_defaults_to_in_person(bot: BotRig) -> None:
    user = await ready_user(bot, 3008)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("A group or community")
    await user.expect("What's the group or community called?")
    await user.send("Book club")
    when = await user.expect("In person with Book club. When was it?")
    assert "Not in person?" in when.button_labels
    await user.send("last friday")
    await user.expect("How did it feel?")
    await user.press("Skip")
    await user.expect("Anything to remember")
    await user.press("Skip")
    saved = await user.expect("Saved: time in person with Book club")
    assert "first collective one so far" in saved.text or "first one you've logged" in saved.text
    row = interactions_of(bot.db_path, 3008)[0]
    assert (row["kind"], row["channel"], row["feeling"]) == ("collective", "in_person", None)


async def test_a_group_can_be_met_another_way(bot: BotRig) -> None:
    user = await ready_user(bot, 3009)
    add_contact(bot.db_path, 3009, "Choir", "collective")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("Choir")
    await user.expect("In person with Choir.")
    await user.press("Not in person?")
    await user.expect("How did you connect with Choir?")
    await user.press("Video")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("How did it feel?")
    await user.send("skip")
    await user.expect("Anything to remember")
    await user.send("skip")
    await user.expect("Saved: video call with Choir today.")


async def test_several_people_share_one_moment(bot: BotRig) -> None:
    user = await ready_user(bot, 3010)
    add_contact(bot.db_path, 3010, "Sam", "intimate")
    add_contact(bot.db_path, 3010, "Alex")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("Sam")
    await user.expect("How did you connect with Sam?")
    await user.press("+ Add another person")
    more = await user.expect("Who else was there with Sam?")
    assert "Sam" not in more.button_labels and "That's everyone" in more.button_labels
    await user.press("Alex")
    await user.expect("How did you connect with Sam and Alex?")
    await user.press("+ Add another person")
    await user.send("Jo and Priya")
    await user.expect("Jo is new here")
    await user.press("Relational")
    await user.expect("Priya is new here")
    await user.send("2")
    await user.expect("How did you connect with Sam, Alex, Jo and Priya?")
    await user.press("In person")
    await user.expect("When was it?")
    await user.press("Yesterday")
    await user.expect("How did it feel?")
    await user.press("😊 Great")
    await user.expect("Anything to remember")
    await user.send("Dinner at Jo's")
    saved = await user.expect("Saved: time in person with Sam, Alex, Jo and Priya yesterday.")
    assert "That's 4 connections" in saved.text
    rows = interactions_of(bot.db_path, 3010)
    assert [row["name"] for row in rows] == ["Sam", "Alex", "Jo", "Priya"]
    assert len({row["moment_id"] for row in rows}) == 1
    assert {row["note"] for row in rows} == {"Dinner at Jo's"}


async def test_context_line_counts_the_week_and_the_quiet_kind(rig_at_friday: BotRig) -> None:
    bot = rig_at_friday
    user = await ready_user(bot, 3011)
    mum = add_contact(bot.db_path, 3011, "Mum", "intimate")
    alex = add_contact(bot.db_path, 3011, "Alex")
    add_interaction(bot.db_path, 3011, mum, datetime(2026, 11, 24, 18, tzinfo=BERLIN))  # Tuesday
    add_interaction(bot.db_path, 3011, alex, datetime(2026, 11, 25, 18, tzinfo=BERLIN))
    await user.send("/log Mum call today")
    saved = await user.expect("Saved: call with Mum today.")
    assert saved.text.endswith(
        "That's 3 connections in the last 7 days, your first intimate one since Tuesday."
    )


@pytest.fixture
async def rig_at_friday(rig: BotRig) -> BotRig:
    friday_noon = datetime(2026, 11, 27, 12, tzinfo=BERLIN)
    rig.clock.offset = friday_noon - datetime.now(UTC)
    await rig.start()
    return rig


async def test_typing_does_what_the_extra_buttons_do(bot: BotRig) -> None:
    user = await ready_user(bot, 3012)
    add_contact(bot.db_path, 3012, "Choir", "collective")
    add_contact(bot.db_path, 3012, "Alex")
    await user.send("/log choir")
    await user.expect("In person with Choir.")
    await user.send("video")  # instead of "Not in person?"
    await user.expect("When was it?")
    await user.send("add another")
    await user.expect("Who else was there with Choir?")
    await user.send("alx")
    await user.expect("Did you mean Alex?")
    await user.send("new")  # instead of "No, add “alx” as new"
    await user.expect("alx is new here")
    await user.send("relational")
    await user.expect("When was it?")
    await user.send("today")
    await user.expect("How did it feel?")
    await user.send("skip")
    await user.expect("Anything to remember")
    await user.send("skip")
    await user.expect("Saved: video call with Choir and alx today.")
