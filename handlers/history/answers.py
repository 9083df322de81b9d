"""Typed answers about one log (its day, its note, a person to add), and /cancel.

While the list is merely open, typed text is not for /history: it takes the usual stray
path (a "Log it?" offer), so an open list never swallows a message.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain import history_texts as texts
from bot.domain.days import InvalidDay, parse_day, today_in
from bot.domain.history_buttons import HistAdd, pick_rows
from bot.domain.history_view import HistoryStep, HistoryView
from bot.domain.matching import Candidate, match_contact
from bot.domain.moment_edits import (
    AddPerson,
    EditProblem,
    MomentEdit,
    SetDay,
    SetNote,
    normalise_note,
    problem_message,
)
from bot.domain.names import InvalidName
from handlers import fallback, log, replies
from handlers.buttons import StaleButton
from handlers.conversations import save
from handlers.history.edits import applied, close_question
from handlers.history.screens import Screen, known_user, onboarded, owned_moment, put
from handlers.keyboards import keyboard
from storage.contact_imports import NewContact
from storage.interactions import Moment
from storage.users import User

GONE = "That log isn't there any more, so I changed nothing. /history shows what is."


async def answer_text(update: Update, context: TendContext, view: HistoryView) -> None:
    message = update.effective_message
    assert message is not None
    user = await onboarded(update, context)
    if view.step is HistoryStep.BROWSING or view.moment_id is None or user is None:
        await fallback.stray_message(update, context)
        return
    text = (message.text or "").strip()
    moment_id = view.moment_id
    edit: MomentEdit
    if view.step is HistoryStep.DAY:
        try:
            day = parse_day(text, today_in(user.zone, context.services.clock.now()))
        except InvalidDay as problem:
            await replies.send(update, context, f"{problem.message}\n\n{texts.ASK_DAY}")
            return
        edit = SetDay(day)
    elif view.step is HistoryStep.NOTE:
        if isinstance(refused := normalise_note(text), EditProblem):
            await replies.send(update, context, problem_message(refused))  # still asking
            return
        edit = SetNote(text)
    else:
        found = await person_to_add(update, context, user, view, text)
        if found is None:
            return
        edit = AddPerson(found)
    await save(context, user.id, view.browsing())
    await send_screen(update, context, await typed_edit(context, user, moment_id, edit))


async def typed_edit(
    context: TendContext, user: User, moment_id: int, edit: MomentEdit
) -> Screen | str:
    try:
        return await applied(context, user, moment_id, edit)
    except StaleButton:
        return GONE


async def send_screen(update: Update, context: TendContext, screen: Screen | str) -> None:
    if isinstance(screen, str):
        await replies.send(update, context, screen)
    else:
        await replies.send(update, context, *screen)


async def person_to_add(
    update: Update, context: TendContext, user: User, view: HistoryView, typed: str
) -> int | None:
    """The contact a typed name means: one match, or a new person; several: ask which."""
    assert view.moment_id is not None
    contacts = context.services.contacts
    everyone = await contacts.all(user.id)
    found = match_contact(typed, [Candidate(c.id, c.name) for c in everyone])
    if found.single is not None:
        return found.single.contact_id
    if found.candidates:
        people = [(c.contact_id, c.name) for c in found.candidates[:5]]
        markup = keyboard(pick_rows(view.moment_id, people))
        await replies.send(update, context, texts.which_one(typed), markup)
        return None
    moment = await owned_moment_or_none(context, user, view.moment_id)
    if moment is None:
        await save(context, user.id, view.browsing())
        await replies.send(update, context, GONE)
        return None
    kind = moment.people[0].kind
    try:
        added = await context.services.contact_importer.add(
            user.id, [NewContact(typed, kind)], context.services.clock.now()
        )
    except InvalidName as problem:
        await replies.send(update, context, problem.message)
        return None
    if added.added:
        await replies.send(update, context, texts.added_new(added.added[0].name, kind))
        return added.added[0].id
    existing = await contacts.find_by_name(user.id, typed)
    if existing is not None:
        return existing.id
    await replies.send(update, context, "Your list is full (500 people), so I couldn't add them.")
    return None


async def owned_moment_or_none(context: TendContext, user: User, moment_id: int) -> Moment | None:
    try:
        return await owned_moment(context, user, moment_id)
    except StaleButton:
        return None


async def add_button(update: Update, context: TendContext, data: HistAdd) -> None:
    """One of several people a typed name matched."""
    user = await known_user(update, context)
    await close_question(context, user)
    await put(update, context, await applied(context, user, data.moment, AddPerson(data.contact)))


async def cancel(update: Update, context: TendContext, view: HistoryView) -> None:
    """/cancel: a question about a log is dropped; an open list is not a conversation the
    user sees, so /cancel answers as if nothing were open (a log on hold can still go)."""
    if view.step is HistoryStep.BROWSING:
        await log.cancel_held(update, context)
        return
    await replies.send(update, context, texts.CANCELLED)


async def interrupted(update: Update, context: TendContext, view: HistoryView) -> None:
    """Another command: drop the typed question quietly, keep the list for its buttons."""
    user = update.effective_user
    assert user is not None
    if view.step is not HistoryStep.BROWSING:
        await save(context, user.id, view.browsing())
