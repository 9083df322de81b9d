"""A local, in-process Telegram Bot API server: the test rig and the terminal console use it."""

from bot.fakeapi.server import BotMessage, FakeBotApi
from bot.fakeapi.user import FakeUser

__all__ = ["BotMessage", "FakeBotApi", "FakeUser"]
