"""Adding contacts that come from Telegram's own ways in: a forward, a shared contact, a vCard.

Only a name and a kind can be passed in (``NewContact`` has nothing else), so a phone number,
an email or an address cannot reach the database through here. Names are compared by
``name_key`` as everywhere else: someone already in the list is reported, not added twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.kinds import ConnectionType
from bot.domain.names import clean_name, name_key
from storage.contacts import MAX_CONTACTS, Contact
from storage.database import Database
from storage.users import from_epoch, to_epoch


@dataclass(frozen=True, slots=True)
class NewContact:
    """A person to add: a name (cleaned again here) and a kind. Nothing else, on purpose."""

    name: str
    kind: ConnectionType


@dataclass(frozen=True, slots=True)
class AddedContacts:
    """What happened to each name asked for, in the order asked."""

    added: tuple[Contact, ...]
    already_there: tuple[str, ...]
    over_limit: tuple[str, ...]


class ContactImporter:
    """Adds several contacts in one transaction, keeping the per-user limit."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        user_id: int,
        people: Sequence[NewContact],
        now: datetime,
        *,
        max_contacts: int = MAX_CONTACTS,
    ) -> AddedContacts:
        """Add those not yet in the list, while room remains; names are cleaned (may raise
        ``InvalidName`` before anything is written)."""
        cleaned = [(clean_name(person.name), person.kind) for person in people]
        added: list[Contact] = []
        already: list[str] = []
        over: list[str] = []
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "SELECT name_key FROM contacts WHERE user_id = ?", (user_id,)
            )
            keys = {str(row[0]) for row in await cursor.fetchall()}
            room = max_contacts - len(keys)
            for name, kind in cleaned:
                key = name_key(name)
                if key in keys:
                    already.append(name)
                    continue
                if room <= 0:
                    over.append(name)
                    continue
                cursor = await connection.execute(
                    "INSERT INTO contacts (user_id, name, name_key, kind, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (user_id, name, key, kind.value, to_epoch(now)),
                )
                keys.add(key)
                room -= 1
                added.append(
                    Contact(
                        id=int(cursor.lastrowid or 0),
                        name=name,
                        kind=kind,
                        archived=False,
                        rhythm_days=None,
                        created_at=from_epoch(to_epoch(now)),
                    )
                )
        return AddedContacts(tuple(added), tuple(already), tuple(over))
