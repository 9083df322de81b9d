"""The composition root: builds the Application, owns start-up and shutdown."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

import httpx
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults
from telegram.request import HTTPXRequest

import handlers
from bot.charts import start_chart_worker_soon
from bot.clock import Clock, SystemClock
from bot.context import SERVICES_KEY, TendApplication, TendContext, services_of
from bot.domain import crisis_lines, distress
from bot.domain.suggestions import load_catalogue
from bot.domain.summary import SummaryPeriod
from bot.scheduling import (
    CheckinSource,
    DigestButtons,
    DigestSource,
    PriorityRateLimiter,
    Sweeper,
    sweeper_of,
)
from bot.scheduling.sweep import SWEEPER_KEY
from bot.services import Services
from bot.settings import Settings
from bot.update_processor import PerUserUpdateProcessor
from handlers.checkins import checkin_keyboard
from handlers.summary import log_keyboard, summary_keyboard
from storage.database import Database

if TYPE_CHECKING:
    from bot.webhook import WebhookReceiver

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


def build_application(settings: Settings, *, clock: Clock | None = None) -> TendApplication:
    """Wire settings, storage and handlers into a ready-to-run Application."""
    crisis_lines.validate()  # a bad crisis-line entry stops the bot now, not on someone's worst day
    services = Services(
        settings=settings,
        clock=clock or SystemClock(),
        db=Database(settings.database_path),
        catalogue=load_catalogue(),
    )
    sends, updates = _requests()
    application: TendApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .context_types(ContextTypes(context=TendContext))
        .defaults(Defaults(disable_notification=False))
        .concurrent_updates(PerUserUpdateProcessor(64))
        .rate_limiter(PriorityRateLimiter())
        .request(sends)
        .get_updates_request(updates)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[SWEEPER_KEY] = _sweeper(application)
    handlers.register(application)
    return application


READ_TIMEOUT_SECONDS = 5.0
"""How long a request waits for Telegram's answer. A scheduled send that times out after its
request was written is never resent (it may have arrived), so this is PTB's default, not less."""


def _requests() -> tuple[HTTPXRequest, HTTPXRequest]:
    """PTB's two default requests (sends; getUpdates), sharing one TLS context: each context
    loads the whole CA bundle, ~30 ms and ~1 MB at start-up. Settings are ApplicationBuilder's."""
    tls = httpx.create_ssl_context()  # what httpx builds by default (honours SSL_CERT_FILE)
    sends = HTTPXRequest(
        connection_pool_size=256, read_timeout=READ_TIMEOUT_SECONDS, httpx_kwargs={"verify": tls}
    )
    updates = HTTPXRequest(connection_pool_size=1, httpx_kwargs={"verify": tls})
    return sends, updates


def _sweeper(application: TendApplication) -> Sweeper:
    """Check-ins and weekly digests share one pool of workers and take turns."""
    digest_buttons = DigestButtons(
        summary=lambda chart: summary_keyboard(SummaryPeriod.WEEK, chart), empty=log_keyboard
    )
    return Sweeper(
        application,
        [CheckinSource(application, checkin_keyboard), DigestSource(application, digest_buttons)],
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


def _warm_distress_screen() -> None:
    """Compile the distress screen once the bot is receiving, not before: it would add ~0.2 s
    to start-up. A message that comes sooner waits for it (classify takes the same lock)."""
    threading.Thread(target=distress.warm_up, name="distress-warm-up", daemon=True).start()


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
            # Imported here: aiohttp costs ~10 MB and ~0.1 s, and most bots poll.
            from bot.webhook import WebhookReceiver

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
        _warm_distress_screen()
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
