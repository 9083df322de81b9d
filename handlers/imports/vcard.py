"""A ``.vcf`` file sent as a document: who is in it, and adding them a page at a time.

The size Telegram reports is checked before anything is downloaded (and again on the File).
Parsing keeps names, birthdays and anniversaries only (:mod:`bot.domain.vcards`); the people
found wait in the ``conversations`` row while the user goes through the pages; the file's
bytes are never stored or logged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import Update

from bot.context import TendContext
from bot.domain.important_dates import DateKind, DayOfYear
from bot.domain.imports import (
    SETUP_FIRST,
    ImportAll,
    ImportingCards,
    ImportPage,
    NotNow,
    after_page,
    done_text,
    found_text,
    page_done_text,
    page_rows,
    page_text,
    start_import,
    stopped_text,
)
from bot.domain.kinds import ConnectionType
from bot.domain.names import name_key
from bot.domain.vcards import MAX_FILE_BYTES, PartialDate, VCardPerson, VCardRefusal, parse_vcards
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.imports.common import contacts, onboarded, put, room_left
from handlers.keyboards import keyboard
from storage.contact_imports import NewContact
from storage.important_dates import DateSource
from storage.users import User

VCARD_EXTENSIONS = (".vcf", ".vcard")
VCARD_TYPES = frozenset({"text/vcard", "text/x-vcard", "text/directory"})


def looks_like_vcard(file_name: str | None, mime_type: str | None) -> bool:
    """By name or type, as phones send them; anything else is refused before downloading."""
    name = (file_name or "").casefold()
    return name.endswith(VCARD_EXTENSIONS) or (mime_type or "").casefold() in VCARD_TYPES


async def on_document(update: Update, context: TendContext) -> None:
    """A file: a contacts file is read and offered page by page; anything else is refused."""
    message = update.effective_message
    assert message is not None and message.document is not None
    user = await onboarded(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    document = message.document
    if not looks_like_vcard(document.file_name, document.mime_type):
        await replies.send(update, context, VCardRefusal.NOT_VCARD.message)
        return
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await replies.send(update, context, VCardRefusal.TOO_BIG.message)
        return
    file = await context.bot.get_file(document.file_id)
    if file.file_size is not None and file.file_size > MAX_FILE_BYTES:
        await replies.send(update, context, VCardRefusal.TOO_BIG.message)
        return
    data = bytes(await file.download_as_bytearray())
    existing = [contact.name for contact in await contacts(context).all(user.id)]
    room = await room_left(context, user)
    # Up to 1 MB through vobject (~0.1 s for 500 cards): off the event loop, so other
    # users' updates are not held up.
    found = await asyncio.to_thread(parse_vcards, data, existing, room=room)
    if isinstance(found, VCardRefusal):
        await replies.send(update, context, found.message)
        return
    summary = found_text(found, found.cards)
    if not found.people:
        await replies.send(update, context, summary)
        return
    state = start_import(message.message_id, found)
    await save(context, user.id, state)
    await replies.send(
        update, context, f"{summary}\n\n{page_text(state)}", keyboard(page_rows(state))
    )


async def page_pressed(
    update: Update, context: TendContext, state: ImportingCards, data: ImportPage
) -> None:
    """This page added as a kind, or skipped; then the next page, or the end."""
    if data.offer != state.offer or data.page != state.page:
        raise StaleButton()  # an older page's button, pressed again or forged
    user = await _user(update, context)
    done = _Added()
    if data.kind is not None:
        done = await _add(context, user, state.on_page(), data.kind)
    after = after_page(state, added=done.added, dates=done.dates, already=done.already)
    await _next(update, context, user, after, page_done_text(data.kind, done.added, done.full))


async def all_pressed(
    update: Update, context: TendContext, state: ImportingCards, data: ImportAll
) -> None:
    """Everyone left added as one kind."""
    if data.offer != state.offer:
        raise StaleButton()
    user = await _user(update, context)
    done = await _add(context, user, state.left(), data.kind)
    after = after_page(
        state, added=done.added, dates=done.dates, already=done.already, everyone=True
    )
    await _next(update, context, user, after, page_done_text(data.kind, done.added, done.full))


async def stop_pressed(
    update: Update, context: TendContext, state: ImportingCards, data: NotNow
) -> None:
    """ "Stop": those added so far stay."""
    if data.offer != state.offer:
        raise StaleButton()
    user = await _user(update, context)
    await close(context, user.id, ImportingCards.name)
    await put(update, context, stopped_text(state))


async def cancel(update: Update, context: TendContext, state: ImportingCards) -> None:
    """/cancel part-way."""
    await put(update, context, stopped_text(state))


async def _user(update: Update, context: TendContext) -> User:
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton()
    return user


async def _next(
    update: Update, context: TendContext, user: User, after: ImportingCards, intro: str
) -> None:
    """The next page (stored before it is shown), or the end of the import."""
    if after.finished:
        await close(context, user.id, ImportingCards.name)
        await put(update, context, f"{intro}\n\n{done_text(after)}")
        return
    await save(context, user.id, after)
    await put(update, context, f"{intro}\n\n{page_text(after)}", keyboard(page_rows(after)))


@dataclass(frozen=True)
class _Added:
    """What adding a page did."""

    added: int = 0
    dates: int = 0
    already: int = 0
    full: int = 0


async def _add(
    context: TendContext, user: User, people: Sequence[VCardPerson], kind: ConnectionType
) -> _Added:
    """Add ``people`` as ``kind`` with their birthdays and anniversaries (source: vCard)."""
    now = context.services.clock.now()
    outcome = await context.services.contact_importer.add(
        user.id, [NewContact(person.name, kind) for person in people], now
    )
    by_key = {name_key(person.name): person for person in people}
    dates = context.services.important_dates
    saved = 0
    for contact in outcome.added:
        person = by_key.get(name_key(contact.name))
        if person is None:
            continue
        for date_kind, day in (
            (DateKind.BIRTHDAY, person.birthday),
            (DateKind.ANNIVERSARY, person.anniversary),
        ):
            when = _day_of_year(day)
            if when is None:
                continue
            stored = await dates.add(
                user.id, contact.id, date_kind, when, now, source=DateSource.VCARD
            )
            saved += stored is not None
    return _Added(len(outcome.added), saved, len(outcome.already_there), len(outcome.over_limit))


def _day_of_year(day: PartialDate | None) -> DayOfYear | None:
    if day is None:
        return None
    try:
        return DayOfYear(day.month, day.day, day.year)
    except ValueError:
        return None
