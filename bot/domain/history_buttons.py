"""/history's buttons: typed callback data and the rows under each screen.

List buttons carry the view's serial (the filter and search are in the ``conversations``
row); a log's buttons carry its moment id, checked for ownership in SQL when pressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.contact_menu import PAGE_SIZE
from bot.domain.feelings import FEELINGS
from bot.domain.kinds import ConnectionType

Row = Sequence[tuple[str, CallbackData]]


class Field(StrEnum):
    WHO = "who"
    KIND = "kind"
    HOW = "how"
    WHEN = "when"
    FEELING = "feel"
    NOTE = "note"
    DELETE = "del"


@dataclass(frozen=True)
class HistPage(CallbackData, prefix="hip"):
    """A page of view ``view``: the moments after (at, moment) older, or before it newer."""

    view: int
    at: int | None
    moment: int | None
    newer: bool


@dataclass(frozen=True)
class HistKind(CallbackData, prefix="hik"):
    """Only one kind (None: every kind), keeping the person and search."""

    view: int
    kind: ConnectionType | None


@dataclass(frozen=True)
class HistPeople(CallbackData, prefix="hiq"):
    """The people to filter by, a page at a time."""

    view: int
    page: int


@dataclass(frozen=True)
class HistPerson(CallbackData, prefix="hiw"):
    """Only logs with this person (from the people menu or a "did you mean")."""

    view: int
    contact: int


@dataclass(frozen=True)
class HistAll(CallbackData, prefix="hix"):
    """Drop every filter and the search."""

    view: int


@dataclass(frozen=True)
class HistFor(CallbackData, prefix="hih"):
    """A fresh /history of one person (the card's *More*)."""

    contact: int


@dataclass(frozen=True)
class HistBack(CallbackData, prefix="hib"):
    """Back to the open list, on the page it was on."""

    moment: int


@dataclass(frozen=True)
class HistOpen(CallbackData, prefix="hio"):
    moment: int


@dataclass(frozen=True)
class HistField(CallbackData, prefix="hif"):
    """What to change about a log (asks, or shows the choices)."""

    moment: int
    field: Field


@dataclass(frozen=True)
class HistChannel(CallbackData, prefix="hic"):
    moment: int
    channel: Channel


@dataclass(frozen=True)
class HistFeel(CallbackData, prefix="hie"):
    moment: int
    feeling: int | None


@dataclass(frozen=True)
class HistNoteOff(CallbackData, prefix="hiz"):
    moment: int


@dataclass(frozen=True)
class HistRemove(CallbackData, prefix="hir"):
    moment: int
    contact: int


@dataclass(frozen=True)
class HistAdd(CallbackData, prefix="hia"):
    moment: int
    contact: int


@dataclass(frozen=True)
class HistSetKind(CallbackData, prefix="hiy"):
    moment: int
    contact: int
    kind: ConnectionType


@dataclass(frozen=True)
class HistDelete(CallbackData, prefix="hid"):
    moment: int
    sure: bool


EVERY_FAMILY: tuple[type[CallbackData], ...] = (
    HistPage,
    HistKind,
    HistPeople,
    HistPerson,
    HistAll,
    HistFor,
    HistBack,
    HistOpen,
    HistField,
    HistChannel,
    HistFeel,
    HistNoteOff,
    HistRemove,
    HistAdd,
    HistSetKind,
    HistDelete,
)


def _tick(current: bool) -> str:
    return "✓ " if current else ""


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the list's buttons need: the moments shown and where paging can go."""

    view: int
    moment_ids: tuple[int, ...]
    older: tuple[int, int] | None
    newer: tuple[int, int] | None
    kind: ConnectionType | None
    filtered: bool


def list_rows(facts: PageFacts) -> list[Row]:
    """Numbered log buttons (4 a row), paging, kind filter, person filter."""
    rows: list[Row] = []
    numbered = [(str(n), HistOpen(mid)) for n, mid in enumerate(facts.moment_ids, start=1)]
    rows += [numbered[i : i + 4] for i in range(0, len(numbered), 4)]
    nav: list[tuple[str, CallbackData]] = []
    if facts.newer is not None:
        nav.append(("‹ Newer", HistPage(facts.view, facts.newer[0], facts.newer[1], True)))
    if facts.older is not None:
        nav.append(("Older ›", HistPage(facts.view, facts.older[0], facts.older[1], False)))
    if nav:
        rows.append(nav)
    kinds: list[tuple[str, CallbackData]] = [
        (f"{_tick(facts.kind is None)}All", HistKind(facts.view, None))
    ]
    kinds += [
        (f"{_tick(facts.kind is k)}{k.label}", HistKind(facts.view, k)) for k in ConnectionType
    ]
    rows.append(kinds)
    person: list[tuple[str, CallbackData]] = [("By person…", HistPeople(facts.view, 0))]
    if facts.filtered:
        person.append(("Show all", HistAll(facts.view)))
    rows.append(person)
    return rows


def people_rows(
    view: int, people: Sequence[tuple[int, str]], page: int, chosen: int | None
) -> list[Row]:
    """The people menu: two a row, paged, and back to the list."""
    start = page * PAGE_SIZE
    shown = people[start : start + PAGE_SIZE]
    buttons = [(f"{_tick(cid == chosen)}{name}", HistPerson(view, cid)) for cid, name in shown]
    rows: list[Row] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav: list[tuple[str, CallbackData]] = []
    if page > 0:
        nav.append(("‹ Previous", HistPeople(view, page - 1)))
    if start + PAGE_SIZE < len(people):
        nav.append(("Next ›", HistPeople(view, page + 1)))
    if nav:
        rows.append(nav)
    rows.append([("‹ Back", HistPage(view, None, None, False))])
    return rows


def did_you_mean_rows(view: int, people: Sequence[tuple[int, str]]) -> list[Row]:
    rows: list[Row] = [[(f"{name}'s history", HistPerson(view, cid))] for cid, name in people]
    rows.append([("Show all", HistAll(view))])
    return rows


def log_rows(moment: int) -> list[Row]:
    """What can be changed about one log."""

    def edit(label: str, field: Field) -> tuple[str, CallbackData]:
        return label, HistField(moment, field)

    return [
        [edit("Who", Field.WHO), edit("Kind", Field.KIND)],
        [edit("How", Field.HOW), edit("When", Field.WHEN)],
        [edit("Feeling", Field.FEELING), edit("Note", Field.NOTE)],
        [edit("Delete", Field.DELETE), ("‹ Back to history", HistBack(moment))],
    ]


def back_to_log(moment: int) -> Row:
    return [("‹ Back", HistOpen(moment))]


def who_rows(moment: int, people: Sequence[tuple[int, str]]) -> list[Row]:
    """Take someone out (never the last one), or back; adding is by typing a name."""
    rows: list[Row] = []
    if len(people) > 1:
        rows += [[(f"Take out {name}", HistRemove(moment, cid))] for cid, name in people]
    rows.append(back_to_log(moment))
    return rows


def pick_rows(moment: int, people: Sequence[tuple[int, str]]) -> list[Row]:
    """Which of these did you mean (a typed name that matched several)."""
    rows: list[Row] = [[(name, HistAdd(moment, cid))] for cid, name in people]
    rows.append(back_to_log(moment))
    return rows


def kind_rows(moment: int, people: Sequence[tuple[int, str, ConnectionType]]) -> list[Row]:
    """One row of kinds per person in the log, the current one ticked."""
    rows: list[Row] = []
    for cid, name, current in people:
        rows.append(
            [
                (f"{_tick(k is current)}{name}: {k.label}", HistSetKind(moment, cid, k))
                for k in ConnectionType
            ]
        )
    rows.append(back_to_log(moment))
    return rows


def channel_rows(moment: int, current: Channel) -> list[Row]:
    buttons = [(f"{_tick(c is current)}{c.label}", HistChannel(moment, c)) for c in Channel]
    return [buttons[:2], buttons[2:], back_to_log(moment)]


def feeling_rows(moment: int, current: int | None) -> list[Row]:
    buttons = [
        (f"{_tick(f.value == current)}{f.label}", HistFeel(moment, f.value)) for f in FEELINGS
    ]
    rows: list[Row] = [buttons[:3], buttons[3:]]
    if current is not None:
        rows.append([("Clear the feeling", HistFeel(moment, None))])
    rows.append(back_to_log(moment))
    return rows


def note_rows(moment: int, has_note: bool) -> list[Row]:
    rows: list[Row] = []
    if has_note:
        rows.append([("Remove the note", HistNoteOff(moment))])
    rows.append(back_to_log(moment))
    return rows


def delete_rows(moment: int) -> list[Row]:
    return [
        [("Yes, delete it", HistDelete(moment, True))],
        [("No, keep it", HistDelete(moment, False))],
    ]


def saved_followup_rows(moment: int, has_feeling: bool, has_note: bool) -> list[Row]:
    """Under "Saved": one tap to add what a quick log left out."""
    row: list[tuple[str, CallbackData]] = []
    if not has_feeling:
        row.append(("Add how it felt", HistField(moment, Field.FEELING)))
    if not has_note:
        row.append(("Add a note", HistField(moment, Field.NOTE)))
    return [row] if row else []
