"""The two-lane rate limiter: replies first, one evenly spaced limit, retry_after for all."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.scheduling.limiter import NotHandedOver, PriorityRateLimiter, ScheduledSend


class Recorder:
    """Stands in for PTB's HTTP call: notes who went when."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, float]] = []
        self.handed: list[str] = []

    def call(self, name: str, fail: list[BaseException] | None = None) -> Any:
        async def send() -> bool:
            if fail:
                raise fail.pop()
            self.sent.append((name, time.monotonic()))
            return True

        return send

    def ticket(self, name: str, allow: bool = True) -> ScheduledSend:
        async def on_handed() -> bool:
            self.handed.append(name)
            return allow

        return ScheduledSend(on_handed=on_handed)

    @property
    def order(self) -> list[str]:
        return [name for name, _ in self.sent]


async def _request(
    limiter: PriorityRateLimiter,
    send: Any,
    chat: int | None,
    ticket: ScheduledSend | None,
    endpoint: str = "sendMessage",
) -> Any:
    data = {"chat_id": chat} if chat is not None else {}
    return await limiter.process_request(send, (), {}, endpoint, data, ticket)


async def test_a_reply_takes_the_next_slot_ahead_of_queued_scheduled_sends() -> None:
    limiter = PriorityRateLimiter(per_second=20)  # a slot every 50 ms
    rec = Recorder()
    scheduled = [
        asyncio.create_task(_request(limiter, rec.call(f"s{n}"), 100 + n, rec.ticket(f"s{n}")))
        for n in range(10)
    ]
    await asyncio.sleep(0.12)  # two or three scheduled sends have gone
    went_before = len(rec.sent)
    # Marked "in flight" only when their slot came, never while waiting here.
    assert rec.handed == rec.order
    reply = asyncio.create_task(_request(limiter, rec.call("reply"), 1, None))
    await asyncio.gather(*scheduled, reply)
    assert rec.order.index("reply") <= went_before + 1
    gaps = [b - a for (_, a), (_, b) in zip(rec.sent, rec.sent[1:], strict=False)]
    assert min(gaps) >= 0.045  # evenly spaced: never a burst, replies included
    await limiter.shutdown()


async def test_replies_are_served_in_order_and_scheduled_sends_get_the_rest() -> None:
    limiter = PriorityRateLimiter(per_second=50)
    rec = Recorder()
    tasks = [
        asyncio.create_task(_request(limiter, rec.call(f"s{n}"), 100 + n, ScheduledSend()))
        for n in range(3)
    ]
    tasks += [asyncio.create_task(_request(limiter, rec.call(f"r{n}"), 1, None)) for n in range(3)]
    await asyncio.gather(*tasks)
    assert rec.order[:3] == ["r0", "r1", "r2"] or rec.order[1:4] == ["r0", "r1", "r2"]
    assert sorted(rec.order) == ["r0", "r1", "r2", "s0", "s1", "s2"]
    await limiter.shutdown()


async def test_scheduled_sends_to_one_chat_keep_a_second_apart() -> None:
    limiter = PriorityRateLimiter(per_second=50, per_chat_interval=0.3)
    rec = Recorder()
    await _request(limiter, rec.call("chart"), 7, ScheduledSend())
    await _request(limiter, rec.call("text"), 7, ScheduledSend())
    assert rec.sent[1][1] - rec.sent[0][1] >= 0.29
    await limiter.shutdown()


async def test_retry_after_pauses_every_lane_and_the_send_is_retried() -> None:
    limiter = PriorityRateLimiter(per_second=50)
    rec = Recorder()
    started = time.monotonic()
    ticket = rec.ticket("s")
    await _request(limiter, rec.call("s", [RetryAfter(timedelta(seconds=0.3))]), 5, ticket)
    await _request(limiter, rec.call("reply"), 6, None)
    assert rec.order == ["s", "reply"]
    assert rec.sent[0][1] - started >= 0.35
    assert rec.handed == ["s"] and ticket.handed  # handed over once, however many attempts
    await limiter.shutdown()


async def test_requests_without_a_chat_are_not_counted_and_a_refused_hand_over_sends_nothing() -> (
    None
):
    limiter = PriorityRateLimiter(per_second=1)
    rec = Recorder()
    await _request(limiter, rec.call("first"), 1, None)
    started = time.monotonic()
    await _request(limiter, rec.call("answer"), None, None, endpoint="answerCallbackQuery")
    assert time.monotonic() - started < 0.2
    with pytest.raises(NotHandedOver):
        await _request(limiter, rec.call("taken"), 2, rec.ticket("taken", allow=False))
    assert rec.order == ["first", "answer"]
    await limiter.shutdown()
