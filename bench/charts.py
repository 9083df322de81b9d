"""Chart benchmark (issue #14): ``python -m bench.charts`` prints one JSON line.

Measures the /summary chart with the real code:

* ``chart_week_ms``, ``chart_month_ms``, ``chart_year_ms``: p50 CPU time of one render
  (``time.process_time``, so other processes on a busy machine don't count) over varied busy
  histories (about ten rated interactions a day, as the unit tests' worst case);
* ``charts_per_s``: weekly charts per second of CPU on one core;
* ``loop_lag_p99_ms``: how late a ticker coroutine wakes (every 5 ms) while 60 weekly charts
  render through ``render_chart_async`` at once, as a burst of digests would; and
  ``loop_lag_idle_p99_ms``, the same ticker with nothing rendering (the machine's own noise);
* ``first_chart_ms``: wall time of the first ``render_chart_async`` in a fresh interpreter that
  has imported what the bot imports, 3 s after the bot's start-up hook (which starts the worker
  2 s after start-up); ``first_chart_cold_ms`` when the first chart has to start the worker
  itself (a /summary in the first two seconds). Median of three;
* ``chart_rss_growth_mb``: how much that (bot) process's RSS grew for the import and 61 charts,
  and ``chart_worker_rss_mb``, the worker process's own RSS.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.kinds import ConnectionType
from bot.domain.summary import InteractionFact, SummaryFigures, SummaryPeriod, compute_summary

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 6, 9, 18, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Berlin")
HISTORIES = 12
RENDERS_PER_PERIOD = 60
BURST = 60
TICK_S = 0.005

TARGETS = {
    "charts_per_s": ">= 30",
    "chart_week_ms": "<= 33",
    "chart_year_ms": "<= 100",
    "loop_lag_p99_ms": "<= 20",
}


def busy_history(seed: int) -> list[InteractionFact]:
    """A year of 6-14 interactions a day over 60 contacts, most of them rated."""
    rng = random.Random(seed)
    kinds = list(ConnectionType)
    return [
        InteractionFact(
            NOW - timedelta(days=day, minutes=rng.randrange(20 * 60)),
            contact_id=(contact := rng.randrange(60)),
            contact_name=f"Contact {contact}",
            kind=rng.choice(kinds),
            feeling=rng.choice([None, 1, 2, 3, 4, 5, 4, 5]),
        )
        for day in range(365)
        for _ in range(rng.randint(6, 14))
    ]


def sample_figures(period: SummaryPeriod) -> list[SummaryFigures]:
    return [
        compute_summary(busy_history(seed), period=period, now=NOW, zone=ZONE)
        for seed in range(HISTORIES)
    ]


def cpu_ms_per_chart(figures: list[SummaryFigures]) -> list[float]:
    from bot.charts import render_chart

    render_chart(figures[0])  # fonts and patterns are loaded once per process
    timings = []
    for index in range(RENDERS_PER_PERIOD):
        started = time.process_time()
        render_chart(figures[index % len(figures)])
        timings.append((time.process_time() - started) * 1000)
    return timings


async def ticker_lateness(stop: asyncio.Event) -> list[float]:
    """How late each 5 ms sleep wakes up, in ms: the event loop's stalls."""
    lateness = []
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        expected = loop.time() + TICK_S
        await asyncio.sleep(TICK_S)
        lateness.append(max(0.0, (loop.time() - expected) * 1000))
    return lateness


async def loop_lag(figures: list[SummaryFigures], *, rendering: bool) -> float:
    from bot.charts import render_chart_async

    stop = asyncio.Event()
    ticker = asyncio.create_task(ticker_lateness(stop))
    if rendering:
        await asyncio.gather(*(render_chart_async(figures[i % len(figures)]) for i in range(BURST)))
    else:
        await asyncio.sleep(1.0)
    stop.set()
    return percentile(await ticker, 99)


FIRST_CHART_SCRIPT = """
import asyncio, json, sys, time
import psutil
sys.path.insert(0, {root!r})
import bench.charts as bench  # what the bot has imported by the time /summary runs
figures = bench.sample_figures(bench.SummaryPeriod.WEEK)
me = psutil.Process()
rss_before = me.memory_info().rss

async def main():
    started = time.perf_counter()
    import bot.charts as charts
    if {warm}:
        charts.start_chart_worker_soon()  # the bot's start-up hook
        await asyncio.sleep(charts.WORKER_START_DELAY_S + 1.0)  # the first user is a bit later
        started = time.perf_counter()
    await charts.render_chart_async(figures[0])
    first = (time.perf_counter() - started) * 1000
    for index in range(60):
        await charts.render_chart_async(figures[index % len(figures)])
    worker = psutil.Process(charts.chart_worker_pid()).memory_info().rss
    return {{
        "first_chart{suffix}_ms": first,
        "chart_rss_growth{suffix}_mb": (me.memory_info().rss - rss_before) / 2**20,
        "chart_worker_rss{suffix}_mb": worker / 2**20,
    }}

print(json.dumps(asyncio.run(main())))
"""


def first_chart(*, warm: bool) -> dict[str, float]:
    """Median of three fresh interpreters: one cold run says more about the disk than the code.

    ``warm``: the worker was started by the bot's start-up hook a second before the first
    /summary; otherwise the first chart starts it (keys with ``_cold``).
    """
    script = FIRST_CHART_SCRIPT.format(root=str(ROOT), warm=warm, suffix="" if warm else "_cold")
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(share / 100 * (len(ordered) - 1)))]


def measure() -> dict[str, float]:
    """Every chart figure, as the keys ``make bench`` merges into its JSON line."""
    week = sample_figures(SummaryPeriod.WEEK)
    week_ms = cpu_ms_per_chart(week)
    month_ms = cpu_ms_per_chart(sample_figures(SummaryPeriod.MONTH))
    year_ms = cpu_ms_per_chart(sample_figures(SummaryPeriod.YEAR))
    idle_lag = asyncio.run(loop_lag(week, rendering=False))
    busy_lag = asyncio.run(loop_lag(week, rendering=True))
    results = {
        "charts_per_s": 1000 / statistics.fmean(week_ms),
        "chart_week_ms": statistics.median(week_ms),
        "chart_month_ms": statistics.median(month_ms),
        "chart_year_ms": statistics.median(year_ms),
        "loop_lag_p99_ms": busy_lag,
        "loop_lag_idle_p99_ms": idle_lag,
        **first_chart(warm=True),
        **first_chart(warm=False),
    }
    return {key: round(value, 1) for key, value in results.items()}


def main() -> None:
    results = measure()
    width = max(len(key) for key in results)
    for key, value in results.items():
        target = TARGETS.get(key, "")
        print(f"{key:<{width}}  {value:>8}  {target}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
