"""Scheduled messages (daily check-ins, weekly digests): when they are due, what they say, and
how they reach Telegram without getting in the way of replies."""

from __future__ import annotations

from bot.scheduling.checkins import CheckinPipeline, CheckinSource
from bot.scheduling.digests import DigestButtons, DigestSource
from bot.scheduling.limiter import PriorityRateLimiter, ScheduledSend
from bot.scheduling.sweep import Sweeper, send_checkin_now, sweeper_of

__all__ = [
    "CheckinPipeline",
    "CheckinSource",
    "DigestButtons",
    "DigestSource",
    "PriorityRateLimiter",
    "ScheduledSend",
    "Sweeper",
    "send_checkin_now",
    "sweeper_of",
]
