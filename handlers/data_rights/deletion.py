"""/delete: what would go, then two buttons; only the stored last check's "yes" deletes
(see :mod:`bot.domain.data_rights`). Anything older shows the current list afresh."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import data_rights
from bot.domain.data_rights import DeleteConfirmation, is_fresh
from handlers import replies
from handlers.buttons import OUT_OF_DATE, Route
from handlers.conversations import Conversation, close, save
from handlers.keyboards import keyboard
from storage.users import to_epoch

FRESH_LIST = "Send /delete to see what would go."


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


def _buttons(first: tuple[str, CallbackData], keep: str, shown: int) -> InlineKeyboardMarkup:
    return keyboard([[first, (keep, DeleteData(DeleteStep.KEEP, shown))]])


async def _listing(context: TendContext, user_id: int, counts: dict[str, int], last: bool) -> str:
    user = await context.services.users.get(user_id)
    zone, checkin = (None, None) if user is None else (user.timezone, user.checkin_time)
    return (data_rights.last_check if last else data_rights.listing)(counts, zone, checkin)


async def delete_data(update: Update, context: TendContext) -> None:
    """/delete: the list of what would go, with the first button."""
    user = update.effective_user
    assert user is not None
    services = context.services
    counts = await services.eraser.count(user.id)
    if not counts:
        await replies.send(update, context, data_rights.NOTHING_HELD.format(what="delete"))
        return
    shown = to_epoch(services.clock.now())
    text = await _listing(context, user.id, counts, last=False)
    ask = ("Delete my data…", DeleteData(DeleteStep.ASK, shown))
    await replies.send(update, context, text, _buttons(ask, "Keep it", shown))


async def on_delete_button(update: Update, context: TendContext, data: DeleteData) -> str | None:
    """ "Keep it" always keeps; "Delete my data…" stores and asks the last check."""
    query, user, services = update.callback_query, update.effective_user, context.services
    assert query is not None and user is not None
    if data.step is DeleteStep.KEEP:
        await close(context, user.id, DeleteConfirmation.name)
        await query.edit_message_text(data_rights.KEPT)
        return "Nothing deleted."
    now = services.clock.now()
    if not is_fresh(data.shown, now, data_rights.FIRST_BUTTON_LIFETIME):
        return await _start_over(update, context)
    counts = await services.eraser.count(user.id)
    if not counts:
        await query.edit_message_text(data_rights.NOTHING_HELD.format(what="delete"))
        return "Nothing left to delete."
    state = DeleteConfirmation(to_epoch(now))
    await save(context, user.id, state)
    text = await _listing(context, user.id, counts, last=True)
    yes = ("Yes, delete everything", ConfirmDelete(state.asked_at))
    await query.edit_message_text(text, reply_markup=_buttons(yes, "No, keep it", state.asked_at))
    return None


async def confirm(
    update: Update, context: TendContext, state: DeleteConfirmation, data: ConfirmDelete
) -> str | None:
    """The final "yes": delete everything, but only for the open, recent last check."""
    query, user, services = update.callback_query, update.effective_user, context.services
    assert query is not None and user is not None
    fresh = is_fresh(state.asked_at, services.clock.now(), data_rights.CONFIRM_BUTTON_LIFETIME)
    if data.asked_at != state.asked_at or not fresh:
        return await _start_over(update, context)
    deleted = await services.eraser.delete_everything(user.id)  # the row goes with it
    await query.edit_message_text(data_rights.deleted_text(deleted))
    return "Deleted." if deleted else "Nothing left to delete."


async def _start_over(update: Update, context: TendContext) -> str:
    """A button too old to trust: take its buttons away and show the current list."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await close(context, user.id, DeleteConfirmation.name)
    await replies.edit_buttons(query, None)
    await replies.send(update, context, f"{OUT_OF_DATE} {data_rights.START_OVER}")
    await delete_data(update, context)
    return OUT_OF_DATE


async def cancel(update: Update, context: TendContext, state: DeleteConfirmation) -> None:
    """/cancel at the last check: nothing is deleted."""
    await replies.send(update, context, data_rights.KEPT)


CONVERSATION: Conversation[DeleteConfirmation] = Conversation(
    state=DeleteConfirmation,
    on_text=None,  # answered by its "yes" button only
    on_cancel=cancel,
    hint=lambda state: "",
    answer_buttons={ConfirmDelete: confirm},
    stale_pointer=FRESH_LIST,
    own_buttons=(DeleteData,),
)
BUTTONS = (Route(DeleteData, on_delete_button, FRESH_LIST),)
