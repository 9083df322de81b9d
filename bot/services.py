"""What handlers and jobs need, built once by the composition root and shared."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.domain.suggestions import Catalogue
from bot.settings import Settings
from storage.about_you import CircumstanceRepository
from storage.checkins import CheckinRepository
from storage.contact_imports import ContactImporter
from storage.contacts import ContactRepository
from storage.conversations import ConversationRepository
from storage.database import Database
from storage.deletion import UserDataEraser
from storage.digests import DigestRepository
from storage.export import UserDataExporter
from storage.followups import FollowupRepository
from storage.history import HistoryRepository
from storage.important_dates import ImportantDateRepository
from storage.interactions import InteractionRepository
from storage.learning import CheckinVarietyRepository
from storage.log_drafts import DraftRepository
from storage.moment_edits import MomentEditor
from storage.safety_signals import SafetySignals
from storage.suggestion_history import SuggestionHistory
from storage.summary_queries import SummaryQueries
from storage.users import UserRepository


@dataclass
class Services:
    """The bot's dependencies. Repositories are thin, share the one Database, and are built
    here once, so callers reach them as ``services.contacts`` instead of constructing them."""

    settings: Settings
    clock: Clock
    db: Database
    catalogue: Catalogue  # validated at start-up (a bad entry stops the bot)
    users: UserRepository = field(init=False)
    checkins: CheckinRepository = field(init=False)
    checkin_variety: CheckinVarietyRepository = field(init=False)
    digests: DigestRepository = field(init=False)
    suggestion_history: SuggestionHistory = field(init=False)
    summary: SummaryQueries = field(init=False)
    conversations: ConversationRepository = field(init=False)
    contacts: ContactRepository = field(init=False)
    interactions: InteractionRepository = field(init=False)
    drafts: DraftRepository = field(init=False)
    history: HistoryRepository = field(init=False)
    moment_edits: MomentEditor = field(init=False)
    contact_importer: ContactImporter = field(init=False)
    exporter: UserDataExporter = field(init=False)
    eraser: UserDataEraser = field(init=False)
    safety: SafetySignals = field(init=False)
    # #12 personal check-ins
    followups: FollowupRepository = field(init=False)
    important_dates: ImportantDateRepository = field(init=False)
    circumstances: CircumstanceRepository = field(init=False)

    def __post_init__(self) -> None:
        db = self.db
        self.users = UserRepository(db)
        self.checkins = CheckinRepository(db)
        self.checkin_variety = CheckinVarietyRepository(db)
        self.digests = DigestRepository(db)
        self.suggestion_history = SuggestionHistory(db)
        self.summary = SummaryQueries(db)
        self.conversations = ConversationRepository(db)
        self.contacts = ContactRepository(db)
        self.interactions = InteractionRepository(db)
        self.drafts = DraftRepository(db)
        self.history = HistoryRepository(db)
        self.moment_edits = MomentEditor(db)
        self.contact_importer = ContactImporter(db)
        self.exporter = UserDataExporter(db)
        self.eraser = UserDataEraser(db)
        self.safety = SafetySignals(db)
        self.followups = FollowupRepository(db)
        self.important_dates = ImportantDateRepository(db)
        self.circumstances = CircumstanceRepository(db)
