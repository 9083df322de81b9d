"""Store the answers, then ask the next question, or save the log when nothing is left.

Every /log handler ends here: the draft is written to ``log_drafts`` and the ``conversations``
row (who reads the next text) BEFORE the question goes out, so a kill between the two loses
nothing; the next question is derived from the stored draft (``log_draft.advance``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.days import day_to_instant, today_in
from bot.domain.history_buttons import saved_followup_rows
from bot.domain.log_context import Connection, context_line, join_names, moment_phrase
from bot.domain.log_draft import DraftPerson, LogDraft, advance, with_whom
from bot.domain.log_questions import Row
from bot.domain.log_steps import (
    MAX_CONTACTS,
    TOO_MANY,
    Again,
    LogConversation,
    NewContact,
    Next,
    Outcome,
    PickContact,
    add_new,
    join_lines,
    resolve_queue,
)
from handlers import conversations, replies
from handlers.keyboards import keyboard
from handlers.log.questions import build_question
from handlers.personal.followups import after_note_saved
from storage.contacts import Contact, ContactRepository
from storage.interactions import Moment, MomentToSave, SaveProblem
from storage.log_drafts import DraftRepository
from storage.users import User

HISTORY_WINDOW = timedelta(days=400)
"""History read for the context line: a year back, plus the weeks around its edge."""

SETUP_FIRST = "Let's get you set up first: send /start (it takes a minute)."
GONE = "That log isn't open any more (it was saved or dropped). Send /log to start a new one."


def drafts(context: TendContext) -> DraftRepository:
    """The users' unfinished logs."""
    return context.services.drafts


def contacts(context: TendContext) -> ContactRepository:
    """The users' people and groups."""
    return context.services.contacts


def today_of(context: TendContext, user: User) -> date:
    """The user's local date now."""
    return today_in(user.zone, context.services.clock.now())


def person(contact: Contact) -> DraftPerson:
    """A stored contact as someone in a log."""
    return DraftPerson(contact.name, contact.kind, contact.id)


async def onboarded_user(update: Update, context: TendContext) -> User | None:
    """The sender, if they finished /start (a log needs their time zone)."""
    sender = update.effective_user
    assert sender is not None
    user = await context.services.users.get(sender.id)
    return user if user is not None and user.onboarded else None


async def free_slots(context: TendContext, user: User) -> int:
    """How many more contacts the user may keep."""
    return MAX_CONTACTS - await contacts(context).count(user.id)


async def settle(
    context: TendContext, user: User, draft: LogDraft, outcome: Outcome
) -> Next | None:
    """An answer's outcome as the draft to carry on with; None: the contact is not theirs."""
    if isinstance(outcome, Again):
        return Next(draft, outcome.problem)
    if isinstance(outcome, PickContact):
        contact = await contacts(context).get(user.id, outcome.contact_id)
        return None if contact is None else Next(draft.with_person(person(contact)))
    if isinstance(outcome, NewContact):
        existing = await contacts(context).find_by_name(user.id, outcome.name)
        found = person(existing) if existing is not None else None
        slots = await free_slots(context, user)
        return add_new(draft, outcome.name, outcome.group, found, slots)
    return outcome


async def start_log(
    update: Update,
    context: TendContext,
    user: User,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
) -> None:
    """A new log (replacing any unfinished one: callers say so in ``intro``)."""
    stored = await drafts(context).start(user.id, draft, context.services.clock.now())
    await show_next(update, context, user, stored.id, draft, intro=intro, edit=edit)


async def show_next(
    update: Update,
    context: TendContext,
    user: User,
    draft_id: int,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
    extra_rows: Sequence[Row] = (),
) -> None:
    """Store the answers, then ask the next question, or save when nothing is left to ask."""
    if draft.queue and draft.pending is None and draft.naming is None:
        known = [person(contact) for contact in await contacts(context).all(user.id)]
        draft, notes = resolve_queue(draft, known, await free_slots(context, user))
        intro = join_lines(intro, *notes)
    draft, step = advance(draft)
    if step is None:
        await _save_log(update, context, user, draft_id, draft, intro=intro, edit=edit)
        return
    now = context.services.clock.now()
    stored = await drafts(context).save(user.id, draft_id, draft, now)
    if stored is None:
        await conversations.close(context, user.id, LogConversation.name)
        await replies.send(update, context, GONE)
        return
    await conversations.save(context, user.id, LogConversation(step, draft_id, with_whom(draft)))
    text, markup = await build_question(context, user.id, stored, step, extra_rows)
    chat = update.effective_chat
    assert chat is not None
    text = f"{intro}\n\n{text}" if intro else text
    await replies.show(context, chat.id, text, markup, edit=edit)


async def _save_log(
    update: Update,
    context: TendContext,
    user: User,
    draft_id: int,
    draft: LogDraft,
    *,
    intro: str,
    edit: Message | None,
) -> None:
    """Write the log in one transaction; "Saved" goes out only after it committed."""
    assert draft.channel is not None and draft.day is not None
    now = context.services.clock.now()
    try:
        occurred_at = day_to_instant(draft.day, user.zone, now)
    except ValueError:  # the day is ahead of today now (the user moved zone mid-log)
        problem = "That day hasn't happened yet where you are now."
        again = replace(draft, day=None)
        await show_next(update, context, user, draft_id, again, intro=join_lines(intro, problem))
        return
    day_only = draft.day != today_in(user.zone, now)  # "today" keeps the real time
    moment = MomentToSave(
        draft.people, draft.channel, occurred_at, draft.feeling, draft.note, day_only
    )
    interactions = context.services.interactions
    saved = await interactions.save_moment(user.id, moment, now, draft_id=draft_id)
    if isinstance(saved, SaveProblem):
        kept: tuple[DraftPerson, ...]
        if saved is SaveProblem.NOBODY_LEFT:
            kept, problem = (), "Everyone in this log was deleted in the meantime."
        else:
            kept = tuple(person for person in draft.people if person.contact_id is not None)
            problem = TOO_MANY
        again = replace(draft, people=kept, adding=False)
        await show_next(update, context, user, draft_id, again, intro=join_lines(intro, problem))
        return
    history = await interactions.history(
        user.id, now - HISTORY_WINDOW, excluding_moment=saved.moment_id
    )
    names = [person.name for person in saved.people]
    connections = [Connection(saved.occurred_at, person.kind) for person in saved.people]
    line = context_line(connections, history, now, user.zone)
    phrase = moment_phrase(saved.channel, names, draft.day, today_in(user.zone, now))
    text = f"Saved: {phrase}. {line}"
    returning = [person.name for person in saved.people if person.was_drifting]
    if returning:
        verb = "is" if len(returning) == 1 else "are"
        text += f"\n{join_names(returning)} {verb} back in your menus."
    followup_text, followup_rows = await after_note_saved(context, user, saved, draft.day)
    await conversations.close(context, user.id, LogConversation.name)
    chat = update.effective_chat
    assert chat is not None
    text = join_lines(text, followup_text or "")
    markup = saved_followups(saved, followup_rows)
    await replies.show(context, chat.id, join_lines(intro, text), markup, edit=edit)


def saved_followups(
    saved: Moment, reminder_rows: Sequence[Sequence[tuple[str, CallbackData]]] = ()
) -> InlineKeyboardMarkup | None:
    """Under "Saved": one tap to add the feeling or note a quick log left out (#13), and
    *Remind me to follow up* for a note without a day (#12)."""
    rows = saved_followup_rows(saved.moment_id, saved.feeling is not None, bool(saved.note))
    rows = [*rows, *reminder_rows]
    return keyboard(rows) if rows else None
