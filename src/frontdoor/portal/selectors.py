"""Every read in the partner portal. A partner sees only what they referred (and the outcome fed
back to them), their own drafts, and the checks asked of their own agency; anything else is the
same 404 as a record that does not exist. Reads that name a child are access-logged.

A restricted child (access.models.Restriction) is never named to a partner: partners cannot be on a
restriction's named list (access.forms), so every page that shows a contact's children (checks,
referrals, notifications) and the meetings show such a child as RESTRICTED_CHILD, with no date of
birth and no access event, and the plans leave them out."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.scope import hidden_people
from frontdoor.audit.services import access_log
from frontdoor.child_protection.models import (
    Conference,
    ConferenceAgency,
    ConferenceChild,
    CoreGroup,
    Distribution,
    Item,
    Participant,
)
from frontdoor.contacts.models import ContactChild, PartnerCheck, Stage
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.plans.models import ChildInNeedPlan, PlanPartner
from frontdoor.portal.models import Draft, NotificationsRead, PortalReferral

NOT_FOUND = "No referral was found."
RESTRICTED_CHILD = "A child whose record is restricted"
CHECK_NOT_FOUND = "No check was found."

# What a referrer is told of each stage: they see where it is, not the front door's working.
STATUS_WORDS = {
    Stage.AWAITING_SCREENING: "Received",
    Stage.PARTNER_CHECKS: "Being considered",
    Stage.AWAITING_DECISION: "Being considered",
    Stage.DECIDED: "Decided",
}


def status_words(stage: str) -> str:
    return STATUS_WORDS.get(Stage(stage), "Received")


def drafts_for(*, actor: User) -> list[Draft]:
    require(actor, "portal.refer")
    return list(Draft.objects.filter(authority_id=actor.authority_id, owner=actor))


def draft_get_for(*, actor: User, draft_id: int) -> Draft:
    require(actor, "portal.refer")
    try:
        return Draft.objects.get(pk=draft_id, authority_id=actor.authority_id, owner=actor)
    except Draft.DoesNotExist:
        raise Http404("No draft was found.") from None


def _journeys(actor: User) -> QuerySet[ContactChild]:
    """A contact's children, each with `restricted`: whether the partner must not see who they are."""
    return ContactChild.objects.annotate(restricted=_restricted(actor, "person_id")).order_by("pk")


def _seen(journeys: Iterable[ContactChild]) -> list[int]:
    """The children a page names (a restricted child is shown unnamed, so is not logged as seen)."""
    return [j.person_id for j in journeys if not j.restricted]  # type: ignore[attr-defined]


def _submissions(actor: User) -> QuerySet[PortalReferral]:
    journeys = _journeys(actor).select_related("person", "decision")
    return (
        PortalReferral.objects.filter(authority_id=actor.authority_id, submitted_by=actor)
        .select_related("contact", "agency")
        .prefetch_related(Prefetch("contact__children", queryset=journeys))
    )


def _children_of(referrals: list[PortalReferral]) -> list[int]:
    return [pid for r in referrals for pid in _seen(r.contact.children.all())]


def submissions_for(*, actor: User) -> list[PortalReferral]:
    """What this partner referred, newest first, with each child's journey and decision."""
    require(actor, "portal.refer")
    referrals = list(_submissions(actor)[:200])
    access_log(actor=actor, person_ids=_children_of(referrals), purpose="portal.submissions")
    return referrals


def submission_get_for(*, actor: User, contact_id: int) -> PortalReferral:
    require(actor, "portal.refer")
    try:
        referral = _submissions(actor).get(contact_id=contact_id)
    except PortalReferral.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    access_log(actor=actor, person_ids=_children_of([referral]), purpose="portal.submission")
    return referral


def _checks(actor: User) -> QuerySet[PartnerCheck]:
    journeys = _journeys(actor).select_related("person")
    return (
        PartnerCheck.objects.filter(authority_id=actor.authority_id, agency_id=actor.partner_agency_id)
        .exclude(agency_id__isnull=True)
        .select_related("contact", "clock", "agency")
        .prefetch_related(Prefetch("contact__children", queryset=journeys))
    )


def checks_for(*, actor: User) -> list[PartnerCheck]:
    """Checks the front door asked of this partner's agency: unanswered first, oldest first."""
    require(actor, "portal.answer_check")
    if actor.partner_agency_id is None:
        return []
    checks = list(_checks(actor).order_by("-responded_at", "requested_at")[:200])
    checks.sort(key=lambda c: (c.responded_at is not None, c.requested_at))
    people = [pid for c in checks for pid in _seen(c.contact.children.all())]
    access_log(actor=actor, person_ids=people, purpose="portal.checks")
    return checks


def check_get_for(*, actor: User, check_id: int) -> PartnerCheck:
    require(actor, "portal.answer_check")
    try:
        check = _checks(actor).get(pk=check_id)
    except PartnerCheck.DoesNotExist:
        raise Http404(CHECK_NOT_FOUND) from None
    access_log(actor=actor, person_ids=_seen(check.contact.children.all()), purpose="portal.check")
    return check


@dataclass(frozen=True)
class Notification:
    at: datetime
    text: str
    url: str
    new: bool


def notifications_for(*, actor: User, limit: int = 50) -> list[Notification]:
    """Decisions on what this partner referred, and checks asked of their agency, newest first.
    Those after the partner last read their notifications are new."""
    require(actor, "portal.refer")
    read = NotificationsRead.objects.filter(user=actor).values_list("read_up_to", flat=True).first()
    found: list[tuple[datetime, str, str]] = []
    decided = (
        ContactChild.objects.filter(
            authority_id=actor.authority_id,
            contact__portal_referral__submitted_by=actor,
            decision__isnull=False,
        )
        .annotate(restricted=_restricted(actor, "person_id"))
        .select_related("decision", "contact", "person")
        .order_by("-decision__decided_at")[:limit]
    )
    for journey in decided:
        decision = journey.decision
        name = RESTRICTED_CHILD if journey.restricted else journey.person.full_name  # type: ignore[attr-defined]
        found.append(
            (
                decision.decided_at,
                f"Decision on {journey.contact.reference} for {name}: {decision.get_outcome_display()}",
                reverse("portal:submission", kwargs={"pk": journey.contact_id}),
            )
        )
    # A check's notification names its contact, which is about its children: they are seen too.
    people = _seen(decided)
    if actor.partner_agency_id is not None:
        for check in _checks(actor).order_by("-requested_at")[:limit]:
            people += _seen(check.contact.children.all())
            found.append(
                (
                    check.requested_at,
                    f"The front door asked {check.agency.name} for a check on {check.contact.reference}",
                    reverse("portal:check", kwargs={"pk": check.pk}),
                )
            )
    found.sort(key=lambda row: row[0], reverse=True)
    shown = found[:limit]
    access_log(actor=actor, person_ids=people, purpose="portal.notifications")
    return [Notification(at, text, url, read is None or at > read) for at, text, url in shown]


def unread_count(*, actor: User) -> int:
    """How many notifications are new: two counts, naming no child (so nothing to log)."""
    require(actor, "portal.refer")
    read = NotificationsRead.objects.filter(user=actor).values_list("read_up_to", flat=True).first()
    decisions = ContactChild.objects.filter(
        authority_id=actor.authority_id, contact__portal_referral__submitted_by=actor, decision__isnull=False
    )
    checks = PartnerCheck.objects.filter(authority_id=actor.authority_id, agency_id=actor.partner_agency_id)
    if read is not None:
        decisions = decisions.filter(decision__decided_at__gt=read)
        checks = checks.filter(requested_at__gt=read)
    return decisions.count() + (checks.count() if actor.partner_agency_id else 0)


def plans_for(*, actor: User) -> list[ChildInNeedPlan]:
    """Children-in-need plans whose meetings this partner's agency is invited to, open first: the
    child, when the next review meeting is due, the reviews held, and when the agency received the
    plan. (Child protection meetings are protection_meetings_for's: they list an agency only where
    staff named it.)"""
    require(actor, "portal.refer")
    if actor.partner_agency_id is None:
        return []
    mine = PlanPartner.objects.filter(agency_id=actor.partner_agency_id)
    plans: list[ChildInNeedPlan] = list(
        ChildInNeedPlan.objects.filter(
            authority_id=actor.authority_id,
            partners__agency_id=actor.partner_agency_id,
            partners__invited=True,
        )
        .exclude(person_id__in=hidden_people(actor))
        .distinct()
        .select_related("person", "review_clock")
        .prefetch_related("reviews", Prefetch("partners", queryset=mine, to_attr="mine"))
        .order_by("end_date", "-start_date", "pk")[:200]
    )
    access_log(actor=actor, person_ids=[p.person_id for p in plans], purpose="portal.meetings")
    return plans


@dataclass(frozen=True)
class Sent:
    item: str  # "Minutes", "Child protection plan", "Outcome record"
    sent_on: date


@dataclass(frozen=True)
class ProtectionMeeting:
    """A child protection meeting as the invited agency sees it: when, what, about whom, whether the
    agency was invited and attended, and what was sent to the agency (never to others)."""

    held_on: date
    kind: str
    children: list[str]  # RESTRICTED_CHILD in place of a restricted child's name
    person_ids: list[int]  # the children named (for the access log)
    invited: bool
    attended: bool
    sent: list[Sent]


MEETINGS_LIMIT = 200  # per kind of meeting: an agency's meetings over years, not a search


def _restricted(actor: User, ref: str) -> ExpressionWrapper[Q]:
    """Whether the child at `ref` is restricted from this partner (a column, so no extra query)."""
    return ExpressionWrapper(Q(**{f"{ref}__in": hidden_people(actor)}), output_field=BooleanField())


def _named(people: list[tuple[int, str, bool]]) -> tuple[list[str], list[int]]:
    """(the names shown, the ids of the children named) from (id, name, restricted) of each child."""
    names = [RESTRICTED_CHILD if restricted else name for _, name, restricted in people]
    return names, [pk for pk, _, restricted in people if not restricted]


def _discussion_rows(actor: User, agency_id: int) -> list[ProtectionMeeting]:
    places = (
        Participant.objects.filter(partner_agency_id=agency_id, discussion__authority_id=actor.authority_id)
        .select_related("discussion__person")
        .annotate(restricted=_restricted(actor, "discussion__person_id"))
        .order_by("-discussion__held_at", "-pk")[:MEETINGS_LIMIT]
    )
    return [
        ProtectionMeeting(
            timezone.localdate(p.discussion.held_at),
            "Strategy discussion",
            *_named([(p.discussion.person_id, p.discussion.person.full_name, p.restricted)]),  # type: ignore[attr-defined]
            invited=p.invited,
            attended=p.attended,
            sent=[],
        )
        for p in places
    ]


def _conference_rows(actor: User, agency_id: int) -> list[ProtectionMeeting]:
    """Conferences the agency was named at, or sent something from: each with only its own rows."""
    items = dict(Item.choices)
    conferences = (
        Conference.objects.filter(authority_id=actor.authority_id)
        .filter(Q(agencies__partner_agency_id=agency_id) | Q(distributions__partner_agency_id=agency_id))
        .distinct()
        .prefetch_related(
            Prefetch("agencies", ConferenceAgency.objects.filter(partner_agency_id=agency_id), "mine"),
            Prefetch(
                "distributions",
                Distribution.objects.filter(partner_agency_id=agency_id).order_by("sent_on", "item", "pk"),
                "sent_to_me",
            ),
            Prefetch(
                "children",
                ConferenceChild.objects.select_related("person")
                .annotate(restricted=_restricted(actor, "person_id"))
                .order_by("pk"),
                "kids",
            ),
        )
        .order_by("-held_on", "-pk")[:MEETINGS_LIMIT]
    )
    return [
        ProtectionMeeting(
            c.held_on,
            c.get_kind_display(),
            *_named([(k.person_id, k.person.full_name, k.restricted) for k in c.kids]),  # type: ignore[attr-defined]
            invited=any(a.invited for a in c.mine),  # type: ignore[attr-defined]
            attended=any(a.attended for a in c.mine),  # type: ignore[attr-defined]
            sent=[Sent(items[d.item], d.sent_on) for d in c.sent_to_me],  # type: ignore[attr-defined]
        )
        for c in conferences
    ]


def _core_group_rows(actor: User, agency_id: int) -> list[ProtectionMeeting]:
    groups = (
        CoreGroup.objects.filter(authority_id=actor.authority_id, attended_partners__id=agency_id)
        .select_related("plan__person")
        .annotate(restricted=_restricted(actor, "plan__person_id"))
        .order_by("-held_on", "-pk")[:MEETINGS_LIMIT]
    )
    return [
        ProtectionMeeting(
            g.held_on,
            "Core group meeting",
            *_named([(g.plan.person_id, g.plan.person.full_name, g.restricted)]),  # type: ignore[attr-defined]
            invited=False,  # core groups record who attended, not who was invited
            attended=True,
            sent=[],
        )
        for g in groups
    ]


def protection_meetings_for(*, actor: User) -> list[ProtectionMeeting]:
    """Strategy discussions, conferences and core groups this partner's agency was named at by the
    authority's staff (invited or attended), newest first, with what was sent to this agency alone.
    Nothing of the discussion's reasoning or the core group's notes: those are the authority's."""
    require(actor, "portal.refer")
    if actor.partner_agency_id is None:
        return []
    agency_id = actor.partner_agency_id
    rows = [
        *_discussion_rows(actor, agency_id),
        *_conference_rows(actor, agency_id),
        *_core_group_rows(actor, agency_id),
    ]
    rows.sort(key=lambda m: m.held_on, reverse=True)
    people = [pid for m in rows for pid in m.person_ids]
    access_log(actor=actor, person_ids=people, purpose="portal.protection_meetings")
    return rows
