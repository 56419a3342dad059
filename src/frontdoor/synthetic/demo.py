"""Demo sign-ins: one user per role, made only in demo mode (settings.FRONTDOOR_DEMO), never in
seeded or real data. The sign-in page shows DEMO_SIGN_INS when demo mode is on."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from frontdoor.access.models import Restriction, RestrictionReason
from frontdoor.access.services import restriction_create
from frontdoor.allegations.models import Allegation
from frontdoor.child_protection.models import Agency, Conference, ConferenceAgency, Distribution
from frontdoor.drift import selectors as drift_selectors
from frontdoor.drift import services as drift_services
from frontdoor.drift.models import Panel
from frontdoor.organisations.models import AgencyKind, Authority, PartnerAgency, Role, Team, User
from frontdoor.quality.models import PracticeNote
from frontdoor.referrals.models import Allocation
from frontdoor.tasks.services import Owner
from frontdoor.workforce.models import CaseloadSnapshot
from frontdoor.workforce.services import caseload_snapshot_backfill

DEMO_PASSWORD = "frontdoor-demo"  # noqa: S105 - a published demo password for synthetic data only
_DEMO_USERS = (
    ("officer", Role.CONTACT_OFFICER),
    ("worker", Role.SOCIAL_WORKER),
    ("assistant", Role.SOCIAL_WORK_ASSISTANT),
    ("manager", Role.TEAM_MANAGER),
    ("leader", Role.SENIOR_LEADER),
    ("qa", Role.QUALITY_ASSURANCE),
    ("admin", Role.ADMINISTRATOR),
    # The data protection officer's read-only view of the audit trail and access log.
    ("auditor", Role.AUDITOR),
    # The designated officer (LADO): allegations against people who work with children.
    ("lado", Role.DESIGNATED_OFFICER),
    # A school's designated safeguarding lead on the partner referral portal.
    ("school", Role.PARTNER_USER),
)
DEMO_SIGN_INS: list[dict[str, str]] = [
    {"username": username, "role": str(role.label), "password": DEMO_PASSWORD}
    for username, role in _DEMO_USERS
]


@transaction.atomic
def demo_users_ensure(*, authority: Authority) -> list[User]:
    """Create (or reset) the demo users in the authority's front-door team, with the demo password."""
    team = Team.objects.filter(authority=authority, is_front_door=True).order_by("pk").first()
    users = []
    for username, role in _DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = str(role.label), "(demo)"
        user.authority, user.team, user.role = authority, team, role
        user.job_title, user.is_active = f"{role.label} (demo)", True
        if role == Role.PARTNER_USER:
            user.team = None
            user.partner_agency = (
                PartnerAgency.objects.filter(
                    authority=authority, kind=AgencyKind.EDUCATION, default_referral_source="2A"
                )
                .order_by("pk")
                .first()
            )
            user.email, user.job_title = "school@example.org", "Designated safeguarding lead (demo)"
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    _demo_restriction(next(u for u in users if u.role == Role.TEAM_MANAGER))
    _demo_school_meetings(next(u for u in users if u.role == Role.PARTNER_USER))
    _demo_caseload(next(u for u in users if u.username == "worker"))
    _demo_allegations(next(u for u in users if u.role == Role.TEAM_MANAGER))
    _demo_practice_notes(
        next(u for u in users if u.username == "worker"), next(u for u in users if u.username == "manager")
    )
    _demo_panels(*(next(u for u in users if u.username == name) for name in ("leader", "manager", "worker")))
    _demo_caseload_history(authority)
    return users


def _demo_caseload_history(authority: Authority) -> None:
    """Rebuild each day's caseloads from the first allocation to yesterday, as `frontdoor
    workforce_backfill` does, so "Can our teams cope?" has a year to show (after _demo_caseload, so
    the demo worker's cases count as theirs)."""
    if CaseloadSnapshot.objects.filter(authority=authority).exists():
        return
    allocations = Allocation.objects.filter(referral__authority=authority)
    first = allocations.aggregate(first=Min("started_at"))["first"]
    if first is not None:
        last = timezone.localdate() - timedelta(days=1)
        caseload_snapshot_backfill(authority=authority, first=timezone.localdate(first), last=last)


DEMO_PANELS = ((28, "Last month's"), (0, "Today's"))  # days ago, and whose
DEMO_PANEL_CHILDREN = 2  # children each demo panel decides on besides the one at both


def _demo_panels(leader: User, manager: User, worker: User) -> None:
    """Two drift panels chaired by the demo senior leader, each deciding on a few children from the
    list with an action for the demo social worker, so the panels, their decisions and "what changed"
    have something to show. Made through the services, so the reasons are the rules' own."""
    if Panel.objects.filter(authority=leader.authority).exists():
        return
    today = timezone.localdate()
    listed = drift_selectors.listed(leader)
    attendees = (
        f"{leader.display_name} (chair), {manager.display_name}, the principal social worker, "
        "the independent reviewing officers' manager"
    )
    action = drift_services.Action(
        "Visit and see the child alone; update the plan", Owner(user=worker), today + timedelta(days=14)
    )
    for n, (days_ago, whose) in enumerate(DEMO_PANELS):
        held_on = today - timedelta(days=days_ago)
        panel = drift_services.panel_hold(actor=leader, held_on=held_on, attendees=attendees)
        # The first child goes to both panels, so "what changed" compares two of them.
        for row in listed[:1] + listed[1 + n * DEMO_PANEL_CHILDREN : (n + 1) * DEMO_PANEL_CHILDREN]:
            drift_services.panel_decide(
                actor=leader,
                panel=panel,
                person_id=row.person.pk,
                next_review_on=held_on + timedelta(days=56),
                decision=f"{whose} panel: a fresh manager's review of the plan's outcomes with the family",
                actions=[action],
            )


DEMO_NAMED_ALLEGATIONS = 3  # open allegations the demo manager is named on; the rest stay hidden


def _demo_allegations(manager: User) -> None:
    """Name the demo manager on a few open allegations, so a named manager's view can be shown; every
    other allegation is the designated officer's alone (and other named managers')."""
    open_ones = Allegation.objects.filter(authority=manager.authority, outcome="").order_by("-received_at")
    for allegation in open_ones[:DEMO_NAMED_ALLEGATIONS]:
        allegation.named_managers.add(manager)


SCHOOL_CONFERENCES = 3  # conferences the demo school is named at, so its portal page has meetings


DEMO_CASELOAD = 12  # open episodes the demo social worker holds, so My work has something to show


def _demo_caseload(worker: User) -> None:
    """Hand the demo social worker a caseload: the current allocations of open episodes, taken from
    the generated worker who holds the most, so My work, its clocks and the breach notifications
    are the demo worker's to see. The worker stays in the front-door team (its sight is unchanged)."""
    held = Allocation.objects.filter(
        referral__authority=worker.authority, ended_at__isnull=True, referral__closure_date__isnull=True
    )
    if held.filter(worker=worker).exists():
        return
    busiest = (
        held.exclude(worker=worker)
        .values("worker_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "worker_id")
        .values_list("worker_id", flat=True)
        .first()
    )
    if busiest is None:
        return
    chosen = list(held.filter(worker_id=busiest).order_by("pk").values_list("pk", flat=True)[:DEMO_CASELOAD])
    Allocation.objects.filter(pk__in=chosen).update(worker=worker)


DEMO_NOTES = 4  # practice notes addressed to the demo worker and manager


def _demo_practice_notes(worker: User, manager: User) -> None:
    """Address the practice notes about the demo worker's caseload (or, failing that, the latest
    open ones) to the demo worker and the demo manager, so both see notes to acknowledge and answer."""
    notes = PracticeNote.objects.filter(authority_id=worker.authority_id)
    if notes.filter(worker=worker).exists():
        return
    children = Allocation.objects.filter(worker=worker, ended_at__isnull=True).values("referral__person_id")
    chosen = list(notes.filter(person_id__in=children).values_list("pk", flat=True))
    if len(chosen) < DEMO_NOTES:
        latest = notes.filter(closed_at__isnull=True).exclude(pk__in=chosen).order_by("-raised_at", "-pk")
        chosen += list(latest.values_list("pk", flat=True)[: DEMO_NOTES - len(chosen)])
    notes.filter(pk__in=chosen).update(worker=worker, manager=manager, team_id=worker.team_id)


def _demo_school_meetings(school: User) -> None:
    """Name the demo school as the education agency at the authority's latest conferences (the
    generator records agencies by kind only), so "Plans and meetings" on its portal shows what a
    school sees: the meeting, whether it was invited and attended, and what it was sent."""
    if school.partner_agency is None:
        return
    named = ConferenceAgency.objects.filter(partner_agency=school.partner_agency)
    if named.exists():
        return
    latest = list(
        # The latest whose papers have gone out to education, so the page shows what was sent.
        Conference.objects.filter(
            authority_id=school.authority_id,
            agencies__agency=Agency.EDUCATION,
            distributions__agency=Agency.EDUCATION,
        )
        .distinct()
        .order_by("-held_on", "-pk")
        .values_list("pk", flat=True)[:SCHOOL_CONFERENCES]
    )
    for model in (ConferenceAgency, Distribution):
        model.objects.filter(conference_id__in=latest, agency=Agency.EDUCATION).update(
            partner_agency=school.partner_agency
        )


def _demo_restriction(manager: User) -> None:
    """One restricted record owned by the demo manager, so the restrictions page and its review
    clock have something to show; every other demo user meets "not found" (or breaks glass)."""
    if Restriction.objects.filter(owner=manager, lifted_at__isnull=True).exists():
        return
    held = Allocation.objects.filter(
        referral__authority=manager.authority,
        ended_at__isnull=True,
        worker__is_active=True,
        referral__person__restrictions=None,
    )
    allocation = held.select_related("referral__person", "worker").order_by("pk").first()
    if allocation is None:
        return
    restriction_create(
        actor=manager,
        person=allocation.referral.person,
        reason=RestrictionReason.STAFF,
        note="A relative works in the front door (synthetic demo).",
        allowed_users=[allocation.worker],
    )
