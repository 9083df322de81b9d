"""#12's personal features around check-ins: follow-ups after a note, dates and follow-ups on
/people, and /settings' *About you* and *Dates ahead*.

What the registry wires (``handlers/__init__.py``): :data:`CONVERSATIONS` (a typed follow-up
day; a date being added) and :data:`BUTTONS`. The check-in's own Done / Later / Not needed
buttons live with the check-in (``handlers/checkins``).
"""

from __future__ import annotations

from typing import Any

from bot.domain.personal_flows import DateAdd, FollowupPick, date_hint, pick_hint
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.personal.about_you import POINTER as SETTINGS_POINTER
from handlers.personal.about_you import (
    AboutYou,
    DatesAhead,
    about_you_pressed,
    dates_ahead_pressed,
)
from handlers.personal.dates import POINTER as PEOPLE_POINTER
from handlers.personal.dates import (
    AddDate,
    DateKindChosen,
    DropFollowup,
    add_date_pressed,
    date_cancelled,
    date_kind_chosen,
    date_text,
    drop_followup_pressed,
)
from handlers.personal.followups import POINTER as REMIND_POINTER
from handlers.personal.followups import (
    ReminderChosen,
    RemindMe,
    day_typed,
    pick_cancelled,
    remind_me_pressed,
    reminder_chosen,
)

CONVERSATIONS: tuple[Conversation[Any], ...] = (
    Conversation(
        state=FollowupPick,
        on_text=day_typed,
        on_cancel=pick_cancelled,
        hint=pick_hint,
        stale_pointer=REMIND_POINTER,
    ),
    Conversation(
        state=DateAdd,
        on_text=date_text,
        on_cancel=date_cancelled,
        hint=date_hint,
        stale_pointer=PEOPLE_POINTER,
    ),
)

BUTTONS: tuple[Route[Any], ...] = (
    Route(RemindMe, remind_me_pressed, REMIND_POINTER),
    Route(ReminderChosen, reminder_chosen, REMIND_POINTER),
    Route(AddDate, add_date_pressed, PEOPLE_POINTER),
    Route(DateKindChosen, date_kind_chosen, PEOPLE_POINTER),
    Route(DropFollowup, drop_followup_pressed, PEOPLE_POINTER),
    Route(AboutYou, about_you_pressed, SETTINGS_POINTER),
    Route(DatesAhead, dates_ahead_pressed, SETTINGS_POINTER),
)

__all__ = ["BUTTONS", "CONVERSATIONS"]
