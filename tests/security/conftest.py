"""Two authorities, each with a child known to its front door, for the security tests.

Everything is recorded as if two hours ago. In each authority: one member of staff per role, a child
with an open contact (received 30 hours before that, so it is on the queue, the board and the daily
review) with a partner check whose question names the child, and a decided contact that opened a
children-in-need episode. Two more children have episodes: one with an assessment in progress and
a child in need plan, one with a completed assessment awaiting authorisation. The children's names
and references are memorable, so that a page showing them can be told apart from one that does not.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.models import Restriction
from frontdoor.allegations import services as allegation_services
from frontdoor.allegations.models import Allegation
from frontdoor.assessments import services as assessment_services
from frontdoor.assessments.models import Assessment
from frontdoor.casenotes import services as note_services
from frontdoor.casenotes.models import CaseNote
from frontdoor.clocks import admin_services
from frontdoor.clocks.models import BankHoliday
from frontdoor.complaints import services as complaint_services
from frontdoor.complaints.models import Complaint
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact, ContactChild, LinkProposal, Outcome, PartnerCheck
from frontdoor.documents.models import Document
from frontdoor.documents.services import document_attach
from frontdoor.domestic_abuse import services as domestic_abuse_services
from frontdoor.domestic_abuse.models import Notification, NotifiedChild
from frontdoor.drift import services as drift_services
from frontdoor.drift.models import Panel
from frontdoor.early_help import services as early_help_services
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.exploitation import services as exploitation_services
from frontdoor.exploitation.models import Place, Screening
from frontdoor.identity import services as identity_services
from frontdoor.identity.models import DuplicatePair, Merge
from frontdoor.missing import services as missing_services
from frontdoor.missing.models import MissingEpisode, PatternFlag
from frontdoor.organisations.models import AgencyKind, Authority, PartnerAgency, Role, Team, User
from frontdoor.people.models import Person, StaffWarning
from frontdoor.people.warning_services import staff_warning_add
from frontdoor.plans import content_services
from frontdoor.plans import services as plan_services
from frontdoor.plans.facts import plan_facts
from frontdoor.plans.models import ChildInNeedPlan, PlanOutcome, PlanReview
from frontdoor.portal import services as portal_services
from frontdoor.portal.models import Draft, PortalReferral
from frontdoor.quality import services as quality_services
from frontdoor.quality.models import AuditProgramme, AuditTemplate, CaseAudit, PracticeNote
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.models import Referral
from frontdoor.referrals.services import allocation_make
from frontdoor.retention.models import LegalHold
from frontdoor.returns import services as returns
from frontdoor.returns import validator
from frontdoor.returns.models import ReturnFile
from frontdoor.supervision import services as supervision_services
from frontdoor.synthetic.generator.pdf import minimal_pdf
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders

from .child_protection_world import ChildProtection
from .child_protection_world import build as build_child_protection


@dataclass
class Side:
    """One authority's staff and the records about its child."""

    la: Authority
    staff: dict[str, User]
    child: Person
    contact: Contact  # open
    journey: ContactChild  # the child on the open contact
    linked: ContactChild  # a portal referral's child, linked to the register pending the front door
    check: PartnerCheck  # awaiting an answer, about the open contact
    decided: ContactChild  # the child on the decided contact
    referral: Referral
    other_agency: PartnerAgency  # with no check waiting, for requesting one
    # A second child whose episode has an assessment in progress and a child in need plan, and a
    # third whose assessment is completed and awaits a manager's authorisation.
    assessed_child: Person | None = None
    assessment: Assessment | None = None
    cin_plan: ChildInNeedPlan | None = None
    cin_episode: Referral | None = None  # cin_plan's episode
    cin_review: PlanReview | None = None  # a review of cin_plan, with no progress recorded yet
    cin_outcome: PlanOutcome | None = None  # the plan's one outcome
    completed_child: Person | None = None
    completed: Assessment | None = None
    episode: MissingEpisode | None = None  # returned overnight: no oversight or interview offer yet; flagged
    still_missing: MissingEpisode | None = None  # no return recorded
    offered: MissingEpisode | None = None  # returned, interview offered and accepted, not yet completed
    flag: PatternFlag | None = None  # raised by `episode` (missing overnight), not acknowledged
    screening: Screening | None = None  # medium risk, with its review clock
    exploitation_action: Task | None = None  # from a meeting about `screening`, owned by the police
    hangout: Place | None = None  # a place linked to the child: a target for disruption activity
    # A census holding the child, checked, with an issue naming the child.
    returns_file: ReturnFile | None = None
    # An episode with an authorised assessment and nothing else open: it may be closed or planned.
    plannable: Referral | None = None
    markers: tuple[str, ...] = field(default=())
    # Team scope (docs/adr/0007): the side's episodes are allocated to team A; each team role has a
    # member in team A (own team) and in team B (another team, with nothing allocated to it).
    team_a: dict[str, User] = field(default_factory=dict)
    team_b: dict[str, User] = field(default_factory=dict)
    # The front door's records about a second child whose record is restricted to the team manager
    # and the senior leader (and has had break-glass used on it by an on-call officer).
    secret: "Side | None" = None
    restriction: Restriction | None = None
    cp: ChildProtection | None = None
    # Issue 9 (quality, supervision, early help), all about the same child: see _issue_9.
    programme: AuditProgramme | None = None  # not yet sampled
    audit_template: AuditTemplate | None = None  # used by no audit: it may be edited
    audit: CaseAudit | None = None  # graded by an auditor outside `staff`, with an action for the manager
    audit_action: Task | None = None
    early_help: EarlyHelpCase | None = None  # open, led by a school, assessed, with a plan
    worker: User | None = None  # a social work assistant holding the episode, supervised once
    direction: Task | None = None  # the manager's, overdue
    # Issue 16: the manager's case note about the child, and a letter on the child's record naming them.
    note: CaseNote | None = None
    document: Document | None = None
    # Issue 19 §1: an allegation about the child, recorded by the designated officer, naming the team
    # manager and the senior leader; the adult's name is a marker no refusal may show.
    allegation: Allegation | None = None
    staff_warning: StaffWarning | None = None  # "Dog at address", entered by the manager
    # Issue 19 §3, §4: a complaint about the child at stage 1 (open), one answered at stage 1 (it may
    # go to stage 2), the learning from it (the manager's), and a practice note to the social worker.
    complaint: Complaint | None = None
    answered_complaint: Complaint | None = None
    learning: Task | None = None
    practice_note: PracticeNote | None = None
    # Issue 19 §2: a high-risk police domestic abuse notification about the child, listed for MARAC
    # today; the child's school not yet told.
    domestic_abuse: Notification | None = None
    da_child: NotifiedChild | None = None
    # Issue 19 §4: a child open 200 days (on the drift list), allocated to team A, and a drift panel
    # held by the senior leader with no decision yet (a decision for drift_child is a valid POST).
    drift_child: Person | None = None
    drift_panel: Panel | None = None

    @property
    def audit_programme(self) -> AuditProgramme:
        assert self.audit is not None
        return self.audit.programme

    # The police's portal user (staff[PARTNER_USER]) referred the child online and keeps a draft.
    portal_contact: Contact | None = None
    draft: Draft | None = None
    # The duplicate register (issue 17 §5): the child and a second record of them, open for review,
    # and a merge in force of two other records (no links: undoing it moves nothing of the child's).
    duplicate_pair: DuplicatePair | None = None
    merge: Merge | None = None

    @property
    def manager(self) -> User:
        return self.staff[Role.TEAM_MANAGER]

    def __getattr__(self, name: str):
        """The child protection records by name (discussion, enquiry, plan...), as endpoint targets."""
        cp = self.__dict__.get("cp")
        if cp is not None and hasattr(cp, name):
            return getattr(cp, name)
        raise AttributeError(name)

    @property
    def partner(self) -> User:
        return self.staff[Role.PARTNER_USER]


@dataclass
class World:
    own: Side
    other: Side
    holiday: BankHoliday


def police_officer(la):
    """The police officer who owns the meeting's action (a partner professional)."""
    return Owner(professional=builders.professional(la, "PC Lee", "Mercia Police"))


def _record(la: Authority, officer: User, child: Person, hours_ago: int) -> Contact:
    return services.contact_record(
        actor=officer,
        children=[child],
        received_at=timezone.now() - timedelta(hours=hours_ago),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )


def _decide(la: Authority, officer: User, manager: User, child: Person) -> ContactChild:
    journey = _record(la, officer, child, hours_ago=50).children.get()
    services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=Outcome.ASSESSMENT,
        need_level=builders.level(la, 3),
        rationale="Needs an assessment of the child's needs",
    )
    journey.refresh_from_db()
    return journey


def _assessment(manager: User, child: Person, *, complete: bool) -> Assessment:
    referral = Referral.objects.get(person=child)
    today = timezone.localdate()
    assessment = assessment_services.assessment_start(actor=manager, referral=referral, started_on=today)
    assessment_services.assessment_record(
        actor=manager,
        assessment=assessment,
        version=assessment.version,
        child_seen_on=today,
        childs_voice="Likes school",
        parents_views="Want help",
        analysis="Needs met with support",
    )
    if complete:
        assessment_services.assessment_complete(
            actor=manager,
            assessment=assessment,
            version=assessment.version,
            completed_on=today,
            factors=["4B"],
            outcome="cin_plan",
        )
    return assessment


TEAM_ROLES = (Role.CONTACT_OFFICER, Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER)


def _team_staff(la: Authority, name: str) -> dict[str, User]:
    team = Team.objects.create(authority=la, name=name)
    members = {role: builders.user(la, role) for role in TEAM_ROLES}
    User.objects.filter(pk__in=[u.pk for u in members.values()]).update(team=team)
    for user in members.values():
        user.refresh_from_db()
    return members


def _link_proposed(la: Authority, journey: ContactChild, child: Person) -> ContactChild:
    """The portal's referral about a known child waits for the front door to confirm the link."""
    LinkProposal.objects.get_or_create(
        journey=journey,
        defaults={
            "authority": la,
            "described": {"first_name": child.first_name, "last_name": child.last_name},
            "candidates": [{"person_id": child.pk, "score": 0.97, "band": "match", "reasons": ["Same name"]}],
            "created_at": timezone.now(),
        },
    )
    return journey


def _side(code: str, name: str, first: str, last: str, others: tuple[str, str]) -> Side:
    la = builders.authority(code, name)
    staff = {role: builders.user(la, role) for role in Role}
    team_a, team_b = _team_staff(la, "Assessment Team A"), _team_staff(la, "Assessment Team B")
    officer, manager = staff[Role.CONTACT_OFFICER], staff[Role.TEAM_MANAGER]
    child = builders.child(la, first, last)
    police = builders.agency(la)
    health = builders.agency(la, "Worcester Health Visiting", AgencyKind.HEALTH)
    partner = staff[Role.PARTNER_USER]
    partner.partner_agency, partner.team = police, None
    partner.save(update_fields=["partner_agency", "team"])
    child.nhs_number = "9434765919"
    child.save(update_fields=["nhs_number"])
    contact = _record(la, officer, child, hours_ago=30)
    check = services.partner_check_request(
        actor=manager, contact=contact, agency=police, question=f"What do you know about {first} {last}?"
    )
    # Three weeks ago, so the child protection records after it have room for their dates.
    earlier = _record(la, officer, child, hours_ago=24 * 21 + 2).children.get()
    services.contact_child_decide(
        actor=manager,
        journey=earlier,
        version=earlier.version,
        outcome=Outcome.ASSESSMENT,
        need_level=builders.level(la, 3),
        rationale="Needs an assessment of the child's needs",
    )
    earlier.refresh_from_db()
    referral = Referral.objects.get(contact_child=earlier)
    assessed_child = builders.child(la, others[0], last)
    _decide(la, officer, manager, assessed_child)
    assessment = _assessment(manager, assessed_child, complete=False)
    plan = plan_services.cin_plan_start(
        actor=manager,
        referral=assessment.referral,
        start_date=timezone.localdate(),
        involved=[police],
        invited=[police],
    )
    cin_review = plan_services.cin_plan_review(
        actor=manager, plan=plan, version=plan.version, reviewed_on=timezone.localdate(), summary="On track"
    )
    cin_outcome = content_services.plan_outcome_add(
        actor=manager,
        facts=plan_facts(actor=manager, kind="cin", plan_id=plan.pk, purpose="setup"),
        change="A warm home",
        measure="Heating on at each visit",
    )
    completed_child = builders.child(la, others[1], last)
    _decide(la, officer, manager, completed_child)
    completed = _assessment(manager, completed_child, complete=True)
    plannable_child = builders.child(la, "Wren", last)
    _decide(la, officer, manager, plannable_child)
    authorised = _assessment(manager, plannable_child, complete=True)
    assessment_services.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=manager,
        assessment=authorised,
        version=authorised.version,
        authorised_on=timezone.localdate(),
    )
    episode, still_missing, offered = _missing(staff, child)
    screening = exploitation_services.screening_record(
        actor=manager, person=child, kind="cce", indicators=["missing"], risk_level="medium",
        analysis="Found with older peers",
    )  # fmt: skip
    meeting = exploitation_services.meeting_record(
        actor=manager, screening=screening, held_at=timezone.now() - timedelta(hours=2), agencies="Police",
        discussion="Disruption at the park", risk_level="medium",
        actions=[exploitation_services.ActionData("Visit the park", police_officer(la), timezone.localdate())],  # noqa: E501
    )  # fmt: skip
    exploitation_action = Task.objects.get(source_type="exploitation.meeting", source_id=meeting.pk)
    hangout = exploitation_services.place_link(
        actor=manager, person=child, name="The underpass", kind="other"
    )
    portal_contact = _portal_referral(partner, child).contact
    linked = _link_proposed(la, portal_contact.children.get(), child)
    draft = portal_services.draft_save(actor=partner, answers={"concerns": ["Started, not finished"]})
    returns_file = _census(staff[Role.SENIOR_LEADER], child)
    side = Side(
        la=la,
        staff=staff,
        team_a=team_a,
        team_b=team_b,
        plannable=authorised.referral,
        child=child,
        contact=contact,
        journey=contact.children.get(),
        linked=linked,
        check=check,
        decided=earlier,
        referral=referral,
        other_agency=health,
        returns_file=returns_file,
        assessed_child=assessed_child,
        assessment=assessment,
        cin_plan=plan,
        cin_episode=plan.referral,
        cin_review=cin_review,
        cin_outcome=cin_outcome,
        completed_child=completed_child,
        completed=completed,
        markers=(
            child.full_name,
            child.reference,
            contact.reference,
            earlier.contact.reference,
            assessed_child.full_name,
            assessed_child.reference,
            completed_child.full_name,
            completed_child.reference,
            portal_contact.reference,
        ),
        cp=build_child_protection(staff[Role.SOCIAL_WORKER], referral, police),
        episode=episode,
        still_missing=still_missing,
        offered=offered,
        flag=PatternFlag.objects.get(person=child),
        screening=screening,
        exploitation_action=exploitation_action,
        hangout=hangout.place,
        portal_contact=portal_contact,
        draft=draft,
    )
    _allocate_to(
        manager,
        team_a,
        Referral.objects.filter(person__in=[child, assessed_child, completed_child, plannable_child]),
    )
    _issue_9(side)
    _issue_19(side)
    _case_record(side)
    _domestic_abuse(side)
    _identity(side)
    _restricted(side, builders.child(la, "Sable", f"{last}-Hidden"))
    _allegation(side)
    _drift(side)
    return side


def _drift(side: Side) -> None:
    episode = builders.referral(
        side.la, side.manager, person=builders.child(side.la, "Tamsin", side.child.last_name), days_ago=200
    )
    _allocate_to(side.manager, side.team_a, [episode])
    side.drift_child = episode.person
    side.drift_panel = drift_services.panel_hold(
        actor=side.staff[Role.SENIOR_LEADER], held_on=timezone.localdate(), attendees="Chair, team managers"
    )
    side.markers = (*side.markers, episode.person.full_name, episode.person.reference)


def _allegation(side: Side) -> None:
    officer = side.staff[Role.DESIGNATED_OFFICER]
    data = allegation_services.Referral(
        received_at=timezone.now() - timedelta(hours=1), referrer_name="Ruth Ellery",
        referrer_organisation="St Mary's Primary", adult_name=f"Quentin {side.child.last_name}-Adult",
        adult_role="Teaching assistant", employer="St Mary's Primary", sector="education", harm="harmed",
        allegation="Grabbed a child's arm", children=side.child.reference,
    )  # fmt: skip
    side.allegation = allegation_services.allegation_refer(actor=officer, data=data)
    managers = [side.staff[Role.TEAM_MANAGER], side.staff[Role.SENIOR_LEADER]]
    allegation_services.managers_name(actor=officer, allegation=side.allegation, managers=managers)
    side.markers = (*side.markers, side.allegation.adult_name)


def _issue_19(side: Side) -> None:
    """A complaint about the child (stage 1 open), another answered at stage 1, the learning from
    it, and a practice concern to the social worker and (so) the team manager."""
    qa, child = side.staff[Role.QUALITY_ASSURANCE], side.child
    received = timezone.now() - timedelta(days=3)

    def complaint() -> Complaint:
        return complaint_services.complaint_record(
            actor=qa, person=child, complainant="parent", complainant_name="Pat Parent",
            theme="communication", summary="Calls not returned", received_at=received,
        )  # fmt: skip

    side.complaint, answered = complaint(), complaint()
    complaint_services.complaint_stage_respond(
        actor=qa, complaint=answered, version=answered.version, responded_on=timezone.localdate(),
        outcome="partly", response="Apology given",
    )  # fmt: skip
    side.answered_complaint = Complaint.objects.get(pk=answered.pk)
    side.learning = complaint_services.complaint_learning_set(
        actor=qa, complaint=answered, what="Return calls within a day", owner=Owner(user=side.manager),
        due_on=timezone.localdate() + timedelta(days=14),
    )  # fmt: skip
    side.practice_note = quality_services.practice_note_raise(
        actor=qa, person=child, worker=side.staff[Role.SOCIAL_WORKER], kind="concern", theme="visits",
        text="Not seen alone at the last two visits",
    )  # fmt: skip


def _domestic_abuse(side: Side) -> None:
    school = builders.agency(side.la, "Riverside Primary School", AgencyKind.EDUCATION)
    incident = timezone.now() - timedelta(hours=30)
    notification = domestic_abuse_services.notification_record(
        actor=side.staff[Role.CONTACT_OFFICER],
        data=domestic_abuse_services.NotificationData(
            incident_at=incident, received_at=incident + timedelta(hours=2), risk_level="high",
            incident="Police attended a domestic incident; the child was in the home.",
        ),
        children=[domestic_abuse_services.ChildInHousehold(person=side.child, school=school)],
    )  # fmt: skip
    side.domestic_abuse = domestic_abuse_services.marac_record(
        actor=side.staff[Role.TEAM_MANAGER], notification=notification, marac=True,
        marac_date=timezone.localdate(),
    )  # fmt: skip
    side.da_child = notification.children.get()


def _case_record(side: Side) -> None:
    """Issue 16: a home visit note about the child, and a letter attached to the child's record."""
    child = side.child
    side.note = note_services.case_note_record(
        actor=side.manager, children=[child], kind="home_visit",
        occurred_at=timezone.now() - timedelta(hours=3), text="Home visit", childs_words="I like my school",
    )  # fmt: skip
    letter = SimpleUploadedFile(
        "letter.pdf", minimal_pdf([f"Dear {child.full_name},", "We will visit again."])
    )
    side.document = document_attach(
        actor=side.manager, person=child, subject=child, upload=letter, kind="letter", title="Letter"
    )
    side.staff_warning = staff_warning_add(
        actor=side.manager,
        person=child,
        text="Dog at address",
        review_on=timezone.localdate() + timedelta(days=90),
    )


def _identity(side: Side) -> None:
    la, child = side.la, side.child
    # A filed pair for the review pages, not a record the matcher would take for the child: the
    # police import (missing:import) must still find the one child its row describes.
    born = child.date_of_birth.replace(year=child.date_of_birth.year - 3) if child.date_of_birth else None
    copy = builders.child(la, child.first_name, f"{child.last_name}e", dob=born)
    side.duplicate_pair = DuplicatePair.objects.create(
        authority=la, first=child, second=copy, score=0.9, weight=3.2, band="possible",
        reasons=["Same date of birth"], found_at=timezone.now(),
    )  # fmt: skip
    kept, folded = builders.child(la, "Merle", child.last_name), builders.child(la, "Merle", child.last_name)
    side.merge = identity_services.person_merge(
        actor=side.manager, survivor=kept, merged=folded, survivor_version=1, merged_version=1
    )
    side.markers = (*side.markers, kept.reference, folded.reference)


def _allocate_to(manager: User, team: dict[str, User], referrals: Iterable[Referral]) -> None:
    for referral in referrals:
        referral_services.allocation_make(
            actor=manager,
            referral=referral,
            team=team[Role.SOCIAL_WORKER].team,
            worker=team[Role.SOCIAL_WORKER],
            reason="",
        )


def _restricted(side: Side, child: Person) -> None:
    """The restricted child (the front door's records about them), team scope and legal hold."""
    la, staff = side.la, side.staff
    secret = _front_door_records(la, staff, child)
    _allocate_to(staff[Role.TEAM_MANAGER], side.team_a, [secret.referral])
    restriction = access_services.restriction_create(
        actor=staff[Role.TEAM_MANAGER],
        person=secret.child,
        reason="staff",
        note="A relative works in the front door",
        allowed_users=[staff[Role.SENIOR_LEADER]],
    )
    on_call = builders.user(la, Role.CONTACT_OFFICER)
    access_services.break_glass_grant(actor=on_call, person=secret.child, reason="Police at the door tonight")
    LegalHold.objects.create(
        authority=la, person=side.child, reason="Inquiry", placed_by=staff[Role.SENIOR_LEADER],
        placed_at=timezone.now(),
    )  # fmt: skip
    side.secret, side.restriction = secret, restriction
    side.markers = (*side.markers, *secret.markers)


def _front_door_records(la: Authority, staff: dict[str, User], child: Person) -> Side:
    officer, manager = staff[Role.CONTACT_OFFICER], staff[Role.TEAM_MANAGER]
    police = builders.agency(la)
    health = builders.agency(la, "Worcester Health Visiting", AgencyKind.HEALTH)
    contact = _record(la, officer, child, hours_ago=30)
    check = services.partner_check_request(
        actor=manager,
        contact=contact,
        agency=police,
        question=f"What do you know about {child.first_name} {child.last_name}?",
    )
    earlier = _decide(la, officer, manager, child)
    return Side(
        la=la,
        staff=staff,
        child=child,
        contact=contact,
        journey=contact.children.get(),
        linked=_link_proposed(la, contact.children.get(), child),
        check=check,
        decided=earlier,
        referral=Referral.objects.get(contact_child=earlier),
        other_agency=health,
        markers=(child.full_name, child.reference, contact.reference, earlier.contact.reference),
    )


def _portal_referral(partner: User, child: Person) -> PortalReferral:
    assert child.date_of_birth is not None
    return portal_services.portal_referral_submit(
        actor=partner,
        children=[
            portal_services.ChildDetails(
                child.first_name, child.last_name, child.date_of_birth, child.nhs_number
            )
        ],
        details=portal_services.ReferralDetails(
            concern_categories=["neglect"],
            concerns="Seen at a domestic incident",
            what_has_been_tried="Nothing yet",
            family_knows=True,
            consent="obtained",
            consent_rationale="",
            referrer_name="PC Test",
            referrer_role="Officer",
            referrer_phone="101",
            referrer_email="pc@police.example",
        ),
    )


def _issue_9(side: Side) -> None:
    """Quality, supervision and early help records about the side's child, made by the services."""
    la, manager, child, referral = side.la, side.manager, side.child, side.referral
    qa = builders.user(la, Role.QUALITY_ASSURANCE)  # the auditor: not in staff, so any of staff moderates
    swa = builders.user(la, Role.SOCIAL_WORKER)
    swa.job_title = "Social work assistant"
    swa.save(update_fields=["job_title"])
    allocation_make(actor=manager, referral=referral, team=swa.team, worker=swa)
    school = builders.agency(la, "Northwick Primary School (test)", AgencyKind.EDUCATION)
    stepped_down = _record(la, side.staff[Role.CONTACT_OFFICER], child, hours_ago=40).children.get()
    services.contact_child_decide(
        actor=manager,
        journey=stepped_down,
        version=stepped_down.version,
        outcome=Outcome.EARLY_HELP,
        need_level=builders.level(la, 2),
        rationale="Needs met by early help",
    )
    case = EarlyHelpCase.objects.get(contact_child=stepped_down)
    today = timezone.localdate()
    early_help_services.early_help_lead_set(
        actor=manager, case=case, version=case.version, agency=school, professional=None
    )
    early_help_services.early_help_assessment_record(
        actor=manager, case=case, started_on=today, needs="Routines at home", childs_voice="I want breakfast"
    )
    early_help_services.early_help_plan_agree(
        actor=manager,
        case=case,
        agreed_on=today,
        outcomes="Breakfast every day",
        actions="School: breakfast club",
    )
    case.refresh_from_db()
    audited = quality_services.audit_programme_create(
        actor=qa, name="Audited", theme="Neglect", month=today, sample_size=3
    )
    audit = quality_services.audit_programme_sample(actor=qa, programme=audited)[0]
    answers = {q.pk: ("good", "") for q in audited.template.questions.all()}
    quality_services.case_audit_grade(
        actor=qa,
        audit=audit,
        version=audit.version,
        grade="good",
        answers=answers,
        lived_experience="Hungry",
        childs_voice="Heard",
    )
    action = quality_services.audit_action_set(
        actor=qa,
        audit=audit,
        what="See the child alone",
        owner=Owner(user=manager),
        due_on=today + timedelta(days=7),
    )
    session = supervision_services.supervision_record(
        actor=manager, worker=swa, held_on=today, reflection="Discussed", cases=[referral]
    )
    direction = supervision_services.direction_give(
        actor=side.staff[Role.SENIOR_LEADER],
        person=child,
        owner=Owner(user=manager),
        what="Visit this week",
        due_on=today,
        referral=referral,
        supervision=session,
    )
    # Overdue, as a direction given last week would be: the service only takes due dates from today.
    Task.objects.filter(pk=direction.pk).update(due_on=today - timedelta(days=1))
    side.programme = quality_services.audit_programme_create(
        actor=qa, name="To sample", theme="Voice", month=today, sample_size=3
    )
    side.audit, side.audit_action, side.early_help, side.worker = audit, action, case, swa
    side.audit_template = quality_services.audit_template_create(
        actor=qa, name="Not yet used", questions=["Is the child seen?"]
    )
    side.markers = (*side.markers, audit.person.full_name, audit.person.reference)
    side.direction = Task.objects.get(pk=direction.pk)
    side.audit.refresh_from_db()


def _missing(staff: dict[str, User], child: Person) -> tuple[MissingEpisode, MissingEpisode, MissingEpisode]:
    """Three episodes: 22:00 three nights ago to 07:00 (overnight, so flagged), one still missing
    since this morning, and one from a week ago with an interview offered and accepted."""
    officer, worker = staff[Role.CONTACT_OFFICER], staff[Role.SOCIAL_WORKER]
    night = timezone.localtime(timezone.now() - timedelta(days=3)).replace(hour=22, minute=0, second=0)

    def record(went, returned, reference):  # type: ignore[no-untyped-def]
        data = missing_services.EpisodeData(
            person=child, looked_after=False, went_missing_at=went, reported_at=went + timedelta(hours=1),
            notified_at=went + timedelta(hours=2), returned_at=returned, police_reference=reference,
        )  # fmt: skip
        return missing_services.episode_record(actor=officer, data=data)

    episode = record(night, night + timedelta(hours=9), f"MP{child.pk}A")
    still_missing = record(timezone.now() - timedelta(hours=6), None, f"MP{child.pk}B")
    offered = record(
        night - timedelta(days=4), night - timedelta(days=4) + timedelta(hours=9), f"MP{child.pk}C"
    )
    missing_services.interview_offer(
        actor=worker, episode=offered, offered_at=offered.returned_at + timedelta(hours=3),
        offered_by="Sam Lee, Get Safe", offered_by_independent=True, accepted=True,
    )  # fmt: skip
    return episode, still_missing, offered


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The world is built once per test module inside a transaction that is rolled back at the end;
    each test runs in a savepoint inside it (pytest-django's `db`), so every test starts from the
    same records, as if built afresh, at a fraction of the cost (the matrix has ~130 endpoints)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_once: World, db) -> World:
    return _world_once


def _build_world() -> World:
    # Two hours ago, in whole seconds, so that answers and feedback can be recorded "an hour ago".
    two_hours_ago = (timezone.now() - timedelta(hours=2)).replace(microsecond=0)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_ago):
        own = _side("885", "Worcestershire (test)", "Zinnia", "Quillfeather", ("Juniper", "Marigold"))
        other = _side("884", "Herefordshire (test)", "Orrin", "Blackwood", ("Corvin", "Thistle"))
    holiday, _ = admin_services.bank_holiday_add(
        actor=own.staff[Role.ADMINISTRATOR], day=_next_weekday(date(2031, 3, 3)), name="Test holiday"
    )
    return World(own=own, other=other, holiday=holiday)


def _census(lead: User, child: Person) -> ReturnFile:
    today = timezone.localdate()
    file = returns.cin_census_generate(actor=lead, year=today.year + (today.month > 3))
    issue = {
        "rule_code": "8897Q",
        "rule_type": "QUERY",
        "message": "Factors missing",
        "la_child_id": child.reference,
        "tables": "Assessments",
        "columns": "AssessmentFactors",
        "value": "",
    }
    result = validator.Result(issues=[issue], validator="csc-validator-be-cin 0.1.13", seconds=1.0)
    returns.validation_record(actor=lead, file=file, ruleset="cin2026_27", result=result)
    return file


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
