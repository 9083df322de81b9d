"""/people's buttons: what each one means (typed callback data) and where it sits.

Every family names its contact, whose id handlers check against the user in SQL before use.
The layouts are pure, so labels and order are tested without Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.callbacks import CallbackData
from bot.domain.kinds import ConnectionType
from bot.domain.people_edit import PeopleStep
from bot.domain.people_pages import ContactFacts, ListPage
from bot.domain.rhythm import RHYTHM_OPTIONS

Row = Sequence[tuple[str, CallbackData]]


class Action(StrEnum):
    """Buttons on a contact's card."""

    RENAME = "rn"
    KIND = "kd"
    RHYTHM = "rh"
    DRIFT = "dr"
    RETURN = "bk"
    DELETE = "dl"


QUESTIONS = {
    Action.RENAME: PeopleStep.RENAME,
    Action.KIND: PeopleStep.KIND,
    Action.RHYTHM: PeopleStep.RHYTHM,
    Action.DELETE: PeopleStep.DELETE,
}
"""The card's buttons that ask before they change anything."""


@dataclass(frozen=True)
class PeopleList(CallbackData, prefix="pel"):
    """A page of the list; ``drifted`` shows the contacts let drift."""

    page: int
    drifted: bool


@dataclass(frozen=True)
class PeopleOpen(CallbackData, prefix="peo"):
    """A contact's card; ``page`` is where "‹ Back" returns to."""

    contact: int
    page: int


@dataclass(frozen=True)
class PeopleAct(CallbackData, prefix="pea"):
    """One of the card's buttons."""

    contact: int
    action: Action
    page: int


@dataclass(frozen=True)
class PeopleKind(CallbackData, prefix="pek"):
    """A new kind for a contact."""

    contact: int
    kind: ConnectionType
    page: int


@dataclass(frozen=True)
class PeopleRhythm(CallbackData, prefix="per"):
    """A personal rhythm in days (None: no rhythm)."""

    contact: int
    days: int | None
    page: int


@dataclass(frozen=True)
class PeopleDelete(CallbackData, prefix="ped"):
    """Delete confirmed (``confirm``) or declined."""

    contact: int
    confirm: bool
    page: int


def list_rows(shown: ListPage, drifted: bool) -> list[Row]:
    """Two names a row, then the arrows, then the way to (or back from) the drifted ones."""
    names = [(contact.name, PeopleOpen(contact.id, shown.page)) for contact in shown.shown]
    rows: list[Row] = [names[index : index + 2] for index in range(0, len(names), 2)]
    nav = [("‹ Previous", PeopleList(shown.page - 1, drifted))] if shown.has_previous else []
    nav += [("Next ›", PeopleList(shown.page + 1, drifted))] if shown.has_next else []
    rows += [nav] if nav else []
    if drifted:
        rows.append([("‹ Your people", PeopleList(0, False))])
    elif shown.drifted_count:
        rows.append([(f"Drifted ({shown.drifted_count})", PeopleList(0, True))])
    return rows


def card_rows(contact: ContactFacts, page: int) -> list[Row]:
    """What can be done with a contact (below the "Log a connection" button)."""
    drift = ("Bring back", Action.RETURN) if contact.archived else ("Let drift", Action.DRIFT)
    labels = [("Rename", Action.RENAME), ("Change kind", Action.KIND), ("Rhythm", Action.RHYTHM)]
    labels += [drift, ("Delete", Action.DELETE)]
    act = [(label, PeopleAct(contact.id, action, page)) for label, action in labels]
    return [act[:2], act[2:4], [act[4], ("‹ Back", PeopleList(page, contact.archived))]]


def question_rows(step: PeopleStep, contact: ContactFacts, page: int) -> list[Row]:
    """The buttons under the card's question, the current value ticked."""
    back: Row = [("‹ Back", PeopleOpen(contact.id, page))]
    if step is PeopleStep.RENAME:
        return [back]
    if step is PeopleStep.KIND:
        kinds = [(f"{_tick(k is contact.kind)}{k.label} · {k.examples}", k) for k in ConnectionType]
        return [*([(label, PeopleKind(contact.id, k, page))] for label, k in kinds), back]
    if step is PeopleStep.RHYTHM:
        options = [
            (
                f"{_tick(o.days == contact.rhythm_days)}{o.label}",
                PeopleRhythm(contact.id, o.days, page),
            )
            for o in RHYTHM_OPTIONS
        ]
        return [options[:2], options[2:], back]
    return [
        [(f"Yes, delete {contact.name}", PeopleDelete(contact.id, True, page))],
        [(f"No, keep {contact.name}", PeopleDelete(contact.id, False, page))],
    ]


def _tick(current: bool) -> str:
    return "✓ " if current else ""
