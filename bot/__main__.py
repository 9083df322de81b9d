"""Command line: ``python -m bot`` (or ``tend``) runs the bot."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Sequence

from bot.settings import ConfigError, Settings, load_settings

EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tend",
        description=(
            "Tend: a Telegram bot that helps you keep up the relationships that keep you well. "
            "Settings come from the environment and a .env file (see .env.example); "
            "the environment wins."
        ),
        epilog=(
            "Long polling by default; webhook mode when WEBHOOK_URL is set "
            "(with WEBHOOK_SECRET_TOKEN, WEBHOOK_LISTEN, WEBHOOK_PORT)."
        ),
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run"],
        help="run: start the bot (default)",
    )
    parser.add_argument("--env-file", default=".env", help="settings file to read (default: .env)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, validate settings, run until SIGTERM or Ctrl-C."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(_env_file=args.env_file)
    except ConfigError as error:
        print(f"tend: {error}", file=sys.stderr)
        return EXIT_CONFIG
    return asyncio.run(_serve(settings))


async def _serve(settings: Settings) -> int:
    from bot.app import build_application, run
    from bot.logging_setup import configure_logging
    from storage.migrate import MigrationError

    configure_logging(settings.logging_level, settings.telegram_bot_token)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await run(build_application(settings), settings, stop)
    except MigrationError as error:
        print(f"tend: DATABASE_PATH {error}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


if __name__ == "__main__":
    sys.exit(main())
