"""Command line: ``python -m bot`` (or ``tend``) runs the bot."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings

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
            "(with WEBHOOK_SECRET_TOKEN, WEBHOOK_LISTEN, WEBHOOK_PORT). "
            "Try it without a token first: tend console."
        ),
    )
    parser.add_argument("--env-file", default=".env", help="settings file to read (default: .env)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="start the bot (default)", description="Start the bot.")
    # SUPPRESS keeps ``tend --env-file x run`` and ``tend run --env-file x`` both working.
    run.add_argument("--env-file", default=argparse.SUPPRESS, help="settings file to read")
    _add_console(commands)
    return parser


def _add_console(commands: Any) -> None:
    from bot.console.commands import help_lines
    from bot.console.config import DEFAULT_DB

    console = commands.add_parser(
        "console",
        help="try Tend in this terminal: no token, no network",
        description=(
            "Chat with the real Tend in this terminal. The bot talks to a Telegram\n"
            "stand-in running in this process on 127.0.0.1: no token, no .env, no network.\n"
            "Buttons are numbered; photos and documents are saved to files beside the\n"
            "database. Piped input (one line per message) prints a plain transcript."
        ),
        epilog="Console commands:\n"
        + "\n".join(f"  {line}" if line else "" for line in help_lines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    console.add_argument(
        "--db",
        type=Path,
        default=DEFAULT_DB,
        metavar="PATH",
        help=f"the console's own database, kept between runs (default: {DEFAULT_DB})",
    )
    console.add_argument(
        "--fresh", action="store_true", help="start over: delete that database first"
    )
    console.add_argument(
        "--name", help="your first name, as Telegram would tell the bot (default: login name)"
    )
    console.add_argument(
        "--no-open",
        action="store_true",
        help="print the paths of photos and documents but don't open them in a viewer",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, validate settings, run until SIGTERM or Ctrl-C."""
    # Start-up creates ~75,000 objects that live as long as the process (modules, classes,
    # handlers); collecting garbage while they are made finds none and cost ~0.1 s of a 0.7 s
    # start. Collection resumes once the application is built (`_serve`) or on any way out.
    gc.disable()
    try:
        args = _parser().parse_args(argv)
        if args.command == "console":
            gc.enable()
            return _console(args)
        from bot.settings import ConfigError, load_settings

        try:
            settings = load_settings(_env_file=args.env_file)
        except ConfigError as error:
            print(f"tend: {error}", file=sys.stderr)
            return EXIT_CONFIG
        return asyncio.run(_serve(settings))
    finally:
        gc.enable()


def _console(args: argparse.Namespace) -> int:
    """The console owns its own settings: no token, no .env, a local Bot API."""
    from bot.console.cli import default_first_name
    from bot.console.cli import main as console_main
    from bot.console.config import ConsoleOptions

    options = ConsoleOptions(
        db_path=args.db,
        fresh=args.fresh,
        open_files=not args.no_open,
        first_name=(args.name or "").strip() or default_first_name(),
    )
    return console_main(options)


async def _serve(settings: Settings) -> int:
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application, run
    from bot.domain.crisis_lines import CrisisTableError
    from bot.domain.suggestions import CatalogueError
    from bot.logging_setup import configure_logging
    from storage.migrate import MigrationError

    configure_logging(settings.logging_level, settings.telegram_bot_token)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        application = build_application(settings)
    except CatalogueError as error:
        print(f"tend: suggestion catalogue {error}", file=sys.stderr)
        return EXIT_CONFIG
    except CrisisTableError as error:
        print(f"tend: {error}", file=sys.stderr)
        return EXIT_CONFIG
    # What start-up built (modules, classes, handlers: ~75,000 objects) lives as long as the
    # process. Frozen, it is left out of full garbage collections, which otherwise pause the
    # event loop for 50-100 ms each, and the distress warm-up's allocations would set one off.
    gc.freeze()
    gc.enable()
    try:
        await run(application, settings, stop)
    except MigrationError as error:
        print(f"tend: DATABASE_PATH {error}", file=sys.stderr)
        return EXIT_CONFIG
    except sqlite3.DatabaseError as error:
        print(
            f"tend: DATABASE_PATH {settings.database_path} cannot be used as a Tend database "
            f"({error}). Point DATABASE_PATH at another file.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except InvalidToken:
        print(
            "tend: TELEGRAM_BOT_TOKEN was refused by the Bot API. Copy the token from @BotFather "
            "again into .env (see .env.example).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except NetworkError as error:
        print(
            f"tend: cannot reach the Bot API at TELEGRAM_BASE_URL ({type(error).__name__}). "
            "Check the network or the URL, then start again.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
