"""Callback families that more than one feature uses."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class StartLog(CallbackData, prefix="log"):
    """ "Log a connection" anywhere (check-ins, summaries): opens the /log flow at step 1."""
