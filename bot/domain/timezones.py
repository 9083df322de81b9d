"""Understanding a time zone the way people type it: an IANA name, a city, or a UTC offset."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """A zone we understood, and whether it follows daylight saving."""

    name: str
    fixed_offset: bool = False


class UnknownZone(ValueError):
    """The text names no zone we can find; ``message`` says what to type instead."""

    def __init__(self, text: str) -> None:
        super().__init__("unknown time zone")
        self.text = text


# Big cities people name that are not IANA zone cities themselves.
_CITY_ALIASES = {
    "nyc": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "philadelphia": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "portland": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "austin": "America/Chicago",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome",
    "geneva": "Europe/Zurich",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "kiev": "Europe/Kyiv",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "osaka": "Asia/Tokyo",
    "kyoto": "Asia/Tokyo",
    "saigon": "Asia/Ho_Chi_Minh",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    "cape town": "Africa/Johannesburg",
    "tel aviv": "Asia/Jerusalem",
    "dubai": "Asia/Dubai",
    "utc": "UTC",
    "gmt": "UTC",
}

# Offsets that are not whole hours have no Etc/ zone; use the zone that keeps that offset.
_FRACTIONAL_OFFSETS = {
    (-1, 9, 30): "Pacific/Marquesas",
    (-1, 3, 30): "America/St_Johns",
    (1, 3, 30): "Asia/Tehran",
    (1, 4, 30): "Asia/Kabul",
    (1, 5, 30): "Asia/Kolkata",
    (1, 5, 45): "Asia/Kathmandu",
    (1, 6, 30): "Asia/Yangon",
    (1, 8, 45): "Australia/Eucla",
    (1, 9, 30): "Australia/Darwin",
    (1, 10, 30): "Australia/Adelaide",
    (1, 12, 45): "Pacific/Chatham",
}

_OFFSET_RE = re.compile(
    r"^(?:utc|gmt)?\s*(?P<sign>[+-−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", " ", stripped.replace(".", "")).strip()


@cache
def _zone_index() -> tuple[dict[str, str], dict[str, str]]:
    """(folded full IANA name -> name, folded city -> name), built once."""
    full: dict[str, str] = {}
    cities: dict[str, str] = {}
    for name in sorted(zoneinfo.available_timezones()):
        full[_fold(name)] = name
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            city = _fold(name.rsplit("/", 1)[1])
            # Prefer canonical-looking regions: the first in sorted order wins.
            cities.setdefault(city, name)
    return full, cities


def parse_timezone(text: str) -> ZoneChoice:
    """Read a zone from free text, raising UnknownZone when nothing fits."""
    folded = _fold(text)
    if not folded:
        raise UnknownZone(text)
    offset = _parse_offset(folded)
    if offset is not None:
        return offset
    full, cities = _zone_index()
    if folded in full:
        return ZoneChoice(full[folded])
    if folded in _CITY_ALIASES:
        return ZoneChoice(_CITY_ALIASES[folded])
    if folded in cities:
        return ZoneChoice(cities[folded])
    city_part = folded.split(",")[0].strip()
    if city_part != folded and city_part in cities:
        return ZoneChoice(cities[city_part])
    raise UnknownZone(text)


def _parse_offset(folded: str) -> ZoneChoice | None:
    match = _OFFSET_RE.match(folded.replace(" ", ""))
    if match is None:
        return None
    sign = -1 if match["sign"] in "-−" else 1
    hours = int(match["hours"])
    minutes = int(match["minutes"] or 0)
    if minutes == 0:
        if not -12 <= sign * hours <= 14:
            raise UnknownZone(folded)
        if hours == 0:
            return ZoneChoice("UTC", fixed_offset=True)
        # POSIX-style Etc zones invert the sign: UTC+2 is Etc/GMT-2.
        return ZoneChoice(f"Etc/GMT{'-' if sign > 0 else '+'}{hours}", fixed_offset=True)
    zone = _FRACTIONAL_OFFSETS.get((sign, hours, minutes))
    if zone is None:
        raise UnknownZone(folded)
    return ZoneChoice(zone)


def describe_zone(choice: ZoneChoice) -> str:
    """How a confirmation names the zone ("Europe/Berlin", "UTC+2 (fixed)")."""
    if not choice.fixed_offset:
        return choice.name
    if choice.name == "UTC":
        return "UTC"
    sign = "+" if "-" in choice.name else "-"
    return f"UTC{sign}{choice.name.rsplit('T', 1)[1][1:]} (fixed, no daylight saving)"
