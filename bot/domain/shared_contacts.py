"""A contact shared through Telegram's attachment menu: only its name is ever used.

The handler passes ``contact.first_name`` and ``contact.last_name``; the phone number (and the
vCard string Telegram may attach) are not parameters here, so they cannot be kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.matching import Candidate
from bot.domain.names import InvalidName, clean_name, name_key


@dataclass(frozen=True, slots=True)
class SharedContactOffer:
    """Offer to add ``name``; ``existing`` is set when the user already has that person."""

    name: str
    existing: Candidate | None


def shared_contact_name(first_name: str, last_name: str | None = None) -> str:
    """``Sam Lee`` from Telegram's two fields, cleaned by the /log rules.

    A full name past the length limit falls back to the first name; raises
    :class:`~bot.domain.names.InvalidName` when neither is usable (``.message`` says why).
    """
    first = first_name.strip()
    full = " ".join(part for part in (first, (last_name or "").strip()) if part)
    try:
        return clean_name(full)
    except InvalidName:
        return clean_name(first)


def shared_contact_offer(
    first_name: str, last_name: str | None, contacts: Sequence[Candidate]
) -> SharedContactOffer:
    """The name to offer and whether that person is already in the list (same name key)."""
    name = shared_contact_name(first_name, last_name)
    key = name_key(name)
    existing = next((c for c in contacts if name_key(c.name) == key), None)
    return SharedContactOffer(name, existing)


def offer_text(offer: SharedContactOffer) -> str:
    """The question to ask."""
    if offer.existing is not None:
        return f"{offer.existing.name} is already in your list — nothing to add."
    return f"Add {offer.name} to your people? Pick what kind of connection they are."
