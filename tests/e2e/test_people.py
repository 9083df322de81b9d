"""/people: the list, paging, a contact's card, and every action on it."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from bot.domain.people_buttons import PeopleList
from tests.e2e.log_support import (
    add_contact,
    add_interaction,
    contacts_of,
    interactions_of,
    ready_user,
)
from tests.rig import BotRig


def _contact(rig: BotRig, user_id: int, contact_id: int) -> dict[str, object]:
    return next(c for c in contacts_of(rig.db_path, user_id) if c["id"] == contact_id)


async def test_list_is_grouped_by_kind_with_time_since(bot: BotRig) -> None:
    user = await ready_user(bot, 3401)
    now = bot.clock.now()
    mum = add_contact(bot.db_path, 3401, "Mum", "intimate")
    alex = add_contact(bot.db_path, 3401, "Alex")
    add_contact(bot.db_path, 3401, "Choir", "collective")
    add_contact(bot.db_path, 3401, "Old Friend", archived=True)
    add_interaction(bot.db_path, 3401, mum, now - timedelta(days=3))
    add_interaction(bot.db_path, 3401, alex, now - timedelta(days=21))
    await user.send("/people")
    listing = await user.expect("Your people and groups (3)")
    text = listing.text
    assert text.index("Intimate") < text.index("Mum — 3 days ago") < text.index("Relational")
    assert text.index("Relational") < text.index("Alex — 3 weeks ago") < text.index("Collective")
    assert "Choir — nothing logged yet" in text
    assert "Old Friend" not in text
    assert listing.button_labels == ["Mum", "Alex", "Choir", "Drifted (1)"]
    await user.press("Drifted (1)")
    drifted = await user.expect("Drifted (1)", "Old Friend")
    assert drifted.button_labels == ["Old Friend", "‹ Your people"]


async def test_long_lists_page_with_buttons(bot: BotRig) -> None:
    user = await ready_user(bot, 3402)
    connection = sqlite3.connect(bot.db_path)
    connection.executemany(
        "INSERT INTO contacts (user_id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, 0)",
        [(3402, f"Friend {n:02d}", f"friend {n:02d}", "relational") for n in range(20)],
    )
    connection.commit()
    connection.close()
    await user.send("/people")
    first = await user.expect("Your people and groups (20) · page 1 of 3")
    assert first.button_labels[:8] == [f"Friend {n:02d}" for n in range(8)]
    assert first.button_labels[8:] == ["Next ›"]
    await user.press("Next ›")
    second = await user.expect("page 2 of 3", edit=True)
    assert second.button_labels == [f"Friend {n:02d}" for n in range(8, 16)] + [
        "‹ Previous",
        "Next ›",
    ]
    await user.press("Next ›")
    third = await user.expect("page 3 of 3", edit=True)
    assert third.button_labels == [f"Friend {n:02d}" for n in range(16, 20)] + ["‹ Previous"]
    await user.press("Friend 17")
    await user.expect("Friend 17", "Relational · no rhythm", "Nothing logged yet")
    await user.press("‹ Back")
    await user.expect("page 3 of 3")


async def test_card_shows_recent_history(bot: BotRig) -> None:
    user = await ready_user(bot, 3403)
    add_contact(bot.db_path, 3403, "Sam", "intimate")
    await user.send("/log Sam call yesterday catching up")
    await user.expect("Saved")
    await user.send("/people sam")
    card = await user.expect("Sam", "Intimate · no rhythm · last: yesterday")
    assert "call" in card.text and "“catching up”" in card.text
    assert card.button_labels == [
        "Log a connection",
        "More",
        "📅 Add a date",
        "Rename",
        "Change kind",
        "Rhythm",
        "Let drift",
        "Delete",
        "‹ Back",
    ]
    await user.press("Log a connection")
    await user.expect("How did you connect with Sam?")


async def test_rename_with_checks(bot: BotRig) -> None:
    user = await ready_user(bot, 3404)
    sam = add_contact(bot.db_path, 3404, "Sam")
    add_contact(bot.db_path, 3404, "Alex")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Rename")
    await user.expect("What should Sam be called now?")
    await user.send("ALEX")
    await user.expect("You already have someone called ALEX")
    await user.send("x" * 70)
    await user.expect("a bit long")
    await user.send("sam")
    await user.expect("Done: Sam is now sam.")
    await user.press("Rename")
    await user.send("Samuel")
    await user.expect("Done: sam is now Samuel.", "Samuel")
    assert _contact(bot, 3404, sam)["name"] == "Samuel"
    assert _contact(bot, 3404, sam)["name_key"] == "samuel"
    await user.send("hello")  # no longer waiting for a name
    await user.expect("I didn't catch that")


async def test_change_kind_by_button_and_by_typing(bot: BotRig) -> None:
    user = await ready_user(bot, 3405)
    sam = add_contact(bot.db_path, 3405, "Sam")
    await user.send("/people Sam")
    await user.expect("Relational")
    await user.press("Change kind")
    picker = await user.expect("What kind of connection is Sam? Now: Relational")
    assert picker.button_labels[1].startswith("✓ Relational")
    await user.press("Intimate")
    await user.expect("Sam is now intimate.", "Intimate · no rhythm")
    assert _contact(bot, 3405, sam)["kind"] == "intimate"
    await user.press("Change kind")
    await user.expect("Now: Intimate")
    await user.send("a group")
    await user.expect("I didn't catch that")
    await user.send("collective")
    await user.expect("Sam is now collective.")
    assert _contact(bot, 3405, sam)["kind"] == "collective"


async def test_rhythm_by_button_and_by_typing(bot: BotRig) -> None:
    user = await ready_user(bot, 3406)
    sam = add_contact(bot.db_path, 3406, "Sam")
    await user.send("/people Sam")
    await user.expect("no rhythm")
    await user.press("Rhythm")
    picker = await user.expect("How often would you like to be in touch with Sam?")
    assert picker.button_labels == [
        "Every week",
        "Every 2 weeks",
        "Every month",
        "✓ No rhythm",
        "‹ Back",
    ]
    await user.press("Every 2 weeks")
    await user.expect("Rhythm for Sam: every 2 weeks.")
    assert _contact(bot, 3406, sam)["rhythm_days"] == 14
    await user.press("Rhythm")
    await user.expect("Now: every 2 weeks")
    await user.send("sometimes")
    await user.expect("I didn't catch that", "every 10 days")
    await user.send("every 10 days")
    await user.expect("Rhythm for Sam: every 10 days.")
    assert _contact(bot, 3406, sam)["rhythm_days"] == 10
    await user.press("Rhythm")
    await user.expect("Now: every 10 days")
    await user.press("No rhythm")
    await user.expect("No rhythm for Sam.")
    assert _contact(bot, 3406, sam)["rhythm_days"] is None


async def test_drift_leaves_menus_and_comes_back(bot: BotRig) -> None:
    user = await ready_user(bot, 3407)
    sam = add_contact(bot.db_path, 3407, "Sam")
    add_contact(bot.db_path, 3407, "Alex")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Let drift")
    drifting = await user.expect("Sam is drifting", "history kept", edit=True)
    assert "Bring back" in drifting.button_labels
    assert _contact(bot, 3407, sam)["archived"] == 1
    await user.send("/log")
    who = await user.expect("Who did you connect with?")
    assert "Sam" not in who.button_labels and "Alex" in who.button_labels
    await user.send("/people Sam")
    await user.expect("drifted")
    await user.press("Bring back")
    await user.expect("Sam is back in your menus.")
    assert _contact(bot, 3407, sam)["archived"] == 0


async def test_logging_with_a_drifted_contact_brings_it_back(bot: BotRig) -> None:
    user = await ready_user(bot, 3408)
    sam = add_contact(bot.db_path, 3408, "Sam", archived=True)
    await user.send("/log sam call today")
    await user.expect("Saved: call with Sam today.", "Sam is back in your menus.")
    assert _contact(bot, 3408, sam)["archived"] == 0


async def test_delete_asks_first_then_removes_the_history(bot: BotRig) -> None:
    user = await ready_user(bot, 3409)
    sam = add_contact(bot.db_path, 3409, "Sam")
    alex = add_contact(bot.db_path, 3409, "Alex")
    now = bot.clock.now()
    for days in (1, 2, 3):
        add_interaction(bot.db_path, 3409, sam, now - timedelta(days=days))
    add_interaction(bot.db_path, 3409, alex, now)
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Delete")
    confirm = await user.expect("Delete Sam and their 3 logged connections?", "can't be undone")
    assert confirm.button_labels == ["Yes, delete Sam", "No, keep Sam"]
    await user.press("No, keep Sam")
    await user.expect("Kept.")
    assert len(interactions_of(bot.db_path, 3409)) == 4
    await user.press("Delete")
    await user.expect("Delete Sam")
    await user.send("yes")
    await user.expect("Deleted Sam and 3 logged connections.")
    assert [c["id"] for c in contacts_of(bot.db_path, 3409)] == [alex]
    assert [row["name"] for row in interactions_of(bot.db_path, 3409)] == ["Alex"]
    await user.press("‹ Your people")
    await user.expect("Your people and groups (1)")


async def test_a_deleted_contacts_old_card_is_out_of_date(bot: BotRig) -> None:
    user = await ready_user(bot, 3410)
    add_contact(bot.db_path, 3410, "Sam")
    await user.send("/people Sam")
    card = await user.expect("Sam")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Delete")
    await user.expect("Delete Sam")
    await user.press("Yes, delete Sam")
    await user.expect("Deleted Sam.")
    await user.press("Rename", message=card)
    await user.expect("out of date", "No one here yet")


async def test_people_before_anything_is_logged(bot: BotRig) -> None:
    user = await ready_user(bot, 3411)
    await user.send("/people")
    empty = await user.expect("No one here yet", "/log")
    assert empty.button_labels == []


async def test_a_button_that_would_change_nothing_edits_nothing(bot: BotRig) -> None:
    user = await ready_user(bot, 3412)
    add_contact(bot.db_path, 3412, "Sam")
    await user.send("/people")
    listing = await user.expect("Your people and groups (1)")
    edits_before = len(bot.api.calls_of("editMessageText"))
    await user.press(data=PeopleList(0, False).pack(), message=listing)  # the page it shows
    await user.no_more_messages()
    assert len(bot.api.calls_of("editMessageText")) == edits_before
    await user.press("Sam", message=listing)
    await user.expect("Sam", "Relational", edit=True)
