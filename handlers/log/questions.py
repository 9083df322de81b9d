"""Read what a /log question needs from storage; the words and buttons come from the domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from telegram import InlineKeyboardMarkup

from bot.context import TendContext
from bot.domain.log_draft import LogStep
from bot.domain.log_questions import Row, question
from bot.domain.matching import Candidate
from handlers.keyboards import keyboard
from storage.log_drafts import StoredDraft

RECENT_WINDOW = timedelta(days=90)
""""Most frequent" counts interactions in this window, so old habits fade from the menu."""


async def build_question(
    context: TendContext, user_id: int, stored: StoredDraft, step: LogStep, extra: Sequence[Row]
) -> tuple[str, InlineKeyboardMarkup]:
    """The words and buttons for ``step`` of this draft (``extra`` rows go last)."""
    repository, draft = context.services.contacts, stored.draft
    if step is LogStep.WHO:
        since = context.services.clock.now() - RECENT_WINDOW
        overview = await repository.overview(user_id, since)
        menu = [item.activity for item in overview if not item.contact.archived]
        text, rows = question(draft, stored.id, step, menu, has_contacts=bool(overview))
    elif step is LogStep.CONFIRM and draft.pending is not None:
        found = await repository.get_many(user_id, draft.pending.candidates)
        ids = [contact_id for contact_id in draft.pending.candidates if contact_id in found]
        candidates = [Candidate(contact_id, found[contact_id].name) for contact_id in ids]
        text, rows = question(draft, stored.id, step, candidates=candidates)
    else:
        text, rows = question(draft, stored.id, step)
    return text, keyboard([*rows, *extra])
