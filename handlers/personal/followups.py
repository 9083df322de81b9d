"""Follow-ups from what the user wrote: a dated note is remembered at once; a note without a
day gets *Remind me to follow up* (tomorrow, in 3 days, next week, or a typed day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from telegram import Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.days import today_in
from bot.domain.event_dates import InvalidFutureDay, find_event
from bot.domain.followups import (
    PICK_PROMPT,
    REMIND_PROMPT,
    ReminderChoice,
    from_event,
    from_reminder,
    picked_due,
    reminder_due,
    reminder_saved,
)
from bot.domain.personal_flows import FollowupPick, FollowupPickStep, noted_followup
from handlers import conversations, replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard
from storage.interactions import Moment
from storage.users import User

POINTER = "Log it again with /log if you'd like a reminder."
Rows = list[list[tuple[str, CallbackData]]]


@dataclass(frozen=True)
class RemindMe(CallbackData, prefix="fur"):
    """*Remind me to follow up* under "Saved": shows the day choices."""

    interaction: int
    contact: int


@dataclass(frozen=True)
class ReminderChosen(CallbackData, prefix="fuc"):
    """One of the day choices (or *Pick a date*)."""

    choice: ReminderChoice
    interaction: int
    contact: int


async def after_note_saved(
    context: TendContext, user: User, saved: Moment, local_day: date
) -> tuple[str | None, Rows]:
    """What "Saved" adds about follow-ups: a sentence, or the *Remind me* button.

    The note's event is read on the interaction's local day ("interview on Friday" in a note
    about Tuesday means that Friday); with several people it stays with the first named.
    """
    if not saved.note or not saved.people:
        return None, []
    first = saved.people[0]
    mention = find_event(saved.note, local_day)
    if mention is None:
        return None, [[(REMIND_PROMPT, RemindMe(saved.moment_id, first.contact_id))]]
    new = from_event(first.contact_id, mention, interaction_id=saved.moment_id)
    now = context.services.clock.now()
    if await context.services.followups.add(user.id, new, now) is None:
        return None, []
    today = today_in(user.zone, now)
    return noted_followup(first.name, new.due, today, others=len(saved.people) - 1), []


async def remind_me_pressed(update: Update, context: TendContext, data: RemindMe) -> None:
    """The day choices, in place of the button."""
    user = update.effective_user
    assert user is not None
    if await context.services.contacts.get(user.id, data.contact) is None:
        raise StaleButton(POINTER)
    rows: Rows = [
        [(choice.label, ReminderChosen(choice, data.interaction, data.contact))]
        for choice in ReminderChoice
    ]
    query = update.callback_query
    assert query is not None
    await replies.edit_buttons(query, keyboard(rows))


async def reminder_chosen(update: Update, context: TendContext, data: ReminderChosen) -> None:
    """A day chosen: saved at once; *Pick a date* asks for a typed day."""
    user = update.effective_user
    assert user is not None
    services = context.services
    stored = await services.users.get(user.id)
    contact = await services.contacts.get(user.id, data.contact)
    if stored is None or contact is None:
        raise StaleButton(POINTER)
    query = update.callback_query
    assert query is not None
    if data.choice is ReminderChoice.PICK:
        state = FollowupPick(FollowupPickStep.DAY, data.contact, data.interaction)
        await conversations.save(context, user.id, state)
        await replies.edit_buttons(query, None)
        await replies.send(update, context, PICK_PROMPT)
        return
    now = services.clock.now()
    today = today_in(stored.zone, now)
    due = reminder_due(data.choice, today)
    new = from_reminder(data.contact, due, interaction_id=data.interaction)
    if await services.followups.add(user.id, new, now) is None:
        raise StaleButton(POINTER)
    await replies.edit_buttons(query, None)
    await replies.send(update, context, reminder_saved(contact.name, due, today))


async def day_typed(update: Update, context: TendContext, state: FollowupPick) -> None:
    """The typed day for *Pick a date*; a day that can't be read is asked again."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    services = context.services
    stored = await services.users.get(user.id)
    contact = await services.contacts.get(user.id, state.contact_id)
    if stored is None or contact is None:
        await conversations.close(context, user.id, FollowupPick.name)
        await replies.send(update, context, f"That person isn't in your list any more. {POINTER}")
        return
    now = services.clock.now()
    today = today_in(stored.zone, now)
    try:
        due = picked_due(message.text, today)
    except InvalidFutureDay as problem:
        await replies.send(update, context, problem.message)
        return
    new = from_reminder(state.contact_id, due, interaction_id=state.interaction_id)
    await conversations.close(context, user.id, FollowupPick.name)
    if await services.followups.add(user.id, new, now) is None:
        await replies.send(update, context, f"That note is gone. {POINTER}")
        return
    await replies.send(update, context, reminder_saved(contact.name, due, today))


async def pick_cancelled(update: Update, context: TendContext, state: FollowupPick) -> None:
    """/cancel while a day is asked (the row is closed already)."""
    await replies.send(update, context, "No reminder then. The note is saved.")
