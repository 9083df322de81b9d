"""What /people shows: the list pages, a contact's card and its pickers, and their buttons.

Views are built from the database on every press, so an old message shows fresh figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from telegram import InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.contact_menu import PAGE_SIZE, clamp_page, page_count
from bot.domain.feelings import feeling_label
from bot.domain.kinds import ConnectionType
from bot.domain.log_buttons import LogWith
from bot.domain.log_context import channel_noun, short_date, since_phrase
from bot.domain.log_questions import Row
from bot.domain.names import search_key
from bot.domain.rhythm import RHYTHM_OPTIONS, rhythm_label
from handlers.keyboards import keyboard
from storage.contacts import Contact, ContactOverview, ContactRepository
from storage.interactions import InteractionRepository
from storage.users import User

RECENT_SHOWN = 5
"""History lines on a contact's card."""

NOTE_SHOWN = 120
"""Characters of each note on a card, so five long notes stay well inside one message."""

RECENT_WINDOW = timedelta(days=90)

_KIND_ORDER = {kind: index for index, kind in enumerate(ConnectionType)}


class Action(StrEnum):
    """Buttons on a contact's card."""

    RENAME = "rn"
    KIND = "kd"
    RHYTHM = "rh"
    DRIFT = "dr"
    RETURN = "bk"
    DELETE = "dl"


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


async def list_view(
    context: TendContext, user: User, page: int, drifted: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the list (or of the drifted ones), grouped by kind."""
    now = context.services.clock.now()
    overview = await ContactRepository(context.services.db).overview(user.id, now - RECENT_WINDOW)
    shown = sorted(
        (item for item in overview if item.contact.archived == drifted),
        key=lambda item: (
            _KIND_ORDER[item.contact.kind],
            search_key(item.contact.name),
            item.contact.id,
        ),
    )
    drifted_count = sum(1 for item in overview if item.contact.archived)
    page = clamp_page(page, len(shown))
    pages = page_count(len(shown))
    on_page = shown[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows: list[Row] = []
    buttons = [(item.contact.name, PeopleOpen(item.contact.id, page)) for item in on_page]
    rows += [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    nav: Row = []
    if page > 0:
        nav = [*nav, ("‹ Previous", PeopleList(page - 1, drifted))]
    if page < pages - 1:
        nav = [*nav, ("Next ›", PeopleList(page + 1, drifted))]
    if nav:
        rows.append(nav)
    if drifted:
        rows.append([("‹ Your people", PeopleList(0, False))])
    elif drifted_count:
        rows.append([(f"Drifted ({drifted_count})", PeopleList(0, True))])

    if drifted:
        header = f"Drifted ({len(shown)}): out of menus and nudges; their history stays."
    elif shown:
        header = f"Your people and groups ({len(shown)})"
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
            lines += [f"• {list_line(item, context, user)}" for item in in_kind]
    if on_page:
        lines += ["", "Tap a name for their history and options."]
    return "\n".join(lines), keyboard(rows)


def list_line(item: ContactOverview, context: TendContext, user: User) -> str:
    """ "Mum — 3 days ago · every week"."""
    since = since_phrase(item.last_at, context.services.clock.now(), user.zone)
    rhythm = (
        f" · {rhythm_label(item.contact.rhythm_days).lower()}" if item.contact.rhythm_days else ""
    )
    return f"{item.contact.name} — {since}{rhythm}"


async def card_view(
    context: TendContext, user: User, contact: Contact, page: int, *, intro: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """A contact's card: kind, rhythm, recent history, and what can be done."""
    now = context.services.clock.now()
    today = now.astimezone(user.zone).date()
    history = await InteractionRepository(context.services.db).for_contact(
        user.id, contact.id, RECENT_SHOWN
    )
    rhythm = rhythm_label(contact.rhythm_days).lower() if contact.rhythm_days else "no rhythm"
    status = " · drifted" if contact.archived else ""
    lines = [contact.name, f"{contact.kind.label} · {rhythm}{status}"]
    if history:
        last = since_phrase(history[0].occurred_at, now, user.zone)
        lines += [f"Last connection: {last}.", "", "Recent:"]
        for item in history:
            parts = [
                short_date(item.occurred_at.astimezone(user.zone).date(), today),
                channel_noun(item.channel),
            ]
            if item.feeling is not None:
                parts.append(feeling_label(item.feeling))
            lines.append("• " + " · ".join(parts))
            if item.note:
                lines.append(f"  “{_clip(item.note)}”")
    else:
        lines.append("Nothing logged yet.")
    drift: Row = (
        [("Bring back", PeopleAct(contact.id, Action.RETURN, page))]
        if contact.archived
        else [("Let drift", PeopleAct(contact.id, Action.DRIFT, page))]
    )
    rows: list[Row] = [
        [("Log a connection", LogWith(contact.id))],
        [
            ("Rename", PeopleAct(contact.id, Action.RENAME, page)),
            ("Change kind", PeopleAct(contact.id, Action.KIND, page)),
        ],
        [("Rhythm", PeopleAct(contact.id, Action.RHYTHM, page)), *drift],
        [
            ("Delete", PeopleAct(contact.id, Action.DELETE, page)),
            ("‹ Back", PeopleList(page, contact.archived)),
        ],
    ]
    text = "\n".join(lines)
    return (f"{intro}\n\n{text}" if intro else text), keyboard(rows)


def kind_view(contact: Contact, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The kind picker, the current kind ticked."""
    rows: list[Row] = [
        [
            (
                f"{'✓ ' if kind is contact.kind else ''}{kind.label} · {kind.examples}",
                PeopleKind(contact.id, kind, page),
            )
        ]
        for kind in ConnectionType
    ]
    rows.append([("‹ Back", PeopleOpen(contact.id, page))])
    text = (
        f"What kind of connection is {contact.name}? Now: {contact.kind.label}. "
        "Tap one, or type intimate, relational or collective."
    )
    return text, keyboard(rows)


def rhythm_view(contact: Contact, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The rhythm picker, the current rhythm ticked."""
    buttons = [
        (
            f"{'✓ ' if option.days == contact.rhythm_days else ''}{option.label}",
            PeopleRhythm(contact.id, option.days, page),
        )
        for option in RHYTHM_OPTIONS
    ]
    rows: list[Row] = [buttons[:2], buttons[2:], [("‹ Back", PeopleOpen(contact.id, page))]]
    now = rhythm_label(contact.rhythm_days).lower() if contact.rhythm_days else "no rhythm"
    text = (
        f"How often would you like to be in touch with {contact.name}? Now: {now}. "
        "Tap one, or type one like every 10 days."
    )
    return text, keyboard(rows)


def delete_view(contact: Contact, count: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The delete confirmation, saying how much history goes with it."""
    history = f" and their {count} logged connection{'s' if count != 1 else ''}" if count else ""
    text = (
        f"Delete {contact.name}{history}? This can't be undone.\n"
        "To keep the history but take them out of menus and nudges, let them drift instead."
    )
    rows: list[Row] = [
        [(f"Yes, delete {contact.name}", PeopleDelete(contact.id, True, page))],
        [(f"No, keep {contact.name}", PeopleDelete(contact.id, False, page))],
    ]
    return text, keyboard(rows)


def _clip(note: str) -> str:
    flat = " ".join(note.split())
    return flat if len(flat) <= NOTE_SHOWN else flat[: NOTE_SHOWN - 1] + "…"
