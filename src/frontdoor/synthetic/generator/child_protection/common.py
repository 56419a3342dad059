"""Shared figures and helpers of the synthetic child protection generator."""

import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
AGENCIES = ("police", "social_care", "health", "education")
ITEMS = ("minutes", "plan", "outcome")


def banded(rng: random.Random, bands: tuple[tuple[int, float], ...]) -> int:
    total = sum(share for _, share in bands)
    pick, low = rng.uniform(0, total), 0
    for high, share in bands:
        if pick <= share:
            return rng.randint(low, high)
        pick -= share
        low = high + 1
    return bands[-1][0]


def noon(day: date) -> datetime:
    """Meetings recorded by date move clocks at midday London time (child_protection.services)."""
    return datetime.combine(day, time(12), tzinfo=LONDON)
