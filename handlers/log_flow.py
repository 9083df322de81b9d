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

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, NamedTuple, TypeVar

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.channels import parse_channel
from bot.domain.days import InvalidDay, day_to_instant, parse_day, today_in
from bot.domain.feelings import parse_feeling
from bot.domain.intent import LogIntent, detect_log_intent, parse_log_args
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import Connection, context_line, join_names, moment_phrase
from bot.domain.log_draft import (
    MAX_PEOPLE_PER_LOG,
    DraftPerson,
    DraftStatus,
    LogDraft,
    LogStep,
    PendingMatch,
    PendingName,
    QueuedName,
    advance,
    answers_so_far,
    next_step,
    with_whom,
)
from bot.domain.log_input import (
    MAX_NOTE_LENGTH,
    NoteTooLong,
    clean_note,
    is_done,
    is_no,
    is_skip,
    is_yes,
    parse_kind,
    split_names,
)
from bot.domain.matching import Candidate, match_contact
from bot.domain.names import InvalidName, clean_name
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_callbacks import (
    LogAddTyped,
    LogBack,
    LogChangeHow,
    LogDay,
    LogDrop,
    LogEveryone,
    LogFeel,
    LogHow,
    LogIt,
    LogKind,
    LogMore,
    LogNew,
    LogPick,
    LogResume,
    LogSkipNote,
    LogWith,
)
from handlers.log_guard import (
    HAS_DRAFT,
    LIVE,
    UserFlag,
    claim_text,
    expired_text,
    forget,
    is_quiet,
    notice_keyboard,
    stopping,
)
from handlers.log_guard import register as register_guard
from handlers.log_questions import Row, build_question, resume_hint, show
from handlers.shared_callbacks import StartLog
from storage.contacts import MAX_CONTACTS, ContactRepository
from storage.interactions import InteractionRepository, MomentToSave, SaveProblem
from storage.log_drafts import DraftRepository, StoredDraft
from storage.users import User

log = logging.getLogger(__name__)

END = ConversationHandler.END
LOG_GROUP = -10
"""Before every group-0 conversation; handlers here stop the update once they took it."""

HISTORY_WINDOW = timedelta(days=400)
"""History read for the context line: a year back, plus the weeks around its edge."""

_OFFERS = "log_offers"
MAX_OFFERS = 5
""""Log it" offers remembered per user (older buttons say they are out of date)."""

SETUP_FIRST = "Let's get you set up first: send /start (it takes a minute)."
TOO_MANY = (
    f"You already keep {MAX_CONTACTS} people and groups, the most Tend can hold. To add someone "
    "new, delete someone you no longer need in /people. Anyone already there still works."
)
GONE = "That log isn't open any more (it was saved or dropped). Send /log to start a new one."
OUT_OF_DATE = "That button is out of date."

Callback = Callable[[Update, TendContext], Awaitable[object]]
Family = TypeVar("Family", bound=CallbackData)


@dataclass(frozen=True)
class Turn:
    """One answer being handled: who, their draft, and the message a button was pressed on."""

    user: User
    stored: StoredDraft
    chat_id: int
    edit: Message | None = None

    @property
    def draft(self) -> LogDraft:
        """The answers so far."""
        return self.stored.draft


class Done(NamedTuple):
    """The update was fully answered already; end in ``state``."""

    state: object


def _drafts(context: TendContext) -> DraftRepository:
    return DraftRepository(context.services.db)


def _contacts(context: TendContext) -> ContactRepository:
    return ContactRepository(context.services.db)


def _interactions(context: TendContext) -> InteractionRepository:
    return InteractionRepository(context.services.db)


def _today(context: TendContext, user: User) -> date:
    return today_in(user.zone, context.services.clock.now())


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def _say(update: Update, context: TendContext, text: str, markup: object = None) -> None:
    await context.bot.send_message(_chat_id(update), text, reply_markup=markup)  # type: ignore[arg-type]


async def _onboarded(update: Update, context: TendContext) -> User | None:
    """The sender, if they finished /start (a log needs their time zone)."""
    tg_user = update.effective_user
    assert tg_user is not None
    user = await context.services.users.get(tg_user.id)
    return user if user is not None and user.onboarded else None


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _shorten(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _message_of(update: Update) -> Message | None:
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message
    return None


# ------------------------------------------------------------------------------ core


async def _show(
    update: Update,
    context: TendContext,
    user: User,
    draft_id: int,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
    extra_rows: Sequence[Row] = (),
) -> object:
    """Store the answers, then ask the next question, or save when nothing is left to ask."""
    draft, notes = await _resolve_queue(context, user, draft)
    intro = _join(intro, *notes)
    draft, step = advance(draft)
    if step is None:
        return await _save(update, context, user, draft_id, draft, intro=intro, edit=edit)
    stored = await _drafts(context).save(user.id, draft_id, draft, context.services.clock.now())
    if stored is None:
        forget(context)
        flows.leave(context)
        await _say(update, context, GONE)
        return END
    question = await build_question(
        context, user.id, stored, step, intro=intro, extra_rows=extra_rows
    )
    await show(context, _chat_id(update), question.text, question.markup, edit=edit)
    claim_text(context)
    if context.user_data is not None:
        context.user_data[LIVE] = True
        context.user_data[HAS_DRAFT] = True
    flows.enter(context, resume_hint(draft, step))
    return step


async def _start(
    update: Update,
    context: TendContext,
    user: User,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
) -> object:
    """A new log (replacing any unfinished one: callers say so in ``intro``)."""
    stored = await _drafts(context).start(user.id, draft, context.services.clock.now())
    return await _show(update, context, user, stored.id, draft, intro=intro, edit=edit)


async def _save(
    update: Update,
    context: TendContext,
    user: User,
    draft_id: int,
    draft: LogDraft,
    *,
    intro: str,
    edit: Message | None,
) -> object:
    """Write the log in one transaction; "Saved" goes out only after it committed."""
    assert draft.channel is not None and draft.day is not None
    now = context.services.clock.now()
    try:
        occurred_at = day_to_instant(draft.day, user.zone, now)
    except ValueError:  # the day is ahead of today now (the user moved zone mid-log)
        return await _show(
            update,
            context,
            user,
            draft_id,
            replace(draft, day=None),
            intro=_join(intro, "That day hasn't happened yet where you are now."),
        )
    moment = MomentToSave(draft.people, draft.channel, occurred_at, draft.feeling, draft.note)
    saved = await _interactions(context).save_moment(user.id, moment, now, draft_id=draft_id)
    if saved is SaveProblem.NOBODY_LEFT:
        return await _show(
            update,
            context,
            user,
            draft_id,
            replace(draft, people=(), adding=False),
            intro=_join(intro, "Everyone in this log was deleted in the meantime."),
        )
    if saved is SaveProblem.TOO_MANY_CONTACTS:
        known = tuple(person for person in draft.people if person.contact_id is not None)
        return await _show(
            update,
            context,
            user,
            draft_id,
            replace(draft, people=known, adding=False),
            intro=_join(intro, TOO_MANY),
        )
    assert not isinstance(saved, SaveProblem)
    history = await _interactions(context).history(
        user.id, now - HISTORY_WINDOW, excluding_moment=saved.moment_id
    )
    today = today_in(user.zone, now)
    names = [person.name for person in saved.people]
    line = context_line(
        [Connection(saved.occurred_at, person.kind) for person in saved.people],
        history,
        now,
        user.zone,
    )
    text = f"Saved: {moment_phrase(saved.channel, names, draft.day, today)}. {line}"
    returning = [person.name for person in saved.people if person.was_drifting]
    if returning:
        verb = "is" if len(returning) == 1 else "are"
        text += f"\n{join_names(returning)} {verb} back in your menus."
    forget(context)
    flows.leave(context)
    await show(context, _chat_id(update), _join(intro, text), None, edit=edit)
    return END


async def _room_for_new(context: TendContext, user: User, draft: LogDraft) -> bool:
    """Whether one more new contact fits under the limit (new ones in this log included)."""
    pending_new = sum(1 for person in draft.people if person.contact_id is None)
    return await _contacts(context).count(user.id) + pending_new < MAX_CONTACTS


async def _resolve_queue(
    context: TendContext, user: User, draft: LogDraft
) -> tuple[LogDraft, list[str]]:
    """Turn typed names into people until one needs a decision (which one? what kind?)."""
    notes: list[str] = []
    if not draft.queue or draft.pending is not None or draft.naming is not None:
        return draft, notes
    contacts = {contact.id: contact for contact in await _contacts(context).all(user.id)}
    candidates = [Candidate(contact.id, contact.name) for contact in contacts.values()]
    while draft.queue and draft.pending is None:
        item, draft = draft.queue[0], replace(draft, queue=draft.queue[1:])
        try:
            name = clean_name(item.name)
        except InvalidName as problem:
            notes.append(f"“{_shorten(item.name)}”: {problem.message}")
            continue
        if len(draft.people) >= MAX_PEOPLE_PER_LOG:
            notes.append(f"One log holds up to {MAX_PEOPLE_PER_LOG} people; I kept the first ones.")
            draft = replace(draft, queue=())
            break
        result = match_contact(name, candidates)
        if result.kind == "exact" and result.single is not None:
            contact = contacts[result.single.contact_id]
            draft = _keep_adding(draft, DraftPerson(contact.name, contact.kind, contact.id))
        elif result.kind == "none":
            if draft.includes(name=name):
                continue
            if not await _room_for_new(context, user, draft):
                notes.append(TOO_MANY)
                continue
            if item.group:
                draft = _keep_adding(draft, DraftPerson(name, ConnectionType.COLLECTIVE))
            else:
                draft = replace(draft, pending=PendingName(name, "none"))
        else:
            ids = tuple(candidate.contact_id for candidate in result.candidates)
            match: PendingMatch = "suggest" if result.kind == "suggest" else "ambiguous"
            draft = replace(draft, pending=PendingName(name, match, ids, item.group))
    return draft, notes


def _keep_adding(draft: LogDraft, person: DraftPerson) -> LogDraft:
    """Add someone while more typed names may follow (the "adding" question stays settled)."""
    return draft.with_person(person)


def _picking_up(stored: StoredDraft, today: date) -> str:
    so_far = answers_so_far(stored.draft, today)
    return _join(
        f"Picking up your log{with_whom(stored.draft)}. Nothing is saved until the end.",
        f"So far: {so_far}." if so_far else "",
    )


def _dropped_note(stored: StoredDraft | None) -> str:
    if stored is None or not stored.draft.has_answers:
        return ""
    return f"(I dropped your unfinished log{with_whom(stored.draft)}; nothing from it was saved.)"


# ------------------------------------------------------------------------------ entry points


async def log_command(update: Update, context: TendContext) -> object:
    """/log, /log Sam, /log Sam call yesterday."""
    user = await _onboarded(update, context)
    if user is None:
        await _say(update, context, SETUP_FIRST)
        return END
    message = update.effective_message
    assert message is not None and message.text is not None
    args = message.text.partition(" ")[2].strip()
    stored = await _drafts(context).get(user.id)
    if not args:
        if stored is not None:
            return await _continue(update, context, user, stored)
        return await _start(update, context, user, LogDraft())
    draft, problem = await _draft_from_args(context, user, args)
    return await _start(update, context, user, draft, intro=_join(_dropped_note(stored), problem))


async def _continue(
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
        intro = _picking_up(stored, _today(context, user))
    start_over: Row = [("Start over", LogDrop(stored.id, True))]
    return await _show(
        update,
        context,
        user,
        stored.id,
        stored.draft,
        intro=intro,
        edit=edit,
        extra_rows=[start_over] if stored.draft.has_answers else (),
    )


async def _draft_from_args(context: TendContext, user: User, args: str) -> tuple[LogDraft, str]:
    """A draft from ``/log`` arguments, and the problem with the day if there was one."""
    contacts = await _contacts(context).all(user.id)
    today = _today(context, user)
    parsed = parse_log_args(args, today, [contact.name for contact in contacts])
    if parsed.rest and parsed.rest.split()[0].casefold() in ("and", "&", "+"):
        parsed = parse_log_args(args, today)  # "Sam and Alex ...": several people, not one
    names: tuple[str, ...] = ()
    if parsed.name:
        names = _split_unknown(parsed.name, [Candidate(c.id, c.name) for c in contacts])
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


def _split_unknown(text: str, candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """ "Sam and Alex" is two people unless someone is actually called that."""
    whole = text.strip()
    if match_contact(whole, candidates).kind != "none":
        return (whole,)
    parts = split_names(whole)
    return parts if len(parts) > 1 else (whole,)


async def start_button(update: Update, context: TendContext) -> object:
    """ "Log a connection" from a check-in or summary: like a bare /log."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    user = await _onboarded(update, context)
    if user is None:
        await _say(update, context, SETUP_FIRST)
        return END
    stored = await _drafts(context).get(user.id)
    if stored is not None:
        return await _continue(update, context, user, stored)
    return await _start(update, context, user, LogDraft())


async def resume_button(update: Update, context: TendContext) -> object:
    """ "Resume" / "Continue logging" under a notice."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _onboarded(update, context)
    stored = await _drafts(context).get(user.id) if user else None
    try:
        wanted = LogResume.unpack(query.data).draft
    except CallbackDataError:
        wanted = -1
    if user is None or stored is None or stored.id != wanted:
        await query.answer(OUT_OF_DATE)
        await _say(update, context, GONE, keyboard([[("Log a connection", StartLog())]]))
        return END
    await query.answer()
    return await _show(
        update,
        context,
        user,
        stored.id,
        stored.draft,
        intro=_picking_up(stored, _today(context, user)),
        edit=_message_of(update),
    )


async def drop_button(update: Update, context: TendContext) -> object:
    """ "Drop it" under a notice, or "Start over"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _onboarded(update, context)
    stored = await _drafts(context).get(user.id) if user else None
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
    await _drafts(context).delete(user.id, stored.id)
    forget(context)
    flows.leave(context)
    dropped = f"Dropped your log{with_whom(stored.draft)}. Nothing from it was saved."
    if choice.restart:
        return await _start(
            update,
            context,
            user,
            LogDraft(),
            intro=f"{dropped} Let's start again.",
            edit=_message_of(update),
        )
    await show(context, _chat_id(update), dropped, None, edit=_message_of(update))
    return END


async def log_it_button(update: Update, context: TendContext) -> object:
    """ "Log it" under a message that read like a log."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _onboarded(update, context)
    offers = context.user_data.get(_OFFERS, {}) if context.user_data is not None else {}
    try:
        intent = offers.pop(LogIt.unpack(query.data).offer, None)
    except CallbackDataError:
        intent = None
    if user is None or not isinstance(intent, LogIntent):
        await query.answer(OUT_OF_DATE)
        await _say(update, context, "That button is out of date. Tell me again, or send /log.")
        return END
    await query.answer()
    stored = await _drafts(context).get(user.id)
    draft = LogDraft(
        queue=tuple(QueuedName(name, group=name == intent.group) for name in intent.names),
        channel=intent.channel,
        day=intent.day,
        quick=True,
    )
    return await _start(
        update, context, user, draft, intro=_dropped_note(stored), edit=_message_of(update)
    )


async def log_with_button(update: Update, context: TendContext) -> object:
    """ "Log a connection with Sam" from /people: straight to "How?"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _onboarded(update, context)
    try:
        contact_id = LogWith.unpack(query.data).contact
    except CallbackDataError:
        contact_id = -1
    contact = await _contacts(context).get(user.id, contact_id) if user else None
    if user is None or contact is None:
        await query.answer(OUT_OF_DATE)
        await _say(update, context, "That button is out of date. /people shows everyone.")
        return END
    await query.answer()
    stored = await _drafts(context).get(user.id)
    draft = LogDraft(people=(DraftPerson(contact.name, contact.kind, contact.id),))
    return await _start(update, context, user, draft, intro=_dropped_note(stored))


async def cancel_command(update: Update, context: TendContext) -> object:
    """/cancel with a log open or on hold: drop it, and say nothing was saved."""
    tg_user = update.effective_user
    assert tg_user is not None
    stored = await _drafts(context).get(tg_user.id)
    forget(context)
    flows.leave(context)
    if stored is None:
        await _say(
            update, context, "There's nothing to cancel right now. /help lists what I can do."
        )
        return END
    await _drafts(context).delete(tg_user.id, stored.id)
    await _say(
        update,
        context,
        f"Okay, dropped your log{with_whom(stored.draft)}. Nothing from it was saved.",
    )
    return END


async def restored_text(update: Update, context: TendContext) -> object:
    """Text for an open log the conversation forgot (the bot restarted): answer it anyway."""
    tg_user = update.effective_user
    assert tg_user is not None
    stored = await _drafts(context).get(tg_user.id)
    step = next_step(stored.draft) if stored is not None else None
    handler = TEXT_HANDLERS.get(step) if step is not None else None
    if handler is None:
        forget(context)
        return END
    return await handler(update, context)


# ------------------------------------------------------------------------------ typed answers


async def _text_turn(update: Update, context: TendContext) -> Turn | Done:
    user = await _onboarded(update, context)
    if user is None:
        forget(context)
        await _say(update, context, SETUP_FIRST)
        return Done(END)
    stored = await _drafts(context).get(user.id)
    if stored is None or stored.status is not DraftStatus.OPEN:
        forget(context)
        flows.leave(context)
        await _say(update, context, GONE)
        return Done(END)
    return Turn(user, stored, _chat_id(update))


def _text(update: Update) -> str:
    message = update.effective_message
    assert message is not None and message.text is not None
    return message.text


async def _again(update: Update, context: TendContext, turn: Turn, problem: str) -> object:
    """The same question again after an answer that didn't fit; nothing answered is lost."""
    return await _show(update, context, turn.user, turn.stored.id, turn.draft, intro=problem)


async def who_text(update: Update, context: TendContext) -> object:
    """A typed name (or several, or "talked to mum yesterday")."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    return await _who_answer(update, context, turn, turn.draft, _text(update))


async def _who_answer(
    update: Update, context: TendContext, turn: Turn, draft: LogDraft, text: str
) -> object:
    draft = replace(draft, pending=None, naming=None)
    if draft.adding and draft.people and is_done(text):
        return await _show(update, context, turn.user, turn.stored.id, replace(draft, adding=False))
    intent = detect_log_intent(text, _today(context, turn.user))
    if intent is not None:
        queued = tuple(QueuedName(name, group=name == intent.group) for name in intent.names)
        draft = replace(
            draft,
            queue=draft.queue + queued,
            channel=draft.channel or intent.channel,
            day=draft.day or intent.day,
        )
        return await _show(update, context, turn.user, turn.stored.id, draft)
    contacts = await _contacts(context).all(turn.user.id)
    names = _split_unknown(text, [Candidate(contact.id, contact.name) for contact in contacts])
    for name in names:
        try:
            clean_name(name)
        except InvalidName as problem:
            return await _again(update, context, turn, problem.message)
    draft = replace(draft, queue=draft.queue + tuple(QueuedName(name) for name in names))
    return await _show(update, context, turn.user, turn.stored.id, draft)


async def confirm_text(update: Update, context: TendContext) -> object:
    """ "yes", "no", "2", or another name, after "Did you mean ...?" / "Which one?"."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    pending, text = turn.draft.pending, _text(update)
    if pending is None:
        return await _who_answer(update, context, turn, turn.draft, text)
    choice: int | None = None
    if pending.match == "suggest" and is_yes(text) and pending.candidates:
        choice = pending.candidates[0]
    elif pending.match == "ambiguous" and text.strip().isdigit():
        index = int(text.strip()) - 1
        if 0 <= index < len(pending.candidates):
            choice = pending.candidates[index]
    if choice is not None:
        draft = await _with_contact(context, turn, choice)
        if draft is None:
            return await _again(update, context, turn, "I can't find that one any more.")
        return await _show(update, context, turn.user, turn.stored.id, draft)
    if is_no(text):
        draft = replace(turn.draft, pending=None, queue=())
        return await _show(
            update, context, turn.user, turn.stored.id, draft, intro="Okay. Who was it, then?"
        )
    return await _who_answer(update, context, turn, turn.draft, text)


async def new_name_text(update: Update, context: TendContext) -> object:
    """The name of someone (or a group) new."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    try:
        name = clean_name(_text(update))
    except InvalidName as problem:
        return await _again(update, context, turn, problem.message)
    return await _new_contact(update, context, turn, name, group=turn.draft.naming == "group")


async def _new_contact(
    update: Update, context: TendContext, turn: Turn, name: str, *, group: bool
) -> object:
    """Someone new by name: the existing contact if the name is taken, else ask the kind."""
    draft = replace(turn.draft, naming=None, pending=None)
    existing = await _contacts(context).find_by_name(turn.user.id, name)
    if existing is not None:
        draft = draft.with_person(DraftPerson(existing.name, existing.kind, existing.id))
        intro = f"You already have {existing.name}, so I'll use them."
        return await _show(update, context, turn.user, turn.stored.id, draft, intro=intro)
    if draft.includes(name=name):
        return await _show(update, context, turn.user, turn.stored.id, replace(draft, adding=False))
    if not await _room_for_new(context, turn.user, draft):
        return await _show(update, context, turn.user, turn.stored.id, draft, intro=TOO_MANY)
    if group:
        draft = draft.with_person(DraftPerson(name, ConnectionType.COLLECTIVE))
    else:
        draft = replace(draft, pending=PendingName(name, "none"))
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def kind_text(update: Update, context: TendContext) -> object:
    """ "intimate", "2", "friend" for a new contact."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    kind = parse_kind(_text(update))
    if kind is None:
        return await _again(
            update,
            context,
            turn,
            "I didn't catch that. Tap one, or type intimate, relational or collective.",
        )
    return await _kind_chosen(update, context, turn, kind)


async def _kind_chosen(
    update: Update, context: TendContext, turn: Turn, kind: ConnectionType
) -> object:
    pending = turn.draft.pending
    if pending is None:
        return await _again(update, context, turn, "")
    draft = turn.draft.with_person(DraftPerson(pending.name, kind))
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def how_text(update: Update, context: TendContext) -> object:
    """ "call", "in person", "coffee", or "add another"."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = _text(update)
    if text.strip().casefold().startswith("add"):
        draft = replace(turn.draft, adding=True)
        return await _show(update, context, turn.user, turn.stored.id, draft)
    channel = parse_channel(text)
    if channel is None:
        return await _again(
            update,
            context,
            turn,
            "I didn't catch how. Tap one, or type in person, call, video or message.",
        )
    draft = replace(turn.draft, channel=channel, channel_defaulted=False)
    return await _show(update, context, turn.user, turn.stored.id, draft)


async def when_text(update: Update, context: TendContext) -> object:
    """ "yesterday", "20.11", "3 days ago", "last friday"."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    try:
        day = parse_day(_text(update), _today(context, turn.user))
    except InvalidDay as problem:
        return await _again(update, context, turn, problem.message)
    return await _show(update, context, turn.user, turn.stored.id, replace(turn.draft, day=day))


async def feeling_text(update: Update, context: TendContext) -> object:
    """ "4", "good", "🙂" or "skip"."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = _text(update)
    value = parse_feeling(text)
    if value is None and not is_skip(text):
        return await _again(
            update,
            context,
            turn,
            "I didn't catch that. Tap a face, type a number from 1 to 5, or skip.",
        )
    draft = replace(turn.draft, feeling=value, feeling_answered=True)
    return await _show(update, context, turn.user, turn.stored.id, draft)


async def note_text(update: Update, context: TendContext) -> object:
    """A short note, or "skip"."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = _text(update)
    try:
        note = None if is_skip(text) else clean_note(text) or None
    except NoteTooLong as problem:
        return await _again(
            update,
            context,
            turn,
            f"That note is {problem.length} characters; I keep up to {MAX_NOTE_LENGTH}. "
            "Shorten it, or tap Skip.",
        )
    draft = replace(turn.draft, note=note, note_answered=True)
    return await _show(update, context, turn.user, turn.stored.id, draft)


async def non_text(update: Update, context: TendContext) -> object:
    """A sticker, photo or voice note mid-log: ask again in words."""
    turn = await _text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    return await _again(update, context, turn, "I can only read typed words here.")


TEXT_HANDLERS: dict[LogStep, Callback] = {
    LogStep.WHO: who_text,
    LogStep.CONFIRM: confirm_text,
    LogStep.NEW_NAME: new_name_text,
    LogStep.KIND: kind_text,
    LogStep.HOW: how_text,
    LogStep.WHEN: when_text,
    LogStep.FEELING: feeling_text,
    LogStep.NOTE: note_text,
}


# ------------------------------------------------------------------------------ buttons


async def _button_turn(
    update: Update, context: TendContext, family: type[Family], steps: Sequence[LogStep]
) -> tuple[Turn, Family] | Done:
    """Check a question's button against the draft; the query is answered unless it fits."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if is_quiet(update, context):
        await query.answer()
        return Done(END)
    try:
        data = family.unpack(query.data)
    except CallbackDataError:
        return Done(await _out_of_date(update, context, None, None))
    user = await _onboarded(update, context)
    if user is None:
        await query.answer()
        await _say(update, context, SETUP_FIRST)
        return Done(END)
    stored = await _drafts(context).get(user.id)
    draft_id = getattr(data, "draft", None)
    if stored is None or stored.id != draft_id or next_step(stored.draft) not in steps:
        return Done(await _out_of_date(update, context, user, stored))
    return Turn(user, stored, _chat_id(update), _message_of(update)), data


async def _out_of_date(
    update: Update, context: TendContext, user: User | None, stored: StoredDraft | None
) -> object:
    """Answer an old or forged button, and offer a fresh menu; nothing else changes."""
    query = update.callback_query
    assert query is not None
    await query.answer(OUT_OF_DATE)
    if user is not None and stored is not None:
        if stored.status is DraftStatus.EXPIRED:
            text = expired_text(stored, answers_so_far(stored.draft, _today(context, user)))
            await _say(update, context, text, notice_keyboard(stored.id, "Resume"))
            return END
        return await _show(
            update,
            context,
            user,
            stored.id,
            stored.draft,
            intro="That button is out of date. Here's where we are:",
        )
    await _say(
        update,
        context,
        "That button is out of date. To log a connection, send /log.",
        keyboard([[("Log a connection", StartLog())]]),
    )
    return END


async def _with_contact(context: TendContext, turn: Turn, contact_id: int) -> LogDraft | None:
    """The draft with one of the user's own contacts added; None for anyone else's id."""
    contact = await _contacts(context).get(turn.user.id, contact_id)
    if contact is None:
        return None
    return turn.draft.with_person(DraftPerson(contact.name, contact.kind, contact.id))


async def pick_button(update: Update, context: TendContext) -> object:
    """A known contact tapped in "Who?" or "Which one?"."""
    checked = await _button_turn(update, context, LogPick, (LogStep.WHO, LogStep.CONFIRM))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    draft = await _with_contact(context, turn, data.contact)
    if draft is None:  # deleted meanwhile, or a forged id naming someone else's contact
        return await _out_of_date(update, context, turn.user, turn.stored)
    await _ack(update)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def new_button(update: Update, context: TendContext) -> object:
    """ "Someone new" / "A group or community"."""
    checked = await _button_turn(update, context, LogNew, (LogStep.WHO, LogStep.CONFIRM))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await _ack(update)
    if not await _room_for_new(context, turn.user, turn.draft):
        return await _show(
            update, context, turn.user, turn.stored.id, turn.draft, intro=TOO_MANY, edit=turn.edit
        )
    draft = replace(turn.draft, pending=None, naming="group" if data.group else "person")
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def add_typed_button(update: Update, context: TendContext) -> object:
    """ "Add “Alx” as new" after a near miss."""
    checked = await _button_turn(update, context, LogAddTyped, (LogStep.CONFIRM,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    pending = turn.draft.pending
    assert pending is not None
    return await _new_contact(update, context, turn, pending.name, group=pending.group)


async def back_button(update: Update, context: TendContext) -> object:
    """ "‹ Back" from a name decision: ask who again."""
    steps = (LogStep.CONFIRM, LogStep.NEW_NAME, LogStep.KIND)
    checked = await _button_turn(update, context, LogBack, steps)
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    draft = replace(turn.draft, pending=None, naming=None, queue=())
    if draft.people:
        draft = replace(draft, adding=True)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def kind_button(update: Update, context: TendContext) -> object:
    """The kind of a new contact."""
    checked = await _button_turn(update, context, LogKind, (LogStep.KIND,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await _ack(update)
    return await _kind_chosen(update, context, turn, data.kind)


async def more_button(update: Update, context: TendContext) -> object:
    """ "+ Add another person"."""
    checked = await _button_turn(update, context, LogMore, (LogStep.HOW, LogStep.WHEN))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    draft = replace(turn.draft, adding=True)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def everyone_button(update: Update, context: TendContext) -> object:
    """ "That's everyone"."""
    checked = await _button_turn(update, context, LogEveryone, (LogStep.WHO,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    draft = replace(turn.draft, adding=False)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def how_button(update: Update, context: TendContext) -> object:
    """In person, call, video or message."""
    checked = await _button_turn(update, context, LogHow, (LogStep.HOW,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await _ack(update)
    draft = replace(turn.draft, channel=data.channel, channel_defaulted=False)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def change_how_button(update: Update, context: TendContext) -> object:
    """ "Not in person?" after the group default."""
    checked = await _button_turn(update, context, LogChangeHow, (LogStep.WHEN,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    draft = replace(turn.draft, channel=None, channel_defaulted=False, channel_wanted=True)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def day_button(update: Update, context: TendContext) -> object:
    """ "Today" / "Yesterday"."""
    checked = await _button_turn(update, context, LogDay, (LogStep.WHEN,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    if data.days_back not in (0, 1):
        return await _out_of_date(update, context, turn.user, turn.stored)
    await _ack(update)
    day = _today(context, turn.user) - timedelta(days=data.days_back)
    draft = replace(turn.draft, day=day)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def feel_button(update: Update, context: TendContext) -> object:
    """A face on the scale, or "Skip"."""
    checked = await _button_turn(update, context, LogFeel, (LogStep.FEELING,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    if data.value is not None and not 1 <= data.value <= 5:
        return await _out_of_date(update, context, turn.user, turn.stored)
    await _ack(update)
    draft = replace(turn.draft, feeling=data.value, feeling_answered=True)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def skip_note_button(update: Update, context: TendContext) -> object:
    """No note: save."""
    checked = await _button_turn(update, context, LogSkipNote, (LogStep.NOTE,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await _ack(update)
    draft = replace(turn.draft, note=None, note_answered=True)
    return await _show(update, context, turn.user, turn.stored.id, draft, edit=turn.edit)


async def _ack(update: Update) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()


STEP_BUTTON_HANDLERS: tuple[tuple[type[CallbackData], Callback], ...] = (
    (LogPick, pick_button),
    (LogNew, new_button),
    (LogAddTyped, add_typed_button),
    (LogBack, back_button),
    (LogKind, kind_button),
    (LogMore, more_button),
    (LogEveryone, everyone_button),
    (LogHow, how_button),
    (LogChangeHow, change_how_button),
    (LogDay, day_button),
    (LogFeel, feel_button),
    (LogSkipNote, skip_note_button),
)


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
    stored = await _drafts(context).get(user.id)
    intent = detect_log_intent(message.text, _today(context, user))
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
    if stored is not None and stored.draft.has_answers:
        await message.reply_text(
            f"Your log{with_whom(stored.draft)} is on hold — /log to continue.",
            reply_markup=notice_keyboard(stored.id, "Continue logging"),
        )
        return True
    return False


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
