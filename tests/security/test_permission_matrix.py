"""The authorisation matrix: every endpoint, by every method it handles, as every role (and signed
out), against a record of the user's own authority, of another authority and one that does not
exist, compared with what the PERMISSIONS table and the scoping rules say (security.md §7 item 4;
style rules 14 and 15; ASVS 4.1.1, 4.2.1, 13.1.4).

Expected outcome, in this order:
  signed out, on a page that needs signing in  -> 302 to the sign-in page
  the role lacks the endpoint's permission      -> 403, whatever the record
  the record is another authority's or missing  -> 404, the same page for both
  otherwise                                     -> 200, 302 (or 204, the live board's "no change")
On every refusal: no child's name or reference in the body, no row of any table changed, and no
AccessEvent written. Every combination runs in a savepoint that is rolled back, so each starts from
the same records. POST bodies are valid (an allowed own-authority POST must write and redirect), so
a missing check would show as a change, not just as a status.

Record states (docs/adr/0007): own (the front-door team's child), own_team (the child's episode is
allocated to the user's assessment team), other_team (the user is in an assessment team the child
was never allocated to), restricted (the child's record is restricted to a named list: the team
manager and senior leader), other authority, and missing. Team roles act as a member of team A or B
in the team states; other roles' scope does not depend on a team. The restricted side holds the
front door's records (contact, check, decision, episode) about a restricted child; endpoints whose
record exists only on the open side are tried in the other five states (RESTRICTED_TARGETS), since
every selector applies the same access.scope.visible filter that the restricted state exercises.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts.views import DRAFT
from frontdoor.organisations.models import Role
from frontdoor.organisations.permissions import PERMISSIONS
from frontdoor.oversight.selectors import board_version
from frontdoor.synthetic.generator.pdf import minimal_pdf
from frontdoor.workforce.models import Vacancy
from tests.evidence import evidence

from .conftest import Side, World
from .test_access_logging import url_names

PUBLIC = "public"
SIGNED_IN = "signed in"
MISSING = 999_999
ROLES: list[str | None] = [None, *Role]  # None: signed out
STATES = ("own", "other", "missing", "own_team", "other_team", "restricted")
TEAM_ROLES = {Role.CONTACT_OFFICER, Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER}
NAMED_ON_RESTRICTION = {Role.TEAM_MANAGER, Role.SENIOR_LEADER}
# The records built about the restricted child (tests/security/conftest.py, _front_door_records).
RESTRICTED_TARGETS = {"child", "contact", "journey", "check", "decided", "referral"}

ALLOWED, FORBIDDEN, NOT_FOUND, SIGN_IN = "allowed", "403", "404", "sign in"


def _document() -> dict[str, Any]:
    return {
        "upload": SimpleUploadedFile("r.pdf", minimal_pdf(["Report"])),
        "kind": "report",
        "title": "Report",
    }


@dataclass(frozen=True)
class Endpoint:
    name: str
    rules: dict[str, str]  # method -> PUBLIC, SIGNED_IN or an action in PERMISSIONS
    # The record the request names (through the URL, the form or the session draft), as an
    # attribute of Side; None when the endpoint names no authority's record.
    target: str | None = None
    via: str = "url"  # "url": the pk in the path; "form": POST person=<pk>; "draft": the session draft
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    query: Callable[[World, Side], dict[str, Any]] = lambda w, s: {}
    payload: Callable[[World, Side], dict[str, Any]] = lambda w, s: {}
    label: str = ""
    json: bool = False  # the API: POST bodies as JSON
    only_states: tuple[str, ...] = ()  # when not every state applies
    # Methods that look the record up; others answer the same whatever the record (break-glass form).
    looks_up: tuple[str, ...] = ("GET", "POST")
    opens_restricted: bool = False  # break-glass: a restricted record is what it is for

    @property
    def id(self) -> str:
        return self.label or self.name

    @property
    def states(self) -> tuple[str, ...]:
        if not self.target:
            return ("own",)
        states = self.only_states or STATES
        return tuple(s for s in states if s != "restricted" or self.target in RESTRICTED_TARGETS)


def _moment(hours_ago: float = 1) -> dict[str, Any]:
    return timezone.localtime(timezone.now() - timedelta(hours=hours_ago))


def _datetime(name: str, hours_ago: float = 1) -> dict[str, Any]:
    moment = _moment(hours_ago)
    return {
        f"{name}_day": moment.day,
        f"{name}_month": moment.month,
        f"{name}_year": moment.year,
        f"{name}_time": moment.strftime("%H:%M"),
    }


def _datetime_at(name: str, moment: datetime) -> dict[str, Any]:
    local = timezone.localtime(moment)
    return {
        f"{name}_day": local.day,
        f"{name}_month": local.month,
        f"{name}_year": local.year,
        f"{name}_time": local.strftime("%H:%M"),
    }


def _contact_details(w: World, s: Side) -> dict[str, Any]:
    return {
        **_datetime("received_at"),
        "channel": "phone",
        "source": "2A",
        "concern_categories": ["neglect"],
        "concerns": "Hungry at school",
        "consent": "obtained",
    }


def _grading(w: World, s: Side) -> dict[str, Any]:
    audit = w.own.audit
    questions = {f"q{q.pk}": "requires_improvement" for q in audit.programme.template.questions.all()}
    return {
        "version": audit.version,
        "grade": "requires_improvement",
        "lived_experience": "Hungry at school",
        "childs_voice": "Not heard",
        **questions,
    }


def _portal_referral(w: World, s: Side) -> dict[str, Any]:
    return {
        "child1-first_name": "Newt",
        "child1-last_name": "Jones",
        "child1-date_of_birth_day": "4",
        "child1-date_of_birth_month": "5",
        "child1-date_of_birth_year": "2016",
        "concern_categories": ["neglect"],
        "concerns": "Hungry at school",
        "what_has_been_tried": "Breakfast club",
        "family_knows": "yes",
        "consent": "obtained",
        "referrer_name": "Ruth Ellery",
        "referrer_role": "Teacher",
        "referrer_phone": "01905 000000",
        "referrer_email": "dsl@school.example",
        "action": "submit",
    }


def _api_contact(w: World, s: Side) -> dict[str, Any]:
    return {
        "children": [w.own.child.pk],
        "received_at": _moment().isoformat(),
        "channel": "phone",
        "source": "2A",
        "concerns": "Hungry at school",
        "concern_categories": ["neglect"],
        "consent": "obtained",
    }


def _drilldown(w: World, s: Side) -> dict[str, Any]:
    today = timezone.localdate()
    return {"from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat(), "result": "all"}


def _police_csv(w: World, s: Side) -> dict[str, Any]:
    went = _moment(5)
    row = [s.child.first_name, s.child.last_name, s.child.date_of_birth.strftime("%d/%m/%Y"), "N",
           went.strftime("%d/%m/%Y %H:%M"), _moment(4).strftime("%d/%m/%Y %H:%M"),
           _moment(3).strftime("%d/%m/%Y %H:%M"), "", "", "", "MP-NEW-1"]  # fmt: skip
    heading = "First name,Last name,Date of birth,Looked after,Went missing,Reported,Notified,Returned,"
    text = heading + "Where found,Safe and well,Police reference\n" + ",".join(row) + "\n"
    return {"file": SimpleUploadedFile("police.csv", text.encode(), content_type="text/csv")}


def _meeting(w: World, s: Side) -> dict[str, Any]:
    due = timezone.localdate() + timedelta(days=14)
    return {
        **_datetime("held_at", 1),
        "agencies": "Police, education, Get Safe",
        "discussion": "Disruption at the park",
        "risk_level": "medium",
        "action_1_description": "Visit the park with police",
        "action_1_owner": f"user:{w.own.manager.pk}",
        "action_1_due_date_day": due.day,
        "action_1_due_date_month": due.month,
        "action_1_due_date_year": due.year,
    }


def _staff(w: World) -> str:
    """An action's owner as the owner field chooses it: the own authority's manager."""
    return f"user:{w.own.manager.pk}"


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _date(name: str, day: date | int | None = None) -> dict[str, Any]:
    """A date field's three inputs: today, a number of days from today, or a given date."""
    if isinstance(day, int):
        day = timezone.localdate() + timedelta(days=day)
    day = day or timezone.localdate()
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _weekday_from(day: date) -> date:
    return _next_weekday(day)


def _vacancy(w: World):
    """An open vacancy in the own team manager's team, made inside the request's savepoint."""
    manager = w.own.staff[Role.TEAM_MANAGER]
    return Vacancy.objects.create(
        authority=w.own.la,
        team_id=manager.team_id,
        role=Role.SOCIAL_WORKER,
        fte=1,
        opened_on=timezone.localdate() - timedelta(days=30),
        entered_by=manager,
        entered_at=timezone.now(),
    )


_RECORD = "child_protection.record"
_CONFERENCE = {"chair": "Independent Chair", "invited": ["police", "social_care"], "child_attended": "yes"}
CHILD_PROTECTION_ENDPOINTS = [
    Endpoint("child_protection:episode", {"GET": "child.view"}, target="referral"),
    Endpoint(
        "child_protection:discussion_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="referral",
        payload=lambda w, s: {
            **_datetime("held_at", 1),
            **_datetime("threshold_decided_at", 1.5),
            "invited": ["police", "social_care"],
            "attended": ["police"],
            "information_shared": "Known to police",
            "section47": "no",
            "decision_reason": "Single agency response",
        },
    ),
    Endpoint(
        "child_protection:emergency_protection_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="referral",
        payload=lambda w, s: {
            "kind": "police_protection",
            **_datetime("started_at", 2),
            "circumstances": "Found alone at home; police powers used",
        },
    ),
    Endpoint(
        "child_protection:emergency_protection_end",
        {"GET": _RECORD, "POST": _RECORD},
        target="emergency_protection",
        payload=lambda w, s: {
            **_datetime_at("ended_at", s.emergency_protection.started_at + timedelta(minutes=10))
        },
    ),
    Endpoint("child_protection:discussion", {"GET": "child.view"}, target="discussion"),
    Endpoint(
        "child_protection:discussion_action_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="discussion",
        payload=lambda w, s: {"what": "Visit school", "owner": _staff(w), **_date("due_on", 1)},
    ),
    Endpoint(
        "child_protection:discussion_sign_off",
        {"POST": "child_protection.sign_off"},
        target="late_discussion",
    ),
    Endpoint("child_protection:action_done", {"POST": _RECORD}, target="action"),
    Endpoint(
        "child_protection:enquiry_outcome",
        {"GET": _RECORD, "POST": _RECORD},
        target="enquiry",
        payload=lambda w, s: {
            "version": s.enquiry.version,
            **_date("child_seen_on", s.enquiry.start_date),
            "outcome": "icpc",
            **_date("end_date", s.enquiry.start_date + timedelta(days=1)),
            "harm_likely": "yes",
            "next_step": "Initial conference",
        },
    ),
    Endpoint(
        "child_protection:enquiry_sign_off",
        {"GET": "child_protection.sign_off", "POST": "child_protection.sign_off"},
        target="enquiry",
        payload=lambda w, s: {"version": s.enquiry.version, "comment": "Findings agreed"},
    ),
    Endpoint(
        "child_protection:icpc_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="enquiry",
        payload=lambda w, s: {
            **_date("held_on", _weekday_from(s.enquiry.start_date)),
            **_CONFERENCE,
            "plan_needed": "no",
        },
    ),
    Endpoint("child_protection:conference", {"GET": "child.view"}, target="conference"),
    Endpoint(
        "child_protection:distribution_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="conference",
        payload=lambda w, s: {"items": ["minutes"], "agencies": ["police"], **_date("sent_on")},
    ),
    Endpoint("child_protection:plan", {"GET": "child.view"}, target="plan"),
    Endpoint(
        "child_protection:review_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="plan",
        payload=lambda w, s: {**_date("held_on"), **_CONFERENCE, "plan_needed": "yes", "category": "EMO"},
    ),
    Endpoint(
        "child_protection:plan_visit_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="plan",
        payload=lambda w, s: {**_datetime("occurred_at"), "seen": "yes", "seen_alone": "yes"},
    ),
    Endpoint(
        "child_protection:core_group_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="plan",
        payload=lambda w, s: {**_date("held_on"), "attended": ["police", "health"]},
    ),
    Endpoint(
        "child_protection:core_group_action_new",
        {"GET": _RECORD, "POST": _RECORD},
        target="core_group",
        payload=lambda w, s: {"what": "Health check", "owner": _staff(w), **_date("due_on", 1)},
    ),
    Endpoint(
        "child_protection:plan_end",
        {"GET": _RECORD, "POST": _RECORD},
        target="plan",
        payload=lambda w, s: {"version": s.plan.version, **_date("end_date"), "end_reason": "moved"},
    ),
    Endpoint("child_protection:outstanding", {"GET": "child.view"}),
    Endpoint("records:restrictions", {"GET": "restriction.view"}),
    Endpoint(
        "records:restrict",
        {"GET": "restriction.manage", "POST": "restriction.manage"},
        target="child",
        only_states=("own", "other", "missing", "own_team", "other_team"),
        payload=lambda w, s: {"reason": "high_profile", "note": "", "allowed_users": []},
    ),
    Endpoint(
        "records:restriction_review",
        {"GET": "restriction.manage", "POST": "restriction.manage"},
        target="restriction",
        only_states=("own", "other", "missing"),
        payload=lambda w, s: {"version": s.restriction.version, "decision": "keep"},
    ),
    Endpoint(
        "records:break_glass",
        {"GET": "break_glass.use", "POST": "break_glass.use"},
        target="child",
        looks_up=("POST",),
        opens_restricted=True,
        payload=lambda w, s: {"reason": "Police at the door", "password": "correct horse battery"},
    ),
    Endpoint(
        "records:health_mark",
        {"POST": "health.mark"},
        target="child",
        payload=lambda w, s: {"sensitive": "yes", "note": "Medical condition"},
    ),
    Endpoint("records:subject_access", {"GET": "sar.compile"}, target="child"),
    Endpoint(
        "assessments:template",
        {"GET": "assessment_template.manage", "POST": "assessment_template.manage"},
        payload=lambda w, s: {"group": "", "heading": "Family network", "prompt": ""},
    ),
    Endpoint(
        "assessments:template_heading",
        {"GET": "assessment_template.manage", "POST": "assessment_template.manage"},
        kwargs=lambda w: {"key": "harm"},
        payload=lambda w, s: {
            "group": "What are we worried about?",
            "heading": "Harm and its impact",
            "prompt": "",
        },
    ),
    Endpoint(
        "assessments:template_heading_action",
        {"POST": "assessment_template.manage"},
        kwargs=lambda w: {"key": "harm"},
        payload=lambda w, s: {"action": "down"},
    ),
    Endpoint(
        "records:warnings",
        {"GET": "child.view", "POST": "staff_warning.record"},
        target="child",
        payload=lambda w, s: {"text": "Do not visit alone", **_date("review_on", 30)},
    ),
    Endpoint(
        "records:warning_end",
        {"GET": "staff_warning.record", "POST": "staff_warning.record"},
        target="staff_warning",
        payload=lambda w, s: {"reason": "The dog has been rehomed"},
    ),
    # Notifications name no child; each person reads and marks their own. Marking another's, or one
    # that does not exist, answers the same as marking your own (tests/notifications/test_views.py).
    Endpoint("notifications:list", {"GET": SIGNED_IN}),
    Endpoint("notifications:read", {"POST": SIGNED_IN}, kwargs=lambda w: {"pk": MISSING}, looks_up=()),
    Endpoint("notifications:read_all", {"POST": SIGNED_IN}),
    Endpoint(
        "notifications:preferences",
        {"GET": SIGNED_IN, "POST": SIGNED_IN},
        payload=lambda w, s: {"kind": "clock_breached", "email": "off"},
    ),
    Endpoint("notifications:outbox", {"GET": "notification.outbox"}),
    Endpoint("retention:due", {"GET": "retention.view"}),
    Endpoint("identity:register", {"GET": "duplicate.review"}),
    Endpoint(
        "identity:pair",
        {"GET": "duplicate.review", "POST": "person.merge"},
        target="duplicate_pair",
        only_states=("own", "other", "missing"),
        payload=lambda w, s: {
            "decision": "reject",
            "first_version": s.duplicate_pair.first.version,
            "second_version": s.duplicate_pair.second.version,
        },
    ),
    Endpoint(
        "identity:unmerge",
        {"GET": "duplicate.review", "POST": "person.merge"},
        target="merge",
        only_states=("own", "other", "missing"),
        payload=lambda w, s: {"confirm": "on"},
    ),
]

ENDPOINTS = [
    Endpoint("home", {"GET": SIGNED_IN}),
    Endpoint("login", {"GET": PUBLIC, "POST": PUBLIC}),
    Endpoint("logout", {"POST": PUBLIC}),
    Endpoint("health", {"GET": PUBLIC}),
    Endpoint("other_pages", {"GET": SIGNED_IN}),
    Endpoint("mfa:setup", {"GET": SIGNED_IN}),
    Endpoint("mfa:verify", {"GET": SIGNED_IN}),
    Endpoint(
        "people:search",
        {"GET": "child.view"},
        query=lambda w, s: {"first_name": "Zinnia", "last_name": "Quillfeather"},
    ),
    Endpoint("records:child", {"GET": "child.view"}, target="child"),
    # Issue 16: case notes and documents about the child.
    Endpoint("casenotes:child", {"GET": "child.view"}, target="child"),
    Endpoint(
        "casenotes:new",
        {"GET": "case_note.record", "POST": "case_note.record"},
        target="child",
        payload=lambda w, s: {
            "children": [s.child.pk],
            "kind": "phone_call",
            "text": "Phoned",
            **_datetime("occurred_at"),
        },
    ),
    Endpoint("casenotes:note", {"GET": "child.view"}, target="note"),
    Endpoint(
        "casenotes:correct",
        {"GET": "case_note.record", "POST": "case_note.record"},
        target="note",
        payload=lambda w, s: {
            "kind": "home_visit",
            "text": "Home visit, corrected",
            "reason": "Typo",
            "version": 1,
            **_datetime_at("occurred_at", s.note.occurred_at),
        },
    ),
    Endpoint("casenotes:documents", {"GET": "child.view"}, target="child"),
    Endpoint(
        "casenotes:document_new",
        {"GET": "document.upload", "POST": "document.upload"},
        target="child",
        payload=lambda w, s: _document(),
    ),
    Endpoint(
        "casenotes:note_document_new",
        {"GET": "document.upload", "POST": "document.upload"},
        target="note",
        payload=lambda w, s: _document(),
    ),
    Endpoint("documents:download", {"GET": "child.view"}, target="document"),
    Endpoint("contacts:queue", {"GET": "child.view"}),
    Endpoint("contacts:daily_review", {"GET": "child.view"}),
    Endpoint("contacts:new", {"GET": "contact.record"}, target="child", via="draft"),
    Endpoint(
        "contacts:new_children_change",
        {"POST": "contact.record"},
        target="child",
        via="form",
        payload=lambda w, s: {"action": "add"},
    ),
    Endpoint(
        "contacts:new_child",
        {"GET": "person.create", "POST": "person.create"},
        payload=lambda w, s: {"first_name": "Newt", "last_name": "Jones", "sex": "U", "ethnicity": "NOBT"},
    ),
    Endpoint(
        "contacts:new_details",
        {"GET": "contact.record", "POST": "contact.record"},
        target="child",
        via="draft",
        payload=_contact_details,
    ),
    Endpoint("contacts:detail", {"GET": "child.view"}, target="contact"),
    Endpoint(
        "contacts:check_request",
        {"GET": "partner_check.request", "POST": "partner_check.request"},
        target="contact",
        payload=lambda w, s: {"agency": w.own.other_agency.pk, "question": "Known to you?"},
    ),
    Endpoint(
        "contacts:check_respond",
        {"GET": "partner_check.respond", "POST": "partner_check.respond"},
        target="check",
        payload=lambda w, s: {**_datetime("responded_at"), "response": "Not known to us"},
    ),
    Endpoint(
        "contacts:screen",
        {"GET": "contact.screen", "POST": "contact.screen"},
        target="journey",
        payload=lambda w, s: {
            "version": s.journey.version,
            "rag": "amber",
            "rag_reason": "Hungry at school",
            "guidance": "",
            "owner": w.own.staff[Role.SOCIAL_WORKER].pk,
        },
    ),
    Endpoint(
        "contacts:link",
        {"GET": "contact.screen", "POST": "contact.screen"},
        target="linked",
        payload=lambda w, s: {"person": str(s.child.pk), "reason": "Same name, date of birth and school"},
    ),
    Endpoint(
        "contacts:decide",
        {"GET": "contact.decide", "POST": "contact.decide"},
        target="journey",
        payload=lambda w, s: {
            "version": s.journey.version,
            "outcome": "nfa",
            "need_level": w.own.la.need_levels.order_by("level").first().pk,
            "rationale": "No concerns once checked",
        },
    ),
    Endpoint(
        "contacts:review",
        {"GET": "contact.daily_review", "POST": "contact.daily_review"},
        target="journey",
        payload=lambda w, s: {"note": "Still waiting for the police"},
    ),
    Endpoint(
        "contacts:correct",
        {"GET": "contact.decide", "POST": "contact.decide"},
        target="decided",
        payload=lambda w, s: {
            "outcome": "assessment",
            "need_level": w.own.la.need_levels.get(level=4).pk,
            "rationale": "Needs an assessment: injuries and a history of neglect",
            "reason": "The level of need was recorded wrongly",
        },
    ),
    Endpoint(
        "contacts:feedback",
        {"GET": "contact.feedback", "POST": "contact.feedback"},
        target="decided",
        payload=lambda w, s: {
            **_datetime("feedback_at"),
            "feedback_method": "Telephone",
            "feedback_note": "",
        },
    ),
    Endpoint("oversight:board", {"GET": "child.view"}),
    Endpoint("oversight:board_live", {"GET": "child.view"}),
    Endpoint(
        "oversight:board_live",
        {"GET": "child.view"},
        query=lambda w, s: {"v": board_version(actor=w.own.manager)},
        label="oversight:board_live?v=<current>",
    ),
    Endpoint("records:episode", {"GET": "child.view"}, target="referral"),
    Endpoint(
        "referrals:allocate",
        {"GET": "referral.allocate", "POST": "referral.allocate"},
        target="referral",
        payload=lambda w, s: {
            "team": w.own.staff[Role.SOCIAL_WORKER].team_id,
            "worker": w.own.staff[Role.SOCIAL_WORKER].pk,
            "reason": "",
        },
    ),
    Endpoint(
        "referrals:visit_new",
        {"GET": "visit.record", "POST": "visit.record"},
        target="referral",
        payload=lambda w, s: {**_datetime("occurred_at"), "seen": "yes", "seen_alone": "yes"},
    ),
    Endpoint(
        "referrals:close",
        {"GET": "referral.close", "POST": "referral.close"},
        target="plannable",
        payload=lambda w, s: {
            "version": s.plannable.version,
            **_date("closure_date"),
            "reason": "RC7",
            "summary": "Needs met by universal services",
            "step_down": "no",
        },
    ),
    Endpoint(
        "assessments:start",
        {"GET": "assessment.record", "POST": "assessment.record"},
        target="referral",
        payload=lambda w, s: _date("started_on"),
    ),
    Endpoint(
        "assessments:record",
        {"GET": "assessment.record", "POST": "assessment.record"},
        target="assessment",
        payload=lambda w, s: {
            "version": s.assessment.version,
            **_date("child_seen_on"),
            "childs_voice": "Says school is fun",
            "parents_views": "",
            "analysis": "Needs support at home",
        },
    ),
    Endpoint(
        "assessments:complete",
        {"GET": "assessment.record", "POST": "assessment.record"},
        target="assessment",
        payload=lambda w, s: {
            "version": s.assessment.version,
            **_date("completed_on"),
            "factors": ["4B", "3B"],
            "outcome": "cin_plan",
            "childs_voice": "Says school is fun",
            "voice_gathered": "words",
        },
    ),
    Endpoint("assessments:print", {"GET": "child.view"}, target="assessment"),
    Endpoint(
        "assessments:authorise",
        {"GET": "assessment.authorise", "POST": "assessment.authorise"},
        target="completed",
        payload=lambda w, s: {
            "version": s.completed.version,
            **_date("authorised_on"),
            "late_reason": "",
            "primary_need": "N4",
            "comment": "Agreed",
        },
    ),
    Endpoint(
        "plans:start",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        target="plannable",
        payload=lambda w, s: {**_date("start_date"), "involved": [w.own.other_agency.pk]},
    ),
    Endpoint(
        "plans:send",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        target="cin_plan",
        payload=lambda w, s: {"agency": w.own.other_agency.pk, "name": "", **_date("sent_on")},
    ),
    Endpoint(
        "plans:review",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        target="cin_plan",
        payload=lambda w, s: {
            "version": s.cin_plan.version,
            **_date("reviewed_on"),
            "summary": "On track",
            # Progress towards the plan's one outcome, recorded with the review (issue 16 §3).
            **({f"score_{s.cin_outcome.pk}": 5} if s.cin_outcome else {}),
        },
    ),
    Endpoint(
        "plans:end",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        target="cin_plan",
        payload=lambda w, s: {"version": s.cin_plan.version, **_date("end_date"), "end_reason": "Needs met"},
    ),
    Endpoint("plans:content", {"GET": "child.view"}, kwargs=lambda w: {"kind": "cin"}, target="cin_plan"),
    Endpoint("plans:family", {"GET": "child.view"}, kwargs=lambda w: {"kind": "cin"}, target="cin_plan"),
    Endpoint("plans:family_pdf", {"GET": "child.view"}, kwargs=lambda w: {"kind": "cin"}, target="cin_plan"),
    Endpoint(
        "plans:content_edit",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        kwargs=lambda w: {"kind": "cin"},
        target="cin_plan",
        payload=lambda w, s: {"version": 1, "worries": "The home is cold", "contingency": "Meet again"},
    ),
    Endpoint(
        "plans:outcome_new",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        kwargs=lambda w: {"kind": "cin"},
        target="cin_plan",
        payload=lambda w, s: {"change": "Goes to school", "measure": "Attendance over 95%"},
    ),
    Endpoint(
        "plans:action_new",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        kwargs=lambda w: {"kind": "cin"},
        target="cin_plan",
        payload=lambda w, s: {"what": "Apply for a heating grant", "owner": _staff(w), **_date("due_on", 7)},
    ),
    Endpoint(
        "plans:progress_new",
        {"GET": "cin_plan.manage", "POST": "cin_plan.manage"},
        kwargs=lambda w: {"kind": "cin"},
        target="cin_plan",
        payload=lambda w, s: {
            "review": f"plans.planreview:{s.cin_review.pk}",
            f"score_{s.cin_outcome.pk}": 6,
            f"note_{s.cin_outcome.pk}": "Heating fixed",
        },
    ),
    Endpoint(
        "records:papers",
        {"GET": "child.view", "POST": "papers.record"},
        target="cin_episode",
        payload=lambda w, s: {
            "paper": f"plans.childinneedplan:{s.cin_plan.pk}",
            "agency": w.own.other_agency.pk,
            "name": "",
            "method": "secure_email",
            **_date("sent_on"),
        },
    ),
    *CHILD_PROTECTION_ENDPOINTS,
    Endpoint("performance:overview", {"GET": "child.view"}),
    Endpoint("performance:demand", {"GET": "demand.view"}),
    Endpoint("mywork:home", {"GET": "mywork.view"}),
    Endpoint(
        "mywork:lead_time",
        {"GET": "mywork.lead_time", "POST": "mywork.lead_time"},
        payload=lambda w, s: {"working_days": "2", "hours": "3"},
    ),
    Endpoint("performance:detail", {"GET": "child.view"}, kwargs=lambda w: {"slug": "contacts"}),
    Endpoint(
        "performance:drilldown",
        {"GET": "child.view"},
        kwargs=lambda w: {"slug": "contacts"},
        query=_drilldown,
    ),
    Endpoint(
        "clocks:calendar",
        {"GET": "calendar.view", "POST": "calendar.manage"},
        payload=lambda w, s: {
            "day_day": (day := _next_weekday(date(2031, 6, 2))).day,
            "day_month": day.month,
            "day_year": day.year,
            "name": "Another test holiday",
        },
    ),
    Endpoint("clocks:holiday_remove", {"POST": "calendar.manage"}, kwargs=lambda w: {"pk": w.holiday.pk}),
    Endpoint("records:person_access", {"GET": "audit.view_access"}, target="child"),
    # Issue 9: case file audit.
    Endpoint("quality:dashboard", {"GET": "audit.view"}),
    Endpoint("quality:programmes", {"GET": "audit.view"}),
    Endpoint("quality:templates", {"GET": "audit.view"}),
    Endpoint(
        "quality:template_new",
        {"GET": "audit.run", "POST": "audit.run"},
        payload=lambda w, s: {"name": "Voice audit", "questions": "Is the child heard?"},
    ),
    # A template is not a child's record: no team states.
    Endpoint(
        "quality:template_edit",
        {"GET": "audit.run", "POST": "audit.run"},
        target="audit_template",
        only_states=("own", "other", "missing"),
        payload=lambda w, s: {"name": "Renamed", "questions": "Is the child seen?\nIs the plan clear?"},
    ),
    Endpoint(
        "quality:programme_new",
        {"GET": "audit.run", "POST": "audit.run"},
        payload=lambda w, s: {"name": "December", "theme": "Voice", **_date("month"), "sample_size": 4},
    ),
    # A programme is not a child's record: its page lists only the audits the viewer may see.
    Endpoint(
        "quality:programme",
        {"GET": "audit.view"},
        target="audit_programme",
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "quality:programme_sample",
        {"POST": "audit.run"},
        target="programme",
        only_states=("own", "other", "missing"),
    ),
    Endpoint("quality:audit", {"GET": "audit.view"}, target="audit"),
    Endpoint("quality:grade", {"GET": "audit.run", "POST": "audit.run"}, target="audit", payload=_grading),
    Endpoint(
        "quality:moderate",
        {"GET": "audit.run", "POST": "audit.run"},
        target="audit",
        payload=lambda w, s: {"version": w.own.audit.version, "agreed": "yes", "grade": "good", "reason": ""},
    ),
    Endpoint(
        "quality:action_new",
        {"GET": "audit.run", "POST": "audit.run"},
        target="audit",
        payload=lambda w, s: {"what": "Visit", "owner": f"user:{w.own.manager.pk}", **_date("due_on", 7)},
    ),
    Endpoint(
        "quality:re_audit",
        {"GET": "audit.run", "POST": "audit.run"},
        target="audit",
        payload=lambda w, s: _date("scheduled_for", 60),
    ),
    Endpoint(
        "quality:feedback_new",
        {"GET": "audit.run", "POST": "audit.run"},
        target="audit",
        payload=lambda w, s: {"given_by": "child", "how": "", "feedback": "They listen to me"},
    ),
    Endpoint("quality:my_actions", {"GET": "audit_action.complete"}),
    # Completed by the owner or a colleague in the owner's team (services' tests); not by another team.
    Endpoint(
        "quality:action_complete",
        {"GET": "audit_action.complete", "POST": "audit_action.complete"},
        target="audit_action",
        payload=lambda w, s: {"note": "Seen alone at school"},
        only_states=("own", "other", "missing", "restricted"),
    ),
    # Issue 9: supervision and management direction.
    Endpoint("supervision:team", {"GET": "supervision.view"}),
    # A worker is supervised within their own team (the front door here): a manager of another team
    # gets "not found"; there is no own-team state for a member of staff.
    Endpoint(
        "supervision:worker",
        {"GET": "supervision.view"},
        target="worker",
        only_states=("own", "other", "missing", "other_team"),
    ),
    # As supervision:worker.
    Endpoint(
        "supervision:new",
        {"GET": "supervision.record", "POST": "supervision.record"},
        target="worker",
        payload=lambda w, s: {**_date("held_on"), "reflection": "Workload and wellbeing"},
        only_states=("own", "other", "missing", "other_team"),
    ),
    Endpoint("supervision:assistant_cases", {"GET": "supervision.view"}),
    # Issue 20 §3: "Can our teams cope?" for all staff; a team's workers (their own caseloads) for its
    # manager and the performance leads (tests/workforce/test_views.py: another team's manager, and
    # that a refusal shows no worker); vacancies entered by managers for their own team.
    Endpoint("workforce:cope", {"GET": "workforce.view"}),
    Endpoint(
        "workforce:workers",
        {"GET": "workforce.workers"},
        kwargs=lambda w: {"team_id": w.own.staff[Role.TEAM_MANAGER].team_id},
    ),
    Endpoint("workforce:vacancies", {"GET": "vacancy.record"}),
    Endpoint(
        "workforce:vacancy_new",
        {"GET": "vacancy.record", "POST": "vacancy.record"},
        payload=lambda w, s: {
            "team": w.own.staff[Role.TEAM_MANAGER].team_id,
            "role": Role.SOCIAL_WORKER,
            "fte": "1",
            **_date("opened_on", -3),
        },
    ),
    Endpoint(
        "workforce:vacancy_close",
        {"GET": "vacancy.record", "POST": "vacancy.record"},
        kwargs=lambda w: {"pk": _vacancy(w).pk},
        payload=lambda w, s: {**_date("closed_on"), "filled": "yes"},
    ),
    Endpoint("supervision:my_directions", {"GET": "direction.own"}),
    Endpoint("supervision:team_directions", {"GET": "direction.view_team"}),
    # As quality:action_complete.
    Endpoint(
        "supervision:direction_complete",
        {"GET": "direction.own", "POST": "direction.own"},
        target="direction",
        payload=lambda w, s: {"note": "Visited on Tuesday"},
        only_states=("own", "other", "missing", "restricted"),
    ),
    Endpoint(
        "supervision:direction_new",
        {"GET": "direction.give", "POST": "direction.give"},
        target="referral",
        payload=lambda w, s: {"what": "Visit", "owner": f"user:{w.own.manager.pk}", **_date("due_on", 3)},
    ),
    # Issue 19 §3: children's complaints. A team manager sees complaints about their own team's work
    # (the team of the child's latest allocation when it was made: the front door here), not every
    # child allocated to them, so there is no own-team or other-team state (as supervision:worker).
    Endpoint("complaints:list", {"GET": "complaint.view"}),
    Endpoint(
        "complaints:new",
        {"GET": "complaint.manage", "POST": "complaint.manage"},
        target="child",
        payload=lambda w, s: {
            "complainant": "child",
            "complainant_name": "The child",
            "theme": "decision",
            "summary": "I was not asked",
            **_datetime("received_at", 2),
        },
    ),
    Endpoint(
        "complaints:detail",
        {"GET": "complaint.view"},
        target="complaint",
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "complaints:extend",
        {"GET": "complaint.manage", "POST": "complaint.manage"},
        target="complaint",
        payload=lambda w, s: {"version": s.complaint.version, "reason": "An advocate is being arranged"},
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "complaints:respond",
        {"GET": "complaint.manage", "POST": "complaint.manage"},
        target="complaint",
        payload=lambda w, s: {"version": s.complaint.version, **_date("responded_on"), "outcome": "upheld"},
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "complaints:escalate",
        {"GET": "complaint.manage", "POST": "complaint.manage"},
        target="answered_complaint",
        payload=lambda w, s: {"version": s.answered_complaint.version, "stage": 2, **_date("requested_on")},
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "complaints:learning_new",
        {"GET": "complaint.manage", "POST": "complaint.manage"},
        target="complaint",
        payload=lambda w, s: {
            "what": "Brief the team",
            "owner": f"user:{w.own.manager.pk}",
            **_date("due_on", 3),
        },
        only_states=("own", "other", "missing"),
    ),
    # As quality:action_complete: the owner, a colleague in the owner's team, or a complaints manager.
    Endpoint(
        "complaints:learning_done",
        {"GET": "task.complete", "POST": "task.complete"},
        target="learning",
        payload=lambda w, s: {"note": "Team briefed"},
        only_states=("own", "other", "missing"),
    ),
    # Issue 19 §4: practice notes, seen and answered by the worker's team (the front door here), the
    # manager it is addressed to, and whoever raises notes; no own-team or other-team state.
    Endpoint("quality:notes", {"GET": "practice_note.view"}),
    Endpoint(
        "quality:note_new",
        {"GET": "practice_note.raise", "POST": "practice_note.raise"},
        target="child",
        payload=lambda w, s: {
            "kind": "good_practice",
            "theme": "childs_voice",
            "text": "The child's words in every record",
            "worker": w.own.staff[Role.SOCIAL_WORKER].pk,
        },
    ),
    Endpoint(
        "quality:note",
        {"GET": "practice_note.view", "POST": "practice_note.view"},
        target="practice_note",
        payload=lambda w, s: {"response": "Seen alone on Tuesday"},
        only_states=("own", "other", "missing"),
    ),
    Endpoint(
        "quality:note_acknowledge",
        {"POST": "practice_note.view"},
        target="practice_note",
        only_states=("own", "other", "missing"),
    ),
    # Issue 9: early help.
    Endpoint("early_help:list", {"GET": "child.view"}),
    Endpoint("early_help:partnership", {"GET": "child.view"}),
    Endpoint("early_help:detail", {"GET": "child.view"}, target="early_help"),
    Endpoint(
        "early_help:lead",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {"version": w.own.early_help.version, "agency": w.own.early_help.lead_agency_id},
    ),
    Endpoint(
        "early_help:assessment",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {**_date("started_on"), "needs": "Routines", "childs_voice": "I like school"},
    ),
    Endpoint(
        "early_help:plan",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {**_date("agreed_on"), "outcomes": "Breakfast", "actions": "Breakfast club"},
    ),
    Endpoint(
        "early_help:review",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {**_date("held_on"), "progress": "Attending breakfast club"},
    ),
    Endpoint(
        "early_help:close",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {"version": w.own.early_help.version, "reason": "needs_met"},
    ),
    Endpoint(
        "early_help:step_up",
        {"GET": "early_help.record", "POST": "early_help.record"},
        target="early_help",
        payload=lambda w, s: {
            "version": w.own.early_help.version,
            "concerns": "Bruise seen at school",
            "concern_categories": ["physical"],
            "consent": "obtained",
        },
    ),
    Endpoint("domestic_abuse:overview", {"GET": "child.view"}),
    Endpoint(
        "domestic_abuse:new",
        {"GET": "domestic_abuse.record", "POST": "domestic_abuse.record"},
        payload=lambda w, s: {
            **_datetime("incident_at", 5),
            **_datetime("received_at", 4),
            "risk_level": "medium",
            "incident": "Police attended an argument at home",
            "child_1_first_name": "Wren",
            "child_1_last_name": "Matrixon",
            "child_1_date_of_birth_day": 4,
            "child_1_date_of_birth_month": 5,
            "child_1_date_of_birth_year": 2016,
        },
    ),
    Endpoint("domestic_abuse:detail", {"GET": "child.view"}, target="domestic_abuse"),
    Endpoint(
        "domestic_abuse:marac",
        {"GET": "domestic_abuse.marac", "POST": "domestic_abuse.marac"},
        target="domestic_abuse",
        payload=lambda w, s: {"marac": "no"},
    ),
    Endpoint(
        "domestic_abuse:marac_action",
        {"GET": "domestic_abuse.marac", "POST": "domestic_abuse.marac"},
        target="domestic_abuse",
        payload=lambda w, s: {
            "what": "Safety plan with the non-abusing parent",
            "owner": s.staff[Role.TEAM_MANAGER].pk,
            "due_on_day": (d := timezone.localdate() + timedelta(days=7)).day,
            "due_on_month": d.month,
            "due_on_year": d.year,
        },
    ),
    Endpoint(
        "domestic_abuse:school_told",
        {"GET": "domestic_abuse.encompass", "POST": "domestic_abuse.encompass"},
        target="da_child",
        payload=lambda w, s: {**_datetime("told_at", 1), "told_whom": "Sam Patel, DSL", "how_told": "phone"},
    ),
    Endpoint("missing:overview", {"GET": "child.view"}),
    Endpoint(
        "missing:figure_children",
        {"GET": "child.view"},
        query=lambda w, s: {"figure": "returned", "month": timezone.localdate().replace(day=1).isoformat()},
    ),
    Endpoint(
        "missing:find_child", {"GET": "missing.record"}, query=lambda w, s: {"last_name": "Quillfeather"}
    ),
    Endpoint(
        "missing:new",
        {"GET": "missing.record", "POST": "missing.record"},
        target="child",
        payload=lambda w, s: {
            "looked_after": "no",
            **_datetime("went_missing_at", 5),
            **_datetime("reported_at", 4),
            **_datetime("notified_at", 3),
            "safe_and_well_done": "unknown",
        },
    ),
    Endpoint("missing:import", {"GET": "missing.import", "POST": "missing.import"}, payload=_police_csv),
    Endpoint("missing:detail", {"GET": "child.view"}, target="episode"),
    Endpoint(
        "missing:return",
        {"GET": "missing.record", "POST": "missing.record"},
        target="still_missing",
        payload=lambda w, s: {
            "version": s.still_missing.version,
            **_datetime("returned_at", 1),
            "safe_and_well_done": "yes",
        },
    ),
    Endpoint(
        "missing:oversee",
        {"GET": "missing.oversee", "POST": "missing.oversee"},
        target="episode",
        payload=lambda w, s: {"decision": "nfa", "rationale": "Home and safe"},
    ),
    Endpoint(
        "missing:offer",
        {"GET": "missing.interview", "POST": "missing.interview"},
        target="episode",
        payload=lambda w, s: {
            **_datetime("offered_at", 1),
            "offered_by": "Sam Lee, Get Safe",
            "offered_by_independent": "yes",
            "accepted": "yes",
            "asked_preference": "yes",
            "preferred_person": "Youth worker",
        },
    ),
    Endpoint(
        "missing:not_offered",
        {"GET": "missing.interview", "POST": "missing.interview"},
        target="episode",
        payload=lambda w, s: {"version": s.episode.version, "reason": "moved_away", "detail": "To Leeds"},
    ),
    Endpoint(
        "missing:complete",
        {"GET": "missing.interview", "POST": "missing.interview"},
        target="offered",
        payload=lambda w, s: {
            "version": s.offered.interview.version,
            **_datetime("completed_at", 1),
            "completed_by": "Sam Lee",
            "childs_account": "I was with friends",
            "held_by_independent": "yes",
        },
    ),
    Endpoint(
        "missing:acknowledge",
        {"GET": "missing.flag_acknowledge", "POST": "missing.flag_acknowledge"},
        target="flag",
        payload=lambda w, s: {"note": "Strategy discussion tomorrow"},
    ),
    Endpoint("exploitation:hot_spots", {"GET": "child.view"}),
    Endpoint("exploitation:child", {"GET": "child.view"}, target="child"),
    Endpoint(
        "exploitation:screening_new",
        {"GET": "exploitation.assess", "POST": "exploitation.assess"},
        target="child",
        payload=lambda w, s: {
            "kind": "cse",
            "indicators": ["online"],
            "risk_level": "low",
            "analysis": "Contact with strangers online",
        },
    ),
    Endpoint(
        "exploitation:place_new",
        {"GET": "exploitation.link", "POST": "exploitation.link"},
        target="child",
        payload=lambda w, s: {"name": "The skate park", "kind": "park", "postcode": "WR1 2AB"},
    ),
    Endpoint(
        "exploitation:associate_new",
        {"GET": "exploitation.link", "POST": "exploitation.link"},
        target="child",
        payload=lambda w, s: {"name": "Big T", "is_adult": "adult"},
    ),
    Endpoint(
        "exploitation:disruption_new",
        {"GET": "exploitation.link", "POST": "exploitation.link"},
        target="child",
        payload=lambda w, s: {
            "target": f"place-{s.hangout.pk if s.hangout else 0}",
            "kind": "visit",
            **_date("taken_on"),
            "agency": "Mercia Police",
        },
    ),
    Endpoint("exploitation:screening", {"GET": "child.view"}, target="screening"),
    Endpoint("exploitation:actions", {"GET": "exploitation.assess"}),
    Endpoint("exploitation:action_done", {"GET": "exploitation.assess"}, target="exploitation_action"),
    # Marking it done is for its owner or a team responsible for it (exploitation.rules.may_mark_done):
    # team A held the child's episode once but no longer does (it was reallocated), so team A may see
    # the action and not close it; test_actions.py covers that refusal.
    Endpoint(
        "exploitation:action_done",
        {"POST": "exploitation.assess"},
        target="exploitation_action",
        label="exploitation:action_done (mark done)",
        only_states=("own", "other", "missing", "other_team"),
    ),
    Endpoint(
        "exploitation:meeting_new",
        {"GET": "exploitation.meeting", "POST": "exploitation.meeting"},
        target="screening",
        payload=_meeting,
    ),
    Endpoint("portal:home", {"GET": "portal.refer"}),
    Endpoint(
        "portal:referral_new", {"GET": "portal.refer", "POST": "portal.refer"}, payload=_portal_referral
    ),
    Endpoint("portal:submission", {"GET": "portal.refer"}, target="portal_contact"),
    Endpoint(
        "portal:draft",
        {"GET": "portal.refer", "POST": "portal.refer"},
        target="draft",
        payload=lambda w, s: {"action": "save", "concerns": "More to say"},
    ),
    Endpoint("portal:draft_delete", {"POST": "portal.refer"}, target="draft"),
    # The agency was asked about this child by the front door: a restriction governs staff, not the answer.
    Endpoint(
        "portal:check",
        {"GET": "portal.answer_check", "POST": "portal.answer_check"},
        target="check",
        payload=lambda w, s: {"response": "Not known to us"},
        opens_restricted=True,
    ),
    Endpoint("portal:notifications", {"GET": "portal.refer"}),
    Endpoint("portal:meetings", {"GET": "portal.refer"}),
    Endpoint("portal:protection_meetings", {"GET": "portal.refer"}),
    Endpoint("portal:notifications_read", {"POST": "portal.refer"}),
    Endpoint(
        "api:people",
        {"GET": "child.view"},
        query=lambda w, s: {"first_name": "Zinnia", "last_name": "Quillfeather"},
    ),
    Endpoint("api:person", {"GET": "child.view"}, target="child"),
    Endpoint(
        "api:contacts", {"GET": "child.view", "POST": "contact.record"}, payload=_api_contact, json=True
    ),
    Endpoint("api:contact", {"GET": "child.view"}, target="contact"),
    Endpoint(
        "api:decide",
        {"POST": "contact.decide"},
        target="journey",
        payload=lambda w, s: {
            "version": s.journey.version,
            "outcome": "nfa",
            "need_level": 1,
            "rationale": "No concerns once checked",
        },
        json=True,
    ),
    Endpoint("api:decisions", {"GET": "child.view"}),
    Endpoint("api:referrals", {"GET": "child.view"}),
    Endpoint("api:referral", {"GET": "child.view"}, target="referral"),
    Endpoint("api:board", {"GET": "child.view"}),
    Endpoint("api:performance", {"GET": "child.view"}),
    Endpoint("api:schema", {"GET": PUBLIC}),
    Endpoint("api:docs", {"GET": PUBLIC}),
    Endpoint("returns:index", {"GET": "returns.export"}),
    Endpoint(
        "returns:census_generate",
        {"POST": "returns.export"},
        payload=lambda w, s: {"year": (t := timezone.localdate()).year + (t.month > 3)},
    ),
    Endpoint(
        "returns:annex_a_generate",
        {"POST": "returns.export"},
        payload=lambda w, s: {
            "as_of_day": (t := timezone.localdate()).day,
            "as_of_month": t.month,
            "as_of_year": t.year,
        },
    ),
    Endpoint("returns:detail", {"GET": "returns.export"}, target="returns_file"),
    Endpoint("returns:download", {"GET": "returns.export"}, target="returns_file"),
]

_ALLEGATION = "allegation.record"
_ALLEGATION_STATES = ("own", "other", "missing")  # restricted by naming, not by team
ALLEGATION_ENDPOINTS = [
    Endpoint("allegations:list", {"GET": "allegation.view"}),
    Endpoint("allegations:summary", {"GET": "allegation.view"}),
    Endpoint(
        "allegations:new",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        payload=lambda w, s: {
            **_datetime("received_at", 1),
            "referrer_name": "Ruth Ellery",
            "referrer_organisation": "St Mary's Primary",
            "adult_name": "Una Known",
            "adult_role": "Coach",
            "employer": "Town FC",
            "sector": "sport",
            "harm": "harmed",
            "allegation": "Shouted at a child",
            "children": w.own.child.reference,
        },
    ),
    Endpoint(
        "allegations:detail", {"GET": "allegation.view"}, target="allegation", only_states=_ALLEGATION_STATES
    ),
    Endpoint(
        "allegations:consider",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        target="allegation",
        only_states=_ALLEGATION_STATES,
        payload=lambda w, s: {
            "version": s.allegation.version,
            "consideration": "meeting",
            "notes": "Harm test met",
            "police_process": "under_way",
            "employer_process": "none",
        },
    ),
    Endpoint(
        "allegations:parallel",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        target="allegation",
        only_states=_ALLEGATION_STATES,
        payload=lambda w, s: {
            "version": s.allegation.version,
            "police_process": "concluded",
            "employer_process": "under_way",
            "notes": "No further police action",
        },
    ),
    Endpoint(
        "allegations:meeting_new",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        target="allegation",
        only_states=_ALLEGATION_STATES,
        payload=lambda w, s: {
            **_datetime("held_at", 0.5),
            "attendees": "LADO, police, HR",
            "discussion": "Suspension agreed",
            "action_1_description": "Police to interview",
            "action_1_owner": _staff(w),
            **_date("action_1_due_date", 7),
        },
    ),
    Endpoint(
        "allegations:outcome",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        target="allegation",
        only_states=_ALLEGATION_STATES,
        payload=lambda w, s: {
            "version": s.allegation.version,
            "outcome": "unfounded",
            **_date("outcome_on"),
            "decided_by": "Allegation management meeting",
            "actions_taken": ["none"],
        },
    ),
    Endpoint(
        "allegations:managers",
        {"GET": _ALLEGATION, "POST": _ALLEGATION},
        target="allegation",
        only_states=_ALLEGATION_STATES,
        payload=lambda w, s: {"managers": [w.own.manager.pk]},
    ),
]
ENDPOINTS += ALLEGATION_ENDPOINTS

# Issue 19 §4: drift panels. A panel is the authority's, whatever the team (hence no team states);
# the children on it are each team-scoped by the selectors (tests/drift).
_PANEL_STATES = ("own", "other", "missing")
ENDPOINTS += [
    Endpoint("drift:list", {"GET": "drift.view"}),
    Endpoint("drift:panels", {"GET": "drift.view"}),
    Endpoint("drift:changes", {"GET": "drift.view"}),
    Endpoint(
        "drift:panel_new",
        {"GET": "drift.panel", "POST": "drift.panel"},
        payload=lambda w, s: {**_date("held_on"), "attendees": "Chair, two team managers"},
    ),
    Endpoint("drift:panel", {"GET": "drift.view"}, target="drift_panel", only_states=_PANEL_STATES),
    Endpoint(
        "drift:decide",
        {"GET": "drift.panel", "POST": "drift.panel"},
        target="drift_panel",
        only_states=_PANEL_STATES,
        payload=lambda w, s: {
            "child": w.own.drift_child.pk,
            "decision": "Step down to early help",
            **_date("next_review_on", 14),
        },
    ),
]

# Known wrong answers, each with the reason: its test XFAILs (strict) until the view is fixed.
KNOWN_WRONG: dict[str, str] = {}


def expected(endpoint: Endpoint, method: str, role: str | None, state: str) -> str:
    rule = endpoint.rules[method]
    if rule == PUBLIC:
        return ALLOWED
    if role is None:
        return SIGN_IN
    if rule != SIGNED_IN and role not in PERMISSIONS[rule]:
        return FORBIDDEN
    partner_pages = ("portal:", "mfa:", "home")
    if role == Role.PARTNER_USER and rule == SIGNED_IN and not endpoint.name.startswith(partner_pages):
        return FORBIDDEN  # partners use the portal only (portal.middleware.PartnerBoundaryMiddleware)
    if method not in endpoint.looks_up:
        return ALLOWED
    if state in ("other", "missing"):
        return NOT_FOUND
    if state == "other_team" and role in TEAM_ROLES:
        return NOT_FOUND
    hidden = role not in NAMED_ON_RESTRICTION and role != Role.AUDITOR
    if state == "restricted" and hidden and not endpoint.opens_restricted:
        return NOT_FOUND
    return ALLOWED


def outcome(response) -> str:
    if response.status_code == 401:  # the API's answer to a request that is not signed in
        return SIGN_IN
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return SIGN_IN
    return {403: FORBIDDEN, 404: NOT_FOUND}.get(
        response.status_code,
        ALLOWED if response.status_code in (200, 201, 204, 302) else str(response.status_code),
    )


def snapshot() -> dict[str, tuple]:
    """For every table: its row count, its highest id and, where rows carry a `version`, the sum of
    versions, read in one query. Every write in Frontdoor goes through a service that writes an
    AuditEvent in the same transaction and bumps the version of the record it edits, so a refusal
    that wrote anything changes at least one of these. (Reading every row of every table after each
    of ~8,000 combinations took over an hour; this takes one query.) Sessions are counted only:
    each request re-signs them (SESSION_SAVE_EVERY_REQUEST, the idle timeout)."""
    parts = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        table, pk = model._meta.db_table, model._meta.pk.column
        versions = "SUM(version)" if any(f.name == "version" for f in model._meta.fields) else "0"
        numbered = model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField", "IntegerField")
        top = f"COALESCE(MAX({pk}), 0)" if numbered else "0"  # e.g. the calendar's key is a date
        extras = "0, 0" if model is Session else f"{top}, COALESCE({versions}, 0)"
        parts.append(f"SELECT '{model._meta.label}', COUNT(*), {extras} FROM {table}")  # noqa: S608 - model metadata, no input
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {label: (count, top, versions) for label, count, top, versions in cursor.fetchall()}


def attempt(client, world: World, endpoint: Endpoint, method: str, role: str | None, state: str) -> str:
    """Make one request in a rolled-back savepoint; return what was wrong with it, or ""."""
    side = {"other": world.other, "restricted": world.own.secret}.get(state, world.own)
    target_pk = getattr(side, endpoint.target).pk if endpoint.target else None
    if state == "missing":
        target_pk = MISSING
    with transaction.atomic():
        client.logout()
        if role is not None:
            client.force_login(_user(world, role, state))
        if endpoint.via == "draft" or endpoint.name == "contacts:new_details":
            session = client.session
            session[DRAFT] = [target_pk or world.own.child.pk]
            session.save()
        kwargs = endpoint.kwargs(world) | ({"pk": target_pk} if endpoint.via == "url" and target_pk else {})
        url = reverse(endpoint.name, kwargs=kwargs)
        want = expected(endpoint, method, role, state)
        before = snapshot() if want != ALLOWED else None
        mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if method == "GET":
            response = client.get(url, endpoint.query(world, side))
        else:
            data = endpoint.payload(world, side) | ({"person": target_pk} if endpoint.via == "form" else {})
            if endpoint.json:
                response = client.post(url, json.dumps(data), content_type="application/json")
            else:
                response = client.post(url, data)
        got = outcome(response)
        problems = _refusal_problems(response, world, before, mark) if want != ALLOWED else []
        if want == ALLOWED and _writes(endpoint, method) and response.status_code not in (302, 201):
            problems.append("an allowed POST with a valid body did not write and redirect")
        transaction.set_rollback(True)
    if got != want:
        problems.insert(0, f"expected {want}, got {got} ({response.status_code})")
    who = role or "signed out"
    return f"{method} {endpoint.id} as {who}, {state} record: {'; '.join(problems)}" if problems else ""


def _user(world: World, role: str, state: str):
    if state == "own_team" and role in TEAM_ROLES:
        return world.own.team_a[role]
    if state == "other_team" and role in TEAM_ROLES:
        return world.own.team_b[role]
    return world.own.staff[role]


def _writes(endpoint: Endpoint, method: str) -> bool:
    return method == "POST" and endpoint.rules[method] != PUBLIC


def _refusal_problems(response, world: World, before: dict | None, mark: int) -> list[str]:
    problems = []
    body = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        errors="replace"
    )
    shown = [m for m in (*world.own.markers, *world.other.markers) if m in body]
    if shown:
        problems.append(f"the refusal shows {shown}")
    if AccessEvent.objects.filter(pk__gt=mark).exists():
        problems.append("the refusal wrote an AccessEvent")
    after = snapshot()
    changed = sorted(label for label in after if after[label] != before[label])
    if changed:
        problems.append(f"the refusal changed {changed}")
    return problems


def combinations(endpoint: Endpoint) -> list[tuple[str, str | None, str]]:
    return [(m, r, s) for m in endpoint.rules for r in ROLES for s in endpoint.states]


def test_the_matrix_covers_every_url_and_every_action_is_in_the_table():
    assert {e.name for e in ENDPOINTS} == set(url_names())
    actions = {rule for e in ENDPOINTS for rule in e.rules.values()} - {PUBLIC, SIGNED_IN}
    assert actions <= set(PERMISSIONS)
    total = sum(len(combinations(e)) for e in ENDPOINTS)
    # The figure for docs/security-evidence.md; shown with pytest -s.
    print(f"\nAuthorisation matrix: {len(ENDPOINTS)} endpoints, {total} combinations")  # noqa: T201


@pytest.mark.parametrize(
    "endpoint",
    [
        pytest.param(e, id=e.id, marks=[pytest.mark.xfail(reason=KNOWN_WRONG[e.id], strict=True)])
        if e.id in KNOWN_WRONG
        else pytest.param(e, id=e.id)
        for e in ENDPOINTS
    ],
)
def test_every_role_and_record_state_gets_what_the_table_says(client, world, endpoint):
    wrong = [
        problem
        for method, role, state in combinations(endpoint)
        if (problem := attempt(client, world, endpoint, method, role, state))
    ]
    evidence(f"matrix-{endpoint.id}", {"combinations": len(combinations(endpoint)), "unexpected": len(wrong)})
    assert wrong == [], f"{len(wrong)} of {len(combinations(endpoint))} wrong:\n" + "\n".join(wrong)


def test_a_forbidden_record_and_a_missing_one_get_the_same_page(client, world):
    """No existence oracle: another authority's record reads exactly like one that does not exist."""
    client.force_login(world.own.manager)
    targeted = [e for e in ENDPOINTS if e.target and e.via == "url" and "GET" in e.rules]
    for endpoint in targeted:
        bodies = [
            _without_tokens(
                client.get(reverse(endpoint.name, kwargs=endpoint.kwargs(world) | {"pk": pk})).content
            )
            for pk in (getattr(world.other, endpoint.target).pk, MISSING)
        ]
        assert bodies[0] == bodies[1], endpoint.name
    assert len(targeted) == 130  # with allegations, domestic abuse, complaints, notes, warnings, drift


def test_a_restricted_record_and_a_missing_one_get_the_same_page(client, world):
    """Someone not on a restriction's list cannot tell the record exists, on any page."""
    client.force_login(world.own.staff[Role.SOCIAL_WORKER])
    targeted = [
        e
        for e in ENDPOINTS
        if e.target and e.via == "url" and "GET" in e.rules and "restricted" in e.states
        and e.rules["GET"] in PERMISSIONS and Role.SOCIAL_WORKER in PERMISSIONS[e.rules["GET"]]
    ]  # fmt: skip
    for endpoint in targeted:
        responses = [
            client.get(reverse(endpoint.name, kwargs=endpoint.kwargs(world) | {"pk": pk}))
            for pk in (getattr(world.own.secret, endpoint.target).pk, MISSING)
        ]
        bodies = [_without_tokens(r.content) for r in responses]
        assert bodies[0] == bodies[1], endpoint.name
    assert len(targeted) == 26


def _without_tokens(body: bytes) -> bytes:
    """The page without what differs on every response: the CSP nonce and the masked CSRF token."""
    return re.sub(rb'nonce="[^"]*"|[A-Za-z0-9]{64}', b"", body)
