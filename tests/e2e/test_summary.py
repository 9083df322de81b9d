"""/summary over real HTTP: every figure of a crafted history, the three periods, the chart."""

from __future__ import annotations

import struct
from datetime import timedelta

from bot.fakeapi.server import BotMessage
from tests.e2e.seed import (
    add_contact,
    add_interaction,
    add_suggestion_shown,
    add_user,
    execute,
    local,
    set_clock,
)
from tests.helpers import onboard, query
from tests.rig import BotRig

ZONE = "Europe/Berlin"
USER = 1001
NOW = local(ZONE, 2026, 11, 25, 12, 0)  # a Wednesday, mid-day: test seconds can't cross a day


def seed_history(rig: BotRig) -> None:
    """Week 19-25 Nov (Berlin), the week before it, a quiet group, a month-old call.

    Current week: Sam (intimate) on the 21st at 23:30, 23rd, 24th, 25th; Alex (relational) on
    the 22nd at 00:30 local, which is still the 21st in UTC, so only local days give a
    5-day streak. Feelings: Sam 5 and 4 this week (4.5), 2 the week before; Alex 3.
    """
    db = rig.db_path
    add_user(db, USER, zone=ZONE, joined=local(ZONE, 2026, 9, 1, 9, 0))
    joined = local(ZONE, 2026, 9, 1, 10, 0)
    sam = add_contact(db, USER, "Sam", "intimate", added=joined)
    alex = add_contact(db, USER, "Alex", "relational", added=joined)
    club = add_contact(db, USER, "Book club", "collective", added=joined)
    # current week
    add_interaction(db, USER, sam, local(ZONE, 2026, 11, 25, 9, 0), feeling=5)
    add_interaction(db, USER, sam, local(ZONE, 2026, 11, 24, 20, 0), channel="in_person", feeling=4)
    add_interaction(db, USER, sam, local(ZONE, 2026, 11, 23, 19, 0), channel="message")
    add_interaction(
        db, USER, alex, local(ZONE, 2026, 11, 22, 0, 30), channel="in_person", feeling=3
    )
    add_interaction(db, USER, sam, local(ZONE, 2026, 11, 21, 23, 30), channel="video")
    # the week before (12-18 Nov)
    add_interaction(db, USER, sam, local(ZONE, 2026, 11, 15, 10, 0), feeling=2)
    add_interaction(db, USER, alex, local(ZONE, 2026, 11, 16, 18, 0))
    add_interaction(db, USER, alex, local(ZONE, 2026, 11, 17, 18, 0))
    # the group, 15 local days ago (threshold 14: quiet)
    add_interaction(db, USER, club, local(ZONE, 2026, 11, 10, 19, 0), channel="in_person")
    # the month before the month (27 Sep - 26 Oct)
    add_interaction(db, USER, alex, local(ZONE, 2026, 10, 5, 12, 0))
    # ideas: one acted on this week, one long before (not counted)
    add_suggestion_shown(
        db, USER, shown=local(ZONE, 2026, 11, 23, 19, 30), acted_on=local(ZONE, 2026, 11, 24, 20)
    )
    add_suggestion_shown(
        db, USER, shown=local(ZONE, 2026, 10, 4, 19, 30), acted_on=local(ZONE, 2026, 10, 5, 12)
    )
    if _has_rhythm(rig):
        execute(db, "UPDATE contacts SET rhythm_days = 2 WHERE id = ?", (alex,))


def _has_rhythm(rig: BotRig) -> bool:
    return any(
        row["name"] == "rhythm_days" for row in query(rig.db_path, "PRAGMA table_info(contacts)")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def assert_chart(photo: BotMessage, period_noun: str) -> None:
    assert photo.kind == "photo"
    assert photo.file is not None
    assert png_size(photo.file) == (800, 450)
    assert len(photo.file) < 200 * 1024
    assert f"Your {period_noun} as a chart" in photo.text


async def test_week_summary_states_every_figure(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_history(bot)
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    photo = await user.next_message()
    assert_chart(photo, "week")
    assert "black line" in photo.text  # feelings were logged
    text_message = await user.next_message()
    lines = text_message.text.split("\n")
    overdue = ["Overdue: Alex (3 days)"] if _has_rhythm(bot) else []
    assert lines[:-1] == [
        "Your week: 5 connections (↑2 from the week before)",
        "Intimate 4 (↑3) · in balance",
        "Relational 1 (↓1) · in balance",
        "Collective 0 · quiet for 15 days",
        "People: Sam ×4, Alex",
        "Streak: 5 days in a row",
        *overdue,
        "Feeling (1–5): intimate 4.5, relational 3.0",
        "Ideas you acted on: 1",
    ]
    assert lines[-1].startswith("Next step: ") and len(lines[-1]) > len("Next step: ") + 5
    assert text_message.button_labels == ["✓ Week", "Month", "Year", "Log a connection"]


async def test_month_and_year_edit_the_same_two_messages(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_history(bot)
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    photo = await user.next_message()
    week_png = photo.file
    text_message = await user.expect("Your week: ")

    await user.press("Month")
    month = await user.expect("Your month: ", edit=True)
    assert month.message_id == text_message.message_id
    assert month.text.split("\n")[:4] == [
        "Your month: 9 connections (↑8 from the month before)",
        "Intimate 5 (↑5) · in balance",
        "Relational 3 (↑2) · in balance",
        "Collective 1 (↑1) · quiet for 15 days",
    ]
    assert "People: Sam ×5, Alex ×3, Book club" in month.text
    assert "Feeling (1–5): intimate 3.7, relational 3.0" in month.text
    assert "Ideas you acted on: 1" in month.text
    assert month.button_labels[:3] == ["Week", "✓ Month", "Year"]
    assert_chart(photo, "month")  # the same photo message, edited in place
    assert photo.file != week_png and photo.edits == 1

    await user.press("Year")
    year = await user.expect("Your year: ", edit=True)
    assert year.text.split("\n")[:4] == [
        "Your year: 10 connections",  # nothing before the year: no comparison to make
        "Intimate 5 · in balance",
        "Relational 4 · in balance",
        "Collective 1 · quiet for 15 days",
    ]
    assert "Ideas you acted on: 2" in year.text
    assert_chart(photo, "year")
    assert len(bot.api.calls_of("editMessageMedia")) == 2
    assert len([m for m in user.messages if m.kind == "photo"]) == 1

    await user.press("Week")
    week = await user.expect("Your week: ", edit=True)
    assert week.text.startswith("Your week: 5 connections")


async def test_pressing_the_period_shown_changes_nothing(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_history(bot)
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    await user.expect("Your week: ")
    edits_before = len(bot.api.calls_of("editMessageText"))
    query_id = await user.press("✓ Week")
    await user.no_more_messages()
    await bot.api.wait_until(lambda: bot.api.callback_queries.get(query_id, False))
    assert "up to date" in bot.api.callback_answers[query_id].get("text", "")
    assert len(bot.api.calls_of("editMessageText")) == edits_before
    assert not bot.api.calls_of("editMessageMedia")


async def test_new_user_gets_an_explanation_not_an_empty_chart(bot: BotRig) -> None:
    user = bot.user(1002, "Bo")
    await onboard(user)
    await user.send("/summary")
    reply = await user.next_message()
    assert reply.kind == "text"
    assert "Nothing logged yet" in reply.text and "/log" in reply.text
    assert reply.button_labels == ["Log a connection"]
    await user.no_more_messages()
    assert not bot.api.calls_of("sendPhoto")
    await user.press("Log a connection")  # the shared button: whoever owns it answers
    await user.next_message()


async def test_quiet_week_with_older_history_still_charts_and_names_someone(bot: BotRig) -> None:
    set_clock(bot.clock, NOW + timedelta(days=30))
    seed_history(bot)
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    photo = await user.next_message()
    assert_chart(photo, "week")
    text = (await user.next_message()).text
    assert text.startswith("Your week: nothing logged")
    assert "A two-line message to " in text


async def test_many_people_end_with_and_n_more(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    add_user(bot.db_path, USER, zone=ZONE, joined=NOW - timedelta(days=60))
    for index in range(12):
        contact = add_contact(
            bot.db_path, USER, f"Friend {index:02d}", "relational", added=NOW - timedelta(days=60)
        )
        add_interaction(bot.db_path, USER, contact, NOW - timedelta(hours=index + 1))
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    await user.next_message()
    text = (await user.next_message()).text
    people = next(line for line in text.split("\n") if line.startswith("People: "))
    assert people.endswith(", and 4 more")
    assert len(text) <= 4096


async def test_stale_or_forged_period_buttons(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_history(bot)
    user = bot.user(USER, "Ada")
    await user.send("/summary")
    await user.expect("Your week: ")
    await user.press(data="sm:decade:1")
    await user.expect("out of date", "/summary")
    # a chart id that can't be this summary's: the chart is sent anew, nothing else edited
    await user.press(data="sm:month:999")
    await user.expect("Your month: ", edit=True)
    fresh = [m for m in user.messages if m.kind == "photo"]
    assert len(fresh) == 2 and "month" in fresh[-1].text


async def test_unknown_user_is_pointed_to_start(bot: BotRig) -> None:
    user = bot.user(1003, "Cy")
    await user.send("/summary")
    await user.expect("/start")
