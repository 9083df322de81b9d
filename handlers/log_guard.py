"""What happens to an unfinished log when the user turns away from it, or walks away.

The /log conversation lives in memory (PTB ConversationHandler) but its answers live in SQLite
(``log_drafts``). This guard runs before every handler and keeps the two honest:

- a draft untouched for 15 minutes is never carried on silently: the user's next message is
  answered with "that log wasn't saved" and a Resume button (sent after the update is handled);
- a command or someone else's button in the middle of a log puts it *on hold*, so the command
  does what it should, and the user is told how to pick the log up again;
- after a restart an open draft carries on as if nothing happened.

Conversations only read text while their flag below is set (``UserFlag``), so a log on hold
never swallows the answer meant for another question, and vice versa.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop, TypeHandler, filters

from bot.callbacks import CallbackData
from bot.context import TendApplication, TendContext
from bot.domain.days import today_in
from bot.domain.log_draft import DraftStatus, answers_so_far, with_whom
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_callbacks import ALL_LOG_BUTTONS, LogDrop, LogIt, LogResume, LogWith
from handlers.shared_callbacks import StartLog
from storage.log_drafts import DraftRepository, StoredDraft

GUARD_GROUP = -30
NOTE_GROUP = 30

LIVE = "log_live"
"""Set while the /log conversation should read this user's text."""
HAS_DRAFT = "log_has_draft"
"""Set while the user has an unfinished log (of any status): /cancel then drops it."""
PEOPLE_INPUT = "people_input"
"""Set while /people waits for typed input (a new name, a kind, a rhythm, yes to delete)."""
UNDO_INPUT = "undo_input"
"""Set while /undo waits for a typed yes or no."""
INPUT_FLAGS = (PEOPLE_INPUT, UNDO_INPUT)
_NOTE = "log_note"
_QUIET = "log_quiet"

OWN_BUTTONS: tuple[type[CallbackData], ...] = (*ALL_LOG_BUTTONS, StartLog)
_TAKES_OVER: tuple[type[CallbackData], ...] = (LogResume, LogDrop, LogIt, LogWith, StartLog)
"""Buttons whose handler itself says what happened to an expired log."""


class UserFlag(filters.UpdateFilter):
    """True while ``key`` is set in the sender's user_data (set and cleared by handlers)."""

    def __init__(self, application: TendApplication, key: str) -> None:
        super().__init__(name=f"UserFlag({key})")
        self._application = application
        self._key = key

    def filter(self, update: Update) -> bool:
        """Read the flag without creating user_data for strangers."""
        user = update.effective_user
        if user is None:
            return False
        data = self._application.user_data.get(user.id)
        return bool(data and data.get(self._key))


@dataclass(frozen=True)
class _Note:
    update_id: int
    text: str
    draft_id: int
    resume_label: str


def command_of(update: Update) -> tuple[str, str] | None:
    """(command, arguments) of a command message, lower-cased command without @bot."""
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    head, _, rest = message.text.partition(" ")
    return head[1:].split("@")[0].lower(), rest.strip()


def claim_text(context: TendContext, flag: str | None = None, value: object = True) -> None:
    """From now on typed text answers ``flag``'s question (None: the /log conversation's)."""
    data = context.user_data
    if data is None:
        return
    for other in INPUT_FLAGS:
        data.pop(other, None)
    if flag is not None:
        data[flag] = value


def is_quiet(update: Update, context: TendContext) -> bool:
    """Whether this update already got the "not saved" notice and needs no other answer."""
    return bool(context.user_data is not None and context.user_data.get(_QUIET) == update.update_id)


def forget(context: TendContext) -> None:
    """The log is over (saved, dropped or gone): stop reading text for it."""
    if context.user_data is not None:
        context.user_data.pop(LIVE, None)
        context.user_data.pop(HAS_DRAFT, None)


def expired_text(stored: StoredDraft, so_far: str) -> str:
    """The "wasn't saved" notice, with what was already answered."""
    answered = f"\nSo far: {so_far}." if so_far else ""
    return (
        f"Your log{with_whom(stored.draft)} wasn't saved: it was left unfinished for over "
        f"15 minutes.{answered}\nPick it up where you left off?"
    )


def held_text(stored: StoredDraft) -> str:
    """The "on hold" note."""
    return f"Your log{with_whom(stored.draft)} is on hold — /log to continue."


def notice_keyboard(draft_id: int, resume_label: str) -> InlineKeyboardMarkup:
    """Resume / drop buttons under a notice."""
    return keyboard([[(resume_label, LogResume(draft_id)), ("Drop it", LogDrop(draft_id, False))]])


async def guard(update: Update, context: TendContext) -> None:
    """Before anything else: expire, hold or restore the user's draft as the update demands."""
    user = update.effective_user
    data = context.user_data
    if user is None or data is None or (update.message is None and update.callback_query is None):
        return
    command = command_of(update)
    if command is not None and command[0] not in ("cancel", "help"):
        abandoned = [data.pop(flag, None) for flag in INPUT_FLAGS]
        if any(value is not None for value in abandoned):
            flows.leave(context)  # that question is abandoned; its /help hint goes with it
    drafts = DraftRepository(context.services.db)
    stored = await drafts.get(user.id)
    if stored is None:
        forget(context)
        return
    data[HAS_DRAFT] = True
    now = context.services.clock.now()
    own_button = _own_button(update)
    if stored.status is not DraftStatus.EXPIRED and stored.is_stale(now):
        _set_aside(context)
        if not stored.draft.has_answers:
            await drafts.delete(user.id, stored.id)
            forget(context)
            return
        await drafts.set_status(user.id, stored.id, DraftStatus.EXPIRED)
        picks_up = (command is not None and command[0] == "log") or own_button in _TAKES_OVER
        if not picks_up:
            known = await context.services.users.get(user.id)
            today = today_in(known.zone, now) if known else now.date()
            text = expired_text(stored, answers_so_far(stored.draft, today))
            data[_NOTE] = _Note(update.update_id, text, stored.id, "Resume")
            data[_QUIET] = update.update_id
        return
    if stored.status is not DraftStatus.OPEN:
        data.pop(LIVE, None)
        return
    turning_away = (command is not None and command[0] not in ("help", "cancel", "log")) or (
        update.callback_query is not None and own_button is None
    )
    if turning_away:
        _set_aside(context)
        if not stored.draft.has_answers:
            await drafts.delete(user.id, stored.id)
            forget(context)
            return
        await drafts.set_status(user.id, stored.id, DraftStatus.HELD)
        data[_NOTE] = _Note(update.update_id, held_text(stored), stored.id, "Continue logging")
        return
    data[LIVE] = True  # open, fresh, and the conversation may have been lost in a restart


def _set_aside(context: TendContext) -> None:
    """The log stops reading text; /help stops describing it (the next handler may not)."""
    if context.user_data is not None and context.user_data.pop(LIVE, None):
        flows.leave(context)


def _own_button(update: Update) -> type[CallbackData] | None:
    query = update.callback_query
    if query is None:
        return None
    for family in OWN_BUTTONS:
        if family.matches(query.data):
            return family
    return None


async def send_note(update: Update, context: TendContext) -> None:
    """After the update was handled: tell the user what happened to their log."""
    data = context.user_data
    if data is None:
        return
    note = data.get(_NOTE)
    if not isinstance(note, _Note) or note.update_id != update.update_id:
        return
    data.pop(_NOTE, None)
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(
        chat.id, note.text, reply_markup=notice_keyboard(note.draft_id, note.resume_label)
    )


def stopping(
    callback: Callable[[Update, TendContext], Awaitable[object]],
) -> Callable[[Update, TendContext], Coroutine[Any, Any, None]]:
    """Wrap a handler of the early group: no later group sees an update it took.

    The new conversation state travels in ``ApplicationHandlerStop``; a pending note goes out
    first, since the note group will not run.
    """

    @functools.wraps(callback)
    async def run(update: Update, context: TendContext) -> None:
        """The wrapped handler, then the stop."""
        state = await callback(update, context)
        await send_note(update, context)
        raise ApplicationHandlerStop(state)

    return run


def register(application: TendApplication) -> None:
    """The guard runs first; the note goes out after every other handler."""
    application.add_handler(TypeHandler(Update, guard), group=GUARD_GROUP)
    application.add_handler(TypeHandler(Update, send_note), group=NOTE_GROUP)
