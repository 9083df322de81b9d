"""Answers to the /log questions, typed or tapped; each ends in :func:`show_next`.

A tapped button is first checked against the stored draft (:func:`button_turn`): a button of
an older log, of an earlier question, or naming a contact that is not the user's is answered
"out of date" with a fresh question, and changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from telegram import Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.channels import parse_channel
from bot.domain.days import DayProblem, InvalidDay, parse_day
from bot.domain.feelings import parse_feeling
from bot.domain.intent import detect_log_intent
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import DraftPerson, LogDraft, LogStep, PendingName, QueuedName
from bot.domain.log_input import (
    MAX_NOTE_LENGTH,
    NoteTooLong,
    clean_note,
    is_done,
    is_new,
    is_no,
    is_skip,
    is_yes,
    parse_kind,
    wants_more,
)
from bot.domain.matching import Candidate
from bot.domain.names import InvalidName, clean_name
from handlers.log_callbacks import (
    LogAddTyped,
    LogBack,
    LogChangeHow,
    LogDay,
    LogEveryone,
    LogFeel,
    LogHow,
    LogKind,
    LogMore,
    LogNew,
    LogPick,
    LogSkipNote,
)
from handlers.log_core import (
    TOO_MANY,
    Callback,
    Done,
    Turn,
    ack,
    ask_again,
    button_turn,
    carry_on,
    contact_repo,
    out_of_date,
    room_for_new,
    split_unknown,
    text_of,
    text_turn,
    today_of,
    with_contact,
)


async def who_text(update: Update, context: TendContext) -> object:
    """A typed name (or several, or "talked to mum yesterday")."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    return await who_answer(update, context, turn, turn.draft, text_of(update))


async def who_answer(
    update: Update, context: TendContext, turn: Turn, draft: LogDraft, text: str
) -> object:
    """Names typed at "Who?" (also reached from "Did you mean ...?" with a new name)."""
    draft = replace(draft, pending=None, naming=None)
    if draft.adding and draft.people and is_done(text):
        return await carry_on(update, context, turn, replace(draft, adding=False))
    intent = detect_log_intent(text, today_of(context, turn.user))
    if intent is not None:
        queued = tuple(QueuedName(name, group=name == intent.group) for name in intent.names)
        draft = replace(
            draft,
            queue=draft.queue + queued,
            channel=draft.channel or intent.channel,
            day=draft.day or intent.day,
        )
        return await carry_on(update, context, turn, draft)
    contacts = await contact_repo(context).all(turn.user.id)
    names = split_unknown(text, [Candidate(contact.id, contact.name) for contact in contacts])
    for name in names:
        try:
            clean_name(name)
        except InvalidName as problem:
            return await ask_again(update, context, turn, problem.message)
    draft = replace(draft, queue=draft.queue + tuple(QueuedName(name) for name in names))
    return await carry_on(update, context, turn, draft)


async def confirm_text(update: Update, context: TendContext) -> object:
    """Typed: "yes", "no", "2" or another name, after "Did you mean ...?" or "Which one?"."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    pending, text = turn.draft.pending, text_of(update)
    if pending is None:
        return await who_answer(update, context, turn, turn.draft, text)
    choice: int | None = None
    if pending.match == "suggest" and is_yes(text) and pending.candidates:
        choice = pending.candidates[0]
    elif pending.match == "ambiguous" and text.strip().isdigit():
        index = int(text.strip()) - 1
        if 0 <= index < len(pending.candidates):
            choice = pending.candidates[index]
    if choice is not None:
        draft = await with_contact(context, turn, choice)
        if draft is None:
            return await ask_again(update, context, turn, "I can't find that one any more.")
        return await carry_on(update, context, turn, draft)
    if is_no(text):
        draft = replace(turn.draft, pending=None, queue=())
        return await carry_on(update, context, turn, draft, intro="Okay. Who was it, then?")
    if is_new(text):
        return await new_contact(update, context, turn, pending.name, group=pending.group)
    return await who_answer(update, context, turn, turn.draft, text)


async def new_name_text(update: Update, context: TendContext) -> object:
    """The name of someone (or a group) new."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    try:
        name = clean_name(text_of(update))
    except InvalidName as problem:
        return await ask_again(update, context, turn, problem.message)
    return await new_contact(update, context, turn, name, group=turn.draft.naming == "group")


async def new_contact(
    update: Update, context: TendContext, turn: Turn, name: str, *, group: bool
) -> object:
    """Someone new by name: the existing contact if the name is taken, else ask the kind."""
    draft = replace(turn.draft, naming=None, pending=None)
    existing = await contact_repo(context).find_by_name(turn.user.id, name)
    if existing is not None:
        draft = draft.with_person(DraftPerson(existing.name, existing.kind, existing.id))
        intro = f"You already have {existing.name}, so I'll use them."
        return await carry_on(update, context, turn, draft, intro=intro)
    if draft.includes(name=name):
        return await carry_on(update, context, turn, replace(draft, adding=False))
    if not await room_for_new(context, turn.user, draft):
        return await carry_on(update, context, turn, draft, intro=TOO_MANY)
    if group:
        draft = draft.with_person(DraftPerson(name, ConnectionType.COLLECTIVE))
    else:
        draft = replace(draft, pending=PendingName(name, "none"))
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def kind_text(update: Update, context: TendContext) -> object:
    """Typed or tapped: "intimate", "2", "friend" for a new contact."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    kind = parse_kind(text_of(update))
    if kind is None:
        return await ask_again(
            update,
            context,
            turn,
            "I didn't catch that. Tap one, or type intimate, relational or collective.",
        )
    return await kind_chosen(update, context, turn, kind)


async def kind_chosen(
    update: Update, context: TendContext, turn: Turn, kind: ConnectionType
) -> object:
    """The new contact of the pending name, with its kind."""
    pending = turn.draft.pending
    if pending is None:
        return await ask_again(update, context, turn, "")
    draft = turn.draft.with_person(DraftPerson(pending.name, kind))
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def how_text(update: Update, context: TendContext) -> object:
    """Typed or tapped: "call", "in person", "coffee", or "add another"."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = text_of(update)
    if wants_more(text):
        draft = replace(turn.draft, adding=True)
        return await carry_on(update, context, turn, draft)
    channel = parse_channel(text)
    if channel is None:
        return await ask_again(
            update,
            context,
            turn,
            "I didn't catch how. Tap one, or type in person, call, video or message.",
        )
    draft = replace(turn.draft, channel=channel, channel_defaulted=False)
    return await carry_on(update, context, turn, draft)


async def when_text(update: Update, context: TendContext) -> object:
    """Typed or tapped: "yesterday", "20.11", "3 days ago", "last friday"."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = text_of(update)
    if wants_more(text):
        return await carry_on(update, context, turn, replace(turn.draft, adding=True))
    try:
        day = parse_day(text, today_of(context, turn.user))
    except InvalidDay as problem:
        channel = parse_channel(text)  # "video" for a group that defaulted to in person
        if channel is None or problem.reason is not DayProblem.UNKNOWN:
            return await ask_again(update, context, turn, problem.message)
        draft = replace(turn.draft, channel=channel, channel_defaulted=False)
        return await carry_on(update, context, turn, draft)
    return await carry_on(update, context, turn, replace(turn.draft, day=day))


async def feeling_text(update: Update, context: TendContext) -> object:
    """Typed or tapped: "4", "good", "🙂" or "skip"."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = text_of(update)
    value = parse_feeling(text)
    if value is None and not is_skip(text):
        return await ask_again(
            update,
            context,
            turn,
            "I didn't catch that. Tap a face, type a number from 1 to 5, or skip.",
        )
    draft = replace(turn.draft, feeling=value, feeling_answered=True)
    return await carry_on(update, context, turn, draft)


async def note_text(update: Update, context: TendContext) -> object:
    """A short note, or "skip"."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    text = text_of(update)
    try:
        note = None if is_skip(text) else clean_note(text) or None
    except NoteTooLong as problem:
        return await ask_again(
            update,
            context,
            turn,
            f"That note is {problem.length} characters; I keep up to {MAX_NOTE_LENGTH}. "
            "Shorten it, or tap Skip.",
        )
    draft = replace(turn.draft, note=note, note_answered=True)
    return await carry_on(update, context, turn, draft)


async def non_text(update: Update, context: TendContext) -> object:
    """A sticker, photo or voice note mid-log: ask again in words."""
    turn = await text_turn(update, context)
    if isinstance(turn, Done):
        return turn.state
    return await ask_again(update, context, turn, "I can only read typed words here.")


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


async def pick_button(update: Update, context: TendContext) -> object:
    """A known contact tapped in "Who?" or "Which one?"."""
    checked = await button_turn(update, context, LogPick, (LogStep.WHO, LogStep.CONFIRM))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    draft = await with_contact(context, turn, data.contact)
    if draft is None:  # deleted meanwhile, or a forged id naming someone else's contact
        return await out_of_date(update, context, turn.user, turn.stored)
    await ack(update)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def new_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "Someone new" / "A group or community"."""
    checked = await button_turn(update, context, LogNew, (LogStep.WHO, LogStep.CONFIRM))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await ack(update)
    if not await room_for_new(context, turn.user, turn.draft):
        return await carry_on(update, context, turn, turn.draft, intro=TOO_MANY, edit=turn.edit)
    draft = replace(turn.draft, pending=None, naming="group" if data.group else "person")
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def add_typed_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "Add “Alx” as new" after a near miss."""
    checked = await button_turn(update, context, LogAddTyped, (LogStep.CONFIRM,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    pending = turn.draft.pending
    assert pending is not None
    return await new_contact(update, context, turn, pending.name, group=pending.group)


async def back_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "‹ Back" from a name decision: ask who again."""
    steps = (LogStep.CONFIRM, LogStep.NEW_NAME, LogStep.KIND)
    checked = await button_turn(update, context, LogBack, steps)
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    draft = replace(turn.draft, pending=None, naming=None, queue=())
    if draft.people:
        draft = replace(draft, adding=True)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def kind_button(update: Update, context: TendContext) -> object:
    """The kind of a new contact."""
    checked = await button_turn(update, context, LogKind, (LogStep.KIND,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await ack(update)
    return await kind_chosen(update, context, turn, data.kind)


async def more_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "+ Add another person"."""
    checked = await button_turn(update, context, LogMore, (LogStep.HOW, LogStep.WHEN))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    draft = replace(turn.draft, adding=True)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def everyone_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "That's everyone"."""
    checked = await button_turn(update, context, LogEveryone, (LogStep.WHO,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    draft = replace(turn.draft, adding=False)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def how_button(update: Update, context: TendContext) -> object:
    """In person, call, video or message."""
    checked = await button_turn(update, context, LogHow, (LogStep.HOW,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    await ack(update)
    draft = replace(turn.draft, channel=data.channel, channel_defaulted=False)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def change_how_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "Not in person?" after the group default."""
    checked = await button_turn(update, context, LogChangeHow, (LogStep.WHEN,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    draft = replace(turn.draft, channel=None, channel_defaulted=False, channel_wanted=True)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def day_button(update: Update, context: TendContext) -> object:
    """Typed or tapped: "Today" / "Yesterday"."""
    checked = await button_turn(update, context, LogDay, (LogStep.WHEN,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    if data.days_back not in (0, 1):
        return await out_of_date(update, context, turn.user, turn.stored)
    await ack(update)
    day = today_of(context, turn.user) - timedelta(days=data.days_back)
    draft = replace(turn.draft, day=day)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def feel_button(update: Update, context: TendContext) -> object:
    """A face on the scale, or "Skip"."""
    checked = await button_turn(update, context, LogFeel, (LogStep.FEELING,))
    if isinstance(checked, Done):
        return checked.state
    turn, data = checked
    if data.value is not None and not 1 <= data.value <= 5:
        return await out_of_date(update, context, turn.user, turn.stored)
    await ack(update)
    draft = replace(turn.draft, feeling=data.value, feeling_answered=True)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


async def skip_note_button(update: Update, context: TendContext) -> object:
    """No note: save."""
    checked = await button_turn(update, context, LogSkipNote, (LogStep.NOTE,))
    if isinstance(checked, Done):
        return checked.state
    turn, _ = checked
    await ack(update)
    draft = replace(turn.draft, note=None, note_answered=True)
    return await carry_on(update, context, turn, draft, edit=turn.edit)


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
