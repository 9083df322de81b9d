"""/summary: the user's week, month or year in a few lines and one chart.

The chart goes first as a photo, then the text with the Week/Month/Year buttons, so the
buttons sit under everything they change. A press edits both in place (editMessageText,
editMessageMedia), so the chat never fills up with old charts. The chart's message id rides
in the button data; it only ever names a message in the presser's own chat, and a failed
chart edit falls back to sending a fresh chart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.log_buttons import StartLog
from bot.domain.summary import SummaryFigures, SummaryPeriod, render_empty_summary
from bot.reports import build_figures, chart_caption, render_chart, summary_text
from handlers import replies
from handlers.buttons import OUT_OF_DATE, Route, StaleButton
from handlers.keyboards import keyboard

log = logging.getLogger(__name__)

NOT_STARTED = "I don't know you yet, so there's nothing to sum up. Send /start to set me up."
FRESH_SUMMARY = "Send /summary for a fresh one."
CHART_FILE = "tend-summary.png"
LOG_BUTTON = ("Log a connection", StartLog())
_LABELS = {SummaryPeriod.WEEK: "Week", SummaryPeriod.MONTH: "Month", SummaryPeriod.YEAR: "Year"}


@dataclass(frozen=True)
class ShowPeriod(CallbackData, prefix="sm"):
    """A Week/Month/Year button; ``chart`` is the id of the chart photo above the text."""

    period: SummaryPeriod
    chart: int | None


def summary_keyboard(period: SummaryPeriod, chart: int | None) -> InlineKeyboardMarkup:
    """Week/Month/Year (the shown one ticked) and a way to log right away."""
    periods = [
        (("✓ " if choice is period else "") + label, ShowPeriod(choice, chart))
        for choice, label in _LABELS.items()
    ]
    return keyboard([periods, [LOG_BUTTON]])


def log_keyboard() -> InlineKeyboardMarkup:
    """Just "Log a connection" (for an empty summary)."""
    return keyboard([[LOG_BUTTON]])


async def send_summary(
    bot: Any, chat_id: int, figures: SummaryFigures, *, intro: str | None = None
) -> None:
    """Chart then text, or the friendly explanation for someone with nothing logged."""
    if figures.is_empty:
        text = render_empty_summary() if intro is None else f"{intro}\n{render_empty_summary()}"
        await bot.send_message(chat_id, text, reply_markup=log_keyboard())
        return
    png, caption = await render_chart(figures), chart_caption(figures)
    chart = await bot.send_photo(chat_id, photo=png, caption=caption, filename=CHART_FILE)
    markup = summary_keyboard(figures.period, chart.message_id)
    await bot.send_message(chat_id, summary_text(figures, intro), reply_markup=markup)


async def show_summary(update: Update, context: TendContext) -> None:
    """/summary: the last seven days."""
    chat, tg_user, services = update.effective_chat, update.effective_user, context.services
    assert chat is not None and tg_user is not None
    user = await services.users.get(tg_user.id)
    if user is None:
        await replies.send(update, context, NOT_STARTED)
        return
    figures = await build_figures(services, user, SummaryPeriod.WEEK, services.clock.now())
    if not figures.is_empty:
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    await send_summary(context.bot, chat.id, figures)


async def change_period(update: Update, context: TendContext, choice: ShowPeriod) -> str | None:
    """Week/Month/Year pressed: recompute, then edit the chart and the text in place."""
    query, services = update.callback_query, context.services
    assert query is not None
    message = query.message
    if not isinstance(message, Message):
        raise StaleButton(FRESH_SUMMARY)
    user = await services.users.get(query.from_user.id)
    if user is None:
        await replies.send(update, context, NOT_STARTED)
        return OUT_OF_DATE
    figures = await build_figures(services, user, choice.period, services.clock.now())
    chat_id = message.chat_id
    if figures.is_empty:
        await replies.show(context, chat_id, render_empty_summary(), log_keyboard(), edit=message)
        return None
    chart = choice.chart if choice.chart and 0 < choice.chart < message.message_id else None
    text = summary_text(figures)
    if message.text == text and message.reply_markup == summary_keyboard(choice.period, chart):
        return f"This is your {choice.period.noun}, up to date."
    png = await render_chart(figures)
    chart = await _replace_chart(context, chat_id, chart, png, chart_caption(figures))
    await replies.show(context, chat_id, text, summary_keyboard(choice.period, chart), edit=message)
    return None


async def _replace_chart(
    context: TendContext, chat_id: int, chart: int | None, png: bytes, caption: str
) -> int:
    """Edit the chart photo in place; if that message is gone, send a new one."""
    if chart is not None:
        media = InputMediaPhoto(png, caption=caption, filename=CHART_FILE)
        try:
            await context.bot.edit_message_media(media=media, chat_id=chat_id, message_id=chart)
            return chart
        except BadRequest as error:
            if replies.is_not_modified(error):
                return chart
            log.info("chart %s in chat %s not editable (%s); sending anew", chart, chat_id, error)
    sent = await context.bot.send_photo(chat_id, photo=png, caption=caption, filename=CHART_FILE)
    return int(sent.message_id)


BUTTONS = (Route(ShowPeriod, change_period, FRESH_SUMMARY),)
