"""Reading and naming time zones: abbreviations and fixed offsets (issue #11 items 10, 11, 17)."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.timezones import (
    abbreviation_offer,
    describe_zone,
    describe_zone_name,
    parse_timezone,
)


@pytest.mark.parametrize(
    ("typed", "region"),
    [
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        ("EDT", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("MST", "America/Denver"),
        ("CET", "Europe/Berlin"),
        ("BST", "Europe/London"),
        ("IST", "Asia/Kolkata"),
        ("AEST", "Australia/Sydney"),
    ],
)
def test_abbreviations_offer_the_regions_real_zone_first(typed: str, region: str) -> None:
    offer = abbreviation_offer(typed)
    assert offer is not None
    assert offer.regions[0][0] == region
    zoneinfo.ZoneInfo(region)
    assert parse_timezone(typed).name == region, "never the legacy fixed EST zone"


def test_est_offers_the_fixed_offset_as_the_other_choice() -> None:
    offer = abbreviation_offer("EST")
    assert offer is not None and offer.fixed is not None
    assert offer.fixed.fixed_offset
    assert describe_zone(offer.fixed) == "UTC\u22125, fixed"


def test_city_names_and_steady_abbreviations_need_no_question() -> None:
    assert abbreviation_offer("Berlin") is None
    assert abbreviation_offer("JST") is None
    assert parse_timezone("JST").name == "Asia/Tokyo"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Etc/GMT+9", "UTC\u22129, fixed"),
        ("Etc/GMT-2", "UTC+2, fixed"),
        ("Etc/GMT-14", "UTC+14, fixed"),
        ("UTC", "UTC"),
        ("Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_fixed_zones_read_the_right_way_round(name: str, shown: str) -> None:
    """Etc/GMT+9 is UTC−9: showing the raw name told sailors the opposite of the truth."""
    assert describe_zone_name(name) == shown


def test_no_double_parentheses_in_a_fixed_zone() -> None:
    shown = describe_zone(parse_timezone("UTC-3"))
    assert shown == "UTC\u22123, fixed"
    assert "(" not in shown


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=-12, max_value=14))
def test_every_whole_hour_offset_round_trips_to_its_words(hours: int) -> None:
    typed = f"UTC{'+' if hours >= 0 else '-'}{abs(hours)}"
    choice = parse_timezone(typed)
    offset = zoneinfo.ZoneInfo(choice.name).utcoffset(None)
    assert offset is not None and offset.total_seconds() == hours * 3600
    words = describe_zone(choice)
    if hours:
        assert words == f"UTC{'+' if hours > 0 else chr(0x2212)}{abs(hours)}, fixed"


def test_abbreviation_buttons_offer_the_region_then_the_fixed_offset() -> None:
    from bot.domain.conversation import BadState
    from bot.domain.onboarding import Onboarding, OnboardingStep
    from bot.domain.settings_edit import SettingsEdit, SettingsStep
    from bot.domain.timezones import offer_choices, offer_question

    est = abbreviation_offer("est")
    assert est is not None
    assert [(label, choice.name) for label, choice in offer_choices(est)] == [
        ("New York time (US Eastern)", "America/New_York"),
        ("UTC\u22125 all year", "Etc/GMT+5"),
    ]
    assert offer_question(est).startswith("Did you mean New York time (US Eastern)?")
    asking = Onboarding(OnboardingStep.ZONE, offered="EST")
    assert Onboarding.from_json(asking.step, asking.to_json()) == asking
    editing = SettingsEdit(SettingsStep.ZONE, offered="CET")
    assert SettingsEdit.from_json(editing.step, editing.to_json()) == editing
    with pytest.raises(BadState):
        Onboarding.from_json("zone", '{"offered": "XYZ"}')
