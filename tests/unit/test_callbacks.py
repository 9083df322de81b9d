"""The callback codec round-trips, enforces 64 bytes and rejects forgeries."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import CallbackData, CallbackDataError
from bot.domain.kinds import ConnectionType


@dataclasses.dataclass(frozen=True)
class Pick(CallbackData, prefix="tpick"):
    contact_id: int
    kind: ConnectionType
    page: int | None
    confirmed: bool


@dataclasses.dataclass(frozen=True)
class Other(CallbackData, prefix="tother"):
    label: str


@given(
    contact_id=st.integers(min_value=0, max_value=2**62),
    kind=st.sampled_from(list(ConnectionType)),
    page=st.none() | st.integers(min_value=0, max_value=10_000),
    confirmed=st.booleans(),
)
def test_round_trip(
    contact_id: int, kind: ConnectionType, page: int | None, confirmed: bool
) -> None:
    original = Pick(contact_id, kind, page, confirmed)
    packed = original.pack()
    assert len(packed.encode()) <= 64
    assert Pick.unpack(packed) == original
    assert Pick.matches(packed)
    assert not Other.matches(packed)


def test_too_long_is_refused() -> None:
    with pytest.raises(CallbackDataError):
        Other("x" * 70).pack()


def test_separator_in_text_is_refused() -> None:
    with pytest.raises(CallbackDataError):
        Other("a:b").pack()


@pytest.mark.parametrize(
    "forged",
    [
        "tpick:abc:intimate:-:1",
        "tpick:1:spouse:-:1",
        "tpick:1:intimate:-",
        "tpick:1:intimate:-:1:extra",
        "tpick:1:intimate:-:yes",
        "tother:x",
        "tpick:" + "9" * 80,
        "tpick:-:intimate:-:1",
    ],
)
def test_forged_data_is_rejected(forged: str) -> None:
    with pytest.raises(CallbackDataError):
        Pick.unpack(forged)


def test_prefixes_are_unique() -> None:
    with pytest.raises(TypeError):

        @dataclasses.dataclass(frozen=True)
        class Clash(CallbackData, prefix="tpick"):
            value: int


@pytest.mark.parametrize(
    "raw", ["9999999999999999999", "-9999999999999999999", "9223372036854775808"]
)
def test_ids_sqlite_cannot_store_are_refused(raw: str) -> None:
    """Issue #11 item 3: a 19-digit id used to reach SQLite and raise OverflowError."""

    @dataclasses.dataclass(frozen=True)
    class Huge(CallbackData, prefix="t-huge-" + raw[-3:] + ("n" if raw[0] == "-" else "p")):
        contact_id: int

    with pytest.raises(CallbackDataError):
        Huge.unpack(f"{Huge.prefix}:{raw}")
    assert Huge.unpack(f"{Huge.prefix}:9223372036854775807").contact_id == 2**63 - 1
