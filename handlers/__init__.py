"""Thin Telegram callbacks, and the one ordered registry of every handler and its group.

Where an update goes: PTB tries groups in ascending order; inside a group the first matching
handler runs. Every conversation keeps its state in ``conversations`` (one row per user) and
is reached through three shared routers: commands, :mod:`handlers.buttons` (one
CallbackQueryHandler for every routed button family) and :mod:`handlers.text_input` (one
MessageHandler for typed text and shared locations).
"""

from __future__ import annotations

from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import TendApplication, TendContext
from handlers import (
    activity,
    basics,
    checkins,
    data_rights,
    errors,
    fallback,
    history,
    imports,
    log,
    onboarding,
    people,
    personal,
    safety,
    settings,
    summary,
    undo,
)
from handlers.buttons import ButtonRouter
from handlers.conversations import Conversations
from handlers.text_input import TEXT_OR_LOCATION, TextInput

# The menu Telegram shows under "/" (setMyCommands); one line each, in this order.
_MENU: list[tuple[str, str]] = [
    ("start", "Set up Tend or change your settings"),
    ("help", "What Tend can do"),
    ("cancel", "Stop what we're doing"),
    ("log", "Log a connection (/log Sam call yesterday)"),
    ("people", "Your people and groups"),
    ("undo", "Remove the last thing you logged"),
    ("history", "Your past logs: find, change or delete one (/history Sam)"),
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

LOG_EXPIRY_GROUP = -30
SCREEN_GROUP = -25
INTERRUPTION_GROUP = -20
ACTIVITY_GROUP = -2
MEMBERSHIP_GROUP = -1
FEATURE_GROUP = 0
LOG_NOTE_GROUP = 30

PRIVATE = filters.ChatType.PRIVATE
ANY_MESSAGE = PRIVATE & ~filters.StatusUpdate.ALL

CONVERSATIONS = Conversations(
    onboarding.CONVERSATION,
    settings.CONVERSATION,
    log.CONVERSATION,
    people.CONVERSATION,
    undo.CONVERSATION,
    summary.CONVERSATION,
    data_rights.CONVERSATION,
    history.CONVERSATION,
    imports.ADDING,
    imports.IMPORTING,
    *personal.CONVERSATIONS,
)
"""Every conversation kept in the ``conversations`` table (one open per user)."""

Handler = BaseHandler[Update, TendContext, Any]
Entry = tuple[Handler, int]
"""A handler with the group it runs in."""


def menu_entries() -> list[tuple[str, str]]:
    """(command, one-line description) pairs, shared by /help and Telegram's menu."""
    return list(_MENU)


def command_menu() -> list[BotCommand]:
    """The published command list."""
    return [BotCommand(name, description) for name, description in _MENU]


def handlers_in_order() -> list[Entry]:
    """Every handler, in the order PTB must try it."""
    text = TextInput(
        CONVERSATIONS,
        stray=fallback.stray_message,
        nothing_to_cancel=log.cancel_held,  # a log on hold is still cancellable
        show_help=basics.show_help,
        screen=safety.answer_distress,
        on_screened_command=activity.on_any_message,  # the activity group (-2) never runs
    )
    routes = [
        *onboarding.BUTTONS,
        *settings.BUTTONS,
        *log.BUTTONS,
        *people.BUTTONS,
        *undo.BUTTONS,
        *summary.BUTTONS,
        *data_rights.BUTTONS,
        *checkins.BUTTONS,
        *history.BUTTONS,
        *imports.BUTTONS,
        *safety.BUTTONS,
        *personal.BUTTONS,
    ]
    buttons = ButtonRouter(routes, CONVERSATIONS)
    return [
        # -30: a log left alone for 15 minutes expires before anything reads the update.
        (TypeHandler(Update, log.watch), LOG_EXPIRY_GROUP),
        # -25: distress in a command's words ("/log I want to die") is answered before the
        # command, or any interruption, does anything; the update then stops here.
        (MessageHandler(filters.COMMAND, text.screen_command), SCREEN_GROUP),
        # -20: the open conversation hears first when the user turns to another command or
        # button (Conversation.on_interrupted), so it can close or hold itself and say so.
        (TypeHandler(Update, CONVERSATIONS.on_any_update), INTERRUPTION_GROUP),
        # -2: whoever writes is active again; never stops the update.
        (TypeHandler(Update, activity.on_any_message), ACTIVITY_GROUP),
        # -1: blocking or unblocking the bot (no other handler cares about these updates).
        (
            ChatMemberHandler(activity.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
            MEMBERSHIP_GROUP,
        ),
        # 0: commands, buttons and typed text; exactly one handler answers each update.
        # Telegram's own ways in come first: a shared contact, a file, then any forward (even
        # of a "/command" or of words the distress screen would catch: someone else's words).
        (MessageHandler(PRIVATE & filters.CONTACT, imports.on_contact), FEATURE_GROUP),
        (MessageHandler(PRIVATE & filters.Document.ALL, imports.on_document), FEATURE_GROUP),
        (MessageHandler(PRIVATE & filters.FORWARDED, imports.on_forward), FEATURE_GROUP),
        (CommandHandler("start", onboarding.start), FEATURE_GROUP),
        (CommandHandler("settings", settings.show_settings), FEATURE_GROUP),
        (CommandHandler("people", people.people_command), FEATURE_GROUP),
        (CommandHandler("undo", undo.undo_command), FEATURE_GROUP),
        (CommandHandler("history", history.history_command), FEATURE_GROUP),
        (CommandHandler("pause", checkins.pause_command), FEATURE_GROUP),
        (CommandHandler("resume", checkins.resume_command), FEATURE_GROUP),
        (CommandHandler("support", checkins.support_command), FEATURE_GROUP),
        (CommandHandler("summary", summary.show_summary), FEATURE_GROUP),
        (CommandHandler("digest", summary.show_digest), FEATURE_GROUP),
        (CommandHandler("export", data_rights.export_data), FEATURE_GROUP),
        (CommandHandler("delete", data_rights.delete_data), FEATURE_GROUP),
        (CommandHandler("privacy", data_rights.privacy), FEATURE_GROUP),
        (CommandHandler("log", log.log_command), FEATURE_GROUP),
        (CommandHandler("help", text.on_help), FEATURE_GROUP),
        (CommandHandler("cancel", text.on_cancel), FEATURE_GROUP),
        (buttons.handler(), FEATURE_GROUP),
        (MessageHandler(TEXT_OR_LOCATION, text.on_message), FEATURE_GROUP),
        # 0, last: whatever nothing above took (unknown commands, photos, stray buttons).
        (MessageHandler(filters.COMMAND, fallback.unknown_command), FEATURE_GROUP),
        (MessageHandler(ANY_MESSAGE, fallback.stray_message), FEATURE_GROUP),
        (CallbackQueryHandler(fallback.stray_button), FEATURE_GROUP),
        # +30: after the update's own reply, what happened to an unfinished log (on hold,
        # not saved), so that note is the last thing the user reads.
        (TypeHandler(Update, log.send_note), LOG_NOTE_GROUP),
    ]


def register(application: TendApplication) -> None:
    """Add every handler in order, then the error handler."""
    for handler, group in handlers_in_order():
        application.add_handler(handler, group=group)
    application.add_error_handler(errors.on_error)
