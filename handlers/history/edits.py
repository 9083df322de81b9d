"""Changing one past log: each change is saved at once and said back (``describe_change``).

Everything that depends on a log (quiet kinds, overdue, /summary, the next check-in, a
suggestion's acted-on credit) is computed from ``interactions`` when read, so saving the
edit is all there is to do.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain import history_texts as texts
from bot.domain.days import today_in
from bot.domain.history_buttons import (
    Field,
    HistChannel,
    HistDelete,
    HistFeel,
    HistField,
    HistNoteOff,
    HistRemove,
    HistSetKind,
    Row,
    back_to_log,
    channel_rows,
    delete_rows,
    feeling_rows,
    kind_rows,
    note_rows,
    who_rows,
)
from bot.domain.history_view import HistoryStep, HistoryView
from bot.domain.moment_edits import (
    EditProblem,
    MomentEdit,
    RemovePerson,
    SetChannel,
    SetFeeling,
    SetNote,
    describe_change,
    problem_message,
)
from handlers.buttons import StaleButton
from handlers.conversations import save
from handlers.history.screens import (
    Screen,
    editor,
    known_user,
    line,
    log_screen,
    owned_moment,
    put,
    serial_now,
    show_view,
    stored_view,
)
from handlers.keyboards import keyboard
from storage.users import User


async def applied(context: TendContext, user: User, moment_id: int, edit: MomentEdit) -> Screen:
    """Save one change and show the log with what changed; a gone log is out of date."""
    now = context.services.clock.now()
    outcome = await editor(context).edit(user.id, moment_id, edit, now=now, zone=user.zone)
    if outcome is EditProblem.GONE:
        raise StaleButton(texts.FRESH)
    if isinstance(outcome, EditProblem):
        moment = await owned_moment(context, user, moment_id)
        return log_screen(context, user, moment, problem_message(outcome))
    said = describe_change(outcome.change, today_in(user.zone, now))
    return log_screen(context, user, outcome.after, said)


async def ask(
    update: Update,
    context: TendContext,
    user: User,
    step: HistoryStep,
    moment_id: int,
    question: str,
    rows: list[Row],
) -> None:
    """Store the typed question (in the open view's row) before asking it."""
    view = await stored_view(context, user.id)
    if view is None:
        view = HistoryView().filtered(
            serial_now(context), kind=None, contact_id=None, contact_name=None, search=None
        )
    await save(context, user.id, view.asking(step, moment_id))
    await put(update, context, (question, keyboard(rows)))


async def field_button(update: Update, context: TendContext, data: HistField) -> None:
    user = await known_user(update, context)
    moment = await owned_moment(context, user, data.moment)
    mid = moment.moment_id
    summary = line(context, user, moment)
    match data.field:
        case Field.WHO:
            people = [(p.contact_id, p.name) for p in moment.people]
            question = texts.who_question([name for _, name in people])
            rows = who_rows(mid, people)
            await ask(update, context, user, HistoryStep.PERSON, mid, question, rows)
            return
        case Field.WHEN:
            question = f"{summary}\n\n{texts.ASK_DAY}"
            rows = [back_to_log(mid)]
            await ask(update, context, user, HistoryStep.DAY, mid, question, rows)
            return
        case Field.NOTE:
            question = f"{summary}\n\n{texts.ASK_NOTE}"
            rows = note_rows(mid, moment.note is not None)
            await ask(update, context, user, HistoryStep.NOTE, mid, question, rows)
            return
        case Field.KIND:
            people_kinds = [(p.contact_id, p.name, p.kind) for p in moment.people]
            screen = (f"{summary}\n\nWhich kind?", kind_rows(mid, people_kinds))
        case Field.HOW:
            screen = (f"{summary}\n\nHow did you connect?", channel_rows(mid, moment.channel))
        case Field.FEELING:
            screen = (f"{summary}\n\nHow did it feel?", feeling_rows(mid, moment.feeling))
        case Field.DELETE:
            screen = (texts.delete_question(summary), delete_rows(mid))
    await put(update, context, (screen[0], keyboard(screen[1])))


async def channel_button(update: Update, context: TendContext, data: HistChannel) -> None:
    user = await known_user(update, context)
    await put(update, context, await applied(context, user, data.moment, SetChannel(data.channel)))


async def feeling_button(update: Update, context: TendContext, data: HistFeel) -> None:
    user = await known_user(update, context)
    await put(update, context, await applied(context, user, data.moment, SetFeeling(data.feeling)))


async def note_off_button(update: Update, context: TendContext, data: HistNoteOff) -> None:
    user = await known_user(update, context)
    await close_question(context, user)
    await put(update, context, await applied(context, user, data.moment, SetNote(None)))


async def remove_button(update: Update, context: TendContext, data: HistRemove) -> None:
    user = await known_user(update, context)
    await close_question(context, user)
    edit = RemovePerson(data.contact)
    await put(update, context, await applied(context, user, data.moment, edit))


async def kind_button(update: Update, context: TendContext, data: HistSetKind) -> None:
    """A person's kind belongs to the contact: it changes for every log with them."""
    user = await known_user(update, context)
    moment = await owned_moment(context, user, data.moment)
    person = next((p for p in moment.people if p.contact_id == data.contact), None)
    if person is None:
        raise StaleButton(texts.FRESH)
    if person.kind is data.kind:
        said = f"{person.name} is already {data.kind.label.lower()}."
    else:
        contacts = context.services.contacts
        if not await contacts.set_kind(user.id, person.contact_id, data.kind):
            raise StaleButton(texts.FRESH)
        said = texts.kind_changed(person.name, data.kind)
    moment = await owned_moment(context, user, data.moment)
    await put(update, context, log_screen(context, user, moment, said))


async def delete_button(update: Update, context: TendContext, data: HistDelete) -> None:
    user = await known_user(update, context)
    if not data.sure:
        moment = await owned_moment(context, user, data.moment)
        await put(update, context, log_screen(context, user, moment, "Kept it."))
        return
    gone = await editor(context).delete(user.id, data.moment)
    if gone is None:
        raise StaleButton(texts.FRESH)
    view = await stored_view(context, user.id)
    if view is None:
        view = HistoryView().filtered(
            serial_now(context), kind=None, contact_id=None, contact_name=None, search=None
        )
    said = texts.deleted(line(context, user, gone))
    await show_view(update, context, user, view.browsing(), said)


async def close_question(context: TendContext, user: User) -> None:
    """A button answered instead of typing: the typed question is no longer open."""
    view = await stored_view(context, user.id)
    if view is not None and view.step is not HistoryStep.BROWSING:
        await save(context, user.id, view.browsing())
