"""/export, /delete and /privacy: the user's data in the user's hands.

The registry wires the three commands, :data:`BUTTONS` (the list's "Delete my data…" and every
"keep it") and :data:`CONVERSATION`: /delete's last check, answered only by its "yes" button.
"""

from __future__ import annotations

from handlers.data_rights.deletion import BUTTONS, CONVERSATION, delete_data
from handlers.data_rights.export import export_data, privacy

__all__ = ["BUTTONS", "CONVERSATION", "delete_data", "export_data", "privacy"]
