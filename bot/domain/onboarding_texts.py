"""What set-up says (onboarding and changing zone or time from /start)."""

from __future__ import annotations

from datetime import timedelta

ABANDONED_AFTER = timedelta(minutes=30)
"""An abandoned "change time zone" must not swallow text typed much later."""

LOCATION_LABEL = "📍 Share my location"

WELCOME = (
    "Hi {name}, I'm Tend. I help you keep up the relationships that keep you well.\n\n"
    "Connection comes in three kinds:\n"
    "• Intimate: {intimate}\n"
    "• Relational: {relational}\n"
    "• Collective: {collective}\n\n"
    "Tell me whom you connected with, and once a day I'll check in, at a time you choose, "
    "with a small idea when one kind has gone quiet."
)
ASK_ZONE = (
    "First, where are you? Send your city (Berlin, New York), a time zone like "
    "Europe/Berlin, or an offset like UTC+2. Or share your location."
)
ZONE_EXAMPLES = (
    "I couldn't find a time zone in “{text}”. Try a city like Berlin or New York, "
    "a zone like Europe/Berlin, or an offset like UTC+2, UTC-5 or +05:30. "
    "You can also share your location."
)
ASK_TIME = (
    "Time zone: {zone} (it's {local_now} there now).\n\n"
    "When should I check in each day? Tap a time or type one, like 19:30 or 7pm."
)
ONE_QUESTION_LEFT = "Welcome back, {name}. One question left. "
TIME_EXAMPLES = (
    "I couldn't read “{text}” as a time of day. Type it like 19:30, 7pm or 7:15 am, "
    "or tap one of the times."
)
DONE = (
    "All set. I'll check in every day at {time}, {zone} time.\n\n"
    "To log your first connection, send /log, or just tell me, like “called Mum”. "
    "A two-line message counts. /help lists everything."
)
TIME_CHANGED = "Done: I'll check in every day at {time}, {zone} time."
ZONE_CHANGED = (
    "Done: your time zone is now {zone} (it's {local_now} there). "
    "Check-ins stay at {time} your time."
)
WELCOME_BACK = (
    "Welcome back, {name}. Everything you've logged is still here.\n"
    "Check-ins come at {time}, {zone} time. Want to change something?"
)
LOCATION_FAILED = (
    "I couldn't tell the time zone from that location. Type your city instead, like Berlin."
)
DATA_GONE = (
    "Your Tend data was deleted, so there's nothing to attach that to. Send /start to begin again."
)
STOPPED = "Okay, stopped. Anything you already answered is saved; send /start to pick up again."
STALE_TIME = "Send /start to set your check-in time."

HINT_ZONE = "We're setting up: send your city or time zone to carry on."
HINT_TIME = "We're setting up: send a time like 19:30 to carry on."
HINT_CHANGE_ZONE = "Send your city or time zone to change it, or /cancel."
HINT_CHANGE_TIME = "Send a time like 19:30 to change your check-in time, or /cancel."
