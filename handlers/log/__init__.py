"""/log: whom the user connected with, how, when and how it felt — a few taps, never paperwork.

Questions (``LogStep``; the next one is ``log_draft.next_step`` of the stored draft)::

    WHO ─┬─ known name ───────────────┬─ HOW ── WHEN ── FEELING ── NOTE ── "Saved: ..."
         ├─ near miss ── CONFIRM ─────┤   (groups skip HOW: in person, changeable)
         ├─ new name ─── KIND ────────┤   "+ Add another person" goes back to WHO
         └─ Someone new ─ NEW_NAME ─ KIND

State: the answers live in ``log_drafts`` (open, held or expired); while a question is open
the ``conversations`` row says /log reads the text (:class:`LogConversation`). Both are written
before the question goes out, so a kill or another process loses nothing.

What the registry wires (``handlers/__init__.py``): ``CommandHandler("log", log_command)``;
:data:`CONVERSATION`; :data:`BUTTONS`; :func:`watch` first (group -30), :func:`send_note` last
(+30); :func:`answer_stray_text` from the stray-text path and :func:`cancel_held` for /cancel
with no conversation open.
"""

from __future__ import annotations

from typing import Any

from bot.domain.log_buttons import LogDrop, LogFromCheckin, LogIt, LogResume, LogWith, StartLog
from bot.domain.log_steps import LogConversation, resume_hint
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.log.answers import ROUTES, on_text
from handlers.log.entry import (
    cancel_held,
    cancel_open,
    drop_pressed,
    log_command,
    log_from_checkin_pressed,
    log_it_pressed,
    log_with_pressed,
    resume_pressed,
    start_pressed,
)
from handlers.log.offers import answer_stray_text
from handlers.log.on_hold import put_on_hold, send_note, watch

BUTTONS: tuple[Route[Any], ...] = (
    *ROUTES,
    Route(StartLog, start_pressed),
    Route(LogResume, resume_pressed),
    Route(LogDrop, drop_pressed),
    Route(LogIt, log_it_pressed),
    Route(LogWith, log_with_pressed),
    Route(LogFromCheckin, log_from_checkin_pressed),
)

CONVERSATION: Conversation[LogConversation] = Conversation(
    state=LogConversation,
    on_text=on_text,
    on_cancel=cancel_open,
    hint=resume_hint,
    on_interrupted=put_on_hold,
    own_buttons=tuple(route.family for route in BUTTONS),
)

__all__ = [
    "BUTTONS",
    "CONVERSATION",
    "answer_stray_text",
    "cancel_held",
    "log_command",
    "send_note",
    "watch",
]
