"""The suggestion catalogue and how one idea is picked for a check-in.

The catalogue lives in ``bot/data/suggestions.toml`` and is validated in full at start-up so a
typo stops the bot with a message naming the entry, rather than surfacing weeks later.

Choosing one idea for a check-in lives in ``bot/domain/choosing.py``.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from bot.domain.kinds import ConnectionType


class Strategy(StrEnum):
    """The article's families of ways to connect; the value is what storage keeps."""

    REACH_OUT = "reach-out"
    CLUB = "club"
    VOLUNTEER = "volunteer"
    BE_PRESENT = "be-present"
    ACTIVE_COMMUNICATION = "active-communication"
    DIGITAL = "digital"
    PROFESSIONAL_HELP = "professional-help"


class Effort(StrEnum):
    """Roughly how much time an idea asks for, in words the user reads."""

    TWO_MINUTES = "two minutes"
    HALF_AN_HOUR = "half an hour"
    AN_EVENING = "an evening"


KNOWN_INTERESTS: frozenset[str] = frozenset(
    {
        "art",
        "board games",
        "cooking",
        "dance",
        "faith",
        "games",
        "gardening",
        "hiking",
        "music",
        "reading",
        "running",
        "sport",
        "tech",
    }
)
"""Interest tags the catalogue may use; offer these to users when they pick interests."""

STRATEGIES_FOR_QUIET_KIND: Mapping[ConnectionType, frozenset[Strategy]] = {
    ConnectionType.INTIMATE: frozenset(
        {
            Strategy.REACH_OUT,
            Strategy.ACTIVE_COMMUNICATION,
            Strategy.DIGITAL,
            Strategy.BE_PRESENT,
        }
    ),
    ConnectionType.RELATIONAL: frozenset(
        {
            Strategy.REACH_OUT,
            Strategy.ACTIVE_COMMUNICATION,
            Strategy.DIGITAL,
            Strategy.BE_PRESENT,
        }
    ),
    ConnectionType.COLLECTIVE: frozenset({Strategy.CLUB, Strategy.VOLUNTEER}),
}
"""Which strategies answer a quiet kind."""

NAME_SLOT = "name"
MIN_CATALOGUE_SIZE = 40
REPEAT_WINDOW = timedelta(days=14)
"""An idea shown within this window is never shown again."""
ACTED_ON_WINDOW = timedelta(hours=48)
"""An idea counts as acted on when an interaction of its kind is logged within this window."""
acted_on_window = ACTED_ON_WINDOW  # the name used in the design brief

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_ID_LENGTH = 40
_MAX_TEXT_LENGTH = 300
_REQUIRED_KEYS = frozenset({"id", "text", "strategy", "kinds", "effort"})
_OPTIONAL_KEYS = frozenset({"interests", "slot_kinds"})
_DEFAULT_CATALOGUE = ("bot.data", "suggestions.toml")
_Choice = TypeVar("_Choice", Strategy, Effort)


class CatalogueError(ValueError):
    """The catalogue file is unusable; the message names the entry and the problem."""


@dataclass(frozen=True)
class Suggestion:
    """One catalogue idea. `slot_kinds` is non-empty exactly when `text` has a {name} slot."""

    id: str
    text: str
    strategy: Strategy
    kinds: tuple[ConnectionType, ...]
    effort: Effort
    interests: frozenset[str] = frozenset()
    slot_kinds: tuple[ConnectionType, ...] = ()

    @property
    def has_name_slot(self) -> bool:
        """Whether a contact's name must be filled in before showing it."""
        return bool(self.slot_kinds)

    def fill(self, name: str | None) -> str:
        """The text ready to show; `name` is required exactly when there is a slot."""
        if self.has_name_slot:
            if not name:
                raise ValueError(f"suggestion {self.id!r} needs a contact name")
            return self.text.format_map({NAME_SLOT: name})
        return self.text.format_map({})


@dataclass(frozen=True)
class Catalogue:
    """All suggestions, in file order (the order matters for deterministic choice)."""

    entries: tuple[Suggestion, ...]
    _by_id: Mapping[str, Suggestion] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.entries)

    def __contains__(self, suggestion_id: object) -> bool:
        return suggestion_id in self._by_id

    def get(self, suggestion_id: str) -> Suggestion | None:
        """The entry with this id, or None (history may mention retired ids)."""
        return self._by_id.get(suggestion_id)


@dataclass(frozen=True)
class ShownSuggestion:
    """One idea the user was shown before, and whether they acted on it."""

    suggestion_id: str
    strategy: Strategy
    shown_at: datetime
    acted_on: bool


@dataclass(frozen=True)
class ChosenSuggestion:
    """The idea to show: `text` is final (name filled in), plain text.

    `kind` is the kind it was chosen for (the quiet kind, or the named contact's kind for a
    light idea); `contact_id` is the contact named in the text, if any.
    """

    suggestion_id: str
    strategy: Strategy
    text: str
    kind: ConnectionType
    contact_id: int | None


# --- Loading and validation -------------------------------------------------------------------


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate the catalogue (the packaged one unless `path` is given).

    Raises CatalogueError for any problem; the bot should stop at start-up with its message.
    """
    if path is None:
        package, filename = _DEFAULT_CATALOGUE
        resource = resources.files(package).joinpath(filename)
        source = f"{package}/{filename}"
        try:
            text = resource.read_text(encoding="utf-8")
        except OSError as error:
            raise CatalogueError(f"{source}: cannot read the catalogue ({error})") from error
    else:
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CatalogueError(f"{source}: cannot read the catalogue ({error})") from error
    return parse_catalogue(text, source=source)


def parse_catalogue(
    text: str, *, source: str = "<catalogue>", min_entries: int = MIN_CATALOGUE_SIZE
) -> Catalogue:
    """Validate TOML text holding ``[[suggestion]]`` tables and build the catalogue.

    Errors read like ``suggestions.toml: suggestion #7 (id 'voice-note'): unknown strategy
    'reachout' (expected one of: ...)``; entries are numbered from 1 in file order.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{source}: not valid TOML ({error})") from error
    unexpected = sorted(set(document) - {"suggestion"})
    if unexpected:
        raise CatalogueError(f"{source}: unexpected top-level keys {unexpected}")
    raw_entries = document.get("suggestion", [])
    if not isinstance(raw_entries, list):
        raise CatalogueError(f"{source}: 'suggestion' must be an array of tables")
    entries: list[Suggestion] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries, start=1):
        entry = _parse_entry(raw, _EntryLabel(source, index, raw))
        if entry.id in seen:
            raise CatalogueError(
                f"{source}: suggestion #{index} (id {entry.id!r}): duplicate id, "
                f"already used by suggestion #{seen[entry.id]}"
            )
        seen[entry.id] = index
        entries.append(entry)
    if len(entries) < min_entries:
        raise CatalogueError(
            f"{source}: only {len(entries)} suggestions, at least {min_entries} are needed"
        )
    return Catalogue(tuple(entries))


@dataclass(frozen=True)
class _EntryLabel:
    """Names an entry in error messages: by index, and by id when it has a usable one."""

    source: str
    index: int
    raw: object

    def error(self, problem: str) -> CatalogueError:
        name = f"suggestion #{self.index}"
        if isinstance(self.raw, dict) and isinstance(self.raw.get("id"), str):
            name += f" (id {self.raw['id']!r})"
        return CatalogueError(f"{self.source}: {name}: {problem}")


def _parse_entry(raw: object, label: _EntryLabel) -> Suggestion:
    if not isinstance(raw, dict):
        raise label.error("must be a table")
    missing = sorted(_REQUIRED_KEYS - set(raw))
    if missing:
        raise label.error(f"missing {', '.join(missing)}")
    unknown = sorted(set(raw) - _REQUIRED_KEYS - _OPTIONAL_KEYS)
    if unknown:
        raise label.error(f"unknown field(s) {', '.join(unknown)}")

    suggestion_id = _require_str(raw, "id", label)
    if len(suggestion_id) > _MAX_ID_LENGTH or not _SLUG.match(suggestion_id):
        raise label.error(
            f"id must be a short lowercase slug like 'voice-note' (got {suggestion_id!r})"
        )
    text = _require_str(raw, "text", label).strip()
    if not text:
        raise label.error("empty text")
    if len(text) > _MAX_TEXT_LENGTH:
        raise label.error(f"text is longer than {_MAX_TEXT_LENGTH} characters")
    has_slot = _check_slots(text, label)

    strategy = _require_choice(raw, "strategy", Strategy, label)
    effort = _require_choice(raw, "effort", Effort, label)
    kinds = _kind_list(raw, "kinds", label)
    if not kinds:
        raise label.error("kinds must name at least one kind")

    interests = _string_list(raw.get("interests", []), "interests", label)
    unknown_interests = sorted(set(interests) - KNOWN_INTERESTS)
    if unknown_interests:
        raise label.error(
            f"unknown interest(s) {', '.join(map(repr, unknown_interests))} "
            f"(expected some of: {', '.join(sorted(KNOWN_INTERESTS))})"
        )

    if "slot_kinds" in raw:
        if not has_slot:
            raise label.error("slot_kinds given but the text has no {name} slot")
        slot_kinds = _kind_list(raw, "slot_kinds", label)
        if not slot_kinds:
            raise label.error("slot_kinds must name at least one kind")
    else:
        slot_kinds = kinds if has_slot else ()

    return Suggestion(
        id=suggestion_id,
        text=text,
        strategy=strategy,
        kinds=kinds,
        effort=effort,
        interests=frozenset(interests),
        slot_kinds=slot_kinds,
    )


def _check_slots(text: str, label: _EntryLabel) -> bool:
    """Accept only a plain {name} slot; anything else in braces is a typo waiting to show."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise label.error(f"text has unbalanced braces ({error}); write {{{{ for a brace") from None
    has_slot = False
    for _literal, field_name, format_spec, conversion in parts:
        if field_name is None:
            continue
        if field_name != NAME_SLOT:
            shown = "{" + field_name + "}"
            raise label.error(f"unknown slot {shown} in text (only {{name}} is allowed)")
        if format_spec or conversion:
            raise label.error("the {name} slot takes no format spec or conversion")
        has_slot = True
    return has_slot


def _require_str(raw: Mapping[str, Any], key: str, label: _EntryLabel) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise label.error(f"{key} must be a string")
    return value


def _require_choice(
    raw: Mapping[str, Any], key: str, enum: type[_Choice], label: _EntryLabel
) -> _Choice:
    value = _require_str(raw, key, label)
    try:
        return enum(value)
    except ValueError:
        expected = ", ".join(repr(member.value) for member in enum)
        raise label.error(f"unknown {key} {value!r} (expected one of: {expected})") from None


def _string_list(value: object, key: str, label: _EntryLabel) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise label.error(f"{key} must be a list of strings")
    if len(set(value)) != len(value):
        raise label.error(f"{key} lists the same value twice")
    return list(value)


def _kind_list(raw: Mapping[str, Any], key: str, label: _EntryLabel) -> tuple[ConnectionType, ...]:
    names = _string_list(raw[key], key, label)
    kinds: list[ConnectionType] = []
    for name in names:
        try:
            kinds.append(ConnectionType(name))
        except ValueError:
            expected = ", ".join(kind.value for kind in ConnectionType)
            raise label.error(f"unknown kind {name!r} in {key} (expected: {expected})") from None
    return tuple(kinds)


# --- Acting on an idea -------------------------------------------------------------------------


def is_acted_on(
    shown_at: datetime,
    suggestion_kinds: ConnectionType | Collection[ConnectionType],
    interaction_at: datetime,
    interaction_kind: ConnectionType,
) -> bool:
    """Whether a logged interaction counts as acting on an idea shown at `shown_at`.

    It does when its kind is one the idea serves (pass the entry's `kinds`, or the chosen
    `kind`) and it was logged from `shown_at` up to `ACTED_ON_WINDOW` later, inclusive.
    """
    kinds = (
        (suggestion_kinds,) if isinstance(suggestion_kinds, ConnectionType) else suggestion_kinds
    )
    return interaction_kind in kinds and shown_at <= interaction_at <= shown_at + ACTED_ON_WINDOW
