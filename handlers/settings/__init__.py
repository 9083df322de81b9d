"""/settings: check-in time, time zone, how often, quiet thresholds and interests.

Every change is saved, confirmed in words, and applies from the next check-in (the schedule
is recomputed at once; thresholds and interests are read when the check-in is composed).

What the registry wires (``handlers/__init__.py``):

- ``CommandHandler("settings", show_settings)``;
- :data:`CONVERSATION`: the typed value while one setting is asked (time, zone, a quiet
  threshold), the shared time picker's buttons, /cancel and the /help hint;
- :data:`BUTTONS`: the menu and the settings that change with one tap.
"""

from __future__ import annotations

from typing import Any

from bot.domain import settings_texts as texts
from bot.domain.settings_edit import SettingsEdit
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.settings.answers import (
    answer_text,
    answer_time_button,
    answer_zone_button,
    cancel,
    hint,
)
from handlers.settings.menu import (
    SettingsFrequency,
    SettingsInterest,
    SettingsItem,
    SettingsQuietDays,
    SettingsQuietKind,
    frequency_chosen,
    interest_toggled,
    open_item,
    quiet_days_button,
    quiet_kind_chosen,
    show_settings,
)
from handlers.time_picker import PickTime
from handlers.zone_picker import PickZone

CONVERSATION: Conversation[SettingsEdit] = Conversation(
    state=SettingsEdit,
    on_text=answer_text,
    on_cancel=cancel,
    hint=hint,
    answer_buttons={PickTime: answer_time_button, PickZone: answer_zone_button},
    stale_pointer=texts.FRESH_MENU,
)

BUTTONS: tuple[Route[Any], ...] = (
    Route(SettingsItem, open_item, texts.FRESH_MENU),
    Route(SettingsFrequency, frequency_chosen, texts.FRESH_MENU),
    Route(SettingsQuietKind, quiet_kind_chosen, texts.FRESH_MENU),
    Route(SettingsQuietDays, quiet_days_button, texts.FRESH_MENU),
    Route(SettingsInterest, interest_toggled, texts.FRESH_MENU),
)

__all__ = ["BUTTONS", "CONVERSATION", "show_settings"]
