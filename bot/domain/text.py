"""Small text helpers shared by every reply that quotes the user back."""

from __future__ import annotations


def shorten(text: str, limit: int = 40) -> str:
    """Typed text quoted back: one line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
