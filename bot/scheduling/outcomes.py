"""What a failed scheduled send means: send again, or never (it may have arrived)."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta

import httpx
from telegram.error import RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

MAX_BACKOFF_SECONDS = 60

_NEVER_LEFT = (
    httpx.ConnectError,  # connection refused, DNS: nothing reached Telegram
    httpx.ConnectTimeout,
    httpx.PoolTimeout,  # no free connection: the request was never written
    httpx.WriteError,  # the request was not written completely, so it cannot be acted on
    httpx.WriteTimeout,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)


def may_have_arrived(error: BaseException, *, handed: bool) -> bool:
    """True when Telegram may have delivered the message although we saw an error.

    Only a transport failure AFTER the request was written (read timeout, connection dropped
    while waiting for the answer) leaves the outcome open. An answer from Telegram (429, 5xx,
    400) means it did not deliver; a request still in our limiter, or one that failed to
    connect or to be written, never left. Telegram has no idempotency key, so an open outcome
    is never resent: a possible loss is chosen over a possible duplicate.
    """
    if not handed:
        return False
    cause = error.__cause__
    if isinstance(cause, httpx.TransportError):
        return not isinstance(cause, _NEVER_LEFT)
    if isinstance(error, TimedOut):
        return True  # a timeout without detail: delivery cannot be ruled out
    # Otherwise Telegram answered (an API error), or something unexpected broke after the
    # hand-over, which we cannot rule out.
    return not isinstance(error, TelegramError)


def retry_after_seconds(error: RetryAfter) -> float:
    """``retry_after`` in seconds, whichever form PTB gives it in."""
    with warnings.catch_warnings():  # PTB 22 deprecates the int form; both are handled
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: float | timedelta = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


def next_attempt_at(now: datetime, attempts: int, at_least: float) -> datetime:
    """Exponential backoff (1, 2, 4 ... 60 s), never sooner than Telegram asked."""
    backoff = min(2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)
    return now + timedelta(seconds=max(at_least, backoff))
