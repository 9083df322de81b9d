"""Tend: a Telegram bot that helps people keep up the relationships that keep them well."""
