"""Adding people from a forward, a shared contact or a vCard: names only, limits kept, and not a
phone number, email or address anywhere in the database file or the logs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.forwards import AddNew, ForwardOrigin, OriginKind, forward_offer
from bot.domain.kinds import ConnectionType
from bot.domain.names import InvalidName
from bot.domain.shared_contacts import shared_contact_name
from bot.domain.vcards import VCardImport, parse_vcards
from storage.contact_imports import ContactImporter, NewContact
from storage.contacts import ContactRepository
from storage.database import Database

NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
DATA = Path(__file__).parent.parent / "data" / "vcards"
SECRETS = (
    "7700",
    "900123",
    "zoe.martin",
    "example.org",
    "Elm Street",
    "Bristol",
    "BS1",
    "4915112345678",
    "3311223344",
    "98765",
    "taro@",
    "example.jp",
    "forwarded words",
)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    await database.execute(
        "INSERT INTO users (id, chat_id, timezone, created_at) VALUES (1, 1, 'UTC', 1)"
    )
    try:
        yield database
    finally:
        await database.close()


async def test_new_people_are_added_once_and_within_the_limit(db: Database) -> None:
    importer = ContactImporter(db)
    first = await importer.add(1, [NewContact(" Sam ", ConnectionType.INTIMATE)], NOW)
    assert [c.name for c in first.added] == ["Sam"]
    again = await importer.add(
        1,
        [
            NewContact("SAM", ConnectionType.RELATIONAL),
            NewContact("Zoë", ConnectionType.RELATIONAL),
            NewContact("zoë", ConnectionType.RELATIONAL),
            NewContact("Choir", ConnectionType.COLLECTIVE),
        ],
        NOW,
        max_contacts=3,
    )
    assert [c.name for c in again.added] == ["Zoë", "Choir"]
    assert again.already_there == ("SAM", "zoë")
    assert again.over_limit == ()
    full = await importer.add(
        1, [NewContact("Priya", ConnectionType.RELATIONAL)], NOW, max_contacts=3
    )
    assert full.added == () and full.over_limit == ("Priya",)
    stored = await ContactRepository(db).all(1)
    assert [(c.name, c.kind) for c in stored] == [
        ("Sam", ConnectionType.INTIMATE),
        ("Zoë", ConnectionType.RELATIONAL),
        ("Choir", ConnectionType.COLLECTIVE),
    ]
    assert stored[0] == first.added[0]


async def test_an_unusable_name_writes_nothing(db: Database) -> None:
    with pytest.raises(InvalidName):
        await ContactImporter(db).add(
            1,
            [
                NewContact("Fine", ConnectionType.RELATIONAL),
                NewContact("\u200b", ConnectionType.RELATIONAL),
            ],
            NOW,
        )
    assert await ContactRepository(db).count(1) == 0


async def test_no_phone_email_address_or_forwarded_text_reaches_the_database_or_logs(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    importer = ContactImporter(db)
    for path in sorted(DATA.glob("*.vcf")):
        result = parse_vcards(path.read_bytes(), ["Sam"])
        if isinstance(result, VCardImport):
            await importer.add(
                1, [NewContact(p.name, ConnectionType.RELATIONAL) for p in result.people], NOW
            )
    # A shared contact: Telegram sends the phone number alongside; only the name goes in.
    shared = {"first_name": "Dana", "last_name": "Fox", "phone_number": "+44 7700 900999"}
    await importer.add(
        1,
        [
            NewContact(
                shared_contact_name(shared["first_name"], shared["last_name"]),
                ConnectionType.INTIMATE,
            )
        ],
        NOW,
    )
    # A forward: the text ("forwarded words") never comes near the offer.
    offer = forward_offer(ForwardOrigin(OriginKind.USER, first_name="Eli"), [])
    assert isinstance(offer, AddNew)
    await importer.add(1, [NewContact(offer.name, ConnectionType.RELATIONAL)], NOW)

    names = sorted(c.name for c in await ContactRepository(db).all(1))
    assert names == sorted(
        [
            "Zoë Martin",
            "Jürgen Müller 🌻",
            "François Garçon",
            "Прия Шарма",
            "山田 太郎",
            "Dana Fox",
            "Eli",
        ]
    )
    await db.close()
    stored = b"".join(
        path.read_bytes() for path in db.path.parent.iterdir() if path.name.startswith("tend")
    )
    logged = caplog.text
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
        assert secret not in logged, secret
    assert "Zoë Martin".encode() in stored  # the check can see what is there
