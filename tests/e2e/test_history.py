"""/history over real HTTP: paging, filters, search, changing and deleting a past log."""

from __future__ import annotations

from bot.fakeapi import FakeUser
from tests.e2e.checkin_support import add_contact as add_with_logs
from tests.e2e.checkin_support import onboarded_user, scheduled_at, travel_to
from tests.e2e.seed import (
    add_contact,
    add_interaction,
    add_suggestion_shown,
    add_user,
    local,
    set_clock,
)
from tests.helpers import query
from tests.rig import BotRig

ZONE = "Europe/Berlin"
NOW = local(ZONE, 2026, 11, 25, 12, 0)  # a Wednesday
JOINED = local(ZONE, 2026, 9, 1, 9, 0)


async def summary_text(user: FakeUser) -> str:
    await user.send("/summary")
    return (await user.expect("Your week: ")).text


def moments(rig: BotRig, user_id: int) -> list[tuple[int, str, int | None, str | None]]:
    rows = query(
        rig.db_path,
        "SELECT contact_id, channel, feeling, note FROM interactions WHERE user_id = ? ORDER BY id",
        (user_id,),
    )
    return [(r["contact_id"], r["channel"], r["feeling"], r["note"]) for r in rows]


async def test_edit_every_field_of_a_past_log_and_the_summary_follows(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    db = bot.db_path
    add_user(db, 4701, zone=ZONE, joined=JOINED)
    sam = add_contact(db, 4701, "Sam", "intimate", added=JOINED)
    add_contact(db, 4701, "Alex", "relational", added=JOINED)
    club = add_contact(db, 4701, "Book club", "collective", added=JOINED)
    add_interaction(db, 4701, sam, local(ZONE, 2026, 11, 24, 20, 0), feeling=4)
    add_interaction(db, 4701, club, local(ZONE, 2026, 11, 1, 19, 0), channel="in_person")
    user = bot.user(4701, "Ada")
    before = await summary_text(user)
    assert "Your week: 1 connection" in before and "Collective 0 · quiet for 24 days" in before

    await user.send("/history")
    listed = await user.expect("Your history · 2 logs")
    assert "1. Tue 24 Nov · call · Sam · 🙂 4" in listed.text
    assert "2. Sun 1 Nov · in person · Book club" in listed.text
    await user.press("2")
    await user.expect("Sun 1 Nov · in person · Book club", "With: Book club (collective)")

    await user.press("When")
    await user.expect("Which day was it?")
    await user.send("tomorrow")
    await user.expect("That day hasn't happened yet")  # refused; still asking
    await user.send("yesterday")
    await user.expect("Moved to Tue 24 Nov (was Sun 1 Nov).")
    after_day = await summary_text(user)
    assert "Your week: 2 connections" in after_day and "Collective 1" in after_day

    await user.send("/history")
    await user.expect("Your history · 2 logs")
    await user.press("2")  # same day as Sam's, logged earlier: second
    await user.expect("Book club")
    await user.press("Feeling")
    await user.expect("How did it feel?")
    await user.press("😕")
    await user.expect("Feeling now 😕 A bit low.")
    await user.press("How")
    await user.expect("How did you connect?")
    await user.press("Video")
    await user.expect("Changed to video (was in person).")
    await user.press("Note")
    await user.expect("Send the note")
    await user.send("/cancel")
    await user.expect("Left that log as it was.")
    await user.press("‹ Back")
    await user.expect("What would you like to change?")
    await user.press("Note")
    await user.expect("Send the note")
    await user.send("x" * 501)
    await user.expect("That note is a bit long")
    await user.send("talked about Zoë's new book")
    await user.expect("Note added: “talked about Zoë's new book”.")
    await user.press("Who")
    await user.expect("Who else was there?")
    await user.send("Mira")  # nobody of that name: added as new, with the log's kind
    await user.expect("Now with Book club, Mira (added Mira).")
    await user.press("Kind")
    await user.expect("Which kind?")
    await user.press("Book club: Relational")
    changed = await user.expect("Book club is now relational")
    after_all = await summary_text(user)
    assert "Relational 1" in after_all and "Collective 1" in after_all  # Mira kept the kind
    assert "Feeling (1–5): intimate 4.0, relational 2.0" in after_all
    assert "Mira" in after_all
    mira = query(db, "SELECT id, kind FROM contacts WHERE name = 'Mira'")[0]
    assert mira["kind"] == "collective"
    note = "talked about Zoë's new book"
    assert moments(bot, 4701)[1:] == [
        (club, "video", 2, note),
        (mira["id"], "video", 2, note),
    ]
    await user.press("Who", message=changed)
    await user.expect("Who else was there?")
    await user.press("Take out Mira", message=changed)
    await user.expect("Now with Book club (took out Mira).")
    await user.press("Delete", message=changed)
    await user.expect("Delete this log?")
    await user.press("No, keep it", message=changed)
    await user.expect("Kept it.")
    await user.press("Delete", message=changed)
    await user.expect("Delete this log?")
    await user.press("Yes, delete it", message=changed)
    await user.expect("Deleted: Tue 24 Nov · video · Book club · 😕 2.", "1 log")
    assert "Collective 0" in await summary_text(user)

    # /undo still takes the last log.
    await user.send("/undo")
    await user.expect("Sam")


async def test_a_moved_log_changes_the_next_checkin(bot: BotRig) -> None:
    user = await onboarded_user(bot, 4702)
    now = bot.clock.now()
    add_with_logs(bot, 4702, "Mum", "intimate", days_ago=[1], now=now)
    add_with_logs(bot, 4702, "Sam", "relational", days_ago=[2], now=now)
    add_with_logs(bot, 4702, "Choir", "collective", days_ago=[30], now=now)
    await user.send("/history choir")
    await user.expect("1 log", "Choir")
    await user.press("1")
    await user.expect("With: Choir")
    await user.press("When")
    await user.expect("Which day")
    await user.send("yesterday")
    await user.expect("Moved to")
    due = scheduled_at(bot, 4702)
    assert due is not None
    travel_to(bot, due)
    checkin = await user.wait_for(
        lambda event: event.kind == "new" and "Not today" in event.message.button_labels
    )
    assert "It's been" not in checkin.text  # the group is no longer quiet
    assert query(bot.db_path, "SELECT * FROM suggestions_shown WHERE user_id = 4702") == []


async def test_deleting_acted_on_evidence_moves_then_clears_the_credit(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    db = bot.db_path
    add_user(db, 4703, zone=ZONE, joined=JOINED)
    sam = add_contact(db, 4703, "Sam", "intimate", added=JOINED)
    idea = add_suggestion_shown(db, 4703, shown=local(ZONE, 2026, 11, 23, 19, 30))
    first = add_interaction(db, 4703, sam, local(ZONE, 2026, 11, 24, 9, 0))
    add_interaction(db, 4703, sam, local(ZONE, 2026, 11, 25, 9, 0))

    def credit() -> int | None:
        rows = query(
            db, "SELECT acted_on_interaction_id FROM suggestions_shown WHERE id = ?", (idea,)
        )
        value = rows[0]["acted_on_interaction_id"]
        return int(value) if value is not None else None

    assert credit() == first
    user = bot.user(4703, "Ada")
    await user.send("/history")
    await user.expect("2 logs")
    await user.press("2")  # 24 Nov, the evidence
    await user.expect("With: Sam")
    await user.press("Delete")
    await user.expect("Delete this log?")
    await user.press("Yes, delete it")
    await user.expect("Deleted: Tue 24 Nov")
    assert credit() is not None and credit() != first  # moved to the 25th
    assert "Ideas you acted on: 1" in await summary_text(user)
    await user.send("/history")
    await user.expect("1 log")
    await user.press("1")
    await user.expect("With: Sam")
    await user.press("Delete")
    await user.expect("Delete this log?")
    await user.press("Yes, delete it")
    await user.expect("Deleted: Wed 25 Nov")
    assert credit() is None


def seed_many(rig: BotRig) -> tuple[int, int]:
    """12 calls with Sam, 3 with Zoë 🌸 (one a dinner), 2 with Renée; another user's log."""
    db = rig.db_path
    add_user(db, 4704, zone=ZONE, joined=JOINED)
    add_user(db, 4799, zone=ZONE, joined=JOINED)
    sam = add_contact(db, 4704, "Sam", "intimate", added=JOINED)
    zoe = add_contact(db, 4704, "Zoë 🌸", "relational", added=JOINED)
    renee = add_contact(db, 4704, "Renée", "collective", added=JOINED)
    for day in range(1, 13):
        add_interaction(db, 4704, sam, local(ZONE, 2026, 11, day, 18, 0))
    for day, note in ((13, None), (14, "dinner by the lake"), (15, None)):
        add_interaction(db, 4704, zoe, local(ZONE, 2026, 11, day, 18, 0), note=note)
    for day in (16, 17):
        add_interaction(db, 4704, renee, local(ZONE, 2026, 11, day, 18, 0), channel="video")
    theirs = add_contact(db, 4799, "Kim", "intimate", added=JOINED)
    their_log = add_interaction(db, 4799, theirs, local(ZONE, 2026, 11, 20, 18, 0))
    return theirs, their_log


async def test_paging_filters_search_and_restart(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_many(bot)
    user = bot.user(4704, "Ada")
    await user.send("/history")
    first = await user.expect("Your history · 17 logs", "1. Tue 17 Nov · video · Renée")
    assert first.button_labels[:8] == [str(n) for n in range(1, 9)]
    await user.send("had coffee with Sam")  # an open list takes no text: the usual offer
    await user.expect("Want to log it?")
    await user.press("Older ›", message=first)
    await user.expect("1. Mon 9 Nov · call · Sam", edit=True)
    await user.press("Older ›", message=first)
    last = await user.expect("1. Sun 1 Nov · call · Sam", edit=True)
    assert "Older ›" not in last.button_labels and "‹ Newer" in last.button_labels
    await user.press("‹ Newer", message=first)
    await user.expect("1. Mon 9 Nov", edit=True)

    await user.press("Relational", message=first)
    await user.expect("Your history · 3 logs · relational", "Zoë 🌸", edit=True)
    await user.press("Show all", message=first)
    await user.expect("17 logs", edit=True)
    await user.press("By person…", message=first)
    await user.expect("Whose logs?", edit=True)
    await user.press("Renée", message=first)
    await user.expect("2 logs · with Renée", edit=True)

    await user.send("/people Renée")
    card = await user.expect("Collective · no rhythm · last: 8 days ago", "• Tue 17 Nov · video")
    await user.press("More", message=card)
    await user.expect("2 logs · with Renée", edit=True)

    for typed, count in (("zoe", 3), ("🌸", 3), ("RENEE", 2), ("dinner", 1), ("zoë lake", 1)):
        await user.send(f"/history {typed}")
        await user.expect(f"· {count} log")
    await user.send("/history sma")
    await user.expect("Nothing found for “sma”. Did you mean Sam?")
    await user.press("Sam's history")
    await user.expect("12 logs · with Sam", edit=True)

    await user.send("/history sam")
    searched = await user.expect("12 logs", "“sam”")
    await bot.restart()
    await user.press("Older ›", message=searched)
    page_two = await user.expect("12 logs", "“sam”", edit=True)
    assert page_two.text.count("· call · Sam") == 4


async def test_forged_and_foreign_ids_are_out_of_date(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    their_contact, their_log = seed_many(bot)
    user = bot.user(4704, "Ada")
    await user.send("/history")
    listed = await user.expect("17 logs")
    view = query(bot.db_path, "SELECT payload FROM conversations WHERE user_id = 4704")
    assert view  # the open view is stored
    huge = 2**63 - 1
    serial = int(listed.buttons[-1][0][1].split(":")[1])
    forged = [
        f"hio:{their_log}",
        f"hio:{huge}",
        f"hif:{their_log}:del",
        f"hid:{their_log}:1",
        f"hic:{their_log}:video",
        f"hie:{their_log}:1",
        f"hiz:{their_log}",
        f"hir:{their_log}:{their_contact}",
        f"hia:{their_log}:{their_contact}",
        f"hiy:{their_log}:{their_contact}:relational",
        f"hih:{their_contact}",
        f"hiw:{serial}:{their_contact}",
        f"hip:{serial + 1}:-:-:0",
        f"hik:{huge}:intimate",
        f"hib:{huge}x",
    ]
    before = query(bot.db_path, "SELECT * FROM interactions ORDER BY id")
    for data in forged:
        await user.press(data=data, message=listed)
        await user.expect("That button is out of date.")
    assert query(bot.db_path, "SELECT * FROM interactions ORDER BY id") == before
    kinds = query(bot.db_path, "SELECT kind FROM contacts WHERE id = ?", (their_contact,))
    assert kinds[0]["kind"] == "intimate"


async def test_saved_offers_feeling_and_note(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    add_user(bot.db_path, 4705, zone=ZONE, joined=JOINED)
    add_contact(bot.db_path, 4705, "Sam", "intimate", added=JOINED)
    user = bot.user(4705, "Ada")
    await user.send("/log Sam call yesterday")
    saved = await user.expect("Saved")
    assert saved.button_labels == ["Add how it felt", "Add a note"]
    await user.press("Add how it felt")
    await user.expect("How did it feel?")
    await user.press("😊")
    await user.expect("Feeling now 😊 Great.")
    await user.press("Note")
    await user.expect("Send the note")
    await user.send("/cancel")
    await user.expect("Left that log as it was.")
    await user.press("‹ Back")
    await user.expect("What would you like to change?")
    await user.press("Note")
    await user.expect("Send the note")
    await user.send("walked by the river")
    await user.expect("Note added: “walked by the river”.")
    assert moments(bot, 4705)[0][2:] == (5, "walked by the river")
