"""Subject access (UK GDPR Art. 15; DPA 2018 Sch 3 Part 3): everything held about one person, for
the data protection officer to review before release.

The search is by the schema, not by a hand-kept list: every model with a foreign key to a person
(contacts, episodes, visits, clocks, restrictions, the audit and access trail...), then the records
hanging off those (decisions, reviews, allocations, notices) and the records they sit in (the
contact, the address). A new app's records are found without changing this module; the SAR test
seeds a person in every such model and checks that each appears. Nothing is redacted here: the
reviewer decides (third-party data, serious-harm test) before anything leaves the authority.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log, audit_record
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.people.selectors import NOT_FOUND

PURPOSE = "access.subject_access"
# The records a person's rows sit in, followed from the row to its parent.
PARENTS: dict[str, tuple[str, ...]] = {
    "contacts.contactchild": ("contact",),
    "people.residence": ("address",),
    "casenotes.notechild": ("note",),  # the note itself, and from it every version of it
}
# Documents' bytes go in the exported bundle beside the rows (documents app; the storage by name).
DOCUMENTS = ("documents.document", "documents", "storage_name")
# Never part of a person's data: sessions and staff accounts are about staff, not the subject.
SKIP = frozenset({"sessions.session", "organisations.user", "organisations.authority"})


@dataclass
class Section:
    label: str  # "contacts.contactchild"
    title: str  # "contact children"
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Bundle:
    person: Person
    compiled_at: datetime
    sections: list[Section]

    @property
    def counts(self) -> dict[str, int]:
        return {s.label: len(s.rows) for s in self.sections}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.person.pk,
            "reference": self.person.reference,
            "compiled_at": self.compiled_at.isoformat(),
            "counts": self.counts,
            "sections": {s.label: s.rows for s in self.sections},
        }


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    return {f.attname: _value(getattr(instance, f.attname)) for f in instance._meta.concrete_fields}


def _models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.managed and m._meta.label_lower not in SKIP]


def person_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with a foreign key to Person, with the names of those keys."""
    found = []
    for model in _models():
        keys = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Person]
        if keys:
            found.append((model, keys))
    return found


def gather(person: Person) -> Bundle:
    """Every row about the person: direct, their parents (PARENTS), then one hop to rows pointing
    at any of those (excluding other people's rows of the directly linked kinds)."""
    found: dict[type[models.Model], dict[Any, models.Model]] = {Person: {person.pk: person}}
    direct = person_models()
    for model, keys in direct:
        condition = Q()
        for key in keys:
            condition |= Q(**{key: person})
        found.setdefault(model, {}).update({row.pk: row for row in model._base_manager.filter(condition)})
    for model, _ in direct:
        for parent_field in PARENTS.get(model._meta.label_lower, ()):
            related: Any = model._meta.get_field(parent_field).related_model
            ids = {getattr(r, f"{parent_field}_id") for r in found[model].values()}
            found.setdefault(related, {}).update(related._base_manager.in_bulk(ids))
    direct_models = {m for m, _ in direct} | {Person}
    bases = {m: set(rows) for m, rows in found.items() if rows}
    for model in _models():
        if model in direct_models:
            continue
        condition = Q()
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in bases and f.related_model is not Person:
                condition |= Q(**{f"{f.name}__in": bases[f.related_model]})  # type: ignore[index]
        if condition:
            rows = model._base_manager.filter(condition)
            found.setdefault(model, {}).update({row.pk: row for row in rows})
    sections = [
        Section(
            m._meta.label_lower, str(m._meta.verbose_name_plural), [_row(r) for _, r in sorted(rows.items())]
        )
        for m, rows in sorted(found.items(), key=lambda item: item[0]._meta.label_lower)
        if rows
    ]
    return Bundle(person=person, compiled_at=timezone.now(), sections=sections)


@transaction.atomic
def sar_compile(*, actor: User, person_id: Any, channel: str) -> Bundle:
    """Gather for review, log the read, and audit that a subject access bundle was compiled."""
    require(actor, "sar.compile")
    try:
        person = Person.objects.filter(visible(actor), authority_id=actor.authority_id).get(pk=int(person_id))
    except (Person.DoesNotExist, TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    bundle = gather(person)
    access_log(actor=actor, person_ids=[person.pk], purpose=PURPOSE)
    _audit(actor, person, bundle, channel)
    return bundle


def _audit(actor: User | None, person: Person, bundle: Bundle, channel: str) -> None:
    audit_record(
        actor=actor,
        action="sar.compiled",
        subject=person,
        authority_id=person.authority_id,
        person_id=person.pk,
        changes={"channel": channel, "records": bundle.total, "sections": len(bundle.sections)},
    )


@transaction.atomic
def sar_export(*, person_id: int, out: Path, operator: User | None = None) -> Bundle:
    """The command's path: an operator with database access exports the bundle to a directory
    (bundle.json plus a summary), audited as the named operator or as the system."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None or (operator is not None and operator.authority_id != person.authority_id):
        raise Http404(NOT_FOUND)
    bundle = gather(person)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bundle.json").write_text(json.dumps(bundle.as_json(), indent=1, default=str))
    (out / "summary.txt").write_text(_summary(bundle.sections, person))
    _document_files(bundle, out / "documents")
    if operator is not None:
        access_log(actor=operator, person_ids=[person.pk], purpose=PURPOSE)
    _audit(operator, person, bundle, "command")
    return bundle


def _document_files(bundle: Bundle, folder: Path) -> None:
    """Copy each document in the bundle out of the documents storage, named by its row's id."""
    label, storage_alias, name_field = DOCUMENTS
    rows = next((s.rows for s in bundle.sections if s.label == label), [])
    if rows:
        folder.mkdir(exist_ok=True)
    for row in rows:
        with storages[storage_alias].open(row[name_field], "rb") as handle:
            (folder / f"{row['id']}.{row.get('extension') or 'bin'}").write_bytes(handle.read())


def _summary(sections: Iterable[Section], person: Person) -> str:
    lines = [f"Subject access bundle for {person.reference}: review before release.", ""]
    lines += [f"{s.title}: {len(s.rows)}" for s in sections]
    return "\n".join(lines) + "\n"
