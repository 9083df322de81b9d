"""Check-in benchmark (issue #4): ``make bench`` or ``python -m bench.checkins``.

Seeds BENCH_USERS users (default 100,000) with about 30 interactions each, all due in the same
minute, then measures with the real code:

* start-up time and peak RSS of the real bot process (``python -m bot``) on that database,
* delivered check-ins per second against a fake Bot API on loopback that answers 429
  (retry_after=1) beyond 30 sends a second, over a sample of BENCH_SAMPLE (1,500) check-ins,
  then a restart to flush what was claimed but unsent, counting lost and duplicated ones,
* check-ins composed per second by the sweep's claim rounds (plan, batch-load, compose, claim),
* and, as a baseline, peak RSS at BENCH_BASELINE_USERS (10,000; 0 skips it).

Prints a table, and as its LAST line one JSON object with the keys users, composed_per_s,
delivered_per_s_limited, lost, duplicated, peak_rss_mb, startup_s.
"""

from __future__ import annotations

import asyncio
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil
from pydantic import SecretStr

from bot.clock import SystemClock
from bot.domain.suggestions import load_catalogue
from bot.fakeapi import FakeBotApi
from bot.scheduling.sweep import CheckinPipeline
from bot.services import Services
from bot.settings import Settings
from storage.checkins import CheckinRepository
from storage.conversations import ConversationRepository
from storage.database import Database
from storage.suggestion_history import SuggestionHistory
from storage.users import UserRepository

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
TARGETS = {
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
        self.rejected_429 = 0

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chat_for({"id": chat_id, "first_name": "Bench"})
        return chat

    def _check_rate_limit(self, method: str) -> None:
        try:
            super()._check_rate_limit(method)
        except Exception:
            self.rejected_429 += 1
            raise

    async def _m_sendmessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        result = await super()._m_sendmessage(params, files)
        self.accepted.append(time.monotonic())
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
    api: BenchApi, db_path: Path, workdir: Path, *, sample: int, until_sent: set[int] | None
) -> BotRun:
    """Start ``python -m bot``; stop it after `sample` accepted sends (or once `until_sent`
    check-in ids are all sent). Measures start-up and peak RSS."""
    env_file = workdir / "empty.env"
    env_file.write_text("")
    before = len(api.accepted)
    started = time.monotonic()
    process = _spawn_bot(api, db_path, workdir, env_file)
    watcher = psutil.Process(process.pid)
    peak_rss = 0.0
    startup: float | None = None
    deadline = started + 600
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
            if until_sent is None and len(api.accepted) - before >= sample:
                break
            if until_sent is not None and _all_sent(db_path, until_sent):
                break
        peak_rss = max(peak_rss, _vm_hwm_mb(process.pid))
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = await asyncio.to_thread(process.wait, 60)
    window = api.accepted[before:]
    rate = (len(window) - 1) / (window[-1] - window[0]) if len(window) > 1 else 0.0
    return BotRun(startup or float("nan"), peak_rss, len(window), rate, exit_code)


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
        for event in events:
            if event.kind == "new":
                received[chat_id] += 1
                message_ids.setdefault(chat_id, set()).add(event.message.message_id)
    statuses: Counter[str] = Counter(row[2] for row in rows)
    pending = {row[0] for row in rows if row[2] == "queued"}
    lost = sum(1 for row in rows if row[2] in ("unknown", "expired", "failed", "sending"))
    lost += sum(
        1 for row in rows if row[2] == "sent" and row[3] not in message_ids.get(row[1], set())
    )
    duplicated = sum(count - 1 for count in received.values() if count > 1)
    return Audit(len(rows), statuses["sent"], pending, lost, duplicated, statuses)


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
        settings=settings,
        clock=SystemClock(),
        db=database,
        users=UserRepository(database),
        catalogue=load_catalogue(),
        checkins=CheckinRepository(database),
        suggestion_history=SuggestionHistory(database),
        conversations=ConversationRepository(database),
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


async def bench_size(users: int, sample: int, rate: float, workdir: Path) -> dict[str, Any]:
    """Seed `users`, run the bot against the rate-limited fake, audit, then compose the rest."""
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
        first = audit(db_path, api)
        # Restart with the limit still on: what was claimed but unsent must now arrive.
        flush = await run_bot(api, db_path, folder, sample=0, until_sent=set(first.pending))
        final = audit(db_path, api)
    finally:
        await api.stop()
    composed, compose_s = await measure_composing(db_path)
    return {
        "users": users,
        "seed_s": seed_s,
        "db_mb": db_mb,
        "startup_s": limited.startup_s,
        "restart_startup_s": flush.startup_s,
        "peak_rss_mb": max(limited.peak_rss_mb, flush.peak_rss_mb),
        "delivered": limited.delivered,
        "delivered_per_s_limited": limited.delivered_per_s,
        "rejected_429": api.rejected_429,
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
        ("lost", f"{main['lost']}", TARGETS["lost"]),
        ("duplicated", f"{main['duplicated']}", TARGETS["duplicated"]),
        ("peak RSS (MB)", f"{main['peak_rss_mb']:.1f}", TARGETS["peak_rss_mb"]),
        ("start-up (s)", f"{main['startup_s']:.2f}", TARGETS["startup_s"]),
        ("  restart start-up (s)", f"{main['restart_startup_s']:.2f}", ""),
        ("check-in states", ", ".join(f"{k} {v}" for k, v in sorted(main["statuses"].items())), ""),
    ]
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
            baseline = await bench_size(baseline_users, sample, rate, workdir)
        print(f"main: {users:,} users ...", file=sys.stderr, flush=True)
        result = await bench_size(users, sample, rate, workdir)
    print(_table(result, baseline))
    summary = {
        "users": users,
        "composed_per_s": round(result["composed_per_s"], 1),
        "delivered_per_s_limited": round(result["delivered_per_s_limited"], 2),
        "lost": result["lost"],
        "duplicated": result["duplicated"],
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "startup_s": round(result["startup_s"], 3),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
