"""/undo's answer, tapped or typed: remove the named moment, or keep it, and say which."""

from __future__ import annotations

from telegram import Message, Update

from bot.context import TendContext
from bot.domain.undo import ASK_AGAIN, GONE, HINT, UndoQuestion, read_confirmation
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close
from handlers.undo.ask import UndoConfirm, describe, onboarded
from storage.interactions import InteractionRepository
from storage.users import User


async def confirm_button(update: Update, context: TendContext, data: UndoConfirm) -> str | None:
    """ "Yes, remove it" / "No, keep it": the moment id is checked against the user in SQL."""
    query = update.callback_query
    assert query is not None
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton()
    edit = query.message if isinstance(query.message, Message) else None
    return await _decide(update, context, user, data.moment, data.remove, edit)


async def answer_text(update: Update, context: TendContext, state: UndoQuestion) -> None:
    """A typed yes or no; anything else asks again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user = await onboarded(update, context)
    remove = read_confirmation(message.text)
    if user is None:  # deleted meanwhile: nothing left to ask about
        await leave(update, context, state)
    elif remove is None:
        await message.reply_text(ASK_AGAIN)
    else:
        await _decide(update, context, user, state.moment, remove, None)


async def _decide(
    update: Update,
    context: TendContext,
    user: User,
    moment_id: int,
    remove: bool,
    edit: Message | None,
) -> str | None:
    """Remove or keep; returns the toast for a button."""
    await close(context, user.id, UndoQuestion.name)
    interactions = InteractionRepository(context.services.db)
    chat = update.effective_chat
    assert chat is not None
    if not remove:
        moment = await interactions.moment(user.id, moment_id)
        kept = f"Okay, kept: {describe(moment, user, context)}." if moment else None
        await replies.show(context, chat.id, kept or "Okay, nothing changed.", edit=edit)
        return None
    removed = await interactions.delete_moment(user.id, moment_id)
    if removed is None:  # removed already, or a forged id: nothing to say about it
        if update.callback_query is not None:
            raise StaleButton(GONE)
        await replies.send(update, context, GONE)
        return None
    await replies.show(context, chat.id, f"Removed: {describe(removed, user, context)}.", edit=edit)
    return "Removed."


async def cancel(update: Update, context: TendContext, state: UndoQuestion) -> None:
    """/cancel at the question: keep everything."""
    await replies.send(update, context, "Okay, nothing removed.")


async def leave(update: Update, context: TendContext, state: UndoQuestion) -> None:
    """Another command or button: the question closes silently (as it always has)."""
    user = update.effective_user
    assert user is not None
    await close(context, user.id, UndoQuestion.name)


def hint(state: UndoQuestion) -> str:
    """What /help adds while the question is open."""
    return HINT
