"""Zone abbreviations ("EST") asked about with buttons: the region's real zone or the fixed offset.

Onboarding and /settings both ask this way; the open question is their stored state's
``offered`` field, so a restart keeps it and only the buttons of that question answer it.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.domain.timezones import AbbreviationOffer, ZoneChoice, abbreviation_offer, offer_choices
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard


@dataclass(frozen=True)
class PickZone(CallbackData, prefix="tz"):
    """One answer to "Did you mean New York time?": the abbreviation and the choice's index."""

    abbreviation: str
    choice: int


def zone_offer_keyboard(offer: AbbreviationOffer) -> InlineKeyboardMarkup:
    """One button per choice, one per row (the labels are long)."""
    return keyboard(
        [
            [(label, PickZone(offer.abbreviation, index))]
            for index, (label, _zone) in enumerate(offer_choices(offer))
        ]
    )


def picked_zone(data: PickZone, offered: str | None) -> ZoneChoice:
    """The zone a tap chose; a button of another (or no) open question is stale."""
    offer = abbreviation_offer(data.abbreviation)
    if offered is None or offer is None or data.abbreviation != offered:
        raise StaleButton()
    choices = offer_choices(offer)
    if not 0 <= data.choice < len(choices):
        raise StaleButton()
    return choices[data.choice][1]
