"""What /settings says."""

from __future__ import annotations

from bot.domain.checkin import CheckinFrequency

FREQUENCY_WORDS = {
    CheckinFrequency.DAILY: "every day",
    CheckinFrequency.WHEN_QUIET: "only when something has gone quiet",
    CheckinFrequency.OFF: "off",
}
FREQUENCY_LABELS = {
    CheckinFrequency.DAILY: "Every day",
    CheckinFrequency.WHEN_QUIET: "Only when something's quiet",
    CheckinFrequency.OFF: "Off",
}
FRESH_MENU = "Send /settings for a fresh menu."
NOT_SET_UP = "Let's set up your check-ins first: send /start. It takes a minute."
BAD_TIME = "I couldn't read “{text}” as a time. Type it like 19:30, 7pm or 7:15 am."
ASK_ZONE = (
    "Which time zone? Send your city (Berlin, New York), a zone like Europe/Berlin, or UTC+2."
)
BAD_ZONE = (
    "I couldn't find a time zone in “{text}”. Try a city like Berlin or a zone like Asia/Tokyo."
)
ASK_QUIET = (
    "{label} ({examples}): after how many days without it should I nudge you? "
    "Tap a number or type one from 1 to 365."
)
BAD_QUIET = "Please send a whole number of days from 1 to 365, like 7."
ASK_FREQUENCY = "How often should I check in? Now: {current}."
ASK_QUIET_KIND = (
    "A kind of connection counts as quiet after this many days without it. "
    "Which one would you like to change?"
)
INTERESTS_INTRO = (
    "Tap the things you enjoy, and ideas will lean towards them. Tap again to remove one."
)
TIME_DONE = "Done: check-ins now come at {time} your time. {next}"
ZONE_DONE = "Done: your time zone is now {zone} (it's {local_now} there). {next}"
FREQUENCY_OFF = "Done: check-ins are off. Turn them back on here in /settings whenever you like."
FREQUENCY_DONE = "Done: I'll check in {words}. {next}"
WHEN_QUIET_NOTE = " (If nothing has gone quiet that day, I'll stay quiet too.)"
QUIET_DONE = (
    "Done: {kind} connection counts as quiet after {days} day{plural} without it, "
    "from your next check-in."
)
INTERESTS_DONE = (
    "Saved: your interests are {interests}. Ideas will lean that way from your next check-in."
)
NO_INTERESTS = "Saved: no particular interests, so ideas will come from everything."
NOTHING_CHANGED = "Okay, nothing changed. /settings shows everything again."

HINT_TIME = "Send a time like 19:30 to change your check-in time, or /cancel."
HINT_ZONE = "Send your city or time zone to change it, or /cancel."
HINT_QUIET = "Send a number of days from 1 to 365, or /cancel."
