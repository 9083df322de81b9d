"""What /help says: one line per command, from the same list Telegram's menu shows."""

from __future__ import annotations

HELP_INTRO = "Tend helps you keep up the relationships that keep you well. Here's what I can do:"


def help_text(menu: list[tuple[str, str]], hint: str | None = None) -> str:
    """The command list; mid-conversation, ``hint`` says how to carry on."""
    lines = [HELP_INTRO, "", *(f"/{name} — {description}" for name, description in menu)]
    return "\n".join(lines) + (f"\n\n{hint}" if hint else "")
