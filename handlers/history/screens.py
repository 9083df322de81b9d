"""What /history shows, read fresh on every press: a page of the list, or one log."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.context import TendContext
from bot.domain import history_texts as texts
from bot.domain.conversation import BadState
from bot.domain.history import moment_line
from bot.domain.history_buttons import PageFacts, did_you_mean_rows, list_rows, log_rows
from bot.domain.history_view import HistoryView
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import save
from handlers.keyboards import keyboard
from storage.history import Direction, HistoryCursor, HistoryFilter, HistoryRepository, line_of
from storage.interactions import Moment
from storage.moment_edits import MomentEditor
from storage.users import User

Screen = tuple[str, InlineKeyboardMarkup | None]


def history(context: TendContext) -> HistoryRepository:
    return context.services.history


def editor(context: TendContext) -> MomentEditor:
    return context.services.moment_edits


async def onboarded(update: Update, context: TendContext) -> User | None:
    """The user, once set up (after /delete an old button finds nobody)."""
    assert update.effective_user is not None
    user = await context.services.users.get(update.effective_user.id)
    return user if user is not None and user.onboarded else None


async def known_user(update: Update, context: TendContext) -> User:
    """For a button: the set-up user, else the button is out of date."""
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton(texts.FRESH)
    return user


async def stored_view(context: TendContext, user_id: int) -> HistoryView | None:
    """The open history view, if the user's conversation row is one."""
    stored = await context.services.conversations.get(user_id)
    if stored is None or stored.name != HistoryView.name:
        return None
    try:
        return HistoryView.from_json(stored.step, stored.payload)
    except BadState:
        return None


async def view_for(context: TendContext, user: User, serial: int) -> HistoryView:
    """The stored view a list button was made for, else the button is out of date."""
    view = await stored_view(context, user.id)
    if view is None or view.view != serial:
        raise StaleButton(texts.FRESH)
    return view


def serial_now(context: TendContext) -> int:
    return int(context.services.clock.now().timestamp())


async def owned_moment(context: TendContext, user: User, moment_id: int) -> Moment:
    """The user's log, else out of date (another user's id, a huge id, deleted)."""
    moment = await context.services.interactions.moment(user.id, moment_id)
    if moment is None:
        raise StaleButton(texts.FRESH)
    return moment


def line(context: TendContext, user: User, moment: Moment) -> str:
    return moment_line(line_of(moment), now=context.services.clock.now(), zone=user.zone)


async def list_screen(context: TendContext, user: User, view: HistoryView) -> Screen:
    """The page the view is on (the newest page if that one emptied)."""
    repository = history(context)
    wanted = HistoryFilter(kind=view.kind, contact_id=view.contact_id, search=view.search)
    cursor = None
    if view.anchor_at is not None and view.anchor_id is not None:
        cursor = HistoryCursor(view.anchor_at, view.anchor_id)
    direction: Direction = "newer" if view.anchor_newer else "older"
    page = await repository.page(user.id, wanted, cursor=cursor, direction=direction)
    if not page.moments and cursor is not None:
        page = await repository.page(user.id, wanted)
    count = await repository.count(user.id, wanted)
    heading = texts.list_heading(
        count, kind=view.kind, person=view.contact_name, search=view.search
    )
    if not page.moments:
        if not view.is_filtered:
            return texts.EMPTY, None
        people: list[tuple[int, str]] = []
        if view.search is not None:
            found = await repository.did_you_mean(user.id, view.search)
            people = [(candidate.contact_id, candidate.name) for candidate in found[:3]]
        text = f"{heading}\n\n{texts.nothing_found(view.search, [n for _, n in people])}"
        return text, keyboard(did_you_mean_rows(view.view, people))
    facts = PageFacts(
        view=view.view,
        moment_ids=tuple(m.moment_id for m in page.moments),
        older=(page.older.occurred_at, page.older.moment_id) if page.older else None,
        newer=(page.newer.occurred_at, page.newer.moment_id) if page.newer else None,
        kind=view.kind,
        filtered=view.is_filtered,
    )
    lines = [line(context, user, moment) for moment in page.moments]
    return texts.list_text(heading, lines), keyboard(list_rows(facts))


async def show_view(
    update: Update, context: TendContext, user: User, view: HistoryView, intro: str = ""
) -> None:
    """Store the view (before showing it), then show its page."""
    await save(context, user.id, view)
    text, markup = await list_screen(context, user, view)
    await put(update, context, (f"{intro}\n\n{text}" if intro else text, markup))


def log_screen(context: TendContext, user: User, moment: Moment, intro: str = "") -> Screen:
    people = [(person.name, person.kind) for person in moment.people]
    text = texts.log_text(line(context, user, moment), people, moment.note, intro)
    return text, keyboard(log_rows(moment.moment_id))


async def put(update: Update, context: TendContext, screen: Screen) -> None:
    """Edit the message whose button was pressed; after typed text, send anew."""
    query, chat = update.callback_query, update.effective_chat
    assert chat is not None
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    markup = screen[1]
    await replies.show(context, chat.id, screen[0], markup, edit=pressed)
