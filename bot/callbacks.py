"""A small typed codec for inline-button callback data (after aiogram's ``CallbackData``).

Each button family is a frozen dataclass with a short unique prefix. ``pack()`` turns it into
``prefix:field:field`` and refuses anything over Telegram's 64-byte limit; ``unpack()`` parses
and type-checks it back. Handlers match on ``Family.pattern()`` and never slice strings.
Anything a button names (a contact id, say) is still untrusted: check ownership before use.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from enum import Enum
from typing import Any, ClassVar, Self

MAX_CALLBACK_BYTES = 64
SEPARATOR = ":"
_NONE = "-"
SQLITE_INT_MIN = -(2**63)
SQLITE_INT_MAX = 2**63 - 1
_PREFIXES: dict[str, type[CallbackData]] = {}


class CallbackDataError(ValueError):
    """Callback data that is malformed, forged, too long, or of another family."""


@dataclasses.dataclass(frozen=True)
class CallbackData:
    """Base class: subclasses are frozen dataclasses declaring ``prefix=...`` in the class line."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix or SEPARATOR in prefix:
            raise TypeError(f"{cls.__name__} needs a prefix without {SEPARATOR!r}")
        if prefix in _PREFIXES:
            raise TypeError(f"callback prefix {prefix!r} is used by {_PREFIXES[prefix].__name__}")
        cls.prefix = prefix
        _PREFIXES[prefix] = cls

    def pack(self) -> str:
        """Encode for an InlineKeyboardButton; raises if it would exceed 64 bytes."""
        parts = [self.prefix]
        for field in dataclasses.fields(self):
            parts.append(_encode(getattr(self, field.name), field.name))
        data = SEPARATOR.join(parts)
        if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
            raise CallbackDataError(f"{type(self).__name__} packs to more than 64 bytes")
        return data

    @classmethod
    def unpack(cls, data: str) -> Self:
        """Decode data made by ``pack``; anything else raises CallbackDataError."""
        if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
            raise CallbackDataError("callback data longer than 64 bytes")
        prefix, *values = data.split(SEPARATOR)
        if prefix != cls.prefix:
            raise CallbackDataError(f"not a {cls.__name__} button")
        fields = dataclasses.fields(cls)
        if len(values) != len(fields):
            raise CallbackDataError(f"{cls.__name__} expects {len(fields)} values")
        hints = typing.get_type_hints(cls)
        kwargs = {
            field.name: _decode(raw, hints[field.name])
            for field, raw in zip(fields, values, strict=True)
        }
        return cls(**kwargs)

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """Regex for ``CallbackQueryHandler(pattern=...)`` matching this family only."""
        return re.compile(rf"^{re.escape(cls.prefix)}(?:{SEPARATOR}|$)")

    @classmethod
    def matches(cls, data: object) -> bool:
        """True when ``data`` is a string of this family (used as a handler pattern)."""
        return isinstance(data, str) and bool(cls.pattern().match(data))


def _encode(value: object, name: str) -> str:
    if value is None:
        return _NONE
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    if SEPARATOR in text or text == _NONE or not text:
        raise CallbackDataError(f"field {name!r} cannot be encoded: {text!r}")
    return text


def _decode(raw: str, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if raw == _NONE:
            return None
        if len(options) != 1:
            raise CallbackDataError("only Optional[X] unions are supported")
        hint = options[0]
    elif raw == _NONE:
        raise CallbackDataError("missing value")
    try:
        if hint is bool:
            if raw not in ("0", "1"):
                raise ValueError(raw)
            return raw == "1"
        if hint is int:
            if not re.fullmatch(r"-?\d{1,19}", raw):
                raise ValueError(raw)
            number = int(raw)
            if not SQLITE_INT_MIN <= number <= SQLITE_INT_MAX:
                # 19 digits can still overflow SQLite's INTEGER; such an id was never ours.
                raise ValueError(raw)
            return number
        if hint is str:
            return raw
        if isinstance(hint, type) and issubclass(hint, Enum):
            return hint(raw)
    except ValueError as error:
        raise CallbackDataError(f"bad value {raw!r}") from error
    raise CallbackDataError(f"unsupported field type {hint!r}")
