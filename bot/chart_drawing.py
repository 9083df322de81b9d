"""Draws the /summary chart with Pillow: connections per day or week, stacked by kind, with the
feeling line. ``bot.charts`` decides where this runs (a worker process); this module only draws.

matplotlib drew the same chart in 170-360 ms of CPU (layout, tick and text machinery it needs for
general plots); this chart has one fixed layout, so drawing its few rectangles, lines and labels
directly costs about 10 ms (the README's benchmark has the figures).

Colours are the Okabe-Ito palette, which stays distinguishable for the common colour-vision
deficiencies, and each kind also has its own hatch so the chart still reads printed in
greyscale. Everything is drawn at twice the size and halved at the end (supersampling): that is
what gives the lines, dots and markers their smooth, antialiased edges.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw, ImageFont

from bot.domain.kinds import ConnectionType
from bot.domain.summary import (
    KINDS,
    BucketSize,
    InteractionFact,
    SummaryFigures,
    SummaryPeriod,
    compute_summary,
)

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
GRID_COLOUR = "#dddddd"
NOTE_COLOUR = "#555555"
BACKGROUND = "#ffffff"

WIDTH, HEIGHT = 800, 450
FIGURE_INCHES = (8.0, 4.5)
DPI = 100
"""The chart is WIDTH x HEIGHT pixels, i.e. FIGURE_INCHES at DPI (kept for callers)."""

_S = 2
"""Supersampling factor: drawn at twice the size, then halved with a box filter."""

# Layout, in output pixels. The plot's left edge moves right when the y labels are wide.
_TOP = 30
_BOTTOM = 372
_RIGHT_WITH_FEELINGS = 748
_RIGHT_PLAIN = 786
_TICK = 5
_LEGEND_Y = 431

# Font sizes in output pixels (matplotlib's 9, 10 and 12 points at 100 dpi).
_TICK_PX = 12.5
_LABEL_PX = 13.9
_TITLE_PX = 16.7

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def draw_chart(figures: SummaryFigures) -> bytes:
    """PNG bytes of the period's chart, WIDTH x HEIGHT px (callers check ``is_empty`` first)."""
    return _render(figures)


def warm_up() -> None:
    """Draw one throwaway chart, so the first user's chart doesn't pay for loading the fonts,
    the text-shaping library, the hatch patterns and the palette."""
    now = datetime(2024, 6, 9, 12, tzinfo=UTC)
    facts = [
        InteractionFact(now - timedelta(days=day), day, "warm-up", kind, feeling=3)
        for day, kind in enumerate(KINDS)
    ]
    _render(compute_summary(facts, period=SummaryPeriod.WEEK, now=now, zone=ZoneInfo("UTC")))


# --------------------------------------------------------------------------- drawing


@dataclass(frozen=True, slots=True)
class _Plot:
    """Maps data to (supersampled) pixels: x in days since the period's start, y in counts."""

    left: float
    right: float
    top: float
    bottom: float
    days: float
    y_max: float

    def x(self, days: float) -> float:
        return (self.left + (self.right - self.left) * days / self.days) * _S

    def y(self, value: float) -> float:
        return (self.bottom - (self.bottom - self.top) * value / self.y_max) * _S

    def feeling_y(self, feeling: float) -> float:
        """The feeling axis runs 0.5-5.5 so the 1 and 5 markers sit inside the plot."""
        return (self.bottom - (self.bottom - self.top) * (feeling - 0.5) / 5.0) * _S


def _render(figures: SummaryFigures) -> bytes:
    image = Image.new("RGB", (WIDTH * _S, HEIGHT * _S), BACKGROUND)
    draw = ImageDraw.Draw(image)
    tick_font = _font(_TICK_PX)

    tops = [float(bucket.total) for bucket in figures.buckets]
    y_max = max(1.0, max(tops, default=0.0) * 1.12)
    y_ticks = _integer_ticks(y_max)
    y_labels = [str(tick) for tick in y_ticks]
    widest = max(tick_font.getlength(label) for label in y_labels) / _S
    left = max(46.0, 26.0 + widest + _TICK + 3)
    right = _RIGHT_WITH_FEELINGS if figures.has_feelings else _RIGHT_PLAIN
    plot = _Plot(left, right, _TOP, _BOTTOM, float(figures.period.days), y_max)

    for tick in y_ticks:
        y = plot.y(tick)
        _hline(draw, plot.x(0), plot.x(plot.days), y, GRID_COLOUR)
    _draw_bars(image, draw, figures, plot)
    _draw_axes(draw, figures, plot, y_ticks, y_labels)
    if figures.total == 0:
        draw.text(
            ((plot.x(0) + plot.x(plot.days)) / 2, (plot.y(0) + plot.y(y_max)) / 2),
            "Nothing logged in this period",
            fill=NOTE_COLOUR,
            font=_font(_TITLE_PX),
            anchor="mm",
        )
    if figures.has_feelings:
        _draw_feelings(draw, figures, plot)

    span = _date_range(figures.start, figures.today)
    title = f"Your {figures.period.noun}: connections per {figures.bucket_size.value}  ·  {span}"
    draw.text((plot.x(0), 4 * _S), title, fill="#000000", font=_font(_TITLE_PX), anchor="la")
    _draw_legend(image, draw, figures.has_feelings)

    buffer = io.BytesIO()
    # An 8-bit palette PNG is half the bytes of RGB and a third of the encoding time. The
    # palette holds the chart's colours exactly, so the Okabe-Ito fills stay true, plus the
    # blends that antialiasing makes between them. No timestamps or "Software" chunk, so
    # identical figures give identical bytes.
    small = image.reduce(_S).quantize(palette=_palette(), dither=Image.Dither.NONE)
    small.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def _draw_bars(
    image: Image.Image, draw: ImageDraw.ImageDraw, figures: SummaryFigures, plot: _Plot
) -> None:
    """Bars span their real days, so a short first bucket (a month is 30 days, not 4 weeks)
    is drawn narrower instead of looking like a slow week."""
    gap = 0.12
    for bucket in figures.buckets:
        start = float((bucket.start - figures.start).days)
        width = float(bucket.days)
        x0 = round(plot.x(start + gap * width / 2))
        x1 = round(plot.x(start + width * (1 - gap / 2)))
        bottom = 0
        for kind in KINDS:
            count = bucket.counts.get(kind, 0)
            if count == 0:
                continue
            y0 = round(plot.y(bottom + count))
            y1 = round(plot.y(bottom))
            bottom += count
            box = (x0, y0, x1, y1)
            draw.rectangle(box, fill=KIND_COLOURS[kind])
            hatch = KIND_HATCHES[kind]
            if hatch:
                image.paste(EDGE_COLOUR, box, _hatch_mask(hatch).crop(box))
            draw.rectangle(box, outline=EDGE_COLOUR, width=1)


def _draw_axes(
    draw: ImageDraw.ImageDraw,
    figures: SummaryFigures,
    plot: _Plot,
    y_ticks: Sequence[int],
    y_labels: Sequence[str],
) -> None:
    tick_font = _font(_TICK_PX)
    x0, x1 = plot.x(0), plot.x(plot.days)
    y0, y1 = plot.y(0), plot.y(plot.y_max)
    _vline(draw, x0, y1, y0)
    _hline(draw, x0, x1, y0)
    if figures.has_feelings:
        _vline(draw, x1, y1, y0)

    for tick, label in zip(y_ticks, y_labels, strict=True):
        y = plot.y(tick)
        _hline(draw, x0 - _TICK * _S, x0, y)
        draw.text((x0 - (_TICK + 3) * _S, y), label, fill="#000000", font=tick_font, anchor="rm")
    _paste_vertical(draw, "Connections", (10 * _S, (y0 + y1) / 2))

    for position, label in _time_ticks(figures):
        x = plot.x(position)
        _vline(draw, x, y0, y0 + _TICK * _S)
        draw.multiline_text(
            (x, y0 + (_TICK + 2) * _S),
            label,
            fill="#000000",
            font=tick_font,
            anchor="ma",
            align="center",
            spacing=1 * _S,
        )

    if figures.has_feelings:
        for feeling in range(1, 6):
            y = plot.feeling_y(feeling)
            _hline(draw, x1, x1 + _TICK * _S, y)
            draw.text(
                (x1 + (_TICK + 3) * _S, y),
                str(feeling),
                fill="#000000",
                font=tick_font,
                anchor="lm",
            )
        _paste_vertical(draw, "Average feeling (1–5)", (x1 + 38 * _S, (y0 + y1) / 2))


def _draw_feelings(draw: ImageDraw.ImageDraw, figures: SummaryFigures, plot: _Plot) -> None:
    """Average feeling per bucket; the line breaks where nothing was rated."""
    points: list[tuple[float, float] | None] = []
    for bucket in figures.buckets:
        if bucket.average_feeling is None:
            points.append(None)
            continue
        centre = (bucket.start - figures.start).days + bucket.days / 2
        points.append((plot.x(centre), plot.feeling_y(bucket.average_feeling)))
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    runs = [run for run in runs if len(run) > 1]
    # A white halo keeps the line legible where it crosses dark or hatched bars.
    for run in runs:
        draw.line(run, fill=BACKGROUND, width=5 * _S, joint="curve")
    for run in runs:
        draw.line(run, fill=FEELING_COLOUR, width=round(2.2 * _S), joint="curve")
    # matplotlib's 5- and 3-point markers with a 1-point edge, as they were.
    radius, edge = (2.4 * _S, 2) if len(points) > 20 else (4.0 * _S, 3)
    for point in points:
        if point is not None:
            _marker(draw, point, radius, edge)


def _hline(
    draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, colour: str = "#000000"
) -> None:
    """A crisp one-pixel line: snapped so it covers exactly one output row after halving."""
    row = math.floor(y / _S) * _S
    draw.rectangle((round(x0), row, round(x1), row + _S - 1), fill=colour)


def _vline(draw: ImageDraw.ImageDraw, x: float, y0: float, y1: float) -> None:
    column = math.floor(x / _S) * _S
    draw.rectangle((column, round(y0), column + _S - 1, round(y1)), fill="#000000")


def _marker(
    draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float, edge: int
) -> None:
    x, y = centre
    draw.ellipse(
        (x - radius, y - radius, x + radius, y + radius),
        fill=BACKGROUND,
        outline=FEELING_COLOUR,
        width=edge,
    )


def _draw_legend(image: Image.Image, draw: ImageDraw.ImageDraw, with_feelings: bool) -> None:
    """One centred row under the plot: a swatch (or the line) and a label per entry."""
    font = _font(_LABEL_PX)
    handle_w, handle_h, pad, spacing = 28 * _S, 10 * _S, 11 * _S, 28 * _S
    entries: list[tuple[ConnectionType | None, str]] = [(kind, kind.label) for kind in KINDS]
    if with_feelings:
        entries.append((None, "Average feeling"))
    widths = [handle_w + pad + font.getlength(label) for _, label in entries]
    x = (WIDTH * _S - sum(widths) - spacing * (len(entries) - 1)) / 2
    y = _LEGEND_Y * _S
    for (kind, label), width in zip(entries, widths, strict=True):
        if kind is None:
            draw.line([(x, y), (x + handle_w, y)], fill=FEELING_COLOUR, width=round(2.2 * _S))
            _marker(draw, (x + handle_w / 2, y), 3.0 * _S, 2)
        else:
            box = (round(x), round(y - handle_h / 2), round(x + handle_w), round(y + handle_h / 2))
            draw.rectangle(box, fill=KIND_COLOURS[kind])
            hatch = KIND_HATCHES[kind]
            if hatch:
                image.paste(EDGE_COLOUR, box, _hatch_mask(hatch).crop(box))
            draw.rectangle(box, outline=EDGE_COLOUR, width=1)
        draw.text((x + handle_w + pad, y), label, fill="#000000", font=font, anchor="lm")
        x += width + spacing


def _paste_vertical(draw: ImageDraw.ImageDraw, text: str, centre: tuple[float, float]) -> None:
    """An axis label read bottom to top, centred on ``centre``."""
    mask = _vertical_text(text)
    x = round(centre[0] - mask.width / 2)
    y = round(centre[1] - mask.height / 2)
    draw.bitmap((x, y), mask, fill="#000000")


@cache
def _vertical_text(text: str) -> Image.Image:
    font = _font(_LABEL_PX)
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (math.ceil(right - left) + 2, math.ceil(bottom - top) + 2), 0)
    ImageDraw.Draw(mask).text((1 - left, 1 - top), text, fill=255, font=font)
    return mask.rotate(90, expand=True)


@cache
def _hatch_mask(hatch: str) -> Image.Image:
    """The hatch over the whole (supersampled) canvas; bars crop their piece of it, so the
    pattern lines up across neighbouring bars as it did in matplotlib."""
    tile = _hatch_tile(hatch)
    strip = Image.new("L", (WIDTH * _S + tile.width, tile.height), 0)
    for x in range(0, strip.width, tile.width):
        strip.paste(tile, (x, 0))
    mask = Image.new("L", (WIDTH * _S, HEIGHT * _S), 0)
    for y in range(0, mask.height, tile.height):
        mask.paste(strip, (0, y))
    return mask


def _hatch_tile(hatch: str) -> Image.Image:
    """One repeat of the pattern: "///" diagonals 11 px apart, "..." dots on a 5.5 px grid."""
    if hatch == "///":
        step = 11 * _S
        tile = Image.new("L", (step, step), 0)
        draw = ImageDraw.Draw(tile)
        for x in (-step, 0, step):  # neighbours too, so the tile's edges join seamlessly
            draw.line([(x, step), (x + step, 0)], fill=255, width=3)
        return tile
    if hatch == "...":
        pitch = round(5.5 * _S)
        tile = Image.new("L", (pitch, pitch), 0)
        centre = pitch / 2
        ImageDraw.Draw(tile).ellipse(
            (centre - 2.2, centre - 2.2, centre + 2.2, centre + 2.2), fill=255
        )
        return tile
    return Image.new("L", (1, 1), 0)


@cache
def _palette() -> Image.Image:
    """The chart's colours and five blends between every pair of them (148 entries). Finer
    steps than sixths made Pillow's fast nearest-colour lookup round white to a grey."""
    bases = [
        BACKGROUND,
        "#000000",
        GRID_COLOUR,
        EDGE_COLOUR,
        NOTE_COLOUR,
        *KIND_COLOURS.values(),
    ]
    rgbs = [tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) for colour in bases]
    entries = list(rgbs)
    for first, second in itertools.combinations(rgbs, 2):
        for step in range(1, _BLEND_STEPS):
            share = step / _BLEND_STEPS
            entries.append(
                tuple(
                    round(a * (1 - share) + b * share) for a, b in zip(first, second, strict=True)
                )
            )
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for entry in entries for channel in entry])
    return palette


_BLEND_STEPS = 6


FONT_PATH = Path(__file__).resolve().parent / "data" / "DejaVuSans.ttf"
"""DejaVu Sans, the face the chart had under matplotlib; shipped with Tend (its licence is
beside it) so the chart looks the same on every machine."""


@cache
def _font(pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), pixels * _S)


# --------------------------------------------------------------------------- ticks and words


def _integer_ticks(y_max: float) -> list[int]:
    """Whole-number ticks 0..y_max at a 1-2-5 step, at most ten of them (as MaxNLocator)."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if y_max / step <= 9:
                return list(range(0, math.floor(y_max) + 1, step))
        magnitude *= 10


def _time_ticks(figures: SummaryFigures) -> list[tuple[float, str]]:
    """Day names for a week, week ranges for a month, month names for a year."""
    ticks: list[tuple[float, str]] = []
    if figures.period is SummaryPeriod.YEAR:
        month_start = date(figures.start.year, figures.start.month, 1)
        while month_start <= figures.today:
            if month_start >= figures.start:
                label = _MONTHS[month_start.month - 1]
                if month_start.month == 1:
                    label += f"\n{month_start.year}"
                ticks.append((float((month_start - figures.start).days), label))
            month_start = _next_month(month_start)
        return ticks
    for bucket in figures.buckets:
        position = (bucket.start - figures.start).days + bucket.days / 2
        if figures.bucket_size is BucketSize.DAY:
            label = f"{_WEEKDAYS[bucket.start.weekday()]}\n{_day_month(bucket.start)}"
        else:
            label = _date_range(bucket.start, bucket.end, with_year=False)
        ticks.append((position, label))
    return ticks


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
    "HEIGHT",
    "KIND_COLOURS",
    "KIND_HATCHES",
    "WIDTH",
    "draw_chart",
    "warm_up",
]
