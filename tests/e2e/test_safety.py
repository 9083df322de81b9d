"""Issue #10 end to end: distress typed anywhere gets a caring answer first, loses nothing the
user had answered, never becomes a contact or a note, and leaves only its level and time."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.safety_replies import SAFE_BUTTON, TALK_NOW_BUTTON
from bot.fakeapi import FakeUser
from tests.e2e.log_support import add_contact, contacts_of, drafts_of, interactions_of, ready_user
from tests.helpers import query
from tests.rig import BotRig

CRISIS_OPENING = "I'm really glad you told me"
STRUGGLING_OPENING = "I'm sorry it feels this heavy"
GERMANY = "0800 111 0 111"


async def _answer_to(user: FakeUser, text: str, *fragments: str) -> None:
    """The very next message answers the distress (nothing else said before or after it)."""
    await user.send(text)
    reply = await user.next_message()
    assert all(fragment.casefold() in reply.text.casefold() for fragment in fragments), reply.text
    assert "didn't catch" not in reply.text
    await user.no_more_messages()


def _levels(bot: BotRig, user_id: int) -> list[str]:
    rows = query(
        bot.db_path, "SELECT level FROM safety_signals WHERE user_id = ? ORDER BY id", (user_id,)
    )
    return [row["level"] for row in rows]


async def test_stray_distress_is_answered_with_lines_buttons_and_a_named_person(
    bot: BotRig,
) -> None:
    user = await ready_user(bot, 7001)
    add_contact(bot.db_path, 7001, "Sam", "intimate")
    await _answer_to(user, "I want to die", CRISIS_OPENING, GERMANY, "112")
    crisis = user.messages[-1]
    assert crisis.button_labels == [TALK_NOW_BUTTON, SAFE_BUTTON]
    await _answer_to(
        user, "nobody cares about me", STRUGGLING_OPENING, "message to Sam", "/support"
    )
    await _answer_to(user, "/log I want to die", CRISIS_OPENING)  # a command's words too
    assert (
        contacts_of(bot.db_path, 7001)[0]["name"] == "Sam"
        and len(contacts_of(bot.db_path, 7001)) == 1
    )
    assert drafts_of(bot.db_path, 7001) == []
    assert _levels(bot, 7001) == ["crisis", "struggling", "crisis"]

    await bot.restart()  # the buttons need nothing kept in memory
    await user.press(TALK_NOW_BUTTON, message=crisis)
    await user.expect("who you can talk to now", GERMANY)
    await user.press(SAFE_BUTTON, message=crisis)
    await user.expect("glad you're safe", "/support")

    await user.send("/support")
    support = await user.expect("in Germany")
    assert support.text.index(GERMANY) < support.text.index("GP")
    await user.send("/export")
    document = await user.next_message()
    assert document.file is not None
    exported = json.loads(document.file.decode("utf-8"))
    assert [row["level"] for row in exported["tables"]["safety_signals"]] == _levels(bot, 7001)
    assert "never the words" in exported["about"]["safety_signals"]


async def test_a_log_keeps_its_answers_and_never_takes_distress_as_a_name_or_note(
    bot: BotRig,
) -> None:
    user = await ready_user(bot, 7002)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await _answer_to(user, "I want to die", CRISIS_OPENING, "still here")
    await _answer_to(user, "nobody, I'm alone", STRUGGLING_OPENING, "still here")
    await user.send("Sam")  # the next ordinary answer carries on where the log was
    await user.expect("Sam is new here")
    await user.press("Intimate")
    await user.expect("How did you connect with Sam?")
    await user.press("Call")
    await user.expect("When was it?")
    await user.press("Yesterday")
    await user.expect("How did it feel?")
    await user.press("Skip")
    await user.expect("Anything to remember")
    await _answer_to(
        user, "I feel so lonely", STRUGGLING_OPENING, "Your log with Sam is still here"
    )
    await user.send("Talked about the move")
    await user.expect("Saved: call with Sam yesterday.")
    assert [c["name"] for c in contacts_of(bot.db_path, 7002)] == ["Sam"]
    assert [i["note"] for i in interactions_of(bot.db_path, 7002)] == ["Talked about the move"]


async def test_onboarding_and_settings_questions_wait_while_distress_is_answered(
    bot: BotRig,
) -> None:
    user = bot.user(7003, "Ada")
    await user.send("/start")
    await user.expect("where are you")
    await _answer_to(user, "I want to die", CRISIS_OPENING, "findahelpline.com", "saved")
    await user.send("Berlin")
    await user.expect("When should I check in")
    await _answer_to(user, "nobody cares about me", STRUGGLING_OPENING, "/support", "saved")
    await user.send("19:30")
    await user.expect("All set")

    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Check-in time", message=menu)
    await user.expect("When should I check in")
    await _answer_to(user, "kms", CRISIS_OPENING, GERMANY, "saved")
    await user.send("7am")
    await user.expect("Done", "07:00")
    assert _levels(bot, 7003) == ["crisis", "struggling", "crisis"]
    assert contacts_of(bot.db_path, 7003) == []


async def test_unrecognised_text_still_points_to_support(bot: BotRig) -> None:
    user = await ready_user(bot, 7004)
    await user.send("qwzx blorp")
    await user.expect("didn't catch that", "/support")
    await user.send("/log Sam")
    await user.expect("Sam is new here")
    await user.send("blorp")  # a question asked again points there too
    await user.expect("didn't catch that", "/support is there too")


async def test_unknown_users_and_photo_captions_are_answered_too(bot: BotRig) -> None:
    stranger = bot.user(7005, "Bo")
    await _answer_to(stranger, "I want to die", CRISIS_OPENING, "findahelpline.com")
    assert query(bot.db_path, "SELECT id FROM users WHERE id = 7005") == []  # nothing kept
    photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]
    await bot.api.push_update(
        {"message": stranger._message(photo=photo, caption="I feel so lonely")}
    )
    reply = await stranger.next_message()
    assert STRUGGLING_OPENING in reply.text
    await stranger.no_more_messages()


async def test_a_log_expiring_under_a_crisis_message_is_mentioned_once_and_kept(
    bot: BotRig,
) -> None:
    user = await ready_user(bot, 7006)
    add_contact(bot.db_path, 7006, "Sam", "intimate")
    await user.send("/log Sam")
    await user.expect("How did you connect with Sam?")
    bot.clock.advance(timedelta(minutes=16))
    await _answer_to(user, "I want to die", CRISIS_OPENING, "Your log with Sam is still here")
    await user.send("/log")
    await user.expect("Picking up your log with Sam")
