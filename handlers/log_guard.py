"""Transitional: what /people and /undo (not yet ported) still need from the old /log guard.

Delete this module when they keep their state in ``conversations``: their typed answers are
read while a ``user_data`` flag is set (``UserFlag``), a command drops that flag, and their
handlers stop the update (``stopping``) after sending /log's "on hold" note.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler, filters

from bot.context import TendApplication, TendContext
from handlers import flows
from handlers.log import BUTTONS, send_note
from handlers.log.on_hold import command_of

PEOPLE_INPUT = "people_input"
UNDO_INPUT = "undo_input"
INPUT_FLAGS = (PEOPLE_INPUT, UNDO_INPUT)
GUARD_GROUP = -25


class UserFlag(filters.UpdateFilter):
    """True while ``key`` is set in the sender's user_data (set and cleared by handlers)."""

    def __init__(self, application: TendApplication, key: str) -> None:
        super().__init__(name=f"UserFlag({key})")
        self._application = application
        self._key = key

    def filter(self, update: Update) -> bool:
        """Read the flag without creating user_data for strangers."""
        user = update.effective_user
        if user is None:
            return False
        data = self._application.user_data.get(user.id)
        return bool(data and data.get(self._key))


def claim_text(context: TendContext, flag: str | None = None, value: object = True) -> None:
    """From now on typed text answers ``flag``'s question (None: nobody's here)."""
    data = context.user_data
    if data is None:
        return
    for other in INPUT_FLAGS:
        data.pop(other, None)
    if flag is not None:
        data[flag] = value


async def drop_input_on_turning_away(update: Update, context: TendContext) -> None:
    """A command or a /log button abandons the question /people or /undo asked."""
    query, data = update.callback_query, context.user_data
    command = command_of(update)
    to_log = query is not None and any(route.family.matches(query.data) for route in BUTTONS)
    turning_away = to_log or (command is not None and command not in ("cancel", "help"))
    if data is not None and turning_away:
        dropped = [data.pop(flag, None) for flag in INPUT_FLAGS]
        if any(value is not None for value in dropped):
            flows.leave(context)


def stopping(
    callback: Callable[[Update, TendContext], Awaitable[object]],
) -> Callable[[Update, TendContext], Coroutine[Any, Any, None]]:
    """Wrap a legacy handler: no later group sees an update it took (send /log's note first)."""

    @functools.wraps(callback)
    async def run(update: Update, context: TendContext) -> None:
        """The wrapped handler, then the stop."""
        state = await callback(update, context)
        await send_note(update, context)
        raise ApplicationHandlerStop(state)

    return run


def register(application: TendApplication) -> None:
    """The flag-dropper runs before /people and /undo (group -10)."""
    application.add_handler(TypeHandler(Update, drop_input_on_turning_away), group=GUARD_GROUP)
