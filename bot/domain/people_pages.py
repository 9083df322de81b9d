"""What /people says: a page of the list, a contact's card, and the card's questions.

Pure text from plain facts (the handlers add the buttons), so the wording is tested without
Telegram and an old message pressed again shows fresh figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.domain.channels import Channel
from bot.domain.contact_menu import PAGE_SIZE, clamp_page, page_count
from bot.domain.history import TimelineEntry, rhythm_line, timeline_line
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import since_phrase
from bot.domain.names import search_key
from bot.domain.people_edit import PeopleStep
from bot.domain.rhythm import rhythm_label

_KIND_ORDER = {kind: index for index, kind in enumerate(ConnectionType)}


class ContactFacts(Protocol):
    """What a page or card shows of a contact (``storage.contacts.Contact`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> ConnectionType: ...
    @property
    def archived(self) -> bool: ...
    @property
    def rhythm_days(self) -> int | None: ...


class Listed(Protocol):
    """A contact with its last connection (``storage.contacts.ContactOverview``)."""

    @property
    def contact(self) -> ContactFacts: ...
    @property
    def last_at(self) -> datetime | None: ...


class HistoryItem(Protocol):
    """One line of a card's history (``storage.interactions.ContactInteraction``)."""

    @property
    def occurred_at(self) -> datetime: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def feeling(self) -> int | None: ...
    @property
    def note(self) -> str | None: ...


@dataclass(frozen=True)
class ListPage:
    """One page of the list: its text, who gets a button, and where the arrows go."""

    text: str
    page: int
    shown: tuple[ContactFacts, ...]
    has_previous: bool
    has_next: bool
    drifted_count: int


def rhythm_words(days: int | None) -> str:
    """ "every 2 weeks", or "no rhythm"."""
    return rhythm_label(days).lower() if days else "no rhythm"


def list_page(
    items: Sequence[Listed], page: int, drifted: bool, now: datetime, zone: ZoneInfo
) -> ListPage:
    """Page ``page`` of the list (or of the drifted ones), grouped by kind, then by name."""
    chosen = sorted(
        (item for item in items if item.contact.archived == drifted),
        key=lambda item: (
            _KIND_ORDER[item.contact.kind],
            search_key(item.contact.name),
            item.contact.id,
        ),
    )
    drifted_count = sum(1 for item in items if item.contact.archived)
    page = clamp_page(page, len(chosen))
    pages = page_count(len(chosen))
    on_page = chosen[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    if drifted:
        header = f"Drifted ({len(chosen)}): out of menus and nudges; their history stays."
    elif chosen:
        header = f"Your people and groups ({len(chosen)})"
    elif drifted_count:
        header = "Everyone here has drifted. Tap Drifted to see them, or send /log."
    else:
        header = (
            "No one here yet. Send /log to log your first connection; everyone you log "
            "shows up here."
        )
    if pages > 1:
        header += f" · page {page + 1} of {pages}"
    lines = [header]
    for kind in ConnectionType:
        in_kind = [item for item in on_page if item.contact.kind is kind]
        if in_kind:
            lines += ["", kind.label]
            lines += [f"• {_list_line(item, now, zone)}" for item in in_kind]
    if on_page:
        lines += ["", "Tap a name for their history and options."]
    return ListPage(
        "\n".join(lines),
        page,
        tuple(item.contact for item in on_page),
        has_previous=page > 0,
        has_next=page < pages - 1,
        drifted_count=drifted_count,
    )


def _list_line(item: Listed, now: datetime, zone: ZoneInfo) -> str:
    """ "Mum — 3 days ago · every week"."""
    days = item.contact.rhythm_days
    rhythm = f" · {rhythm_words(days)}" if days else ""
    return f"{item.contact.name} — {since_phrase(item.last_at, now, zone)}{rhythm}"


def card_text(
    contact: ContactFacts,
    history: Sequence[HistoryItem],
    now: datetime,
    zone: ZoneInfo,
    intro: str = "",
) -> str:
    """A contact's card: kind, rhythm, recent history (newest first); ``intro`` goes above."""
    status = " · drifted" if contact.archived else ""
    going = how_it_is_going(contact.rhythm_days, history, now, zone)
    lines = [contact.name, f"{contact.kind.label} · {going}{status}"]
    lines += recent_lines(history, now, zone)
    text = "\n".join(lines)
    return f"{intro}\n\n{text}" if intro else text


# --- The card's timeline (#13): kept in one function so other card lines merge around it.


def how_it_is_going(
    rhythm_days: int | None, history: Sequence[HistoryItem], now: datetime, zone: ZoneInfo
) -> str:
    """``every 2 weeks · last: 9 days ago`` (history newest first)."""
    last_at = history[0].occurred_at if history else None
    return rhythm_line(rhythm_days, last_at, now=now, zone=zone)


def recent_lines(history: Sequence[HistoryItem], now: datetime, zone: ZoneInfo) -> list[str]:
    """The latest interactions: day, channel, feeling and the start of the note."""
    if not history:
        return []
    lines = ["", "Recent:"]
    for item in history:
        entry = TimelineEntry(item.occurred_at, item.channel, item.feeling, item.note)
        lines.append("• " + timeline_line(entry, now=now, zone=zone))
    return lines


def question_text(step: PeopleStep, contact: ContactFacts, history: int) -> str:
    """The card's question for ``step`` (``history``: what a delete would take with it)."""
    if step is PeopleStep.RENAME:
        return rename_question(contact.name)
    if step is PeopleStep.KIND:
        return kind_question(contact.name, contact.kind)
    if step is PeopleStep.RHYTHM:
        return rhythm_question(contact.name, contact.rhythm_days)
    return delete_question(contact.name, history)


def rename_question(name: str) -> str:
    """Asking for a new name."""
    return f"What should {name} be called now? Type the new name, or /cancel."


def kind_question(name: str, kind: ConnectionType) -> str:
    """The kind picker's text."""
    return (
        f"What kind of connection is {name}? Now: {kind.label}. "
        "Tap one, or type intimate, relational or collective."
    )


def rhythm_question(name: str, days: int | None) -> str:
    """The rhythm picker's text."""
    return (
        f"How often would you like to be in touch with {name}? Now: {rhythm_words(days)}. "
        "Tap one, or type one like every 10 days."
    )


def delete_question(name: str, count: int) -> str:
    """The delete confirmation, saying how much history goes with it."""
    history = f" and their {count} logged connection{'s' if count != 1 else ''}" if count else ""
    return (
        f"Delete {name}{history}? This can't be undone.\n"
        "To keep the history but take them out of menus and nudges, let them drift instead."
    )
