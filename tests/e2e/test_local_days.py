"""Issue #11 item 16: a day without a time is kept and shown as that local day."""

from __future__ import annotations

import csv
import io

from tests.e2e.log_support import add_contact
from tests.helpers import onboard, query
from tests.rig import BotRig


async def test_a_backdated_log_has_no_invented_time(bot: BotRig) -> None:
    user = bot.user(4401, "Nia")
    await onboard(user, zone="New York")
    user.skip_to_end()
    add_contact(bot.db_path, 4401, "Sam")
    await user.send("/log Sam call yesterday")
    await user.expect("Saved: call with Sam yesterday.")
    await user.send("/log Sam video today")
    await user.expect("Saved: video call with Sam today.")
    rows = query(bot.db_path, "SELECT day_only FROM interactions WHERE user_id = 4401 ORDER BY id")
    assert [row["day_only"] for row in rows] == [1, 0]
    await user.send("/export")
    spreadsheet = None
    for _ in range(6):
        message = await user.next_message()
        if (message.filename or "").endswith(".csv"):
            spreadsheet = message
            break
    assert spreadsheet is not None and spreadsheet.file is not None
    lines = list(csv.reader(io.StringIO(spreadsheet.file.decode("utf-8-sig"))))
    assert lines[0][1] == "Time (America/New_York)"
    yesterday, today = lines[1], lines[2]
    assert yesterday[1] == "", "no invented 12:00 (or 07:00) for a day-only log"
    assert today[1] != ""
