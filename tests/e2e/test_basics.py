"""/help, /cancel, unknown input, blocking, errors and Bot API faults, over real HTTP."""

from __future__ import annotations

import asyncio

from handlers import menu_entries
from handlers.errors import SORRY
from tests.helpers import eventually, onboard, query
from tests.rig import BotRig


async def test_command_menu_is_published_and_matches_help(bot: BotRig) -> None:
    published = [(c["command"], c["description"]) for c in bot.api.commands]
    assert published == menu_entries()
    user = bot.user(2001)
    await user.send("/help")
    reply = await user.next_message()
    for name, description in published:
        assert f"/{name} — {description}" in reply.text


async def test_cancel_with_nothing_open(bot: BotRig) -> None:
    user = bot.user(2002)
    await onboard(user)
    await user.send("/cancel")
    await user.expect("nothing to cancel", "/help")


async def test_unknown_command_points_to_help(bot: BotRig) -> None:
    user = bot.user(2003)
    await user.send("/frobnicate now")
    reply = await user.next_message()
    assert "/frobnicate" in reply.text and "/help" in reply.text


async def test_text_before_start_points_to_start(bot: BotRig) -> None:
    user = bot.user(2004)
    await user.send("hello there")
    await user.expect("/start")
    assert query(bot.db_path, "SELECT * FROM users WHERE id = 2004") == []


async def test_stray_text_after_onboarding_gets_a_pointer(bot: BotRig) -> None:
    user = bot.user(2005)
    await onboard(user)
    await user.send("🙂")
    reply = await user.next_message()
    assert "/help" in reply.text


async def test_stray_sticker_like_message_is_not_dropped(bot: BotRig) -> None:
    user = bot.user(2006)
    await onboard(user)
    await user.send_location(1.0, 1.0)
    reply = await user.next_message()
    assert "/help" in reply.text or "/log" in reply.text


async def test_forged_button_is_answered_out_of_date(bot: BotRig) -> None:
    user = bot.user(2007)
    await onboard(user)
    query_id = await user.press(data="zz:nonsense")
    await user.expect("out of date")
    assert bot.api.callback_queries[query_id] is True


async def test_blocking_marks_inactive_and_unblocking_active(bot: BotRig) -> None:
    user = bot.user(2008)
    await onboard(user)
    await user.set_blocked(True)
    await eventually(lambda: _active(bot, 2008) == 0)
    await user.set_blocked(False)
    await eventually(lambda: _active(bot, 2008) == 1)


async def test_writing_again_marks_active(bot: BotRig) -> None:
    user = bot.user(2009)
    await onboard(user)
    await user.set_blocked(True)
    await eventually(lambda: _active(bot, 2009) == 0)
    bot.api.unblock(user.chat_id)
    await user.send("/help")
    await user.next_message()
    assert _active(bot, 2009) == 1


async def test_rate_limited_reply_is_retried_not_lost(bot: BotRig) -> None:
    user = bot.user(2010)
    bot.api.rate_limit_next("sendMessage", retry_after=1)
    await user.send("/help")
    reply = await user.next_message(timeout=10)
    assert "/help" in reply.text
    statuses = [call.method for call in bot.api.calls_of("sendMessage")]
    assert len(statuses) == 2, "one 429, then the retry"


async def test_server_error_tells_the_user_what_was_not_saved(bot: BotRig) -> None:
    bot.allow_errors = True
    user = bot.user(2011)
    bot.api.server_error_next("sendMessage")
    await user.send("/help")
    sorry = await user.next_message(timeout=10)
    assert sorry.text == SORRY
    assert any("Unhandled" in record.getMessage() for record in bot.errors.records)


async def test_forbidden_reply_marks_user_inactive(bot: BotRig) -> None:
    user = bot.user(2012)
    await onboard(user)
    bot.api.block(user.chat_id)
    await user.send("/help")
    await eventually(lambda: _active(bot, 2012) == 0)


async def test_one_slow_user_does_not_hold_up_another(bot: BotRig) -> None:
    slow, fast = bot.user(2013), bot.user(2014)
    bot.api.inject("sendMessage", 200, "", delay=2.0, chat_id=slow.chat_id)
    await slow.send("/help")
    await asyncio.sleep(0.1)
    started = asyncio.get_running_loop().time()
    await fast.send("/help")
    await fast.next_message(timeout=5)
    assert asyncio.get_running_loop().time() - started < 1.5
    await slow.next_message(timeout=5)


async def test_one_users_updates_are_handled_in_order(bot: BotRig) -> None:
    user = bot.user(2015)
    await user.send("/start")
    await user.send("Berlin")
    await user.send("19:30")
    await user.expect("All set", timeout=10)
    assert query(bot.db_path, "SELECT checkin_time FROM users WHERE id = 2015")[0][0] == "19:30"


async def test_shutdown_finishes_the_update_in_flight(rig: BotRig) -> None:
    await rig.start()
    user = rig.user(2016)
    rig.api.slow_next("sendMessage", 1.0)
    calls_before = len(rig.api.calls)
    await user.send("/start")
    await rig.api.wait_for_call("sendMessage", after=calls_before)
    await rig.stop()
    texts = [message.text for message in user.messages]
    assert any("where are you" in text for text in texts), "handler ran to the end"
    assert query(rig.db_path, "SELECT id FROM users WHERE id = 2016")


def _active(rig: BotRig, user_id: int) -> int:
    return int(query(rig.db_path, "SELECT active FROM users WHERE id = ?", (user_id,))[0][0])


async def test_a_bot_api_without_set_my_commands_still_runs(rig: BotRig) -> None:
    rig.api.inject("setMyCommands", 404, "Not Found")
    await rig.start()
    user = rig.user(2017)
    await user.send("/help")
    reply = await user.next_message()
    assert "/start" in reply.text
