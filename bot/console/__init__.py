"""Try Tend without Telegram: the real bot, in a terminal chat (``python -m bot console``)."""
