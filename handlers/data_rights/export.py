"""/export and /privacy: the user's data, and what Tend does with it, in the user's hands."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction

from bot.context import TendContext
from bot.domain import data_rights
from bot.domain.export_files import export_filename, render_interactions_csv, render_json
from handlers import replies


async def export_data(update: Update, context: TendContext) -> None:
    """/export: a JSON document with everything, and a CSV of logged connections."""
    message, user, services = update.effective_message, update.effective_user, context.services
    assert message is not None and user is not None
    data = await services.exporter.collect(user.id)
    if data is None:
        await replies.send(update, context, data_rights.NOTHING_HELD.format(what="export"))
        return
    now = services.clock.now()
    day = now.astimezone(data.zone).date()
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_DOCUMENT)
    everything = render_json(data, now, services.catalogue)
    await message.reply_document(
        everything, filename=export_filename(day), caption=data_rights.JSON_CAPTION
    )
    spreadsheet = render_interactions_csv(data)
    csv_name = export_filename(day, "csv")
    await message.reply_document(spreadsheet, filename=csv_name, caption=data_rights.CSV_CAPTION)


async def privacy(update: Update, context: TendContext) -> None:
    """/privacy: what is stored, where, who reads it, and how to take it or remove it."""
    await replies.send(update, context, data_rights.PRIVACY)
