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

Team-level scope ("staff see children their team works with"), restricted records and break-glass
do not exist yet: the record states are own authority, other authority and missing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts.views import DRAFT
from frontdoor.organisations.models import Role
from frontdoor.organisations.permissions import PERMISSIONS
from frontdoor.oversight.selectors import board_version

from .conftest import Side, World
from .test_access_logging import url_names

PUBLIC = "public"
SIGNED_IN = "signed in"
MISSING = 999_999
ROLES: list[str | None] = [None, *Role]  # None: signed out
STATES = ("own", "other", "missing")

ALLOWED, FORBIDDEN, NOT_FOUND, SIGN_IN = "allowed", "403", "404", "sign in"


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

    @property
    def id(self) -> str:
        return self.label or self.name

    @property
    def states(self) -> tuple[str, ...]:
        return STATES if self.target else ("own",)


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


def _contact_details(w: World, s: Side) -> dict[str, Any]:
    return {
        **_datetime("received_at"),
        "channel": "phone",
        "source": "2A",
        "concern_categories": ["neglect"],
        "concerns": "Hungry at school",
        "consent": "obtained",
    }


def _drilldown(w: World, s: Side) -> dict[str, Any]:
    today = timezone.localdate()
    return {"from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat(), "result": "all"}


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


ENDPOINTS = [
    Endpoint("home", {"GET": SIGNED_IN}),
    Endpoint("login", {"GET": PUBLIC, "POST": PUBLIC}),
    Endpoint("logout", {"POST": PUBLIC}),
    Endpoint("health", {"GET": PUBLIC}),
    Endpoint("mfa:setup", {"GET": SIGNED_IN}),
    Endpoint("mfa:verify", {"GET": SIGNED_IN}),
    Endpoint(
        "people:search",
        {"GET": "child.view"},
        query=lambda w, s: {"first_name": "Zinnia", "last_name": "Quillfeather"},
    ),
    Endpoint("people:detail", {"GET": "child.view"}, target="child"),
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
    Endpoint("referrals:detail", {"GET": "child.view"}, target="referral"),
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
    Endpoint("performance:overview", {"GET": "child.view"}),
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
    Endpoint("audit:person_access", {"GET": "audit.view_access"}, target="child"),
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
    if state != "own":
        return NOT_FOUND
    return ALLOWED


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return SIGN_IN
    return {403: FORBIDDEN, 404: NOT_FOUND}.get(
        response.status_code,
        ALLOWED if response.status_code in (200, 204, 302) else str(response.status_code),
    )


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (the test database holds a few hundred). Sessions are compared by
    what they hold: each request re-signs them with a new timestamp and moves their expiry
    (SESSION_SAVE_EVERY_REQUEST, the idle timeout)."""
    rows: dict[str, list[tuple]] = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        if model is Session:
            rows[model._meta.label] = [(s.pk, s.get_decoded()) for s in Session.objects.order_by("pk")]
        else:
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return rows


def attempt(client, world: World, endpoint: Endpoint, method: str, role: str | None, state: str) -> str:
    """Make one request in a rolled-back savepoint; return what was wrong with it, or ""."""
    side = world.other if state == "other" else world.own
    target_pk = getattr(side, endpoint.target).pk if endpoint.target else None
    if state == "missing":
        target_pk = MISSING
    with transaction.atomic():
        client.logout()
        if role is not None:
            client.force_login(world.own.staff[role])
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
            response = client.post(url, data)
        got = outcome(response)
        problems = _refusal_problems(response, world, before, mark) if want != ALLOWED else []
        if want == ALLOWED and _writes(endpoint, method) and response.status_code != 302:
            problems.append("an allowed POST with a valid body did not write and redirect")
        transaction.set_rollback(True)
    if got != want:
        problems.insert(0, f"expected {want}, got {got} ({response.status_code})")
    who = role or "signed out"
    return f"{method} {endpoint.id} as {who}, {state} record: {'; '.join(problems)}" if problems else ""


def _writes(endpoint: Endpoint, method: str) -> bool:
    return method == "POST" and endpoint.rules[method] != PUBLIC


def _refusal_problems(response, world: World, before: dict | None, mark: int) -> list[str]:
    problems = []
    body = response.content.decode(errors="replace")
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
    assert wrong == [], f"{len(wrong)} of {len(combinations(endpoint))} wrong:\n" + "\n".join(wrong)


def test_a_forbidden_record_and_a_missing_one_get_the_same_page(client, world):
    """No existence oracle: another authority's record reads exactly like one that does not exist."""
    client.force_login(world.own.manager)
    targeted = [e for e in ENDPOINTS if e.target and e.via == "url" and "GET" in e.rules]
    for endpoint in targeted:
        bodies = [
            _without_tokens(client.get(reverse(endpoint.name, kwargs={"pk": pk})).content)
            for pk in (getattr(world.other, endpoint.target).pk, MISSING)
        ]
        assert bodies[0] == bodies[1], endpoint.name
    assert len(targeted) == 12


def _without_tokens(body: bytes) -> bytes:
    """The page without what differs on every response: the CSP nonce and the masked CSRF token."""
    return re.sub(rb'nonce="[^"]*"|[A-Za-z0-9]{64}', b"", body)
