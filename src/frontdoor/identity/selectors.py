"""Every read of the duplicate register, scoped to the actor's authority and to the children they may
see (access.scope.visible on both people of a pair), logging each person shown."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.identity.models import DuplicatePair, Merge
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

LIST_LIMIT = 200
PURPOSE = "identity.duplicates"


@dataclass(frozen=True)
class Register:
    pairs: list[DuplicatePair]  # open pairs, most likely first, both people loaded
    merges: list[Merge]  # merges in force, newest first
    found: int  # every pair the scan has filed
    merged: int
    rejected: int


def _pairs(actor: User) -> QuerySet[DuplicatePair]:
    return DuplicatePair.objects.filter(
        visible(actor, "first_id"), visible(actor, "second_id"), authority_id=actor.authority_id
    )


def duplicate_register(*, actor: User) -> Register:
    """The open pairs for review, most likely first (at most LIST_LIMIT), the merges that can be
    undone, and the figures: four queries and the access log."""
    require(actor, "duplicate.review")
    pairs = list(
        _pairs(actor)
        .filter(status=DuplicatePair.Status.OPEN)
        .select_related("first", "second")
        .order_by("-score", "-weight", "pk")[:LIST_LIMIT]
    )
    merges = list(
        Merge.objects.filter(
            visible(actor, "survivor_id"), authority_id=actor.authority_id, undone_at__isnull=True
        )
        .select_related("survivor", "merged", "actor")
        .order_by("-at", "-pk")[:LIST_LIMIT]
    )
    figures = DuplicatePair.objects.filter(authority_id=actor.authority_id).aggregate(
        found=Count("pk"),
        merged=Count("pk", filter=Q(status=DuplicatePair.Status.MERGED)),
        rejected=Count("pk", filter=Q(status=DuplicatePair.Status.REJECTED)),
    )
    shown = [p.first_id for p in pairs] + [p.second_id for p in pairs]
    shown += [m.survivor_id for m in merges] + [m.merged_id for m in merges]
    access_log(actor=actor, person_ids=shown, purpose=PURPOSE)
    return Register(pairs, merges, figures["found"], figures["merged"], figures["rejected"])


def pair_get_for(*, actor: User, pair_id: Any) -> DuplicatePair:
    """One pair with both people, for the merge page; another authority's or an unseen child's pair
    is not found. Logs both people."""
    require(actor, "duplicate.review")
    try:
        pair = _pairs(actor).select_related("first", "second").get(pk=int(pair_id))
    except (DuplicatePair.DoesNotExist, TypeError, ValueError):
        raise Http404("No possible duplicate was found with that reference.") from None
    access_log(actor=actor, person_ids=[pair.first_id, pair.second_id], purpose=PURPOSE)
    return pair


def merge_get_for(*, actor: User, merge_id: Any) -> Merge:
    require(actor, "duplicate.review")
    try:
        merge = (
            Merge.objects.filter(
                visible(actor, "survivor_id"), visible(actor, "merged_id"), authority_id=actor.authority_id
            )
            .select_related("survivor", "merged")
            .get(pk=int(merge_id))
        )
    except (Merge.DoesNotExist, TypeError, ValueError):
        raise Http404("No merge was found with that reference.") from None
    access_log(actor=actor, person_ids=[merge.survivor_id, merge.merged_id], purpose=PURPOSE)
    return merge


MERGE_DEPTH = 3  # merges followed in the audit trail's one query: A into B, B into C, C into D


def audit_people(*, person_id: int, ref: str = "person_id") -> Q:
    """A filter on `ref` for the person and everyone merged into them, as subqueries, so the audit
    trail keeps its fixed number of queries; follows chains of merges MERGE_DEPTH deep."""
    condition = Q(**{ref: person_id})
    survivors: Any = [person_id]
    for _ in range(MERGE_DEPTH):
        merged = Merge.objects.filter(survivor_id__in=survivors, undone_at__isnull=True).values("merged_id")
        condition |= Q(**{f"{ref}__in": merged})
        survivors = merged
    return condition
