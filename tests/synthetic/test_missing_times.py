"""Missing episodes' moments are UTC: arithmetic on a Europe/London datetime is wall-clock arithmetic,
so an episode begun in the hour the clocks go forward (30 March 2025, 01:00-02:00 local, which does
not exist) came back "before" it began, and the national load stopped on the database's check."""

import random
from datetime import UTC, datetime, timedelta

from frontdoor.synthetic.generator.base import LONDON
from frontdoor.synthetic.generator.missing import MissingMaker


def test_moments_are_utc_and_an_hour_later_is_an_hour_later_across_the_clock_change():
    maker = MissingMaker(
        writer=None,  # type: ignore[arg-type]  # _moment draws times only
        clocks=None,  # type: ignore[arg-type]
        rng=random.Random(7),
        org=None,  # type: ignore[arg-type]
        start=datetime(2025, 3, 29, tzinfo=LONDON),
        end=datetime(2025, 3, 31, tzinfo=LONDON),
    )
    moments = [maker._moment() for _ in range(2000)]
    assert {m.tzinfo for m in moments} == {UTC}
    in_the_gap = [m for m in moments if m.astimezone(LONDON).date().day == 30 and m.hour == 1]
    assert in_the_gap  # the hour that does not exist in London was drawn, and is a real instant
    for moment in in_the_gap:
        later = moment + timedelta(minutes=30)
        assert (later - moment).total_seconds() == 1800
        assert later.timestamp() > moment.timestamp()
