"""What happens to an unfinished log when the user turns away from it, or walks away.

- A command (other than /log, /help, /cancel) or another feature's button mid-log puts it on
  hold (``Conversation.on_interrupted``): the command does what it should, then the user is
  told how to pick the log up again.
- Left alone for 15 minutes it is never carried on silently: the next update marks it expired
  (:func:`watch`, before anything else) and, after that update's own reply, says it wasn't
  saved, with a Resume button.

The note is about the update being handled, so it is kept for that update only (keyed by its
id, never stored) and sent from the last handler group by :func:`send_note`.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.days import today_in
from bot.domain.log_buttons import LogDrop, LogFromCheckin, LogIt, LogResume, LogWith, StartLog
from bot.domain.log_draft import DraftStatus
from bot.domain.log_steps import LogConversation, expired_text, held_text
from handlers import conversations
from handlers.keyboards import keyboard

TAKES_OVER: tuple[type[CallbackData], ...] = (
    LogResume,
    LogDrop,
    LogIt,
    LogWith,
    StartLog,
    LogFromCheckin,
)
"""Buttons whose handler itself says what happened to an expired log."""

MAX_PENDING_NOTES = 1000
"""Notes of updates that never reached the last group are forgotten after this many."""


@dataclass(frozen=True)
class _Note:
    text: str
    draft_id: int
    resume_label: str
    quiet: bool
    """The update needs no other answer (a stray answer to an expired log)."""


_NOTES: dict[int, _Note] = {}


def notice_keyboard(draft_id: int, resume_label: str) -> InlineKeyboardMarkup:
    """Resume / drop buttons under a notice."""
    return keyboard([[(resume_label, LogResume(draft_id)), ("Drop it", LogDrop(draft_id, False))]])


def is_quiet(update: Update) -> bool:
    """Whether this update already gets the "wasn't saved" notice and needs no other answer."""
    note = _NOTES.get(update.update_id)
    return note is not None and note.quiet


def command_of(update: Update) -> str | None:
    """The command of a command message, lower-cased, without @bot."""
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    return message.text[1:].split(maxsplit=1)[0].split("@")[0].lower() if message.text[1:] else ""


def _leave_note(update: Update, note: _Note) -> None:
    _NOTES[update.update_id] = note
    while len(_NOTES) > MAX_PENDING_NOTES:
        _NOTES.pop(next(iter(_NOTES)))


async def watch(update: Update, context: TendContext) -> None:
    """Before anything else: a log untouched for 15 minutes expires (or, if empty, goes)."""
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return
    drafts = context.services.drafts
    stored = await drafts.get(user.id)
    now = context.services.clock.now()
    if stored is None or stored.status is DraftStatus.EXPIRED or not stored.is_stale(now):
        return
    await conversations.close(context, user.id, LogConversation.name)
    if not stored.draft.has_answers:
        await drafts.delete(user.id, stored.id)
        return
    await drafts.set_status(user.id, stored.id, DraftStatus.EXPIRED)
    query = update.callback_query
    if command_of(update) == "log" or (query and any(f.matches(query.data) for f in TAKES_OVER)):
        return
    known = await context.services.users.get(user.id)
    today = today_in(known.zone, now) if known else now.date()
    _leave_note(update, _Note(expired_text(stored.draft, today), stored.id, "Resume", True))


async def put_on_hold(update: Update, context: TendContext, state: LogConversation) -> None:
    """The user turned to another command or button mid-log: hold it (an empty one goes)."""
    user = update.effective_user
    assert user is not None
    if command_of(update) == "log":
        return  # /log itself says where the log stands
    await conversations.close(context, user.id, LogConversation.name)
    drafts = context.services.drafts
    stored = await drafts.get(user.id)
    if stored is None or stored.id != state.draft_id:
        return
    if not stored.draft.has_answers:
        await drafts.delete(user.id, stored.id)
        return
    await drafts.set_status(user.id, stored.id, DraftStatus.HELD)
    _leave_note(update, _Note(held_text(stored.draft), stored.id, "Continue logging", False))


def forget_note(update: Update) -> bool:
    """Drop this update's note (the distress answer says what happened to the log instead);
    True when there was one."""
    return _NOTES.pop(update.update_id, None) is not None


async def send_note(update: Update, context: TendContext) -> None:
    """After the update was handled: tell the user what happened to their log."""
    note = _NOTES.pop(update.update_id, None)
    chat = update.effective_chat
    if note is None or chat is None:
        return
    markup = notice_keyboard(note.draft_id, note.resume_label)
    await context.bot.send_message(chat.id, note.text, reply_markup=markup)
