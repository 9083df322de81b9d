"""Week/Month/Year pressed under a one-photo weekly digest (the chart with the summary as its
caption): the same message changes in place with editMessageMedia, new chart, new caption,
the same buttons with the new period ticked, as /summary's chart and text do.

When the new period's words no longer fit in a caption (1,024 characters), the photo keeps
the new chart under its short caption and loses its buttons, and the words follow in one new
message carrying the buttons and the chart's id: from then on the digest is laid out as
/summary is (chart above, words and buttons below) and later presses edit both in place.
If Telegram won't edit the message (gone, too old), the new period is sent afresh.
"""

from __future__ import annotations

from telegram import InputMediaPhoto, Message

from bot.context import TendContext
from bot.domain.summary import SummaryFigures, SummaryPeriod, render_empty_summary
from bot.reports import chart_caption, fits_caption, summary_text
from handlers import replies
from handlers.summary.views import (
    CHART_FILE,
    draw_chart,
    log_keyboard,
    summary_keyboard,
    with_intro,
)

UP_TO_DATE = "This is your {noun}, up to date."
NO_CHART = "I couldn't draw the chart this time, so here are the numbers."


async def change_photo_period(
    context: TendContext,
    message: Message,
    period: SummaryPeriod,
    figures: SummaryFigures,
    intro: str | None,
) -> str | None:
    """Show ``figures`` on the digest photo ``message``; returns the toast, if any."""
    chat_id = message.chat_id
    if figures.is_empty:  # the history went since the digest: say so under the same photo
        await _show_caption(context, message, with_intro(render_empty_summary(), intro))
        return None
    text = summary_text(figures, intro)
    markup = summary_keyboard(period, None)
    if message.caption == text and message.reply_markup == markup:
        return UP_TO_DATE.format(noun=period.noun)
    png = await draw_chart(figures)
    if png is None:  # the words alone, below, with the buttons; the photo stays as it was
        await context.bot.send_message(chat_id, text, reply_markup=markup)
        await replies.drop_buttons(context, chat_id, message.message_id)
        return NO_CHART
    if fits_caption(text):
        media = InputMediaPhoto(png, caption=text, filename=CHART_FILE)
        if not await replies.edit_media(context, chat_id, message.message_id, media, markup):
            await context.bot.send_photo(
                chat_id, photo=png, caption=text, filename=CHART_FILE, reply_markup=markup
            )
        return None
    caption = chart_caption(figures)
    media = InputMediaPhoto(png, caption=caption, filename=CHART_FILE)
    chart = message.message_id
    if not await replies.edit_media(context, chat_id, chart, media, None):
        sent = await context.bot.send_photo(
            chat_id, photo=png, caption=caption, filename=CHART_FILE
        )
        chart = sent.message_id
    await context.bot.send_message(chat_id, text, reply_markup=summary_keyboard(period, chart))
    return None


async def _show_caption(context: TendContext, message: Message, text: str) -> None:
    """The caption changed in place when it fits and Telegram allows it, else sent anew."""
    chat_id, markup = message.chat_id, log_keyboard()
    if message.caption == text and message.reply_markup == markup:
        return
    if fits_caption(text) and await replies.edit_caption(
        context, chat_id, message.message_id, text, markup
    ):
        return
    await context.bot.send_message(chat_id, text, reply_markup=markup)
