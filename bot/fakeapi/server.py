"""A Bot API server on 127.0.0.1 that the real PTB Application talks to over real HTTP.

It keeps chats, messages and pending updates in memory, records every call, checks requests
against Telegram's documented limits, and can inject faults (429, 5xx, 403, slow answers).
Users are simulated with ``FakeUser`` (``bot.fakeapi.user``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, ClientSession, ClientTimeout, web

from bot.fakeapi.validation import (
    MAX_CALLBACK_ANSWER,
    MAX_CAPTION,
    ApiError,
    bad_request,
    check_commands,
    check_reply_markup,
    check_text,
)

log = logging.getLogger(__name__)

BOT_USERNAME = "tend_local_bot"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_JSON_FIELDS = {
    "reply_markup",
    "commands",
    "allowed_updates",
    "entities",
    "caption_entities",
    "scope",
    "link_preview_options",
    "reply_parameters",
    "media",
}
_SEND_METHODS = {
    "sendmessage",
    "sendphoto",
    "senddocument",
    "editmessagetext",
    "editmessagereplymarkup",
    "editmessagecaption",
    "editmessagemedia",
    "sendchataction",
}


@dataclass
class BotMessage:
    """A message the bot sent, as it stands now (edits update it in place)."""

    chat_id: int
    message_id: int
    kind: str
    text: str
    reply_markup: dict[str, Any] | None = None
    parse_mode: str | None = None
    file: bytes | None = None
    filename: str | None = None
    mime_type: str | None = None
    file_id: str | None = None
    edits: int = 0
    deleted: bool = False
    date: int = field(default_factory=lambda: int(time.time()))

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline buttons as rows of (label, callback data or url)."""
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return []
        return [
            [(b["text"], b.get("callback_data") or b.get("url") or "") for b in row]
            for row in self.reply_markup["inline_keyboard"]
        ]

    @property
    def button_labels(self) -> list[str]:
        """Every inline button's label, row by row."""
        return [label for row in self.buttons for label, _ in row]

    @property
    def reply_keyboard(self) -> list[str]:
        """Labels of a reply keyboard (the one under the text field), if any."""
        if not self.reply_markup or "keyboard" not in self.reply_markup:
            return []
        return [
            b if isinstance(b, str) else b["text"]
            for row in self.reply_markup["keyboard"]
            for b in row
        ]

    def to_api(self, bot_user: dict[str, Any], chat: dict[str, Any]) -> dict[str, Any]:
        """The Message object the Bot API returns for it."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": chat,
            "from": bot_user,
        }
        if self.kind == "text":
            message["text"] = self.text
        elif self.text:
            message["caption"] = self.text
        if self.kind == "photo":
            file_id = self.file_id or f"photo-{self.chat_id}-{self.message_id}"
            message["photo"] = [
                {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "width": 800,
                    "height": 450,
                    "file_size": len(self.file or b""),
                }
            ]
        if self.kind == "document":
            file_id = self.file_id or f"doc-{self.chat_id}-{self.message_id}"
            message["document"] = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": self.filename or "file",
                "mime_type": self.mime_type or "application/octet-stream",
                "file_size": len(self.file or b""),
            }
        if self.edits:
            message["edit_date"] = int(time.time())
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass(frozen=True)
class ChatEvent:
    """Something the bot did in a chat: a new message or an edit of one."""

    kind: str  # "new" | "edit" | "delete"
    message: BotMessage


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float


@dataclass
class Fault:
    """An injected failure for the next matching calls."""

    method: str | None
    status: int
    description: str
    retry_after: int | None = None
    delay: float = 0.0
    chat_id: int | None = None
    remaining: int = 1


class FakeBotApi:
    """The server. ``await start()``, point PTB's ``base_url`` at ``base_url``, then drive users."""

    def __init__(self, bot_id: int = 123456, *, default_timeout_cap: float = 30.0) -> None:
        self.bot_id = bot_id
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Tend",
            "username": BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.commands: list[dict[str, Any]] = []
        self.webhook_url: str | None = None
        self.webhook_secret: str | None = None
        self.webhook_status: list[int] = []
        self.rate_limit_per_second: float | None = None
        self.faults: list[Fault] = []
        self.blocked_chats: set[int] = set()
        self.chats: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], BotMessage] = {}
        self.events: dict[int, list[ChatEvent]] = {}
        self.callback_queries: dict[str, bool] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.user_files: dict[str, bytes] = {}
        self.bot_files: dict[str, tuple[str, bytes, str]] = {}
        """Files the bot sent, by file_id: what a later InputMedia may name instead of uploading."""
        self.uneditable: set[tuple[int, int]] = set()
        """(chat_id, message_id) of messages Telegram no longer lets the bot edit."""
        """Files users sent (by file_id), served by getFile and the file download URL."""
        self.downloads: list[str] = []
        """file_paths the bot downloaded, in order."""
        self._timeout_cap = default_timeout_cap
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(1)
        self._file_numbers = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sends: deque[float] = deque()
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._webhook_session: ClientSession | None = None
        self._webhook_lock = asyncio.Lock()
        self._closing = False

    # ----------------------------------------------------------------- lifecycle
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on loopback (a random free port by default)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        self._port = sockets[0].getsockname()[1]
        self._host = host

    async def stop(self) -> None:
        """Close the listener and wake any long poll."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._webhook_session is not None:
            await self._webhook_session.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_BASE_URL / PTB's base_url."""
        return f"http://{self._host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for TELEGRAM_BASE_FILE_URL / PTB's base_file_url."""
        return f"http://{self._host}:{self._port}/file/bot"

    # ----------------------------------------------------------------- faults
    def inject(
        self,
        method: str | None,
        status: int,
        description: str,
        *,
        times: int = 1,
        retry_after: int | None = None,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Fail the next ``times`` calls of ``method`` (None: any sending method)."""
        self.faults.append(
            Fault(
                method.lower() if method else None,
                status,
                description,
                retry_after,
                delay,
                chat_id,
                times,
            )
        )

    def rate_limit_next(
        self, method: str = "sendMessage", *, retry_after: int = 1, times: int = 1
    ) -> None:
        """Answer 429 Too Many Requests with ``retry_after``."""
        self.inject(
            method,
            429,
            f"Too Many Requests: retry after {retry_after}",
            times=times,
            retry_after=retry_after,
        )

    def server_error_next(self, method: str = "sendMessage", *, times: int = 1) -> None:
        """Answer 500 Internal Server Error."""
        self.inject(method, 500, "Internal Server Error", times=times)

    def slow_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Answer normally, but only after ``seconds``."""
        self.inject(method, 200, "", times=times, delay=seconds)

    def make_uneditable(self, chat_id: int, message_id: int) -> None:
        """Telegram refuses edits of this message from now on ("message can't be edited")."""
        self.uneditable.add((chat_id, message_id))

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: every send to them answers 403."""
        self.blocked_chats.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user unblocked the bot."""
        self.blocked_chats.discard(chat_id)

    def enforce_rate_limit(self, per_second: float | None) -> None:
        """Answer 429 (retry_after=1) to sends beyond ``per_second`` in any one-second window."""
        self.rate_limit_per_second = per_second
        self._sends.clear()

    # ----------------------------------------------------------------- updates
    def chat_for(self, user: dict[str, Any]) -> dict[str, Any]:
        """The private chat with a user, created on first contact."""
        chat = self.chats.get(user["id"])
        if chat is None:
            chat = {"id": user["id"], "type": "private", "first_name": user.get("first_name", "")}
            self.chats[user["id"]] = chat
            self.events[user["id"]] = []
            self._message_ids[user["id"]] = itertools.count(1)
        return chat

    def next_message_id(self, chat_id: int) -> int:
        """Message ids count up per chat, shared by both sides."""
        return next(self._message_ids[chat_id])

    def new_query_id(self) -> str:
        """A fresh callback query id, recorded as unanswered."""
        query_id = f"{next(self._query_ids)}{self.bot_id}"
        self.callback_queries[query_id] = False
        return query_id

    async def push_update(self, payload: dict[str, Any]) -> int:
        """Queue an update for getUpdates, or deliver it to the webhook when one is set."""
        update = {"update_id": next(self._update_ids), **payload}
        if self.webhook_url:
            await self._deliver_webhook(update)
        else:
            async with self._changed:
                self._updates.append(update)
                self._changed.notify_all()
        return int(update["update_id"])

    async def _deliver_webhook(self, update: dict[str, Any]) -> None:
        async with self._webhook_lock:
            if self._webhook_session is None:
                self._webhook_session = ClientSession(timeout=ClientTimeout(total=30))
            headers = {"Content-Type": "application/json"}
            if self.webhook_secret:
                headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook_secret
            assert self.webhook_url is not None
            async with self._webhook_session.post(
                self.webhook_url, data=json.dumps(update), headers=headers
            ) as response:
                self.webhook_status.append(response.status)

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        return len(self._updates)

    # ----------------------------------------------------------------- waiting
    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Block until ``predicate()`` holds after some change; TimeoutError otherwise."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(predicate)

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] = lambda _: True,
        *,
        timeout: float = 5.0,
        after: int = 0,
    ) -> ApiCall:
        """The first recorded call of ``method`` (from index ``after``) that fits."""
        found: list[ApiCall] = []

        def seen() -> bool:
            for call in self.calls[after:]:
                if call.method.lower() == method.lower() and predicate(call):
                    found.append(call)
                    return True
            return False

        await self.wait_until(seen, timeout)
        return found[0]

    def calls_of(self, method: str) -> list[ApiCall]:
        """Every recorded call of one method."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def unanswered_callback_queries(self) -> list[str]:
        """Callback queries the bot never answered (Telegram shows a spinner for those)."""
        return [query_id for query_id, answered in self.callback_queries.items() if not answered]

    def add_user_file(self, content: bytes) -> str:
        """Keep a file a user sends; returns its file_id."""
        file_id = f"user-doc-{len(self.user_files) + 1}"
        self.user_files[file_id] = content
        return file_id

    # ----------------------------------------------------------------- HTTP
    async def _file(self, request: web.Request) -> web.StreamResponse:
        """``GET {base_file_url}{token}/{file_path}``: the bytes of a file getFile described."""
        path = request.match_info["path"]
        content = self.user_files.get(path.removeprefix("documents/"))
        if content is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        self.downloads.append(path)
        async with self._changed:
            self._changed.notify_all()
        return web.Response(body=content, content_type="application/octet-stream")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params, files = await _read_params(request)
        except ValueError as error:
            return _error(bad_request(str(error)))
        self.calls.append(ApiCall(method, params, time.monotonic()))
        async with self._changed:
            self._changed.notify_all()
        try:
            await self._apply_faults(method, params)
            self._check_rate_limit(method)
            handler = getattr(self, f"_m_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(params, files)
        except ApiError as error:
            return _error(error)
        finally:
            async with self._changed:
                self._changed.notify_all()
        return web.json_response({"ok": True, "result": result})

    async def _apply_faults(self, method: str, params: dict[str, Any]) -> None:
        lowered = method.lower()
        chat_id = _maybe_int(params.get("chat_id"))
        if lowered in _SEND_METHODS and chat_id in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        for fault in self.faults:
            if fault.remaining <= 0:
                continue
            if fault.method is None and lowered not in _SEND_METHODS:
                continue
            if fault.method is not None and fault.method != lowered:
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            fault.remaining -= 1
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status != 200:
                parameters = {"retry_after": fault.retry_after} if fault.retry_after else None
                raise ApiError(fault.status, fault.description, parameters)
            return

    def _check_rate_limit(self, method: str) -> None:
        if self.rate_limit_per_second is None or method.lower() not in _SEND_METHODS:
            return
        now = time.monotonic()
        while self._sends and now - self._sends[0] >= 1.0:
            self._sends.popleft()
        if len(self._sends) >= self.rate_limit_per_second:
            raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self._sends.append(now)

    # ----------------------------------------------------------------- methods
    async def _m_getme(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self.bot_user

    async def _m_logout(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return True

    async def _m_close(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return True

    async def _m_setwebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        url = params.get("url") or None
        self.webhook_url = url
        self.webhook_secret = params.get("secret_token") or None
        return True

    async def _m_deletewebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.webhook_url = None
        self.webhook_secret = None
        if _truthy(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _m_getwebhookinfo(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_getupdates(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _maybe_int(params.get("offset")) or 0
        limit = min(max(_maybe_int(params.get("limit")) or 100, 1), 100)
        timeout = min(float(params.get("timeout") or 0), self._timeout_cap)
        async with self._changed:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(timeout):
                        await self._changed.wait_for(lambda: bool(self._updates) or self._closing)
            return self._updates[:limit]

    async def _m_setmycommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        check_commands(params.get("commands"))
        self.commands = list(params["commands"])
        return True

    async def _m_getmycommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self.commands

    async def _m_deletemycommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.commands = []
        return True

    async def _m_getfile(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        """A File with its file_path (Telegram refuses files over 20 MB the same way)."""
        file_id = str(params.get("file_id") or "")
        content = self.user_files.get(file_id)
        if content is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        if len(content) > 20 * 1024 * 1024:
            raise bad_request("file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }

    async def _m_sendchataction(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self._chat(params)
        return True

    async def _m_sendmessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat = self._chat(params)
        parse_mode = params.get("parse_mode")
        check_text(params.get("text"), parse_mode)
        check_reply_markup(params.get("reply_markup"))
        message = BotMessage(
            chat_id=chat["id"],
            message_id=self.next_message_id(chat["id"]),
            kind="text",
            text=str(params["text"]),
            reply_markup=params.get("reply_markup"),
            parse_mode=parse_mode,
        )
        return self._record_new(message, chat)

    async def _m_sendphoto(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._send_file(params, files, "photo")

    async def _m_senddocument(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._send_file(params, files, "document")

    def _send_file(self, params: dict[str, Any], files: dict[str, Any], kind: str) -> Any:
        chat = self._chat(params)
        upload = files.get(kind)
        if upload is None:
            raise bad_request(f"there is no {kind} in the request")
        filename, content, mime = upload
        if kind == "photo" and not content.startswith((b"\x89PNG", b"\xff\xd8")):
            raise bad_request("IMAGE_PROCESS_FAILED")
        if kind == "photo" and len(content) > 10 * 1024 * 1024:
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        caption = params.get("caption")
        check_text(caption, params.get("parse_mode"), limit=MAX_CAPTION, caption=True)
        check_reply_markup(params.get("reply_markup"))
        message = BotMessage(
            chat_id=chat["id"],
            message_id=self.next_message_id(chat["id"]),
            kind=kind,
            text=str(caption or ""),
            reply_markup=params.get("reply_markup"),
            parse_mode=params.get("parse_mode"),
            file=content,
            filename=filename,
            mime_type=mime,
        )
        message.file_id = self._new_file_id(message)
        return self._record_new(message, chat)

    async def _m_editmessagetext(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message, chat = self._editable(params)
        if message.kind != "text":
            raise bad_request("there is no text in the message to edit")
        parse_mode = params.get("parse_mode")
        check_text(params.get("text"), parse_mode)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        if message.text == params["text"] and message.reply_markup == markup:
            raise bad_request(NOT_MODIFIED)
        message.text = str(params["text"])
        message.parse_mode = parse_mode
        message.reply_markup = markup
        return self._record_edit(message, chat)

    async def _m_editmessagecaption(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message, chat = self._editable(params)
        check_text(params.get("caption"), params.get("parse_mode"), limit=MAX_CAPTION, caption=True)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        if message.text == (params.get("caption") or "") and message.reply_markup == markup:
            raise bad_request(NOT_MODIFIED)
        message.text = str(params.get("caption") or "")
        message.reply_markup = markup
        return self._record_edit(message, chat)

    async def _m_editmessagemedia(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        """Replace a message's file, caption and buttons, as the Bot API documents it.

        ``media`` is an InputMedia whose ``media`` names a file uploaded in the same request
        (``attach://<name>``) or one Telegram already has (a ``file_id``). A text message gets
        the media added (Bot API 10.0). No ``reply_markup`` removes the buttons.
        """
        message, chat = self._editable(params)
        media = params.get("media")
        if media is None:
            raise bad_request('parameter "media" is required')
        if not isinstance(media, dict) or media.get("type") not in ("photo", "document"):
            raise bad_request("can't parse InputMedia: media type is unsupported")
        filename, content, mime = self._media_file(media, files)
        if media["type"] == "photo" and not content.startswith((b"\x89PNG", b"\xff\xd8")):
            raise bad_request("IMAGE_PROCESS_FAILED")
        if media["type"] == "photo" and len(content) > 10 * 1024 * 1024:
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        caption = media.get("caption")
        check_text(caption, media.get("parse_mode"), limit=MAX_CAPTION, caption=True)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        if (
            message.kind == media["type"]
            and message.file == content
            and message.text == (caption or "")
            and message.reply_markup == markup
        ):
            raise bad_request(NOT_MODIFIED)
        message.kind = str(media["type"])
        message.file = content
        message.filename = filename
        message.mime_type = mime
        message.file_id = self._new_file_id(message)
        message.text = str(caption or "")
        message.parse_mode = media.get("parse_mode")
        message.reply_markup = markup
        return self._record_edit(message, chat)

    def _media_file(
        self, media: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> tuple[str, bytes, str]:
        """The file an InputMedia names: uploaded with the request, or sent before by file_id."""
        reference = str(media.get("media") or "")
        if reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return upload
        known = self.bot_files.get(reference)
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known

    async def _m_editmessagereplymarkup(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message, chat = self._editable(params)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        if message.reply_markup == markup or (not message.reply_markup and not markup):
            raise bad_request(NOT_MODIFIED)
        message.reply_markup = markup
        return self._record_edit(message, chat)

    async def _m_deletemessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message, chat = self._message_in_chat(params, "message to delete not found")
        message.deleted = True
        self.events[chat["id"]].append(ChatEvent("delete", message))
        return True

    async def _m_answercallbackquery(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id", ""))
        if self.callback_queries.get(query_id, True):
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text") or ""
        if len(text) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_queries[query_id] = True
        self.callback_answers[query_id] = params
        return True

    # ----------------------------------------------------------------- helpers
    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _maybe_int(params.get("chat_id"))
        if chat_id is None or chat_id not in self.chats:
            raise bad_request("chat not found")
        return self.chats[chat_id]

    def _message_in_chat(
        self, params: dict[str, Any], missing: str
    ) -> tuple[BotMessage, dict[str, Any]]:
        chat = self._chat(params)
        message_id = _maybe_int(params.get("message_id"))
        message = self.messages.get((chat["id"], message_id or 0))
        if message is None or message.deleted:
            raise bad_request(missing)
        return message, chat

    def _editable(self, params: dict[str, Any]) -> tuple[BotMessage, dict[str, Any]]:
        message, chat = self._message_in_chat(params, "message to edit not found")
        if (chat["id"], message.message_id) in self.uneditable:
            raise bad_request("message can't be edited")
        return message, chat

    def _new_file_id(self, message: BotMessage) -> str:
        """Telegram gives every stored file its own id; an edited message's file gets a new one."""
        prefix = "photo" if message.kind == "photo" else "doc"
        file_id = f"{prefix}-{message.chat_id}-{message.message_id}-{next(self._file_numbers)}"
        assert message.file is not None
        self.bot_files[file_id] = (
            message.filename or "file",
            message.file,
            message.mime_type or "application/octet-stream",
        )
        return file_id

    def _record_new(self, message: BotMessage, chat: dict[str, Any]) -> dict[str, Any]:
        self.messages[(chat["id"], message.message_id)] = message
        self.events[chat["id"]].append(ChatEvent("new", message))
        return message.to_api(self.bot_user, chat)

    def _record_edit(self, message: BotMessage, chat: dict[str, Any]) -> dict[str, Any]:
        message.edits += 1
        self.events[chat["id"]].append(ChatEvent("edit", message))
        return message.to_api(self.bot_user, chat)


def _error(error: ApiError) -> web.Response:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": error.status,
        "description": error.description,
    }
    if error.parameters:
        body["parameters"] = error.parameters
    return web.json_response(body, status=error.status)


def _maybe_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _truthy(value: Any) -> bool:
    return value in (True, "true", "True", "1", 1)


async def _read_params(
    request: web.Request,
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes, str]]]:
    """Parameters from the query string and a JSON, url-encoded or multipart body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, bytes, str]] = {}
    content_type = request.content_type
    if request.can_read_body:
        if content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ValueError("request body must be a JSON object")
            params.update(body)
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                data = await part.read()
                if part.filename is not None:
                    mime = part.headers.get("Content-Type", "application/octet-stream")
                    files[part.name] = (part.filename, bytes(data), mime)
                else:
                    params[part.name] = bytes(data).decode("utf-8")
        else:
            form = await request.post()
            params.update({key: value for key, value in form.items() if isinstance(value, str)})
    for key in list(params):
        value = params[key]
        if key in _JSON_FIELDS and isinstance(value, str):
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError as error:
                raise ValueError(f"can't parse {key} JSON object") from error
        elif isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name in files:
                files[key] = files[name]
    return params, files
