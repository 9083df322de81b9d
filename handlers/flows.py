"""Remembering which conversation a user is in, so any command can say what happened to it."""

from __future__ import annotations

from bot.context import TendContext

_FLOW_KEY = "active_flow"


def enter(context: TendContext, resume_hint: str) -> None:
    """Mark a conversation as open; ``resume_hint`` tells the user how to carry on."""
    if context.user_data is not None:
        context.user_data[_FLOW_KEY] = resume_hint


def leave(context: TendContext) -> None:
    """Mark the conversation as finished or cancelled."""
    if context.user_data is not None:
        context.user_data.pop(_FLOW_KEY, None)


def resume_hint(context: TendContext) -> str | None:
    """How to continue the open conversation, if there is one."""
    if context.user_data is None:
        return None
    hint = context.user_data.get(_FLOW_KEY)
    return hint if isinstance(hint, str) else None
