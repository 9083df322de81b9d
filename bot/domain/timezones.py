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
    "london time": "Europe/London",
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
    if folded in _STEADY_ABBREVIATIONS:
        return ZoneChoice(_STEADY_ABBREVIATIONS[folded])
    if folded in _ABBREVIATIONS:
        # EST, MST, CET... are also legacy IANA names; callers ask with abbreviation_offer.
        offer = _ABBREVIATIONS[folded]
        return ZoneChoice(offer.regions[0][0])
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
    """How a confirmation names the zone ("Europe/Berlin", "UTC+2, fixed")."""
    return describe_zone_name(choice.name)


_ETC_OFFSET = re.compile(r"^Etc/GMT(?P<sign>[+-])(?P<hours>\d{1,2})$")


def describe_zone_name(name: str) -> str:
    """A stored zone name as people read it.

    POSIX-style ``Etc/GMT+9`` means UTC-9 (the sign is inverted), which reads as the opposite
    of what it is; every message shows such zones as "UTC−9, fixed" instead.
    """
    if name in ("UTC", "Etc/UTC", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0"):
        return "UTC"
    match = _ETC_OFFSET.match(name)
    if match is None:
        return name
    sign = "+" if match["sign"] == "-" else "\u2212"
    return f"UTC{sign}{int(match['hours'])}, fixed"


@dataclass(frozen=True, slots=True)
class AbbreviationOffer:
    """An abbreviation like EST: the region's real zone, and the literal offset as the other choice.

    EST is fixed UTC−5 to a computer but "New York time" to a New Yorker, whose check-ins would
    arrive an hour late all summer on the fixed offset; so we ask instead of guessing.
    """

    abbreviation: str
    regions: tuple[tuple[str, str], ...]
    """(IANA zone, how people call it: "New York time"), most likely first."""
    fixed: ZoneChoice | None
    """The abbreviation's own offset, all year; None when it names no single offset."""


def _fixed(hours: int) -> ZoneChoice:
    if hours == 0:
        return ZoneChoice("UTC", fixed_offset=True)
    return ZoneChoice(f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}", fixed_offset=True)


_NEW_YORK = ("America/New_York", "New York time (US Eastern)")
_CHICAGO = ("America/Chicago", "Chicago time (US Central)")
_DENVER = ("America/Denver", "Denver time (US Mountain)")
_PHOENIX = ("America/Phoenix", "Arizona time (no daylight saving)")
_LOS_ANGELES = ("America/Los_Angeles", "Los Angeles time (US Pacific)")
_LONDON = ("Europe/London", "UK time")
_CENTRAL_EUROPE = ("Europe/Berlin", "Central European time (Berlin, Paris, Rome)")
_EASTERN_EUROPE = ("Europe/Athens", "Eastern European time (Athens, Helsinki)")
_WESTERN_EUROPE = ("Europe/Lisbon", "Western European time (Lisbon)")
_SYDNEY = ("Australia/Sydney", "Sydney time (Australian Eastern)")
_BRISBANE = ("Australia/Brisbane", "Brisbane time (no daylight saving)")

# Abbreviations whose region changes its clocks: ask. Each offers the region first.
_ABBREVIATIONS: dict[str, AbbreviationOffer] = {
    offer.abbreviation.casefold(): offer
    for offer in (
        AbbreviationOffer("EST", (_NEW_YORK,), _fixed(-5)),
        AbbreviationOffer("EDT", (_NEW_YORK,), _fixed(-4)),
        AbbreviationOffer("ET", (_NEW_YORK,), None),
        AbbreviationOffer("CST", (_CHICAGO, ("Asia/Shanghai", "China time")), _fixed(-6)),
        AbbreviationOffer("CDT", (_CHICAGO,), _fixed(-5)),
        AbbreviationOffer("CT", (_CHICAGO,), None),
        AbbreviationOffer("MST", (_DENVER, _PHOENIX), _fixed(-7)),
        AbbreviationOffer("MDT", (_DENVER,), _fixed(-6)),
        AbbreviationOffer("MT", (_DENVER, _PHOENIX), None),
        AbbreviationOffer("PST", (_LOS_ANGELES,), _fixed(-8)),
        AbbreviationOffer("PDT", (_LOS_ANGELES,), _fixed(-7)),
        AbbreviationOffer("PT", (_LOS_ANGELES,), None),
        AbbreviationOffer("AKST", (("America/Anchorage", "Alaska time"),), _fixed(-9)),
        AbbreviationOffer("AST", (("America/Halifax", "Atlantic time (Halifax)"),), _fixed(-4)),
        AbbreviationOffer("NST", (("America/St_Johns", "Newfoundland time"),), None),
        AbbreviationOffer("BST", (_LONDON,), _fixed(1)),
        AbbreviationOffer("CET", (_CENTRAL_EUROPE,), _fixed(1)),
        AbbreviationOffer("CEST", (_CENTRAL_EUROPE,), _fixed(2)),
        AbbreviationOffer("EET", (_EASTERN_EUROPE,), _fixed(2)),
        AbbreviationOffer("EEST", (_EASTERN_EUROPE,), _fixed(3)),
        AbbreviationOffer("WET", (_WESTERN_EUROPE,), _fixed(0)),
        AbbreviationOffer("WEST", (_WESTERN_EUROPE,), _fixed(1)),
        AbbreviationOffer(
            "IST",
            (
                ("Asia/Kolkata", "India time"),
                ("Europe/Dublin", "Irish time"),
                ("Asia/Jerusalem", "Israel time"),
            ),
            None,
        ),
        AbbreviationOffer("AEST", (_SYDNEY, _BRISBANE), _fixed(10)),
        AbbreviationOffer("AEDT", (_SYDNEY,), _fixed(11)),
        AbbreviationOffer("ACST", (("Australia/Adelaide", "Adelaide time"),), None),
        AbbreviationOffer("NZST", (("Pacific/Auckland", "New Zealand time"),), _fixed(12)),
        AbbreviationOffer("NZDT", (("Pacific/Auckland", "New Zealand time"),), _fixed(13)),
    )
}

# Abbreviations of places that keep one offset all year: the region's zone is simply right.
_STEADY_ABBREVIATIONS = {
    "hst": "Pacific/Honolulu",
    "msk": "Europe/Moscow",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore",
    "pht": "Asia/Manila",
    "wib": "Asia/Jakarta",
    "awst": "Australia/Perth",
    "sast": "Africa/Johannesburg",
    "wat": "Africa/Lagos",
    "cat": "Africa/Maputo",
    "eat": "Africa/Nairobi",
}


def abbreviation_offer(text: str) -> AbbreviationOffer | None:
    """The question to ask when ``text`` is a zone abbreviation whose region keeps DST."""
    return _ABBREVIATIONS.get(_fold(text))


def _all_year(fixed: ZoneChoice) -> str:
    return f"{describe_zone(fixed).removesuffix(', fixed')} all year"


def offer_choices(offer: AbbreviationOffer) -> tuple[tuple[str, ZoneChoice], ...]:
    """The buttons of an abbreviation question: each region's real zone, then the fixed offset."""
    regions = tuple((label, ZoneChoice(zone)) for zone, label in offer.regions)
    if offer.fixed is None:
        return regions
    return (*regions, (_all_year(offer.fixed), offer.fixed))


def offer_question(offer: AbbreviationOffer) -> str:
    """ "Did you mean New York time?", and why it matters (check-ins an hour off half the year)."""
    if len(offer.regions) == 1:
        ask = f"Did you mean {offer.regions[0][1]}?"
    else:
        ask = f"{offer.abbreviation} could mean more than one place. Which is yours?"
    if offer.fixed is None:
        return f"{ask} Tap {'it' if len(offer.regions) == 1 else 'one'}, or send your city."
    return (
        f"{ask} {offer.abbreviation} on its own stays {_all_year(offer.fixed)}, so where clocks "
        "change, check-ins would be an hour off half the year. Tap one, or send your city."
    )
