"""Every write of the returns: generating a file (and recording who it exposes), validating it.

An export of child data is a read of every child in it. A member of staff's download is logged by
the selector that serves it (audit.AccessEvent); a file written from the command line is an export
by the server's operator, recorded as one AuditEvent per child (no member of staff is the actor).
"""

import hashlib
import time
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import access_log, audit_record
from frontdoor.organisations.models import Authority, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.returns import annex_a, census, rules, validator
from frontdoor.returns.models import ReturnFile, ReturnKind, ValidationIssue, ValidationRun

EXPORT_ACTION = "returns.export"


def _authority(actor: User | None, authority: Authority | None) -> Authority:
    if actor is not None:
        require(actor, EXPORT_ACTION)
        return actor.authority
    if authority is None:
        raise ValueError("An export from the command line names its authority")
    return authority


def _store(
    *, actor: User | None, authority: Authority, kind: str, file_name: str, content: bytes,
    person_ids: list[int], rows: int, started: float, year: int | None = None, as_of: date | None = None,
) -> ReturnFile:  # fmt: skip
    file = ReturnFile.objects.create(
        authority=authority,
        kind=kind,
        year=year,
        as_of=as_of,
        generated_at=timezone.now(),
        generated_by=actor,
        file_name=file_name,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        person_ids=sorted(set(person_ids)),
        children=len(set(person_ids)),
        rows=rows,
        seconds=round(time.monotonic() - started, 3),
    )
    audit_record(
        actor=actor,
        action=f"returns.{kind}_generated",
        subject=file,
        authority_id=authority.pk,
        changes={"file_name": file_name, "children": file.children, "rows": rows, "sha256": file.sha256},
    )
    return file


@transaction.atomic
def cin_census_generate(
    *, actor: User | None, year: int, authority: Authority | None = None, now: datetime | None = None
) -> ReturnFile:
    """Write the census for the year ending 31 March `year` from the authority's records (s83
    Children Act 1989; standards.md §2) and keep the file."""
    authority = _authority(actor, authority)
    if problem := rules.census_year_problems(year):
        raise ValidationError({"year": problem})
    started = time.monotonic()
    built = census.build(
        authority_id=authority.pk,
        la_code=authority.la_code,
        census=rules.CensusYear(year),
        generated_at=timezone.localtime(now or timezone.now()),
    )
    return _store(
        actor=actor,
        authority=authority,
        kind=ReturnKind.CIN_CENSUS,
        year=year,
        file_name=f"cin-census-{authority.la_code}-{year}.xml",
        content=census.census_xml(built),
        person_ids=built.person_ids,
        rows=len(built.episodes),
        started=started,
    )


@transaction.atomic
def annex_a_generate(*, actor: User | None, as_of: date, authority: Authority | None = None) -> ReturnFile:
    """Write the Ofsted Annex A workbook for the six months before `as_of` (ILACS; standards.md §3)."""
    authority = _authority(actor, authority)
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": "The inspection date must be today or in the past"})
    started = time.monotonic()
    workbook = annex_a.build(authority=authority, as_of=as_of)
    return _store(
        actor=actor,
        authority=authority,
        kind=ReturnKind.ANNEX_A,
        as_of=as_of,
        year=as_of.year,
        file_name=f"annex-a-{authority.la_code}-{as_of.isoformat()}.xlsx",
        content=workbook.content,
        person_ids=workbook.person_ids,
        rows=workbook.rows,
        started=started,
    )


@transaction.atomic
def export_record(*, actor: User | None, file: ReturnFile, purpose: str) -> int:
    """Record that the file left Frontdoor: every child in it was read. Returns the rows written."""
    if actor is not None:
        return access_log(actor=actor, person_ids=file.person_ids, purpose=purpose)
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            authority_id=file.authority_id, actor=None, at=now, action="returns.exported_by_command",
            subject_type=file._meta.label_lower, subject_id=file.pk, person_id=person_id,
            changes={"file_name": file.file_name, "purpose": purpose},
        )
        for person_id in file.person_ids
    )  # fmt: skip
    return len(file.person_ids)


def census_validate(*, actor: User | None, file: ReturnFile) -> ValidationRun:
    """Check a census file with the DfE validator and keep its verdict, each issue tied to the child
    it names. The validator runs outside the transaction (it can take a while); its answer is then
    written in one."""
    if actor is not None:
        require(actor, EXPORT_ACTION)
    ruleset = rules.CensusYear(file.year or 0).ruleset
    try:
        result = validator.run(bytes(file.content), ruleset=ruleset)
    except validator.ValidatorUnavailable as error:
        return validation_record(actor=actor, file=file, ruleset=ruleset, result=None, failure=str(error))
    return validation_record(actor=actor, file=file, ruleset=ruleset, result=result)


@transaction.atomic
def validation_record(
    *, actor: User | None, file: ReturnFile, ruleset: str, result: validator.Result | None, failure: str = ""
) -> ValidationRun:
    """Keep a validator run's verdict on the file, each issue tied to the child its LAchildID names."""
    run = ValidationRun.objects.create(
        file=file,
        ran_at=timezone.now(),
        ruleset=ruleset,
        validator=result.validator if result else "",
        seconds=round(result.seconds, 3) if result else 0,
        errors=result.count("ERROR") if result else 0,
        queries=result.count("QUERY") if result else 0,
        failure=failure,
    )
    if result:
        people = dict(
            Person.objects.filter(authority_id=file.authority_id, pk__in=file.person_ids).values_list(
                "reference", "pk"
            )
        )
        ValidationIssue.objects.bulk_create(
            ValidationIssue(
                run=run, rule_code=issue["rule_code"][:8], rule_type=issue["rule_type"][:5],
                message=issue["message"], la_child_id=issue["la_child_id"][:40],
                person_id=people.get(issue["la_child_id"]), tables=issue["tables"][:120],
                columns=issue["columns"][:200], value=issue["value"][:200],
            )
            for issue in result.issues
        )  # fmt: skip
    audit_record(
        actor=actor,
        action="returns.cin_census_validated",
        subject=run,
        authority_id=file.authority_id,
        changes={"ruleset": ruleset, "errors": run.errors, "queries": run.queries, "failure": failure},
    )
    return run
