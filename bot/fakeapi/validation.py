"""The Bot API's own limits, checked the way Telegram checks them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_HTML_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
    "br",
}


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional parameters."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad_request(description: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: ..." wording."""
    return ApiError(400, f"Bad Request: {description}")


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class _EntityParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise bad_request(f'can\'t parse entities: Unsupported start tag "{tag}"')
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise bad_request(f'can\'t parse entities: Unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain.append(data)


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a user sees: HTML markup parsed and checked when parse_mode is HTML."""
    if parse_mode is None or parse_mode == "":
        return text
    if parse_mode.upper() != "HTML":
        return text
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
        raise bad_request("can't parse entities: Unsupported entity escape")
    parser = _EntityParser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise bad_request(
            "can't parse entities: Can't find end tag corresponding to start tag "
            f'"{parser.stack[-1]}"'
        )
    return "".join(parser.plain)


def check_text(
    text: Any, parse_mode: str | None, *, limit: int = MAX_TEXT, caption: bool = False
) -> str:
    """Validate a message text or caption; returns the visible text."""
    if text is None or (not caption and str(text).strip() == ""):
        if caption:
            return ""
        raise bad_request("message text is empty")
    visible = visible_text(str(text), parse_mode)
    if utf16_length(visible) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    if not caption and visible.strip() == "":
        raise bad_request("text must be non-empty")
    return visible


def check_reply_markup(markup: Any) -> None:
    """Inline keyboards: each button has text and exactly one action; callback data 1-64 bytes."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "inline_keyboard" must be an Array of Arrays')
        for row in rows:
            for button in row:
                _check_inline_button(button)
    elif "keyboard" in markup:
        for row in markup["keyboard"]:
            for button in row:
                text = button if isinstance(button, str) else button.get("text")
                if not text:
                    raise bad_request("keyboard button text is empty")


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("inline keyboard button text is empty")
    actions = [key for key in button if key != "text" and key != "style"]
    if len(actions) != 1:
        raise bad_request("BUTTON_TYPE_INVALID")
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
    ):
        raise bad_request("BUTTON_DATA_INVALID")


def check_commands(commands: Any) -> None:
    """setMyCommands: 1-100 commands, lowercase names of 1-32 characters, 1-256 description."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be a list of at most 100 BotCommand")
    for command in commands:
        name = command.get("command", "") if isinstance(command, dict) else ""
        description = command.get("description", "") if isinstance(command, dict) else ""
        if not _COMMAND_RE.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
