"""/log: whom the user connected with, how, when and how it felt — a few taps, never paperwork.

Questions (the conversation's states are :class:`LogStep` values)::

    WHO ─┬─ known name ───────────────┬─ HOW ── WHEN ── FEELING ── NOTE ── "Saved: ..."
         ├─ near miss ── CONFIRM ─────┤   (groups skip HOW: in person, changeable)
         ├─ new name ─── KIND ────────┤   "+ Add another person" goes back to WHO
         └─ Someone new ─ NEW_NAME ─ KIND

Every answer is written to the user's draft in SQLite before the next question goes out, and
the next question is derived from the draft, never from memory: a restart, a long pause or a
command in between loses nothing (see :mod:`handlers.log_guard`). Shortcuts fill the draft
up front: ``/log Sam`` starts at HOW, ``/log Sam call yesterday`` saves at once, and plain
text such as "talked to mum" is offered a one-tap "Log it" (:func:`answer_stray_text`).

The conversation runs in its own handler group and stops the update there, so another
feature's open conversation never sees an answer meant for this one.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.intent import LogIntent, detect_log_intent, parse_log_args
from bot.domain.log_context import join_names
from bot.domain.log_draft import (
    DraftPerson,
    DraftStatus,
    LogDraft,
    QueuedName,
    next_step,
    with_whom,
)
from bot.domain.log_input import MAX_NOTE_LENGTH, is_yes
from bot.domain.matching import Candidate
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_answers import STEP_BUTTON_HANDLERS, TEXT_HANDLERS, non_text
from handlers.log_callbacks import LogDrop, LogIt, LogResume, LogWith
from handlers.log_core import (
    GONE,
    OUT_OF_DATE,
    SETUP_FIRST,
    chat_id_of,
    contact_repo,
    draft_repo,
    dropped_note,
    join_lines,
    message_of,
    onboarded_user,
    picking_up,
    say,
    show_next,
    split_unknown,
    start_log,
    today_of,
)
from handlers.log_guard import (
    HAS_DRAFT,
    LIVE,
    UserFlag,
    forget,
    is_quiet,
    notice_keyboard,
    stopping,
)
from handlers.log_guard import register as register_guard
from handlers.log_questions import Row, show
from handlers.shared_callbacks import StartLog
from storage.log_drafts import StoredDraft
from storage.users import User

END = ConversationHandler.END
LOG_GROUP = -10
"""Before every group-0 conversation; handlers here stop the update once they took it."""

_OFFERS = "log_offers"
MAX_OFFERS = 5
""""Log it" offers remembered per user (older buttons say they are out of date)."""


# ------------------------------------------------------------------------------ entry points


async def log_command(update: Update, context: TendContext) -> object:
    """/log, /log Sam, /log Sam call yesterday."""
    user = await onboarded_user(update, context)
    if user is None:
        await say(update, context, SETUP_FIRST)
        return END
    message = update.effective_message
    assert message is not None and message.text is not None
    args = message.text.partition(" ")[2].strip()
    stored = await draft_repo(context).get(user.id)
    if not args:
        if stored is not None:
            return await continue_log(update, context, user, stored)
        return await start_log(update, context, user, LogDraft())
    draft, problem = await draft_from_args(context, user, args)
    return await start_log(
        update, context, user, draft, intro=join_lines(dropped_note(stored), problem)
    )


async def continue_log(
    update: Update,
    context: TendContext,
    user: User,
    stored: StoredDraft,
    *,
    edit: Message | None = None,
) -> object:
    """Bare /log (or "Log a connection") with a log already open: carry on, or start over."""
    if stored.status is DraftStatus.OPEN:
        intro = f"You're in the middle of a log{with_whom(stored.draft)}. Here's where we were."
    else:
        intro = picking_up(stored, today_of(context, user))
    start_over: Row = [("Start over", LogDrop(stored.id, True))]
    return await show_next(
        update,
        context,
        user,
        stored.id,
        stored.draft,
        intro=intro,
        edit=edit,
        extra_rows=[start_over] if stored.draft.has_answers else (),
    )


async def draft_from_args(context: TendContext, user: User, args: str) -> tuple[LogDraft, str]:
    """A draft from ``/log`` arguments, and the problem with the day if there was one."""
    contacts = await contact_repo(context).all(user.id)
    today = today_of(context, user)
    parsed = parse_log_args(args, today, [contact.name for contact in contacts])
    if parsed.rest and parsed.rest.split()[0].casefold() in ("and", "&", "+"):
        parsed = parse_log_args(args, today)  # "Sam and Alex ...": several people, not one
    names: tuple[str, ...] = ()
    if parsed.name:
        names = split_unknown(parsed.name, [Candidate(c.id, c.name) for c in contacts])
    quick = parsed.channel is not None or parsed.day is not None or parsed.day_error is not None
    note = parsed.rest if quick and parsed.rest and len(parsed.rest) <= MAX_NOTE_LENGTH else None
    draft = LogDraft(
        queue=tuple(QueuedName(name) for name in names),
        channel=parsed.channel,
        day=parsed.day,
        note=note,
        note_answered=note is not None,
        quick=quick,
    )
    return draft, parsed.day_error.message if parsed.day_error else ""


async def start_button(update: Update, context: TendContext) -> object:
    """Button: "Log a connection" from a check-in or summary: like a bare /log."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    user = await onboarded_user(update, context)
    if user is None:
        await say(update, context, SETUP_FIRST)
        return END
    stored = await draft_repo(context).get(user.id)
    if stored is not None:
        return await continue_log(update, context, user, stored)
    return await start_log(update, context, user, LogDraft())


async def resume_button(update: Update, context: TendContext) -> object:
    """Button: "Resume" / "Continue logging" under a notice."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await onboarded_user(update, context)
    stored = await draft_repo(context).get(user.id) if user else None
    try:
        wanted = LogResume.unpack(query.data).draft
    except CallbackDataError:
        wanted = -1
    if user is None or stored is None or stored.id != wanted:
        await query.answer(OUT_OF_DATE)
        await say(update, context, GONE, keyboard([[("Log a connection", StartLog())]]))
        return END
    await query.answer()
    return await show_next(
        update,
        context,
        user,
        stored.id,
        stored.draft,
        intro=picking_up(stored, today_of(context, user)),
        edit=message_of(update),
    )


async def drop_button(update: Update, context: TendContext) -> object:
    """Button: "Drop it" under a notice, or "Start over"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await onboarded_user(update, context)
    stored = await draft_repo(context).get(user.id) if user else None
    try:
        choice = LogDrop.unpack(query.data)
    except CallbackDataError:
        choice = LogDrop(-1, False)
    if user is None or stored is None or stored.id != choice.draft:
        await query.answer("That log is already gone.")
        if user is not None and stored is not None and stored.status is DraftStatus.OPEN:
            return next_step(stored.draft) or END
        return END
    await query.answer()
    await draft_repo(context).delete(user.id, stored.id)
    forget(context)
    flows.leave(context)
    dropped = f"Dropped your log{with_whom(stored.draft)}. Nothing from it was saved."
    if choice.restart:
        return await start_log(
            update,
            context,
            user,
            LogDraft(),
            intro=f"{dropped} Let's start again.",
            edit=message_of(update),
        )
    await show(context, chat_id_of(update), dropped, None, edit=message_of(update))
    return END


async def log_it_button(update: Update, context: TendContext) -> object:
    """Button: "Log it" under a message that read like a log."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await onboarded_user(update, context)
    offers = context.user_data.get(_OFFERS, {}) if context.user_data is not None else {}
    try:
        intent = offers.pop(LogIt.unpack(query.data).offer, None)
    except CallbackDataError:
        intent = None
    if user is None or not isinstance(intent, LogIntent):
        await query.answer(OUT_OF_DATE)
        await say(update, context, "That button is out of date. Tell me again, or send /log.")
        return END
    await query.answer()
    stored = await draft_repo(context).get(user.id)
    draft = LogDraft(
        queue=tuple(QueuedName(name, group=name == intent.group) for name in intent.names),
        channel=intent.channel,
        day=intent.day,
        quick=True,
    )
    return await start_log(
        update, context, user, draft, intro=dropped_note(stored), edit=message_of(update)
    )


async def log_with_button(update: Update, context: TendContext) -> object:
    """Button: "Log a connection with Sam" from /people: straight to "How?"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await onboarded_user(update, context)
    try:
        contact_id = LogWith.unpack(query.data).contact
    except CallbackDataError:
        contact_id = -1
    contact = await contact_repo(context).get(user.id, contact_id) if user else None
    if user is None or contact is None:
        await query.answer(OUT_OF_DATE)
        await say(update, context, "That button is out of date. /people shows everyone.")
        return END
    await query.answer()
    stored = await draft_repo(context).get(user.id)
    draft = LogDraft(people=(DraftPerson(contact.name, contact.kind, contact.id),))
    return await start_log(update, context, user, draft, intro=dropped_note(stored))


async def cancel_command(update: Update, context: TendContext) -> object:
    """/cancel with a log open or on hold: drop it, and say nothing was saved."""
    tg_user = update.effective_user
    assert tg_user is not None
    stored = await draft_repo(context).get(tg_user.id)
    forget(context)
    flows.leave(context)
    if stored is None:
        await say(
            update, context, "There's nothing to cancel right now. /help lists what I can do."
        )
        return END
    await draft_repo(context).delete(tg_user.id, stored.id)
    await say(
        update,
        context,
        f"Okay, dropped your log{with_whom(stored.draft)}. Nothing from it was saved.",
    )
    return END


async def restored_text(update: Update, context: TendContext) -> object:
    """Text for an open log the conversation forgot (the bot restarted): answer it anyway."""
    tg_user = update.effective_user
    assert tg_user is not None
    stored = await draft_repo(context).get(tg_user.id)
    step = next_step(stored.draft) if stored is not None else None
    handler = TEXT_HANDLERS.get(step) if step is not None else None
    if handler is None:
        forget(context)
        return END
    return await handler(update, context)


# ------------------------------------------------------------------------------ stray text


async def answer_stray_text(update: Update, context: TendContext, user: User) -> bool:
    """For the catch-all: offer "Log it" for text that reads like a log; True if answered.

    Also stays quiet for a message that was just told its log expired, and reminds the user
    of a log on hold.
    """
    if is_quiet(update, context):
        return True
    message = update.effective_message
    if message is None or not message.text:
        return False
    stored = await draft_repo(context).get(user.id)
    intent = detect_log_intent(message.text, today_of(context, user))
    if intent is not None and context.user_data is not None:
        offers: dict[int, LogIntent] = context.user_data.setdefault(_OFFERS, {})
        offers[message.message_id] = intent
        for old in sorted(offers)[:-MAX_OFFERS]:
            offers.pop(old, None)
        replaces = (
            f"\n(That replaces your unfinished log{with_whom(stored.draft)}.)"
            if stored is not None and stored.draft.has_answers
            else ""
        )
        await message.reply_text(
            f"Sounds like time with {join_names(intent.names)}. Want to log it?{replaces}",
            reply_markup=keyboard([[("Log it", LogIt(message.message_id))]]),
        )
        return True
    if stored is not None and stored.draft.has_answers and _means_carry_on(message.text):
        await draft_repo(context).set_status(user.id, stored.id, DraftStatus.OPEN)
        await show_next(
            update,
            context,
            user,
            stored.id,
            stored.draft,
            intro=picking_up(stored, today_of(context, user)),
        )
        return True
    if stored is not None and stored.draft.has_answers:
        await message.reply_text(
            f"Your log{with_whom(stored.draft)} is on hold — /log to continue.",
            reply_markup=notice_keyboard(stored.id, "Continue logging"),
        )
        return True
    return False


def _means_carry_on(text: str) -> bool:
    words = text.strip().casefold().rstrip(".!")
    return is_yes(words) or words in ("resume", "continue", "carry on", "go on", "pick it up")


# ------------------------------------------------------------------------------ wiring


def register(application: TendApplication) -> None:
    """The guard, and the /log conversation in its own group (see the module docstring)."""
    register_guard(application)
    live = UserFlag(application, LIVE)
    has_draft = UserFlag(application, HAS_DRAFT)
    answer = filters.TEXT & ~filters.COMMAND & live
    common: list[BaseHandler[Update, TendContext, Any]] = [
        CommandHandler("log", stopping(log_command)),
        CommandHandler("cancel", stopping(cancel_command), filters=has_draft),
        CallbackQueryHandler(stopping(start_button), pattern=StartLog.pattern()),
        CallbackQueryHandler(stopping(resume_button), pattern=LogResume.pattern()),
        CallbackQueryHandler(stopping(drop_button), pattern=LogDrop.pattern()),
        CallbackQueryHandler(stopping(log_it_button), pattern=LogIt.pattern()),
        CallbackQueryHandler(stopping(log_with_button), pattern=LogWith.pattern()),
        *(
            CallbackQueryHandler(stopping(callback), pattern=family.pattern())
            for family, callback in STEP_BUTTON_HANDLERS
        ),
    ]
    conversation: ConversationHandler[TendContext] = ConversationHandler(
        entry_points=[*common, MessageHandler(answer, stopping(restored_text))],
        states={
            step: [MessageHandler(answer, stopping(callback))]
            for step, callback in TEXT_HANDLERS.items()
        },
        fallbacks=[
            *common,
            MessageHandler(~filters.TEXT & ~filters.COMMAND & live, stopping(non_text)),
        ],
        name="log",
        allow_reentry=False,
    )
    application.add_handler(conversation, group=LOG_GROUP)
