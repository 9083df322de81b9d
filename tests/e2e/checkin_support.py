"""Helpers for the check-in end-to-end tests: onboard, travel to check-in time, seed history."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule import next_checkin_at
from bot.fakeapi import FakeUser
from bot.fakeapi.server import BotMessage
from storage.users import to_epoch
from tests.helpers import eventually, onboard, query
from tests.rig import BotRig

CHECKIN_BUTTONS = [
    "📝 Log a connection",
    "💡 Another idea",
    "Not today",
    "Snooze 1 day",
    "Snooze 3 days",
    "Pause check-ins",
]


async def onboarded_user(
    rig: BotRig, user_id: int, name: str = "Ada", zone: str = "Europe/Berlin", at: str = "19:30"
) -> FakeUser:
    """A user through /start, with their next check-in scheduled."""
    user = rig.user(user_id, name)
    await onboard(user, zone=zone, at=at)
    await eventually(lambda: scheduled_at(rig, user_id) is not None)
    return user


def scheduled_at(rig: BotRig, user_id: int) -> datetime | None:
    """The user's stored next check-in (None when none is planned, or being recomputed)."""
    rows = query(rig.db_path, "SELECT next_checkin_at FROM users WHERE id = ?", (user_id,))
    value = rows[0]["next_checkin_at"] if rows else None
    if not value:
        return None
    return datetime.fromtimestamp(value, ZoneInfo("UTC"))


def next_local(rig: BotRig, zone: str, at: str, after: datetime | None = None) -> datetime:
    """When a check-in at local `at` in `zone` is next due after `after` (default: now)."""
    return next_checkin_at(
        after or rig.clock.now(), ZoneInfo(zone), time.fromisoformat(at), last_sent_local_date=None
    )


def travel_to(rig: BotRig, instant: datetime, early: timedelta = timedelta(0)) -> None:
    """Move the bot's clock so that it reads `instant - early` now."""
    rig.clock.advance(instant - early - rig.clock.now())


async def expect_checkin(user: FakeUser, *fragments: str, timeout: float = 5.0) -> BotMessage:
    """The next check-in in this chat (recognised by its buttons)."""
    message = await user.wait_for(
        lambda event: event.kind == "new" and "Not today" in event.message.button_labels,
        timeout=timeout,
    )
    for fragment in fragments:
        assert fragment.casefold() in message.text.casefold(), (fragment, message.text)
    return message


def checkins_received(user: FakeUser) -> list[BotMessage]:
    """Every check-in message this user has received so far."""
    return [
        message
        for message in user.messages
        if "Not today" in message.button_labels
        or "Snooze 1 day" in message.button_labels
        or _was_checkin(message)
    ]


def _was_checkin(message: BotMessage) -> bool:
    # An answered check-in keeps only "Log a connection"; other messages carry no such keyboard.
    return message.button_labels == ["📝 Log a connection"]


def checkin_rows(rig: BotRig, user_id: int) -> list[sqlite3.Row]:
    """The user's claimed check-ins, oldest first."""
    return query(
        rig.db_path,
        "SELECT * FROM checkins WHERE user_id = ? ORDER BY local_date",
        (user_id,),
    )


def add_contact(
    rig: BotRig, user_id: int, name: str, kind: str, *, days_ago: list[int], now: datetime
) -> int:
    """A contact with interactions `days_ago` days before `now` (written as /log would)."""
    connection = sqlite3.connect(rig.db_path)
    try:
        created = to_epoch(now - timedelta(days=60))
        cursor = connection.execute(
            "INSERT INTO contacts (user_id, name, name_key, kind, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (user_id, name, name.casefold(), kind, created),
        )
        contact_id = cursor.lastrowid
        assert contact_id is not None
        for days in days_ago:
            at = to_epoch(now - timedelta(days=days))
            connection.execute(
                "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, feeling, "
                "created_at) VALUES (?, ?, ?, 'call', 4, ?)",
                (user_id, contact_id, at, at),
            )
        connection.execute("UPDATE users SET created_at = ? WHERE id = ?", (created, user_id))
        connection.commit()
        return contact_id
    finally:
        connection.close()


def execute(rig: BotRig, sql: str, params: tuple[object, ...] = ()) -> None:
    """Write to the bot's database directly (setting up a situation)."""
    connection = sqlite3.connect(rig.db_path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()
