"""Week/Month/Year under the weekly digest, over real HTTP: the digest changes in place, as
/summary's chart and text do, and whatever Telegram refuses falls back to a fresh message."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.fakeapi import BotMessage, FakeUser
from bot.scheduling.digests import DIGEST_INTRO
from handlers.summary.photo_digest import NO_CHART
from tests.e2e.seed import execute, set_clock
from tests.e2e.test_digest import ADA, DUE, WEDNESDAY_1900, seed, turn_on_wednesday
from tests.e2e.test_summary import assert_chart, png_size
from tests.rig import BotRig

WEEK_BUTTONS = ["✓ Week", "Month", "Year", "Log a connection"]
MONTH_BUTTONS = ["Week", "✓ Month", "Year", "Log a connection"]
YEAR_BUTTONS = ["Week", "Month", "✓ Year", "Log a connection"]


async def deliver_digest(bot: BotRig) -> tuple[FakeUser, BotMessage]:
    """Ada's history, her digest turned on, and the digest as it arrives (one photo)."""
    set_clock(bot.clock, WEDNESDAY_1900)
    seed(bot)
    user = bot.user(ADA, "Ada")
    await turn_on_wednesday(bot)
    user.skip_to_end()
    set_clock(bot.clock, DUE + timedelta(seconds=5))
    digest = await user.expect(DIGEST_INTRO, timeout=8)
    assert digest.kind == "photo" and digest.button_labels == WEEK_BUTTONS
    return user, digest


async def answer_of(bot: BotRig, query_id: str) -> str:
    """The callback query's answer (the toast), once the bot has given it."""
    await bot.api.wait_until(lambda: bot.api.callback_queries.get(query_id, False))
    return str(bot.api.callback_answers[query_id].get("text") or "")


def lines(message: BotMessage) -> list[str]:
    return message.text.split("\n")


def new_messages(bot: BotRig) -> int:
    return len([event for event in bot.api.events[ADA] if event.kind == "new"])


async def test_month_edits_the_one_photo_digest_in_place(bot: BotRig) -> None:
    user, digest = await deliver_digest(bot)
    week_caption, week_png, week_id = digest.text, digest.file, digest.message_id
    sent_before, text_edits = new_messages(bot), len(bot.api.calls_of("editMessageText"))

    query_id = await user.press("Month", message=digest)
    month = await user.expect("Your month: ", edit=True)
    assert month.message_id == week_id
    assert month.kind == "photo" and month.file is not None and month.file != week_png
    assert png_size(month.file) == (800, 450)
    assert lines(month)[:2] == [DIGEST_INTRO, "Your month: 2 connections"]
    assert month.button_labels == MONTH_BUTTONS
    assert month.parse_mode is None  # plain text, as every summary
    assert await answer_of(bot, query_id) == ""
    await user.no_more_messages()
    assert new_messages(bot) == sent_before
    (edit,) = bot.api.calls_of("editMessageMedia")
    assert edit.params["media"]["type"] == "photo"
    assert edit.params["media"]["media"].startswith("attach://")
    assert edit.params["media"]["caption"] == month.text
    assert len(bot.api.calls_of("editMessageText")) == text_edits

    await user.press("Year", message=month)
    year = await user.expect("Your year: ", edit=True)
    assert year.message_id == week_id and year.button_labels == YEAR_BUTTONS
    await user.press("Week", message=year)
    week = await user.expect("Your week: ", edit=True)
    assert week.message_id == week_id and week.text == week_caption  # the digest as it came
    assert week.button_labels == WEEK_BUTTONS
    await user.no_more_messages()
    assert new_messages(bot) == sent_before
    assert len([m for m in user.messages if m.kind == "photo"]) == 1


async def test_pressing_the_period_shown_answers_and_changes_nothing(bot: BotRig) -> None:
    user, digest = await deliver_digest(bot)
    query_id = await user.press("✓ Week", message=digest)
    assert await answer_of(bot, query_id) == "This is your week, up to date."
    await user.no_more_messages()
    assert digest.edits == 0
    assert not bot.api.calls_of("editMessageMedia")
    assert not bot.api.calls_of("editMessageCaption")


async def test_a_two_message_digest_edits_its_chart_and_its_text(
    bot: BotRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.reports.MAX_CAPTION", 120)  # the summary too long for a caption
    set_clock(bot.clock, WEDNESDAY_1900)
    seed(bot)
    user = bot.user(ADA, "Ada")
    await turn_on_wednesday(bot)
    user.skip_to_end()
    set_clock(bot.clock, DUE + timedelta(seconds=5))
    chart = await user.next_message(timeout=8)
    text = await user.expect(DIGEST_INTRO)
    assert chart.kind == "photo" and not chart.buttons
    assert text.kind == "text" and text.button_labels == WEEK_BUTTONS
    sent_before = new_messages(bot)

    query_id = await user.press("Month", message=text)
    month = await user.expect("Your month: ", edit=True)
    assert month.message_id == text.message_id
    assert lines(month)[:2] == [DIGEST_INTRO, "Your month: 2 connections"]
    assert month.button_labels == MONTH_BUTTONS
    assert_chart(chart, "month")  # the chart above, edited in place
    assert chart.edits == 1
    assert await answer_of(bot, query_id) == ""
    await user.no_more_messages()
    assert new_messages(bot) == sent_before

    query_id = await user.press("✓ Month", message=month)
    assert await answer_of(bot, query_id) == "This is your month, up to date."
    await user.no_more_messages()


async def test_a_month_too_long_for_the_caption_moves_the_words_below_the_chart(
    bot: BotRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, digest = await deliver_digest(bot)
    monkeypatch.setattr("bot.reports.MAX_CAPTION", 120)  # the month's words won't fit under it
    query_id = await user.press("Month", message=digest)
    photo = await user.wait_for(lambda event: event.kind == "edit")
    assert photo.message_id == digest.message_id
    assert_chart(photo, "month")  # the short caption, describing the chart
    assert not photo.buttons  # the buttons moved down, under the words
    words = await user.next_message()
    assert lines(words)[:2] == [DIGEST_INTRO, "Your month: 2 connections"]
    assert words.button_labels == MONTH_BUTTONS
    assert await answer_of(bot, query_id) == ""
    await user.no_more_messages()
    sent_before = new_messages(bot)

    # From now on it is /summary's layout: both messages change in place.
    await user.press("Year", message=words)
    year = await user.expect("Your year: ", edit=True)
    assert year.message_id == words.message_id
    assert_chart(photo, "year")
    await user.press("Week", message=year)
    week = await user.expect("Your week: ", edit=True)
    assert lines(week)[0] == DIGEST_INTRO
    await user.no_more_messages()
    assert new_messages(bot) == sent_before


@pytest.mark.parametrize("refusal", ["uneditable", "deleted"])
async def test_a_digest_telegram_wont_edit_is_answered_with_a_fresh_one(
    bot: BotRig, refusal: str
) -> None:
    user, digest = await deliver_digest(bot)
    if refusal == "uneditable":
        bot.api.make_uneditable(ADA, digest.message_id)
    else:
        digest.deleted = True  # Ada deleted it; her client still showed the buttons
    query_id = await user.press("Month", message=digest)
    fresh = await user.next_message()
    assert fresh.message_id > digest.message_id
    assert fresh.kind == "photo" and lines(fresh)[:2] == [DIGEST_INTRO, "Your month: 2 connections"]
    assert fresh.button_labels == MONTH_BUTTONS
    assert lines(digest)[1].startswith("Your week: ") and digest.edits == 0
    assert await answer_of(bot, query_id) == ""
    await user.no_more_messages()


async def test_a_chart_that_cannot_be_drawn_leaves_the_words_to_say_it(
    bot: BotRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, digest = await deliver_digest(bot)

    async def broken(figures: object) -> bytes:
        raise RuntimeError("a drawing bug")

    monkeypatch.setattr("handlers.summary.views.render_chart", broken)
    photos_before = len(bot.api.calls_of("sendPhoto"))
    query_id = await user.press("Month", message=digest)
    words = await user.next_message()
    assert words.kind == "text"
    assert lines(words)[:2] == [DIGEST_INTRO, "Your month: 2 connections"]
    assert words.button_labels == MONTH_BUTTONS
    assert await answer_of(bot, query_id) == NO_CHART
    await user.wait_for(lambda event: event.kind == "edit" and event.message is digest)
    assert not digest.buttons and lines(digest)[1].startswith("Your week: ")

    # A digest of words only stays words only: the text changes, no chart is tried.
    await user.press("Year", message=words)
    year = await user.expect("Your year: ", edit=True)
    assert year.message_id == words.message_id and year.button_labels == YEAR_BUTTONS
    await user.no_more_messages()
    assert len(bot.api.calls_of("sendPhoto")) == photos_before


async def test_stale_or_forged_data_under_the_digest(bot: BotRig) -> None:
    user, digest = await deliver_digest(bot)
    await user.press(data="sm:decade:-", message=digest)
    await user.expect("That button is out of date.", "/summary")
    # a chart id under the chart itself means nothing: the digest changes in place
    await user.press(data="sm:year:999", message=digest)
    year = await user.expect("Your year: ", edit=True)
    assert year.message_id == digest.message_id and year.button_labels == YEAR_BUTTONS
    await user.no_more_messages()
    assert len([m for m in user.messages if m.kind == "photo"]) == 1


async def test_a_history_gone_since_the_digest_is_said_under_the_same_photo(
    bot: BotRig,
) -> None:
    user, digest = await deliver_digest(bot)
    execute(bot.db_path, "DELETE FROM interactions WHERE user_id = ?", (ADA,))
    query_id = await user.press("Month", message=digest)
    empty = await user.expect("Nothing logged yet", edit=True)
    assert empty.message_id == digest.message_id and empty.kind == "photo"
    assert lines(empty)[0] == DIGEST_INTRO
    assert empty.button_labels == ["Log a connection"]
    assert await answer_of(bot, query_id) == ""
    await user.no_more_messages()


async def test_a_two_message_digest_whose_new_chart_fails_still_changes_its_words(
    bot: BotRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.reports.MAX_CAPTION", 120)
    set_clock(bot.clock, WEDNESDAY_1900)
    seed(bot)
    user = bot.user(ADA, "Ada")
    await turn_on_wednesday(bot)
    user.skip_to_end()
    set_clock(bot.clock, DUE + timedelta(seconds=5))
    chart = await user.next_message(timeout=8)
    text = await user.expect(DIGEST_INTRO)

    async def broken(figures: object) -> bytes:
        raise RuntimeError("a drawing bug")

    monkeypatch.setattr("handlers.summary.views.render_chart", broken)
    query_id = await user.press("Month", message=text)
    month = await user.expect("Your month: ", edit=True)
    assert month.message_id == text.message_id and month.button_labels == MONTH_BUTTONS
    assert await answer_of(bot, query_id) == NO_CHART
    assert chart.edits == 0 and "Your week as a chart" in chart.text  # still says what it shows
    await user.no_more_messages()
