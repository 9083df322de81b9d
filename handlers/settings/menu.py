"""/settings' menu and the buttons that change a setting at once (how often, interests)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import settings_texts as texts
from bot.domain.checkin import CheckinFrequency
from bot.domain.clocktime import format_time_of_day
from bot.domain.kinds import ConnectionType
from bot.domain.settings_edit import SettingsEdit, SettingsStep, is_quiet_days
from bot.domain.suggestions import KNOWN_INTERESTS
from bot.domain.timezones import describe_zone_name
from bot.scheduling import control
from bot.scheduling.planner import upcoming_checkin
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.keyboards import keyboard
from handlers.personal.about_you import settings_rows
from handlers.settings.answers import onboarded_row, quiet_days_chosen
from handlers.time_picker import ASK_TIME, time_keyboard
from storage.checkins import is_paused_forever
from storage.users import User

QUIET_CHOICES = (3, 4, 7, 14, 30)
INTERESTS = tuple(sorted(KNOWN_INTERESTS))
DONE_INDEX = -1


class Item(StrEnum):
    """The settings menu's buttons."""

    TIME = "time"
    ZONE = "zone"
    FREQUENCY = "freq"
    QUIET = "quiet"
    INTERESTS = "int"


@dataclass(frozen=True)
class SettingsItem(CallbackData, prefix="st"):
    """Open one setting."""

    item: Item


@dataclass(frozen=True)
class SettingsFrequency(CallbackData, prefix="stf"):
    """How often check-ins come."""

    frequency: CheckinFrequency


@dataclass(frozen=True)
class SettingsQuietKind(CallbackData, prefix="stq"):
    """Which kind's quiet threshold to change."""

    kind: ConnectionType


@dataclass(frozen=True)
class SettingsQuietDays(CallbackData, prefix="std"):
    """A suggested threshold; it names its kind, so it works outside the question too."""

    kind: ConnectionType
    days: int


@dataclass(frozen=True)
class SettingsInterest(CallbackData, prefix="sti"):
    """Toggle one interest (index into INTERESTS), or -1 for "Done"."""

    index: int


def _menu_keyboard() -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                ("Check-in time", SettingsItem(Item.TIME)),
                ("Time zone", SettingsItem(Item.ZONE)),
            ],
            [("How often", SettingsItem(Item.FREQUENCY))],
            [("Quiet thresholds", SettingsItem(Item.QUIET))],
            [("Interests", SettingsItem(Item.INTERESTS))],
            *settings_rows(),
        ]
    )


def _interests_keyboard(chosen: frozenset[str]) -> InlineKeyboardMarkup:
    labels = [
        (f"✓ {tag}" if tag in chosen else tag, SettingsInterest(index))
        for index, tag in enumerate(INTERESTS)
    ]
    rows = [labels[start : start + 3] for start in range(0, len(labels), 3)]
    rows.append([("Done", SettingsInterest(DONE_INDEX))])
    return keyboard(rows)


async def show_settings(update: Update, context: TendContext) -> None:
    """/settings: what is set now, and a button per thing to change (ends an open edit)."""
    user = update.effective_user
    assert user is not None
    await close(context, user.id, SettingsEdit.name)
    row = await onboarded_row(context, user.id)
    if row is None:
        await replies.send(update, context, texts.NOT_SET_UP)
        return
    services = context.services
    now = services.clock.now()
    sentence = await control.describe_next(services, user.id, upcoming_checkin(row, now))
    paused = row.paused_until is not None and row.paused_until > now
    await replies.send(update, context, menu_text(row, sentence, paused), _menu_keyboard())


async def open_item(update: Update, context: TendContext, data: SettingsItem) -> None:
    """A menu button: ask for the new value (typed answers open a SettingsEdit)."""
    user = update.effective_user
    assert user is not None
    row = await onboarded_row(context, user.id)
    if row is None:
        await replies.send(update, context, texts.NOT_SET_UP)
        return
    if data.item is Item.TIME:
        await save(context, user.id, SettingsEdit(SettingsStep.TIME))
        await replies.send(update, context, ASK_TIME, time_keyboard())
        return
    if data.item is Item.ZONE:
        await save(context, user.id, SettingsEdit(SettingsStep.ZONE))
        await replies.send(update, context, texts.ASK_ZONE)
        return
    await close(context, user.id, SettingsEdit.name)
    if data.item is Item.FREQUENCY:
        choices = [[(texts.FREQUENCY_LABELS[f], SettingsFrequency(f))] for f in CheckinFrequency]
        current = texts.FREQUENCY_WORDS[row.frequency]
        await replies.send(
            update, context, texts.ASK_FREQUENCY.format(current=current), keyboard(choices)
        )
    elif data.item is Item.QUIET:
        buttons = [
            [(f"{kind.label}: {row.quiet_days[kind]} days", SettingsQuietKind(kind))]
            for kind in ConnectionType
        ]
        await replies.send(update, context, texts.ASK_QUIET_KIND, keyboard(buttons))
    else:
        await replies.send(
            update, context, texts.INTERESTS_INTRO, _interests_keyboard(row.interests)
        )


async def frequency_chosen(
    update: Update, context: TendContext, data: SettingsFrequency
) -> str | None:
    """Daily, only when quiet, or off."""
    user = update.effective_user
    assert user is not None
    if await onboarded_row(context, user.id) is None:
        await replies.send(update, context, texts.NOT_SET_UP)
        return None
    services = context.services
    await services.checkins.set_frequency(user.id, data.frequency)
    next_at = await control.reschedule(services, user.id)
    if data.frequency is CheckinFrequency.OFF:
        text = texts.FREQUENCY_OFF
    else:
        sentence = await control.describe_next(services, user.id, next_at)
        text = texts.FREQUENCY_DONE.format(
            words=texts.FREQUENCY_WORDS[data.frequency], next=sentence
        )
        if data.frequency is CheckinFrequency.WHEN_QUIET:
            text += texts.WHEN_QUIET_NOTE
    await replies.send(update, context, text)
    return "Saved"


async def quiet_kind_chosen(update: Update, context: TendContext, data: SettingsQuietKind) -> None:
    """Which kind's threshold: ask for the number of days."""
    user = update.effective_user
    assert user is not None
    if await onboarded_row(context, user.id) is None:
        await replies.send(update, context, texts.NOT_SET_UP)
        return
    await save(context, user.id, SettingsEdit(SettingsStep.QUIET_DAYS, data.kind))
    buttons = [[(str(days), SettingsQuietDays(data.kind, days)) for days in QUIET_CHOICES]]
    await replies.send(
        update,
        context,
        texts.ASK_QUIET.format(label=data.kind.label, examples=data.kind.examples),
        keyboard(buttons),
    )


async def quiet_days_button(update: Update, context: TendContext, data: SettingsQuietDays) -> None:
    """A tapped number of days."""
    if not is_quiet_days(data.days):
        raise StaleButton(texts.FRESH_MENU)
    await quiet_days_chosen(update, context, data.kind, data.days)


async def interest_toggled(
    update: Update, context: TendContext, data: SettingsInterest
) -> str | None:
    """Add or remove one interest (saved at once), or finish with a confirmation."""
    user = update.effective_user
    query = update.callback_query
    assert user is not None and query is not None
    row = await onboarded_row(context, user.id)
    if row is None or not (data.index == DONE_INDEX or 0 <= data.index < len(INTERESTS)):
        raise StaleButton(texts.FRESH_MENU)
    if data.index == DONE_INDEX:
        await replies.edit_buttons(query, None)
        if row.interests:
            text = texts.INTERESTS_DONE.format(interests=", ".join(sorted(row.interests)))
        else:
            text = texts.NO_INTERESTS
        await replies.send(update, context, text)
        return None
    tag = INTERESTS[data.index]
    chosen = row.interests ^ {tag}
    await context.services.checkins.set_interests(user.id, chosen & KNOWN_INTERESTS)
    await replies.edit_buttons(query, _interests_keyboard(chosen))
    return f"Added {tag}" if tag in chosen else f"Removed {tag}"


def menu_text(row: User, next_sentence: str, now_paused: bool) -> str:
    """Everything that is set now, then the question."""
    assert row.checkin_time is not None
    thresholds = ", ".join(
        f"{kind.label.lower()} {row.quiet_days[kind]} days" for kind in ConnectionType
    )
    interests = ", ".join(sorted(row.interests)) or "none yet"
    lines = [
        "Your check-in settings:",
        f"• Time: {format_time_of_day(row.checkin_time)}, {_zone_words(row.timezone)} time",
        f"• How often: {texts.FREQUENCY_WORDS[row.frequency]}",
        f"• Quiet after: {thresholds}",
        f"• Interests: {interests}",
    ]
    if now_paused:
        if is_paused_forever(row.paused_until):
            lines.append("• Paused until you send /resume")
        else:
            lines.append("• Paused for now (/resume to end it)")
    lines += ["", next_sentence, "What would you like to change?"]
    return "\n".join(lines)


def _zone_words(zone: str | None) -> str:
    return describe_zone_name(zone or "UTC")
