"""Check-ins from the user's side: each check-in's buttons, /pause, /resume and /support.

The registry wires the three commands and :data:`BUTTONS`; the composition root gives the
sweep :func:`checkin_keyboard` for every check-in it sends.
"""

from __future__ import annotations

from bot.domain.pausing import CHECKIN_POINTER
from handlers.buttons import Route
from handlers.checkins.buttons import CheckinButton, checkin_keyboard, on_checkin_button
from handlers.checkins.pause import pause_command, resume_command, support_command

BUTTONS = (Route(CheckinButton, on_checkin_button, CHECKIN_POINTER),)

__all__ = ["BUTTONS", "checkin_keyboard", "pause_command", "resume_command", "support_command"]
