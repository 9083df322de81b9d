"""The sweep's storage side on a real SQLite file: claiming, the queue, triggers, delivery."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.clock import FixedClock
from bot.context import SERVICES_KEY
from bot.domain.checkin import CheckinMessage
from bot.domain.checkin_lead import AheadMention
from bot.domain.important_dates import DateKind, DayOfYear
from bot.domain.kinds import ConnectionType
from bot.domain.suggestions import ChosenSuggestion, Strategy, load_catalogue
from bot.scheduling.checkins import CheckinPipeline, CheckinSource
from bot.scheduling.limiter import ScheduledSend
from bot.services import Services
from bot.settings import Settings
from storage.checkins import NewClaim, QueuedCheckin
from storage.database import Database
from storage.important_dates import ImportantDateRepository
from storage.users import to_epoch

NOW = datetime(2026, 6, 1, 17, 30, 20, tzinfo=UTC)  # 19:30:20 in Berlin
DAY = NOW.date().isoformat()


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    yield Services(
        settings=Settings(
            telegram_bot_token=SecretStr("1:x"),
            database_path=tmp_path / "tend.sqlite3",
            _env_file=None,  # type: ignore[call-arg]
        ),
        clock=FixedClock(NOW),
        db=database,
        catalogue=load_catalogue(),
    )
    await database.close()


async def add_user(
    services: Services, user_id: int, *, due: datetime | None = NOW, at: str = "19:30"
) -> None:
    await services.db.execute(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
        "VALUES (?, ?, 'Europe/Berlin', ?, ?)",
        (user_id, user_id, at, to_epoch(NOW - timedelta(days=30))),
    )
    await services.db.execute(
        "UPDATE users SET next_checkin_at = ? WHERE id = ?",
        (to_epoch(due) if due else None, user_id),
    )


async def add_interaction(
    services: Services, user_id: int, kind: str, at: datetime, feeling: int | None = None
) -> int:
    async with services.db.transaction() as connection:
        cursor = await connection.execute(
            "INSERT INTO contacts (user_id, name, name_key, kind, created_at) VALUES "
            "(?, ?, ?, ?, ?) ON CONFLICT (user_id, name_key) DO UPDATE SET kind = kind "
            "RETURNING id",
            (user_id, f"P-{kind}", f"p-{kind}", kind, to_epoch(at - timedelta(days=90))),
        )
        row = await cursor.fetchone()
        assert row is not None
        await connection.execute(
            "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, feeling, "
            "created_at) VALUES (?, ?, ?, 'call', ?, ?)",
            (user_id, row[0], to_epoch(at), feeling, to_epoch(at)),
        )
        return int(row[0])


async def rows(services: Services, sql: str, *params: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in await services.db.fetch_all(sql, params)]


async def test_claim_round_claims_only_due_users_once(services: Services) -> None:
    await add_user(services, 1)
    await add_user(services, 2, due=NOW + timedelta(hours=1))
    await add_user(services, 3, due=None)
    pipeline = CheckinPipeline(services)
    result = await pipeline.claim_round(NOW)
    assert result.users_seen == 1 and [item.user_id for item in result.queued] == [1]
    assert result.queued[0].text
    claimed = await rows(services, "SELECT * FROM checkins")
    assert [(r["user_id"], r["local_date"], r["status"]) for r in claimed] == [(1, DAY, "queued")]
    user = (await rows(services, "SELECT * FROM users WHERE id = 1"))[0]
    assert user["last_checkin_date"] == DAY
    assert user["next_checkin_at"] == to_epoch(NOW + timedelta(days=1)) - 20
    again = await pipeline.claim_round(NOW + timedelta(minutes=5))
    assert again.users_seen == 0


async def test_a_day_already_claimed_is_never_claimed_again(services: Services) -> None:
    await add_user(services, 1)
    await services.db.execute(
        "INSERT INTO checkins (user_id, local_date, due_at, claimed_at, status) "
        "VALUES (1, ?, ?, ?, 'sent')",
        (DAY, to_epoch(NOW), to_epoch(NOW)),
    )
    result = await CheckinPipeline(services).claim_round(NOW)
    assert result.users_seen == 1 and result.queued == []
    assert len(await rows(services, "SELECT * FROM checkins")) == 1
    row = await services.checkins.schedule_row(1)
    assert row is not None and row.next_checkin_at is not None and row.next_checkin_at > NOW


async def test_the_sweep_queries_walk_indexes_not_tables(services: Services) -> None:
    plans = {
        "due": await rows(
            services,
            "EXPLAIN QUERY PLAN SELECT id FROM users WHERE next_checkin_at IS NOT NULL "
            "AND next_checkin_at <= ? ORDER BY next_checkin_at LIMIT 64",
            to_epoch(NOW),
        ),
        "queue": await rows(
            services,
            "EXPLAIN QUERY PLAN SELECT id FROM checkins WHERE status = 'queued' "
            "AND retry_at <= ? ORDER BY retry_at LIMIT 64",
            to_epoch(NOW),
        ),
    }
    plans["flagged"] = await rows(
        services, "EXPLAIN QUERY PLAN SELECT id FROM users WHERE needs_reschedule = 1"
    )
    plans["digests"] = await rows(
        services,
        "EXPLAIN QUERY PLAN SELECT id FROM digests WHERE status = 'queued' "
        "AND retry_at <= ? ORDER BY retry_at LIMIT 64",
        to_epoch(NOW),
    )
    assert any("users_due" in str(step["detail"]) for step in plans["due"])
    assert any("users_needing_reschedule" in str(step["detail"]) for step in plans["flagged"])
    assert any("digests_queue" in str(step["detail"]) for step in plans["digests"])
    assert any("checkins_queue" in str(step["detail"]) for step in plans["queue"])


async def test_when_quiet_frequency_skips_a_day_with_nothing_quiet(services: Services) -> None:
    await add_user(services, 1)
    await services.db.execute("UPDATE users SET checkin_frequency = 'when_quiet' WHERE id = 1")
    for kind in ("intimate", "relational", "collective"):
        await add_interaction(services, 1, kind, NOW - timedelta(days=1))
    result = await CheckinPipeline(services).claim_round(NOW)
    assert result.users_seen == 1 and result.queued == []
    row = await services.checkins.schedule_row(1)
    assert row is not None
    assert row.next_checkin_at == NOW + timedelta(days=1) - timedelta(seconds=20)


async def test_low_feelings_add_the_support_line(services: Services) -> None:
    await add_user(services, 1)
    for back in range(5):
        await add_interaction(services, 1, "intimate", NOW - timedelta(hours=back + 1), feeling=2)
    result = await CheckinPipeline(services).claim_round(NOW)
    assert "/support" in result.queued[0].text


async def test_acted_on_is_recorded_for_the_latest_idea_of_that_kind_within_48h(
    services: Services,
) -> None:
    await add_user(services, 1)
    for suggestion_id, kind, hours_ago in (
        ("old-one", "collective", 60),
        ("earlier", "collective", 30),
        ("latest", "collective", 20),
        ("for-friends", "relational", 10),
    ):
        await services.db.execute(
            "INSERT INTO suggestions_shown (user_id, suggestion_id, strategy, kind, shown_at) "
            "VALUES (1, ?, 'club', ?, ?)",
            (suggestion_id, kind, to_epoch(NOW - timedelta(hours=hours_ago))),
        )
    await add_interaction(services, 1, "collective", NOW)
    acted = await rows(
        services, "SELECT suggestion_id FROM suggestions_shown WHERE acted_on_at IS NOT NULL"
    )
    assert acted == [{"suggestion_id": "latest"}]
    await add_interaction(services, 1, "collective", NOW + timedelta(hours=1))
    acted = await rows(
        services,
        "SELECT suggestion_id FROM suggestions_shown WHERE acted_on_at IS NOT NULL ORDER BY id",
    )
    assert [row["suggestion_id"] for row in acted] == ["earlier", "latest"]  # 60 h is too old


async def test_settings_change_and_reactivation_ask_for_a_new_schedule(services: Services) -> None:
    await add_user(services, 1, due=NOW + timedelta(hours=5))
    await services.users.set_checkin_time(1, datetime(2026, 1, 1, 8, 0).time())
    row = await services.checkins.schedule_row(1)
    assert row is not None and row.needs_reschedule
    # The next round works the schedule out again from the new time and sends nothing.
    result = await CheckinPipeline(services).claim_round(NOW)
    assert result.users_seen == 1 and result.queued == []
    row = await services.checkins.schedule_row(1)
    assert row is not None and not row.needs_reschedule
    assert row.next_checkin_at == datetime(2026, 6, 2, 6, 0, tzinfo=UTC)  # 08:00 in Berlin
    await services.db.execute("UPDATE users SET active = 0, next_checkin_at = NULL WHERE id = 1")
    await services.users.set_active(1, True)
    row = await services.checkins.schedule_row(1)
    assert row is not None and row.needs_reschedule


async def test_start_up_marks_in_flight_sends_unknown(services: Services) -> None:
    await add_user(services, 1)
    await services.db.execute(
        "INSERT INTO checkins (user_id, local_date, due_at, claimed_at, status, text) "
        "VALUES (1, ?, ?, ?, 'sending', 'hi')",
        (DAY, to_epoch(NOW), to_epoch(NOW)),
    )
    assert await services.checkins.recover_in_flight() == 1
    assert (await rows(services, "SELECT status, text FROM checkins")) == [
        {"status": "unknown", "text": None}
    ]
    assert await services.checkins.queued_due(NOW + timedelta(days=1), 10) == []


# --- delivery outcomes, with a stand-in for the Telegram side ------------------------------


class StubBot:
    def __init__(self, outcome: BaseException | None, *, hand_over: bool = True) -> None:
        self.outcome = outcome
        self.hand_over = hand_over
        self.sent: list[tuple[int, str]] = []

    async def send_message(
        self, chat_id: int, text: str, *, rate_limit_args: ScheduledSend, **_: Any
    ) -> Any:
        """Hands the request over as the rate limiter would, then answers with the outcome."""
        if rate_limit_args.on_handed is not None and self.hand_over:
            assert await rate_limit_args.on_handed()
            rate_limit_args.handed = True
        if self.outcome is not None:
            raise self.outcome
        self.sent.append((chat_id, text))
        return type("Sent", (), {"message_id": 77})()


class StubApplication:
    def __init__(self, services: Services, bot: StubBot) -> None:
        self.bot_data = {SERVICES_KEY: services}
        self.bot = bot
        self.running = True
        self.job_queue = None

    def create_task(self, coroutine: Any, **_: Any) -> asyncio.Task[Any]:
        return asyncio.ensure_future(coroutine)


async def _claimed(services: Services) -> QueuedCheckin:
    await add_user(services, 1)
    result = await CheckinPipeline(services).claim_round(NOW)
    (item,) = result.queued
    return item


def _no_keyboard(checkin_id: int, followup_id: int | None) -> Any:
    return None


def _source(
    services: Services, outcome: BaseException | None, *, hand_over: bool = True
) -> CheckinSource:
    app: Any = StubApplication(services, StubBot(outcome, hand_over=hand_over))
    return CheckinSource(app, _no_keyboard)


def _caused(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("outcome", "status", "retry_in"),
    [
        (None, "sent", None),
        (Forbidden("Forbidden: bot was blocked by the user"), "blocked", None),
        (BadRequest("Bad Request: chat not found"), "failed", None),
        (RetryAfter(timedelta(seconds=7)), "queued", 7),
        (NetworkError("Internal Server Error (500)"), "queued", 1),
        # Never left: connection refused, no free connection.
        (_caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), "queued", 1),
        (_caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), "queued", 1),
        # Written, then no answer: it may have arrived, so it is never sent again.
        (_caused(TimedOut(), httpx.ReadTimeout("read")), "unknown", None),
        (_caused(NetworkError("httpx.ReadError"), httpx.ReadError("reset")), "unknown", None),
        (TimedOut(), "unknown", None),
    ],
)
async def test_delivery_outcomes(
    services: Services, outcome: BaseException | None, status: str, retry_in: int | None
) -> None:
    item = await _claimed(services)
    await _source(services, outcome).deliver(item)
    row = (await rows(services, "SELECT * FROM checkins"))[0]
    assert row["status"] == status
    if retry_in is not None:
        assert row["retry_at"] == to_epoch(NOW) + retry_in
        assert row["text"]  # kept for the retry
    if status == "unknown":
        assert row["text"] is None and row["retry_at"] is None
    if status == "sent":
        assert row["message_id"] == 77 and row["text"] is None
    if status == "blocked":
        user = (await rows(services, "SELECT active, next_checkin_at FROM users"))[0]
        assert user == {"active": 0, "next_checkin_at": None}


async def test_transient_failures_past_the_grace_period_expire_loudly(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    item = await _claimed(services)
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(timedelta(hours=2, minutes=59, seconds=35))  # 5 s inside the grace
    await _source(services, RetryAfter(timedelta(seconds=30))).deliver(item)
    assert (await rows(services, "SELECT status FROM checkins")) == [{"status": "expired"}]
    assert "given up" in caplog.text


async def test_a_claimed_checkin_found_after_a_long_outage_expires_unsent(
    services: Services,
) -> None:
    await add_user(services, 1)
    (item,) = (await CheckinPipeline(services).claim_round(NOW)).queued
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(timedelta(hours=3, minutes=1))
    await _source(services, None).deliver(item)
    assert (await rows(services, "SELECT status FROM checkins")) == [{"status": "expired"}]


async def test_a_send_that_never_left_the_limiter_stays_queued_and_is_retried(
    services: Services,
) -> None:
    item = await _claimed(services)
    await _source(services, TimedOut(), hand_over=False).deliver(item)
    row = (await rows(services, "SELECT status, attempts, retry_at FROM checkins"))[0]
    assert row == {"status": "queued", "attempts": 0, "retry_at": to_epoch(NOW) + 1}


def test_catalogue_problem_stops_the_bot_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bot.__main__ as entry
    import bot.app
    from bot.domain.suggestions import CatalogueError

    def broken() -> Any:
        raise CatalogueError(
            "bot.data/suggestions.toml: suggestion #7 (id 'voice-note'): unknown strategy 'x'"
        )

    monkeypatch.setattr(bot.app, "load_catalogue", broken)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "db.sqlite3"))
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    code = entry.main(["run", "--env-file", str(env_file)])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "suggestion #7 (id 'voice-note')" in error


async def test_support_line_after_a_signal_comes_softly_and_at_most_once_a_week(
    services: Services,
) -> None:
    from bot.domain.distress import DistressLevel
    from bot.domain.support_line import GENTLE_SUPPORT_LINE

    for user_id in (1, 2):  # all fine otherwise: only the signal calls for the line
        await add_user(services, user_id)
        for kind in ("intimate", "relational", "collective"):
            await add_interaction(services, user_id, kind, NOW - timedelta(days=1), feeling=4)
    await services.safety.record(1, DistressLevel.STRUGGLING, NOW - timedelta(days=2))
    first = await CheckinPipeline(services).claim_round(NOW)
    texts = {queued.user_id: queued.text for queued in first.queued}
    assert GENTLE_SUPPORT_LINE in texts[1] and "/support" not in texts[2]
    assert await services.safety.last_support_line_at(1) == NOW  # marked with the claim
    assert await services.safety.last_support_line_at(2) is None
    inputs = await services.checkins.compose_inputs([1, 2])  # one batch, both values
    assert inputs[1].last_signal_at == NOW - timedelta(days=2)
    assert inputs[1].last_support_line_at == NOW and inputs[2].last_signal_at is None
    await services.safety.record(1, DistressLevel.CRISIS, NOW + timedelta(hours=1))
    for day in range(1, 8):  # a new signal inside the week still gives no second line
        later = NOW + timedelta(days=day)
        await services.db.execute(
            "UPDATE users SET next_checkin_at = ? WHERE id = 1", (to_epoch(later),)
        )
        queued = (await CheckinPipeline(services).claim_round(later)).queued
        [mine] = [checkin for checkin in queued if checkin.user_id == 1]
        assert ("/support" in mine.text) is (day == 7), day


async def test_a_claim_that_fails_writes_nothing_not_even_an_ahead_mention(
    services: Services,
) -> None:
    """The claim's writes go to the database together; when one fails, the others (and the
    date's "mentioned ahead" mark that follows them) are rolled back with the claim."""
    await add_user(services, 1)
    contact_id = await add_interaction(services, 1, "intimate", NOW - timedelta(days=2))
    date_id = await ImportantDateRepository(services.db).add(
        1, contact_id, DateKind.BIRTHDAY, DayOfYear(6, 4), NOW
    )
    assert date_id is not None
    idea = ChosenSuggestion("call", Strategy.REACH_OUT, "Call.", ConnectionType.INTIMATE, 999)
    message = CheckinMessage(
        text="Hello.",
        suggestion=idea,
        quiet=(),
        support_line=True,
        opener="greet-0",
        mention_ahead=(AheadMention(date_id, date(2026, 6, 4)),),
    )

    def claim(suggestion: ChosenSuggestion | None) -> NewClaim:
        return NewClaim(
            user_id=1,
            chat_id=1,
            local_date=NOW.date(),
            due_at=NOW,
            text=message.text,
            next_at=NOW + timedelta(days=1),
            expected_next=to_epoch(NOW),
            suggestion=suggestion,
            message=message,
        )

    with pytest.raises(sqlite3.IntegrityError):  # idea names contact 999: no such contact
        await services.checkins.claim(NOW, [claim(idea)])
    for table in ("checkins", "checkin_variety", "suggestions_shown"):
        assert await rows(services, f"SELECT * FROM {table}") == []
    user = (await rows(services, "SELECT * FROM users WHERE id = 1"))[0]
    assert user["last_checkin_date"] is None and user["last_support_line_at"] is None
    marked = await rows(services, "SELECT ahead_mentioned_for FROM important_dates")
    assert marked == [{"ahead_mentioned_for": None}]
    queued = await services.checkins.claim(NOW, [claim(None)])
    assert [item.user_id for item in queued] == [1]
    marked = await rows(services, "SELECT ahead_mentioned_for FROM important_dates")
    assert marked == [{"ahead_mentioned_for": "2026-06-04"}]
