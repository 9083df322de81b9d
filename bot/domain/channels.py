"""How a connection happened: in person, a call, a video call or a message."""

from __future__ import annotations

import re
from enum import StrEnum


class Channel(StrEnum):
    """The way two people connected; the value is what the database stores."""

    IN_PERSON = "in_person"
    CALL = "call"
    VIDEO = "video"
    MESSAGE = "message"

    @property
    def label(self) -> str:
        """Button text."""
        return _LABELS[self]


_LABELS = {
    Channel.IN_PERSON: "In person",
    Channel.CALL: "Call",
    Channel.VIDEO: "Video",
    Channel.MESSAGE: "Message",
}

# Everyday words for each channel. Ambiguous ones ("talked", "spoke", "caught up") are left out
# on purpose: guessing wrong is worse than asking.
_SYNONYMS: dict[Channel, tuple[str, ...]] = {
    Channel.IN_PERSON: (
        "in person", "in-person", "irl", "face to face", "f2f", "met", "meet", "met up",
        "meetup", "saw", "see", "seen", "visit", "visited", "visiting", "hang out", "hung out",
        "hangout", "together", "coffee", "coffees", "tea", "dinner", "lunch", "breakfast",
        "brunch", "drinks", "drink", "beer", "beers", "pint", "pints", "meal", "walk", "walked",
        "walking", "hike", "hiked", "run", "ran", "gym", "party", "date", "hug", "hugged",
        "cinema", "movie", "movies", "film", "concert", "gig", "game", "games", "cooked",
        "picnic", "swim",
    ),
    Channel.CALL: (
        "call", "called", "calling", "phone", "phoned", "phone call", "rang", "ring", "rung",
        "voice call", "telephone", "on the phone", "audio call",
    ),
    Channel.VIDEO: (
        "video", "video call", "video called", "videocall", "vc", "facetime", "facetimed",
        "zoom", "zoomed", "skype", "skyped", "teams", "google meet", "webcam",
    ),
    Channel.MESSAGE: (
        "message", "messaged", "messages", "messaging", "msg", "text", "texted", "texting",
        "texts", "sms", "chat", "chatted", "dm", "dms", "dmed", "dm'd", "whatsapp",
        "whatsapped", "telegram", "signal", "email", "emailed", "mail", "letter", "wrote",
        "card", "postcard", "voice note", "voice message", "voice memo",
    ),
}  # fmt: skip

_LOOKUP: dict[str, Channel] = {
    phrase: channel for channel, phrases in _SYNONYMS.items() for phrase in phrases
}

MAX_CHANNEL_WORDS = max(len(phrase.split()) for phrase in _LOOKUP)
"""Longest synonym in words, so a scanner knows how far to look ahead."""

_EDGE_PUNCTUATION = ' .,!?;:"()[]'
_SPACES = re.compile(r"\s+")


def parse_channel(word: str) -> Channel | None:
    """Read a word or short phrase ("phone", "Video call", "coffee") as a channel, else None.

    Accepts a button label or the stored value too, case- and space-insensitively.
    """
    text = _SPACES.sub(" ", word.casefold()).strip(_EDGE_PUNCTUATION).replace("’", "'")
    for channel in Channel:
        if text in (channel.value, channel.label.casefold()):
            return channel
    return _LOOKUP.get(text)
