"""/export, /delete and /privacy: the user's data in the user's hands.

/delete asks twice (a button, then a second button) and each button carries when it was
shown, so an old confirmation found in the chat days later can't delete anything: it is
answered as out of date and the user gets a fresh, current list instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.clocktime import format_time_of_day
from bot.domain.export_files import export_filename, render_interactions_csv, render_json
from handlers import flows
from handlers.keyboards import keyboard
from storage.deletion import UserDataEraser
from storage.export import UserDataExporter
from storage.users import User, to_epoch

log = logging.getLogger(__name__)


class DeleteStep(StrEnum):
    """Where in the two-step confirmation a button sits."""

    ASK = "a"
    CONFIRM = "c"
    CANCEL = "x"


@dataclass(frozen=True)
class DeleteData(CallbackData, prefix="dl"):
    """A /delete button; ``shown`` is when it was offered (Unix seconds)."""

    step: DeleteStep
    shown: int


FIRST_BUTTON_LIFETIME = timedelta(minutes=30)
"""The list the user read must still be what gets deleted; after this, show a fresh one."""
CONFIRM_BUTTON_LIFETIME = timedelta(minutes=5)
"""The final "yes" must follow the first press closely."""

NOTHING_HELD = "I don't hold anything about you, so there's nothing to {what}."
OUT_OF_DATE = "That button is out of date."

PRIVACY = (
    "Your privacy, plainly:\n\n"
    "What Tend stores: your Telegram user and chat ids; your time zone, check-in time and "
    "other settings; the people and groups you log (names as you type them, and their kind); "
    "each connection you log (when, how, how it felt, your note); and the check-ins and "
    "ideas I sent you, with whether you acted on them.\n\n"
    "Where: in one database file on the server that runs this bot. Messages travel through "
    "Telegram, as every chat does.\n\n"
    "Who can read it: you, with /export, and the person who runs this server. "
    "My logs never contain your messages, notes or the names you log.\n\n"
    "Nothing is shared: no ads, no analytics, no one else gets any of it.\n\n"
    "Your copy: /export sends everything as a JSON file, plus your logged connections as a "
    "spreadsheet (CSV).\n"
    "Deleting: /delete shows exactly what will go, asks twice, then removes all of it at once. "
    "Sending /start afterwards begins fresh."
)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe_rows(counts: dict[str, int], user: User | None) -> list[str]:
    """One bullet per kind of data, in words; unknown tables by name, so nothing is hidden."""
    lines: list[str] = []
    for table, count in counts.items():
        if table == "users":
            lines.append(_settings_line(user))
        elif table == "contacts":
            lines.append(_plural(count, "person or group", "people and groups"))
        elif table == "interactions":
            lines.append(
                _plural(count, "logged connection", "logged connections")
                + ", with their feelings and notes"
            )
        elif table == "checkins":
            lines.append(_plural(count, "check-in record", "check-in records"))
        elif table == "suggestions_shown":
            lines.append(
                _plural(count, "idea shown to you", "ideas shown to you")
                + ", and whether you acted on them"
            )
        else:
            name = table.replace("_", " ")
            lines.append(_plural(count, f"{name} record", f"{name} records"))
    return [f"• {line}" for line in lines]


def _settings_line(user: User | None) -> str:
    if user is None or user.timezone is None:
        return "your settings"
    parts = [f"time zone {user.timezone}"]
    if user.checkin_time is not None:
        parts.append(f"check-ins at {format_time_of_day(user.checkin_time)}")
    return f"your settings ({', '.join(parts)})"


async def export_data(update: Update, context: TendContext) -> None:
    """/export: a JSON document with everything, and a CSV of logged connections."""
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and tg_user is not None
    services = context.services
    data = await UserDataExporter(services.db).collect(tg_user.id)
    if data is None:
        await message.reply_text(NOTHING_HELD.format(what="export"))
        return
    now = services.clock.now()
    local_day = now.astimezone(data.zone).date()
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_DOCUMENT)
    await message.reply_document(
        document=render_json(data, now),
        filename=export_filename(local_day),
        caption=(
            "Everything Tend holds about you: settings, people and groups, logged connections, "
            "check-ins, and ideas shown with what came of them. Times are in UTC; your time "
            "zone is in the file."
        ),
    )
    await message.reply_document(
        document=render_interactions_csv(data),
        filename=export_filename(local_day, "csv"),
        caption="Your logged connections for a spreadsheet, in your local dates and times.",
    )


async def delete_data(update: Update, context: TendContext) -> None:
    """/delete: say exactly what would go, and offer the first button."""
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and tg_user is not None
    await _offer_deletion(context, message.chat_id, tg_user.id)


async def _offer_deletion(context: TendContext, chat_id: int, user_id: int) -> None:
    services = context.services
    counts = await UserDataEraser(services.db).count(user_id)
    if not counts:
        await context.bot.send_message(chat_id, NOTHING_HELD.format(what="delete"))
        return
    user = await services.users.get(user_id)
    shown = to_epoch(services.clock.now())
    await context.bot.send_message(
        chat_id,
        _listing(counts, user),
        reply_markup=keyboard(
            [
                [
                    ("Delete my data…", DeleteData(DeleteStep.ASK, shown)),
                    ("Keep it", DeleteData(DeleteStep.CANCEL, shown)),
                ]
            ]
        ),
    )


def _listing(counts: dict[str, int], user: User | None) -> str:
    return "\n".join(
        [
            "Deleting removes everything Tend holds about you:",
            *describe_rows(counts, user),
            "",
            "It can't be undone. Want a copy first? Send /export.",
        ]
    )


async def on_delete_button(update: Update, context: TendContext) -> None:
    """The first button, the final one, or "keep it"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    message = query.message
    user_id = query.from_user.id
    try:
        choice = DeleteData.unpack(query.data)
    except CallbackDataError:
        await _out_of_date(query, context, user_id)
        return
    if not isinstance(message, Message):
        await query.answer(OUT_OF_DATE)
        return
    now = context.services.clock.now()
    if choice.step is DeleteStep.CANCEL:
        await query.answer("Nothing deleted.")
        await _edit(context, message, "Okay, I've deleted nothing. Everything stays as it was.")
        return
    lifetime = FIRST_BUTTON_LIFETIME if choice.step is DeleteStep.ASK else CONFIRM_BUTTON_LIFETIME
    if not _fresh(choice.shown, now, lifetime):
        await _out_of_date(query, context, user_id)
        return
    if choice.step is DeleteStep.ASK:
        await _ask_again(query, context, message, now)
        return
    deleted = await UserDataEraser(context.services.db).delete_everything(user_id)
    if context.user_data is not None:
        context.user_data.clear()
    flows.leave(context)
    await query.answer("Deleted." if deleted else "Nothing left to delete.")
    if not deleted:
        await _edit(context, message, "There was nothing left to delete.")
        return
    await _edit(
        context,
        message,
        "\n".join(
            [
                "Done. I've deleted everything Tend held about you:",
                *describe_rows(deleted, None),
                "",
                "I won't write to you again. The messages in this chat stay in Telegram; you "
                "can clear them there. If you'd like to start again one day, send /start and "
                "we'll begin fresh.",
            ]
        ),
    )


async def _ask_again(query: Any, context: TendContext, message: Message, now: datetime) -> None:
    user_id = query.from_user.id
    counts = await UserDataEraser(context.services.db).count(user_id)
    if not counts:
        await query.answer("Nothing left to delete.")
        await _edit(context, message, NOTHING_HELD.format(what="delete"))
        return
    await query.answer()
    user = await context.services.users.get(user_id)
    shown = to_epoch(now)
    await _edit(
        context,
        message,
        _listing(counts, user).rsplit("\n\n", 1)[0]
        + "\n\nLast check: delete all of this now? I can't bring it back.",
        keyboard(
            [
                [
                    ("Yes, delete everything", DeleteData(DeleteStep.CONFIRM, shown)),
                    ("No, keep it", DeleteData(DeleteStep.CANCEL, shown)),
                ]
            ]
        ),
    )


def _fresh(shown: int, now: datetime, lifetime: timedelta) -> bool:
    age = to_epoch(now) - shown
    return -60 <= age <= lifetime.total_seconds()


async def _edit(
    context: TendContext, message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    await context.bot.edit_message_text(
        text, chat_id=message.chat_id, message_id=message.message_id, reply_markup=markup
    )


async def _out_of_date(query: Any, context: TendContext, user_id: int) -> None:
    """Answer, take the old buttons away, and show the current list to decide on afresh."""
    await query.answer(OUT_OF_DATE)
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        await context.bot.edit_message_reply_markup(
            chat_id=message.chat_id, message_id=message.message_id, reply_markup=None
        )
    if message is not None:
        await context.bot.send_message(message.chat.id, f"{OUT_OF_DATE} Here's the current list.")
        await _offer_deletion(context, message.chat.id, user_id)


async def privacy(update: Update, context: TendContext) -> None:
    """/privacy: what is stored, where, who reads it, and how to take it or remove it."""
    message = update.effective_message
    assert message is not None
    await message.reply_text(PRIVACY)


def register(application: TendApplication) -> None:
    """/export, /delete (with its buttons) and /privacy."""
    application.add_handler(CommandHandler("export", export_data))
    application.add_handler(CommandHandler("delete", delete_data))
    application.add_handler(CommandHandler("privacy", privacy))
    application.add_handler(CallbackQueryHandler(on_delete_button, pattern=DeleteData.pattern()))
