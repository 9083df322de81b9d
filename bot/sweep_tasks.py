"""Extra work the periodic scheduler sweep runs each tick, after the daily check-ins."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

# Each task is called as ``await task(application, now_utc)`` once per sweep tick. It must ask
# the database who is due (never keep its own schedule) and be idempotent across restarts.
SweepTask = Callable[[Any, datetime], Awaitable[None]]
SWEEP_TASKS: list[SweepTask] = []
