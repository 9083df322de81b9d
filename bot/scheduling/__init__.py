"""Daily check-ins: when they are due, what they say, and how they reach Telegram."""

from __future__ import annotations

from bot.scheduling.sweep import (
    CheckinPipeline,
    CheckinSweeper,
    send_checkin_now,
    sweeper_of,
)

__all__ = ["CheckinPipeline", "CheckinSweeper", "send_checkin_now", "sweeper_of"]
