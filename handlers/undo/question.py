"""/undo's one question: name the last logged moment, then remove or keep it, tapped or typed.

The question is stored before it is asked, and its buttons name the moment, so an answer
after a restart, or from an old message, removes exactly what it said and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.undo import ASK_AGAIN, GONE, UndoQuestion, describe_moment, read_confirmation
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, close_quietly, save
from handlers.keyboards import keyboard
from storage.users import User


@dataclass(frozen=True)
class UndoConfirm(CallbackData, prefix="udo"):
    """Remove (``remove=True``) or keep the moment named."""

    moment: int
    remove: bool


async def _user(update: Update, context: TendContext) -> User | None:
    """The user, once set up (after /delete an old button finds nobody)."""
    assert update.effective_user is not None
    user = await context.services.users.get(update.effective_user.id)
    return user if user is not None and user.onboarded else None


async def undo_command(update: Update, context: TendContext) -> None:
    """/undo: ask about the last moment logged."""
    user = await _user(update, context)
    if user is None:
        text = "Let's get you set up first: send /start (it takes a minute)."
        await replies.send(update, context, text)
        return
    moment = await context.services.interactions.last_moment(user.id)
    if moment is None:
        text = "There's nothing to undo yet. Send /log to log a connection."
        await replies.send(update, context, text)
        return
    await save(context, user.id, UndoQuestion(moment.moment_id))
    said = describe_moment(moment, context.services.clock.now(), user.zone)
    choices = [
        ("Yes, remove it", UndoConfirm(moment.moment_id, True)),
        ("No, keep it", UndoConfirm(moment.moment_id, False)),
    ]
    await replies.send(update, context, f"Remove your last log: {said}?", keyboard([choices]))


async def confirm_button(update: Update, context: TendContext, data: UndoConfirm) -> str | None:
    """ "Yes, remove it" / "No, keep it"; the moment id is checked against the user in SQL."""
    user = await _user(update, context)
    if user is None:
        raise StaleButton()
    return await _decide(update, context, user, data.moment, data.remove)


async def answer_text(update: Update, context: TendContext, state: UndoQuestion) -> None:
    """A typed yes or no; anything else asks again."""
    assert update.effective_message is not None and update.effective_message.text is not None
    user = await _user(update, context)
    remove = read_confirmation(update.effective_message.text)
    if user is None:  # deleted meanwhile: nothing left to ask about
        await close_quietly(update, context, state)
    elif remove is None:
        await replies.send(update, context, ASK_AGAIN)
    else:
        await _decide(update, context, user, state.moment, remove)


async def _decide(
    update: Update, context: TendContext, user: User, moment_id: int, remove: bool
) -> str | None:
    """Remove or keep; edits the question when it was tapped. Returns the button's toast."""
    await close(context, user.id, UndoQuestion.name)
    interactions = context.services.interactions
    now, query = context.services.clock.now(), update.callback_query
    assert update.effective_chat is not None
    edit = query.message if query is not None and isinstance(query.message, Message) else None
    if remove:
        moment = await interactions.delete_moment(user.id, moment_id)
        if moment is None and query is not None:  # removed already, or a forged id
            raise StaleButton(GONE)
        said = f"Removed: {describe_moment(moment, now, user.zone)}." if moment else GONE
    else:
        moment = await interactions.moment(user.id, moment_id)
        kept = f"Okay, kept: {describe_moment(moment, now, user.zone)}." if moment else None
        said = kept or "Okay, nothing changed."
    await replies.show(context, update.effective_chat.id, said, edit=edit)
    return "Removed." if remove else None


async def cancel(update: Update, context: TendContext, state: UndoQuestion) -> None:
    """/cancel at the question: keep everything."""
    await replies.send(update, context, "Okay, nothing removed.")
