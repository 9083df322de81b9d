"""/undo: name the last logged moment and ask before removing it."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.undo import UndoQuestion, describe_moment
from handlers import replies
from handlers.conversations import save
from handlers.keyboards import keyboard
from storage.interactions import InteractionRepository, Moment
from storage.users import User

NOT_SET_UP = "Let's get you set up first: send /start (it takes a minute)."


@dataclass(frozen=True)
class UndoConfirm(CallbackData, prefix="udo"):
    """Remove (``remove=True``) or keep the moment named; it works from an old message too."""

    moment: int
    remove: bool


async def onboarded(update: Update, context: TendContext) -> User | None:
    """The user, once set up (after /delete an old button finds nobody)."""
    sender = update.effective_user
    assert sender is not None
    user = await context.services.users.get(sender.id)
    return user if user is not None and user.onboarded else None


def describe(moment: Moment, user: User, context: TendContext) -> str:
    """ "call with Sam yesterday"."""
    names = [person.name for person in moment.people]
    now = context.services.clock.now()
    return describe_moment(moment.channel, names, moment.occurred_at, now, user.zone)


async def undo_command(update: Update, context: TendContext) -> None:
    """/undo: the question is stored before it is asked, so a restart keeps it."""
    user = await onboarded(update, context)
    if user is None:
        await replies.send(update, context, NOT_SET_UP)
        return
    moment = await InteractionRepository(context.services.db).last_moment(user.id)
    if moment is None:
        await replies.send(
            update, context, "There's nothing to undo yet. Send /log to log a connection."
        )
        return
    await save(context, user.id, UndoQuestion(moment.moment_id))
    choices = [
        ("Yes, remove it", UndoConfirm(moment.moment_id, True)),
        ("No, keep it", UndoConfirm(moment.moment_id, False)),
    ]
    text = f"Remove your last log: {describe(moment, user, context)}?"
    await replies.send(update, context, text, keyboard([choices]))
