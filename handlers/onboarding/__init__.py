"""/start: welcome, the three kinds of connection, time zone, daily check-in time.

What the registry wires (``handlers/__init__.py``):

- ``CommandHandler("start", start)``;
- :data:`CONVERSATION`: typed zones, times and shared locations while set-up asks, the shared
  time picker's buttons, /cancel and the /help hint;
- :data:`BUTTONS`: a returning user's "Change time zone" / "Change check-in time".
"""

from __future__ import annotations

from bot.domain import onboarding_texts as texts
from bot.domain.onboarding import Onboarding
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.onboarding.steps import (
    ChangeSetting,
    answer_location,
    answer_text,
    answer_time_button,
    answer_zone_button,
    cancel,
    change_setting,
    hint,
    start,
)
from handlers.time_picker import PickTime
from handlers.zone_picker import PickZone

CONVERSATION: Conversation[Onboarding] = Conversation(
    state=Onboarding,
    on_text=answer_text,
    on_location=answer_location,
    on_cancel=cancel,
    hint=hint,
    answer_buttons={PickTime: answer_time_button, PickZone: answer_zone_button},
    expires_after=texts.ABANDONED_AFTER,
    stale_pointer=texts.STALE_TIME,
)

BUTTONS: tuple[Route[ChangeSetting], ...] = (Route(ChangeSetting, change_setting),)

__all__ = ["BUTTONS", "CONVERSATION", "ChangeSetting", "start"]
