"""Pausing, snoozing and answering check-ins: the words, and reading ``/pause N``."""

from __future__ import annotations

from enum import StrEnum

SNOOZE_CHOICES = (1, 3)
"""The check-in's snooze buttons, in days."""

NOT_SET_UP = "Let's set up your check-ins first: send /start. It takes a minute."
PAUSED_FOREVER = (
    "Check-ins are paused. Send /resume whenever you'd like them back; "
    "you can still log a connection any time with /log."
)
PAUSED_FOR = "Check-ins are paused for {days}. {next} /resume brings them back sooner."
SNOOZED = "Snoozed for {days}. {next} /resume brings them back sooner."
RESUMED = "Welcome back! {next}"
NOT_PAUSED = "Check-ins aren't paused. {next}"
OFF_HINT = " Check-ins are set to off; turn them on in /settings."
NOT_TODAY = "No problem, rest is fine too. {next}"
NO_MORE_IDEAS = "That's every idea I have that fits right now. More tomorrow!"
CHECKIN_POINTER = "/settings changes your check-ins, /pause takes a break, /help lists everything."
"""Said after "That button is out of date." for a check-in button that no longer applies."""


class CheckinAction(StrEnum):
    """What a check-in button does (short values keep callback data small)."""

    NOT_TODAY = "n"
    ANOTHER_IDEA = "a"
    SNOOZE = "s"
    PAUSE = "p"


TOASTS = {CheckinAction.NOT_TODAY: "Okay", CheckinAction.SNOOZE: "Snoozed"}
"""The pressed button's short answer ("Paused" for the rest)."""


def answer_text(action: CheckinAction, days: int, next_sentence: str) -> str:
    """What Not today / Snooze / Pause say, given when the next check-in comes."""
    if action is CheckinAction.NOT_TODAY:
        return NOT_TODAY.format(next=next_sentence)
    if action is CheckinAction.SNOOZE:
        return SNOOZED.format(days=day_span(days), next=next_sentence)
    return PAUSED_FOREVER


def pause_usage(max_days: int) -> str:
    """How /pause is used, when it was used otherwise."""
    return (
        "Send /pause to pause check-ins until you /resume, or /pause 7 to pause for a number of "
        f"days (1 to {max_days})."
    )


def parse_pause_days(args: list[str], max_days: int) -> int | None:
    """/pause's arguments: None (until /resume) or a number of days; ValueError otherwise."""
    if not args:
        return None
    if len(args) == 1 and args[0].isdecimal() and 1 <= int(args[0]) <= max_days:
        return int(args[0])
    raise ValueError("not a number of days /pause takes")


def day_span(days: int) -> str:
    """ "1 day", "3 days"."""
    return "1 day" if days == 1 else f"{days} days"
