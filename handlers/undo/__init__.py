"""/undo: remove the last thing the user logged, after one tap, and say exactly what went.

"The last thing logged" is the last *moment*: a dinner logged with Sam and Alex goes as a
whole. The registry wires ``undo_command``, :data:`CONVERSATION` (typed yes or no, /cancel,
/help; another command closes it silently) and :data:`BUTTONS`.
"""

from __future__ import annotations

from bot.domain.undo import UndoQuestion
from handlers.buttons import Route
from handlers.conversations import Conversation, close_quietly
from handlers.undo.question import UndoConfirm, answer_text, cancel, confirm_button, undo_command

CONVERSATION: Conversation[UndoQuestion] = Conversation(
    state=UndoQuestion,
    on_text=answer_text,
    on_cancel=cancel,
    hint=UndoQuestion.hint,
    on_interrupted=close_quietly,
    own_buttons=(UndoConfirm,),
)

BUTTONS = (Route(UndoConfirm, confirm_button, "/undo shows your last log."),)

__all__ = ["BUTTONS", "CONVERSATION", "UndoConfirm", "undo_command"]
