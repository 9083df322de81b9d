"""Check-in benchmark (issue #4): ``make bench`` or ``python -m bench.checkins``.

Seeds BENCH_USERS users (default 100,000) with about 30 interactions each, all due in the same
minute, then measures with the real code:

* start-up time and peak RSS of the real bot process (``python -m bot``) on that database,
* delivered check-ins per second against a fake Bot API on loopback that answers 429
  (retry_after=1) beyond 30 sends a second, over a sample of BENCH_SAMPLE (1,500) check-ins,
  then a restart to flush what was claimed but unsent, counting lost and duplicated ones,
* check-ins composed per second by the sweep's claim rounds (plan, batch-load, compose, claim),
* replies during a full-rate sweep: BENCH_INTERACTIVE (16) users each send /help, wait for
  the answer and think 2-6 s (mean 4 s), while check-ins go out; reply latency p50/p99 and the
  check-ins per second that still get through,
* lost_on_kill: the bot is killed (SIGKILL) mid-sweep and restarted; users with a claimed
  check-in at the kill for whom Telegram never saw a request,
* duplicated_slow_api: the fake API answers some sends only after the bot's read timeout
  (it still delivers them); extra copies received,
* digests per second against the same limit (BENCH_DIGESTS digests due at once),
* charts_per_s and loop_lag_p99_ms from ``bench.charts.measure`` (the chart worker's benchmark),
* and, as a baseline, peak RSS at BENCH_BASELINE_USERS (10,000; 0 skips it).

Prints a table, and as its LAST line one JSON object with the keys users, composed_per_s,
delivered_per_s_limited, lost, duplicated, peak_rss_mb, startup_s, reply_p50_ms,
reply_p99_ms, checkins_per_s_with_replies, digests_per_s_limited, charts_per_s,
loop_lag_p99_ms, lost_on_kill, duplicated_slow_api.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil
from pydantic import SecretStr

from bench.charts import measure as measure_charts
from bot.clock import SystemClock
from bot.domain.suggestions import load_catalogue
from bot.fakeapi import FakeBotApi, FakeUser
from bot.fakeapi.server import _SEND_METHODS
from bot.scheduling.checkins import CheckinPipeline
from bot.scheduling.limiter import TELEGRAM_PER_SECOND
from bot.services import Services
from bot.settings import Settings
from storage.database import Database

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token-not-real"
ZONES = (
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Sao_Paulo",
)
NAMES = ("Sam", "Alex", "Mum", "Dad", "Priya", "Jonas", "Lea", "Tom", "Maya", "Chris")
KINDS = ("intimate", "intimate", "relational", "relational", "collective")
CHANNELS = ("in_person", "call", "video", "message")
INTERESTS = ("hiking", "board games", "cooking", "music", "reading", "")
USER_ID_BASE = 10_000_000
INTERACTIVE_ID_BASE = 5_000_000
"""Ids of the interactive people (below USER_ID_BASE, so no check-in is ever due for them)."""


def _interactive(chat_id: int) -> bool:
    return INTERACTIVE_ID_BASE <= chat_id < USER_ID_BASE


TARGETS = {
    "reply_p99_ms": "<= 150 during the sweep",
    "checkins_per_s_with_replies": ">= 24",
    "digests_per_s_limited": f">= {0.9 * TELEGRAM_PER_SECOND:.0f} (0.9 x ceiling)",
    "lost_on_kill": "0",
    "duplicated_slow_api": "0",
    "composed_per_s": ">= 2000",
    "delivered_per_s_limited": ">= 28 (limit 30/s)",
    "lost": "0",
    "duplicated": "0",
    "peak_rss_mb": "< 150",
    "startup_s": "< 2",
}


# --------------------------------------------------------------------------- seeding


async def seed(path: Path, users: int, now: datetime) -> float:
    """Create (real migrations) and fill the database; returns the seconds it took."""
    started = time.perf_counter()
    database = Database(path)
    await database.open()
    await database.close()
    await asyncio.to_thread(_fill, path, users, now)
    return time.perf_counter() - started


def _fill(path: Path, users: int, now: datetime) -> None:
    """One transaction of executemany over generators: nothing big is held in memory."""
    rng = random.Random(4)
    now_s = int(now.timestamp())
    created = now_s - 150 * 86400
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("BEGIN")

    def user_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(users):
            zone = ZONES[n % len(ZONES)]
            local = now.astimezone(ZoneInfo(zone))
            interests = INTERESTS[n % len(INTERESTS)]
            uid = USER_ID_BASE + n
            yield (uid, uid, zone, f"{local:%H:%M}", now_s - now_s % 60, created, interests)

    connection.executemany(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, next_checkin_at, created_at, "
        "interests) VALUES (?, ?, ?, ?, ?, ?, ?)",
        user_rows(),
    )

    def contact_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(users):
            uid = USER_ID_BASE + n
            for index, kind in enumerate(KINDS):
                name = NAMES[(n + index) % len(NAMES)] if kind != "collective" else "Choir"
                rhythm = (7, 14, 30, None)[(n + index) % 4]
                yield (uid, f"{name}", f"{name.casefold()}", kind, created, rhythm)

    connection.executemany(
        "INSERT INTO contacts (user_id, name, name_key, kind, created_at, rhythm_days) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        contact_rows(),
    )
    first_contact = connection.execute("SELECT min(id) FROM contacts").fetchone()[0]

    def interaction_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(users):
            uid = USER_ID_BASE + n
            base = first_contact + n * len(KINDS)
            # Some users let one kind go quiet: their recent history skips it.
            skip = n % 4
            for _ in range(30):
                slot = rng.randrange(len(KINDS))
                age_days = rng.uniform(0, 90)
                if slot == skip and age_days < 20:
                    age_days += 20
                at = now_s - int(age_days * 86400)
                feeling = rng.choice((None, 2, 3, 4, 5, 4))
                yield (uid, base + slot, at, rng.choice(CHANNELS), feeling, at)

    connection.executemany(
        "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, feeling, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        interaction_rows(),
    )
    catalogue_ids = [entry.id for entry in load_catalogue()]

    def shown_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(users):
            uid = USER_ID_BASE + n
            for back in (3, 9, 40):
                suggestion = catalogue_ids[(n + back) % len(catalogue_ids)]
                acted = now_s - back * 86400 + 3600 if back == 40 else None
                yield (uid, suggestion, "reach-out", "relational", now_s - back * 86400, acted)

    connection.executemany(
        "INSERT INTO suggestions_shown (user_id, suggestion_id, strategy, kind, shown_at, "
        "acted_on_at) VALUES (?, ?, ?, ?, ?, ?)",
        shown_rows(),
    )
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()


# --------------------------------------------------------------------------- fake Telegram


class BenchApi(FakeBotApi):
    """The fake Bot API, with chats made on first use and a timestamp per accepted send."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted: list[float] = []
        self.accepted_checkins: list[float] = []
        self.accepted_photos: list[float] = []
        self.rejected_429 = 0
        self.rejected_at: list[float] = []
        self.arrivals: list[float] = []  # every rate-checked send, accepted or not
        self.requested: set[int] = set()  # chats that saw any send request (even a failed one)
        self._answer_late = False

    async def _apply_faults(self, method: str, params: dict[str, Any]) -> None:
        if method.lower() in ("sendmessage", "sendphoto"):
            chat = params.get("chat_id")
            if chat is not None:
                self.requested.add(int(chat))
        slow = sum(fault.remaining for fault in self.faults if fault.delay)
        await super()._apply_faults(method, params)
        # A late answer is for a message Telegram already took: not rate-checked again.
        self._answer_late = sum(fault.remaining for fault in self.faults if fault.delay) < slow

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chat_for({"id": chat_id, "first_name": "Bench"})
        return chat

    def _check_rate_limit(self, method: str) -> None:
        if self._answer_late:
            self._answer_late = False
            return
        if self.rate_limit_per_second is not None and method.lower() in _SEND_METHODS:
            self.arrivals.append(time.monotonic())
        try:
            super()._check_rate_limit(method)
        except Exception:
            self.rejected_429 += 1
            self.rejected_at.append(time.monotonic())
            raise

    async def _m_sendmessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        result = await super()._m_sendmessage(params, files)
        now = time.monotonic()
        self.accepted.append(now)
        if not _interactive(int(params.get("chat_id") or 0)):
            self.accepted_checkins.append(now)
        return result

    async def _m_sendphoto(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        result = await super()._m_sendphoto(params, files)
        self.accepted_photos.append(time.monotonic())
        return result

    def first_call(self, method: str, after: float) -> float | None:
        for call in self.calls:
            if call.method.lower() == method.lower() and call.at >= after:
                return call.at
        return None


@dataclass
class BotRun:
    """What one run of the bot process showed."""

    startup_s: float
    peak_rss_mb: float
    delivered: int
    delivered_per_s: float
    exit_code: int


def _bot_env(api: FakeBotApi, db_path: Path, env_file: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_"))
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=api.base_url,
        TELEGRAM_BASE_FILE_URL=api.base_file_url,
        DATABASE_PATH=str(db_path),
        SWEEP_INTERVAL_SECONDS="1",
        LOG_LEVEL="WARNING",
        NO_PROXY="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    env.pop("HTTP_PROXY", None)
    env.pop("HTTPS_PROXY", None)
    return env


def _vm_hwm_mb(pid: int) -> float:
    with Path(f"/proc/{pid}/status").open() as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _spawn_bot(
    api: FakeBotApi, db_path: Path, workdir: Path, env_file: Path
) -> subprocess.Popen[bytes]:
    """The real bot process; its stderr (warnings and errors only) goes to bot.log."""
    with (workdir / "bot.log").open("ab") as log_file:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--env-file", str(env_file)],
            cwd=workdir,
            env=_bot_env(api, db_path, env_file),
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )


async def run_bot(
    api: BenchApi,
    db_path: Path,
    workdir: Path,
    *,
    sample: int,
    until_sent: set[int] | None,
    kill: bool = False,
    photos: bool = False,
) -> BotRun:
    """Start ``python -m bot``; stop it after `sample` accepted sends (photos: sendPhoto) or
    once `until_sent` check-in ids are all sent. Measures start-up and peak RSS. ``kill``
    ends it with SIGKILL instead of SIGTERM (a crash)."""
    env_file = workdir / "empty.env"
    env_file.write_text("")
    accepted = api.accepted_photos if photos else api.accepted
    before = len(accepted)
    started = time.monotonic()
    process = _spawn_bot(api, db_path, workdir, env_file)
    watcher = psutil.Process(process.pid)
    peak_rss = 0.0
    startup: float | None = None
    deadline = started + 900
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if process.poll() is not None:
                raise RuntimeError(f"bot exited early ({process.returncode}); see bot.log")
            peak_rss = max(peak_rss, watcher.memory_info().rss / 2**20, _vm_hwm_mb(process.pid))
            if startup is None:
                ready = api.first_call("getUpdates", after=started)
                if ready is not None:
                    startup = ready - started
            if until_sent is None and len(accepted) - before >= sample:
                break
            if until_sent is not None and _all_sent(db_path, until_sent):
                break
        peak_rss = max(peak_rss, _vm_hwm_mb(process.pid))
    finally:
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        exit_code = await asyncio.to_thread(process.wait, 60)
    window = accepted[before:]
    rate = (len(window) - 1) / (window[-1] - window[0]) if len(window) > 1 else 0.0
    return BotRun(startup or float("nan"), peak_rss, len(window), rate, exit_code)


@dataclass
class ReplyRun:
    """Reply latency and check-in throughput while interactive users keep writing."""

    latencies_ms: list[float]
    checkins_per_s: float
    clear_of_429_ms: list[float]  # replies that did not wait out a 429 pause (diagnosis)


async def run_with_replies(
    api: BenchApi, db_path: Path, workdir: Path, *, sample: int, users: int
) -> ReplyRun:
    """Run the bot while `users` people send /help, wait for the answer and think 2-6 s."""
    latencies: list[float] = []
    spans: list[tuple[float, float]] = []
    checkins_before = len(api.accepted_checkins)
    stop = asyncio.Event()

    async def person(index: int) -> None:
        rng = random.Random(index)
        user = FakeUser(api, INTERACTIVE_ID_BASE + index, f"Person{index}")
        await asyncio.sleep(rng.uniform(0, 4))
        while not stop.is_set():
            user.skip_to_end()
            sent = time.monotonic()
            await user.send("/help")
            try:
                await user.next_message(timeout=30)
            except TimeoutError:
                continue
            latencies.append((time.monotonic() - sent) * 1000)
            spans.append((sent, time.monotonic()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rng.uniform(2, 6))

    async def wait_for_sweep() -> None:
        # Start writing once check-ins flow at full rate.
        while len(api.accepted_checkins) - checkins_before < 30:  # noqa: ASYNC110 - polls a list
            await asyncio.sleep(0.05)

    bot_run = asyncio.create_task(run_bot(api, db_path, workdir, sample=sample, until_sent=None))
    await wait_for_sweep()
    people = [asyncio.create_task(person(index)) for index in range(users)]
    measured_from = time.monotonic()
    await bot_run
    stop.set()
    await asyncio.gather(*people, return_exceptions=True)
    window = [at for at in api.accepted_checkins[checkins_before:] if at >= measured_from]
    rate = (len(window) - 1) / (window[-1] - window[0]) if len(window) > 1 else 0.0
    pauses = api.rejected_at
    clear = [
        (end - start) * 1000
        for start, end in spans
        if not any(start - 1.2 <= at <= end for at in pauses)
    ]
    return ReplyRun(latencies, rate, clear)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def claimed_unsettled(db_path: Path) -> dict[int, str]:
    """Chat id -> status of check-ins claimed but not settled (what a kill leaves behind)."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(
            "SELECT u.chat_id, c.status FROM checkins AS c JOIN users AS u ON u.id = c.user_id "
            "WHERE c.status IN ('queued', 'sending')"
        ).fetchall()
    finally:
        connection.close()
    return {int(row[0]): str(row[1]) for row in rows}


def seed_digests(db_path: Path, count: int, now: datetime) -> None:
    """Check-ins off for everyone; `count` users get their weekly digest due now.

    Each digest is due at the last instant, at or before ``now``, of the users' own check-in
    time (set at seeding, the same in each zone), on that local date's weekday: the sweep
    trusts only the instant those settings give. Due merely "now", with the weekday of now, a
    zone whose local midnight passed since seeding would put that instant tonight, and its
    users' digests would rightly not be claimed now. (Changing their check-in time instead
    would make them wait for a reschedule, which moves a digest already due to next week.)
    """
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        connection.execute("UPDATE users SET next_checkin_at = NULL")
        # The composing measurement claimed everyone: those check-ins are not part of this run.
        connection.execute("UPDATE checkins SET status = 'expired' WHERE status = 'queued'")
        for zone_name in ZONES:
            zone = ZoneInfo(zone_name)
            row = connection.execute(
                "SELECT checkin_time FROM users WHERE timezone = ? LIMIT 1", (zone_name,)
            ).fetchone()
            if row is None:
                continue
            at = datetime.combine(
                now.astimezone(zone).date(), dt_time.fromisoformat(row[0]), tzinfo=zone
            )
            if at > now:
                at = datetime.combine(at.date() - timedelta(days=1), at.timetz())
            connection.execute(
                "UPDATE users SET digest_weekday = ?, next_digest_at = ? WHERE timezone = ? "
                "AND id IN (SELECT id FROM users ORDER BY id LIMIT ?)",
                (at.weekday(), int(at.timestamp()), zone_name, count),
            )
    finally:
        connection.close()


def digest_statuses(db_path: Path) -> Counter[str]:
    """Digest rows by status; users given a digest and still without a row: ``unclaimed``."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute("SELECT status, count(*) FROM digests GROUP BY status")
        statuses: Counter[str] = Counter({str(status): int(n) for status, n in rows})
        (unclaimed,) = connection.execute(
            "SELECT count(*) FROM users AS u WHERE u.digest_weekday IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM digests AS d WHERE d.user_id = u.id)"
        ).fetchone()
    finally:
        connection.close()
    statuses["unclaimed"] = int(unclaimed)
    return statuses


def tightest_span_ms(arrivals: list[float], count: int) -> float:
    """The shortest time in which `count` sends reached the server (beyond its limit: a 429)."""
    later = arrivals[count - 1 :]
    spans = [last - first for first, last in zip(arrivals, later, strict=False)]
    return min(spans) * 1000 if spans else float("nan")


def _all_sent(db_path: Path, ids: set[int]) -> bool:
    if not ids:
        return True
    connection = sqlite3.connect(db_path)
    try:
        marks = ",".join("?" * len(ids))
        rows = connection.execute(
            f"SELECT count(*) FROM checkins WHERE id IN ({marks}) AND status = 'sent'",
            tuple(ids),
        ).fetchone()
        return bool(rows[0] == len(ids))
    finally:
        connection.close()


@dataclass
class Audit:
    """Claimed check-ins against what the fake Telegram actually received."""

    claimed: int
    sent: int
    pending: set[int]
    lost: int
    duplicated: int
    statuses: Counter[str]


def audit(db_path: Path, api: BenchApi) -> Audit:
    """Lost: claimed check-ins that will never arrive. Duplicated: extra copies received."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute("SELECT id, user_id, status, message_id FROM checkins").fetchall()
    finally:
        connection.close()
    received: Counter[int] = Counter()
    message_ids: dict[int, set[int]] = {}
    for chat_id, events in api.events.items():
        if _interactive(chat_id):
            continue  # the interactive people's replies are not check-ins
        for event in events:
            if event.kind == "new":
                received[chat_id] += 1
                message_ids.setdefault(chat_id, set()).add(event.message.message_id)
    statuses: Counter[str] = Counter(row[2] for row in rows)
    pending = {row[0] for row in rows if row[2] == "queued"}
    # One check-in per user in this run, so an unsettled row is lost only if nothing arrived.
    lost = sum(
        1
        for row in rows
        if row[2] in ("unknown", "expired", "failed", "sending") and not received[row[1]]
    )
    lost += sum(
        1 for row in rows if row[2] == "sent" and row[3] not in message_ids.get(row[1], set())
    )
    duplicated = sum(count - 1 for count in received.values() if count > 1)
    return Audit(len(rows), statuses["sent"], pending, lost, duplicated, statuses)


def _received(api: BenchApi) -> Counter[int]:
    counts: Counter[int] = Counter()
    for chat_id, events in api.events.items():
        counts[chat_id] = sum(1 for event in events if event.kind == "new")
    return counts


async def _delivery_runs(api: BenchApi, db_path: Path, folder: Path, sample: int) -> dict[str, Any]:
    """Replies during the sweep, a kill mid-sweep, and an API slower than the read timeout."""
    interactive = int(os.environ.get("BENCH_INTERACTIVE", "16"))
    print("  replies during the sweep ...", file=sys.stderr, flush=True)
    replies = await run_with_replies(
        api, db_path, folder, sample=max(sample // 2, 300), users=interactive
    )
    print("  kill -9 mid-sweep ...", file=sys.stderr, flush=True)
    await run_bot(api, db_path, folder, sample=200, until_sent=None, kill=True)
    unsettled = claimed_unsettled(db_path)
    # Restart: what was claimed and never left must go out now (the flush run below waits).
    print("  slow API (answers after the read timeout) ...", file=sys.stderr, flush=True)
    slow_before = len(api.calls)
    api.inject("sendMessage", 200, "", delay=6.0, times=5)  # read timeout is 5 s
    await run_bot(api, db_path, folder, sample=150, until_sent=None)
    slow = [
        int(call.params.get("chat_id") or 0)
        for call in api.calls[slow_before:]
        if call.method.lower() == "sendmessage"
    ][:5]
    return {
        "reply_latencies": len(replies.latencies_ms),
        "reply_p50_ms": _percentile(replies.latencies_ms, 0.5),
        "reply_p99_ms": _percentile(replies.latencies_ms, 0.99),
        "reply_p99_clear_ms": _percentile(replies.clear_of_429_ms, 0.99),
        "replies_clear": len(replies.clear_of_429_ms),
        "checkins_per_s_with_replies": replies.checkins_per_s,
        "interactive_users": interactive,
        "unsettled_at_kill": unsettled,
        "claimed_at_kill": len(unsettled),
        "slow_chats": set(slow),
    }


async def _digest_run(api: BenchApi, db_path: Path, folder: Path) -> dict[str, Any]:
    """Digests due at once, delivered against the same limit."""
    count = int(os.environ.get("BENCH_DIGESTS", "300"))
    print(f"  {count} digests ...", file=sys.stderr, flush=True)
    seed_digests(db_path, count, datetime.now(UTC))
    run = await run_bot(api, db_path, folder, sample=count, until_sent=None, photos=True)
    statuses = digest_statuses(db_path)
    return {
        "digests_per_s_limited": run.delivered_per_s,
        "digests": run.delivered,
        "digest_states": dict(statuses),
    }


async def chart_measures() -> dict[str, float]:
    """``bench.charts.measure()``, the chart work's own benchmark. It runs its own event loops
    (to measure their lag), so it runs in a thread, never on this one."""
    return await asyncio.to_thread(measure_charts)


# --------------------------------------------------------------------------- composing


async def measure_composing(db_path: Path) -> tuple[int, float]:
    """Run the sweep's claim rounds over every user still due; (check-ins composed, seconds)."""
    settings = Settings(
        telegram_bot_token=SecretStr(TOKEN),
        database_path=db_path,
        _env_file=None,  # type: ignore[call-arg]
    )
    database = Database(db_path)
    await database.open()
    services = Services(
        settings=settings, clock=SystemClock(), db=database, catalogue=load_catalogue()
    )
    pipeline = CheckinPipeline(services)
    composed = 0
    started = time.perf_counter()
    try:
        while True:
            result = await pipeline.claim_round(services.clock.now())
            if result.users_seen == 0:
                break
            composed += len(result.queued)
    finally:
        elapsed = time.perf_counter() - started
        await database.close()
    return composed, elapsed


# --------------------------------------------------------------------------- the run


async def bench_size(
    users: int, sample: int, rate: float, workdir: Path, *, full: bool = True
) -> dict[str, Any]:
    """Seed `users`, run the bot against the rate-limited fake, audit, then compose the rest.

    ``full`` adds the replies, kill, slow-API and digest runs (the baseline size skips them).
    """
    folder = workdir / f"u{users}"
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "tend.sqlite3"
    now = datetime.now(UTC)
    seed_s = await seed(db_path, users, now)
    db_mb = db_path.stat().st_size / 2**20
    api = BenchApi()
    await api.start()
    try:
        api.enforce_rate_limit(rate)
        limited = await run_bot(api, db_path, folder, sample=sample, until_sent=None)
        extra: dict[str, Any] = {}
        if full:
            extra = await _delivery_runs(api, db_path, folder, sample)
        first = audit(db_path, api)
        # Restart with the limit still on: what was claimed but unsent must now arrive.
        flush = await run_bot(api, db_path, folder, sample=0, until_sent=set(first.pending))
        final = audit(db_path, api)
        if full:
            extra["lost_on_kill"] = sum(
                1 for chat in extra.pop("unsettled_at_kill") if chat not in api.requested
            )
            slow_chats = extra.pop("slow_chats")
            extra["duplicated_slow_api"] = sum(
                max(0, count - 1) for chat, count in _received(api).items() if chat in slow_chats
            )
        composed, compose_s = await measure_composing(db_path)
        if full:
            extra.update(await _digest_run(api, db_path, folder))
    finally:
        await api.stop()
    return {
        **extra,
        "users": users,
        "seed_s": seed_s,
        "db_mb": db_mb,
        "startup_s": limited.startup_s,
        "restart_startup_s": flush.startup_s,
        "peak_rss_mb": max(limited.peak_rss_mb, flush.peak_rss_mb),
        "delivered": limited.delivered,
        "delivered_per_s_limited": limited.delivered_per_s,
        "rejected_429": api.rejected_429,
        "tightest_ms": tightest_span_ms(api.arrivals, int(rate) + 1),
        "server_limit": int(rate),
        "pending_at_stop": len(first.pending),
        "claimed": final.claimed,
        "lost": final.lost,
        "duplicated": final.duplicated,
        "statuses": dict(final.statuses),
        "composed": composed,
        "compose_s": compose_s,
        "composed_per_s": composed / compose_s if compose_s else 0.0,
        "exit_codes": (limited.exit_code, flush.exit_code),
    }


def _table(main: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    rows = [
        ("users", f"{main['users']:,}", ""),
        ("seeding (s)", f"{main['seed_s']:.1f}", f"{main['db_mb']:.0f} MB database"),
        ("composed / s", f"{main['composed_per_s']:,.0f}", TARGETS["composed_per_s"]),
        ("  (composed, s)", f"{main['composed']:,} in {main['compose_s']:.1f}", ""),
        (
            "delivered / s, limited",
            f"{main['delivered_per_s_limited']:.2f}",
            TARGETS["delivered_per_s_limited"],
        ),
        ("  sample delivered", f"{main['delivered']:,}", f"{main['rejected_429']} answered 429"),
        ("  claimed, unsent at stop", f"{main['pending_at_stop']}", "sent after restart"),
        (
            f"  tightest {main['server_limit'] + 1} sends (ms)",
            f"{main['tightest_ms']:.0f}",
            "as the server saw them, all runs; under 1000: a 429",
        ),
        ("lost", f"{main['lost']}", TARGETS["lost"]),
        ("duplicated", f"{main['duplicated']}", TARGETS["duplicated"]),
        ("peak RSS (MB)", f"{main['peak_rss_mb']:.1f}", TARGETS["peak_rss_mb"]),
        ("start-up (s)", f"{main['startup_s']:.2f}", TARGETS["startup_s"]),
        ("  restart start-up (s)", f"{main['restart_startup_s']:.2f}", ""),
        ("check-in states", ", ".join(f"{k} {v}" for k, v in sorted(main["statuses"].items())), ""),
    ]
    if "reply_p99_ms" in main:
        rows += [
            ("reply p50 during sweep (ms)", f"{main['reply_p50_ms']:.0f}", ""),
            ("reply p99 during sweep (ms)", f"{main['reply_p99_ms']:.0f}", TARGETS["reply_p99_ms"]),
            (
                "  p99 of replies clear of 429s (ms)",
                f"{main['reply_p99_clear_ms']:.0f}",
                f"{main['replies_clear']} replies",
            ),
            (
                "  replies measured",
                f"{main['reply_latencies']:,}",
                f"{main['interactive_users']} people, think 2-6 s",
            ),
            (
                "check-ins / s with replies",
                f"{main['checkins_per_s_with_replies']:.2f}",
                TARGETS["checkins_per_s_with_replies"],
            ),
            ("lost on kill -9", f"{main['lost_on_kill']}", TARGETS["lost_on_kill"]),
            ("  claimed, unsettled at kill", f"{main['claimed_at_kill']}", "sent after restart"),
            (
                "duplicated, slow API",
                f"{main['duplicated_slow_api']}",
                TARGETS["duplicated_slow_api"],
            ),
            (
                "digests / s, limited",
                f"{main['digests_per_s_limited']:.2f}",
                TARGETS["digests_per_s_limited"],
            ),
            ("  digests delivered", f"{main['digests']:,}", "one photo with caption each"),
            (
                "  digest states",
                ", ".join(f"{k} {v}" for k, v in sorted(main["digest_states"].items())),
                "",
            ),
        ]
    for key in ("charts_per_s", "loop_lag_p99_ms"):
        rows.append((key, f"{main[key]:.1f}", "from bench.charts"))
    if baseline is not None:
        growth = (main["peak_rss_mb"] / baseline["peak_rss_mb"] - 1) * 100
        rows += [
            (f"peak RSS at {baseline['users']:,} (MB)", f"{baseline['peak_rss_mb']:.1f}", ""),
            ("RSS growth (%)", f"{growth:+.1f}", "< 20"),
            (f"start-up at {baseline['users']:,} (s)", f"{baseline['startup_s']:.2f}", ""),
        ]
    width = max(len(row[0]) for row in rows) + 2
    value_width = max(len(row[1]) for row in rows) + 2
    lines = [f"{'measure':<{width}}{'value':>{value_width}}   target / note", "-" * 72]
    lines += [f"{name:<{width}}{value:>{value_width}}   {note}" for name, value, note in rows]
    return "\n".join(lines)


async def main() -> int:
    users = int(os.environ.get("BENCH_USERS", "100000"))
    sample = int(os.environ.get("BENCH_SAMPLE", "1500"))
    rate = float(os.environ.get("BENCH_RATE_LIMIT", "30"))
    baseline_users = int(os.environ.get("BENCH_BASELINE_USERS", "10000"))
    with tempfile.TemporaryDirectory(prefix="tend-bench-") as folder:
        workdir = Path(folder)
        baseline = None
        if 0 < baseline_users < users:
            print(f"baseline: {baseline_users:,} users ...", file=sys.stderr, flush=True)
            baseline = await bench_size(baseline_users, sample, rate, workdir, full=False)
        print(f"main: {users:,} users ...", file=sys.stderr, flush=True)
        result = await bench_size(users, sample, rate, workdir)
    print("charts ...", file=sys.stderr, flush=True)
    result.update(await chart_measures())
    print(_table(result, baseline))
    summary = {
        "users": users,
        "composed_per_s": round(result["composed_per_s"], 1),
        "delivered_per_s_limited": round(result["delivered_per_s_limited"], 2),
        "lost": result["lost"],
        "duplicated": result["duplicated"],
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "startup_s": round(result["startup_s"], 3),
        "reply_p50_ms": round(result["reply_p50_ms"], 1),
        "reply_p99_ms": round(result["reply_p99_ms"], 1),
        "checkins_per_s_with_replies": round(result["checkins_per_s_with_replies"], 2),
        "digests_per_s_limited": round(result["digests_per_s_limited"], 2),
        "charts_per_s": round(result["charts_per_s"], 1),
        "loop_lag_p99_ms": round(result["loop_lag_p99_ms"], 1),
        "lost_on_kill": result["lost_on_kill"],
        "duplicated_slow_api": result["duplicated_slow_api"],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
