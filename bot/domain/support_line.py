"""Whether the check-in carries the pointer to /support, and in which words (issue #10).

At most once every `SUPPORT_LINE_INTERVAL`. It appears after low feelings or when every kind
has been quiet a long time (`bot.domain.checkin.needs_support_line`), and also for a week after
a crisis or struggling message, then in softer words that do not repeat what was said.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.domain.checkin import SUPPORT_LINE, needs_support_line
from bot.domain.quiet import QuietKind

SUPPORT_LINE_INTERVAL = timedelta(days=7)
SIGNAL_WINDOW = timedelta(days=7)

GENTLE_SUPPORT_LINE = (
    "If things still feel heavy, you don't have to carry it alone: /support has people you can "
    "talk to, whenever you want."
)
"""The softer wording used in the week after a distress signal."""


def support_line(
    quiet: Sequence[QuietKind],
    recent_feelings: Sequence[int],
    last_signal_at: datetime | None,
    last_support_line_at: datetime | None,
    now: datetime,
) -> str | None:
    """The support line for today's check-in, or None.

    `recent_feelings` are 1-5, oldest first (ValueError otherwise, as in checkin.py).
    A `last_support_line_at` or `last_signal_at` in the future (clock skew) counts as recent.
    """
    low = needs_support_line(quiet, recent_feelings)  # validates feelings every time
    if last_support_line_at is not None and now - last_support_line_at < SUPPORT_LINE_INTERVAL:
        return None
    if last_signal_at is not None and now - last_signal_at < SIGNAL_WINDOW:
        return GENTLE_SUPPORT_LINE
    return SUPPORT_LINE if low else None


__all__ = ["GENTLE_SUPPORT_LINE", "SIGNAL_WINDOW", "SUPPORT_LINE_INTERVAL", "support_line"]
