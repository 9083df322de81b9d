"""/undo removes the last logged moment after one tap, and says what it removed."""

from __future__ import annotations

from handlers.undo import UndoConfirm
from tests.e2e.log_support import add_contact, contacts_of, interactions_of, ready_user
from tests.rig import BotRig


async def test_nothing_to_undo(bot: BotRig) -> None:
    user = await ready_user(bot, 3501)
    await user.send("/undo")
    await user.expect("nothing to undo", "/log")


async def test_undo_removes_the_whole_last_moment_after_a_tap(bot: BotRig) -> None:
    user = await ready_user(bot, 3502)
    add_contact(bot.db_path, 3502, "Sam")
    add_contact(bot.db_path, 3502, "Alex")
    await user.send("/log Sam call 2 days ago")
    await user.expect("Saved")
    await user.send("/log Sam and Alex video today")
    await user.expect("Saved")
    await user.send("/undo")
    first_ask = await user.expect("Remove your last log: video call with Sam and Alex today?")
    await user.send("/undo")
    ask = await user.expect("Remove your last log: video call with Sam and Alex today?")
    assert ask.button_labels == ["Yes, remove it", "No, keep it"]
    assert len(interactions_of(bot.db_path, 3502)) == 3
    await user.press("Yes, remove it")
    await user.expect("Removed: video call with Sam and Alex today.", edit=True)
    assert [row["channel"] for row in interactions_of(bot.db_path, 3502)] == ["call"]
    await user.press("Yes, remove it", message=first_ask)  # an older copy of it
    await user.expect("isn't there any more")
    assert len(interactions_of(bot.db_path, 3502)) == 1
    await user.send("/undo")
    await user.expect("Remove your last log: call with Sam on")


async def test_keep_and_typed_answers(bot: BotRig) -> None:
    user = await ready_user(bot, 3503)
    add_contact(bot.db_path, 3503, "Sam")
    await user.send("/log Sam message yesterday")
    await user.expect("Saved")
    await user.send("/undo")
    await user.expect("Remove your last log")
    await user.press("No, keep it")
    await user.expect("Okay, kept: messages with Sam yesterday.")
    assert len(interactions_of(bot.db_path, 3503)) == 1
    await user.send("/undo")
    await user.expect("Remove your last log")
    await user.send("maybe")
    await user.expect("Type yes to remove")
    await user.send("yes")
    await user.expect("Removed: messages with Sam yesterday.")
    assert interactions_of(bot.db_path, 3503) == []


async def test_undo_never_touches_someone_elses_log(bot: BotRig) -> None:
    owner = await ready_user(bot, 3504)
    add_contact(bot.db_path, 3504, "Sam")
    await owner.send("/log Sam call today")
    await owner.expect("Saved")
    moment = interactions_of(bot.db_path, 3504)[0]["moment_id"]
    other = await ready_user(bot, 3505)
    await other.press(data=UndoConfirm(moment, True).pack())
    await other.expect("isn't there any more")
    assert len(interactions_of(bot.db_path, 3504)) == 1


async def test_undoing_a_log_that_brought_someone_back_lets_them_drift_again(
    bot: BotRig,
) -> None:
    """#11 item 14: undo restores what the log changed, including who was drifting."""
    user = await ready_user(bot, 3507)
    sam = add_contact(bot.db_path, 3507, "Sam", archived=True)
    alex = add_contact(bot.db_path, 3507, "Alex")
    await user.send("/log sam and alex call today")
    await user.expect("Saved", "Sam is back in your menus.")
    await user.send("/undo")
    await user.expect("Remove your last log")
    await user.press("Yes, remove it")
    await user.expect("Removed", edit=True)
    archived = {c["id"]: c["archived"] for c in contacts_of(bot.db_path, 3507)}
    assert archived == {sam: 1, alex: 0}
    await user.send("/people")
    listing = await user.expect("Your people and groups (1)")
    assert "Drifted (1)" in listing.button_labels
