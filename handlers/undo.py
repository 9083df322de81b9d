"""/undo: remove the last thing the user logged, after one tap, and say exactly what went.

"The last thing logged" is the last *moment*: a dinner logged with Sam and Alex goes as a
whole. The confirmation names the moment it will remove, so an old confirmation pressed later
removes exactly what it said (if it is still there) and nothing else; the moment id it
carries is checked against the user in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.log_context import moment_phrase
from bot.domain.log_input import is_no, is_yes
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_guard import UNDO_INPUT, UserFlag, claim_text, stopping
from handlers.replies import show
from storage.interactions import InteractionRepository, Moment
from storage.users import User

END = ConversationHandler.END
UNDO_GROUP = -10
CONFIRM = "confirm"


@dataclass(frozen=True)
class UndoConfirm(CallbackData, prefix="udo"):
    """Remove (``remove=True``) or keep the moment named."""

    moment: int
    remove: bool


def _describe(moment: Moment, user: User, context: TendContext) -> str:
    today = context.services.clock.now().astimezone(user.zone).date()
    day = moment.occurred_at.astimezone(user.zone).date()
    return moment_phrase(moment.channel, [person.name for person in moment.people], day, today)


async def _user(update: Update, context: TendContext) -> User | None:
    tg_user = update.effective_user
    assert tg_user is not None
    user = await context.services.users.get(tg_user.id)
    return user if user is not None and user.onboarded else None


async def undo_command(update: Update, context: TendContext) -> object:
    """/undo: name the last moment and ask before removing it."""
    message = update.effective_message
    assert message is not None
    user = await _user(update, context)
    if user is None:
        await message.reply_text("Let's get you set up first: send /start (it takes a minute).")
        return END
    moment = await InteractionRepository(context.services.db).last_moment(user.id)
    if moment is None:
        claim_text(context)
        await message.reply_text("There's nothing to undo yet. Send /log to log a connection.")
        return END
    claim_text(context, UNDO_INPUT, moment.moment_id)
    flows.enter(context, "I'm waiting to hear whether to remove your last log: yes or no.")
    await message.reply_text(
        f"Remove your last log: {_describe(moment, user, context)}?",
        reply_markup=keyboard(
            [
                [
                    ("Yes, remove it", UndoConfirm(moment.moment_id, True)),
                    ("No, keep it", UndoConfirm(moment.moment_id, False)),
                ]
            ]
        ),
    )
    return CONFIRM


async def confirm_button(update: Update, context: TendContext) -> object:
    """The confirmation's buttons."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _user(update, context)
    try:
        choice = UndoConfirm.unpack(query.data)
    except CallbackDataError:
        choice = None
    if user is None or choice is None:
        await query.answer("That button is out of date.")
        return END
    message = query.message if isinstance(query.message, Message) else None
    return await _decide(update, context, user, choice.moment, choice.remove, message, query)


async def confirm_text(update: Update, context: TendContext) -> object:
    """A typed yes or no."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user = await _user(update, context)
    moment_id = context.user_data.get(UNDO_INPUT) if context.user_data is not None else None
    if user is None or not isinstance(moment_id, int):
        claim_text(context)
        return END
    if is_yes(message.text) or message.text.strip().casefold().startswith("remove"):
        return await _decide(update, context, user, moment_id, True, None, None)
    if is_no(message.text) or message.text.strip().casefold().startswith("keep"):
        return await _decide(update, context, user, moment_id, False, None, None)
    await message.reply_text("Type yes to remove your last log, or no to keep it.")
    return CONFIRM


async def _decide(
    update: Update,
    context: TendContext,
    user: User,
    moment_id: int,
    remove: bool,
    edit: Message | None,
    query: CallbackQuery | None,
) -> object:
    claim_text(context)
    flows.leave(context)
    repository = InteractionRepository(context.services.db)
    chat = update.effective_chat
    assert chat is not None
    if not remove:
        if query is not None:
            await query.answer()
        moment = await repository.moment(user.id, moment_id)
        text = (
            f"Okay, kept: {_describe(moment, user, context)}."
            if moment
            else "Okay, nothing changed."
        )
        await show(context, chat.id, text, None, edit=edit)
        return END
    removed = await repository.delete_moment(user.id, moment_id)
    if removed is None:  # removed already, or a forged id: nothing to say about it
        if query is not None:
            await query.answer("That button is out of date.")
        text = "That log isn't there any more. /undo shows your last one."
        await show(context, chat.id, text, None, edit=edit)
        return END
    if query is not None:
        await query.answer("Removed.")
    await show(context, chat.id, f"Removed: {_describe(removed, user, context)}.", None, edit=edit)
    return END


async def cancel(update: Update, context: TendContext) -> object:
    """/cancel at the confirmation: keep everything."""
    message = update.effective_message
    assert message is not None
    claim_text(context)
    flows.leave(context)
    await message.reply_text("Okay, nothing removed.")
    return END


def register(application: TendApplication) -> None:
    """/undo and its confirmation (buttons always; typed yes/no while it is asked)."""
    waiting = UserFlag(application, UNDO_INPUT)
    conversation: ConversationHandler[TendContext] = ConversationHandler(
        entry_points=[
            CommandHandler("undo", stopping(undo_command)),
            CallbackQueryHandler(stopping(confirm_button), pattern=UndoConfirm.pattern()),
        ],
        states={
            CONFIRM: [
                MessageHandler(filters.TEXT & ~filters.COMMAND & waiting, stopping(confirm_text))
            ]
        },
        fallbacks=[CommandHandler("cancel", stopping(cancel), filters=waiting)],
        name="undo",
        allow_reentry=True,
    )
    application.add_handler(conversation, group=UNDO_GROUP)
