"""How Tend's messages look in the terminal: numbered buttons, edits, HTML, 80 columns."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from bot.console.render import (
    Change,
    Snapshot,
    body_text,
    button_lines,
    classify_change,
    find_button,
    html_to_text,
    inline_rows,
    message_lines,
    reply_buttons,
)
from bot.fakeapi.server import BotMessage

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _console(width: int = 80) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=False,
        color_system=None,
        no_color=True,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _keyboard(*rows: list[str]) -> dict[str, Any]:
    return {
        "inline_keyboard": [
            [{"text": label, "callback_data": f"cb:{label}"} for label in row] for row in rows
        ]
    }


def _message(text: str = "Hello", markup: dict[str, Any] | None = None, **extra: Any) -> BotMessage:
    return BotMessage(chat_id=1, message_id=7, kind="text", text=text, reply_markup=markup, **extra)


def _plain(lines: list[Text]) -> list[str]:
    return [line.plain for line in lines]


def test_buttons_are_numbered_across_rows_in_reading_order() -> None:
    message = _message(markup=_keyboard(["Call", "Video"], ["Message", "In person"]))
    rows = inline_rows(message)
    assert [[(b.number, b.label) for b in row] for row in rows] == [
        [(1, "Call"), (2, "Video")],
        [(3, "Message"), (4, "In person")],
    ]
    assert rows[0][0].callback_data == "cb:Call"
    assert _plain(button_lines(rows, 76)) == ["[1] Call  [2] Video", "[3] Message  [4] In person"]


def test_a_long_row_breaks_between_buttons_never_inside_one() -> None:
    labels = [f"Option number {n}" for n in range(1, 9)]
    lines = _plain(button_lines(inline_rows(_message(markup=_keyboard(labels))), 40))
    assert len(lines) > 1
    assert all(len(line) <= 40 for line in lines)
    joined = "  ".join(lines)
    for number, label in enumerate(labels, start=1):
        assert f"[{number}] {label}" in joined


def test_url_buttons_are_marked_and_keep_their_address() -> None:
    markup = {"inline_keyboard": [[{"text": "Helplines", "url": "https://findahelpline.com"}]]}
    [[button]] = inline_rows(_message(markup=markup))
    assert button.url == "https://findahelpline.com" and button.callback_data is None
    assert _plain(button_lines([[button]], 76)) == ["[1] Helplines ↗"]


def test_reply_keyboard_shows_how_to_share_a_location() -> None:
    markup = {
        "keyboard": [[{"text": "📍 Share my location", "request_location": True}], ["Skip"]],
        "resize_keyboard": True,
    }
    message = _message("Where are you?", markup)
    assert [(b.label, b.requests_location) for b in reply_buttons(message)] == [
        ("📍 Share my location", True),
        ("Skip", False),
    ]
    text = "\n".join(_plain(message_lines(_console(), message, change=Change.NEW, width=80)))
    assert "Keyboard: 📍 Share my location (:location LAT LON) | Skip" in text


def test_find_button_prefers_exact_then_prefix_then_substring() -> None:
    message = _message(
        markup=_keyboard(["Every week", "Every 2 weeks"], ["🙂 Good", "Good enough"])
    )
    assert (found := find_button(message, "every 2 weeks")) and found.number == 2
    assert (found := find_button(message, "Every")) and found.number == 1
    assert (found := find_button(message, "good")) and found.label == "Good enough"
    assert (found := find_button(message, "🙂")) and found.label == "🙂 Good"
    assert find_button(message, "Monthly") is None


def test_changes_are_told_apart() -> None:
    message = _message("Saved", _keyboard(["Undo"]))
    assert classify_change(None, message) is Change.NEW
    shown = Snapshot.of(message)
    assert classify_change(shown, message) is Change.NONE
    message.reply_markup = _keyboard(["Undo", "Edit"])
    assert classify_change(shown, message) is Change.BUTTONS
    message.reply_markup = None
    assert classify_change(shown, message) is Change.BUTTONS_REMOVED
    message.text = "Saved: a call with Sam"
    assert classify_change(shown, message) is Change.TEXT
    photo = BotMessage(1, 8, "photo", "Your week", file=PNG)
    before = Snapshot.of(photo)
    photo.file = PNG + b"month"
    assert classify_change(before, photo) is Change.MEDIA


def test_edits_are_labelled_and_keyboard_only_edits_stay_short() -> None:
    message = _message("A long message about Sam " * 5, _keyboard(["Undo"]))
    new = _plain(message_lines(_console(), message, change=Change.NEW, width=80))
    assert new[0] == "Tend:" and new[-1] == "  [1] Undo"
    edited = _plain(message_lines(_console(), message, change=Change.TEXT, width=80))
    assert edited[0] == "Tend (edited):"
    message.reply_markup = None
    removed = _plain(message_lines(_console(), message, change=Change.BUTTONS_REMOVED, width=80))
    assert removed[0] == "Tend (edited):"
    assert len(removed) == 2 and removed[1].startswith("  (buttons removed from “A long message")


def test_photo_shows_where_it_was_saved_on_a_line_of_its_own() -> None:
    photo = BotMessage(1, 9, "photo", "Your week as a chart", file=PNG)
    path = "data/console-files/" + "x" * 90 + ".png"
    lines = _plain(message_lines(_console(), photo, change=Change.NEW, width=80, attachment=path))
    assert lines[0] == "Tend sent a photo:"
    assert lines[1] == f"  Saved to {path}"
    assert lines[2] == "  Your week as a chart"
    replaced = _plain(
        message_lines(_console(), photo, change=Change.MEDIA, width=80, attachment=path)
    )
    assert replaced[0] == "Tend (edited), new photo:"


def test_telegram_html_becomes_styles_and_visible_links() -> None:
    text = html_to_text('<b>Sam</b> &amp; <i>co</i>: <a href="https://x.org">more</a> &lt;3')
    assert text.plain == "Sam & co: more (https://x.org) <3"
    styles = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert styles["Sam"] == "bold" and styles["co"] == "italic"
    same = html_to_text('<a href="https://x.org">https://x.org</a>')
    assert same.plain == "https://x.org"


def test_plain_text_is_never_parsed_as_html_or_markup() -> None:
    message = _message("<b>not bold</b> [1] [bold]x[/bold]")
    assert body_text(message).plain == "<b>not bold</b> [1] [bold]x[/bold]"
    html = _message("<b>bold</b>", parse_mode="HTML")
    assert body_text(html).plain == "bold"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \n"),
        max_size=400,
    ),
    labels=st.lists(st.text(min_size=1, max_size=20).map(str.strip).filter(bool), max_size=6),
)
def test_every_line_fits_80_columns_without_trailing_spaces(text: str, labels: list[str]) -> None:
    console = _console()
    message = _message(text, _keyboard(labels) if labels else None)
    lines = message_lines(console, message, change=Change.NEW, width=80)
    for line in lines:
        assert line.cell_len <= 80
        assert line.plain == line.plain.rstrip()
    numbers = "".join(line.plain for line in lines)
    for number in range(1, len(labels) + 1):
        assert f"[{number}]" in numbers


def test_plain_console_writes_no_escape_codes() -> None:
    console = _console()
    message = _message("<b>Hi</b>", _keyboard(["Call"]), parse_mode="HTML")
    for line in message_lines(console, message, change=Change.NEW, width=80):
        console.print(line, soft_wrap=True)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in output
    assert output == "Tend:\n  Hi\n  [1] Call\n"
