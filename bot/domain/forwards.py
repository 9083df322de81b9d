"""A forwarded message: who it came from, and what Tend offers to do about it.

Telegram (Bot API 7+) puts the sender in ``forward_origin``: a *user* (first and last name), a
*hidden user* (only the name they chose to show), a *chat* (a group, by title) or a
*channel* (by title). The handler passes those strings in; the forwarded text itself never
comes here and is never stored.

Decisions:
- a person (user or hidden user) is matched typo-tolerantly against the user's contacts, as
  ``/log`` matches typed names; the full name first, then the first name alone (people keep
  "Sam", Telegram says "Sam Lee");
- a group chat is a collective connection: matched the same way, or offered as a new group;
- a channel is a broadcast, not a connection with someone: Tend says so and does nothing;
- a bot is nobody to keep up with: ignored the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.kinds import ConnectionType
from bot.domain.matching import Candidate, MatchResult, match_contact
from bot.domain.names import InvalidName, clean_name


class OriginKind(StrEnum):
    """``forward_origin.type`` as Telegram names it."""

    USER = "user"
    HIDDEN_USER = "hidden_user"
    CHAT = "chat"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class ForwardOrigin:
    """The sender data of a forward, as plain strings (no Telegram types)."""

    kind: OriginKind
    first_name: str | None = None
    last_name: str | None = None
    sender_user_name: str | None = None
    title: str | None = None
    is_bot: bool = False


@dataclass(frozen=True, slots=True)
class LogWithKnown:
    """A known contact: offer "Log a message with Sam today?".

    ``sure`` is False for a near miss (a typo): the handler should also offer to add
    ``sender_name`` as someone new.
    """

    contact: Candidate
    sender_name: str
    sure: bool


@dataclass(frozen=True, slots=True)
class ChooseKnown:
    """Several contacts fit equally: ask which (or add ``sender_name`` as new)."""

    candidates: tuple[Candidate, ...]
    sender_name: str


@dataclass(frozen=True, slots=True)
class AddNew:
    """Nobody known: offer "Add Sam as new"; ``kind`` is the sensible default (None: ask)."""

    name: str
    kind: ConnectionType | None


@dataclass(frozen=True, slots=True)
class NothingToOffer:
    """A channel, a bot, or no usable name: say why in ``message``; nothing else happens."""

    message: str


ForwardOffer = LogWithKnown | ChooseKnown | AddNew | NothingToOffer

CHANNEL_MESSAGE = (
    "That came from a channel, so there's no one to log it with. If it made you think of "
    "someone, /log them — a two-line message counts."
)
BOT_MESSAGE = "That came from a bot, so there's no one to log it with."
NO_NAME_MESSAGE = (
    "That forward doesn't say who sent it, so I can't tell whom to log. Try /log with their name."
)


def sender_name(origin: ForwardOrigin) -> str | None:
    """The cleaned display name a forward carries, or None if it has none usable.

    A full name too long for Tend falls back to the first name alone.
    """
    match origin.kind:
        case OriginKind.USER:
            first = (origin.first_name or "").strip()
            full = " ".join(part for part in (first, (origin.last_name or "").strip()) if part)
            return _clean(full) or _clean(first)
        case OriginKind.HIDDEN_USER:
            return _clean(origin.sender_user_name or "")
        case OriginKind.CHAT | OriginKind.CHANNEL:
            return _clean(origin.title or "")
    return None


def forward_offer(origin: ForwardOrigin, contacts: Sequence[Candidate]) -> ForwardOffer:
    """What to offer for a forward from ``origin``, given the user's contacts."""
    if origin.kind is OriginKind.CHANNEL:
        return NothingToOffer(CHANNEL_MESSAGE)
    if origin.is_bot:
        return NothingToOffer(BOT_MESSAGE)
    name = sender_name(origin)
    if name is None:
        return NothingToOffer(NO_NAME_MESSAGE)
    result = match_contact(name, contacts)
    if result.kind == "none" and origin.kind is OriginKind.USER and origin.last_name:
        first = _clean(origin.first_name or "")
        if first is not None:
            by_first = match_contact(first, contacts)
            if by_first.kind in ("exact", "ambiguous"):
                result = by_first
    default_kind = ConnectionType.COLLECTIVE if origin.kind is OriginKind.CHAT else None
    return _offer(result, name, default_kind)


def offer_text(offer: ForwardOffer) -> str:
    """The question to ask (or the reason to give)."""
    match offer:
        case LogWithKnown(contact=contact, sure=True):
            return f"Log a message with {contact.name} today?"
        case LogWithKnown(contact=contact, sender_name=name):
            return f"Is this {contact.name}? Log a message with them today, or add {name} as new."
        case ChooseKnown(sender_name=name):
            return f"Which {name} was it? Pick one to log a message with today, or add them as new."
        case AddNew(name=name, kind=ConnectionType.COLLECTIVE):
            return f"{name} isn't in your list yet. Add {name} as a new group?"
        case AddNew(name=name):
            return f"{name} isn't in your list yet. Add {name} as new?"
        case NothingToOffer(message=message):
            return message
    raise AssertionError(f"unknown offer {offer!r}")


def _offer(result: MatchResult, name: str, kind: ConnectionType | None) -> ForwardOffer:
    if result.kind == "exact":
        return LogWithKnown(result.candidates[0], name, sure=True)
    if result.kind == "suggest":
        return LogWithKnown(result.candidates[0], name, sure=False)
    if result.kind == "ambiguous":
        return ChooseKnown(result.candidates, name)
    return AddNew(name, kind)


def _clean(raw: str) -> str | None:
    try:
        return clean_name(raw)
    except InvalidName:
        return None
