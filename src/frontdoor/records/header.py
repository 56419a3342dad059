"""The child's record at a glance (issue 16 §5): name, age, address, household, status flags,
allocated worker and team, last seen and warnings to staff, for the header of every page about a
child.

Five queries whatever the child's history: the child with every flag as a subquery, their current
address, their household, their current allocation, and the warnings staff have entered about them
(people.StaffWarning: who entered each, when, and its review date). It logs no access: it is shown
on pages that read the child's record through their own selector, which has logged it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from frontdoor.access.models import Restriction
from frontdoor.access.scope import visible
from frontdoor.child_protection.models import Category, EmergencyProtection, ProtectionPlan
from frontdoor.early_help.models import CaseStatus, EarlyHelpCase
from frontdoor.exploitation.models import RiskLevel, Screening
from frontdoor.missing.models import MissingEpisode
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can
from frontdoor.people.models import Person, Residence
from frontdoor.people.selectors import household_for
from frontdoor.people.warning_rules import review_overdue
from frontdoor.people.warning_selectors import current_warnings
from frontdoor.referrals.models import Allocation, Referral, Visit

# The annotations _annotated puts on the child, one subquery each.
FACTS = (
    "cp_category",
    "cin_open",
    "early_help_open",
    "missing_since",
    "exploitation_risk",
    "restricted",
    "emergency_protection",
    "last_seen",
)
RISKY = (RiskLevel.MEDIUM, RiskLevel.HIGH)


@dataclass(frozen=True)
class Flag:
    label: str
    colour: str  # a GOV.UK tag modifier


@dataclass(frozen=True)
class StaffWarningLine:
    text: str
    entered_by: str
    entered_at: datetime
    review_on: date
    review_overdue: bool


@dataclass(frozen=True)
class ChildHeader:
    person_id: int
    name: str
    reference: str
    age: str
    address: str
    household: list[str]
    flags: list[Flag]
    worker: str
    team: str
    last_seen: datetime | None
    warnings: list[str]
    staff_warnings: list[StaffWarningLine] = field(default_factory=list)


def _annotated(actor: User, person_id: int) -> Person | None:
    child = OuterRef("pk")
    return (
        Person.objects.filter(visible(actor), pk=person_id, authority_id=actor.authority_id)
        .annotate(
            cp_category=Subquery(
                ProtectionPlan.objects.filter(person=child, end_date__isnull=True)
                .order_by("-start_date")
                .values("latest_category")[:1]
            ),
            cin_open=Exists(Referral.objects.filter(person=child, closure_date__isnull=True, nfa=False)),
            early_help_open=Exists(EarlyHelpCase.objects.filter(person=child, status=CaseStatus.OPEN)),
            missing_since=Subquery(
                MissingEpisode.objects.filter(person=child, returned_at__isnull=True)
                .order_by("went_missing_at")
                .values("went_missing_at")[:1]
            ),
            exploitation_risk=Subquery(
                Screening.objects.filter(person=child)
                .order_by("-screened_at", "-pk")
                .values("risk_level")[:1]
            ),
            restricted=Exists(Restriction.objects.filter(person=child, lifted_at__isnull=True)),
            emergency_protection=Exists(
                EmergencyProtection.objects.filter(person=child, ended_at__isnull=True)
            ),
            last_seen=Subquery(
                Visit.objects.filter(person=child, seen=True)
                .order_by("-occurred_at")
                .values("occurred_at")[:1]
            ),
        )
        .first()
    )


def _age(person: Person, today: date) -> str:
    if person.date_of_birth is None:
        return "Unborn" if person.expected_date_of_birth else "Age not known"
    born = person.date_of_birth
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if years >= 1:
        return f"{years} {'year' if years == 1 else 'years'}"
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    return f"{months} {'month' if months == 1 else 'months'}"


def _flags(facts: dict[str, Any]) -> list[Flag]:
    category, risk = facts["cp_category"], facts["exploitation_risk"]
    candidates = [
        (category, f"Child protection plan: {Category(category).label}" if category else "", "red"),
        (facts["cin_open"] and not category, "Child in need", "blue"),
        (facts["early_help_open"], "Early help", "green"),
        (facts["missing_since"], "Missing now", "red"),
        (risk in RISKY, f"Exploitation risk: {RiskLevel(risk).label.lower()}" if risk else "", "orange"),
        (facts["restricted"], "Restricted record", "purple"),
    ]
    return [Flag(label, colour) for on, label, colour in candidates if on]


def _warnings(facts: dict[str, Any], person: Person) -> list[str]:
    """What staff must know before acting, from the record itself."""
    warnings = []
    if facts["missing_since"]:
        warnings.append(f"Missing since {timezone.localtime(facts['missing_since']):%-d %B %Y, %H:%M}")
    if facts["emergency_protection"]:
        warnings.append("An emergency protection order or police protection is in force")
    if facts["exploitation_risk"] == RiskLevel.HIGH:
        warnings.append("High risk of exploitation: read the latest screening before contact")
    if facts["restricted"]:
        warnings.append("Restricted record: share nothing with anyone not named on it")
    if person.date_of_death:
        warnings.append(f"Died {person.date_of_death:%-d %B %Y}")
    return warnings


def child_header(*, actor: User, person: Person) -> ChildHeader | None:
    """The header for a child the actor may see, or None (a child they may not see has none)."""
    if not can(actor, "child.view"):
        return None
    p = _annotated(actor, person.pk)
    if p is None:
        return None
    facts = {name: getattr(p, name) for name in FACTS}
    home = Residence.objects.filter(person_id=p.pk, end__isnull=True).select_related("address").first()
    allocation = (
        Allocation.objects.filter(
            referral__authority_id=actor.authority_id,
            referral__person_id=p.pk,
            referral__closure_date__isnull=True,
            ended_at__isnull=True,
        )
        .select_related("worker", "team")
        .order_by("-started_at", "-pk")
        .first()
    )
    return ChildHeader(
        person_id=p.pk,
        name=p.full_name,
        reference=p.reference,
        age=_age(p, timezone.localdate()),
        address=str(home.address) if home else "No current address",
        household=[member.full_name for member in household_for(actor=actor, person=p)],
        flags=_flags(facts),
        worker=allocation.worker.display_name if allocation else "",
        team=allocation.team.name if allocation else "",
        last_seen=facts["last_seen"],
        warnings=_warnings(facts, p),
        staff_warnings=_staff_warnings(actor, p),
    )


def _staff_warnings(actor: User, person: Person) -> list[StaffWarningLine]:
    today = timezone.localdate()
    return [
        StaffWarningLine(
            text=w.text,
            entered_by=w.entered_by.display_name,
            entered_at=w.entered_at,
            review_on=w.review_on,
            review_overdue=review_overdue(review_on=w.review_on, today=today),
        )
        for w in current_warnings(actor=actor, person=person)
    ]


def render(*, actor: User, person: Person) -> str:
    """The header as HTML (records/_child_header.html): connected to core.record_header."""
    return render_to_string(
        "records/_child_header.html", {"header": child_header(actor=actor, person=person)}
    )
