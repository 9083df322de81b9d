"""The one check-in time picker: onboarding and /settings both ask with these buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from telegram import InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.domain.clocktime import COMMON_CHECKIN_TIMES, format_time_of_day
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard

ASK_TIME = "When should I check in each day? Tap a time or type one, like 19:30 or 7pm."


@dataclass(frozen=True)
class PickTime(CallbackData, prefix="tm"):
    """A suggested check-in time; it answers whichever conversation is asking for a time."""

    hour: int
    minute: int

    def chosen(self) -> time:
        """The time; forged hours or minutes make the button stale."""
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise StaleButton()
        return time(self.hour, self.minute)


def time_keyboard() -> InlineKeyboardMarkup:
    """The offered times, in two rows."""
    row = [
        (format_time_of_day(choice), PickTime(choice.hour, choice.minute))
        for choice in COMMON_CHECKIN_TIMES
    ]
    return keyboard([row[:3], row[3:]])
