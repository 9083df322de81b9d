"""How one of Tend's messages looks in the terminal: text, numbered buttons, keyboard, file.

Pure functions from a message (as the fake Bot API stores it) to wrapped ``rich`` lines. Styles
are dropped by a plain console, so the same lines serve a colour terminal and a piped transcript.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from bot.fakeapi.server import BotMessage

INDENT = "  "
BUTTON_GAP = "  "
BOT_STYLE = "bold cyan"
USER_STYLE = "bold green"
NOTE_STYLE = "dim italic"
PROBLEM_STYLE = "bold red"
NUMBER_STYLE = "bold yellow"
LABEL_STYLE = "bold"
PATH_STYLE = "underline"


@dataclass(frozen=True)
class InlineButton:
    """An inline button with the number the user types to press it."""

    number: int
    label: str
    callback_data: str | None
    url: str | None


@dataclass(frozen=True)
class ReplyButton:
    """A button of the keyboard under the text field (it sends its label, or a location)."""

    label: str
    requests_location: bool


class Change(StrEnum):
    """What happened to a message since the console last showed it."""

    NEW = "new"
    MEDIA = "media"
    TEXT = "text"
    BUTTONS = "buttons"
    BUTTONS_REMOVED = "buttons removed"
    NONE = "none"


@dataclass(frozen=True)
class Snapshot:
    """A message as it was last shown, to tell a text edit from a keyboard-only edit."""

    text: str
    markup: str
    file_digest: str

    @classmethod
    def of(cls, message: BotMessage) -> Snapshot:
        """Freeze the parts of a message an edit can change."""
        markup = json.dumps(message.reply_markup or {}, sort_keys=True)
        return cls(message.text, markup, file_digest(message.file))


def file_digest(content: bytes | None) -> str:
    """Tells one version of a photo from the next (an edit may replace it)."""
    return hashlib.sha256(content).hexdigest()[:16] if content is not None else ""


def classify_change(previous: Snapshot | None, message: BotMessage) -> Change:
    """Compare what was shown with the message as it stands now."""
    if previous is None:
        return Change.NEW
    now = Snapshot.of(message)
    if now.file_digest != previous.file_digest:
        return Change.MEDIA
    if now.text != previous.text:
        return Change.TEXT
    if now.markup == previous.markup:
        return Change.NONE
    return Change.BUTTONS if inline_rows(message) else Change.BUTTONS_REMOVED


def inline_rows(message: BotMessage) -> list[list[InlineButton]]:
    """Inline buttons row by row, numbered from 1 across rows in reading order."""
    markup = message.reply_markup or {}
    rows: list[list[InlineButton]] = []
    number = 0
    for raw_row in markup.get("inline_keyboard") or []:
        row: list[InlineButton] = []
        for raw in raw_row:
            number += 1
            row.append(
                InlineButton(
                    number=number,
                    label=str(raw.get("text", "")),
                    callback_data=_optional_str(raw.get("callback_data")),
                    url=_optional_str(raw.get("url")),
                )
            )
        rows.append(row)
    return rows


def reply_buttons(message: BotMessage) -> list[ReplyButton]:
    """The reply keyboard's buttons, if the message brought one."""
    markup = message.reply_markup or {}
    buttons: list[ReplyButton] = []
    for raw_row in markup.get("keyboard") or []:
        for raw in raw_row:
            if isinstance(raw, str):
                buttons.append(ReplyButton(raw, requests_location=False))
            else:
                buttons.append(
                    ReplyButton(str(raw.get("text", "")), bool(raw.get("request_location")))
                )
    return buttons


def find_button(message: BotMessage, label: str) -> InlineButton | None:
    """The button a ``:press LABEL`` means: exact label, else prefix, else substring."""
    wanted = label.casefold().strip()
    buttons = [button for row in inline_rows(message) for button in row]
    for fits in (
        lambda text: text == wanted,
        lambda text: text.startswith(wanted),
        lambda text: wanted in text,
    ):
        for button in buttons:
            if fits(button.label.casefold().strip()):
                return button
    return None


def body_text(message: BotMessage) -> Text:
    """The message text with Telegram HTML turned into terminal styles."""
    if (message.parse_mode or "").upper() == "HTML":
        return html_to_text(message.text)
    return Text(message.text)


def html_to_text(html: str) -> Text:
    """Telegram's HTML subset as styled text; unknown tags are dropped, their text kept."""
    parser = _TelegramHtml()
    parser.feed(html)
    parser.close()
    return parser.text


def message_lines(
    console: Console,
    message: BotMessage,
    *,
    change: Change,
    width: int,
    attachment: str | None = None,
) -> list[Text]:
    """Everything the terminal shows for a new or changed message, wrapped to ``width``."""
    lines = [_header(message, change)]
    if attachment is not None:
        saved = Text(INDENT + "Saved to ", NOTE_STYLE)
        saved.append(attachment, PATH_STYLE)
        lines.append(saved)
    inner = max(width - len(INDENT), 20)
    if change is Change.BUTTONS_REMOVED:
        lines.append(
            _indent(Text(f"(buttons removed from “{_snippet(message.text)}”)", NOTE_STYLE))
        )
        return lines
    if change is Change.BUTTONS:
        lines.append(_indent(Text(f"(new buttons on “{_snippet(message.text)}”)", NOTE_STYLE)))
    elif message.text:
        lines.extend(wrap(console, body_text(message), inner, indent=INDENT))
    lines.extend(_indent(line) for line in button_lines(inline_rows(message), inner))
    keyboard = reply_buttons(message)
    if keyboard:
        lines.extend(wrap(console, _keyboard_text(keyboard), inner, indent=INDENT))
    return lines


def button_lines(rows: list[list[InlineButton]], width: int) -> list[Text]:
    """``[1] Call  [2] Video`` lines: Telegram's rows kept, long rows broken between buttons."""
    lines: list[Text] = []
    for row in rows:
        line = Text()
        for button in row:
            cell = _button_cell(button)
            if line.cell_len and line.cell_len + len(BUTTON_GAP) + cell.cell_len > width:
                lines.append(line)
                line = Text()
            if line.cell_len:
                line.append(BUTTON_GAP)
            line.append_text(cell)
        if line.cell_len:
            lines.append(line)
    for line in lines:
        line.rstrip()
    return lines


def wrap(console: Console, text: Text, width: int, *, indent: str = "") -> list[Text]:
    """Word-wrapped lines without trailing spaces; blank lines stay blank (no stray indent)."""
    lines: list[Text] = []
    for line in text.wrap(console, width, overflow="fold"):
        line.rstrip()
        lines.append(Text(indent) + line if line.plain else Text())
    return lines


def _header(message: BotMessage, change: Change) -> Text:
    header = Text("Tend", BOT_STYLE)
    if change is not Change.NEW:
        header.append(" (edited)", NOTE_STYLE)
    if change in (Change.NEW, Change.MEDIA) and message.kind in ("photo", "document"):
        noun = "photo" if message.kind == "photo" else "document"
        words = f" sent a {noun}" if change is Change.NEW else f", new {noun}"
        header.append(words, BOT_STYLE)
    header.append(":", BOT_STYLE)
    return header


def _button_cell(button: InlineButton) -> Text:
    cell = Text()
    cell.append(f"[{button.number}]", NUMBER_STYLE)
    cell.append(" ")
    cell.append(button.label, LABEL_STYLE)
    if button.url is not None:
        cell.append(" ↗")
    return cell


def _keyboard_text(keyboard: list[ReplyButton]) -> Text:
    text = Text("Keyboard: ", NOTE_STYLE)
    for index, button in enumerate(keyboard):
        if index:
            text.append(" | ")
        text.append(button.label, LABEL_STYLE)
        if button.requests_location:
            text.append(" (:location LAT LON)", NOTE_STYLE)
    return text


def _indent(line: Text) -> Text:
    return Text(INDENT) + line


def _snippet(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if cell_len(flat) <= limit else flat[: limit - 1] + "…"


def _optional_str(value: Any) -> str | None:
    return str(value) if value else None


_TAG_STYLES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strike",
    "strike": "strike",
    "del": "strike",
    "code": "cyan",
    "pre": "cyan",
    "tg-spoiler": "reverse",
    "blockquote": "italic",
}


class _TelegramHtml(HTMLParser):
    """Collects text with a style per open tag; links keep their address visible."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = Text()
        self._styles: list[str] = []
        self._links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self._links.append((values.get("href") or "", len(self.text.plain)))
            self._styles.append("underline")
        elif tag == "span" and values.get("class") == "tg-spoiler":
            self._styles.append("reverse")
        else:
            self._styles.append(_TAG_STYLES.get(tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if self._styles:
            self._styles.pop()
        if tag == "a" and self._links:
            href, start = self._links.pop()
            if href and self.text.plain[start:] != href:
                self.text.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        style = " ".join(style for style in self._styles if style)
        self.text.append(data, style or None)
