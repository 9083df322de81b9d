"""Everything the check-in composer needs for the personal lead (#12), for a batch of users.

One call per claim round: the users' dates from today to 3 days ahead, their due follow-ups,
their "mention dates ahead" setting and their circumstances ("About you"), each asked on
the user's own local today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.checkin_lead import Lead, lead_for_today
from bot.domain.followups import Followup
from bot.domain.important_dates import ImportantDate
from storage.about_you import parse_circumstances
from storage.database import Database
from storage.followups import FollowupRepository
from storage.important_dates import ImportantDateRepository


@dataclass(frozen=True, slots=True)
class PersonalInputs:
    """One user's dates and follow-ups as the lead wants them."""

    local_today: date
    dates: tuple[ImportantDate, ...]
    followups: tuple[Followup, ...]
    ahead_setting: bool
    circumstances: frozenset[str] = frozenset()
    """What the user said about their life (the idea chooser's ``circumstances``)."""

    def lead(self) -> Lead | None:
        """Today's personal lead (see :func:`bot.domain.checkin_lead.lead_for_today`)."""
        if not self.dates and not self.followups:
            return None  # most users, most days: nothing to lead with
        return lead_for_today(
            self.dates, self.followups, self.local_today, ahead_setting=self.ahead_setting
        )


_BATCH = 400
_EMPTY: frozenset[str] = frozenset()


async def personal_inputs(
    db: Database, local_today: Mapping[int, date]
) -> dict[int, PersonalInputs]:
    """``local_today`` maps user id -> local date; every user asked gets an entry.

    One read of the users' settings also says who has any dates or pending follow-ups at all;
    only those users' dates and follow-ups are looked up (most users have neither).
    """
    ahead: dict[int, bool] = {}
    circumstances: dict[int, frozenset[str]] = {}
    with_dates: dict[int, date] = {}
    with_followups: dict[int, date] = {}
    ids = list(local_today)
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        rows = await db.fetch_all(
            "SELECT u.id, u.dates_ahead, u.circumstances, "
            "EXISTS (SELECT 1 FROM important_dates AS d WHERE d.user_id = u.id), "
            "EXISTS (SELECT 1 FROM followups AS f WHERE f.user_id = u.id "
            "AND f.state IN ('open', 'snoozed')) "
            f"FROM users AS u WHERE u.id IN ({','.join('?' * len(batch))})",
            batch,
        )
        for user_id, dates_ahead, stored, has_dates, has_followups in rows:
            ahead[user_id] = bool(dates_ahead)
            circumstances[user_id] = parse_circumstances(stored) if stored else _EMPTY
            if has_dates:
                with_dates[user_id] = local_today[user_id]
            if has_followups:
                with_followups[user_id] = local_today[user_id]
    dates = await ImportantDateRepository(db).around(with_dates) if with_dates else {}
    followups = await FollowupRepository(db).due_for(with_followups) if with_followups else {}
    return {
        user_id: PersonalInputs(
            local_today=today,
            dates=tuple(dates.get(user_id, ())),
            followups=tuple(followups.get(user_id, ())),
            ahead_setting=ahead.get(user_id, True),
            circumstances=circumstances.get(user_id, _EMPTY),
        )
        for user_id, today in local_today.items()
    }
