"""Shared set-up for the missing-children tests: an episode recorded through the service."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from frontdoor.missing import services

LONDON = timezone.get_default_timezone()


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A London wall-clock moment, aware."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def ago(**delta: float) -> datetime:
    return (timezone.now() - timedelta(**delta)).astimezone(UTC).replace(microsecond=0)


def record(actor, person, *, went, returned=None, looked_after=False, reference="", hours_to_notify=2):
    """Record an episode: reported an hour after going missing, notified `hours_to_notify` after."""
    return services.episode_record(
        actor=actor,
        data=services.EpisodeData(
            person=person,
            looked_after=looked_after,
            went_missing_at=went,
            reported_at=went + timedelta(hours=1),
            notified_at=went + timedelta(hours=hours_to_notify),
            returned_at=returned,
            where_found="Friend's house" if returned else "",
            police_reference=reference,
        ),
    )
