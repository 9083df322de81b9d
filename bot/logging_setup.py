"""Logging that is useful to operators and says nothing private."""

from __future__ import annotations

import logging

from pydantic import SecretStr


class _RedactSecrets(logging.Filter):
    """Last line of defence: replace the token wherever a log line would carry it."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            for secret in self._secrets:
                message = message.replace(secret, "[redacted]")
            record.msg, record.args = message, None
        return True


OWN_LOGGERS = ("bot", "handlers", "storage", "bench", "__main__")
"""Loggers whose every line we wrote and reviewed for privacy."""


class _LibraryDetailFilter(logging.Filter):
    """Drop libraries' DEBUG lines: they carry SQL parameters (aiosqlite), request payloads
    (PTB, httpx) and other user text. A denylist of chatty loggers misses the next library;
    this holds for every library, at every level Tend is run at."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO:
            return True
        return record.name.split(".", 1)[0] in OWN_LOGGERS


def configure_logging(level: int, token: SecretStr) -> None:
    """Root logging at ``level``; chatty libraries that would log URLs or payloads held back."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_LibraryDetailFilter())
    handler.addFilter(_RedactSecrets([token.get_secret_value()]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # PTB logs request parameters (message text) at DEBUG; never let that through.
    logging.getLogger("telegram").setLevel(max(level, logging.INFO))
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # aiosqlite logs every statement with its parameters (names, notes) at DEBUG.
    logging.getLogger("aiosqlite").setLevel(max(level, logging.INFO))
