"""/help and /cancel when no conversation is open (``handlers.text_input`` decides which)."""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update

from bot.context import TendContext
from handlers import flows

HELP_INTRO = "Tend helps you keep up the relationships that keep you well. Here's what I can do:"


def help_text(menu: list[tuple[str, str]]) -> str:
    """One line per command, from the same list Telegram's menu shows."""
    lines = [HELP_INTRO, ""]
    lines += [f"/{name} — {description}" for name, description in menu]
    return "\n".join(lines)


async def show_help(update: Update, context: TendContext, hint: str | None) -> None:
    """List the commands; mid-conversation, ``hint`` says how to carry on."""
    from handlers import menu_entries

    message = update.effective_message
    assert message is not None
    text = help_text(menu_entries())
    if hint:
        text += f"\n\n{hint}"
    await message.reply_text(text)


async def cancel_nothing(update: Update, context: TendContext) -> None:
    """/cancel when no conversation is open."""
    message = update.effective_message
    assert message is not None
    flows.leave(context)
    await message.reply_text(
        "There's nothing to cancel right now. /help lists what I can do.",
        reply_markup=ReplyKeyboardRemove(),
    )
