"""The week/month/year summary as data, text and chart bytes: below the handlers, so /summary
and the weekly digest (in ``bot.scheduling``) share it without the scheduler importing
Telegram handlers."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.charts import render_chart_async
from bot.domain.choosing import choose_suggestion
from bot.domain.important_dates import period_sentence
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState, OverdueContact, overdue_contacts, quiet_kinds
from bot.domain.summary import (
    KINDS,
    InteractionFact,
    SummaryFigures,
    SummaryPeriod,
    compute_summary,
    render_summary_text,
    utf16_len,
)
from bot.services import Services
from storage.users import User

_KIND_COLOUR_WORDS = "blue intimate, orange relational, green collective"
MAX_CAPTION = 1024
"""Telegram's limit for a photo caption, in UTF-16 units."""


async def build_figures(
    services: Services, user: User, period: SummaryPeriod, now: datetime
) -> SummaryFigures:
    """Read the user's history and compute the period's figures (thresholds are the user's)."""
    queries = services.summary
    zone = user.zone
    facts = await queries.interactions(user.id)
    contacts = await queries.active_contacts(user.id)
    overdue = overdue_contacts(contacts, now=now, zone=zone)
    today = now.astimezone(zone).date()
    start = today - timedelta(days=period.days - 1)
    period_start = datetime.combine(start, time(0), tzinfo=zone)
    acted_on = await queries.suggestions_acted_on(user.id, period_start, now)
    next_step = await _next_step(
        services, user, now, last_by_kind=_last_by_kind(facts), contacts=contacts, overdue=overdue
    )
    figures = compute_summary(
        facts,
        period=period,
        now=now,
        zone=zone,
        thresholds=user.quiet_days,
        overdue=overdue,
        suggestions_acted_on=acted_on,
        next_step=next_step,
    )
    dates = await services.important_dates.for_user(user.id)
    sentence = period_sentence(dates, figures.start, figures.today)
    return replace(figures, dates_sentence=sentence) if sentence else figures


def _last_by_kind(facts: list[InteractionFact]) -> dict[ConnectionType, datetime | None]:
    latest: dict[ConnectionType, datetime | None] = dict.fromkeys(KINDS)
    for fact in facts:
        known = latest[fact.kind]
        if known is None or fact.occurred_at > known:
            latest[fact.kind] = fact.occurred_at
    return latest


async def _next_step(
    services: Services,
    user: User,
    now: datetime,
    *,
    last_by_kind: dict[ConnectionType, datetime | None],
    contacts: list[ContactState],
    overdue: list[OverdueContact],
) -> str | None:
    """One idea from the suggestion engine, the same all day so switching periods keeps it."""
    zone = user.zone
    chosen = choose_suggestion(
        services.catalogue,
        quiet=quiet_kinds(
            last_by_kind, now=now, zone=zone, joined_at=user.created_at, thresholds=user.quiet_days
        ),
        contacts=contacts,
        overdue=overdue,
        interests=await services.summary.interests(user.id),
        history=await services.summary.shown_suggestions(user.id),
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


def summary_text(figures: SummaryFigures, intro: str | None = None) -> str:
    """The text message, optionally under a first line (the digest's), within 4,096 units."""
    if intro is None:
        return render_summary_text(figures)
    return intro + "\n" + render_summary_text(figures, max_chars=4096 - utf16_len(intro) - 1)


def fits_caption(text: str) -> bool:
    """True when ``text`` can ride under a photo as its caption."""
    return utf16_len(text) <= MAX_CAPTION


async def render_chart(figures: SummaryFigures) -> bytes:
    """The chart PNG, drawn by the chart worker process (see bot/charts.py)."""
    return await render_chart_async(figures)
