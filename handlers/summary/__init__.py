"""/summary (a week, month or year at a glance) and /digest (the same, weekly).

The registry wires both commands, :data:`BUTTONS` (Week/Month/Year) and :data:`CONVERSATION`:
/digest's day question, answered by its day buttons only. The weekly digest (``bot.digest``)
sends ``send_summary`` of ``build_figures``, with ``summary_keyboard`` or ``log_keyboard``.
"""

from __future__ import annotations

from bot.reports import build_figures
from handlers.summary.digest import CONVERSATION, show_digest
from handlers.summary.periods import (
    BUTTONS,
    log_keyboard,
    send_summary,
    show_summary,
    summary_keyboard,
)

__all__ = ["BUTTONS", "CONVERSATION", "build_figures", "log_keyboard", "send_summary"]
__all__ += ["show_digest", "show_summary", "summary_keyboard"]
