"""Which crisis line to offer, from the user's IANA time zone, with no network call.

The table lives in ``bot/data/crisis_lines.toml`` (one entry per country, each line with the
source where its number can be checked). The country comes from the zone through the IANA
``zone.tab`` and the link list in ``tzdata.zi`` that the ``tzdata`` package ships, so
"Europe/Belfast" and "US/Eastern" resolve too. Fixed offsets ("Etc/GMT-2", "UTC") name no
country: the user then gets findahelpline.com, which lists services everywhere.

``validate()`` runs at start-up, so a bad entry stops the bot with a message naming it rather
than surfacing the day someone needs it.
"""

from __future__ import annotations

import tomllib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

FINDAHELPLINE_URL = "https://findahelpline.com"
"""Where to look when the country is unknown or not in the table."""
MIN_COUNTRIES = 30

_DEFAULT_TABLE = ("bot.data", "crisis_lines.toml")
_COUNTRY_KEYS = frozenset({"code", "name", "emergency", "line"})
_LINE_KEYS = frozenset({"service", "phone", "text", "source"})
_NOT_A_COUNTRY = frozenset(
    {
        "CET",
        "CST6CDT",
        "EET",
        "EST",
        "EST5EDT",
        "Factory",
        "GMT",
        "GMT+0",
        "GMT-0",
        "GMT0",
        "Greenwich",
        "HST",
        "MET",
        "MST",
        "MST7MDT",
        "PST8PDT",
        "UCT",
        "UTC",
        "Universal",
        "WET",
        "Zulu",
    }
)
"""Zone names that are time standards, not places (some are links to a city since 2024b)."""


class CrisisTableError(ValueError):
    """The crisis-line table is unusable; the message names the entry and the problem."""


@dataclass(frozen=True)
class HelpLine:
    """One service: at least one of `phone` and `text` is set."""

    service: str
    phone: str | None
    text: str | None
    source: str


@dataclass(frozen=True)
class CountryLines:
    """Everything the table says for one country."""

    code: str
    name: str
    emergency: str
    lines: tuple[HelpLine, ...]


@dataclass(frozen=True)
class CrisisLines:
    """What to show one user: their country's lines, or (when None) findahelpline.com."""

    country: CountryLines | None
    fallback_url: str = FINDAHELPLINE_URL

    @property
    def known(self) -> bool:
        """Whether we know the user's country and have lines for it."""
        return self.country is not None


@dataclass(frozen=True)
class CrisisTable:
    """The validated table, by country code."""

    countries: Mapping[str, CountryLines]
    reviewed: str


# --- Zones to countries --------------------------------------------------------------------------


def _tzdata_text(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


@cache
def zone_countries() -> Mapping[str, str]:
    """Every IANA zone name (canonical or link) that belongs to exactly one country."""
    countries: dict[str, str] = {}
    for row in _tzdata_text("zone.tab").splitlines():
        if row.startswith("#") or not row.strip():
            continue
        fields = row.split("\t")
        countries[fields[2]] = fields[0]
    for row in _tzdata_text("tzdata.zi").splitlines():
        if not row.startswith("L "):
            continue
        _, target, link = row.split()
        if link in countries or not _is_place(link) or target not in countries:
            continue
        countries[link] = countries[target]
    return countries


def _is_place(zone_name: str) -> bool:
    return zone_name not in _NOT_A_COUNTRY and not zone_name.startswith(("Etc/", "SystemV/"))


def country_for_zone(zone_name: str | None) -> str | None:
    """ISO country code for an IANA zone, or None (fixed offsets, UTC, unknown names)."""
    if not zone_name:
        return None
    return zone_countries().get(zone_name)


def lines_for_zone(zone_name: str | None, table: CrisisTable | None = None) -> CrisisLines:
    """The lines to offer a user in this zone; findahelpline.com when the country is unknown."""
    table = table or load_crisis_table()
    code = country_for_zone(zone_name)
    return CrisisLines(table.countries.get(code) if code else None)


# --- Loading and validation ----------------------------------------------------------------------


@cache
def load_crisis_table() -> CrisisTable:
    """The packaged table, parsed once (raises CrisisTableError when it is unusable)."""
    package, filename = _DEFAULT_TABLE
    source = f"{package}/{filename}"
    try:
        text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    except OSError as error:
        raise CrisisTableError(f"{source}: cannot read the table ({error})") from error
    return parse_crisis_table(text, source=source)


def load_crisis_table_from(path: Path) -> CrisisTable:
    """A table from a file (tests, or checking an edited copy)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CrisisTableError(f"{path}: cannot read the table ({error})") from error
    return parse_crisis_table(text, source=str(path))


def parse_crisis_table(
    text: str, *, source: str = "<crisis lines>", min_countries: int = MIN_COUNTRIES
) -> CrisisTable:
    """Validate TOML text holding ``[[country]]`` tables; errors name the entry."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CrisisTableError(f"{source}: not valid TOML ({error})") from error
    unexpected = sorted(set(document) - {"country", "reviewed"})
    if unexpected:
        raise CrisisTableError(f"{source}: unexpected top-level keys {unexpected}")
    reviewed = document.get("reviewed")
    if not isinstance(reviewed, str) or not reviewed:
        raise CrisisTableError(f"{source}: 'reviewed' must give the date the table was checked")
    raw_countries = document.get("country", [])
    if not isinstance(raw_countries, list):
        raise CrisisTableError(f"{source}: 'country' must be an array of tables")
    countries: dict[str, CountryLines] = {}
    for index, raw in enumerate(raw_countries, start=1):
        country = _parse_country(raw, f"{source}: country #{index}")
        if country.code in countries:
            raise CrisisTableError(f"{source}: country #{index} ({country.code}): listed twice")
        countries[country.code] = country
    if len(countries) < min_countries:
        raise CrisisTableError(
            f"{source}: only {len(countries)} countries, at least {min_countries} are needed"
        )
    return CrisisTable(countries=countries, reviewed=reviewed)


def _parse_country(raw: object, label: str) -> CountryLines:
    if not isinstance(raw, dict):
        raise CrisisTableError(f"{label}: must be a table")
    if isinstance(raw.get("code"), str):
        label = f"{label} ({raw['code']})"
    unknown = sorted(set(raw) - _COUNTRY_KEYS)
    if unknown:
        raise CrisisTableError(f"{label}: unknown field(s) {', '.join(unknown)}")
    missing = sorted(_COUNTRY_KEYS - set(raw))
    if missing:
        raise CrisisTableError(f"{label}: missing {', '.join(missing)}")
    code = _text(raw, "code", label)
    if len(code) != 2 or not code.isascii() or not code.isupper():
        raise CrisisTableError(f"{label}: code must be two capital letters (got {code!r})")
    raw_lines = raw["line"]
    if not isinstance(raw_lines, list) or not raw_lines:
        raise CrisisTableError(f"{label}: needs at least one [[country.line]]")
    lines = tuple(
        _parse_line(line, f"{label}, line #{number}")
        for number, line in enumerate(raw_lines, start=1)
    )
    return CountryLines(
        code=code,
        name=_text(raw, "name", label),
        emergency=_text(raw, "emergency", label),
        lines=lines,
    )


def _parse_line(raw: object, label: str) -> HelpLine:
    if not isinstance(raw, dict):
        raise CrisisTableError(f"{label}: must be a table")
    if isinstance(raw.get("service"), str):
        label = f"{label} ({raw['service']})"
    unknown = sorted(set(raw) - _LINE_KEYS)
    if unknown:
        raise CrisisTableError(f"{label}: unknown field(s) {', '.join(unknown)}")
    if "source" not in raw:
        raise CrisisTableError(f"{label}: has no source (the page where its number can be checked)")
    source = _text(raw, "source", label)
    if not source.startswith("https://"):
        raise CrisisTableError(f"{label}: source must be an https:// address (got {source!r})")
    phone = _optional_text(raw, "phone", label)
    text = _optional_text(raw, "text", label)
    if phone is None and text is None:
        raise CrisisTableError(f"{label}: needs a phone number or a text line")
    return HelpLine(service=_text(raw, "service", label), phone=phone, text=text, source=source)


def _text(raw: Mapping[str, Any], key: str, label: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CrisisTableError(f"{label}: {key} must be a non-empty string")
    return value.strip()


def _optional_text(raw: Mapping[str, Any], key: str, label: str) -> str | None:
    return _text(raw, key, label) if key in raw else None


def validate(table: CrisisTable | None = None) -> CrisisTable:
    """Start-up check: the table parses, every entry has a source, every country is a real
    zone.tab country, and every IANA zone mapping to a listed country resolves via zoneinfo.

    Returns the table; raises CrisisTableError naming the first problem.
    """
    table = table or load_crisis_table()
    zones_by_country: dict[str, list[str]] = {}
    for zone_name, code in zone_countries().items():
        zones_by_country.setdefault(code, []).append(zone_name)
    for code, country in table.countries.items():
        zones = zones_by_country.get(code)
        if not zones:
            raise CrisisTableError(f"crisis lines: {code} ({country.name}) has no IANA time zone")
        for zone_name in zones:
            try:
                zoneinfo.ZoneInfo(zone_name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
                raise CrisisTableError(
                    f"crisis lines: zone {zone_name!r} of {code} does not resolve ({error})"
                ) from error
        for line in country.lines:
            if not line.source:
                raise CrisisTableError(f"crisis lines: {code} {line.service!r} has no source")
    return table


__all__ = [
    "FINDAHELPLINE_URL",
    "CountryLines",
    "CrisisLines",
    "CrisisTable",
    "CrisisTableError",
    "HelpLine",
    "country_for_zone",
    "lines_for_zone",
    "load_crisis_table",
    "parse_crisis_table",
    "validate",
    "zone_countries",
]
