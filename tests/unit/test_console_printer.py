"""The chat on screen: each message once, edits as updates, pop-ups, deletions, saved files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console

from bot.console.files import AttachmentSaver
from bot.console.printer import ChatPrinter
from bot.fakeapi.server import ApiCall, BotMessage, ChatEvent, FakeBotApi

CHAT = 5
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


class _Chat:
    """A fake server's record of one chat, written directly (no bot, no HTTP)."""

    def __init__(self, tmp_path: Path) -> None:
        self.api = FakeBotApi()
        self.api.chat_for({"id": CHAT, "first_name": "Ada"})
        self.out = io.StringIO()
        console = Console(
            file=self.out, width=80, force_terminal=False, color_system=None, no_color=True
        )
        saver = AttachmentSaver(tmp_path / "files", "run", open_files=False)
        self.printer = ChatPrinter(console, self.api, CHAT, saver)
        self._ids = 0

    def send(self, text: str, markup: dict[str, Any] | None = None, **extra: Any) -> BotMessage:
        self._ids += 1
        kind = extra.pop("kind", "text")
        message = BotMessage(CHAT, self._ids, kind, text, reply_markup=markup, **extra)
        self.api.events[CHAT].append(ChatEvent("new", message))
        return message

    def event(self, kind: str, message: BotMessage) -> None:
        self.api.events[CHAT].append(ChatEvent(kind, message))

    def read(self) -> str:
        self.printer.drain()
        text = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return text


def _buttons(*labels: str) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": label, "callback_data": label} for label in labels]]}


def test_each_message_prints_once_in_order(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    chat.send("Hi Ada")
    chat.send("How did you connect?", _buttons("Call", "Video"))
    assert (
        chat.read() == "\nTend:\n  Hi Ada\n\nTend:\n  How did you connect?\n  [1] Call  [2] Video\n"
    )
    assert chat.read() == ""


def test_a_text_edit_shows_the_updated_message(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    message = chat.send("Saving…", _buttons("Undo"))
    chat.read()
    message.text = "Saved: a call with Sam"
    chat.event("edit", message)
    assert chat.read() == "\nTend (edited):\n  Saved: a call with Sam\n  [1] Undo\n"


def test_edits_already_shown_are_not_repeated(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    message = chat.send("one")
    message.text = "two"
    chat.event("edit", message)
    message.text = "three"
    chat.event("edit", message)
    output = chat.read()
    assert output == "\nTend:\n  three\n", "the final state, once, when the edits came first"


def test_removing_buttons_is_a_short_note(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    message = chat.send("Which kind is Sam?", _buttons("Intimate", "Relational"))
    chat.read()
    message.reply_markup = None
    chat.event("edit", message)
    assert chat.read() == "\nTend (edited):\n  (buttons removed from “Which kind is Sam?”)\n"


def test_pop_up_answers_and_deletions_are_noted(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    message = chat.send("Old menu")
    chat.read()
    chat.api.calls.append(ApiCall("answerCallbackQuery", {"text": "Saved!"}, 0.0))
    chat.api.calls.append(ApiCall("answerCallbackQuery", {}, 0.0))
    message.deleted = True
    chat.event("delete", message)
    assert chat.read() == "· Tend (pop-up): Saved!\n· Tend deleted a message.\n"


def test_photos_are_saved_and_their_path_printed(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    chat = _Chat(tmp_path)
    chart = chat.send(
        "Your week", kind="photo", file=PNG, filename="tend-summary.png", mime_type="image/png"
    )
    output = chat.read()
    saved = tmp_path / "files" / "run-1-tend-summary.png"
    assert output == "\nTend sent a photo:\n  Saved to files/run-1-tend-summary.png\n  Your week\n"
    assert saved.read_bytes() == PNG
    chart.file = PNG + b"month"
    chart.text = "Your month"
    chat.event("edit", chart)
    replaced = chat.read()
    assert "Tend (edited), new photo:" in replaced
    assert "Saved to files/run-1-tend-summary-1.png" in replaced
    assert (tmp_path / "files" / "run-1-tend-summary-1.png").read_bytes() == PNG + b"month"


def test_console_lines_are_marked_as_the_consoles_own(tmp_path: Path) -> None:
    chat = _Chat(tmp_path)
    chat.printer.echo("/start")
    chat.printer.note("The clock moves 1 day forward.")
    assert chat.read() == "\nYou: /start\n· The clock moves 1 day forward.\n"
