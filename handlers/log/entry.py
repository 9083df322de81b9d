"""Ways into /log: the command, "Log a connection", "Log it", Resume, Drop, and /cancel.

``/log`` asks who; ``/log Sam`` starts at "How?"; ``/log Sam call yesterday`` saves at once. A
new log replaces an unfinished one and says so; bare /log offers the unfinished one back.
"""

from __future__ import annotations

from telegram import Message, Update

from bot.context import TendContext
from bot.domain.log_buttons import (
    LogDrop,
    LogFromCheckin,
    LogIt,
    LogResume,
    LogWith,
    StartLog,
)
from bot.domain.log_draft import DraftStatus, LogDraft
from bot.domain.log_steps import (
    LogConversation,
    cancelled,
    draft_from_args,
    dropped,
    dropped_note,
    from_intent,
    in_the_middle,
    join_lines,
    picking_up,
)
from bot.domain.matching import Candidate
from handlers import basics, conversations, replies
from handlers.buttons import OUT_OF_DATE, StaleButton
from handlers.keyboards import keyboard
from handlers.log.offers import take_offer
from handlers.log.progress import (
    GONE,
    SETUP_FIRST,
    contacts,
    drafts,
    onboarded_user,
    person,
    show_next,
    start_log,
    today_of,
)
from storage.log_drafts import StoredDraft
from storage.users import User


def _pressed_on(update: Update) -> Message | None:
    """The message a button was pressed on (edited in place)."""
    query = update.callback_query
    return query.message if query and isinstance(query.message, Message) else None


async def log_command(update: Update, context: TendContext) -> None:
    """/log, /log Sam, /log Sam call yesterday."""
    user = await onboarded_user(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    message = update.effective_message
    assert message is not None and message.text is not None
    args = message.text.partition(" ")[2].strip()
    stored = await drafts(context).get(user.id)
    if not args:
        await _open(update, context, user, stored)
        return
    known = [Candidate(c.id, c.name) for c in await contacts(context).all(user.id)]
    draft, problem = draft_from_args(args, today_of(context, user), known)
    intro = join_lines(dropped_note(stored.draft if stored else None), problem)
    await start_log(update, context, user, draft, intro=intro)


async def _open(
    update: Update, context: TendContext, user: User, stored: StoredDraft | None
) -> None:
    """Bare /log or "Log a connection": carry on (or start over) an unfinished log, or begin."""
    if stored is None:
        await start_log(update, context, user, LogDraft())
        return
    if stored.status is DraftStatus.OPEN:
        intro = in_the_middle(stored.draft)
    else:
        intro = picking_up(stored.draft, today_of(context, user))
    start_over = [[("Start over", LogDrop(stored.id, True))]] if stored.draft.has_answers else []
    await show_next(
        update, context, user, stored.id, stored.draft, intro=intro, extra_rows=start_over
    )


async def start_pressed(update: Update, context: TendContext, data: StartLog) -> None:
    """ "Log a connection" from a check-in or summary: like a bare /log."""
    user = await onboarded_user(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    await _open(update, context, user, await drafts(context).get(user.id))


async def log_from_checkin_pressed(
    update: Update, context: TendContext, data: LogFromCheckin
) -> None:
    """ "Log a connection" on a check-in: its suggested person preselected, straight to "How?".

    A check-in that named nobody still there (or not the presser's) opens /log as usual.
    """
    user = await onboarded_user(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    target = await context.services.checkin_variety.log_target(data.checkin, user.id)
    contact = None
    if target is not None and target.contact_id is not None:
        contact = await contacts(context).get(user.id, target.contact_id)
    stored = await drafts(context).get(user.id)
    if contact is None:
        await _open(update, context, user, stored)
        return
    intro = dropped_note(stored.draft if stored else None)
    await start_log(update, context, user, LogDraft(people=(person(contact),)), intro=intro)


async def resume_pressed(update: Update, context: TendContext, data: LogResume) -> str | None:
    """ "Resume" / "Continue logging" under a notice."""
    user = await onboarded_user(update, context)
    stored = await drafts(context).get(user.id) if user else None
    if user is None or stored is None or stored.id != data.draft:
        await replies.send(update, context, GONE, keyboard([[("Log a connection", StartLog())]]))
        return OUT_OF_DATE
    intro = picking_up(stored.draft, today_of(context, user))
    edit = _pressed_on(update)
    await show_next(update, context, user, stored.id, stored.draft, intro=intro, edit=edit)
    return None


async def drop_pressed(update: Update, context: TendContext, data: LogDrop) -> str | None:
    """ "Drop it" under a notice, or "Start over"."""
    user = await onboarded_user(update, context)
    stored = await drafts(context).get(user.id) if user else None
    if user is None or stored is None or stored.id != data.draft:
        return "That log is already gone."
    await drafts(context).delete(user.id, stored.id)
    await conversations.close(context, user.id, LogConversation.name)
    text, edit = dropped(stored.draft), _pressed_on(update)
    if data.restart:
        intro = f"{text} Let's start again."
        await start_log(update, context, user, LogDraft(), intro=intro, edit=edit)
        return None
    assert update.effective_chat is not None
    await replies.show(context, update.effective_chat.id, text, None, edit=edit)
    return None


async def log_it_pressed(update: Update, context: TendContext, data: LogIt) -> None:
    """ "Log it" under a message that read like a log."""
    user = await onboarded_user(update, context)
    intent = take_offer(context, user.id, data.offer) if user else None
    if user is None or intent is None:
        raise StaleButton("Tell me again, or send /log.")
    stored = await drafts(context).get(user.id)
    intro = dropped_note(stored.draft if stored else None)
    edit = _pressed_on(update)
    await start_log(update, context, user, from_intent(intent), intro=intro, edit=edit)


async def log_with_pressed(update: Update, context: TendContext, data: LogWith) -> None:
    """ "Log a connection with Sam" from /people: straight to "How?"."""
    user = await onboarded_user(update, context)
    contact = await contacts(context).get(user.id, data.contact) if user else None
    if user is None or contact is None:
        raise StaleButton("/people shows everyone.")
    stored = await drafts(context).get(user.id)
    intro = dropped_note(stored.draft if stored else None)
    await start_log(update, context, user, LogDraft(people=(person(contact),)), intro=intro)


async def cancel_open(update: Update, context: TendContext, state: LogConversation) -> None:
    """/cancel mid-log (the conversation is closed already): drop the draft, say so."""
    await cancel_held(update, context)


async def cancel_held(update: Update, context: TendContext) -> None:
    """/cancel with a log on hold or expired (or nothing open at all)."""
    sender = update.effective_user
    assert sender is not None
    stored = await drafts(context).get(sender.id)
    if stored is None:
        await basics.cancel_nothing(update, context)
        return
    await drafts(context).delete(sender.id, stored.id)
    await replies.send(update, context, cancelled(stored.draft))
