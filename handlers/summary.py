"""/summary: the user's week, month or year in a few lines and one chart.

Layout: the chart goes first as a photo, then the text with the Week/Month/Year buttons, so the
buttons sit under everything they change. Pressing one edits both messages in place (the text
with editMessageText, the chart with editMessageMedia), so the chat never fills up with old
charts. The chart's message id rides in the button data; it only ever names a message in the
presser's own chat, and a failed chart edit falls back to sending a fresh chart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.summary import (
    SummaryFigures,
    SummaryPeriod,
    render_empty_summary,
    render_summary_text,
)
from bot.reports import build_figures, chart_caption, render_chart, summary_text
from handlers.keyboards import keyboard
from handlers.shared_callbacks import StartLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShowPeriod(CallbackData, prefix="sm"):
    """A Week/Month/Year button; ``chart`` is the id of the chart photo above the text."""

    period: SummaryPeriod
    chart: int | None


LOG_LABEL = "Log a connection"
NOT_STARTED = "I don't know you yet, so there's nothing to sum up. Send /start to set me up."
OUT_OF_DATE = "That button is out of date."
_PERIOD_LABELS = {
    SummaryPeriod.WEEK: "Week",
    SummaryPeriod.MONTH: "Month",
    SummaryPeriod.YEAR: "Year",
}


def summary_keyboard(period: SummaryPeriod, chart: int | None) -> InlineKeyboardMarkup:
    """Week/Month/Year (the shown one ticked) and a way to log right away."""
    periods = [
        (("✓ " if choice is period else "") + label, ShowPeriod(choice, chart))
        for choice, label in _PERIOD_LABELS.items()
    ]
    return keyboard([periods, [(LOG_LABEL, StartLog())]])


def log_keyboard() -> InlineKeyboardMarkup:
    """Just "Log a connection" (for an empty summary)."""
    return keyboard([[(LOG_LABEL, StartLog())]])


async def send_summary(
    bot: Any, chat_id: int, figures: SummaryFigures, *, intro: str | None = None
) -> None:
    """Chart then text, or the friendly explanation for someone with nothing logged."""
    if figures.is_empty:
        text = render_empty_summary() if intro is None else f"{intro}\n{render_empty_summary()}"
        await bot.send_message(chat_id, text, reply_markup=log_keyboard())
        return
    png = await render_chart(figures)
    chart = await bot.send_photo(
        chat_id, photo=png, caption=chart_caption(figures), filename="tend-summary.png"
    )
    await bot.send_message(
        chat_id,
        summary_text(figures, intro),
        reply_markup=summary_keyboard(figures.period, chart.message_id),
    )


async def show_summary(update: Update, context: TendContext) -> None:
    """/summary: the last seven days."""
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and tg_user is not None
    services = context.services
    user = await services.users.get(tg_user.id)
    if user is None:
        await message.reply_text(NOT_STARTED)
        return
    figures = await build_figures(services, user, SummaryPeriod.WEEK, services.clock.now())
    if not figures.is_empty:
        await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
    await send_summary(context.bot, message.chat_id, figures)


async def change_period(update: Update, context: TendContext) -> None:
    """Week/Month/Year pressed: recompute, then edit the chart and the text in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    message = query.message
    try:
        choice = ShowPeriod.unpack(query.data)
    except CallbackDataError:
        await _out_of_date(query, context)
        return
    if not isinstance(message, Message):
        await query.answer(OUT_OF_DATE)
        return
    services = context.services
    user = await services.users.get(query.from_user.id)
    if user is None:
        await query.answer(OUT_OF_DATE)
        await context.bot.send_message(message.chat_id, NOT_STARTED)
        return
    figures = await build_figures(services, user, choice.period, services.clock.now())
    if figures.is_empty:
        await query.answer()
        await _edit_text(context, message, render_empty_summary(), log_keyboard())
        return
    chart = choice.chart if choice.chart and 0 < choice.chart < message.message_id else None
    text = render_summary_text(figures)
    if message.text == text and message.reply_markup == summary_keyboard(choice.period, chart):
        await query.answer(f"This is your {choice.period.noun}, up to date.")
        return
    await query.answer()
    png = await render_chart(figures)
    chart = await _replace_chart(context, message.chat_id, chart, png, chart_caption(figures))
    await _edit_text(context, message, text, summary_keyboard(choice.period, chart))


async def _replace_chart(
    context: TendContext, chat_id: int, chart: int | None, png: bytes, caption: str
) -> int:
    """Edit the chart photo in place; if that message is gone, send a new one."""
    if chart is not None:
        try:
            await context.bot.edit_message_media(
                media=InputMediaPhoto(png, caption=caption, filename="tend-summary.png"),
                chat_id=chat_id,
                message_id=chart,
            )
            return chart
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return chart
            log.info("chart %s in chat %s not editable (%s); sending anew", chart, chat_id, error)
    sent = await context.bot.send_photo(
        chat_id, photo=png, caption=caption, filename="tend-summary.png"
    )
    return int(sent.message_id)


async def _edit_text(
    context: TendContext, message: Message, text: str, markup: InlineKeyboardMarkup
) -> None:
    if message.text == text and message.reply_markup == markup:
        return
    try:
        await context.bot.edit_message_text(
            text, chat_id=message.chat_id, message_id=message.message_id, reply_markup=markup
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return
        log.info("summary text in chat %s not editable (%s); sending anew", message.chat_id, error)
        await context.bot.send_message(message.chat_id, text, reply_markup=markup)


async def _out_of_date(query: Any, context: TendContext) -> None:
    await query.answer(OUT_OF_DATE)
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id, f"{OUT_OF_DATE} Send /summary for a fresh one."
        )


def register(application: TendApplication) -> None:
    """/summary and its period buttons."""
    application.add_handler(CommandHandler("summary", show_summary))
    application.add_handler(CallbackQueryHandler(change_period, pattern=ShowPeriod.pattern()))
