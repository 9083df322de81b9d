"""Distress in anything the user types gets a caring answer first (issue #10).

:func:`answer_distress` is what ``TextInput.screen_text`` runs on every free text and on a
command's words, before anything else reads them. Crisis: the country's lines at once, with
*Talk to someone now* / *I'm safe, thanks*. Struggling: a warm word and one small step. Either
way the text is NOT handed on: a crisis phrase typed as a name never becomes a contact. The
open conversation's row is left as it was, so the user's next ordinary message carries on
where they were; the answer says so in one sentence. Only the level and the time are kept
(``safety_signals``); the words are never stored or logged.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.context import TendContext
from bot.domain.crisis_lines import lines_for_zone
from bot.domain.days import today_in
from bot.domain.distress import DistressLevel, classify
from bot.domain.distress_answers import SafeNow, TalkNow, person_to_name, small_collective_idea
from bot.domain.log_draft import with_whom
from bot.domain.log_steps import LogConversation
from bot.domain.safety_replies import (
    SAFE_BUTTON,
    TALK_NOW_BUTTON,
    crisis_reply,
    kept_sentence,
    safe_closing_text,
    struggling_reply,
    talk_now_text,
)
from handlers import replies
from handlers.buttons import Route
from handlers.conversations import OpenConversation
from handlers.keyboards import keyboard
from handlers.log import on_hold
from storage.users import User


def crisis_keyboard() -> InlineKeyboardMarkup:
    """The two buttons under a crisis reply (no state: they work after any restart)."""
    return keyboard([[(TALK_NOW_BUTTON, TalkNow())], [(SAFE_BUTTON, SafeNow())]])


async def answer_distress(
    update: Update, context: TendContext, text: str, open_conversation: OpenConversation[Any] | None
) -> bool:
    """Crisis or struggling: answer, record the level, and return True (the text stops here)."""
    level = classify(text)
    if level is DistressLevel.NONE:
        return False
    sender = update.effective_user
    assert sender is not None
    services = context.services
    known = await services.users.get(sender.id)
    kept = await _kept(update, context, open_conversation)
    if level is DistressLevel.CRISIS:
        lines = lines_for_zone(known.timezone if known else None)
        await replies.send(update, context, crisis_reply(lines, on_hold=kept), crisis_keyboard())
    else:
        answer = await _struggling_answer(context, known)
        await replies.send(update, context, "\n\n".join(filter(None, [answer, kept])))
    if known is not None:
        await services.safety.record(sender.id, level, services.clock.now())
    return True


async def _kept(
    update: Update, context: TendContext, open_conversation: OpenConversation[Any] | None
) -> str | None:
    """One sentence about what the user was in the middle of, if anything."""
    if open_conversation is not None and open_conversation.conversation.on_text is not None:
        state = open_conversation.state
        return kept_sentence(state.whom if isinstance(state, LogConversation) else None)
    if on_hold.forget_note(update):  # a log expired by this very update: /log picks it up
        sender = update.effective_user
        assert sender is not None
        stored = await context.services.drafts.get(sender.id)
        if stored is not None:
            return kept_sentence(with_whom(stored.draft))
    return None


async def _struggling_answer(context: TendContext, known: User | None) -> str:
    """A warm word naming one of their people, else one small idea among others."""
    if known is None:
        return struggling_reply()
    services = context.services
    now = services.clock.now()
    inputs = await services.checkins.compose_inputs([known.id])
    name = person_to_name(inputs[known.id].contacts, now, known.zone)
    if name is not None:
        return struggling_reply(name)
    idea = small_collective_idea(services.catalogue, known.id, today_in(known.zone, now))
    return struggling_reply(None, idea)


async def talk_now_pressed(update: Update, context: TendContext, data: TalkNow) -> None:
    """*Talk to someone now*: the numbers again, for the zone the user has today."""
    sender = update.effective_user
    assert sender is not None
    known = await context.services.users.get(sender.id)
    lines = lines_for_zone(known.timezone if known else None)
    await replies.send(update, context, talk_now_text(lines))


async def safe_pressed(update: Update, context: TendContext, data: SafeNow) -> None:
    """*I'm safe, thanks*: close kindly, door open."""
    await replies.send(update, context, safe_closing_text())


BUTTONS: tuple[Route[Any], ...] = (
    Route(TalkNow, talk_now_pressed),
    Route(SafeNow, safe_pressed),
)

__all__ = ["BUTTONS", "answer_distress", "crisis_keyboard"]
