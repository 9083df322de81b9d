"""Waiting for the bot to finish: quiet long enough, busy keeps waiting, the cap always ends it."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

from bot.console.lines import ScriptedLines, StreamLines
from bot.console.settle import settle


def _counter(changes_until: float) -> Callable[[], int]:
    """An activity mark that keeps growing until ``changes_until`` seconds have passed."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    ticks = [0]

    def mark() -> int:
        if loop.time() - start < changes_until:
            ticks[0] += 1
        return ticks[0]

    return mark


async def test_returns_once_nothing_happened_for_the_quiet_window() -> None:
    loop = asyncio.get_running_loop()
    ticks: list[float] = []
    start = loop.time()
    done = await settle(
        lambda: False, _counter(0.2), lambda: ticks.append(loop.time()), quiet=0.1, poll=0.01
    )
    elapsed = loop.time() - start
    assert done
    assert 0.25 <= elapsed < 1.0, "waits out the activity, then the quiet window"
    assert len(ticks) >= 10, "output is printed while waiting"


async def test_a_busy_bot_is_waited_for_even_when_silent() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    done = await settle(
        lambda: loop.time() - start < 0.3, lambda: 0, lambda: None, quiet=0.05, poll=0.01
    )
    assert done and loop.time() - start >= 0.3


async def test_the_cap_ends_a_reaction_that_never_stops() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    done = await settle(lambda: True, lambda: 0, lambda: None, quiet=0.05, cap=0.3, poll=0.01)
    assert not done
    assert 0.3 <= loop.time() - start < 0.6


async def test_stream_lines_read_every_line_then_end() -> None:
    lines = StreamLines(io.StringIO("/start\r\nBerlin\n\n:quit"))
    read = [await lines.read() for _ in range(5)]
    assert read == ["/start", "Berlin", "", ":quit", None]
    assert lines.echo


async def test_scripted_lines_end_with_none() -> None:
    lines = ScriptedLines(["/help"])
    assert [await lines.read(), await lines.read()] == ["/help", None]
