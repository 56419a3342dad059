"""Two brothers living together (Ben and Sam Rowe) with a worker in the front door, a worker in a
locality team who holds neither, and a manager; plus a note-writing helper."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from frontdoor.casenotes import services
from frontdoor.casenotes.models import CaseNote
from frontdoor.organisations.models import Role, Team, User
from frontdoor.people.models import Person
from tests import builders


@dataclass
class Family:
    ben: Person
    sam: Person
    worker: User  # a social worker in the front door (sees every child in the authority)
    manager: User
    outsider: User  # a social worker in a locality team that holds neither child


@pytest.fixture
def family(db, la, worker, manager) -> Family:
    ben, sam = builders.child(la, "Ben", "Rowe"), builders.child(la, "Sam", "Rowe")
    builders.living_together(la, ben, sam)
    outsider = builders.user(la, Role.SOCIAL_WORKER)
    outsider.team = Team.objects.create(authority=la, name="Locality West", is_front_door=False)
    outsider.save(update_fields=["team"])
    return Family(ben, sam, worker, manager, outsider)


def write(actor: User, *children: Person, ago: timedelta = timedelta(hours=2), **extra: Any) -> CaseNote:
    given: dict[str, Any] = {
        "kind": "home_visit",
        "occurred_at": timezone.now() - ago,
        "text": "Visited at home. Kitchen clean, food in the fridge.",
        "present": "Mum (Jo Rowe), both boys",
        "child_seen": True,
        "seen_alone": True,
        "childs_words": "I like my new school",
    }
    return services.case_note_record(actor=actor, children=list(children), **(given | extra))


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.get_default_timezone())  # type: ignore[misc]
