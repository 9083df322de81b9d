"""A stateful fuzzer over the real bot: random people doing random, hostile things.

Two or three users per example type random text (every Unicode category, very long, empty,
invisible, emoji sequences, RTL, HTML and Markdown), send commands with odd arguments, share
locations and contacts, forward messages, send files (vCards, garbage, huge claimed sizes),
press buttons they really saw (old ones too), press forged buttons (other users' ids, huge ids,
wrong types, garbage, 64-byte edges), and the bot is restarted, gracefully or killed, at random
steps. After every step:

- nothing was logged at ERROR (a crash, a refused send, a twice-answered callback query, a
  message over Telegram's limits: the fake Bot API refuses those and the bot logs them);
- every callback query was answered;
- no reply to one user names another user's contacts;
- ``PRAGMA integrity_check`` and ``foreign_key_check`` are clean;
- nothing the bot confirmed as saved has gone missing (undo and delete aside).

``make test`` runs a short profile; ``make fuzz`` a long one (FUZZ_EXAMPLES, default 2000).
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from bot.fakeapi import FakeUser
from bot.fakeapi.user import origin_channel, origin_chat, origin_hidden_user, origin_user
from tests.e2e.fuzz_support import FuzzHarness

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
STEPS = int(os.environ.get("FUZZ_STEPS", "12"))

MARKER = re.compile(r"Zq(\d+)x\d+")
"""Contact names the fuzzer makes carry their owner's id, so a leak is unmistakable."""

COMMANDS = [
    "/start", "/help", "/cancel", "/log", "/people", "/undo", "/settings", "/pause", "/resume",
    "/support", "/summary", "/digest", "/export", "/delete", "/privacy", "/history", "/nonsense",
]  # fmt: skip

PHRASES = [
    "Sam", "Mum", "my sister", "yes", "no", "1", "3", "5", "skip", "resume", "drop", "today",
    "yesterday", "tomorrow", "3 days ago", "400 days ago", "30.02", "7pm", "19:30", "noon",
    "Berlin", "EST", "pst", "CET", "IST", "MST", "UTC+14", "Etc/GMT+9", "yes please", "nope",
    "no thanks", "sure", "Mom", "texted my sister yesterday", "had coffee with Sam", "called Mum",
    "texted my sister", "I feel so lonely", "nobody cares about me", "this traffic is killing me",
    "call", "video", "in person", "message", "Relational", "Intimate", "Collective",
]  # fmt: skip

ODD_PIECES = [
    "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u0000", "\t", "\n", "  ",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", "\U0001f1e9\U0001f1ea",
    "\U0001f44d\U0001f3fd", "שלום", "مرحبا", "Zoë", "e\u0301", "<b>x</b>", "<script>", "&amp;",
    "*bold*", "_it_", "`code`", "[link](http://x)", "%s", "{name}", "'; DROP TABLE users;--",
]  # fmt: skip

texts = st.one_of(
    st.sampled_from(PHRASES),
    st.text(max_size=40),
    st.lists(st.sampled_from(ODD_PIECES + PHRASES), min_size=1, max_size=6).map("".join),
    st.builds(
        lambda piece, n: piece * n,
        st.sampled_from(["x", "é", "👍", "ab "]),
        st.integers(1000, 4200),
    ),
    st.builds(
        lambda tail: "had coffee with " + tail,
        st.sampled_from(["Sam", "x" * 4080, "👨‍👩‍👧‍👦" * 10]),
    ),
)

forged_data = st.one_of(
    st.text(max_size=64).filter(lambda data: 0 < len(data.encode()) <= 64),
    st.binary(min_size=1, max_size=64)
    .map(lambda raw: raw.decode("latin-1"))
    .filter(lambda data: len(data.encode()) <= 64),
    st.sampled_from(
        [
            "peo:9999999999999999999:0",
            "on:zz",
            "per:1:0:0",
            "udo:-1",
            "x" * 64,
            "tz:EST:9",
            "tz:EST:-1",
            "tz:XYZ:0",
            "tz:IST:2",
            "tz::0",
        ]
    ),
)


person_names = st.one_of(
    st.sampled_from(["Sam", "Mum", "Zoë", "Dr. Lee", "👨‍👩‍👧‍👦" * 10, "x" * 200, "<b>x</b>"]),
    st.text(min_size=1, max_size=30),
)

vcard_texts = st.one_of(
    st.builds(
        lambda name, extra: f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{extra}END:VCARD\r\n",
        person_names,
        st.sampled_from(["", "BDAY:1990-02-30\r\n", "BDAY:--0704\r\n", "N:;;;;\r\n", "FN:\r\n"]),
    ),
    st.text(max_size=200),
)


def sender_id(name: str) -> int:
    """A stable made-up Telegram id for a forwarded sender."""
    return 10_000 + sum(map(ord, name)) % 100_000


class TendUnderFuzz(RuleBasedStateMachine):
    """People and a bot; the invariants are what no person must ever meet."""

    harness: FuzzHarness

    def __init__(self) -> None:
        super().__init__()
        self.users: list[FakeUser] = []
        self.typed: dict[int, list[str]] = {}
        self.confirmed: dict[int, set[int]] = {}
        self.made = 0

    @initialize(count=st.integers(2, 3), onboarded=st.lists(st.booleans(), min_size=3, max_size=3))
    def people(self, count: int, onboarded: list[bool]) -> None:
        for index in range(count):
            user = self.harness.new_user(onboarded=onboarded[index])
            self.users.append(user)
            self.typed[user.id] = []
            self.confirmed[user.id] = set()

    # ------------------------------------------------------------------ actions
    def _send(self, user: FakeUser, text: str) -> None:
        self.typed[user.id].append(text)
        self.harness.run(user.send(text))
        self.harness.settle()

    @rule(which=st.integers(0, 2), text=texts)
    def types(self, which: int, text: str) -> None:
        self._send(self.users[which % len(self.users)], text)

    @rule(
        which=st.integers(0, 2),
        command=st.sampled_from(COMMANDS),
        args=st.sampled_from(
            [
                "",
                " Sam",
                " Sam call yesterday",
                " 7",
                " -3",
                " 99999999999999999999",
                " EST",
                " Mum texted today",
                " 👍",
                " x" * 40,
            ]
        ),
    )
    def commands(self, which: int, command: str, args: str) -> None:
        self._send(self.users[which % len(self.users)], command + args)

    @rule(which=st.integers(0, 2), channel=st.sampled_from(["call", "video", "in person", ""]))
    def logs_a_marked_person(self, which: int, channel: str) -> None:
        user = self.users[which % len(self.users)]
        self.made += 1
        self._send(user, f"/log Zq{user.id}x{self.made} {channel} today".replace("  ", " "))

    @rule(which=st.integers(0, 2), pick=st.integers(0, 10_000), latest=st.booleans())
    def presses_a_button_they_saw(self, which: int, pick: int, latest: bool) -> None:
        user = self.users[which % len(self.users)]
        seen = self.harness.seen_button_data(user)
        if not seen:
            return
        message, data = seen[-1 - pick % min(len(seen), 6)] if latest else seen[pick % len(seen)]
        self.harness.run(user.press(data=data, message=message))
        self.harness.settle()

    @rule(which=st.integers(0, 2), other=st.integers(0, 2), pick=st.integers(0, 10_000))
    def presses_another_users_button(self, which: int, other: int, pick: int) -> None:
        user = self.users[which % len(self.users)]
        victim = self.users[other % len(self.users)]
        seen = self.harness.seen_button_data(victim)
        own = self.harness.seen_button_data(user)
        if not seen or not own:
            return
        _, data = seen[pick % len(seen)]
        self.harness.run(user.press(data=data, message=own[-1][0]))
        self.harness.settle()

    @rule(which=st.integers(0, 2), data=forged_data)
    def presses_a_forged_button(self, which: int, data: str) -> None:
        user = self.users[which % len(self.users)]
        own = self.harness.seen_button_data(user)
        if not own:
            return
        self.harness.run(user.press(data=data, message=own[-1][0]))
        self.harness.settle()

    @rule(
        which=st.integers(0, 2),
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
    )
    def shares_a_location(self, which: int, latitude: float, longitude: float) -> None:
        user = self.users[which % len(self.users)]
        self.harness.run(user.send_location(latitude, longitude))
        self.harness.settle()

    @rule(
        which=st.integers(0, 2),
        text=texts,
        sender=person_names,
        kind=st.sampled_from(["user", "hidden", "chat", "channel"]),
    )
    def forwards_a_message(self, which: int, text: str, sender: str, kind: str) -> None:
        user = self.users[which % len(self.users)]
        origin = {
            "user": lambda: origin_user(sender, user_id=sender_id(sender)),
            "hidden": lambda: origin_hidden_user(sender),
            "chat": lambda: origin_chat(sender),
            "channel": lambda: origin_channel(sender),
        }[kind]()
        self.harness.run(user.send_forward(text or ".", origin))
        self.harness.settle()

    @rule(
        which=st.integers(0, 2),
        first=person_names,
        last=st.one_of(st.none(), person_names),
        vcard=st.one_of(st.none(), vcard_texts),
    )
    def shares_a_contact(self, which: int, first: str, last: str | None, vcard: str | None) -> None:
        user = self.users[which % len(self.users)]
        self.harness.run(user.send_contact(first, last, vcard=vcard))
        self.harness.settle()

    @rule(
        which=st.integers(0, 2),
        content=st.one_of(vcard_texts.map(str.encode), st.binary(max_size=300)),
        file_name=st.sampled_from(["contacts.vcf", "x.txt", "", "🙂.vcf", "a" * 200]),
        mime=st.sampled_from(["text/vcard", "text/x-vcard", "application/pdf", "image/png"]),
        claimed=st.one_of(st.none(), st.integers(0, 50_000_000)),
    )
    def sends_a_file(
        self, which: int, content: bytes, file_name: str, mime: str, claimed: int | None
    ) -> None:
        user = self.users[which % len(self.users)]
        self.harness.run(user.send_document(content, file_name, mime, file_size=claimed))
        self.harness.settle()

    @rule(hours=st.integers(1, 72))
    def time_passes(self, hours: int) -> None:
        self.harness.the_rig.clock.advance(timedelta(hours=hours))
        self.harness.settle()

    @precondition(lambda self: len(self.users) > 0)
    @rule(kill=st.booleans())
    def restarts(self, kill: bool) -> None:
        self.harness.restart(kill=kill)
        self.check_nothing_confirmed_is_missing(deleting=False)

    # ------------------------------------------------------------------ invariants
    @invariant()
    def no_error_was_logged(self) -> None:
        records = self.harness.the_rig.errors.records
        messages = [record.getMessage() for record in records]
        records.clear()
        assert not messages, f"errors were logged: {messages}"

    @invariant()
    def every_callback_query_was_answered(self) -> None:
        assert not self.harness.the_rig.api.unanswered_callback_queries()

    @invariant()
    def replies_stay_private_and_confirmations_hold(self) -> None:
        for user in self.users:
            deleting = any(
                text.startswith(("/undo", "/delete", "/history")) for text in self.typed[user.id]
            )
            for message in self.harness.new_messages(user):
                for match in MARKER.finditer(message.text + " ".join(message.buttons)):
                    owner = int(match.group(1))
                    assert owner == user.id or any(
                        match.group(0) in typed for typed in self.typed[user.id]
                    ), f"user {user.id} was shown {owner}'s contact"
                if message.text.startswith("Saved"):
                    self.confirmed[user.id] |= self._interaction_ids(user.id)
            self.check_nothing_confirmed_is_missing(deleting=deleting, only=user)

    @invariant()
    def database_is_sound(self) -> None:
        assert self.harness.query("PRAGMA integrity_check") == [("ok",)]
        assert self.harness.query("PRAGMA foreign_key_check") == []

    def check_nothing_confirmed_is_missing(
        self, *, deleting: bool, only: FakeUser | None = None
    ) -> None:
        for user in [only] if only else self.users:
            present = self._interaction_ids(user.id)
            if deleting:  # undo, delete or an edit may remove what was saved; keep what is left
                self.confirmed[user.id] &= present
            missing = self.confirmed[user.id] - present
            assert not missing, f"user {user.id}: saved interactions {missing} are gone"

    def _interaction_ids(self, user_id: int) -> set[int]:
        rows = self.harness.query("SELECT id FROM interactions WHERE user_id = ?", (user_id,))
        return {int(row[0]) for row in rows}


@pytest.mark.timeout(0)
def test_no_input_breaks_tend(tmp_path: Path) -> None:
    harness = FuzzHarness(tmp_path)
    harness.start()
    TendUnderFuzz.harness = harness
    try:
        run_state_machine_as_test(
            TendUnderFuzz,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            ),
        )
    finally:
        harness.close()
