"""The suggestion catalogue: its vocabulary, loading, start-up validation and rendering.

The catalogue lives in ``bot/data/suggestions.toml`` (the field guide is at the top of that
file) and is validated in full at start-up, so a typo stops the bot with a message naming the
entry rather than surfacing weeks later as "Go along to Running club" in someone's check-in.

Slots say what fills them, because the grammar differs: ``{person}`` / ``{person's}`` take a
person's name as Tend says it back ("your sister", "Sam's"), ``{group}`` a group's name with an
article where it needs one ("the food bank", "choir practice", "Running Club"); see
`bot.domain.name_forms`. The older ``{name}`` still works: it is a person or a group by its
``slot_kinds``. Choosing an idea is `bot.domain.suggestions`' job, not this module's.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from bot.domain.kinds import ConnectionType
from bot.domain.name_forms import capitalise_first, group_form, person_form, person_possessive


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


class SlotRole(StrEnum):
    """What fills a template's slot: the grammar of a person's name and a group's differ."""

    PERSON = "person"
    GROUP = "group"


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

SITUATION_LABELS: Mapping[str, str] = {
    "housebound": "I'm housebound or don't get about easily",
    "new-in-town": "I'm new in town",
    "young-children": "I have young children",
    "shift-work": "I work shifts",
    "student": "I'm a student",
    "older-alone": "I'm older and live on my own",
    "introvert": "I prefer quiet, one-to-one time",
}
"""Situations an idea may especially suit, with the words a user would pick them by."""

SITUATIONS: frozenset[str] = frozenset(SITUATION_LABELS)

LIVES_WITH_SOMEONE = "lives-with-someone"
CIRCUMSTANCE_LABELS: Mapping[str, str] = {
    **SITUATION_LABELS,
    LIVES_WITH_SOMEONE: "I live with someone (partner, family, housemates)",
}
"""Everything a user can say about their life: situations plus living with someone."""

CIRCUMSTANCES: frozenset[str] = frozenset(CIRCUMSTANCE_LABELS)

NAME_SLOT = "name"
PERSON_SLOT = "person"
PERSON_POSSESSIVE_SLOT = "person's"
GROUP_SLOT = "group"
_SLOT_ROLES: Mapping[str, SlotRole | None] = {
    NAME_SLOT: None,  # decided by slot_kinds
    PERSON_SLOT: SlotRole.PERSON,
    PERSON_POSSESSIVE_SLOT: SlotRole.PERSON,
    GROUP_SLOT: SlotRole.GROUP,
}

MIN_CATALOGUE_SIZE = 40
DEFAULT_REPEAT_DAYS = 14
"""An idea shown within this many days is not shown again (unless it says otherwise)."""
PROFESSIONAL_HELP_REPEAT_DAYS = 30
"""Professional help is offered gently: never the same idea within a month."""

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_ID_LENGTH = 40
_MAX_TEXT_LENGTH = 300
_MAX_REPEAT_DAYS = 365
_REQUIRED_KEYS = frozenset({"id", "text", "strategy", "kinds", "effort"})
_OPTIONAL_KEYS = frozenset(
    {"interests", "slot_kinds", "situations", "requires", "unsuited", "min_repeat_days"}
)
_DEFAULT_CATALOGUE = ("bot.data", "suggestions.toml")
_GENDERED = re.compile(r"\b(he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(
    r"\b(they|them|their|theirs|themselves|they're|they'll|they'd|they've)\b", re.IGNORECASE
)
_WITH_BEFORE_SLOT = re.compile(r"\bwith\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(^|[.!?][\"')\u201d]?\s+)$")
_Choice = TypeVar("_Choice", Strategy, Effort)


class CatalogueError(ValueError):
    """The catalogue file is unusable; the message names the entry and the problem."""


@dataclass(frozen=True)
class Suggestion:
    """One catalogue idea. `slot_kinds` is non-empty exactly when `text` has a slot.

    `situations` are the lives it especially suits, `requires` what must be true of the user
    before it may be shown (e.g. "lives-with-someone"), `unsuited` whom it should not be offered
    to (e.g. "housebound" for going out). `min_repeat_days` is its own repeat window.
    """

    id: str
    text: str
    strategy: Strategy
    kinds: tuple[ConnectionType, ...]
    effort: Effort
    interests: frozenset[str] = frozenset()
    slot_kinds: tuple[ConnectionType, ...] = ()
    slot_role: SlotRole | None = None
    situations: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    unsuited: frozenset[str] = frozenset()
    min_repeat_days: int = DEFAULT_REPEAT_DAYS

    def __post_init__(self) -> None:
        if self.slot_role is None and self.slot_kinds:
            # Built directly with only slot_kinds (older callers): groups fill a group slot.
            only_groups = set(self.slot_kinds) == {ConnectionType.COLLECTIVE}
            object.__setattr__(
                self, "slot_role", SlotRole.GROUP if only_groups else SlotRole.PERSON
            )

    @property
    def has_name_slot(self) -> bool:
        """Whether a contact's name must be filled in before showing it."""
        return bool(self.slot_kinds)

    @property
    def repeat_window(self) -> timedelta:
        """How long after being shown this idea must wait before it is shown again."""
        return timedelta(days=self.min_repeat_days)

    def fits(self, circumstances: frozenset[str]) -> bool:
        """Whether it may be offered to a user who said these `CIRCUMSTANCES` apply."""
        return self.requires <= circumstances and not (self.unsuited & circumstances)

    def render(self, name: str | None) -> str:
        """The text ready to show, the name in the form its slot needs (see name_forms)."""
        if self.has_name_slot and not (name and name.strip()):
            raise ValueError(f"suggestion {self.id!r} needs a contact name")
        return render_template(self.text, name, self.slot_role)

    def fill(self, name: str | None) -> str:
        """The text ready to show; `name` is required exactly when there is a slot."""
        return self.render(name)


def render_template(text: str, name: str | None, role: SlotRole | None = None) -> str:
    """Fill `text`'s slots with `name` in the right form; `role` decides what {name} is.

    A slot that opens a sentence is capitalised ("Your sister", "The food bank").
    """
    out: list[str] = []
    for literal, field_name in _template_parts(text):
        out.append(literal)
        if field_name is None:
            continue
        if name is None:
            raise ValueError(f"the template needs a name for {{{field_name}}}")
        slot_role = _SLOT_ROLES.get(field_name, role) or role or SlotRole.PERSON
        if slot_role is SlotRole.GROUP:
            form = group_form(name)
        elif field_name == PERSON_POSSESSIVE_SLOT:
            form = person_possessive(name)
        else:
            form = person_form(name)
        if _SENTENCE_END.search("".join(out)):
            form = capitalise_first(form)
        out.append(form)
    return "".join(out)


@lru_cache(maxsize=1024)  # the catalogue's few hundred texts, parsed once, not per check-in
def _template_parts(text: str) -> tuple[tuple[str, str | None], ...]:
    return tuple(
        (literal, field) for literal, field, _spec, _conv in string.Formatter().parse(text)
    )


def kind_bucket(suggestion: Suggestion) -> ConnectionType:
    """Which kind an idea counts towards when checking the balance.

    Anything serving groups counts as collective; otherwise anything serving someone close
    counts as intimate (intimate-only or intimate+relational); the rest is relational-only.
    """
    if ConnectionType.COLLECTIVE in suggestion.kinds:
        return ConnectionType.COLLECTIVE
    if ConnectionType.INTIMATE in suggestion.kinds:
        return ConnectionType.INTIMATE
    return ConnectionType.RELATIONAL


@dataclass(frozen=True)
class CataloguePolicy:
    """What the shipped catalogue must offer as a whole, on top of each entry being valid."""

    min_entries: int = 140
    min_per_kind: int = 30
    min_professional_help: int = 8
    min_per_situation: int = 3
    explicit_professional_repeat: bool = True


SHIPPED_POLICY = CataloguePolicy()


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

    def kind_counts(self) -> Counter[ConnectionType]:
        """Everyday ideas per `kind_bucket` (professional help serves every kind: left out)."""
        return Counter(
            kind_bucket(entry)
            for entry in self.entries
            if entry.strategy is not Strategy.PROFESSIONAL_HELP
        )

    def situation_counts(self) -> Counter[str]:
        """Ideas per situation or precondition, counting both `situations` and `requires`."""
        return Counter(tag for entry in self.entries for tag in entry.situations | entry.requires)


# --- Loading and validation -------------------------------------------------------------------

_SHIPPED: Any = object()


def load_catalogue(
    path: Path | None = None, *, policy: CataloguePolicy | None = _SHIPPED
) -> Catalogue:
    """Read and validate the catalogue (the packaged one unless `path` is given).

    The packaged catalogue is also held to `SHIPPED_POLICY` (balance, professional help,
    situations); a file given by path only to the `policy` passed. Raises CatalogueError for
    any problem; the bot should stop at start-up with its message.
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
    if policy is _SHIPPED:
        policy = SHIPPED_POLICY if path is None else None
    return parse_catalogue(text, source=source, policy=policy)


def parse_catalogue(
    text: str,
    *,
    source: str = "<catalogue>",
    min_entries: int = MIN_CATALOGUE_SIZE,
    policy: CataloguePolicy | None = None,
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
        label = _EntryLabel(source, index, raw)
        entry = _parse_entry(raw, label)
        if entry.id in seen:
            raise CatalogueError(
                f"{source}: suggestion #{index} (id {entry.id!r}): duplicate id, "
                f"already used by suggestion #{seen[entry.id]}"
            )
        if (
            policy is not None
            and policy.explicit_professional_repeat
            and entry.strategy is Strategy.PROFESSIONAL_HELP
            and "min_repeat_days" not in raw
        ):
            raise label.error(
                f"professional-help ideas must set min_repeat_days "
                f"(at least {PROFESSIONAL_HELP_REPEAT_DAYS})"
            )
        seen[entry.id] = index
        entries.append(entry)
    wanted = max(min_entries, policy.min_entries if policy is not None else 0)
    if len(entries) < wanted:
        raise CatalogueError(
            f"{source}: only {len(entries)} suggestions, at least {wanted} are needed"
        )
    catalogue = Catalogue(tuple(entries))
    if policy is not None:
        _check_policy(catalogue, policy, source)
    return catalogue


def _check_policy(catalogue: Catalogue, policy: CataloguePolicy, source: str) -> None:
    """The whole-catalogue rules: enough for every kind, situation and for professional help."""
    per_kind = catalogue.kind_counts()
    for kind in ConnectionType:
        if per_kind[kind] < policy.min_per_kind:
            raise CatalogueError(
                f"{source}: only {per_kind[kind]} everyday ideas count as {kind.value}, "
                f"at least {policy.min_per_kind} are needed (see kind_bucket)"
            )
    professional = sum(entry.strategy is Strategy.PROFESSIONAL_HELP for entry in catalogue)
    if professional < policy.min_professional_help:
        raise CatalogueError(
            f"{source}: only {professional} professional-help ideas, "
            f"at least {policy.min_professional_help} are needed"
        )
    per_situation = catalogue.situation_counts()
    for situation in sorted(SITUATIONS):
        if per_situation[situation] < policy.min_per_situation:
            raise CatalogueError(
                f"{source}: only {per_situation[situation]} ideas for situation "
                f"{situation!r}, at least {policy.min_per_situation} are needed"
            )


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
    slots = _slots(text, label)

    strategy = _require_choice(raw, "strategy", Strategy, label)
    effort = _require_choice(raw, "effort", Effort, label)
    kinds = _kind_list(raw, "kinds", label)
    if not kinds:
        raise label.error("kinds must name at least one kind")

    interests = _vocabulary(raw, "interests", KNOWN_INTERESTS, label)
    situations = _vocabulary(raw, "situations", SITUATIONS, label)
    requires = _vocabulary(raw, "requires", CIRCUMSTANCES, label)
    unsuited = _vocabulary(raw, "unsuited", SITUATIONS, label)
    clash = sorted((situations | requires) & unsuited)
    if clash:
        raise label.error(f"{', '.join(map(repr, clash))} is both suited and unsuited")
    if "older-alone" in situations | requires and LIVES_WITH_SOMEONE in requires:
        raise label.error("'older-alone' contradicts requires 'lives-with-someone'")

    slot_role, slot_kinds = _slot_role_and_kinds(raw, slots, kinds, label)
    _check_slot_grammar(text, slot_role, label)
    min_repeat_days = _repeat_days(raw, strategy, label)

    return Suggestion(
        id=suggestion_id,
        text=text,
        strategy=strategy,
        kinds=kinds,
        effort=effort,
        interests=interests,
        slot_kinds=slot_kinds,
        slot_role=slot_role,
        situations=situations,
        requires=requires,
        unsuited=unsuited,
        min_repeat_days=min_repeat_days,
    )


def _slots(text: str, label: _EntryLabel) -> frozenset[str]:
    """The slot names used; anything unknown in braces is a typo waiting to be shown."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise label.error(f"text has unbalanced braces ({error}); write {{{{ for a brace") from None
    found: set[str] = set()
    for _literal, field_name, format_spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in _SLOT_ROLES:
            shown = "{" + field_name + "}"
            raise label.error(
                f"unknown slot {shown} in text (use {{person}}, {{person's}} or {{group}})"
            )
        if format_spec or conversion:
            raise label.error(f"the {{{field_name}}} slot takes no format spec or conversion")
        found.add(field_name)
    if NAME_SLOT in found and len(found) > 1:
        raise label.error("the old {name} slot cannot be mixed with {person} or {group}")
    if GROUP_SLOT in found and found & {PERSON_SLOT, PERSON_POSSESSIVE_SLOT}:
        raise label.error("a text has one contact: use {person} or {group}, not both")
    return frozenset(found)


def _slot_role_and_kinds(
    raw: Mapping[str, Any],
    slots: frozenset[str],
    kinds: tuple[ConnectionType, ...],
    label: _EntryLabel,
) -> tuple[SlotRole | None, tuple[ConnectionType, ...]]:
    """Who may fill the slot, checked against what the slot is (a person or a group)."""
    collective = ConnectionType.COLLECTIVE
    if not slots:
        if "slot_kinds" in raw:
            raise label.error("slot_kinds given but the text has no {person} or {group} slot")
        return None, ()
    explicit = "slot_kinds" in raw
    if explicit:
        slot_kinds = _kind_list(raw, "slot_kinds", label)
        if not slot_kinds:
            raise label.error("slot_kinds must name at least one kind")
    if NAME_SLOT in slots:
        slot_kinds = slot_kinds if explicit else kinds
        if set(slot_kinds) == {collective}:
            return SlotRole.GROUP, slot_kinds
        if collective in slot_kinds:
            raise label.error(
                "{name} would be filled by both people and groups: "
                "use {person} or {group} (and slot_kinds)"
            )
        return SlotRole.PERSON, slot_kinds
    if GROUP_SLOT in slots:
        if collective not in kinds:
            raise label.error("a {group} slot in an idea that does not serve collective")
        if explicit and set(slot_kinds) != {collective}:
            raise label.error("a {group} slot is filled by groups: slot_kinds must be collective")
        return SlotRole.GROUP, (collective,)
    if not explicit:
        slot_kinds = tuple(kind for kind in kinds if kind is not collective)
        if not slot_kinds:
            raise label.error(
                "a {person} slot in a collective-only idea: set slot_kinds to the people "
                "who may be named (intimate, relational)"
            )
    if collective in slot_kinds:
        raise label.error("a group cannot fill a {person} slot: take collective out of slot_kinds")
    return SlotRole.PERSON, slot_kinds


def _check_slot_grammar(text: str, role: SlotRole | None, label: _EntryLabel) -> None:
    """Pronouns and "with {group}" read wrongly for someone's name; catch them at start-up."""
    gendered = _GENDERED.search(text)
    if gendered:
        raise label.error(f"gendered pronoun {gendered.group(0)!r}: rewrite without it")
    if role is None:
        return
    pronoun = _THIRD_PERSON.search(text)
    if pronoun:
        raise label.error(
            f"pronoun {pronoun.group(0)!r} in a text with a slot: rewrite so it reads for "
            "any person or group"
        )
    if role is SlotRole.GROUP:
        for literal, field_name, _spec, _conv in string.Formatter().parse(text):
            if field_name is not None and _WITH_BEFORE_SLOT.search(literal):
                raise label.error(
                    "'with' before a group reads badly ('with choir practice'): "
                    "use 'at', 'to' or 'from'"
                )


def _repeat_days(raw: Mapping[str, Any], strategy: Strategy, label: _EntryLabel) -> int:
    floor = PROFESSIONAL_HELP_REPEAT_DAYS if strategy is Strategy.PROFESSIONAL_HELP else 1
    if "min_repeat_days" not in raw:
        return max(DEFAULT_REPEAT_DAYS, floor)
    value = raw["min_repeat_days"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise label.error("min_repeat_days must be a whole number of days")
    if not floor <= value <= _MAX_REPEAT_DAYS:
        raise label.error(f"min_repeat_days must be between {floor} and {_MAX_REPEAT_DAYS}")
    return value


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


def _vocabulary(
    raw: Mapping[str, Any], key: str, known: frozenset[str], label: _EntryLabel
) -> frozenset[str]:
    values = _string_list(raw.get(key, []), key, label)
    unknown = sorted(set(values) - known)
    if unknown:
        singular = {"interests": "interest", "situations": "situation"}.get(key, "tag")
        raise label.error(
            f"unknown {singular}(s) {', '.join(map(repr, unknown))} in {key} "
            f"(expected some of: {', '.join(sorted(known))})"
        )
    return frozenset(values)


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
