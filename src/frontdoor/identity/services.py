"""Every write of the duplicate register: the periodic scan, rejecting a pair, merging two people
and undoing a merge. Each is permission-checked, validated, atomic and audited."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Field, Q
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.identity import links, rules
from frontdoor.identity.models import DuplicatePair, Merge, MergeLink
from frontdoor.organisations.models import Authority, User
from frontdoor.organisations.permissions import require
from frontdoor.people import rules as people_rules
from frontdoor.people.membership import household_changed
from frontdoor.people.models import Person
from frontdoor.people.selectors import linkage_weights_for, register_records_by_id
from frontdoor.people.services import StaleEdit

# The fields a manager chooses between, in the order the merge page shows them.
MERGE_FIELDS = (
    "first_name", "middle_names", "last_name", "known_as", "date_of_birth", "expected_date_of_birth",
    "date_of_death", "sex", "ethnicity", "disabilities", "first_language", "nhs_number", "upn",
    "upn_unknown", "is_child",
)  # fmt: skip
STALE = (
    "Someone else changed one of these records after you opened this page. Nothing was merged: "
    "check both records, then decide again."
)


# The scan reads every person of every authority (about 5 s of CPU for 20,000 people): once a day is
# enough for a register that changes by a few dozen people a day, and the tick runs every minute.
SCAN_EVERY = timedelta(hours=24)
_last_scan: list[datetime] = []


def duplicate_scan_daily(now: datetime) -> int:
    """The tick's job: the scan, at most once in SCAN_EVERY per worker process (a restarted worker
    scans at once, which is harmless: the scan is idempotent)."""
    if _last_scan and now - _last_scan[0] < SCAN_EVERY:
        return 0
    _last_scan[:] = [now]
    return duplicate_scan(now)


def duplicate_scan(now: datetime) -> int:
    """The periodic job: score every blocked pair of each authority's register and file the likely
    ones (match or possible match) for review. Idempotent: a pair already filed is re-scored if
    still open and left alone once decided. Returns the pairs newly filed."""
    return sum(
        _scan_authority(authority_id, now) for authority_id in Authority.objects.values_list("pk", flat=True)
    )


@transaction.atomic
def _scan_authority(authority_id: int, now: datetime) -> int:
    merged = set(
        Merge.objects.filter(authority_id=authority_id, undone_at__isnull=True).values_list(
            "merged_id", flat=True
        )
    )
    records = {
        pk: record for pk, record in register_records_by_id(authority_id=authority_id) if pk not in merged
    }
    weights = linkage_weights_for(authority_id=authority_id)
    filed = {
        (a, b): (pk, status)
        for pk, a, b, status in DuplicatePair.objects.filter(authority_id=authority_id).values_list(
            "pk", "first_id", "second_id", "status"
        )
    }
    new = 0
    for a, b, match in rules.likely_pairs(records, weights):
        values = {
            "score": match.score,
            "weight": match.weight,
            "band": match.band,
            "reasons": list(match.reasons),
        }
        if (a, b) not in filed:
            DuplicatePair.objects.create(
                authority_id=authority_id, first_id=a, second_id=b, found_at=now, **values
            )
            new += 1
        elif filed[(a, b)][1] == DuplicatePair.Status.OPEN:
            DuplicatePair.objects.filter(pk=filed[(a, b)][0]).update(**values)
    return new


@transaction.atomic
def duplicate_reject(*, actor: User, pair: DuplicatePair) -> DuplicatePair:
    """Record that the two are not the same person: the scan will not offer them again."""
    require(actor, "person.merge")
    _same_authority(actor, pair.first, pair.second)
    if pair.status != DuplicatePair.Status.OPEN:
        raise ValidationError({"decision": "This pair has already been decided."})
    updated = DuplicatePair.objects.filter(pk=pair.pk, status=DuplicatePair.Status.OPEN).update(
        status=DuplicatePair.Status.REJECTED, decided_by=actor, decided_at=timezone.now()
    )
    if not updated:
        raise ValidationError({"decision": "This pair has already been decided."})
    pair.refresh_from_db()
    for person_id in (pair.first_id, pair.second_id):
        audit_record(
            actor=actor,
            action="duplicate.reject",
            subject=pair,
            authority_id=pair.authority_id,
            person_id=person_id,
            changes={"first": pair.first_id, "second": pair.second_id},
        )
    return pair


def _same_authority(actor: User, *people: Person) -> None:
    if any(p.authority_id != actor.authority_id for p in people):
        raise ValidationError({"survivor": "Both records must belong to your authority."})


def _refuse_bad_pair(survivor: Person, merged: Person) -> None:
    if survivor.pk == merged.pk:
        raise ValidationError({"survivor": "A record cannot be merged with itself."})
    if survivor.authority_id != merged.authority_id:
        raise ValidationError({"survivor": "Records of different authorities cannot be merged."})
    done = Merge.objects.filter(undone_at__isnull=True, merged_id__in=[survivor.pk, merged.pk]).first()
    if done is not None:
        raise ValidationError(
            {
                "survivor": f"Record {done.merged_id} was already merged into record {done.survivor_id} on "
                f"{done.at:%d %b %Y}; undo that merge first."
            }
        )


@transaction.atomic
def person_merge(
    *,
    actor: User,
    survivor: Person,
    merged: Person,
    survivor_version: int,
    merged_version: int,
    take: Iterable[str] = (),
    pair: DuplicatePair | None = None,
) -> Merge:
    """Fold `merged` into `survivor`: the fields in `take` get the merged person's value, every row in
    the project that named the merged person names the survivor (identity.links), and the merge
    records both so that person_unmerge can put them back. Refused, with nothing changed: a person
    with themselves, across authorities, one already merged, or either edited since it was read."""
    require(actor, "person.merge")
    _same_authority(actor, survivor, merged)
    _refuse_bad_pair(survivor, merged)
    taken = [name for name in MERGE_FIELDS if name in set(take)]
    before = {name: getattr(survivor, name) for name in taken}
    changes = {name: getattr(merged, name) for name in taken}
    _claim(merged, merged_version, merged_into=survivor.pk)
    _claim(survivor, survivor_version, **_with_keys(changes))
    merge = Merge.objects.create(
        authority_id=actor.authority_id,
        survivor=survivor,
        merged=merged,
        pair=pair,
        actor=actor,
        at=timezone.now(),
        survivor_before=_json(before),
        taken=taken,
    )
    MergeLink.objects.bulk_create(_move(merge, from_id=merged.pk, to_id=survivor.pk))
    household_changed([survivor.pk])  # the survivor's household now has the merged person's links
    if pair is not None:
        DuplicatePair.objects.filter(pk=pair.pk).update(
            status=DuplicatePair.Status.MERGED, decided_by=actor, decided_at=merge.at
        )
    moved = merge.links.count()
    for person_id in (survivor.pk, merged.pk):
        audit_record(
            actor=actor,
            action="person.merge",
            subject=merge,
            authority_id=merge.authority_id,
            person_id=person_id,
            changes={
                "survivor": survivor.pk,
                "merged": merged.pk,
                "taken": _json(changes),
                "rows_moved": moved,
            },
        )
    survivor.refresh_from_db()
    return merge


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in values.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _with_keys(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with the phonetic blocking keys kept in step with the names."""
    out = dict(changes)
    if "last_name" in out:
        out["last_name_key"] = people_rules.name_key(out["last_name"])
    if "first_name" in out:
        out["first_name_key"] = people_rules.name_key(out["first_name"])
    return out


def _claim(person: Person, version: int, **changes: Any) -> None:
    """Bump the version if nobody has saved the person since `version` was read, applying `changes`."""
    try:
        with transaction.atomic():
            updated = Person.objects.filter(pk=person.pk, version=version).update(
                version=F("version") + 1, **changes
            )
    except IntegrityError as error:
        raise ValidationError({"survivor": f"The surviving record would be invalid: {error}"}) from error
    if not updated:
        raise StaleEdit(STALE)


def _move(merge: Merge, *, from_id: int, to_id: int) -> list[MergeLink]:
    """Point every row naming `from_id` at `to_id`; the rows moved, as MergeLinks."""
    moved: list[MergeLink] = []
    for model, attname in links.person_columns():
        rows = list(model._base_manager.filter(**{attname: from_id}).values_list("pk", flat=True))
        if not rows:
            continue
        try:
            with transaction.atomic():
                model._base_manager.filter(pk__in=rows).update(**{attname: to_id})
        except IntegrityError as error:
            raise ValidationError(
                {
                    "survivor": (
                        f"Both records are named on the same {model._meta.verbose_name} in a way that "
                        "cannot be combined (for example a relationship between the two, or one contact "
                        "about both). "
                        "Correct that record first; nothing was merged."
                    )
                }
            ) from error
        label = model._meta.label
        moved.extend(MergeLink(merge=merge, model=label, row=str(pk), field=attname) for pk in rows)
    return moved


@transaction.atomic
def person_unmerge(*, actor: User, merge: Merge) -> Merge:
    """Undo a merge exactly: every row it moved names the merged person again and the survivor's
    chosen fields get back their values. Refused, with nothing changed, if it was undone already, if
    the survivor took part in a later merge still in force, or if a moved row has since changed."""
    require(actor, "person.merge")
    if merge.authority_id != actor.authority_id:
        raise ValidationError({"merge": "This merge belongs to another authority."})
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    later = Merge.objects.filter(
        Q(survivor_id=merge.survivor_id) | Q(merged_id=merge.survivor_id),
        pk__gt=merge.pk,
        undone_at__isnull=True,
    ).order_by("pk")
    refusal = rules.unmerge_refusal(
        undone=merge.undone_at is not None,
        later_merges=[f"record {m.merged_id} into record {m.survivor_id} on {m.at:%d %b %Y}" for m in later],
    )
    if refusal:
        raise ValidationError({"merge": refusal})
    _move_back(merge)
    household_changed([merge.survivor_id, merge.merged_id])
    survivor = merge.survivor
    restored = {name: _field(name).to_python(value) for name, value in merge.survivor_before.items()}
    _claim(survivor, survivor.version, **_with_keys(restored))
    Person.objects.filter(pk=merge.merged_id).update(version=F("version") + 1, merged_into=None)
    merge.undone_by, merge.undone_at = actor, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    if merge.pair_id:
        DuplicatePair.objects.filter(pk=merge.pair_id).update(
            status=DuplicatePair.Status.OPEN, decided_by=None, decided_at=None
        )
    for person_id in (merge.survivor_id, merge.merged_id):
        audit_record(
            actor=actor,
            action="person.unmerge",
            subject=merge,
            authority_id=merge.authority_id,
            person_id=person_id,
            changes={
                "survivor": merge.survivor_id,
                "merged": merge.merged_id,
                "restored": merge.survivor_before,
            },
        )
    return merge


def _field(name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", Person._meta.get_field(name))  # MERGE_FIELDS are columns, not relations


def _move_back(merge: Merge) -> None:
    """Point every row the merge moved at the merged person again, or refuse if any has changed."""
    by_column: dict[tuple[str, str], list[str]] = {}
    for link in merge.links.order_by("pk"):
        by_column.setdefault((link.model, link.field), []).append(link.row)
    for (label, attname), rows in by_column.items():
        model = apps.get_model(label)
        try:
            with transaction.atomic():
                moved = model._base_manager.filter(pk__in=rows, **{attname: merge.survivor_id}).update(
                    **{attname: merge.merged_id}
                )
        except IntegrityError as error:
            raise ValidationError(
                {"merge": f"A {model._meta.verbose_name} cannot be moved back: {error}"}
            ) from error
        if moved != len(rows):
            raise ValidationError(
                {
                    "merge": (
                        f"{len(rows) - moved} {model._meta.verbose_name_plural} moved by this merge have "
                        "since been changed or removed, so it cannot be undone exactly. Nothing was changed."
                    )
                }
            )
