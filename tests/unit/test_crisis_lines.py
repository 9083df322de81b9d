"""The crisis-line table: validated, sourced, and found offline from the user's zone."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.crisis_lines import (
    FINDAHELPLINE_URL,
    CrisisTableError,
    country_for_zone,
    lines_for_zone,
    load_crisis_table,
    parse_crisis_table,
    validate,
    zone_countries,
)

ALL_ZONES = sorted(zoneinfo.available_timezones())


def test_the_shipped_table_validates_and_covers_thirty_countries() -> None:
    table = validate()
    assert len(table.countries) >= 30
    for country in table.countries.values():
        assert country.emergency
        for line in country.lines:
            assert line.source.startswith("https://")
            assert line.phone or line.text


@pytest.mark.parametrize(
    ("zone", "code", "number"),
    [
        ("America/New_York", "US", "988"),
        ("US/Pacific", "US", "988"),
        ("Europe/London", "GB", "116 123"),
        ("Europe/Belfast", "GB", "116 123"),
        ("Europe/Dublin", "IE", "116 123"),
        ("Europe/Berlin", "DE", "0800 111 0 111"),
        ("Australia/Perth", "AU", "13 11 14"),
        ("America/Vancouver", "CA", "1-833-456-4566"),
        ("America/Toronto", "CA", "988"),
        ("Asia/Calcutta", "IN", "14416"),
    ],
)
def test_zones_find_their_country_and_its_line(zone: str, code: str, number: str) -> None:
    assert country_for_zone(zone) == code
    lines = lines_for_zone(zone)
    assert lines.country is not None and lines.country.code == code
    assert any(number in (line.phone or "") for line in lines.country.lines)


@pytest.mark.parametrize(
    "zone", ["Etc/GMT-2", "Etc/GMT+5", "UTC", "Etc/UTC", "GMT", "CET", "Mars/Olympus", "", None]
)
def test_fixed_offsets_and_unknown_names_fall_back_to_findahelpline(zone: str | None) -> None:
    assert country_for_zone(zone) is None
    lines = lines_for_zone(zone)
    assert not lines.known
    assert lines.fallback_url == FINDAHELPLINE_URL


def test_a_country_outside_the_table_falls_back() -> None:
    assert country_for_zone("Africa/Lagos") == "NG"
    assert not lines_for_zone("Africa/Lagos").known


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_ZONES))
def test_every_zone_maps_to_a_zone_tab_country_or_none(zone: str) -> None:
    code = country_for_zone(zone)
    assert code is None or code in set(zone_countries().values())
    lines = lines_for_zone(zone)
    assert lines.known == (code in load_crisis_table().countries)


def test_most_listed_countries_zones_are_found() -> None:
    listed = set(load_crisis_table().countries)
    found = {country_for_zone(zone) for zone in ALL_ZONES}
    assert listed <= found


_GOOD = """
reviewed = "2026-12-01"
[[country]]
code = "GB"
name = "the UK"
emergency = "999"
  [[country.line]]
  service = "Samaritans"
  phone = "116 123"
  source = "https://www.samaritans.org"
"""


def test_a_good_table_parses() -> None:
    table = parse_crisis_table(_GOOD, min_countries=1)
    assert table.countries["GB"].lines[0].phone == "116 123"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('  source = "https://www.samaritans.org"\n', ""),
            "(GB), line #1 (Samaritans): has no source",
        ),
        (lambda t: t.replace('"https://www.samaritans.org"', '"www.samaritans.org"'), "https://"),
        (lambda t: t.replace('  phone = "116 123"\n', ""), "needs a phone number or a text line"),
        (lambda t: t.replace('code = "GB"', 'code = "uk"'), "two capital letters"),
        (lambda t: t.replace('emergency = "999"\n', ""), "(GB): missing emergency"),
        (lambda t: t + t.split("\n", 2)[2], "(GB): listed twice"),
        (lambda t: t.replace("[[country.line]]", "[[country.lines]]"), "unknown field(s) lines"),
        (lambda t: t.replace('reviewed = "2026-12-01"', ""), "reviewed"),
        (lambda t: t + "oops", "not valid TOML"),
    ],
)
def test_a_bad_entry_is_named(change: object, message: str) -> None:
    assert callable(change)
    with pytest.raises(CrisisTableError) as error:
        parse_crisis_table(change(_GOOD), source="lines.toml", min_countries=1)
    assert message in str(error.value)
    assert str(error.value).startswith("lines.toml")


def test_too_few_countries_is_refused() -> None:
    with pytest.raises(CrisisTableError, match="only 1 countries, at least 30"):
        parse_crisis_table(_GOOD)


def test_a_country_with_no_time_zone_fails_validation() -> None:
    table = parse_crisis_table(_GOOD.replace('"GB"', '"ZZ"'), min_countries=1)
    with pytest.raises(CrisisTableError, match=r"ZZ .* has no IANA time zone"):
        validate(table)
