"""Configuration read once, validated, and handed to the parts that need it."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """A configuration problem explained in one line that names the variable and the fix."""


class Settings(BaseSettings):
    """Every knob Tend has; names are a contract with deploy scripts and other tools."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    telegram_bot_token: SecretStr
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    database_path: Path = Path("data/tend.sqlite3")
    sweep_interval_seconds: float = Field(default=60.0, gt=0, le=3600)
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_present(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        if not token or any(ch.isspace() for ch in token):
            raise ValueError("must be a non-empty token without spaces")
        return SecretStr(token)

    @field_validator("telegram_base_url", "telegram_base_file_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        _require_http_url(value)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _optional_https_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        _require_http_url(value)
        return value.strip()

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in _LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)}")
        return level

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url is None:
            return self
        secret = self.webhook_secret_token
        if secret is None or not secret.get_secret_value():
            raise ValueError("WEBHOOK_SECRET_TOKEN is required when WEBHOOK_URL is set")
        if not _SECRET_TOKEN_RE.match(secret.get_secret_value()):
            raise ValueError(
                "WEBHOOK_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            )
        return self

    @property
    def webhook_path(self) -> str:
        """The local path the webhook server listens on, taken from WEBHOOK_URL."""
        if self.webhook_url is None:
            return ""
        return urlsplit(self.webhook_url).path.strip("/")

    @property
    def logging_level(self) -> int:
        """The numeric level for the logging module."""
        return int(getattr(logging, self.log_level))


def _require_http_url(value: str) -> None:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// URL with a host")


_FIELD_HINTS = {
    "telegram_bot_token": (
        "TELEGRAM_BOT_TOKEN is missing. Ask @BotFather in Telegram for a bot token, then put "
        "TELEGRAM_BOT_TOKEN=<token> in .env (copy .env.example to start)."
    ),
}


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and .env, turning any problem into one clear line."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(_explain(error)) from None
    _check_database_folder(settings.database_path)
    return settings


def _explain(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    if field == "telegram_bot_token" and first["type"] == "missing":
        return _FIELD_HINTS["telegram_bot_token"]
    message = str(first["msg"]).removeprefix("Value error, ")
    if not field:
        return f"Configuration problem: {message}. Fix it in .env (see .env.example)."
    variable = field.upper()
    return f"{variable} {message}. Fix it in .env or the environment (see .env.example)."


def _check_database_folder(path: Path) -> None:
    folder = path.expanduser().resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            f"DATABASE_PATH folder {folder} cannot be created ({error.strerror}). "
            "Point DATABASE_PATH at a writable place."
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(
            f"DATABASE_PATH folder {folder} is not writable. Point DATABASE_PATH at a writable "
            "place or fix the folder's permissions."
        )
