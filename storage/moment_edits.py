"""Editing and deleting any past moment, each change in one transaction, scoped to its owner.

What depends on a moment follows by itself: quiet kinds, overdue people, streaks, /summary and
the next check-in are all computed from ``interactions`` when they are read, and the
"acted on" credit of a suggestion is kept true by the triggers of migration 0008 (an edit or
deletion of its evidence moves or removes it). Nothing else is cached, so nothing else needs
invalidating.

All rows of a moment share ``occurred_at``, ``channel``, ``feeling`` and ``note``; every edit
writes them together, so the /history list (which groups rows into moments) stays right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.domain.days import day_to_instant, today_in
from bot.domain.moment_edits import (
    AddPerson,
    Change,
    ChannelChanged,
    DayChanged,
    EditProblem,
    FeelingChanged,
    MomentEdit,
    NoteChanged,
    NothingChanged,
    PeopleChanged,
    RemovePerson,
    SetChannel,
    SetDay,
    SetFeeling,
    SetNote,
    check_day,
    check_feeling,
    normalise_note,
)
from storage.database import Database
from storage.history import moment_from_rows
from storage.interactions import Moment
from storage.users import to_epoch


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """A saved edit: the moment before and after, and what changed."""

    before: Moment
    after: Moment
    change: Change


class MomentEditor:
    """Changes one user's past moments; ids from buttons are checked for ownership in SQL."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def edit(
        self, user_id: int, moment_id: int, edit: MomentEdit, *, now: datetime, zone: ZoneInfo
    ) -> EditOutcome | EditProblem:
        """Apply ``edit`` at once, or refuse it and write nothing."""
        problem = _precheck(edit, today_in(zone, now))
        if problem is not None:
            return problem
        try:
            async with self._db.transaction() as connection:
                before = await _load(connection, user_id, moment_id)
                if before is None:
                    raise _Refused(EditProblem.GONE)
                change = await _apply(connection, user_id, before, edit, now, zone)
                after = await _load(connection, user_id, moment_id)
                assert after is not None
        except _Refused as refused:
            return refused.problem
        return EditOutcome(before, after, change)

    async def delete(self, user_id: int, moment_id: int) -> Moment | None:
        """Delete a whole moment (after the user confirmed); None if it was not theirs."""
        async with self._db.transaction() as connection:
            before = await _load(connection, user_id, moment_id)
            if before is None:
                return None
            await connection.execute(
                "DELETE FROM interactions WHERE user_id = ? AND COALESCE(moment_id, id) = ?",
                (user_id, moment_id),
            )
        return before


class _Refused(Exception):
    def __init__(self, problem: EditProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _precheck(edit: MomentEdit, today: date) -> EditProblem | None:
    if isinstance(edit, SetDay):
        return check_day(edit.day, today)
    if isinstance(edit, SetFeeling):
        return check_feeling(edit.feeling)
    if isinstance(edit, SetNote):
        note = normalise_note(edit.note)
        return note if isinstance(note, EditProblem) else None
    return None


_MOMENT_ROWS = (
    "SELECT COALESCE(i.moment_id, i.id) AS moment, i.id, i.occurred_at, i.channel, i.feeling, "
    "i.note, c.id AS contact_id, c.name, c.kind, c.archived "
    "FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id AND c.user_id = i.user_id "
    "WHERE i.user_id = ? AND COALESCE(i.moment_id, i.id) = ? ORDER BY i.id"
)

_IN_MOMENT = "user_id = ? AND COALESCE(moment_id, id) = ?"


async def _load(connection: aiosqlite.Connection, user_id: int, moment_id: int) -> Moment | None:
    cursor = await connection.execute(_MOMENT_ROWS, (user_id, moment_id))
    rows = list(await cursor.fetchall())
    return moment_from_rows(moment_id, rows) if rows else None


async def _apply(
    connection: aiosqlite.Connection,
    user_id: int,
    before: Moment,
    edit: MomentEdit,
    now: datetime,
    zone: ZoneInfo,
) -> Change:
    key = (user_id, before.moment_id)
    match edit:
        case AddPerson(contact_id=contact_id):
            return await _add_person(connection, user_id, before, contact_id, now)
        case RemovePerson(contact_id=contact_id):
            present = [p for p in before.people if p.contact_id == contact_id]
            if not present:
                raise _Refused(EditProblem.UNKNOWN_PERSON)
            if len(before.people) == 1:
                raise _Refused(EditProblem.LAST_PERSON)
            await connection.execute(
                f"DELETE FROM interactions WHERE {_IN_MOMENT} AND contact_id = ?",
                (*key, contact_id),
            )
            return PeopleChanged(
                added=(),
                removed=(present[0].name,),
                now_with=tuple(p.name for p in before.people if p.contact_id != contact_id),
            )
        case SetChannel(channel=channel):
            if channel is before.channel:
                return NothingChanged()
            await connection.execute(
                f"UPDATE interactions SET channel = ? WHERE {_IN_MOMENT}", (channel.value, *key)
            )
            return ChannelChanged(before.channel, channel)
        case SetDay(day=day):
            old_day = before.occurred_at.astimezone(zone).date()
            if day == old_day:
                return NothingChanged()
            instant = day_to_instant(day, zone, now)
            day_only = day != now.astimezone(zone).date()  # today keeps the real time
            await connection.execute(
                f"UPDATE interactions SET occurred_at = ?, day_only = ? WHERE {_IN_MOMENT}",
                (to_epoch(instant), int(day_only), *key),
            )
            return DayChanged(old_day, day)
        case SetFeeling(feeling=feeling):
            if feeling == before.feeling:
                return NothingChanged()
            await connection.execute(
                f"UPDATE interactions SET feeling = ? WHERE {_IN_MOMENT}", (feeling, *key)
            )
            return FeelingChanged(before.feeling, feeling)
        case SetNote(note=raw):
            note = normalise_note(raw)
            assert not isinstance(note, EditProblem)  # refused before the transaction
            if note == before.note:
                return NothingChanged()
            await connection.execute(
                f"UPDATE interactions SET note = ? WHERE {_IN_MOMENT}", (note, *key)
            )
            return NoteChanged(before.note, note)
    raise AssertionError(f"unknown edit {edit!r}")


async def _add_person(
    connection: aiosqlite.Connection,
    user_id: int,
    before: Moment,
    contact_id: int,
    now: datetime,
) -> Change:
    cursor = await connection.execute(
        "SELECT name, archived FROM contacts WHERE id = ? AND user_id = ?", (contact_id, user_id)
    )
    contact = await cursor.fetchone()
    if contact is None:
        raise _Refused(EditProblem.UNKNOWN_PERSON)
    if any(p.contact_id == contact_id for p in before.people):
        return NothingChanged()
    # A moment saved alone has moment_id NULL; name it before it gains a second person.
    await connection.execute(
        "UPDATE interactions SET moment_id = id WHERE user_id = ? AND id = ? AND moment_id IS NULL",
        (user_id, before.moment_id),
    )
    # created_at is the moment's own (when it was logged), so /undo's "last log" stays put.
    await connection.execute(
        "INSERT INTO interactions (user_id, contact_id, occurred_at, day_only, channel, feeling, "
        "note, created_at, moment_id) SELECT ?, ?, ?, MAX(day_only), ?, ?, ?, "
        f"COALESCE(MIN(created_at), ?), ? FROM interactions WHERE {_IN_MOMENT}",
        (
            user_id,
            contact_id,
            to_epoch(before.occurred_at),
            before.channel.value,
            before.feeling,
            before.note,
            to_epoch(now),
            before.moment_id,
            user_id,
            before.moment_id,
        ),
    )
    if contact["archived"]:
        # As when logging: someone you connected with is no longer drifting.
        await connection.execute(
            "UPDATE contacts SET archived = 0 WHERE id = ? AND user_id = ?", (contact_id, user_id)
        )
    return PeopleChanged(
        added=(str(contact["name"]),),
        removed=(),
        now_with=(*(p.name for p in before.people), str(contact["name"])),
    )
