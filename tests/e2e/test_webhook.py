"""Webhook mode: Telegram POSTs updates to us; only requests with the secret are accepted."""

from __future__ import annotations

import json
import socket

import aiohttp

from tests.rig import BotRig

SECRET = "s3cret_Token-for-tests"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_accepts_the_secret_and_rejects_others(rig: BotRig) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tend-hook"
    await rig.start(
        webhook_url=url, webhook_secret_token=SECRET, webhook_listen="127.0.0.1", webhook_port=port
    )
    assert rig.api.webhook_url == url and rig.api.webhook_secret == SECRET
    user = rig.user(3001, "Web")
    await user.send("/start")
    await user.expect("Hi Web")
    await user.expect("where are you")
    assert rig.api.webhook_status and set(rig.api.webhook_status) == {200}

    update = {
        "update_id": 999_999,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 3002, "type": "private"},
            "from": {"id": 3002, "is_bot": False, "first_name": "Eve"},
            "text": "/start",
        },
    }
    calls_before = len(rig.api.calls_of("sendMessage"))
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(
                url,
                data=json.dumps(update),
                headers={"Content-Type": "application/json", **headers},
            ) as response:
                assert response.status == 403
    assert len(rig.api.calls_of("sendMessage")) == calls_before, "forged updates did nothing"


async def test_webhook_caps_the_body_and_refuses_malformed_json(rig: BotRig) -> None:
    """Issue #11 item 7: no 20 MB bodies, and 400 (not 500, which Telegram retries) for junk."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tend-hook"
    await rig.start(
        webhook_url=url, webhook_secret_token=SECRET, webhook_listen="127.0.0.1", webhook_port=port
    )
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    huge = b'{"update_id": 1, "junk": "' + b"x" * (20 * 1024 * 1024) + b'"}'
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=huge, headers=headers) as response:
            assert response.status == 413
        for body in (b"{not json", b"\xff\xfe", b"[1, 2]", b'{"no_update_id": true}'):
            async with session.post(url, data=body, headers=headers) as response:
                assert response.status == 400, body
    user = rig.user(3003, "Still")
    await user.send("/start")
    await user.expect("Hi Still")
