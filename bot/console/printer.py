"""The chat on screen: prints what Tend does in the console user's chat, in order, once each.

``drain()`` is synchronous and idempotent, so the input loop (after each line) and the
background follower (for messages Tend sends on its own, like a scheduled check-in) can both
call it without ever printing a message twice.
"""

from __future__ import annotations

import contextlib

from rich.console import Console
from rich.text import Text

from bot.console.files import AttachmentSaver, display_path
from bot.console.render import (
    INDENT,
    NOTE_STYLE,
    PROBLEM_STYLE,
    USER_STYLE,
    Change,
    Snapshot,
    classify_change,
    message_lines,
    wrap,
)
from bot.fakeapi.server import FakeBotApi

MAX_WIDTH = 100
"""Chat lines longer than this are hard to read, however wide the terminal."""


class ChatPrinter:
    """Turns the fake server's record of one chat into terminal output."""

    def __init__(
        self, console: Console, api: FakeBotApi, chat_id: int, files: AttachmentSaver
    ) -> None:
        self.console = console
        self.api = api
        self.chat_id = chat_id
        self.files = files
        self._event_cursor = 0
        self._call_cursor = 0
        self._shown: dict[int, Snapshot] = {}

    @property
    def width(self) -> int:
        """Columns to wrap at."""
        return max(min(self.console.width, MAX_WIDTH), 40)

    # ------------------------------------------------------------------ the bot's side
    def drain(self) -> None:
        """Print toasts and chat events that have not been shown yet."""
        self._print_toasts()
        events = self.api.events.get(self.chat_id, [])
        while self._event_cursor < len(events):
            event = events[self._event_cursor]
            self._event_cursor += 1
            message = event.message
            if event.kind == "delete":
                if self._shown.pop(message.message_id, None) is not None:
                    self.note("Tend deleted a message.")
                continue
            change = classify_change(self._shown.get(message.message_id), message)
            if change is Change.NONE:
                continue
            self._shown[message.message_id] = Snapshot.of(message)
            attachment = None
            if change in (Change.NEW, Change.MEDIA):
                saved = self.files.save(message)
                attachment = display_path(saved) if saved is not None else None
            self._blank()
            lines = message_lines(
                self.console, message, change=change, width=self.width, attachment=attachment
            )
            for line in lines:
                self.console.print(line, soft_wrap=True)

    def _print_toasts(self) -> None:
        calls = self.api.calls
        while self._call_cursor < len(calls):
            call = calls[self._call_cursor]
            self._call_cursor += 1
            if call.method.lower() != "answercallbackquery":
                continue
            text = str(call.params.get("text") or "").strip()
            if text:
                self.note(f"Tend (pop-up): {text}")

    async def follow(self) -> None:
        """Keep printing as Tend writes, until cancelled."""
        while True:
            with contextlib.suppress(TimeoutError):
                await self.api.wait_until(self._behind, timeout=60)
            self.drain()

    def _behind(self) -> bool:
        events = self.api.events.get(self.chat_id, [])
        return len(events) > self._event_cursor or len(self.api.calls) > self._call_cursor

    # ------------------------------------------------------------------ the console's side
    def echo(self, text: str) -> None:
        """Show what the user sent (piped input is not on screen otherwise)."""
        self._blank()
        line = Text("You: ", USER_STYLE)
        line.append(text)
        for wrapped in wrap(self.console, line, self.width):
            self.console.print(wrapped, soft_wrap=True)

    def note(self, text: str) -> None:
        """A line from the console itself, not from Tend."""
        self._say(Text(f"· {text}", NOTE_STYLE))

    def problem(self, text: str) -> None:
        """Something the user should fix, in the console's own voice."""
        self._say(Text(f"· {text}", PROBLEM_STYLE))

    def lines(self, lines: list[str]) -> None:
        """Several plain lines (help, banner), indented like a message."""
        for line in lines:
            self.console.print(Text(INDENT + line if line else ""), soft_wrap=True)

    def plain(self, text: str) -> None:
        """One unindented line."""
        self.console.print(Text(text), soft_wrap=True)

    def _say(self, text: Text) -> None:
        """Wrapped with a hanging indent, so a long note still reads as one."""
        for index, wrapped in enumerate(wrap(self.console, text, self.width - len(INDENT))):
            self.console.print(Text(INDENT) + wrapped if index else wrapped, soft_wrap=True)

    def _blank(self) -> None:
        self.console.print()
