"""Thin Telegram callbacks. ``register`` wires them in the order they must be tried."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import BotCommand

from bot.context import TendApplication
from handlers import activity, basics, errors, fallback, onboarding

StartupHook = Callable[[TendApplication], Awaitable[None]]

# Feature modules append coroutines here to run once storage is open (e.g. the scheduler).
STARTUP_HOOKS: list[StartupHook] = []

# The menu Telegram shows under "/" (setMyCommands); one line each, in this order.
_MENU: list[tuple[str, str]] = [
    ("start", "Set up Tend or change your settings"),
    ("help", "What Tend can do"),
    ("cancel", "Stop what we're doing"),
]


def menu_entries() -> list[tuple[str, str]]:
    """(command, one-line description) pairs, shared by /help and Telegram's menu."""
    return list(_MENU)


def command_menu() -> list[BotCommand]:
    """The published command list."""
    return [BotCommand(name, description) for name, description in _MENU]


def register(application: TendApplication) -> None:
    """Add every handler; conversations first, the catch-all last."""
    activity.register(application)
    onboarding.register(application)
    # Feature handlers are registered here, before basics and the catch-all.
    basics.register(application)
    fallback.register(application)
    application.add_error_handler(errors.on_error)
