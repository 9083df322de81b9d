"""Issue #13, Telegram's own ways in: a forward, a shared contact, a .vcf file; and /export.

Nothing of a forwarded text, a phone number, an email or an address may reach the database
file or the logs: the last test of each kind greps both.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.domain.imports import AddAs, ForwardLog, ImportPage, NotNow
from bot.domain.kinds import ConnectionType
from bot.fakeapi.user import origin_channel, origin_chat, origin_hidden_user, origin_user
from bot.logging_setup import OWN_LOGGERS
from tests.e2e.log_support import add_contact, ready_user
from tests.helpers import query
from tests.rig import BotRig

VCARDS = Path(__file__).resolve().parents[1] / "data" / "vcards"
FORWARDED = "Meet me at the quokka bakery at nine, bring the violet umbrella"
PRIVATE = (
    "quokka",
    "violet umbrella",
    "+44 7700 900123",
    "7700 900",
    "zoe.martin@example.org",
    "maya@example.org",
    "Elm Street",
    "Bristol",
    "BS1 4DJ",
    "Lantern Row",
)


def _stored_bytes(rig: BotRig) -> bytes:
    """The database file and its journal, as they lie on disk."""
    return b"".join(path.read_bytes() for path in rig.db_path.parent.iterdir() if path.is_file())


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """What the bot's logging would write (libraries above DEBUG; the fake Telegram left out)."""
    return "\n".join(
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith("bot.fakeapi")
        and (record.levelno >= logging.INFO or record.name.split(".")[0] in OWN_LOGGERS)
    )


def _assert_nothing_private(rig: BotRig, caplog: pytest.LogCaptureFixture) -> None:
    stored, logged = _stored_bytes(rig), _logged(caplog)
    for private in PRIVATE:
        assert private.encode() not in stored, f"{private!r} reached the database"
        assert private not in logged, f"{private!r} reached the logs"


def _interactions(rig: BotRig, user_id: int) -> list[tuple[str, str, object]]:
    rows = query(
        rig.db_path,
        "SELECT c.name, i.channel, i.note FROM interactions AS i "
        "JOIN contacts AS c ON c.id = i.contact_id WHERE i.user_id = ? ORDER BY i.id",
        (user_id,),
    )
    return [(row["name"], row["channel"], row["note"]) for row in rows]


def _contacts(rig: BotRig, user_id: int) -> dict[str, str]:
    rows = query(rig.db_path, "SELECT name, kind FROM contacts WHERE user_id = ?", (user_id,))
    return {row["name"]: row["kind"] for row in rows}


async def test_forwards_from_known_unknown_and_hidden_senders(
    bot: BotRig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = await ready_user(bot, 5101)
    add_contact(bot.db_path, 5101, "Sam")
    add_contact(bot.db_path, 5101, "Alex")

    # A known person (Telegram says "Sam Lee", the list says "Sam").
    await user.send_forward(FORWARDED, origin_user("Sam", "Lee"))
    offer = await user.expect("Log a message with Sam today?")
    assert offer.button_labels == ["Log a message with Sam"]
    await user.press("Log a message with Sam")
    await user.expect("Saved: messages with Sam today.", edit=True)
    assert _interactions(bot, 5101) == [("Sam", "message", None)]

    # Someone unknown: added as new (kind asked), then the message logged.
    await user.send_forward(FORWARDED, origin_user("Priya", "Shah"))
    await user.expect("Priya Shah isn't in your list yet. Add Priya Shah as new?")
    await user.press("Add Priya Shah")
    question = await user.expect("What kind of connection is Priya Shah?", edit=True)
    assert [label.split(" ·")[0] for label in question.button_labels] == [
        "Intimate",
        "Relational",
        "Collective",
        "Not now",
    ]
    await user.press("Intimate")
    await user.expect("Added Priya Shah to your people (intimate).", "Log a message with Priya")
    await user.press("Log it")
    await user.expect("Saved: messages with Priya Shah today.")
    assert _contacts(bot, 5101)["Priya Shah"] == "intimate"

    # A hidden sender with a typo of a known name: which one, or new; "Not now" adds nothing.
    await user.send_forward(FORWARDED, origin_hidden_user("Alexx"))
    near = await user.expect("Is this Alex?", "add Alexx as new")
    assert near.button_labels == ["Log with Alex", "Add Alexx as new", "Not now"]
    await user.press("Not now")
    await user.expect("Okay, nothing added.", edit=True)
    assert "Alexx" not in _contacts(bot, 5101)

    # A group suggests "collective"; a channel and a bot are nobody to log with.
    await user.send_forward(FORWARDED, origin_chat("Book Club"))
    await user.expect("Add Book Club as a new group?")
    await user.send("/help")
    await user.expect("Tap Add Book Club above to add them, or /cancel.")
    await user.press("Add Book Club")
    group_kinds = await user.expect("What kind of connection is Book Club?")
    assert group_kinds.button_labels[0].startswith("✓ Collective")
    await user.send_forward(FORWARDED, origin_channel("Daily News"))
    await user.expect("That came from a channel")
    await user.send_forward(FORWARDED, origin_user("Helper", is_bot=True))
    await user.expect("That came from a bot")
    await user.send_forward(FORWARDED, origin_user("Ada", user_id=5101))
    await user.expect("That's your own message")

    # A forward is never typed text: not a command, not a "Log it" offer, not screened.
    await user.send_forward("/delete everything", origin_user("Sam"))
    await user.expect("Log a message with Sam today?")
    await user.send_forward("had coffee with Sam, I feel hopeless", origin_user("Sam"))
    await user.expect("Log a message with Sam today?")
    await user.no_more_messages()

    assert len(_interactions(bot, 5101)) == 2
    _assert_nothing_private(bot, caplog)


async def test_a_forward_mid_log_puts_the_log_on_hold(bot: BotRig) -> None:
    user = await ready_user(bot, 5107)
    add_contact(bot.db_path, 5107, "Sam")
    await user.send("/log Sam")
    await user.expect("How did you connect")
    await user.send_forward(FORWARDED, origin_user("Priya"))
    offer = await user.expect("Add Priya as new?")
    await user.expect("Your log with Sam is on hold — /log to continue.")
    await user.press("Add Priya", message=offer)
    await user.expect("What kind of connection is Priya?", edit=True)
    await user.press("Relational", message=offer)
    await user.expect("Added Priya to your people (relational).")
    assert _interactions(bot, 5107) == []


async def test_forged_and_old_buttons_are_out_of_date_and_change_nothing(bot: BotRig) -> None:
    user = await ready_user(bot, 5102)
    add_contact(bot.db_path, 5102, "Sam")
    await user.press(data=ForwardLog(987654).pack())
    await user.expect("That button is out of date.")
    await user.send_forward(FORWARDED, origin_user("Nadia"))
    await user.expect("Add Nadia as new?")
    first_offer = user.last_with_buttons()
    await user.send_forward(FORWARDED, origin_user("Omar"))
    await user.expect("Add Omar as new?")
    assert first_offer is not None
    await user.press("Add Nadia", message=first_offer)  # an older offer than the one open
    await user.expect("That button is out of date.")
    await user.press(data=AddAs(1, ConnectionType.INTIMATE).pack())
    await user.expect("That button is out of date.")
    await user.press(data=NotNow(424242).pack())
    await user.expect("That button is out of date.")
    await user.press(data=ImportPage(1, 0, ConnectionType.INTIMATE).pack())
    await user.expect("That button is out of date.")
    await user.press(data="imk:1:nonsense")
    await user.expect("That button is out of date.")
    assert set(_contacts(bot, 5102)) == {"Sam"}
    assert _interactions(bot, 5102) == []
    assert bot.api.unanswered_callback_queries() == []


async def test_a_shared_contact_is_offered_by_name_only(
    bot: BotRig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = await ready_user(bot, 5103)
    add_contact(bot.db_path, 5103, "Sam")
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Maya Lopez\nTEL:+44 7700 900123\n"
        "EMAIL:maya@example.org\nADR:;;3 Lantern Row;Bristol;;BS1 4DJ;UK\nEND:VCARD"
    )
    await user.send_contact("Maya", "Lopez", phone_number="+44 7700 900123", vcard=card)
    offer = await user.expect("Add Maya Lopez to your people? Pick what kind")
    assert len(offer.button_labels) == 4
    await user.press("Relational")
    added = await user.expect("Added Maya Lopez to your people (relational).", edit=True)
    assert added.buttons == []  # no "Log it": a shared contact starts nothing else
    assert _contacts(bot, 5103) == {"Sam": "relational", "Maya Lopez": "relational"}
    assert _interactions(bot, 5103) == []  # starts nothing else

    await user.send_contact("Sam", phone_number="+44 7700 900123")
    await user.expect("Sam is already in your list — nothing to add.")
    _assert_nothing_private(bot, caplog)


async def test_vcard_import_with_birthday_duplicate_and_nameless_card(
    bot: BotRig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = await ready_user(bot, 5104)
    add_contact(bot.db_path, 5104, "Sam")
    await user.send_document((VCARDS / "three_people.vcf").read_bytes(), "contacts.vcf")
    found = await user.expect("That file has 3 contacts: 1 person I can add.")
    assert "Sam — already in your list" in found.text
    assert "card 3 — no name on the card" in found.text
    assert "Page 1 of 1:\n· Zoë Martin (birthday)" in found.text
    assert found.button_labels[0].startswith("✓ Relational")
    await user.press("Intimate")
    done = await user.expect("Added 1 person as intimate.", "Done: added 1 person", edit=True)
    assert "Saved 1 birthday or anniversary too" in done.text
    assert _contacts(bot, 5104)["Zoë Martin"] == "intimate"
    dates = query(
        bot.db_path,
        "SELECT d.kind, d.month, d.day, d.year, d.source FROM important_dates AS d "
        "JOIN contacts AS c ON c.id = d.contact_id WHERE d.user_id = ? AND c.name = ?",
        (5104, "Zoë Martin"),
    )
    assert [tuple(row) for row in dates] == [("birthday", 3, 14, 1990, "vcard")]
    assert query(bot.db_path, "SELECT * FROM conversations WHERE user_id = 5104") == []

    await user.send_document((VCARDS / "malformed.vcf").read_bytes(), "broken.vcf")
    await user.expect("I couldn't read any contact in that file")
    await user.send_document(b"%PDF-1.4 not contacts", "notes.pdf", "application/pdf")
    await user.expect("That doesn't look like a contacts file")
    downloads = len(bot.api.downloads)
    await user.send_document(b"BEGIN:VCARD", "huge.vcf", file_size=2 * 1024 * 1024)
    await user.expect("That file is over 1 MB")
    assert len(bot.api.downloads) == downloads == 2  # the PDF and the big file: never fetched
    assert len(bot.api.calls_of("getFile")) == 2
    _assert_nothing_private(bot, caplog)


async def test_vcard_pages_skip_add_refuse_an_old_page_and_survive_a_restart(bot: BotRig) -> None:
    user = await ready_user(bot, 5105)
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Friend {n:02d}\r\nEND:VCARD\r\n" for n in range(10)
    )
    await user.send_document(cards.encode(), "friends.vcf", "text/x-vcard")
    first = await user.expect("10 people I can add", "Page 1 of 2", "· Friend 07")
    assert "Add all 10 left as relational" in first.button_labels
    skip_first = dict(first.buttons[-1])["Skip this page"]
    await user.press("Skip this page")
    second = await user.expect("Skipped that page.", "Page 2 of 2", "· Friend 09", edit=True)
    assert "Friend 07" not in second.text
    await user.press(data=skip_first)  # page 1's button, pressed again
    await user.expect("That button is out of date.")
    await bot.restart()  # the import lives in the conversations row, not in memory
    await user.press("Collective")
    await user.expect("Added 2 people as collective.", "Done: added 2 people")
    assert _contacts(bot, 5105) == {"Friend 08": "collective", "Friend 09": "collective"}

    await user.send_document(cards.encode(), "friends.vcf")
    await user.expect("10 contacts: 8 people I can add", "Friend 08 — already in your list")
    await user.press("✓ Relational")  # one page: no "add all" needed
    await user.expect("Added 8 people as relational.", "Done: added 8 people")
    assert len(_contacts(bot, 5105)) == 10


async def test_export_json_describes_itself_and_names_suggestions(bot: BotRig) -> None:
    from tests.e2e.seed import add_suggestion_shown

    user = await ready_user(bot, 5106)
    add_suggestion_shown(bot.db_path, 5106, shown=bot.clock.now())
    await user.send("/export")
    document = await user.wait_for(lambda event: event.message.kind == "document")
    assert document.file is not None
    exported = json.loads(document.file)
    assert exported["schema_version"] >= 1 and exported["description"]
    assert exported["suggestions"][0]["suggestion_id"] == "voice-note"
    assert exported["suggestions"][0]["text"]


async def test_vcard_import_keeps_the_500_people_limit(bot: BotRig) -> None:
    user = await ready_user(bot, 5108)
    connection = sqlite3.connect(bot.db_path)
    connection.executemany(
        "INSERT INTO contacts (user_id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, 0)",
        [(5108, f"Friend {n:03d}", f"friend {n:03d}", "relational") for n in range(499)],
    )
    connection.commit()
    connection.close()
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n" for name in ("Ana", "Bo", "Cy")
    )
    await user.send_document(cards.encode(), "three.vcf")
    found = await user.expect("That file has 3 contacts: 1 person I can add.")
    assert "Bo — over the 500-people limit" in found.text
    assert "Cy — over the 500-people limit" in found.text
    await user.press("✓ Relational")
    await user.expect("Added 1 person as relational.", "Done: added 1 person")
    assert len(_contacts(bot, 5108)) == 500
