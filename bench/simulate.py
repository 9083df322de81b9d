"""`make simulate`: does the learner beat random choice, and do the variety rules hold?

A population of simulated users (default 1,000; ``SIM_USERS``) lives 90 days. Each has a few
people of each kind, some with a rhythm, logs now and then on their own, and has a HIDDEN
liking for two strategies: an idea of one of those is acted on with probability ``p_act``,
any other with ``p_act / 10``. Acting means logging an interaction of the idea's kind within
a day, with the person it names. Every day's check-in goes through the real composer
(`bot.scheduling.composer.compose`), with the history it would read from the database, and
"acted on" is credited exactly as the SQL trigger does (the latest idea of that kind shown
up to 48 hours before). The same users are run twice: the learner (`Policy.LEARN`) and
uniform random choice of the arm (`Policy.UNIFORM`).

Prints a few lines and, last, one JSON object.
"""

from __future__ import annotations

import heapq
import json
import os
import random
import sys
import time as clock
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinFrequency, CheckinMessage
from bot.domain.choosing import Policy, repeat_window
from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import ContactState
from bot.domain.suggestions import Catalogue, ShownSuggestion, Strategy, load_catalogue
from bot.domain.variety import WINDOW, CheckinFacts, PastCheckin, is_sole_of_kind, rule_breaches
from bot.scheduling.composer import compose
from storage.checkins import ComposeInputs
from storage.users import User

DAYS = 90
CHECKPOINTS = (30, 90)
TARGET_RATIO = 1.5
RATE_WINDOW = 10
START = date(2026, 3, 2)  # spans the European and American DST changes
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney")
STRATEGIES = tuple(s for s in Strategy if s is not Strategy.PROFESSIONAL_HELP)
_BACKGROUND = {  # chance per day of logging something of this kind unprompted
    ConnectionType.INTIMATE: 0.08,
    ConnectionType.RELATIONAL: 0.04,
    ConnectionType.COLLECTIVE: 0.02,
}
_P_ACT = (0.3, 0.9)  # chance of acting on a liked idea (a tenth of it for any other)
_ACT_DELAY_HOURS = (0.5, 20.0)  # acting: that evening or the next day, before the next check-in
_CONTACTS = {  # how many people or groups of each kind (inclusive range)
    ConnectionType.INTIMATE: (1, 3),
    ConnectionType.RELATIONAL: (1, 4),
    ConnectionType.COLLECTIVE: (1, 2),
}
_RHYTHM = {
    ConnectionType.INTIMATE: (3, 7),
    ConnectionType.RELATIONAL: (7, 14),
    ConnectionType.COLLECTIVE: (14, 21),
}


@dataclass(frozen=True)
class Persona:
    """A simulated user's hidden tastes."""

    liked: frozenset[Strategy]
    p_act: float

    def acts(self, strategy: Strategy, rng: random.Random) -> bool:
        chance = self.p_act if strategy in self.liked else self.p_act / 10
        return rng.random() < chance


@dataclass
class World:
    """One user's state as the database would hold it."""

    row: User
    contacts: list[ContactState]
    history: list[ShownSuggestion] = field(default_factory=list)
    shown_kind: list[ConnectionType] = field(default_factory=list)  # parallel to history
    recent: list[PastCheckin] = field(default_factory=list)
    facts: list[CheckinFacts] = field(default_factory=list)

    def log(self, contact_id: int, at: datetime) -> None:
        """An interaction: the contact's last time moves, and the trigger credits an idea."""
        for index, contact in enumerate(self.contacts):
            if contact.contact_id == contact_id:
                last = contact.last_interaction_at
                if last is None or at > last:
                    self.contacts[index] = replace(contact, last_interaction_at=at)
                kind = contact.kind
        for index in range(len(self.history) - 1, -1, -1):
            shown = self.history[index]
            if (
                self.shown_kind[index] is kind
                and not shown.acted_on
                and shown.shown_at <= at <= shown.shown_at + timedelta(hours=48)
            ):
                self.history[index] = replace(shown, acted_on=True)
                break

    def inputs(self) -> ComposeInputs:
        last_by_kind: dict[ConnectionType, datetime | None] = {}
        for contact in self.contacts:
            at = contact.last_interaction_at
            known = last_by_kind.get(contact.kind)
            if at is not None and (known is None or at > known):
                last_by_kind[contact.kind] = at
        return ComposeInputs(tuple(self.contacts), last_by_kind, ())


def _make_user(user_id: int) -> tuple[World, Persona, ZoneInfo]:
    rng = random.Random(f"user-{user_id}")
    zone_name = rng.choice(ZONES)
    zone = ZoneInfo(zone_name)
    joined = datetime.combine(START - timedelta(days=1), time(12), zone).astimezone(UTC)
    contacts: list[ContactState] = []
    for kind in ConnectionType:
        low, high = _CONTACTS[kind]
        for _ in range(rng.randint(low, high)):
            rhythm = rng.randint(*_RHYTHM[kind]) if rng.random() < 0.5 else None
            contact_id = len(contacts) + 1
            contacts.append(ContactState(contact_id, f"P{contact_id}", kind, rhythm, None, joined))
    row = User(
        id=user_id,
        chat_id=user_id,
        timezone=zone_name,
        checkin_time=time(19),
        next_checkin_at=None,
        last_checkin_date=None,
        frequency=CheckinFrequency.DAILY,
        interests=frozenset(),
        paused_until=None,
        active=True,
        created_at=joined,
        quiet_days=dict(DEFAULT_QUIET_DAYS),
    )
    persona = Persona(frozenset(rng.sample(STRATEGIES, 2)), rng.uniform(*_P_ACT))
    return World(row, contacts), persona, zone


def simulate_user(
    user_id: int, policy: Policy, catalogue: Catalogue, days: int = DAYS
) -> tuple[list[tuple[int, bool]], list[CheckinFacts]]:
    """Run one user; returns (day, acted on) per idea shown, and every check-in's facts."""
    world, persona, zone = _make_user(user_id)
    life = random.Random(f"life-{user_id}")  # the same background for both policies
    choice = random.Random(f"acts-{user_id}-{policy}")
    events: list[tuple[datetime, int, int]] = []  # (when, sequence, contact id)
    sequence = 0
    for day in range(days):
        local_date = START + timedelta(days=day)
        midnight = datetime.combine(local_date, time(0), zone)
        for kind in ConnectionType:
            if life.random() < _BACKGROUND[kind]:
                own = [c.contact_id for c in world.contacts if c.kind is kind]
                at = (midnight + timedelta(hours=life.uniform(7, 23))).astimezone(UTC)
                sequence += 1
                heapq.heappush(events, (at, sequence, life.choice(own)))
        now = datetime.combine(local_date, time(19), zone).astimezone(UTC)
        while events and events[0][0] <= now:
            at, _, contact_id = heapq.heappop(events)
            world.log(contact_id, at)
        message = compose(
            world.row,
            world.inputs(),
            world.history,
            catalogue,
            now=now,
            local_date=local_date,
            recent=world.recent,
            policy=policy,
        )
        assert message is not None  # daily check-ins always go out
        _remember(world, message, local_date, catalogue)
        chosen = message.suggestion
        if chosen is None:
            continue
        world.history.append(ShownSuggestion(chosen.suggestion_id, chosen.strategy, now, False))
        world.shown_kind.append(chosen.kind)
        if persona.acts(chosen.strategy, choice):
            own = [c.contact_id for c in world.contacts if c.kind is chosen.kind]
            who = chosen.contact_id if chosen.contact_id is not None else choice.choice(own)
            sequence += 1
            delay = timedelta(hours=choice.uniform(*_ACT_DELAY_HOURS))
            heapq.heappush(events, (now + delay, sequence, who))
    while events:  # let the last ideas' 48 hours run out
        at, _, contact_id = heapq.heappop(events)
        world.log(contact_id, at)
    start = datetime.combine(START, time(0), zone).astimezone(UTC)
    outcomes = [
        (int((shown.shown_at - start).total_seconds() // 86400) + 1, shown.acted_on)
        for shown in world.history
    ]
    return outcomes, world.facts


def _remember(
    world: World, message: CheckinMessage, local_date: date, catalogue: Catalogue
) -> None:
    world.recent = [message.as_past(local_date), *world.recent][: WINDOW - 1]
    chosen = message.suggestion
    entry = catalogue.get(chosen.suggestion_id) if chosen is not None else None
    world.facts.append(
        CheckinFacts(
            local_date=local_date,
            quiet_kinds=frozenset(item.kind for item in message.quiet),
            named_kinds=message.named_kinds,
            named_contacts=message.named_contacts,
            sole_contacts=frozenset(
                c.contact_id
                for c in world.contacts
                if c.contact_id in message.named_contacts
                and is_sole_of_kind(c.contact_id, c.kind, world.contacts)
            ),
            opening_sentence=message.opening_sentence,
            suggestion_id=chosen.suggestion_id if chosen is not None else None,
            repeat_days=repeat_window(entry).days if entry is not None else 14,
        )
    )


@dataclass
class Tally:
    """Ideas shown and acted on per day, plus variety figures."""

    shown: list[int] = field(default_factory=lambda: [0] * (DAYS + 1))
    acted: list[int] = field(default_factory=lambda: [0] * (DAYS + 1))
    people_named: int = 0
    people: int = 0
    kinds_named: int = 0
    kinds_quiet: int = 0
    ideas: int = 0
    breaches: int = 0
    users_with_breaches: int = 0

    def add(self, other: Tally) -> None:
        for day in range(DAYS + 1):
            self.shown[day] += other.shown[day]
            self.acted[day] += other.acted[day]
        for name in (
            "people_named",
            "people",
            "kinds_named",
            "kinds_quiet",
            "ideas",
            "breaches",
            "users_with_breaches",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rate(self, first: int, last: int) -> float:
        """Act-on rate of the ideas shown from day `first` to day `last`, inclusive."""
        shown = sum(self.shown[first : last + 1])
        return sum(self.acted[first : last + 1]) / shown if shown else 0.0


def _run_chunk(args: tuple[list[int], str]) -> Tally:
    user_ids, policy_name = args
    policy = Policy(policy_name)
    catalogue = load_catalogue()
    tally = Tally()
    for user_id in user_ids:
        outcomes, facts = simulate_user(user_id, policy, catalogue)
        for day_shown, acted in outcomes:
            tally.shown[day_shown] += 1
            tally.acted[day_shown] += acted
        named = frozenset().union(*(item.named_contacts for item in facts))
        tally.people_named += len(named)
        tally.people += len(_make_user(user_id)[0].contacts)
        tally.kinds_named += len(frozenset().union(*(item.named_kinds for item in facts)))
        tally.kinds_quiet += len(frozenset().union(*(item.quiet_kinds for item in facts)))
        tally.ideas += len({item.suggestion_id for item in facts if item.suggestion_id})
        breaches = rule_breaches(facts)
        tally.breaches += len(breaches)
        tally.users_with_breaches += bool(breaches)
    return tally


def run(users: int, workers: int) -> dict[str, object]:
    """Both policies over the same users; the figures as one dict."""
    ids = list(range(1, users + 1))
    chunks = [ids[index :: workers * 4] for index in range(workers * 4)]
    results: dict[Policy, Tally] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for policy in Policy:
            total = Tally()
            for part in pool.map(_run_chunk, [(chunk, policy.value) for chunk in chunks]):
                total.add(part)
            results[policy] = total
    learn, uniform = results[Policy.LEARN], results[Policy.UNIFORM]
    figures: dict[str, object] = {"users": users, "days": DAYS}
    for day in CHECKPOINTS:
        # "At day N": the ideas of the RATE_WINDOW days up to N; "to day N": all since day 1.
        for label, first in (("at", day - RATE_WINDOW + 1), ("to", 1)):
            mine, theirs = learn.rate(first, day), uniform.rate(first, day)
            figures[f"learner_{label}_day{day}"] = round(mine, 3)
            figures[f"random_{label}_day{day}"] = round(theirs, 3)
            figures[f"ratio_{label}_day{day}"] = round(mine / theirs if theirs else 0.0, 2)
    figures["ideas_shown"] = sum(learn.shown)
    figures["people_named_share"] = round(learn.people_named / learn.people, 3)
    figures["kinds_named_per_kinds_quiet"] = round(learn.kinds_named / learn.kinds_quiet, 3)
    figures["distinct_ideas_per_user"] = round(learn.ideas / users, 1)
    figures["rule_breaches"] = learn.breaches + uniform.breaches
    figures["variety_rules_held"] = learn.users_with_breaches + uniform.users_with_breaches == 0
    figures["target_met"] = bool(
        figures["variety_rules_held"] and float(str(figures["ratio_at_day30"])) >= TARGET_RATIO
    )
    return figures


def main(argv: Iterable[str] = ()) -> int:
    users = int(os.environ.get("SIM_USERS", "1000"))
    workers = int(os.environ.get("SIM_WORKERS", str(min(2, os.cpu_count() or 1))))
    started = clock.perf_counter()
    figures = run(users, workers)
    figures["seconds"] = round(clock.perf_counter() - started, 1)
    print(
        f"{users} simulated users x {DAYS} days, through the real composer "
        f"({figures['seconds']} s on {workers} worker(s))"
    )
    for day in CHECKPOINTS:
        print(
            f"  act-on rate at day {day} (days {day - RATE_WINDOW + 1}-{day}): learner "
            f"{figures[f'learner_at_day{day}']:.1%}, random {figures[f'random_at_day{day}']:.1%}"
            f" (x{figures[f'ratio_at_day{day}']}); days 1-{day}: "
            f"x{figures[f'ratio_to_day{day}']}"
        )
    print(
        f"  people named: {figures['people_named_share']:.0%} of all contacts; kinds named "
        f"per kind gone quiet: {figures['kinds_named_per_kinds_quiet']:.0%}; distinct ideas "
        f"per user: {figures['distinct_ideas_per_user']}; variety rules held: "
        f"{figures['variety_rules_held']}"
    )
    print(json.dumps(figures))
    return 0 if figures["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
