"""Catalogue files written by tests: one entry per idea, rendered as TOML."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


def entry(index: int, **fields: Any) -> dict[str, Any]:
    """A valid idea; ``fields`` override or (with None) remove keys."""
    base: dict[str, Any] = {
        "id": f"idea-{index}",
        "text": f"Idea number {index}.",
        "strategy": "reach-out",
        "kinds": ["intimate"],
        "effort": "two minutes",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def to_toml(entries: Sequence[dict[str, Any]]) -> str:
    """JSON strings and string arrays are valid TOML values, which keeps this tiny."""
    blocks = [
        "[[suggestion]]\n"
        + "".join(f"{key} = {json.dumps(value)}\n" for key, value in item.items())
        for item in entries
    ]
    return "\n".join(blocks)
