"""A simulated Telegram user who writes to the bot, presses buttons and reads replies."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from bot.fakeapi.server import BotMessage, ChatEvent, FakeBotApi

_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@\w+)?")


class FakeUser:
    """One person in a private chat with the bot.

    Reading is cursor-based: ``next_event`` and friends consume the bot's chat events in order,
    so a test reads the conversation the way a person scrolls through it.
    """

    def __init__(
        self,
        api: FakeBotApi,
        user_id: int,
        first_name: str = "Ada",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "en",
    ) -> None:
        self.api = api
        self.id = user_id
        self.profile: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        if last_name:
            self.profile["last_name"] = last_name
        if username:
            self.profile["username"] = username
        self.chat = api.chat_for(self.profile)
        self._cursor = 0

    @property
    def chat_id(self) -> int:
        """Private chats share the user's id."""
        return int(self.chat["id"])

    # ------------------------------------------------------------------ acting
    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": self.api.next_message_id(self.chat_id),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.profile,
            **content,
        }

    async def send(self, text: str) -> int:
        """Type and send a text message (commands get their bot_command entity)."""
        content: dict[str, Any] = {"text": text}
        match = _COMMAND_RE.match(text)
        if match:
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": match.end()}]
        return await self.api.push_update({"message": self._message(**content)})

    async def send_location(self, latitude: float, longitude: float) -> int:
        """Share a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return await self.api.push_update({"message": self._message(location=location)})

    async def send_forward(self, text: str, origin: dict[str, Any]) -> int:
        """Forward someone else's message: ``origin`` is a MessageOrigin (see the helpers
        :func:`origin_user`, :func:`origin_hidden_user`, :func:`origin_chat`,
        :func:`origin_channel`)."""
        message = self._message(text=text, forward_origin=origin)
        return await self.api.push_update({"message": message})

    async def send_contact(
        self,
        first_name: str,
        last_name: str | None = None,
        *,
        phone_number: str = "+44 7700 900000",
        vcard: str | None = None,
    ) -> int:
        """Share a contact from the attachment menu (Telegram sends the number and a vCard)."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if vcard:
            contact["vcard"] = vcard
        return await self.api.push_update({"message": self._message(contact=contact)})

    async def send_document(
        self,
        content: bytes,
        file_name: str,
        mime_type: str = "text/vcard",
        *,
        file_size: int | None = None,
    ) -> int:
        """Send a file; ``file_size`` overrides the size Telegram reports (to claim a big one)."""
        file_id = self.api.add_user_file(content)
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content) if file_size is None else file_size,
        }
        return await self.api.push_update({"message": self._message(document=document)})

    async def press(
        self,
        label: str | None = None,
        *,
        data: str | None = None,
        message: BotMessage | None = None,
    ) -> str:
        """Press an inline button by label (or raw callback data, to forge one)."""
        target = message or self.last_with_buttons()
        if target is None:
            raise AssertionError("no message with buttons to press")
        if data is None:
            matches = [
                d
                for row in target.buttons
                for text, d in row
                if label is not None
                and (text == label or text.casefold().startswith(label.casefold()))
            ]
            exact = [d for row in target.buttons for text, d in row if text == label]
            chosen = exact or matches
            if not chosen:
                raise AssertionError(f"no button {label!r} in {target.button_labels}")
            data = chosen[0]
        query_id = self.api.new_query_id()
        await self.api.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.profile,
                    "message": target.to_api(self.api.bot_user, self.chat),
                    "chat_instance": f"ci{self.chat_id}",
                    "data": data,
                }
            }
        )
        return query_id

    async def set_blocked(self, blocked: bool) -> int:
        """Block (or unblock) the bot, which Telegram reports as a my_chat_member update."""
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        bot = self.api.bot_user
        update = {
            "my_chat_member": {
                "chat": self.chat,
                "from": self.profile,
                "date": int(time.time()),
                "old_chat_member": {
                    "user": bot,
                    "status": old,
                    **({"until_date": 0} if old == "kicked" else {}),
                },
                "new_chat_member": {
                    "user": bot,
                    "status": new,
                    **({"until_date": 0} if new == "kicked" else {}),
                },
            }
        }
        if blocked:
            self.api.block(self.chat_id)
        else:
            self.api.unblock(self.chat_id)
        return await self.api.push_update(update)

    # ------------------------------------------------------------------ reading
    @property
    def messages(self) -> list[BotMessage]:
        """Every message the bot sent here, in order, as it stands now."""
        seen: dict[int, BotMessage] = {}
        for event in self.api.events.get(self.chat_id, []):
            seen.setdefault(event.message.message_id, event.message)
        return [message for message in seen.values() if not message.deleted]

    def last_with_buttons(self) -> BotMessage | None:
        """The latest message that still has inline buttons."""
        for message in reversed(self.messages):
            if message.buttons:
                return message
        return None

    def _events(self) -> list[ChatEvent]:
        return self.api.events.get(self.chat_id, [])

    async def next_event(self, timeout: float = 5.0) -> ChatEvent:
        """The next thing the bot did in this chat."""
        await self.api.wait_until(lambda: len(self._events()) > self._cursor, timeout)
        event = self._events()[self._cursor]
        self._cursor += 1
        return event

    async def next_message(self, timeout: float = 5.0) -> BotMessage:
        """The next new message (edits before it are skipped)."""
        while True:
            event = await self.next_event(timeout)
            if event.kind == "new":
                return event.message

    async def wait_for(
        self, predicate: Callable[[ChatEvent], bool], timeout: float = 5.0
    ) -> BotMessage:
        """Consume events until one fits; returns its message."""
        deadline = time.monotonic() + timeout
        while True:
            event = await self.next_event(max(deadline - time.monotonic(), 0.01))
            if predicate(event):
                return event.message

    async def expect(
        self, *fragments: str, timeout: float = 5.0, edit: bool | None = None
    ) -> BotMessage:
        """The next message or edit whose text contains every fragment (case-insensitive)."""
        wanted = [fragment.casefold() for fragment in fragments]

        def fits(event: ChatEvent) -> bool:
            if event.kind == "delete":
                return False
            if edit is not None and (event.kind == "edit") != edit:
                return False
            text = event.message.text.casefold()
            return all(fragment in text for fragment in wanted)

        try:
            return await self.wait_for(fits, timeout)
        except TimeoutError:
            recent = [e.message.text[:200] for e in self._events()[-5:]]
            raise AssertionError(f"no message containing {fragments!r}; recent: {recent}") from None

    async def ask(self, text: str, timeout: float = 5.0) -> BotMessage:
        """Send text and return the bot's next new message."""
        await self.send(text)
        return await self.next_message(timeout)

    async def no_more_messages(self, wait: float = 0.3) -> None:
        """Assert the bot says nothing more for a short while."""
        try:
            event = await self.next_event(wait)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected message: {event.message.text[:200]!r}")

    def skip_to_end(self) -> None:
        """Forget everything received so far."""
        self._cursor = len(self._events())


def origin_user(
    first_name: str, last_name: str | None = None, *, user_id: int = 777, is_bot: bool = False
) -> dict[str, Any]:
    """MessageOriginUser: a sender who allows linking to their account."""
    sender: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        sender["last_name"] = last_name
    return {"type": "user", "date": int(time.time()), "sender_user": sender}


def origin_hidden_user(name: str) -> dict[str, Any]:
    """MessageOriginHiddenUser: only the name the sender chose to show."""
    return {"type": "hidden_user", "date": int(time.time()), "sender_user_name": name}


def origin_chat(title: str, *, chat_id: int = -1001) -> dict[str, Any]:
    """MessageOriginChat: sent on behalf of a group."""
    chat = {"id": chat_id, "type": "supergroup", "title": title}
    return {"type": "chat", "date": int(time.time()), "sender_chat": chat}


def origin_channel(title: str, *, chat_id: int = -1002, message_id: int = 5) -> dict[str, Any]:
    """MessageOriginChannel: a post from a channel."""
    chat = {"id": chat_id, "type": "channel", "title": title}
    return {"type": "channel", "date": int(time.time()), "chat": chat, "message_id": message_id}
