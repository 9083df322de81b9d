"""Shortcuts: /log with arguments, and plain text that reads like a log ("Log it")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.log_buttons import LogItNo
from tests.e2e.log_support import add_contact, contacts_of, drafts_of, interactions_of, ready_user
from tests.rig import BotRig

BERLIN = ZoneInfo("Europe/Berlin")


def _local_day(rig: BotRig, days_back: int) -> datetime:
    return rig.clock.now().astimezone(BERLIN) - timedelta(days=days_back)


async def test_log_with_a_known_name_starts_at_how(bot: BotRig) -> None:
    user = await ready_user(bot, 3101)
    add_contact(bot.db_path, 3101, "Sam", "intimate")
    await user.send("/log sam")
    await user.expect("How did you connect with Sam?")
    await user.press("Call")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("How did it feel?")  # a name alone is not a shortcut past the feeling


async def test_log_with_everything_saves_at_once(bot: BotRig) -> None:
    user = await ready_user(bot, 3102)
    add_contact(bot.db_path, 3102, "Aunt Mary", "intimate")
    await user.send("/log Aunt Mary call yesterday")
    saved = await user.next_message()
    assert saved.text.startswith("Saved: call with Aunt Mary yesterday.")
    row = interactions_of(bot.db_path, 3102)[0]
    occurred = datetime.fromtimestamp(row["occurred_at"], UTC).astimezone(BERLIN)
    assert occurred.date() == _local_day(bot, 1).date()
    assert drafts_of(bot.db_path, 3102) == []
    await user.no_more_messages()


async def test_log_asks_only_for_what_is_missing(bot: BotRig) -> None:
    user = await ready_user(bot, 3103)
    add_contact(bot.db_path, 3103, "Sam")
    await user.send("/log Sam video")
    await user.expect("When was it?")
    await user.send("2 days ago")
    saved = await user.expect("Saved: video call with Sam")
    assert "How did it feel" not in saved.text
    await user.send("/log Sam 2 days ago")
    await user.expect("How did you connect with Sam?")
    await user.press("Message")
    await user.expect("Saved: messages with Sam")
    assert [row["channel"] for row in interactions_of(bot.db_path, 3103)] == ["video", "message"]


async def test_log_shortcut_with_a_new_name_asks_its_kind_then_saves(bot: BotRig) -> None:
    user = await ready_user(bot, 3104)
    await user.send("/log Zed call today the move went well")
    await user.expect("Zed is new here")
    await user.press("Relational")
    await user.expect("Saved: call with Zed today.")
    row = interactions_of(bot.db_path, 3104)[0]
    assert (row["name"], row["kind"], row["note"]) == ("Zed", "relational", "the move went well")


async def test_log_shortcut_with_an_impossible_day_asks_the_day(bot: BotRig) -> None:
    user = await ready_user(bot, 3105)
    add_contact(bot.db_path, 3105, "Sam")
    await user.send("/log Sam call tomorrow")
    ask = await user.expect("hasn't happened yet", "When was it?")
    assert ask.button_labels[:2] == ["Today", "Yesterday"]
    await user.send("31.02")
    await user.expect("isn't on the calendar", "When was it?")
    await user.press("Today")
    await user.expect("Saved: call with Sam today.")


async def test_log_shortcut_with_several_names(bot: BotRig) -> None:
    user = await ready_user(bot, 3106)
    add_contact(bot.db_path, 3106, "Sam")
    add_contact(bot.db_path, 3106, "Alex")
    await user.send("/log Sam and Alex dinner yesterday")
    await user.expect("Saved: time in person with Sam and Alex yesterday.")
    assert len(interactions_of(bot.db_path, 3106)) == 2


async def test_text_that_reads_like_a_log_offers_log_it(bot: BotRig) -> None:
    user = await ready_user(bot, 3107)
    add_contact(bot.db_path, 3107, "Mum", "intimate")
    await user.send("talked to mum")
    offer = await user.expect("Sounds like time with Mum", "log it")
    assert offer.button_labels == ["Log it", "No thanks"]
    assert interactions_of(bot.db_path, 3107) == []
    await user.press("Log it")
    await user.expect("How did you connect with Mum?")
    await user.press("Call")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("Saved: call with Mum today.")


async def test_log_it_with_everything_said_saves_in_one_tap(bot: BotRig) -> None:
    user = await ready_user(bot, 3108)
    add_contact(bot.db_path, 3108, "Alex")
    await user.send("had coffee with Alex yesterday")
    await user.expect("Sounds like time with Alex")
    await user.press("Log it")
    await user.expect("Saved: time in person with Alex yesterday.")


async def test_log_it_for_a_new_group(bot: BotRig) -> None:
    user = await ready_user(bot, 3109)
    await user.send("went to choir")
    await user.expect("Sounds like time at the choir")
    await user.press("Log it")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("Saved: time in person with choir today.")
    assert contacts_of(bot.db_path, 3109)[0]["kind"] == "collective"


async def test_other_text_gets_the_usual_answer(bot: BotRig) -> None:
    user = await ready_user(bot, 3110)
    await user.send("what's the weather like")
    await user.expect("I didn't catch that", "/log")


async def test_log_it_still_works_after_a_restart(bot: BotRig) -> None:
    """#11 item 15: the offer is stored, not held in memory."""
    user = await ready_user(bot, 3111)
    await user.send("called Sam")
    offer = await user.expect("Sounds like time with Sam")
    await bot.restart()
    await user.press("Log it", message=offer)
    await user.expect("Sam is new here")
    assert len(drafts_of(bot.db_path, 3111)) == 1


async def test_cancel_and_no_thanks_withdraw_the_offer(bot: BotRig) -> None:
    """#11 item 15: /cancel after an offer withdraws it kindly; *No thanks* does too."""
    user = await ready_user(bot, 3113)
    await user.send("called Sam yesterday")
    offer = await user.expect("Sounds like time with Sam")
    await user.send("/cancel")
    await user.expect("Okay, I won't log that.")
    await user.press("Log it", message=offer)
    await user.expect("out of date", "Tell me again")
    await user.send("/cancel")
    await user.expect("nothing to cancel")
    await user.send("had coffee with Alex")
    second = await user.expect("Sounds like time with Alex")
    await user.press("No thanks", message=second)
    await user.expect("Okay, not logged.", edit=True)
    await user.press(data=LogItNo(999).pack())
    await user.expect("out of date")
    assert drafts_of(bot.db_path, 3113) == [] and interactions_of(bot.db_path, 3113) == []


async def test_log_before_setup_points_to_start(bot: BotRig) -> None:
    user = bot.user(3112)
    await user.send("/log Sam call today")
    await user.expect("/start")


async def test_a_new_log_typed_at_did_you_mean_is_never_merged(bot: BotRig) -> None:
    """#11 item 9: "texted my sister" at "Did you mean Mom?" once became a *call* with
    "sister" and dropped Mom. Now it is asked about again, and yes-words answer it."""
    user = await ready_user(bot, 3114)
    add_contact(bot.db_path, 3114, "Mom", "intimate")
    await user.send("called Mum")
    await user.expect("Sounds like time with Mum")
    await user.press("Log it")
    await user.expect("Did you mean Mom?")
    await user.send("texted my sister")
    again = await user.expect(
        "sounds like another log", "finish this one first", "Did you mean Mom?"
    )
    assert "Yes, Mom" in again.button_labels
    assert [c["name"] for c in contacts_of(bot.db_path, 3114)] == ["Mom"]
    await user.send("yes please")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("Saved: call with Mom today.")
    assert [c["name"] for c in contacts_of(bot.db_path, 3114)] == ["Mom"]
    assert len(interactions_of(bot.db_path, 3114)) == 1
