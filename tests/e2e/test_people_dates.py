"""Dates and follow-ups on /people, *Remind me to follow up* after a note, and /summary's
dates line (#12). Seeded where the dialogue itself is not what is tested."""

from __future__ import annotations

from tests.e2e.log_support import add_contact, ready_user
from tests.e2e.seed import insert, local, set_clock
from tests.helpers import query
from tests.rig import BotRig


async def test_add_a_date_on_the_card_then_it_is_coming_up_and_in_the_summary(
    bot: BotRig,
) -> None:
    set_clock(bot.clock, local("Europe/Berlin", 2026, 12, 1, 12))
    user = await ready_user(bot, 2501)
    add_contact(bot.db_path, 2501, "Sam", "intimate")
    await user.send("/people sam")
    card = await user.expect("Sam")
    await user.press("📅 Add a date", message=card)
    kinds = await user.expect("What kind of date is it?")
    await user.press("Another date", message=kinds)
    await user.expect("What should I call it?")
    await user.send("moved to Lisbon")
    await user.expect("Which day?")
    await user.send("31 February")  # bad input: asked again, nothing lost
    await user.expect("isn't on the calendar")
    await user.send("3.12")
    await user.expect("Saved", "moved to Lisbon", "in 2 days")
    rows = query(bot.db_path, "SELECT kind, label, month, day FROM important_dates")
    assert [tuple(row) for row in rows] == [("named", "moved to Lisbon", 12, 3)]

    await user.send("/people sam")
    card = await user.expect("Dates:", "moved to Lisbon", "in 2 days")
    await user.send("/people")
    await user.expect("Coming up:", "moved to Lisbon", "Thu 3 Dec")
    sam = query(bot.db_path, "SELECT id FROM contacts WHERE user_id = 2501")[0]["id"]
    insert(
        bot.db_path, "important_dates", user_id=2501, contact_id=sam, kind="birthday",
        month=11, day=29, created_at=0, updated_at=0,
    )  # fmt: skip
    await user.send("/log Sam call today")
    await user.expect("Saved")
    await user.send("/summary")
    await user.expect("Dates in this period: Sam's birthday (Sun 29 Nov).")


async def test_remind_me_to_follow_up_with_a_typed_day_then_drop_it_on_the_card(
    bot: BotRig,
) -> None:
    set_clock(bot.clock, local("Europe/Berlin", 2026, 12, 1, 12))
    user = await ready_user(bot, 2502)
    add_contact(bot.db_path, 2502, "Mum", "intimate")
    await user.send("/log Mum call yesterday she sounded tired")
    saved = await user.expect("Saved")
    await user.press("Remind me to follow up", message=saved)
    choices = await user.expect("Saved")  # the same message, now with the choices
    assert choices.button_labels == ["Tomorrow", "In 3 days", "Next week", "Pick a date"]
    await user.press("Pick a date", message=choices)
    await user.expect("Which day should I remind you?")
    await user.send("someday")
    await user.expect("tomorrow")  # the examples again; still waiting
    await user.send("friday")
    await user.expect("I'll remind you to follow up with Mum")
    rows = query(bot.db_path, "SELECT due_date, source, state FROM followups")
    assert [tuple(row) for row in rows] == [("2026-12-04", "reminder", "open")]

    await user.send("/people mum")
    card = await user.expect("Follow-ups:")
    await user.press("Drop", message=card)
    await user.expect("Mum")
    assert query(bot.db_path, "SELECT state FROM followups")[0]["state"] == "dropped"
