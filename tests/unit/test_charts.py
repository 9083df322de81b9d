"""Tests for the /summary chart: a real, small PNG, fast enough for a year of busy history."""

from __future__ import annotations

import asyncio
import random
import struct
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.charts import render_chart, render_chart_async
from bot.domain.kinds import ConnectionType
from bot.domain.summary import InteractionFact, SummaryFigures, SummaryPeriod, compute_summary

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 200 * 1024
NOW = datetime(2024, 6, 9, 18, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
REPO = Path(__file__).resolve().parents[2]


def busy_year() -> list[InteractionFact]:
    """Ten interactions a day for 365 days, 60 contacts, mostly rated."""
    rng = random.Random(7)
    kinds = list(ConnectionType)
    return [
        InteractionFact(
            NOW - timedelta(days=day, minutes=rng.randrange(20 * 60)),
            contact_id=(cid := rng.randrange(60)),
            contact_name=f"Contact {cid}",
            kind=rng.choice(kinds),
            feeling=rng.choice([None, 1, 2, 3, 4, 5, 4, 5]),
        )
        for day in range(365)
        for _ in range(10)
    ]


def figures_for(facts: list[InteractionFact], period: SummaryPeriod) -> SummaryFigures:
    return compute_summary(facts, period=period, now=NOW, zone=BERLIN)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_MAGIC)
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.fixture(scope="module")
def year_figures() -> SummaryFigures:
    return figures_for(busy_year(), SummaryPeriod.YEAR)


def test_busy_year_is_a_small_png_rendered_in_under_a_second(
    year_figures: SummaryFigures,
) -> None:
    assert year_figures.total == 3650
    timings = []
    for _ in range(2):  # best of two: one scheduler hiccup shouldn't fail the build
        started = time.perf_counter()
        png = render_chart(year_figures)
        timings.append(time.perf_counter() - started)
    assert png_size(png) == (800, 450)
    assert len(png) < MAX_BYTES
    assert min(timings) < 1.0


@pytest.mark.parametrize("period", list(SummaryPeriod))
def test_every_period_of_busy_history_fits(period: SummaryPeriod) -> None:
    png = render_chart(figures_for(busy_year(), period))
    assert png_size(png) == (800, 450)
    assert len(png) < MAX_BYTES


@pytest.mark.parametrize("period", list(SummaryPeriod))
def test_a_single_day_of_history_renders(period: SummaryPeriod) -> None:
    facts = [InteractionFact(NOW, 1, "Sam", ConnectionType.INTIMATE, 4)]
    png = render_chart(figures_for(facts, period))
    assert png_size(png) == (800, 450)
    assert len(png) < MAX_BYTES


def test_feeling_line_is_drawn_only_when_there_are_feelings() -> None:
    rated = [InteractionFact(NOW, 1, "Sam", ConnectionType.INTIMATE, 4)]
    unrated = [InteractionFact(NOW, 1, "Sam", ConnectionType.INTIMATE, None)]
    with_line = render_chart(figures_for(rated, SummaryPeriod.WEEK))
    without_line = render_chart(figures_for(unrated, SummaryPeriod.WEEK))
    assert with_line != without_line
    # Same figures give the same bytes (no timestamps in the PNG), so the difference is the line.
    assert render_chart(figures_for(rated, SummaryPeriod.WEEK)) == with_line


def test_a_quiet_period_with_older_history_still_gets_a_chart() -> None:
    facts = [InteractionFact(NOW - timedelta(days=20), 1, "Sam", ConnectionType.RELATIONAL)]
    figures = figures_for(facts, SummaryPeriod.WEEK)
    assert figures.total == 0
    assert not figures.is_empty
    assert render_chart(figures).startswith(PNG_MAGIC)


def test_no_chart_for_a_user_with_no_history() -> None:
    figures = figures_for([], SummaryPeriod.WEEK)
    with pytest.raises(ValueError, match="no history"):
        render_chart(figures)


async def test_async_renders_off_the_loop_and_concurrently() -> None:
    figures = figures_for(busy_year(), SummaryPeriod.MONTH)
    expected = render_chart(figures)
    results = await asyncio.gather(*(render_chart_async(figures) for _ in range(3)))
    assert results == [expected] * 3


def test_importing_charts_does_not_pull_in_pyplot() -> None:
    code = "import sys, bot.charts; sys.exit('matplotlib.pyplot' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False, timeout=30)
    assert done.returncode == 0
