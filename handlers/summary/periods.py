"""/summary: the user's week, month or year in a few lines and one chart.

The chart goes first as a photo, then the text with the Week/Month/Year buttons, so the
buttons sit under everything they change. A press edits both in place (editMessageText,
editMessageMedia), so the chat never fills up with old charts. The chart's message id rides
in the button data; it only ever names a message in the presser's own chat, and a failed
chart edit falls back to sending a fresh chart.

The weekly digest carries the same buttons: under its text (chart above, as here), under its
text alone (its chart could not be drawn: the text changes, no chart is drawn), or under the
chart itself when the summary fits in the caption (``photo_digest``). A digest keeps its
first line through every press.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InputMediaPhoto, Message, Update
from telegram.constants import ChatAction

from bot.context import TendContext
from bot.domain.summary import SummaryFigures, SummaryPeriod, render_empty_summary
from bot.reports import build_figures, chart_caption, render_chart, summary_text
from handlers import replies
from handlers.buttons import OUT_OF_DATE, Route, StaleButton
from handlers.summary.photo_digest import NO_CHART, UP_TO_DATE, change_photo_period
from handlers.summary.views import (
    CHART_FILE,
    ShowPeriod,
    digest_intro,
    draw_chart,
    log_keyboard,
    summary_keyboard,
    with_intro,
)

log = logging.getLogger(__name__)

NOT_STARTED = "I don't know you yet, so there's nothing to sum up. Send /start to set me up."
FRESH_SUMMARY = "Send /summary for a fresh one."


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
    """Week/Month/Year pressed: recompute, then edit what shows the summary in place."""
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
    intro = digest_intro(message)
    if message.photo:  # a one-photo digest: the buttons sit under the chart itself
        return await change_photo_period(context, message, choice.period, figures, intro)
    chat_id = message.chat_id
    if figures.is_empty:
        empty = with_intro(render_empty_summary(), intro)
        await replies.show(context, chat_id, empty, log_keyboard(), edit=message)
        return None
    chart = choice.chart if choice.chart and 0 < choice.chart < message.message_id else None
    text = summary_text(figures, intro)
    if message.text == text and message.reply_markup == summary_keyboard(choice.period, chart):
        return UP_TO_DATE.format(noun=choice.period.noun)
    toast = None
    if choice.chart is not None:  # none: a digest sent without its chart stays words only
        png = await draw_chart(figures)
        if png is None:
            toast = NO_CHART
        else:
            chart = await _replace_chart(context, chat_id, chart, png, chart_caption(figures))
    markup = summary_keyboard(choice.period, chart)
    await replies.show(context, chat_id, text, markup, edit=message)
    return toast


async def _replace_chart(
    context: TendContext, chat_id: int, chart: int | None, png: bytes, caption: str
) -> int:
    """Edit the chart photo in place; if that message is gone, send a new one."""
    if chart is not None:
        media = InputMediaPhoto(png, caption=caption, filename=CHART_FILE)
        if await replies.edit_media(context, chat_id, chart, media, None):
            return chart
        log.info("chart %s in chat %s not editable; sending anew", chart, chat_id)
    sent = await context.bot.send_photo(chat_id, photo=png, caption=caption, filename=CHART_FILE)
    return int(sent.message_id)


BUTTONS = (Route(ShowPeriod, change_period, FRESH_SUMMARY),)
