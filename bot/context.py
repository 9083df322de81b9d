"""A typed CallbackContext so handlers reach their dependencies without dictionary lookups."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services

SERVICES_KEY = "services"


class TendContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with ``services``."""

    @property
    def services(self) -> Services:
        """The shared Services built in ``bot.app``."""
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services


TendApplication = Application[
    ExtBot[Any], TendContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]


def services_of(application: TendApplication) -> Services:
    """Services from an Application (for post_init, jobs and tests)."""
    services: Services = application.bot_data[SERVICES_KEY]
    return services
