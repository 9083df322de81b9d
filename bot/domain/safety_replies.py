"""What Tend says when someone's words show they are struggling or in crisis. Plain text.

Written against published safe-messaging guidance (cited in the README): answer at once and
warmly; say it was heard; say they deserve support; give a concrete way to reach a person now
(their country's line and emergency number, or findahelpline.com); keep it short. Never
diagnose, argue, judge or minimise ("calm down", "cheer up"); never promise confidentiality
(Tend stores the level and time of a signal, see /privacy); never suggest Tend is a crisis
service. Numbers go in as digits so Telegram makes them tappable.
"""

from __future__ import annotations

from bot.domain.crisis_lines import FINDAHELPLINE_URL, CrisisLines, HelpLine

SUPPORT_COMMAND = "/support"
TALK_NOW_BUTTON = "Talk to someone now"
SAFE_BUTTON = "I'm safe, thanks"

_FINDAHELPLINE = FINDAHELPLINE_URL.removeprefix("https://")
_DEFAULT_SMALL_IDEA = (
    "sit for ten minutes somewhere with people around, like a café, a library or a park bench. "
    "Being near others counts, even without talking."
)


def _line(line: HelpLine) -> str:
    ways = []
    if line.phone:
        ways.append(f"call {line.phone}")
    if line.text:
        ways.append(line.text)
    return f"• {line.service}: {' or '.join(ways)}"


def _numbers(lines: CrisisLines) -> str:
    """The lines and the emergency number, or the worldwide directory when unknown."""
    if lines.country is None:
        return (
            f"• {_FINDAHELPLINE} lists free helplines in your country, by phone, text or chat.\n"
            "If you or someone else is in danger right now, call your local emergency number."
        )
    rows = [_line(line) for line in lines.country.lines]
    rows.append(f"If you or someone else is in danger right now, call {lines.country.emergency}.")
    return "\n".join(rows)


def crisis_reply(lines: CrisisLines, on_hold: str | None = None) -> str:
    """The first answer to a crisis signal, sent before anything else the message would do.

    `on_hold` is one sentence from the integrator about the conversation that was in progress
    ("Your log of Sam is on hold."); None when there was none.
    """
    parts = [
        "I'm really glad you told me. That sounds so painful, and you deserve support right now.",
        "Please reach out to someone who can talk with you now:\n" + _numbers(lines),
        "I'm only a bot, but the people on these lines are there for exactly this.",
    ]
    if on_hold:
        parts.append(on_hold)
    return "\n\n".join(parts)


def talk_now_text(lines: CrisisLines) -> str:
    """After *Talk to someone now*: the numbers again, and permission to start simply."""
    return "\n\n".join(
        [
            "Here is who you can talk to now:\n" + _numbers(lines),
            "You don't need the right words. \"I'm not okay\" is enough to start.",
        ]
    )


def safe_closing_text() -> str:
    """After *I'm safe, thanks*: a kind close that leaves the door open."""
    return (
        "Thank you for letting me know. I'm glad you're safe right now. "
        f"The numbers are in {SUPPORT_COMMAND} whenever you want them."
    )


def struggling_reply(name: str | None = None, idea: str | None = None) -> str:
    """A warm answer to loneliness or low mood: one sentence that hears it, one tiny step.

    The step names `name` (one of their people, e.g. the most overdue) with a two-line opener;
    with no one on their list it is `idea` (a low-effort collective idea, ending with a full
    stop) or a default. Always points to /support.
    """
    heard = "I'm sorry it feels this heavy right now, and I'm glad you said it."
    if name:
        step = (
            f"One very small step, only if it feels right: a two-line message to {name} counts. "
            f'Something like:\n\n"Hi {name}, you came to mind today.\n'
            'How are things with you?"'
        )
    else:
        step = f"One very small step, only if it feels right: {idea or _DEFAULT_SMALL_IDEA}"
    pointer = f"If it's more than a rough moment, {SUPPORT_COMMAND} has people you can talk to."
    return "\n\n".join([heard, step, pointer])


_GENERAL_ADVICE = """Talking with someone trained can help, whatever is going on.

• Your GP or family doctor is a good first step. They can listen and point you to support near you.
• A local helpline lets you talk to someone today, often free and anonymous. findahelpline.com lists services by country.
• A counsellor or therapist can help with loneliness, low mood or anything else that's weighing on you."""  # noqa: E501
"""Today's /support advice (bot/domain/checkin.py SUPPORT_TEXT), minus its emergency examples."""


def support_text(lines: CrisisLines) -> str:
    """/support: the user's country lines first, then the general advice."""
    if lines.country is not None:
        first = f"If you need to talk to someone now, in {lines.country.name}:\n" + _numbers(lines)
    else:
        first = "If you need to talk to someone now:\n" + _numbers(lines)
    closing = (
        "Tend is a reminder bot, not a crisis service, and it can't respond in an emergency. "
        f"You can come back to this any time with {SUPPORT_COMMAND}."
    )
    return "\n\n".join([first, _GENERAL_ADVICE, closing])


SUPPORT_POINTER = (
    "If something heavier is on your mind, /support has people you can talk to, any time."
)
"""Added wherever Tend answers free text it did not understand: the classifier misses some
fresh wording, and a person in distress should still meet a way to help."""


SUPPORT_TOO = "If something heavier is on your mind, /support is there too."
"""The short form, after a question Tend asks again ("I didn't catch that. Tap one...")."""


def kept_sentence(whom: str | None = None) -> str:
    """One sentence saying the conversation in progress is saved (`whom` names a log's people:
    " with Sam"; None for any other conversation)."""
    if whom is not None:
        return f"Your log{whom} is still here when you want it."
    return "What we were in the middle of is saved for when you want it."


PRIVACY_SENTENCE = (
    "When something you write sounds like you're having a hard time, Tend answers with places "
    "to find support and keeps only that it happened and when, never your words, so check-ins "
    "can go gently for a week. /export shows it and /delete removes it."
)
"""For /privacy: what the safety feature stores."""


__all__ = [
    "PRIVACY_SENTENCE",
    "SAFE_BUTTON",
    "SUPPORT_COMMAND",
    "SUPPORT_POINTER",
    "SUPPORT_TOO",
    "TALK_NOW_BUTTON",
    "crisis_reply",
    "kept_sentence",
    "safe_closing_text",
    "struggling_reply",
    "support_text",
    "talk_now_text",
]
