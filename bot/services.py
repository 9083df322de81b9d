"""What handlers and jobs need, built once by the composition root and shared."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.settings import Settings
from storage.database import Database
from storage.users import UserRepository


@dataclass
class Services:
    """The bot's dependencies; repositories are thin and share the one Database."""

    settings: Settings
    clock: Clock
    db: Database
    users: UserRepository
