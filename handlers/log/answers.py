"""Answers to the /log questions, typed or tapped: each becomes an outcome, then the next step.

A tapped button is first checked against the stored draft: a button of an older log, of an
earlier question, or naming a contact that is not the user's gets a fresh question ("out of
date") and changes nothing.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update

from bot.context import TendContext
from bot.domain.log_buttons import STEPS, WHO_STEPS, StartLog, tap
from bot.domain.log_draft import DraftStatus, next_step
from bot.domain.log_steps import (
    GONE_CONTACT,
    NOT_TEXT,
    LogConversation,
    Next,
    answer_text,
    expired_text,
)
from bot.domain.matching import Candidate
from handlers import conversations, replies
from handlers.buttons import OUT_OF_DATE, Route
from handlers.keyboards import keyboard
from handlers.log import on_hold
from handlers.log.progress import (
    GONE,
    SETUP_FIRST,
    contacts,
    drafts,
    free_slots,
    onboarded_user,
    settle,
    show_next,
    today_of,
)
from storage.log_drafts import StoredDraft
from storage.users import User


async def on_text(update: Update, context: TendContext, state: LogConversation) -> None:
    """Typed text while /log asks (a sticker or photo is asked again, in words)."""
    user = await onboarded_user(update, context)
    sender = update.effective_user
    assert sender is not None
    stored = await drafts(context).get(sender.id) if user is not None else None
    if user is None or stored is None or stored.id != state.draft_id:
        await conversations.close(context, sender.id, LogConversation.name)
        await replies.send(update, context, SETUP_FIRST if user is None else GONE)
        return
    message = update.effective_message
    assert message is not None
    step = next_step(stored.draft) or state.step
    if not message.text:
        settled = Next(stored.draft, NOT_TEXT)
    else:
        known = await contacts(context).all(user.id) if step in WHO_STEPS else []
        names = [Candidate(contact.id, contact.name) for contact in known]
        outcome = answer_text(stored.draft, step, message.text, today_of(context, user), names)
        settled = await settle(context, user, stored.draft, outcome) or Next(
            stored.draft, GONE_CONTACT
        )
    await show_next(update, context, user, stored.id, settled.draft, intro=settled.intro)


async def tapped(update: Update, context: TendContext, data: Any) -> str | None:
    """A question's button: applied only to the draft and question it belongs to."""
    if on_hold.is_quiet(update):
        return None  # already told the log expired
    user = await onboarded_user(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return None
    stored = await drafts(context).get(user.id)
    fits = stored is not None and stored.id == data.draft
    if stored is None or not fits or next_step(stored.draft) not in STEPS[type(data)]:
        return await out_of_date(update, context, user, stored)
    today, slots = today_of(context, user), await free_slots(context, user)
    outcome = tap(stored.draft, data, today, slots)
    settled = await settle(context, user, stored.draft, outcome) if outcome else None
    if settled is None:  # deleted meanwhile, or a forged id naming someone else's contact
        return await out_of_date(update, context, user, stored)
    edit = update.callback_query.message if update.callback_query else None
    await show_next(
        update,
        context,
        user,
        stored.id,
        settled.draft,
        intro=settled.intro,
        edit=edit if isinstance(edit, Message) else None,
    )
    return None


async def out_of_date(
    update: Update, context: TendContext, user: User, stored: StoredDraft | None
) -> str:
    """An old or forged button: a fresh question (or the way back to /log); nothing changes."""
    if stored is None:
        await replies.send(
            update,
            context,
            "That button is out of date. To log a connection, send /log.",
            keyboard([[("Log a connection", StartLog())]]),
        )
    elif stored.status is DraftStatus.EXPIRED:
        text = expired_text(stored.draft, today_of(context, user))
        await replies.send(update, context, text, on_hold.notice_keyboard(stored.id, "Resume"))
    else:
        intro = "That button is out of date. Here's where we are:"
        await show_next(update, context, user, stored.id, stored.draft, intro=intro)
    return OUT_OF_DATE


ROUTES = tuple(Route(family, tapped) for family in STEPS)
