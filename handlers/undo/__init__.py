"""/undo: remove the last thing the user logged, after one tap, and say exactly what went.

"The last thing logged" is the last *moment*: a dinner logged with Sam and Alex goes as a
whole. What the registry wires (``handlers/__init__.py``):

- ``CommandHandler("undo", undo_command)``;
- :data:`CONVERSATION`: the typed yes or no while the question is open, /cancel, /help;
- :data:`BUTTONS`: the question's buttons, which name their moment and so work later too.
"""

from __future__ import annotations

from bot.domain.undo import UndoQuestion
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.undo.answer import answer_text, cancel, confirm_button, hint, leave
from handlers.undo.ask import UndoConfirm, undo_command

CONVERSATION: Conversation[UndoQuestion] = Conversation(
    state=UndoQuestion,
    on_text=answer_text,
    on_cancel=cancel,
    hint=hint,
    on_interrupted=leave,
    own_buttons=(UndoConfirm,),
)

BUTTONS: tuple[Route[UndoConfirm], ...] = (
    Route(UndoConfirm, confirm_button, "/undo shows your last log."),
)

__all__ = ["BUTTONS", "CONVERSATION", "UndoConfirm", "undo_command"]
