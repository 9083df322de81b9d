"""The webhook receiver: Telegram POSTs updates here when WEBHOOK_URL is set.

PTB's built-in server (tornado) reads bodies of up to 100 MB, answers malformed JSON with 500
(which Telegram retries for hours) and logs a bad update's whole payload, user text included.
This one is small on purpose: it caps the body, answers 400 to what it cannot read, 403 to a
wrong secret, and logs ids and reasons only.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 256 * 1024
"""Telegram's updates are a few KB; anything near this is not from Telegram."""

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class WebhookReceiver:
    """Accepts updates on ``path`` and hands them to the Application's update queue."""

    application: Application[Any, Any, Any, Any, Any, Any]
    path: str
    secret: str
    _runner: web.AppRunner | None = None

    def web_app(self) -> web.Application:
        """The aiohttp application (separate so tests can drive it without a socket)."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(f"/{self.path}", self._receive)
        return app

    async def start(self, listen: str, port: int) -> None:
        """Listen on ``listen:port`` until ``stop``."""
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, listen, port).start()

    async def stop(self) -> None:
        """Stop taking requests; updates already queued are still processed."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("Webhook request refused: missing or wrong secret token")
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
            log.warning("Webhook request refused: body of %d bytes", request.content_length)
            return web.Response(status=413)
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            log.warning("Webhook request refused: body over %d bytes", MAX_UPDATE_BYTES)
            return web.Response(status=413)
        update = self._parse(body)
        if update is None:
            return web.Response(status=400)
        await self.application.update_queue.put(update)
        return web.Response(status=200)

    def _parse(self, body: bytes) -> Update | None:
        """The update, or None (logged once, without the body) when it cannot be read."""
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            log.warning("Webhook request refused: the body is not JSON (%d bytes)", len(body))
            return None
        if not isinstance(data, dict):
            log.warning("Webhook request refused: the body is not a JSON object")
            return None
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as error:  # whatever PTB raises, the body is unusable
            log.warning("Webhook request refused: not an update (%s)", type(error).__name__)
            return None
        if update is None or not isinstance(update.update_id, int):
            log.warning("Webhook request refused: not an update")
            return None
        return update
