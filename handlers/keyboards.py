"""Small helpers for building inline keyboards from typed callback data."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData


def button(label: str, data: CallbackData) -> InlineKeyboardButton:
    """One inline button whose callback data is packed (and size-checked) by the codec."""
    return InlineKeyboardButton(label, callback_data=data.pack())


def keyboard(rows: Sequence[Sequence[tuple[str, CallbackData]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, data)."""
    return InlineKeyboardMarkup([[button(label, data) for label, data in row] for row in rows])
