"""What handlers and jobs need, built once by the composition root and shared."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.domain.suggestions import Catalogue
from bot.settings import Settings
from storage.about_you import CircumstanceRepository
from storage.checkins import CheckinRepository
from storage.conversations import ConversationRepository
from storage.database import Database
from storage.deletion import UserDataEraser
from storage.digests import DigestRepository
from storage.export import UserDataExporter
from storage.followups import FollowupRepository
from storage.important_dates import ImportantDateRepository
from storage.learning import CheckinVarietyRepository
from storage.safety_signals import SafetySignals
from storage.suggestion_history import SuggestionHistory
from storage.summary_queries import SummaryQueries
from storage.users import UserRepository


@dataclass
class Services:
    """The bot's dependencies; repositories are thin and share the one Database."""

    settings: Settings
    clock: Clock
    db: Database
    users: UserRepository
    catalogue: Catalogue  # validated at start-up (a bad entry stops the bot)
    checkins: CheckinRepository
    suggestion_history: SuggestionHistory
    conversations: ConversationRepository
    digests: DigestRepository = field(init=False)
    summary: SummaryQueries = field(init=False)
    exporter: UserDataExporter = field(init=False)
    eraser: UserDataEraser = field(init=False)
    safety: SafetySignals = field(init=False)
    # #12 personal check-ins
    followups: FollowupRepository = field(init=False)
    important_dates: ImportantDateRepository = field(init=False)
    circumstances: CircumstanceRepository = field(init=False)
    checkin_variety: CheckinVarietyRepository = field(init=False)

    def __post_init__(self) -> None:
        self.digests = DigestRepository(self.db)
        self.summary = SummaryQueries(self.db)
        self.exporter = UserDataExporter(self.db)
        self.eraser = UserDataEraser(self.db)
        self.safety = SafetySignals(self.db)
        self.followups = FollowupRepository(self.db)
        self.important_dates = ImportantDateRepository(self.db)
        self.circumstances = CircumstanceRepository(self.db)
        self.checkin_variety = CheckinVarietyRepository(self.db)
