"""Dates and follow-ups on /people: the card lists them (a follow-up can be dropped there),
*Add a date* asks kind → label (named dates) → day, and the list shows what is coming up."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.days import today_in
from bot.domain.followups import card_line as followup_line
from bot.domain.important_dates import (
    ASK_KIND,
    MAX_LABEL_LENGTH,
    DateKind,
    InvalidDate,
    card_line,
    clean_label,
    coming_up,
    date_saved,
    parse_day_of_year,
)
from bot.domain.personal_flows import DateAdd, DateAddStep, first_step
from handlers import conversations, replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard
from storage.users import User

POINTER = "/people shows everyone."
COMING_UP_DAYS = 30
COMING_UP_SHOWN = 5
Rows = list[list[tuple[str, CallbackData]]]


@dataclass(frozen=True)
class AddDate(CallbackData, prefix="pdn"):
    """*Add a date* on a person's card."""

    contact: int


@dataclass(frozen=True)
class DateKindChosen(CallbackData, prefix="pdk"):
    """Birthday, anniversary or another date."""

    contact: int
    kind: DateKind


@dataclass(frozen=True)
class DropFollowup(CallbackData, prefix="pdf"):
    """Drop one follow-up from the person's card."""

    followup: int
    contact: int


async def card_block(context: TendContext, user: User, contact_id: int) -> tuple[str, Rows]:
    """What a person's card adds: their dates and follow-ups, and the buttons for them."""
    services = context.services
    today = today_in(user.zone, services.clock.now())
    dates = await services.important_dates.for_contact(user.id, contact_id)
    followups = await services.followups.for_contact(user.id, contact_id)
    parts: list[str] = []
    if dates:
        parts.append("Dates:\n" + "\n".join(f"• {card_line(d, today)}" for d in dates))
    if followups:
        lines = "\n".join(f"• {followup_line(f, today)}" for f in followups)
        parts.append("Follow-ups:\n" + lines)
    rows: Rows = [[("📅 Add a date", AddDate(contact_id))]]
    rows += [
        [(f"Drop: {(f.phrase or 'follow up')[:24]}", DropFollowup(f.id, contact_id))]
        for f in followups
    ]
    return "\n\n".join(parts), rows


async def coming_up_block(context: TendContext, user: User) -> str:
    """The /people list's "Coming up" lines (the next 30 days), or ""."""
    services = context.services
    today = today_in(user.zone, services.clock.now())
    lines = coming_up(await services.important_dates.for_user(user.id), today, COMING_UP_DAYS)
    if not lines:
        return ""
    return "Coming up:\n" + "\n".join(f"• {line}" for line in lines[:COMING_UP_SHOWN])


async def add_date_pressed(update: Update, context: TendContext, data: AddDate) -> None:
    """Ask which kind of date."""
    user = update.effective_user
    assert user is not None
    contact = await context.services.contacts.get(user.id, data.contact)
    if contact is None:
        raise StaleButton(POINTER)
    rows: Rows = [[(kind.label, DateKindChosen(contact.id, kind))] for kind in DateKind]
    await replies.send(update, context, f"{ASK_KIND} ({contact.name})", keyboard(rows))


async def date_kind_chosen(update: Update, context: TendContext, data: DateKindChosen) -> None:
    """Kind chosen: ask the label (named dates) or the day."""
    user = update.effective_user
    assert user is not None
    contact = await context.services.contacts.get(user.id, data.contact)
    if contact is None:
        raise StaleButton(POINTER)
    state = first_step(contact.id, data.kind)
    await conversations.save(context, user.id, state)
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and chat is not None
    pressed = query.message if isinstance(query.message, Message) else None
    await replies.show(context, chat.id, state.question, None, edit=pressed)


async def date_text(update: Update, context: TendContext, state: DateAdd) -> None:
    """The label, then the day; a day that can't be read is asked again, nothing lost."""
    message, sender = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and sender is not None
    services = context.services
    if state.step is DateAddStep.LABEL:
        label = clean_label(message.text)
        if label is None:
            await replies.send(
                update, context, f"A few words, please (up to {MAX_LABEL_LENGTH} characters)."
            )
            return
        following = DateAdd(DateAddStep.DAY, state.contact_id, state.kind, label)
        await conversations.save(context, sender.id, following)
        await replies.send(update, context, following.question)
        return
    user = await services.users.get(sender.id)
    assert user is not None
    now = services.clock.now()
    today = today_in(user.zone, now)
    try:
        when = parse_day_of_year(message.text, today)
    except InvalidDate as problem:
        await replies.send(update, context, problem.message)
        return
    repository = services.important_dates
    date_id = await repository.add(
        user.id, state.contact_id, state.kind, when, now, label=state.label
    )
    await conversations.close(context, user.id, DateAdd.name)
    saved = await repository.get(user.id, date_id) if date_id is not None else None
    if saved is None:
        await replies.send(update, context, f"That person isn't in your list any more. {POINTER}")
        return
    await replies.send(update, context, date_saved(saved, today))


async def date_cancelled(update: Update, context: TendContext, state: DateAdd) -> None:
    """/cancel while adding a date (the row is closed already)."""
    await replies.send(update, context, "No date added.")


async def drop_followup_pressed(
    update: Update, context: TendContext, data: DropFollowup
) -> str | None:
    """Drop it (only the presser's own, still pending), then show the card again."""
    from handlers.people.screens import card_screen, put  # the card is /people's; no cycle

    user = update.effective_user
    assert user is not None
    services = context.services
    stored = await services.users.get(user.id)
    contact = await services.contacts.get(user.id, data.contact)
    dropped = await services.followups.drop(user.id, data.followup, services.clock.now())
    if stored is None or contact is None or not dropped:
        raise StaleButton(POINTER)
    await put(update, context, await card_screen(context, stored, contact, 0))
    return "Dropped"
