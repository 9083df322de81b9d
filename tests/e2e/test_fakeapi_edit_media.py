"""The fake Bot API's editMessageMedia, driven by PTB's own Bot over real HTTP: it accepts what
Telegram accepts and refuses, in Telegram's words, what Telegram refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Message
from telegram.error import BadRequest

from tests.rig import TEST_TOKEN, BotRig

CHAT = 1001
WEEK_PNG = b"\x89PNG\r\n\x1a\n week"
MONTH_PNG = b"\x89PNG\r\n\x1a\n month"
BUTTONS = InlineKeyboardMarkup([[InlineKeyboardButton("Month", callback_data="sm:month:-")]])


@pytest.fixture
async def telegram_bot(rig: BotRig) -> AsyncIterator[Bot]:
    """A plain PTB Bot pointed at the fake server, with Ada's chat open."""
    rig.user(CHAT, "Ada")
    async with Bot(TEST_TOKEN, base_url=rig.api.base_url) as bot:
        yield bot


async def send_week(bot: Bot) -> Message:
    return await bot.send_photo(
        CHAT, photo=WEEK_PNG, caption="Your week", filename="w.png", reply_markup=BUTTONS
    )


async def test_an_uploaded_photo_replaces_the_file_caption_and_buttons(
    rig: BotRig, telegram_bot: Bot
) -> None:
    week = await send_week(telegram_bot)
    media = InputMediaPhoto(MONTH_PNG, caption="Your month", filename="m.png")
    edited = await telegram_bot.edit_message_media(
        media=media, chat_id=CHAT, message_id=week.message_id, reply_markup=BUTTONS
    )
    assert isinstance(edited, Message)
    assert edited.message_id == week.message_id and edited.caption == "Your month"
    assert edited.photo[-1].file_id != week.photo[-1].file_id  # a new file, a new id
    assert edited.reply_markup == BUTTONS and edited.edit_date is not None
    stored = rig.api.messages[(CHAT, week.message_id)]
    assert stored.file == MONTH_PNG and stored.edits == 1
    (call,) = rig.api.calls_of("editMessageMedia")
    assert call.params["media"]["media"].startswith("attach://")

    # No reply_markup: Telegram takes the buttons away.
    media = InputMediaPhoto(WEEK_PNG, caption="Your week", filename="w.png")
    await telegram_bot.edit_message_media(media=media, chat_id=CHAT, message_id=week.message_id)
    assert not stored.buttons and stored.file == WEEK_PNG


async def test_a_file_id_names_a_photo_sent_before(rig: BotRig, telegram_bot: Bot) -> None:
    week = await send_week(telegram_bot)
    month = await telegram_bot.send_photo(CHAT, photo=MONTH_PNG, filename="m.png")
    edited = await telegram_bot.edit_message_media(
        media=InputMediaPhoto(month.photo[-1].file_id, caption="Your month"),
        chat_id=CHAT,
        message_id=week.message_id,
    )
    assert isinstance(edited, Message) and edited.caption == "Your month"
    assert rig.api.messages[(CHAT, week.message_id)].file == MONTH_PNG
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await telegram_bot.edit_message_media(
            media=InputMediaPhoto("no-such-file"), chat_id=CHAT, message_id=week.message_id
        )


async def test_media_can_be_added_to_a_text_message(rig: BotRig, telegram_bot: Bot) -> None:
    text = await telegram_bot.send_message(CHAT, "Your week in words")
    edited = await telegram_bot.edit_message_media(
        media=InputMediaPhoto(WEEK_PNG, caption="Your week", filename="w.png"),
        chat_id=CHAT,
        message_id=text.message_id,
    )
    assert isinstance(edited, Message) and edited.photo and edited.caption == "Your week"
    assert edited.text is None


async def test_what_telegram_refuses(rig: BotRig, telegram_bot: Bot) -> None:
    week = await send_week(telegram_bot)
    stored = rig.api.messages[(CHAT, week.message_id)]

    too_long = InputMediaPhoto(MONTH_PNG, caption="x" * 1025, filename="m.png")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await telegram_bot.edit_message_media(
            media=too_long, chat_id=CHAT, message_id=week.message_id
        )
    emoji = InputMediaPhoto(MONTH_PNG, caption="🙂" * 513, filename="m.png")  # 1,026 units
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await telegram_bot.edit_message_media(media=emoji, chat_id=CHAT, message_id=week.message_id)
    assert stored.text == "Your week" and stored.file == WEEK_PNG

    same = InputMediaPhoto(week.photo[-1].file_id, caption="Your week")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified: specified new message"):
        await telegram_bot.edit_message_media(
            media=same, chat_id=CHAT, message_id=week.message_id, reply_markup=BUTTONS
        )

    fits = InputMediaPhoto(MONTH_PNG, caption="x" * 1024, filename="m.png")
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await telegram_bot.edit_message_media(media=fits, chat_id=CHAT, message_id=999)

    not_a_picture = InputMediaPhoto(b"GIF89a", caption="Your month", filename="m.gif")
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await telegram_bot.edit_message_media(
            media=not_a_picture, chat_id=CHAT, message_id=week.message_id
        )

    rig.api.make_uneditable(CHAT, week.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await telegram_bot.edit_message_media(media=fits, chat_id=CHAT, message_id=week.message_id)
    assert stored.text == "Your week" and stored.edits == 0
    await telegram_bot.edit_message_media(
        media=fits, chat_id=CHAT, message_id=(await send_week(telegram_bot)).message_id
    )  # exactly 1,024 characters is allowed
