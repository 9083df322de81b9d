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
from storage.about_you import CircumstanceRepository
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
        return lead_for_today(
            self.dates, self.followups, self.local_today, ahead_setting=self.ahead_setting
        )


async def personal_inputs(
    db: Database, local_today: Mapping[int, date]
) -> dict[int, PersonalInputs]:
    """``local_today`` maps user id -> local date; every user asked gets an entry."""
    dates = await ImportantDateRepository(db).around(local_today)
    followups = await FollowupRepository(db).due_for(local_today)
    ahead = await ImportantDateRepository(db).ahead_setting(local_today)
    circumstances = await CircumstanceRepository(db).many(local_today)
    return {
        user_id: PersonalInputs(
            local_today=today,
            dates=tuple(dates[user_id]),
            followups=tuple(followups[user_id]),
            ahead_setting=ahead.get(user_id, True),
            circumstances=circumstances.get(user_id, frozenset()),
        )
        for user_id, today in local_today.items()
    }
