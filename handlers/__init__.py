"""Thin Telegram callbacks. ``register`` wires them in the order they must be tried."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable

from telegram import BotCommand

from bot.context import TendApplication
from handlers import (
    activity,
    basics,
    checkins,
    data_rights,
    digest,
    errors,
    fallback,
    log_flow,
    onboarding,
    pause,
    people,
    settings,
    summary,
    undo,
)

# Our conversations deliberately track buttons per user, not per message (per_message=False):
# PTB warns about that choice on every ConversationHandler with a CallbackQueryHandler.
warnings.filterwarnings("ignore", message=r"If 'per_message=False'", module="handlers")

StartupHook = Callable[[TendApplication], Awaitable[None]]

# Feature modules append coroutines here to run once storage is open (e.g. the scheduler).
STARTUP_HOOKS: list[StartupHook] = []

# The menu Telegram shows under "/" (setMyCommands); one line each, in this order.
_MENU: list[tuple[str, str]] = [
    ("start", "Set up Tend or change your settings"),
    ("help", "What Tend can do"),
    ("cancel", "Stop what we're doing"),
    ("log", "Log a connection (/log Sam call yesterday)"),
    ("people", "Your people and groups"),
    ("undo", "Remove the last thing you logged"),
    ("settings", "Check-in time, zone, how often, quiet thresholds, interests"),
    ("pause", "Pause check-ins (/pause 7 for a week)"),
    ("resume", "Bring check-ins back"),
    ("support", "Where to find help if things feel heavy"),
    ("summary", "Your week, month or year at a glance"),
    ("digest", "Get your week's summary every week"),
    ("export", "Download everything Tend holds about you"),
    ("delete", "Delete everything Tend holds about you"),
    ("privacy", "What Tend stores and who can see it"),
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
    people.register(application)
    undo.register(application)
    log_flow.register(application)
    checkins.register(application)
    settings.register(application)
    pause.register(application)
    summary.register(application)
    digest.register(application)
    data_rights.register(application)
    basics.register(application)
    fallback.register(application)
    application.add_error_handler(errors.on_error)
