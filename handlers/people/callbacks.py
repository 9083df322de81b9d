"""/people's buttons. Each names its contact; the id is checked against the user in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.callbacks import CallbackData
from bot.domain.kinds import ConnectionType


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
