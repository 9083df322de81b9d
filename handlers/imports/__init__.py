"""Telegram's own ways in (#13): a forwarded message, a shared contact, a ``.vcf`` file.

What the registry wires (``handlers/__init__.py``), all in the feature group BEFORE commands
and typed text, so a forward (even of a "/command" or of distressing words) is read here as
"who sent this", never as the user's own text:

- ``MessageHandler(filters.CONTACT, on_contact)``, ``MessageHandler(filters.Document.ALL,
  on_document)``, ``MessageHandler(filters.FORWARDED, on_forward)`` (in that order: a
  forwarded contact or file is handled as one);
- :data:`BUTTONS` (the "Log a message with Sam" route);
- :data:`ADDING` and :data:`IMPORTING`, the two conversations (answered by buttons only).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.imports import (
    AddAs,
    AddingSomeone,
    AddNew,
    ForwardLog,
    ImportAll,
    ImportingCards,
    ImportPage,
    NotNow,
)
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.imports import adding, vcard
from handlers.imports.contact import on_contact
from handlers.imports.forward import log_pressed, on_forward
from handlers.imports.vcard import on_document

OFFER_LIFETIME = timedelta(days=1)
"""An offer left this long is out of date; its row (names waiting) goes when next read."""

POINTER = "Forward a message or share a contact again to start over."

BUTTONS: tuple[Route[Any], ...] = (Route(ForwardLog, log_pressed, POINTER),)

ADDING: Conversation[AddingSomeone] = Conversation(
    state=AddingSomeone,
    on_text=None,
    on_cancel=adding.cancel,
    hint=AddingSomeone.hint,
    answer_buttons={AddNew: adding.ask_kind, AddAs: adding.add_as, NotNow: adding.not_now},
    expires_after=OFFER_LIFETIME,
    stale_pointer=POINTER,
    own_buttons=(ForwardLog,),
)

IMPORTING: Conversation[ImportingCards] = Conversation(
    state=ImportingCards,
    on_text=None,
    on_cancel=vcard.cancel,
    hint=ImportingCards.hint,
    answer_buttons={
        ImportPage: vcard.page_pressed,
        ImportAll: vcard.all_pressed,
        NotNow: vcard.stop_pressed,
    },
    expires_after=OFFER_LIFETIME,
    stale_pointer="Send the contacts file again to start over.",
)

__all__ = ["ADDING", "BUTTONS", "IMPORTING", "on_contact", "on_document", "on_forward"]
