"""/export, /delete and /privacy: commands, :data:`BUTTONS` (the list's "Delete my data…" and
"keep it"), and :data:`CONVERSATION`: /delete's last check, answered by its "yes" only."""

from __future__ import annotations

from handlers.data_rights.deletion import BUTTONS, CONVERSATION, delete_data
from handlers.data_rights.export import export_data, privacy

__all__ = ["BUTTONS", "CONVERSATION", "delete_data", "export_data", "privacy"]
