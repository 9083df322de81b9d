"""/export, /delete and /privacy: the user's data in the user's hands.

What the registry wires (``handlers/__init__.py``):

- ``CommandHandler`` for ``export``, ``delete`` and ``privacy``;
- :data:`CONVERSATION`: /delete's last check, answered only by its "yes" button (typed text
  takes the stray path), /cancel keeps everything;
- :data:`BUTTONS`: the list's "Delete my data…" and every "keep it".
"""

from __future__ import annotations

from bot.domain.deletion import DeleteConfirmation
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.data_rights.deletion import (
    FRESH_LIST,
    ConfirmDelete,
    DeleteData,
    cancel,
    confirm,
    delete_data,
    hint,
    on_delete_button,
)
from handlers.data_rights.export import export_data, privacy

CONVERSATION: Conversation[DeleteConfirmation] = Conversation(
    state=DeleteConfirmation,
    on_text=None,
    on_cancel=cancel,
    hint=hint,
    answer_buttons={ConfirmDelete: confirm},
    stale_pointer=FRESH_LIST,
    own_buttons=(DeleteData,),
)

BUTTONS: tuple[Route[DeleteData], ...] = (Route(DeleteData, on_delete_button, FRESH_LIST),)

__all__ = ["BUTTONS", "CONVERSATION", "delete_data", "export_data", "privacy"]
