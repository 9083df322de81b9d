"""/summary: the user's week, month or year in a few lines and one chart.

Layout: the chart goes first as a photo, then the text with the Week/Month/Year buttons, so the
buttons sit under everything they change. Pressing one edits both messages in place (the text
with editMessageText, the chart with editMessageMedia), so the chat never fills up with old
charts. The chart's message id rides in the button data; it only ever names a message in the
presser's own chat, and a failed chart edit falls back to sending a fresh chart.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.choosing import choose_suggestion as choose_next_step
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState, OverdueContact, overdue_contacts, quiet_kinds
from bot.domain.suggestions import Catalogue, CatalogueError, load_catalogue
from bot.domain.summary import (
    KINDS,
    InteractionFact,
    SummaryFigures,
    SummaryPeriod,
    compute_summary,
    render_empty_summary,
    render_summary_text,
    utf16_len,
)
from bot.services import Services
from handlers.keyboards import keyboard
from handlers.shared_callbacks import StartLog
from storage.summary_queries import SummaryQueries
from storage.users import User

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
_KIND_COLOUR_WORDS = "blue intimate, orange relational, green collective"


@cache
def _catalogue() -> Catalogue | None:
    try:
        return load_catalogue()
    except CatalogueError:
        log.exception("suggestion catalogue unusable; summaries go without a next step")
        return None


async def build_figures(
    services: Services, user: User, period: SummaryPeriod, now: datetime
) -> SummaryFigures:
    """Read the user's history and compute the period's figures (thresholds are the user's)."""
    queries = SummaryQueries(services.db)
    zone = user.zone
    facts = await queries.interactions(user.id)
    contacts = await queries.active_contacts(user.id)
    overdue = overdue_contacts(contacts, now=now, zone=zone)
    today = now.astimezone(zone).date()
    start = today - timedelta(days=period.days - 1)
    period_start = datetime.combine(start, time(0), tzinfo=zone)
    acted_on = await queries.suggestions_acted_on(user.id, period_start, now)
    next_step = await _next_step(
        queries, user, now, last_by_kind=_last_by_kind(facts), contacts=contacts, overdue=overdue
    )
    return compute_summary(
        facts,
        period=period,
        now=now,
        zone=zone,
        thresholds=user.quiet_days,
        overdue=[(item.name, item.days_since) for item in overdue],
        suggestions_acted_on=acted_on,
        next_step=next_step,
    )


def _last_by_kind(facts: list[InteractionFact]) -> dict[ConnectionType, datetime | None]:
    latest: dict[ConnectionType, datetime | None] = dict.fromkeys(KINDS)
    for fact in facts:
        known = latest[fact.kind]
        if known is None or fact.occurred_at > known:
            latest[fact.kind] = fact.occurred_at
    return latest


async def _next_step(
    queries: SummaryQueries,
    user: User,
    now: datetime,
    *,
    last_by_kind: dict[ConnectionType, datetime | None],
    contacts: list[ContactState],
    overdue: list[OverdueContact],
) -> str | None:
    """One idea from the suggestion engine, the same all day so switching periods keeps it."""
    catalogue = _catalogue()
    if catalogue is None:
        return None
    zone = user.zone
    chosen = choose_next_step(
        catalogue,
        quiet=quiet_kinds(
            last_by_kind, now=now, zone=zone, joined_at=user.created_at, thresholds=user.quiet_days
        ),
        contacts=contacts,
        overdue=overdue,
        interests=await queries.interests(user.id),
        history=await queries.shown_suggestions(user.id),
        now=now,
        rng=random.Random(f"{user.id}:{now.astimezone(zone).date().isoformat()}"),
    )
    return chosen.text if chosen is not None else None


def chart_caption(figures: SummaryFigures) -> str:
    """Words for the chart, for anyone who can't see the colours or the picture."""
    feeling = ", and your average feeling as a black line" if figures.has_feelings else ""
    return (
        f"Your {figures.period.noun} as a chart: connections per {figures.bucket_size.value}, "
        f"stacked by kind ({_KIND_COLOUR_WORDS}){feeling}."
    )


def summary_keyboard(period: SummaryPeriod, chart: int | None) -> InlineKeyboardMarkup:
    """Week/Month/Year (the shown one ticked) and a way to log right away."""
    periods = [
        (("✓ " if choice is period else "") + label, ShowPeriod(choice, chart))
        for choice, label in _PERIOD_LABELS.items()
    ]
    return keyboard([periods, [(LOG_LABEL, StartLog())]])


def _log_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[(LOG_LABEL, StartLog())]])


def summary_text(figures: SummaryFigures, intro: str | None = None) -> str:
    """The text message, optionally under a first line (the digest's), within 4,096 units."""
    if intro is None:
        return render_summary_text(figures)
    return intro + "\n" + render_summary_text(figures, max_chars=4096 - utf16_len(intro) - 1)


async def send_summary(
    bot: Any, chat_id: int, figures: SummaryFigures, *, intro: str | None = None
) -> None:
    """Chart then text, or the friendly explanation for someone with nothing logged."""
    if figures.is_empty:
        text = render_empty_summary() if intro is None else f"{intro}\n{render_empty_summary()}"
        await bot.send_message(chat_id, text, reply_markup=_log_keyboard())
        return
    png = await _render_chart(figures)
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
        await _edit_text(context, message, render_empty_summary(), _log_keyboard())
        return
    chart = choice.chart if choice.chart and 0 < choice.chart < message.message_id else None
    text = render_summary_text(figures)
    if message.text == text and message.reply_markup == summary_keyboard(choice.period, chart):
        await query.answer(f"This is your {choice.period.noun}, up to date.")
        return
    await query.answer()
    png = await _render_chart(figures)
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


async def _render_chart(figures: SummaryFigures) -> bytes:
    """Import matplotlib on first use: it costs ~45 MB and 0.3 s that start-up need not pay."""
    from bot.charts import render_chart_async

    return await render_chart_async(figures)
