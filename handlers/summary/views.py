"""The pieces every summary in the chat shares, /summary's and the weekly digest's: the
Week/Month/Year buttons, the chart's file name, the digest's first line, and a chart drawn
without letting a drawing bug swallow the words."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message

from bot.callbacks import CallbackData
from bot.domain.log_buttons import StartLog
from bot.domain.summary import SummaryFigures, SummaryPeriod
from bot.reports import render_chart
from bot.scheduling.digests import DIGEST_INTRO
from handlers.keyboards import keyboard

log = logging.getLogger(__name__)

CHART_FILE = "tend-summary.png"
LOG_BUTTON = ("Log a connection", StartLog())
LABELS = {SummaryPeriod.WEEK: "Week", SummaryPeriod.MONTH: "Month", SummaryPeriod.YEAR: "Year"}


@dataclass(frozen=True)
class ShowPeriod(CallbackData, prefix="sm"):
    """A Week/Month/Year button; ``chart`` is the id of the chart photo above the text (none
    when the buttons sit under the chart itself, or under a digest drawn without one)."""

    period: SummaryPeriod
    chart: int | None


def summary_keyboard(period: SummaryPeriod, chart: int | None) -> InlineKeyboardMarkup:
    """Week/Month/Year (the shown one ticked) and a way to log right away."""
    periods = [
        (("✓ " if choice is period else "") + label, ShowPeriod(choice, chart))
        for choice, label in LABELS.items()
    ]
    return keyboard([periods, [LOG_BUTTON]])


def log_keyboard() -> InlineKeyboardMarkup:
    """Just "Log a connection" (for an empty summary)."""
    return keyboard([[LOG_BUTTON]])


def digest_intro(message: Message) -> str | None:
    """The digest's first line when ``message`` is (part of) a weekly digest: a press keeps
    it, so the message still says what it is and how to change it."""
    words = message.text or message.caption or ""
    return DIGEST_INTRO if words.startswith(DIGEST_INTRO) else None


def with_intro(text: str, intro: str | None) -> str:
    """``text`` under ``intro``, if there is one."""
    return text if intro is None else f"{intro}\n{text}"


async def draw_chart(figures: SummaryFigures) -> bytes | None:
    """The chart, or None when it cannot be drawn (a bug): the words still go out."""
    try:
        return await render_chart(figures)
    except Exception:
        log.warning("the %s chart could not be drawn", figures.period.noun, exc_info=True)
        return None
