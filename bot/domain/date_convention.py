"""How a user writes 12/3: day first (12 March) or month first (3 December)."""

from __future__ import annotations

_MONTH_FIRST_ZONES = frozenset(
    {
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
        "America/Phoenix", "America/Anchorage", "America/Juneau", "America/Sitka",
        "America/Nome", "America/Adak", "America/Boise", "America/Detroit",
        "America/Menominee", "America/Metlakatla", "America/Yakutat", "Pacific/Honolulu",
        "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii",
        "US/Arizona", "US/Michigan", "Asia/Manila", "Pacific/Guam", "America/Puerto_Rico",
    }
)  # fmt: skip
_MONTH_FIRST_ZONE_PREFIXES = ("America/Indiana/", "America/Kentucky/", "America/North_Dakota/")


def day_first_convention(language_code: str | None, zone_name: str | None) -> bool | None:
    """Whether the user writes 12/3 for 12 March (True), 3 December (False), or unknown (None).

    From Telegram's ``language_code`` ("en-US") and the user's zone: the United States and
    the Philippines write month first; other English speakers and almost every other
    language day first. Plain "en" in a zone that doesn't tell stays unknown (None), so
    ambiguous dates are asked for in words rather than guessed.
    """
    language = (language_code or "").casefold().replace("_", "-")
    region = language.split("-", 1)[1] if "-" in language else ""
    if region in ("us", "ph"):
        return False
    if region:
        return True
    if zone_name is not None and (
        zone_name in _MONTH_FIRST_ZONES or zone_name.startswith(_MONTH_FIRST_ZONE_PREFIXES)
    ):
        return False
    if language and language != "en":
        return True
    if zone_name is not None and zone_name.startswith(("Europe/", "Africa/", "Australia/")):
        return True
    return None
