"""Which updates interrupt an open conversation (``Conversation.on_interrupted``)."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.domain.onboarding import Onboarding, OnboardingStep
from handlers import onboarding
from handlers.conversations import OpenConversation
from handlers.onboarding.steps import ChangeSetting, SettingStep
from handlers.settings.menu import Item, SettingsItem
from handlers.time_picker import PickTime

USER = {"id": 7, "is_bot": False, "first_name": "Ada"}
CHAT = {"id": 7, "type": "private"}


def _message(text: str) -> Update:
    data: dict[str, Any] = {"message_id": 1, "date": 0, "chat": CHAT, "from": USER, "text": text}
    if text.startswith("/"):
        data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return Update.de_json({"update_id": 1, "message": data}, None)


def _press(data: str) -> Update:
    query = {"id": "q", "from": USER, "chat_instance": "c", "data": data}
    return Update.de_json({"update_id": 2, "callback_query": query}, None)


OPEN = OpenConversation(onboarding.CONVERSATION, Onboarding(OnboardingStep.TIME))


@pytest.mark.parametrize(
    ("update", "turning_away"),
    [
        (_message("/summary"), True),
        (_message("/start"), True),
        (_message("/help"), False),
        (_message("/cancel@TendBot"), False),
        (_message("19:30"), False),
        (_press(PickTime(19, 30).pack()), False),  # answers the open question
        (_press(SettingsItem(Item.ZONE).pack()), True),  # another feature's button
        (_press(ChangeSetting(SettingStep.TIME).pack()), True),  # not one of its own_buttons
        (_press("zz:forged"), True),
    ],
)
def test_turning_away(update: Update, turning_away: bool) -> None:
    assert OPEN.is_turning_away(update) is turning_away
