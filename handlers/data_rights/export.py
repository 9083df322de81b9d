"""/export and /privacy: the user's data, and what Tend does with it, in the user's hands."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction

from bot.context import TendContext
from bot.domain.deletion import NOTHING_HELD, PRIVACY
from bot.domain.export_files import export_filename, render_interactions_csv, render_json

JSON_CAPTION = (
    "Everything Tend holds about you: settings, people and groups, logged connections, "
    "check-ins, and ideas shown with what came of them. Times are in UTC; your time "
    "zone is in the file."
)
CSV_CAPTION = "Your logged connections for a spreadsheet, in your local dates and times."


async def export_data(update: Update, context: TendContext) -> None:
    """/export: a JSON document with everything, and a CSV of logged connections."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    services = context.services
    data = await services.exporter.collect(user.id)
    if data is None:
        await message.reply_text(NOTHING_HELD.format(what="export"))
        return
    now = services.clock.now()
    local_day = now.astimezone(data.zone).date()
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_DOCUMENT)
    await message.reply_document(
        document=render_json(data, now), filename=export_filename(local_day), caption=JSON_CAPTION
    )
    await message.reply_document(
        document=render_interactions_csv(data),
        filename=export_filename(local_day, "csv"),
        caption=CSV_CAPTION,
    )


async def privacy(update: Update, context: TendContext) -> None:
    """/privacy: what is stored, where, who reads it, and how to take it or remove it."""
    message = update.effective_message
    assert message is not None
    await message.reply_text(PRIVACY)
