"""What every scheduled send shares: how a failure is settled, and the source interface."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.scheduling.outcomes import may_have_arrived, next_attempt_at, retry_after_seconds

Item = TypeVar("Item")


class Settle(StrEnum):
    """What to do with a scheduled send that failed."""

    RETRY = "retry"  # Telegram answered with a transient error, or nothing ever left
    UNKNOWN = "unknown"  # it may have arrived: never sent again
    BLOCKED = "blocked"  # the user blocked the bot
    REFUSED = "refused"  # Telegram refused it for good (400)


@dataclass(frozen=True)
class Verdict:
    """How to settle one failure, and the earliest retry Telegram allows."""

    settle: Settle
    at_least_seconds: float = 0.0


def judge(error: BaseException, *, handed: bool) -> Verdict:
    """Sort a failed send; ``handed``: a request for it reached the HTTP client."""
    if isinstance(error, Forbidden):
        return Verdict(Settle.BLOCKED)
    if isinstance(error, RetryAfter):
        return Verdict(Settle.RETRY, retry_after_seconds(error))
    if isinstance(error, BadRequest):
        return Verdict(Settle.REFUSED)
    if may_have_arrived(error, handed=handed):
        return Verdict(Settle.UNKNOWN)
    return Verdict(Settle.RETRY)


def retry_time(
    now: datetime, due_at: datetime, attempts: int, at_least: float, grace: timedelta
) -> datetime | None:
    """When to try again, or None when that would be past the grace period."""
    retry_at = next_attempt_at(now, attempts, at_least)
    return None if retry_at - due_at > grace else retry_at


class DeliverySource(Protocol[Item]):
    """One kind of scheduled message (check-ins, digests) as the sweep's workers see it."""

    name: str

    async def recover(self) -> int:
        """At start-up: settle sends a crash interrupted; returns how many may have arrived."""

    async def fetch(self, now: datetime, exclude: set[int]) -> list[Item]:
        """Owed items not in ``exclude`` (claiming newly due ones); empty when none now."""

    def item_id(self, item: Item) -> int:
        """The item's row id."""

    async def deliver(self, item: Item) -> None:
        """Send one item and record what happened (never raises for Telegram errors)."""
