"""/delete and /digest survive a kill after every step; every button family's garbage is
answered once as out of date.

/delete keeps its last check and /digest its day question in the ``conversations`` row, so a
kill (no graceful shutdown) or a hand-over to another process between two presses loses
nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

import handlers  # noqa: F401  (registers every callback family)
from bot.callbacks import _PREFIXES
from bot.fakeapi import FakeUser
from tests.e2e.restart_support import kill_and_restart
from tests.e2e.seed import add_contact, add_user, local, set_clock
from tests.helpers import query
from tests.rig import BotRig

NOW = local("Europe/Berlin", 2026, 11, 25, 12, 0)


def _conversation(rig: BotRig, user_id: int) -> tuple[str, str] | None:
    rows = query(rig.db_path, "SELECT name, step FROM conversations WHERE user_id = ?", (user_id,))
    return (rows[0]["name"], rows[0]["step"]) if rows else None


def _seeded(rig: BotRig, user_id: int) -> FakeUser:
    set_clock(rig.clock, NOW)
    add_user(rig.db_path, user_id, joined=NOW - timedelta(days=30))
    add_contact(rig.db_path, user_id, "Sam", "intimate", added=NOW - timedelta(days=30))
    return rig.user(user_id, "Ada")


def _user_exists(rig: BotRig, user_id: int) -> bool:
    return bool(query(rig.db_path, "SELECT id FROM users WHERE id = ?", (user_id,)))


async def test_delete_survives_a_kill_after_each_step(bot: BotRig) -> None:
    user = _seeded(bot, 5001)
    await user.send("/delete")
    listing = await user.expect("Deleting removes everything", "• 1 person or group")
    await kill_and_restart(bot)
    await user.press("Delete my data…", message=listing)
    confirm = await user.expect("Last check", edit=True)
    assert "conversations" not in confirm.text  # the open question is not listed as data
    assert _conversation(bot, 5001) == ("delete", "confirm")
    await kill_and_restart(bot)
    await user.press("Yes, delete everything", message=confirm)
    await user.expect("Done. I've deleted everything", edit=True)
    assert not _user_exists(bot, 5001)
    assert _conversation(bot, 5001) is None


async def test_help_text_and_cancel_at_the_last_check_after_a_kill(bot: BotRig) -> None:
    user = _seeded(bot, 5002)
    await user.send("/delete")
    await user.press("Delete my data…", message=await user.expect("Deleting removes"))
    confirm = await user.expect("Last check", edit=True)
    await kill_and_restart(bot)
    await user.send("/help")
    await user.expect("/delete")
    await user.send("🙂")  # typed text is not an answer to a yes/no button
    assert "/help" in (await user.next_message()).text
    await kill_and_restart(bot)
    await user.send("/cancel")
    await user.expect("deleted nothing")
    assert _conversation(bot, 5002) is None
    await user.press("Yes, delete everything", message=confirm)
    await user.expect("out of date")
    assert _user_exists(bot, 5002)


async def test_digest_survives_a_kill_after_each_step(bot: BotRig) -> None:
    user = _seeded(bot, 5003)
    await user.send("/digest")
    days = await user.expect("Weekly digest: off")
    assert _conversation(bot, 5003) == ("digest", "day")
    await kill_and_restart(bot)
    await user.press("Wed", message=days)
    await user.expect("Weekly digest: on, every Wednesday", edit=True)
    await kill_and_restart(bot)
    await user.press("Fri", message=days)
    await user.expect("every Friday", edit=True)
    await kill_and_restart(bot)
    await user.press("Off", message=days)
    await user.expect("Weekly digest: off", edit=True)
    row = query(bot.db_path, "SELECT digest_weekday FROM users WHERE id = 5003")[0]
    assert row["digest_weekday"] is None
    await user.send("/cancel")
    await user.expect("stays as it is")
    await user.press("Thu", message=days)
    await user.expect("out of date", "/digest")


async def test_two_bot_processes_one_after_the_other(bot: BotRig) -> None:
    """Each press is handled by a different Application sharing only the database file."""
    user = _seeded(bot, 5004)
    await user.send("/digest")
    days = await user.expect("Weekly digest: off")
    await bot.restart()
    await user.press("Thu", message=days)
    await user.expect("every Thursday", edit=True)
    await bot.restart()
    await user.send("/delete")
    listing = await user.expect("Deleting removes everything")
    await bot.restart()
    await user.press("Delete my data…", message=listing)
    confirm = await user.expect("Last check", edit=True)
    await bot.restart()
    await user.press("No, keep it", message=confirm)
    await user.expect("deleted nothing", edit=True)
    assert _user_exists(bot, 5004) and _conversation(bot, 5004) is None


GARBAGE = ("zz:zz:zz:zz:zz", "", "-:-:-")


@pytest.mark.parametrize("values", GARBAGE)
async def test_malformed_data_of_every_family_is_out_of_date(bot: BotRig, values: str) -> None:
    """Issue #11 item 5: ``on:zz`` once raised unhandled; now every family answers alike."""
    user = _seeded(bot, 5005)
    await user.send("/summary")
    target = await user.expect("Your week")
    unanswered = []
    families = list(_PREFIXES)
    for prefix in sorted(families):
        query_id = await user.press(data=f"{prefix}:{values}", message=target)
        await user.expect("That button is out of date.")
        if not bot.api.callback_queries.get(query_id):
            unanswered.append(prefix)
    assert unanswered == []
    assert _user_exists(bot, 5005)
