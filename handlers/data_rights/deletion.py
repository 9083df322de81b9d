"""/delete: say exactly what would go, then ask twice before deleting anything.

The list's buttons carry when it was shown; "Delete my data…" stores the last check
(:class:`bot.domain.deletion.DeleteConfirmation`) before asking it, and only the "yes" of that
stored question, pressed within minutes, deletes. Anything older is answered as out of date,
its buttons are taken away, and the current list is shown to decide on afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import deletion
from bot.domain.deletion import DeleteConfirmation, is_fresh
from handlers import replies
from handlers.buttons import OUT_OF_DATE
from handlers.conversations import close, save
from handlers.keyboards import keyboard
from storage.users import User, to_epoch


class DeleteStep(StrEnum):
    """The list's two buttons (short values keep callback data small)."""

    ASK = "a"
    KEEP = "x"


@dataclass(frozen=True)
class DeleteData(CallbackData, prefix="dl"):
    """ "Delete my data…" or "keep it"; ``shown`` is when its message was offered (Unix s)."""

    step: DeleteStep
    shown: int


@dataclass(frozen=True)
class ConfirmDelete(CallbackData, prefix="dly"):
    """ "Yes, delete everything": answers the stored last check asked at ``asked_at``."""

    asked_at: int


FRESH_LIST = "Send /delete to see what would go."


async def delete_data(update: Update, context: TendContext) -> None:
    """/delete: the list of what would go, with the first button."""
    user = update.effective_user
    assert user is not None
    await _offer(update, context, user.id)


async def _offer(update: Update, context: TendContext, user_id: int) -> None:
    services = context.services
    counts = await services.eraser.count(user_id)
    if not counts:
        await replies.send(update, context, deletion.NOTHING_HELD.format(what="delete"))
        return
    user = await services.users.get(user_id)
    shown = to_epoch(services.clock.now())
    text = deletion.listing(counts, *_settings(user))
    await replies.send(update, context, text, _buttons("Delete my data…", "Keep it", shown))


def _buttons(delete: str, keep: str, shown: int, *, final: bool = False) -> InlineKeyboardMarkup:
    first = ConfirmDelete(shown) if final else DeleteData(DeleteStep.ASK, shown)
    return keyboard([[(delete, first), (keep, DeleteData(DeleteStep.KEEP, shown))]])


def _settings(user: User | None) -> tuple[str | None, time | None]:
    return (None, None) if user is None else (user.timezone, user.checkin_time)


async def on_delete_button(update: Update, context: TendContext, data: DeleteData) -> str | None:
    """ "Keep it" always keeps; "Delete my data…" stores and asks the last check."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    if data.step is DeleteStep.KEEP:
        await close(context, user.id, DeleteConfirmation.name)
        await query.edit_message_text(deletion.KEPT)
        return "Nothing deleted."
    services = context.services
    now = services.clock.now()
    if not is_fresh(data.shown, now, deletion.FIRST_BUTTON_LIFETIME):
        return await _start_over(update, context)
    counts = await services.eraser.count(user.id)
    if not counts:
        await query.edit_message_text(deletion.NOTHING_HELD.format(what="delete"))
        return "Nothing left to delete."
    state = DeleteConfirmation(to_epoch(now))
    await save(context, user.id, state)
    text = deletion.last_check(counts, *_settings(await services.users.get(user.id)))
    buttons = _buttons("Yes, delete everything", "No, keep it", state.asked_at, final=True)
    await query.edit_message_text(text, reply_markup=buttons)
    return None


async def confirm(
    update: Update, context: TendContext, state: DeleteConfirmation, data: ConfirmDelete
) -> str | None:
    """The final "yes": delete everything, but only for the open, recent last check."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    services = context.services
    fresh = is_fresh(state.asked_at, services.clock.now(), deletion.CONFIRM_BUTTON_LIFETIME)
    if data.asked_at != state.asked_at or not fresh:
        return await _start_over(update, context)
    deleted = await services.eraser.delete_everything(user.id)  # the row goes with it
    if context.user_data is not None:
        context.user_data.clear()  # what /log, /people, /undo keep in memory until ported
    if not deleted:
        await query.edit_message_text(deletion.NOTHING_LEFT)
        return "Nothing left to delete."
    await query.edit_message_text(deletion.deleted_text(deleted))
    return "Deleted."


async def _start_over(update: Update, context: TendContext) -> str:
    """A button too old to trust: take its buttons away and show the current list."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await close(context, user.id, DeleteConfirmation.name)
    await replies.edit_buttons(query, None)
    await replies.send(update, context, f"{OUT_OF_DATE} {deletion.START_OVER}")
    await _offer(update, context, user.id)
    return OUT_OF_DATE


async def cancel(update: Update, context: TendContext, state: DeleteConfirmation) -> None:
    """/cancel at the last check: nothing is deleted."""
    await replies.send(update, context, deletion.KEPT)


def hint(state: DeleteConfirmation) -> str:
    """/help adds nothing: the buttons above say it all."""
    return ""
