"""/summary and /digest (the same, weekly): commands, :data:`BUTTONS` (Week/Month/Year), and
:data:`CONVERSATION` (/digest's day question). The weekly digest itself goes out through
``bot.scheduling.digests``; the composition root hands it this feature's keyboards."""

from __future__ import annotations

from bot.reports import build_figures
from handlers.summary.digest import CONVERSATION, show_digest
from handlers.summary.periods import BUTTONS, send_summary, show_summary
from handlers.summary.views import log_keyboard, summary_keyboard

__all__ = ["BUTTONS", "CONVERSATION", "build_figures", "log_keyboard", "send_summary"]
__all__ += ["show_digest", "show_summary", "summary_keyboard"]
