"""Two guards every service applies before it writes: the record belongs to the actor's authority,
and nobody else has saved it since the actor read it. One definition each, so the message and the
SQL are the same everywhere."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from frontdoor.core.exceptions import StaleEdit

OTHER_AUTHORITY = "That record belongs to another authority."


def same_authority(actor: Any, *records: Any) -> None:
    """Refuse a record of another authority (None is skipped: an optional record not given)."""
    if any(record is not None and record.authority_id != actor.authority_id for record in records):
        raise ValidationError(OTHER_AUTHORITY)


def claim_version(
    record: models.Model, version: int, *, changes: Callable[[], Any] | None = None, **values: Any
) -> None:
    """Optimistic concurrency in one statement: UPDATE ... SET version = version + 1 (and `values`)
    WHERE pk AND version = `version`. If no row matched, someone saved first: StaleEdit, carrying
    what they changed when `changes` can say, and nothing is written. The record's version follows."""
    manager = type(record)._default_manager
    if not manager.filter(pk=record.pk, version=version).update(version=F("version") + 1, **values):
        raise StaleEdit(changes=changes() if changes is not None else None)
    record.version = version + 1  # type: ignore[attr-defined]


def check_version(current: models.Model, version: int) -> None:
    """For a row already locked with select_for_update: StaleEdit unless it is still at `version`."""
    if current.version != version:  # type: ignore[attr-defined]
        raise StaleEdit()
