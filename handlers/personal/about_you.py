"""/settings → *About you* (what fits the user's life, for ideas) and *Dates ahead* (mention
a birthday or date 3 days before). Each tap is saved at once."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.catalogue import CIRCUMSTANCE_LABELS
from handlers import replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard

CIRCUMSTANCES = tuple(sorted(CIRCUMSTANCE_LABELS))
"""Button order is the index in callback data: keep it stable (sorted ids)."""
DONE = -1
POINTER = "/settings shows everything again."
ABOUT_YOU_INTRO = (
    "Tap what's true for you, and ideas will fit your life (nothing here is shared). "
    "Tap again to remove one."
)
AHEAD_ON = "Done: I'll mention birthdays and dates 3 days ahead, once, and on the day."
AHEAD_OFF = "Done: I'll mention birthdays and dates on the day only."


@dataclass(frozen=True)
class AboutYou(CallbackData, prefix="sta"):
    """Open *About you*, toggle one circumstance (its index), or finish (-1)."""

    index: int | None = None


@dataclass(frozen=True)
class DatesAhead(CallbackData, prefix="stz"):
    """Open the choice (None), or turn "mention dates 3 days ahead" on or off."""

    on: bool | None = None


def settings_rows() -> list[list[tuple[str, CallbackData]]]:
    """The rows /settings adds for #12."""
    return [[("About you", AboutYou()), ("Dates ahead", DatesAhead())]]


def _about_keyboard(chosen: frozenset[str]) -> InlineKeyboardMarkup:
    rows: list[list[tuple[str, CallbackData]]] = [
        [(("✓ " if value in chosen else "") + CIRCUMSTANCE_LABELS[value], AboutYou(index))]
        for index, value in enumerate(CIRCUMSTANCES)
    ]
    rows.append([("Done", AboutYou(DONE))])
    return keyboard(rows)


async def about_you_pressed(update: Update, context: TendContext, data: AboutYou) -> str | None:
    """Open the toggles, flip one, or finish."""
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    services = context.services
    if await services.users.get(user.id) is None:
        raise StaleButton(POINTER)
    if data.index is None:
        chosen = await services.circumstances.get(user.id)
        await replies.send(update, context, ABOUT_YOU_INTRO, _about_keyboard(chosen))
        return None
    if data.index == DONE:
        await replies.edit_buttons(query, None)
        chosen = await services.circumstances.get(user.id)
        words = "; ".join(CIRCUMSTANCE_LABELS[value] for value in CIRCUMSTANCES if value in chosen)
        text = f"Saved: {words}." if words else "Saved: nothing in particular."
        await replies.send(update, context, f"{text} Ideas follow from your next check-in.")
        return None
    if not 0 <= data.index < len(CIRCUMSTANCES):
        raise StaleButton(POINTER)
    value = CIRCUMSTANCES[data.index]
    chosen = await services.circumstances.toggle(user.id, value)
    await replies.edit_buttons(query, _about_keyboard(chosen))
    return "Added" if value in chosen else "Removed"


async def dates_ahead_pressed(update: Update, context: TendContext, data: DatesAhead) -> None:
    """Show the choice with the current setting, or save the choice and confirm it."""
    user, query = update.effective_user, update.callback_query
    assert user is not None and query is not None
    services = context.services
    if await services.users.get(user.id) is None:
        raise StaleButton(POINTER)
    if data.on is None:
        current = (await services.important_dates.ahead_setting([user.id])).get(user.id, True)
        choices = keyboard(
            [[("Yes, 3 days ahead", DatesAhead(True))], [("Only on the day", DatesAhead(False))]]
        )
        now = "on" if current else "off"
        question = f"Mention birthdays and dates 3 days ahead? (Now {now}.)"
        await replies.send(update, context, question, choices)
        return
    await services.important_dates.set_ahead_setting(user.id, data.on)
    await replies.edit_buttons(query, None)
    await replies.send(update, context, AHEAD_ON if data.on else AHEAD_OFF)
