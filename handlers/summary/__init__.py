"""/summary (the week, month or year at a glance) and /digest (the same, weekly, on its own).

What the registry wires (``handlers/__init__.py``):

- ``CommandHandler`` for ``summary`` and ``digest``;
- :data:`CONVERSATION`: /digest's day question, answered by its day buttons only (typed text
  takes the stray path); /cancel leaves the setting as it is;
- :data:`BUTTONS`: the Week/Month/Year buttons.

``build_figures`` and ``send_summary`` are what the weekly digest (``bot.digest``) sends;
``summary_keyboard`` and ``log_keyboard`` the buttons under it.
"""

from __future__ import annotations

from bot.domain.digest_choice import DigestChoice
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.summary.digest import FRESH_DAYS, PickDigestDay, cancel, hint, pick_day, show_digest
from handlers.summary.figures import build_figures
from handlers.summary.periods import (
    FRESH_SUMMARY,
    ShowPeriod,
    change_period,
    log_keyboard,
    send_summary,
    show_summary,
    summary_keyboard,
)

CONVERSATION: Conversation[DigestChoice] = Conversation(
    state=DigestChoice,
    on_text=None,
    on_cancel=cancel,
    hint=hint,
    answer_buttons={PickDigestDay: pick_day},
    stale_pointer=FRESH_DAYS,
)

BUTTONS: tuple[Route[ShowPeriod], ...] = (Route(ShowPeriod, change_period, FRESH_SUMMARY),)

__all__ = [
    "BUTTONS",
    "CONVERSATION",
    "build_figures",
    "log_keyboard",
    "send_summary",
    "show_digest",
    "show_summary",
    "summary_keyboard",
]
