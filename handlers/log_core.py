"""The heart of /log: store each answer, derive the next question, save in one transaction.

Every handler of the conversation goes through :func:`show_next`: it writes the answers to the
user's draft in SQLite *before* the next question goes out, then asks whatever the draft still
lacks (:func:`bot.domain.log_draft.advance`), or saves when nothing is left. A restart, a long
pause or a command in between therefore loses nothing (see :mod:`handlers.log_guard`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ConversationHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendContext
from bot.domain.days import day_to_instant, today_in
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
    advance,
    answers_so_far,
    next_step,
    with_whom,
)
from bot.domain.log_input import split_names
from bot.domain.matching import Candidate, match_contact
from bot.domain.names import InvalidName, clean_name
from bot.domain.text import shorten
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_guard import (
    HAS_DRAFT,
    LIVE,
    claim_text,
    expired_text,
    forget,
    is_quiet,
    notice_keyboard,
)
from handlers.log_questions import Row, build_question, resume_hint, show
from handlers.shared_callbacks import StartLog
from storage.contacts import MAX_CONTACTS, ContactRepository
from storage.interactions import InteractionRepository, MomentToSave, SaveProblem
from storage.log_drafts import DraftRepository, StoredDraft
from storage.users import User

END = ConversationHandler.END

HISTORY_WINDOW = timedelta(days=400)
"""History read for the context line: a year back, plus the weeks around its edge."""


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


def draft_repo(context: TendContext) -> DraftRepository:
    """The user's unfinished logs."""
    return DraftRepository(context.services.db)


def contact_repo(context: TendContext) -> ContactRepository:
    """The user's people and groups."""
    return ContactRepository(context.services.db)


def interaction_repo(context: TendContext) -> InteractionRepository:
    """The user's logged connections."""
    return InteractionRepository(context.services.db)


def today_of(context: TendContext, user: User) -> date:
    """The user's local date now."""
    return today_in(user.zone, context.services.clock.now())


def chat_id_of(update: Update) -> int:
    """The private chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def say(
    update: Update, context: TendContext, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """A new message in the update's chat."""
    await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)


async def onboarded_user(update: Update, context: TendContext) -> User | None:
    """The sender, if they finished /start (a log needs their time zone)."""
    tg_user = update.effective_user
    assert tg_user is not None
    user = await context.services.users.get(tg_user.id)
    return user if user is not None and user.onboarded else None


def join_lines(*parts: str) -> str:
    """The non-empty parts, one per line."""
    return "\n".join(part for part in parts if part)


def message_of(update: Update) -> Message | None:
    """The message a button was pressed on (edited in place), if any."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message
    return None


# ------------------------------------------------------------------------------ core


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
) -> object:
    """Store the answers, then ask the next question, or save when nothing is left to ask."""
    draft, notes = await resolve_queue(context, user, draft)
    intro = join_lines(intro, *notes)
    draft, step = advance(draft)
    if step is None:
        return await save_log(update, context, user, draft_id, draft, intro=intro, edit=edit)
    stored = await draft_repo(context).save(user.id, draft_id, draft, context.services.clock.now())
    if stored is None:
        forget(context)
        flows.leave(context)
        await say(update, context, GONE)
        return END
    question = await build_question(
        context, user.id, stored, step, intro=intro, extra_rows=extra_rows
    )
    await show(context, chat_id_of(update), question.text, question.markup, edit=edit)
    claim_text(context)
    if context.user_data is not None:
        context.user_data[LIVE] = True
        context.user_data[HAS_DRAFT] = True
    flows.enter(context, resume_hint(draft, step))
    return step


async def carry_on(
    update: Update,
    context: TendContext,
    turn: Turn,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
) -> object:
    """:func:`show_next` for the draft of this turn."""
    return await show_next(
        update, context, turn.user, turn.stored.id, draft, intro=intro, edit=edit
    )


async def start_log(
    update: Update,
    context: TendContext,
    user: User,
    draft: LogDraft,
    *,
    intro: str = "",
    edit: Message | None = None,
) -> object:
    """A new log (replacing any unfinished one: callers say so in ``intro``)."""
    stored = await draft_repo(context).start(user.id, draft, context.services.clock.now())
    return await show_next(update, context, user, stored.id, draft, intro=intro, edit=edit)


async def save_log(
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
        return await show_next(
            update,
            context,
            user,
            draft_id,
            replace(draft, day=None),
            intro=join_lines(intro, "That day hasn't happened yet where you are now."),
        )
    day_only = draft.day != today_in(user.zone, now)  # "today" keeps the real time
    moment = MomentToSave(
        draft.people, draft.channel, occurred_at, draft.feeling, draft.note, day_only
    )
    saved = await interaction_repo(context).save_moment(user.id, moment, now, draft_id=draft_id)
    if saved is SaveProblem.NOBODY_LEFT:
        return await show_next(
            update,
            context,
            user,
            draft_id,
            replace(draft, people=(), adding=False),
            intro=join_lines(intro, "Everyone in this log was deleted in the meantime."),
        )
    if saved is SaveProblem.TOO_MANY_CONTACTS:
        known = tuple(person for person in draft.people if person.contact_id is not None)
        return await show_next(
            update,
            context,
            user,
            draft_id,
            replace(draft, people=known, adding=False),
            intro=join_lines(intro, TOO_MANY),
        )
    assert not isinstance(saved, SaveProblem)
    history = await interaction_repo(context).history(
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
    await show(context, chat_id_of(update), join_lines(intro, text), None, edit=edit)
    return END


async def room_for_new(context: TendContext, user: User, draft: LogDraft) -> bool:
    """Whether one more new contact fits under the limit (new ones in this log included)."""
    pending_new = sum(1 for person in draft.people if person.contact_id is None)
    return await contact_repo(context).count(user.id) + pending_new < MAX_CONTACTS


async def resolve_queue(
    context: TendContext, user: User, draft: LogDraft
) -> tuple[LogDraft, list[str]]:
    """Turn typed names into people until one needs a decision (which one? what kind?)."""
    notes: list[str] = []
    if not draft.queue or draft.pending is not None or draft.naming is not None:
        return draft, notes
    contacts = {contact.id: contact for contact in await contact_repo(context).all(user.id)}
    candidates = [Candidate(contact.id, contact.name) for contact in contacts.values()]
    while draft.queue and draft.pending is None:
        item, draft = draft.queue[0], replace(draft, queue=draft.queue[1:])
        try:
            name = clean_name(item.name)
        except InvalidName as problem:
            notes.append(f"“{shorten(item.name)}”: {problem.message}")
            continue
        if len(draft.people) >= MAX_PEOPLE_PER_LOG:
            notes.append(f"One log holds up to {MAX_PEOPLE_PER_LOG} people; I kept the first ones.")
            draft = replace(draft, queue=())
            break
        result = match_contact(name, candidates)
        if result.kind == "exact" and result.single is not None:
            contact = contacts[result.single.contact_id]
            draft = draft.with_person(DraftPerson(contact.name, contact.kind, contact.id))
        elif result.kind == "none":
            if draft.includes(name=name):
                continue
            if not await room_for_new(context, user, draft):
                notes.append(TOO_MANY)
                continue
            if item.group:
                draft = draft.with_person(DraftPerson(name, ConnectionType.COLLECTIVE))
            else:
                draft = replace(draft, pending=PendingName(name, "none"))
        else:
            ids = tuple(candidate.contact_id for candidate in result.candidates)
            match: PendingMatch = "suggest" if result.kind == "suggest" else "ambiguous"
            draft = replace(draft, pending=PendingName(name, match, ids, item.group))
    return draft, notes


def picking_up(stored: StoredDraft, today: date) -> str:
    """The line before a resumed question, with what was already answered."""
    so_far = answers_so_far(stored.draft, today)
    return join_lines(
        f"Picking up your log{with_whom(stored.draft)}. Nothing is saved until the end.",
        f"So far: {so_far}." if so_far else "",
    )


def dropped_note(stored: StoredDraft | None) -> str:
    """Said when a new log replaces an unfinished one (never silently)."""
    if stored is None or not stored.draft.has_answers:
        return ""
    return f"(I dropped your unfinished log{with_whom(stored.draft)}; nothing from it was saved.)"


def split_unknown(text: str, candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """Names typed: "Sam and Alex" is two people unless someone is actually called that."""
    whole = text.strip()
    if match_contact(whole, candidates).kind != "none":
        return (whole,)
    parts = split_names(whole)
    return parts if len(parts) > 1 else (whole,)


async def text_turn(update: Update, context: TendContext) -> Turn | Done:
    """The user and their open draft for a typed answer, or Done after saying why not."""
    user = await onboarded_user(update, context)
    if user is None:
        forget(context)
        await say(update, context, SETUP_FIRST)
        return Done(END)
    stored = await draft_repo(context).get(user.id)
    if stored is None or stored.status is not DraftStatus.OPEN:
        forget(context)
        flows.leave(context)
        await say(update, context, GONE)
        return Done(END)
    return Turn(user, stored, chat_id_of(update))


def text_of(update: Update) -> str:
    """The typed answer."""
    message = update.effective_message
    assert message is not None and message.text is not None
    return message.text


async def ask_again(update: Update, context: TendContext, turn: Turn, problem: str) -> object:
    """The same question again after an answer that didn't fit; nothing answered is lost."""
    return await carry_on(update, context, turn, turn.draft, intro=problem)


async def button_turn(
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
        return Done(await out_of_date(update, context, None, None))
    user = await onboarded_user(update, context)
    if user is None:
        await query.answer()
        await say(update, context, SETUP_FIRST)
        return Done(END)
    stored = await draft_repo(context).get(user.id)
    draft_id = getattr(data, "draft", None)
    if stored is None or stored.id != draft_id or next_step(stored.draft) not in steps:
        return Done(await out_of_date(update, context, user, stored))
    return Turn(user, stored, chat_id_of(update), message_of(update)), data


async def out_of_date(
    update: Update, context: TendContext, user: User | None, stored: StoredDraft | None
) -> object:
    """Answer an old or forged button, and offer a fresh menu; nothing else changes."""
    query = update.callback_query
    assert query is not None
    await query.answer(OUT_OF_DATE)
    if user is not None and stored is not None:
        if stored.status is DraftStatus.EXPIRED:
            text = expired_text(stored, answers_so_far(stored.draft, today_of(context, user)))
            await say(update, context, text, notice_keyboard(stored.id, "Resume"))
            return END
        return await show_next(
            update,
            context,
            user,
            stored.id,
            stored.draft,
            intro="That button is out of date. Here's where we are:",
        )
    await say(
        update,
        context,
        "That button is out of date. To log a connection, send /log.",
        keyboard([[("Log a connection", StartLog())]]),
    )
    return END


async def with_contact(context: TendContext, turn: Turn, contact_id: int) -> LogDraft | None:
    """The draft with one of the user's own contacts added; None for anyone else's id."""
    contact = await contact_repo(context).get(turn.user.id, contact_id)
    if contact is None:
        return None
    return turn.draft.with_person(DraftPerson(contact.name, contact.kind, contact.id))


async def ack(update: Update) -> None:
    """Answer the button press (once the button was found to fit)."""
    query = update.callback_query
    assert query is not None
    await query.answer()
