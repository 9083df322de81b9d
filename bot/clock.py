"""The one seam through which Tend reads the time, so the console can travel in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can say what time it is now, as an aware UTC datetime."""

    def now(self) -> datetime:
        """Current instant in UTC."""
        ...


class SystemClock:
    """The real wall clock; production uses this."""

    def now(self) -> datetime:
        """Current instant in UTC."""
        return datetime.now(UTC)


class ShiftedClock:
    """The wall clock moved forward by an adjustable offset (console time travel, tests)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        """Current instant plus the offset."""
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        """Move this clock forward (or back, with a negative delta)."""
        self.offset += delta


class FixedClock:
    """A clock that stands still until told otherwise (unit tests)."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        """The fixed instant."""
        return self.instant

    def advance(self, delta: timedelta) -> None:
        """Move the fixed instant."""
        self.instant += delta
