"""Reply texts for distress: warm, concrete, and within safe-messaging limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.crisis_lines import FINDAHELPLINE_URL, CrisisLines, load_crisis_table
from bot.domain.safety_replies import (
    PRIVACY_SENTENCE,
    crisis_reply,
    safe_closing_text,
    struggling_reply,
    support_text,
    talk_now_text,
)

TABLE = load_crisis_table()
ALL_LINES = [CrisisLines(country) for country in TABLE.countries.values()] + [CrisisLines(None)]
BANNED = (
    "calm down",
    "cheer up",
    "confidential",
    "diagnos",
    "didn't catch",
    "commit suicide",
    "you should",
    "don't worry",
    "promise",
)


def _all_texts(lines: CrisisLines) -> list[str]:
    return [
        crisis_reply(lines),
        crisis_reply(lines, on_hold="Your log of Sam is on hold."),
        talk_now_text(lines),
        support_text(lines),
        safe_closing_text(),
        struggling_reply("Sam"),
        struggling_reply(None),
        PRIVACY_SENTENCE,
    ]


@pytest.mark.parametrize(
    "lines", ALL_LINES, ids=lambda lines: lines.country.code if lines.country else "unknown"
)
def test_every_country_gets_its_numbers_and_emergency_number(lines: CrisisLines) -> None:
    for text in (crisis_reply(lines), talk_now_text(lines), support_text(lines)):
        assert len(text) < 4096
        if lines.country is None:
            assert "findahelpline.com" in text
            assert "local emergency number" in text
        else:
            assert lines.country.emergency in text
            for line in lines.country.lines:
                assert line.service in text
                assert (line.phone or line.text or "") in text
    for text in _all_texts(lines):
        folded = text.casefold()
        assert not [word for word in BANNED if word in folded], text


def test_the_crisis_reply_is_short_warm_and_leads_with_being_heard() -> None:
    text = crisis_reply(CrisisLines(TABLE.countries["GB"]))
    assert text.startswith("I'm really glad you told me.")
    assert "you deserve support right now" in text
    assert "116 123" in text and "999" in text
    assert len(text.split()) < 80


def test_a_conversation_on_hold_is_mentioned_last() -> None:
    text = crisis_reply(CrisisLines(None), on_hold="Your log of Sam is on hold.")
    assert text.endswith("Your log of Sam is on hold.")
    assert FINDAHELPLINE_URL.removeprefix("https://") in text


def test_support_text_puts_the_country_first_then_the_general_advice() -> None:
    text = support_text(CrisisLines(TABLE.countries["DE"]))
    assert text.index("TelefonSeelsorge") < text.index("GP or family doctor")
    assert "in Germany" in text
    assert text.rstrip().endswith("/support.")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=64).filter(str.strip))
def test_the_struggling_reply_names_the_person_and_points_to_support(name: str) -> None:
    text = struggling_reply(name)
    assert text.count(name) >= 2  # the step and the opener
    assert "/support" in text
    assert text.split("\n\n")[0].count(".") == 1  # the feeling is acknowledged in one sentence


def test_without_people_the_step_is_a_low_effort_idea() -> None:
    assert "café" in struggling_reply(None)
    custom = struggling_reply(None, idea="go to tonight's choir open evening, just to listen.")
    assert "choir open evening" in custom and "/support" in custom


def test_the_safe_closing_leaves_the_door_open() -> None:
    assert "/support" in safe_closing_text()
    assert "glad you're safe" in safe_closing_text()
