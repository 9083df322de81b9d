"""Telegram's own ways in (#13): the state, buttons and words of forwards, shared contacts and
vCard imports, kept pure so the handlers in ``handlers/imports/`` stay thin.

Two conversations live in the one ``conversations`` row:

- :class:`AddingSomeone`: a forward or a shared contact named someone new; the name (and the
  kind to suggest) waits here while the user says what kind they are;
- :class:`ImportingCards`: the people a ``.vcf`` file holds (names and dates only), paged.

Every button names the offer it belongs to (the id of the user's message that started it), so
a button under an older offer, or a forged one, never acts on the newer offer in the row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar, Self

from bot.callbacks import CallbackData
from bot.domain.conversation import BadState, payload_of
from bot.domain.kinds import ConnectionType
from bot.domain.vcards import MAX_CARDS, PartialDate, SkippedCard, VCardImport, VCardPerson

PAGE_SIZE = 8
"""People shown and added per page of an import."""

SHOWN_SKIPPED = 5
"""Skipped cards named in the import's first message (the rest are counted)."""

VCARD_DEFAULT_KIND = ConnectionType.RELATIONAL
"""A phone's address book is mostly friends, colleagues and neighbours."""

SETUP_FIRST = "Let's get you set up first: send /start (it takes a minute)."
NOTHING_ADDED = "Okay, nothing added."
OWN_MESSAGE = (
    "That's your own message, so there's no one new in it. Forward one from the person "
    "you were talking to, or /log them."
)
NO_SENDER = "I can't tell who that forward came from. Try /log with their name."


# ---------------------------------------------------------------- buttons
@dataclass(frozen=True)
class ForwardLog(CallbackData, prefix="imf"):
    """ "Log a message with Sam today" under a forward (the contact is checked for ownership)."""

    contact: int


@dataclass(frozen=True)
class AddNew(CallbackData, prefix="imn"):
    """ "Add Sam as new" under offer ``offer``: asks the kind next."""

    offer: int


@dataclass(frozen=True)
class AddAs(CallbackData, prefix="imk"):
    """The kind of the person being added under offer ``offer``."""

    offer: int
    kind: ConnectionType


@dataclass(frozen=True)
class NotNow(CallbackData, prefix="imx"):
    """ "Not now": closes offer ``offer``, adding nothing."""

    offer: int


@dataclass(frozen=True)
class ImportPage(CallbackData, prefix="ivp"):
    """Add page ``page`` of import ``offer`` as ``kind`` (None: skip that page)."""

    offer: int
    page: int
    kind: ConnectionType | None


@dataclass(frozen=True)
class ImportAll(CallbackData, prefix="iva"):
    """Add everyone left in import ``offer`` as ``kind``."""

    offer: int
    kind: ConnectionType


# ---------------------------------------------------------------- adding someone
class AddingStep(StrEnum):
    """Where adding one person stands."""

    OFFERED = "offered"
    """ "Add Sam as new?" is on screen (a forward)."""
    KIND = "kind"
    """The kind question is on screen."""


@dataclass(frozen=True)
class AddingSomeone:
    """Someone new from a forward (``then_log``: offer to log a message after adding) or a
    shared contact; ``offer`` is the id of the user's message that started it."""

    name: ClassVar[str] = "imports.add"

    step: AddingStep
    offer: int
    person: str
    suggested: ConnectionType | None
    then_log: bool

    def to_json(self) -> str:
        """The payload column."""
        suggested = self.suggested.value if self.suggested else None
        return json.dumps(
            {
                "offer": self.offer,
                "person": self.person,
                "suggested": suggested,
                "then_log": self.then_log,
            }
        )

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; anything unexpected raises BadState."""
        data = payload_of(payload)
        offer, person, then_log = data.get("offer"), data.get("person"), data.get("then_log")
        if not (isinstance(offer, int) and isinstance(person, str) and isinstance(then_log, bool)):
            raise BadState("unreadable import offer")
        try:
            suggested = ConnectionType(data["suggested"]) if data.get("suggested") else None
            return cls(AddingStep(step), offer, person, suggested, then_log)
        except ValueError as error:
            raise BadState("unknown import step or kind") from error

    def hint(self) -> str:
        """What /help adds while it is open."""
        if self.step is AddingStep.OFFERED:
            return f"Tap Add {self.person} above to add them, or /cancel."
        return f"Tap what kind of connection {self.person} is, above, or /cancel."


def add_offer_rows(state: AddingSomeone) -> list[list[tuple[str, CallbackData]]]:
    """Buttons under "Add Sam as new?"."""
    return [[(f"Add {state.person}", AddNew(state.offer)), ("Not now", NotNow(state.offer))]]


def kind_question(person: str) -> str:
    """Asking the kind of someone being added."""
    return f"What kind of connection is {person}?"


def kind_rows(state: AddingSomeone) -> list[list[tuple[str, CallbackData]]]:
    """One button per kind, the suggested one first and ticked; then "Not now"."""
    kinds = sorted(ConnectionType, key=lambda kind: kind is not state.suggested)
    rows: list[list[tuple[str, CallbackData]]] = [
        [(_kind_label(kind, kind is state.suggested), AddAs(state.offer, kind))] for kind in kinds
    ]
    rows.append([("Not now", NotNow(state.offer))])
    return rows


def _kind_label(kind: ConnectionType, suggested: bool) -> str:
    tick = "✓ " if suggested else ""
    return f"{tick}{kind.label} · {kind.examples}"


def added_text(person: str, kind: ConnectionType, *, then_log: bool) -> str:
    """Said once someone is added (and, after a forward, the log offer)."""
    text = f"Added {person} to your people ({kind.label.lower()})."
    if then_log:
        text += f"\n\nLog a message with {person} today?"
    return text


def already_there_text(person: str) -> str:
    """The name turned out to be in the list already."""
    return f"{person} is already in your list — nothing to add."


# ---------------------------------------------------------------- importing a file
class ImportStep(StrEnum):
    """An import has one question: what to do with the current page."""

    PAGE = "page"


@dataclass(frozen=True)
class ImportingCards:
    """The people a file held that can be added, the page on screen and what happened so far.

    Only names and dates are here (a :class:`VCardPerson` has nothing else); the row goes when
    the import ends, and with the user on /delete.
    """

    name: ClassVar[str] = "imports.vcard"

    step: ImportStep
    offer: int
    people: tuple[VCardPerson, ...]
    page: int = 0
    added: int = 0
    dates: int = 0
    already: int = 0

    @property
    def pages(self) -> int:
        """How many pages the people fill."""
        return max(1, -(-len(self.people) // PAGE_SIZE))

    def on_page(self, page: int | None = None) -> tuple[VCardPerson, ...]:
        """The people on ``page`` (default: the current one)."""
        start = (self.page if page is None else page) * PAGE_SIZE
        return self.people[start : start + PAGE_SIZE]

    @property
    def finished(self) -> bool:
        """Every page has been answered."""
        return self.page >= self.pages

    def left(self) -> tuple[VCardPerson, ...]:
        """Everyone from the current page on."""
        return self.people[self.page * PAGE_SIZE :]

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps(
            {
                "offer": self.offer,
                "people": [_person_json(person) for person in self.people],
                "page": self.page,
                "added": self.added,
                "dates": self.dates,
                "already": self.already,
            }
        )

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; anything unexpected raises BadState."""
        data = payload_of(payload)
        numbers = [data.get(key) for key in ("offer", "page", "added", "dates", "already")]
        people = data.get("people")
        if not all(isinstance(n, int) for n in numbers) or not isinstance(people, list):
            raise BadState("unreadable import")
        try:
            offer, page, added, dates, already = (int(n) for n in numbers)  # type: ignore[arg-type]
            read = tuple(_person_from_json(person) for person in people)
            return cls(ImportStep(step), offer, read, page, added, dates, already)
        except (ValueError, TypeError, KeyError) as error:
            raise BadState("unreadable import") from error

    def hint(self) -> str:
        """What /help adds while it is open."""
        return "Tap how to add the people from your contacts file, above, or /cancel."


def _person_json(person: VCardPerson) -> dict[str, Any]:
    return {
        "name": person.name,
        "birthday": _date_json(person.birthday),
        "anniversary": _date_json(person.anniversary),
    }


def _date_json(day: PartialDate | None) -> list[int | None] | None:
    return None if day is None else [day.month, day.day, day.year]


def _person_from_json(data: Any) -> VCardPerson:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ValueError("not a person")
    return VCardPerson(
        data["name"],
        _date_from_json(data.get("birthday")),
        _date_from_json(data.get("anniversary")),
    )


def _date_from_json(data: Any) -> PartialDate | None:
    if data is None:
        return None
    month, day, year = data
    if not (
        isinstance(month, int) and isinstance(day, int) and (year is None or type(year) is int)
    ):
        raise ValueError("not a date")
    return PartialDate(month, day, year)


def start_import(offer: int, found: VCardImport) -> ImportingCards:
    """The state of a new import of ``found``."""
    return ImportingCards(ImportStep.PAGE, offer, found.people)


def after_page(
    state: ImportingCards, *, added: int, dates: int, already: int, everyone: bool = False
) -> ImportingCards:
    """The state once the current page (or, with ``everyone``, all that is left) is done;
    its ``finished`` says whether anything is left to ask about."""
    return replace(
        state,
        page=state.pages if everyone else state.page + 1,
        added=state.added + added,
        dates=state.dates + dates,
        already=state.already + already,
    )


def found_text(found: VCardImport, file_cards: int) -> str:
    """The first answer to a file: how many people, and which cards were skipped and why."""
    people = len(found.people)
    cards = "1 contact" if file_cards == 1 else f"{file_cards} contacts"
    if people == 0:
        lines = [f"That file has {cards}, but there's nobody new to add."]
    else:
        new = "1 person" if people == 1 else f"{people} people"
        lines = [f"That file has {cards}: {new} I can add."]
    if found.skipped:
        lines.append("")
        lines.append("Skipped:")
        lines.extend(_skipped_line(card) for card in found.skipped[:SHOWN_SKIPPED])
        more = len(found.skipped) - SHOWN_SKIPPED
        if more > 0:
            lines.append(f"· and {more} more")
    lines.append("")
    lines.append("I keep only names, birthdays and anniversaries — never numbers or addresses.")
    return "\n".join(lines)


def _skipped_line(card: SkippedCard) -> str:
    return f"· {card.label} — {card.reason.message}"


def page_text(state: ImportingCards) -> str:
    """The people on the current page and the question about them."""
    shown = state.on_page()
    lines = [f"Page {state.page + 1} of {state.pages}:"]
    lines.extend(f"· {person.name}{_dates_note(person)}" for person in shown)
    lines.append("")
    these = "this person" if len(shown) == 1 else f"these {len(shown)}"
    lines.append(f"Add {these} as what kind of connection?")
    return "\n".join(lines)


def _dates_note(person: VCardPerson) -> str:
    notes = [
        label
        for label, day in (("birthday", person.birthday), ("anniversary", person.anniversary))
        if day is not None
    ]
    return f" ({' and '.join(notes)})" if notes else ""


def page_rows(state: ImportingCards) -> list[list[tuple[str, CallbackData]]]:
    """Add this page as a kind (the default first), skip it, add everyone left, or stop."""
    kinds = sorted(ConnectionType, key=lambda kind: kind is not VCARD_DEFAULT_KIND)
    rows: list[list[tuple[str, CallbackData]]] = [
        [(_kind_label(kind, kind is VCARD_DEFAULT_KIND), ImportPage(state.offer, state.page, kind))]
        for kind in kinds
    ]
    left = len(state.left())
    if left > len(state.on_page()):
        label = f"Add all {left} left as {VCARD_DEFAULT_KIND.label.lower()}"
        rows.append([(label, ImportAll(state.offer, VCARD_DEFAULT_KIND))])
    rows.append(
        [
            ("Skip this page", ImportPage(state.offer, state.page, None)),
            ("Stop", NotNow(state.offer)),
        ]
    )
    return rows


def page_done_text(kind: ConnectionType | None, added: int, full: int) -> str:
    """What the last press did: a page skipped, or people added (and who didn't fit)."""
    if kind is None:
        return "Skipped that page."
    people = "1 person" if added == 1 else f"{added} people"
    text = f"Added {people} as {kind.label.lower()}."
    if full:
        text += f" {full} didn't fit: {MAX_CARDS} people is the most I keep."
    return text


def done_text(state: ImportingCards) -> str:
    """The import's last message."""
    if state.added == 0:
        text = "Done — nobody added."
    else:
        people = "1 person" if state.added == 1 else f"{state.added} people"
        text = f"Done: added {people} to your people."
    if state.dates:
        dates = "1 birthday or anniversary" if state.dates == 1 else f"{state.dates} dates"
        text += f" Saved {dates} too; they show on each card."
    if state.already:
        were = "was" if state.already == 1 else "were"
        text += f" {state.already} {were} already in your list."
    return text + " /people shows everyone."


def stopped_text(state: ImportingCards) -> str:
    """Stopped (or /cancel) part-way."""
    if state.added == 0:
        return "Okay, nothing added."
    people = "1 person" if state.added == 1 else f"{state.added} people"
    return f"Stopped. The {people} added so far stay; /people shows everyone."
