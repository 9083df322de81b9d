"""Every bad answer gets a friendly reply and the question again; nothing answered is lost."""

from __future__ import annotations

import sqlite3

from tests.e2e.log_support import add_contact, contacts_of, drafts_of, interactions_of, ready_user
from tests.rig import BotRig


async def test_every_bad_answer_is_explained_and_asked_again(bot: BotRig) -> None:
    user = await ready_user(bot, 3201)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("Someone new")
    await user.expect("What's their name?")
    await user.send("\u200b\u2066 \u200d")
    await user.expect("looks empty", "What's their name?")
    await user.send("x" * 65)
    await user.expect("a bit long", "What's their name?")
    await user.send("  Dr.\u200b Lee  ")
    await user.expect("Dr. Lee is new here")
    await user.send("whatever")
    await user.expect("I didn't catch that", "What kind of connection is Dr. Lee?")
    await user.send("3")
    await user.expect("In person with Dr. Lee")
    await user.press("Not in person?")
    await user.expect("How did you connect with Dr. Lee?")
    await user.send("telepathy")
    await user.expect("I didn't catch how", "How did you connect")
    await user.send("phone")
    await user.expect("When was it?")
    for bad, reply in (
        ("tomorrow", "hasn't happened yet"),
        ("400 days ago", "more than a year back"),
        ("blursday", "didn't catch which day"),
        ("30.02", "isn't on the calendar"),
    ):
        await user.send(bad)
        again = await user.expect(reply, "When was it?")
        assert again.button_labels[:2] == ["Today", "Yesterday"]
    await user.send("yesterday")
    await user.expect("How did it feel?")
    await user.send("7")
    await user.expect("I didn't catch that", "How did it feel?")
    await user.send("2")
    await user.expect("Anything to remember")
    await user.send("é" * 501)
    await user.expect("That note is 501 characters", "up to 500")
    await user.send("é" * 500)
    await user.expect("Saved: call with Dr. Lee yesterday.")
    row = interactions_of(bot.db_path, 3201)[0]
    assert (row["name"], row["kind"], row["channel"], row["feeling"]) == (
        "Dr. Lee",
        "collective",
        "call",
        2,
    )
    assert row["note"] == "é" * 500


async def test_a_name_differing_only_by_case_is_the_same_person(bot: BotRig) -> None:
    user = await ready_user(bot, 3202)
    add_contact(bot.db_path, 3202, "Sam", "intimate")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("Someone new")
    await user.expect("What's their name?")
    await user.send("SAM")
    await user.expect("You already have Sam, so I'll use them.", "How did you connect with Sam?")
    assert [contact["name"] for contact in contacts_of(bot.db_path, 3202)] == ["Sam"]


async def test_emoji_and_any_script_are_welcome(bot: BotRig) -> None:
    user = await ready_user(bot, 3203)
    await user.send("/log 👩🏽‍💻 Łucja call today")
    await user.expect("👩🏽‍💻 Łucja is new here")
    await user.press("Intimate")
    await user.expect("Saved: call with 👩🏽‍💻 Łucja today.")
    await user.send("/log 山田さん message today")
    await user.expect("山田さん is new here")
    await user.send("relational")
    await user.expect("Saved: messages with 山田さん today.")


async def test_the_contact_limit_is_explained(bot: BotRig) -> None:
    user = await ready_user(bot, 3204)
    connection = sqlite3.connect(bot.db_path)
    connection.executemany(
        "INSERT INTO contacts (user_id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, 0)",
        [(3204, f"Person {n}", f"person {n}", "relational") for n in range(500)],
    )
    connection.commit()
    connection.close()
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await user.press("Someone new")
    await user.expect("500 people and groups", "/people", "Who did you connect with?")
    await user.send("Brand New Friend")
    await user.expect("500 people and groups", "Who did you connect with?")
    await user.send("person 7")
    await user.expect("How did you connect with Person 7?")
    assert len(contacts_of(bot.db_path, 3204)) == 500
    assert drafts_of(bot.db_path, 3204)[0]["status"] == "open"


async def test_a_location_mid_log_asks_for_words(bot: BotRig) -> None:
    user = await ready_user(bot, 3205)
    add_contact(bot.db_path, 3205, "Sam")
    await user.send("/log Sam")
    await user.expect("How did you connect with Sam?")
    await user.send_location(52.5, 13.4)
    await user.expect("only read typed words", "How did you connect with Sam?")
    await user.send("call")
    await user.expect("When was it?")
