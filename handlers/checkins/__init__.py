"""Check-ins from the user's side: each check-in's buttons (:data:`BUTTONS`), /pause, /resume
and /support. The composition root gives the sweep :func:`checkin_keyboard`."""

from __future__ import annotations

from handlers.checkins.buttons import BUTTONS, checkin_keyboard
from handlers.checkins.pause import pause_command, resume_command, support_command

__all__ = ["BUTTONS", "checkin_keyboard", "pause_command", "resume_command", "support_command"]
