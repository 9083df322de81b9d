"""The /summary chart: connections per day or week, stacked by kind, with the feeling line.

Uses matplotlib's object API with the Agg canvas (never pyplot, which keeps global state), so it
can run in a worker thread: ``png = await render_chart_async(figures)``. Colours are the
Okabe-Ito palette, which stays distinguishable for the common colour-vision deficiencies, and
each kind also has its own hatch so the chart still reads printed in greyscale.
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
from datetime import date

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke
from matplotlib.ticker import MaxNLocator

from bot.domain.kinds import ConnectionType
from bot.domain.summary import KINDS, BucketSize, SummaryFigures, SummaryPeriod

KIND_COLOURS: dict[ConnectionType, str] = {
    ConnectionType.INTIMATE: "#0072B2",  # Okabe-Ito blue
    ConnectionType.RELATIONAL: "#E69F00",  # Okabe-Ito orange
    ConnectionType.COLLECTIVE: "#009E73",  # Okabe-Ito bluish green
}
KIND_HATCHES: dict[ConnectionType, str] = {
    ConnectionType.INTIMATE: "",
    ConnectionType.RELATIONAL: "///",
    ConnectionType.COLLECTIVE: "...",
}
FEELING_COLOUR = "#000000"  # Okabe-Ito black: the line must not be confused with a kind
EDGE_COLOUR = "#222222"

FIGURE_INCHES = (8.0, 4.5)
DPI = 100

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_render_lock = threading.Lock()
"""Renders are CPU-bound (the GIL gains nothing from overlap); serialising them keeps
matplotlib's shared caches out of any race and memory flat under a burst of /summary."""


def render_chart(figures: SummaryFigures) -> bytes:
    """PNG bytes of the period's chart, 800x450 px.

    Raises ValueError for figures with no history at all: a new user gets the text from
    ``render_empty_summary()``, not an empty chart. A quiet period with older history still
    gets a chart (zero bars, with a note), which is honest and shows where the gap is.
    """
    if figures.is_empty:
        raise ValueError("no history to chart; send render_empty_summary() instead")
    with _render_lock:
        return _render(figures)


async def render_chart_async(figures: SummaryFigures) -> bytes:
    """``render_chart`` in a worker thread, so the event loop keeps serving other users."""
    return await asyncio.to_thread(render_chart, figures)


def _render(figures: SummaryFigures) -> bytes:
    fig = Figure(figsize=FIGURE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)  # attach the Agg canvas explicitly; no pyplot, no global backend
    ax = fig.add_subplot()

    lefts = [float((b.start - figures.start).days) for b in figures.buckets]
    widths = [float(b.days) for b in figures.buckets]
    # Bars span their real days, so a short first bucket (a month is 30 days, not 4 weeks)
    # is drawn narrower instead of looking like a slow week.
    gap = 0.12
    bar_lefts = [left + gap * w / 2 for left, w in zip(lefts, widths, strict=True)]
    bar_widths = [w * (1 - gap) for w in widths]
    bottoms = [0.0] * len(figures.buckets)
    handles: list[Patch | Line2D] = []
    for kind in KINDS:
        heights = [float(b.counts.get(kind, 0)) for b in figures.buckets]
        ax.bar(
            bar_lefts,
            heights,
            width=bar_widths,
            bottom=bottoms,
            align="edge",
            color=KIND_COLOURS[kind],
            hatch=KIND_HATCHES[kind],
            edgecolor=EDGE_COLOUR,
            linewidth=0.5,
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        handles.append(
            Patch(
                facecolor=KIND_COLOURS[kind],
                hatch=KIND_HATCHES[kind],
                edgecolor=EDGE_COLOUR,
                linewidth=0.5,
                label=kind.label,
            )
        )

    top = max(bottoms, default=0.0)
    ax.set_ylim(0, max(1.0, top * 1.12))
    ax.set_xlim(0, float(figures.period.days))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Connections")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["top"].set_visible(False)
    _set_time_ticks(ax, figures)
    if figures.total == 0:
        ax.text(
            0.5,
            0.5,
            "Nothing logged in this period",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#555555",
            fontsize=12,
        )

    if figures.has_feelings:
        handles.append(_draw_feelings(ax, figures, lefts, widths))
    else:
        ax.spines["right"].set_visible(False)

    span = _date_range(figures.start, figures.today)
    ax.set_title(
        f"Your {figures.period.noun}: connections per {figures.bucket_size.value}  ·  {span}",
        fontsize=12,
        loc="left",
    )
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=len(handles),
        frameon=False,
        fontsize=10,
    )

    buffer = io.BytesIO()
    # No "Software" stamp: identical figures give identical bytes.
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _draw_feelings(
    ax: Axes, figures: SummaryFigures, lefts: list[float], widths: list[float]
) -> Line2D:
    """Average feeling per bucket on a 1-5 axis; gaps where nothing was rated."""
    twin = ax.twinx()
    centres = [left + w / 2 for left, w in zip(lefts, widths, strict=True)]
    values = [
        b.average_feeling if b.average_feeling is not None else math.nan for b in figures.buckets
    ]
    marker_size = 3.0 if len(values) > 20 else 5.0
    (line,) = twin.plot(
        centres,
        values,
        color=FEELING_COLOUR,
        linewidth=1.6,
        marker="o",
        markersize=marker_size,
        markerfacecolor="white",
        label="Average feeling",
        # A white halo keeps the line legible where it crosses dark or hatched bars.
        path_effects=[withStroke(linewidth=3.6, foreground="white")],
    )
    twin.set_ylim(0.5, 5.5)
    twin.set_yticks([1, 2, 3, 4, 5])
    twin.set_ylabel("Average feeling (1–5)")
    twin.spines["top"].set_visible(False)
    return line


def _set_time_ticks(ax: Axes, figures: SummaryFigures) -> None:
    """Day names for a week, week ranges for a month, month names for a year."""
    positions: list[float] = []
    labels: list[str] = []
    if figures.period is SummaryPeriod.YEAR:
        month_start = date(figures.start.year, figures.start.month, 1)
        while month_start <= figures.today:
            if month_start >= figures.start:
                positions.append(float((month_start - figures.start).days))
                label = _MONTHS[month_start.month - 1]
                if month_start.month == 1:
                    label += f"\n{month_start.year}"
                labels.append(label)
            month_start = _next_month(month_start)
    else:
        for bucket in figures.buckets:
            positions.append((bucket.start - figures.start).days + bucket.days / 2)
            if figures.bucket_size is BucketSize.DAY:
                labels.append(f"{_WEEKDAYS[bucket.start.weekday()]}\n{_day_month(bucket.start)}")
            else:
                labels.append(_date_range(bucket.start, bucket.end, with_year=False))
    ax.set_xticks(positions, labels, fontsize=9)


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _day_month(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _date_range(start: date, end: date, *, with_year: bool = True) -> str:
    """Locale-independent "3–9 Jun 2024" style range (the server locale is not the user's)."""
    year = f" {end.year}" if with_year else ""
    if start == end:
        return f"{_day_month(end)}{year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day_month(end)}{year}"
    start_year = f" {start.year}" if with_year and start.year != end.year else ""
    return f"{_day_month(start)}{start_year} – {_day_month(end)}{year}"


__all__ = [
    "DPI",
    "FIGURE_INCHES",
    "KIND_COLOURS",
    "KIND_HATCHES",
    "render_chart",
    "render_chart_async",
]
