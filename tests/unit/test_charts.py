"""Tests for the /summary chart: a real, small PNG with the README's look, fast enough for a year
of busy history, drawn in a worker process that is replaced when it dies."""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import random
import signal
import struct
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bot.chart_drawing import EDGE_COLOUR, KIND_COLOURS
from bot.chart_worker import ANSWER_HEADER, FAILED, OK, REQUEST_HEADER, serve
from bot.charts import (
    chart_worker_pid,
    render_chart,
    render_chart_async,
    start_chart_worker_soon,
    stop_chart_worker,
)
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


def test_importing_charts_keeps_drawing_libraries_out_of_the_bot() -> None:
    code = (
        "import sys, bot.charts; "
        "sys.exit(sorted(m for m in ('PIL', 'matplotlib') if m in sys.modules) or None)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False, timeout=30)
    assert done.returncode == 0


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def pixels(
    png: bytes, box: tuple[int, int, int, int] = (0, 0, 800, 450)
) -> dict[tuple[int, ...], int]:
    """How many pixels of each exact colour the region holds."""
    region = Image.open(io.BytesIO(png)).convert("RGB").crop(box)
    counts: dict[tuple[int, ...], int] = {}
    for count, colour in region.getcolors(800 * 450) or []:
        assert isinstance(colour, tuple)
        counts[colour] = count
    return counts


PLOT_INSIDE = (60, 35, 740, 365)  # inside the axes, clear of spines, ticks and labels


def test_each_kind_keeps_its_okabe_ito_colour_and_hatches_use_the_edge_colour(
    year_figures: SummaryFigures,
) -> None:
    inside = pixels(render_chart(year_figures), PLOT_INSIDE)
    for colour in KIND_COLOURS.values():
        assert inside.get(rgb(colour), 0) > 5_000  # exact colours, not a quantised neighbour
    assert inside.get(rgb(EDGE_COLOUR), 0) > 2_000  # hatch lines and dots, bar edges
    assert inside.get((255, 255, 255), 0) > 1_000  # the background stays pure white


def test_the_feeling_line_is_black_inside_the_plot_only_when_there_are_feelings() -> None:
    facts = [
        InteractionFact(NOW - timedelta(days=day), 1, "Sam", kind, feeling)
        for day in range(7)
        for kind, feeling in ((ConnectionType.INTIMATE, 4), (ConnectionType.COLLECTIVE, None))
    ]
    unrated = [InteractionFact(f.occurred_at, 1, "Sam", f.kind, None) for f in facts]
    black = (0, 0, 0)
    assert pixels(render_chart(figures_for(facts, SummaryPeriod.WEEK)), PLOT_INSIDE)[black] > 300
    assert black not in pixels(render_chart(figures_for(unrated, SummaryPeriod.WEEK)), PLOT_INSIDE)


def test_labels_are_drawn_in_every_margin(year_figures: SummaryFigures) -> None:
    png = render_chart(year_figures)
    margins = {
        "title": (0, 0, 800, 28),
        "y axis": (0, 40, 40, 360),
        "x axis": (60, 376, 740, 410),
        "legend": (100, 418, 700, 445),
        "feeling axis": (752, 40, 800, 360),
    }
    for name, box in margins.items():
        dark = sum(n for colour, n in pixels(png, box).items() if max(colour) < 100)
        assert dark > 40, name


async def test_a_worker_that_dies_is_replaced() -> None:
    figures = figures_for(busy_year(), SummaryPeriod.WEEK)
    expected = render_chart(figures)
    assert await render_chart_async(figures) == expected
    first = chart_worker_pid()
    assert first is not None and first != os.getpid()
    os.kill(first, signal.SIGKILL)
    assert await render_chart_async(figures) == expected
    assert chart_worker_pid() not in (None, first)


async def test_without_a_worker_the_chart_is_drawn_in_the_bot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    figures = figures_for(busy_year(), SummaryPeriod.WEEK)
    stop_chart_worker()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    assert await render_chart_async(figures) == render_chart(figures)
    assert chart_worker_pid() is None


async def test_the_start_up_hook_starts_the_worker_a_little_later() -> None:
    stop_chart_worker()
    start_chart_worker_soon(delay_s=0.05)
    assert chart_worker_pid() is None  # start-up is not kept waiting
    for _ in range(100):
        await asyncio.sleep(0.02)
        if chart_worker_pid() is not None:
            break
    assert chart_worker_pid() is not None


async def test_async_refuses_a_user_with_no_history() -> None:
    with pytest.raises(ValueError, match="no history"):
        await render_chart_async(figures_for([], SummaryPeriod.WEEK))


def frame(payload: bytes) -> bytes:
    return REQUEST_HEADER.pack(len(payload)) + payload


def test_worker_answers_each_request_and_names_only_the_error_type() -> None:
    figures = figures_for(busy_year(), SummaryPeriod.MONTH)
    requests = io.BytesIO(frame(pickle.dumps("not figures")) + frame(pickle.dumps(figures)))
    answers = io.BytesIO()
    serve(requests, answers)  # returns at the end of the input, as at the bot's exit
    stream = io.BytesIO(answers.getvalue())
    status, length = ANSWER_HEADER.unpack(stream.read(ANSWER_HEADER.size))
    assert (status, stream.read(length)) == (FAILED, b"TypeError")
    status, length = ANSWER_HEADER.unpack(stream.read(ANSWER_HEADER.size))
    assert status == OK
    assert stream.read(length) == render_chart(figures)


@settings(max_examples=60, deadline=None)
@given(
    period=st.sampled_from(list(SummaryPeriod)),
    history=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=400),  # days ago
            st.sampled_from(list(ConnectionType)),
            st.none() | st.integers(min_value=1, max_value=5),
            st.integers(min_value=1, max_value=400),  # how many that day
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_any_history_gives_a_chart_of_the_same_size(
    period: SummaryPeriod, history: list[tuple[int, ConnectionType, int | None, int]]
) -> None:
    facts = [
        InteractionFact(NOW - timedelta(days=days), 1, "Sam", kind, feeling)
        for days, kind, feeling, times in history
        for _ in range(times)
    ]
    png = render_chart(figures_for(facts, period))
    assert png_size(png) == (800, 450)
    assert len(png) < MAX_BYTES
