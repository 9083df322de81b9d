"""Check-ins from the user's side: the buttons on each check-in, /pause, /resume, /support.

What the registry wires (``handlers/__init__.py``): ``CommandHandler`` for ``pause``,
``resume`` and ``support``, and :data:`BUTTONS`. The composition root (``bot/app.py``) gives
the sweep :func:`checkin_keyboard` to put under every check-in it sends.
"""

from __future__ import annotations

from bot.domain.pausing import CHECKIN_POINTER
from handlers.buttons import Route
from handlers.checkins.buttons import CheckinButton, checkin_keyboard, on_checkin_button
from handlers.checkins.pause import pause_command, resume_command, support_command

BUTTONS: tuple[Route[CheckinButton], ...] = (
    Route(CheckinButton, on_checkin_button, CHECKIN_POINTER),
)

__all__ = ["BUTTONS", "checkin_keyboard", "pause_command", "resume_command", "support_command"]
