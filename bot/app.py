"""The composition root: builds the Application, owns start-up and shutdown."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, Defaults

import handlers
from bot import digest
from bot.charts import start_chart_worker_soon
from bot.clock import Clock, SystemClock
from bot.context import SERVICES_KEY, TendApplication, TendContext, services_of
from bot.domain import crisis_lines
from bot.domain.suggestions import load_catalogue
from bot.logging_setup import downgrade_rate_limit_give_up
from bot.scheduling.sweep import SWEEPER_KEY, CheckinSweeper, sweeper_of
from bot.services import Services
from bot.settings import Settings
from bot.update_processor import PerUserUpdateProcessor
from bot.webhook import WebhookReceiver
from handlers.checkins import checkin_keyboard
from storage.checkins import CheckinRepository
from storage.conversations import ConversationRepository
from storage.database import Database
from storage.suggestion_history import SuggestionHistory
from storage.users import UserRepository

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


def build_application(settings: Settings, *, clock: Clock | None = None) -> TendApplication:
    """Wire settings, storage and handlers into a ready-to-run Application."""
    db = Database(settings.database_path)
    crisis_lines.validate()  # a bad crisis-line entry stops the bot now, not on someone's worst day
    services = Services(
        settings=settings,
        clock=clock or SystemClock(),
        db=db,
        users=UserRepository(db),
        catalogue=load_catalogue(),
        checkins=CheckinRepository(db),
        suggestion_history=SuggestionHistory(db),
        conversations=ConversationRepository(db),
    )
    application: TendApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .context_types(ContextTypes(context=TendContext))
        .defaults(Defaults(disable_notification=False))
        .concurrent_updates(PerUserUpdateProcessor(64))
        .rate_limiter(_rate_limiter())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[SWEEPER_KEY] = CheckinSweeper(application, checkin_keyboard)
    digest.install()
    handlers.register(application)
    return application


MESSAGES_PER_SECOND = 29.5
"""Just under Telegram's ~30 messages/s overall, evenly spaced (a bucket of one never bursts);
the half-message margin absorbs network jitter that would otherwise earn a 429 and a pause."""


def _rate_limiter() -> AIORateLimiter:
    """Space sends evenly rather than in bursts of 30 (bursts earn 429s and a global pause)."""
    downgrade_rate_limit_give_up()
    return AIORateLimiter(
        overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND, max_retries=5
    )


async def _post_init(application: TendApplication) -> None:
    """Open storage before the first update and publish the command menu."""
    services = services_of(application)
    await services.db.open()
    try:
        await application.bot.set_my_commands(handlers.command_menu())
    except TelegramError as error:
        # The menu is a convenience; a Bot API server without it must not stop the bot.
        log.warning("Could not publish the command menu (%s); /help still lists it", error)
    await sweeper_of(application).start()  # recovers from any crash, first tick at once
    start_chart_worker_soon()  # warm in its own process before the first /summary
    log.info("Tend is ready (database %s)", services.db.path.name)


async def _post_shutdown(application: TendApplication) -> None:
    """Close storage after the last update has been handled."""
    await services_of(application).db.close()


async def run(application: TendApplication, settings: Settings, stop: asyncio.Event) -> None:
    """Run until ``stop`` is set: polling by default, a webhook when WEBHOOK_URL is set.

    This mirrors ``Application.run_polling`` but lets tests and the console own the event loop
    and the stop signal, so they exercise exactly the production start-up and shutdown.
    """
    await application.initialize()
    receiver: WebhookReceiver | None = None
    try:
        if application.post_init is not None:
            await application.post_init(application)
        updater = application.updater
        assert updater is not None
        if settings.webhook_url is None:
            await updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
        else:
            secret = settings.webhook_secret_token
            assert secret is not None  # settings refuse a webhook without one
            receiver = WebhookReceiver(
                application, settings.webhook_path, secret.get_secret_value()
            )
            await receiver.start(settings.webhook_listen, settings.webhook_port)
            await application.bot.set_webhook(
                url=settings.webhook_url,
                secret_token=secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
        await application.start()
        await stop.wait()
        log.info("Stopping: no new updates; finishing the ones in flight")
        if updater.running:
            await updater.stop()
        if application.job_queue is not None and application.job_queue.scheduler.running:
            # No new job starts from here on; Application.stop() waits for the running ones.
            # Otherwise a tick that starts during shutdown is cancelled and logged as an error.
            application.job_queue.scheduler.pause()
        if application.running:
            await application.stop()
    finally:
        if receiver is not None:
            await receiver.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
    # Only here, after a start-up that worked: a failed start must not read as a clean stop.
    log.info("Tend stopped cleanly")
