"""Pure, typed rules of Tend. Nothing in this package imports Telegram or touches the database."""
