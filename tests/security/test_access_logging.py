"""Every page that shows a child records who saw them: read paths logged K of K (security.md §7,
item 10; ASVS 8.3.5).

Every URL the resolver knows is either a read path, with the ids and query that make it show the
child, or in NO_CHILD_DATA with the reason it cannot show one. A read path is requested by a team
manager of the child's authority, must show the child (name or reference), and must write at least
one AccessEvent for the child in that request. A new URL fails test_every_url_is_classified until
it is added to one of the two; a new page that shows a child without logging fails its read-path
test. Static files are served by WhiteNoise before URL resolution and are not URLs here.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts.views import DRAFT

from .conftest import Side

Ids = Callable[[Side], dict[str, Any]]


def _none(side: Side) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Route:
    ids: Ids = _none  # the URL's keyword arguments
    query: Ids = _none  # GET parameters
    no_child_data: str = ""  # why this URL cannot show a child; empty for a read path


def _drilldown_query(side: Side) -> dict[str, Any]:
    today = timezone.localdate()
    return {"from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat(), "result": "all"}


ROUTES: dict[str, Route] = {
    # Read paths: each shows the child.
    "people:search": Route(
        query=lambda s: {
            "first_name": s.child.first_name,
            "last_name": s.child.last_name,
            "date_of_birth_day": s.child.date_of_birth.day,
            "date_of_birth_month": s.child.date_of_birth.month,
            "date_of_birth_year": s.child.date_of_birth.year,
        }
    ),
    "people:detail": Route(ids=lambda s: {"pk": s.child.pk}),
    "contacts:queue": Route(),
    "contacts:daily_review": Route(),
    "contacts:new": Route(),  # the draft in the session names the child
    "contacts:new_details": Route(),
    "contacts:detail": Route(ids=lambda s: {"pk": s.contact.pk}),
    "contacts:check_request": Route(ids=lambda s: {"pk": s.contact.pk}),
    "contacts:check_respond": Route(ids=lambda s: {"pk": s.check.pk}),
    "contacts:screen": Route(ids=lambda s: {"pk": s.journey.pk}),
    "contacts:decide": Route(ids=lambda s: {"pk": s.journey.pk}),
    "contacts:review": Route(ids=lambda s: {"pk": s.journey.pk}),
    "contacts:feedback": Route(ids=lambda s: {"pk": s.decided.pk}),
    "oversight:board": Route(),
    "oversight:board_live": Route(),
    "referrals:detail": Route(ids=lambda s: {"pk": s.referral.pk}),
    "referrals:allocate": Route(ids=lambda s: {"pk": s.referral.pk}),
    "referrals:visit_new": Route(ids=lambda s: {"pk": s.referral.pk}),
    "performance:drilldown": Route(ids=lambda s: {"slug": "contacts"}, query=_drilldown_query),
    "audit:person_access": Route(ids=lambda s: {"pk": s.child.pk}),
    # Cannot show a child.
    "home": Route(no_child_data="redirects to the queue, or shows a page with no children"),
    "login": Route(no_child_data="the sign-in form"),
    "logout": Route(no_child_data="signs out; POST only"),
    "health": Route(no_child_data='the load balancer\'s check: {"status": "ok"}'),
    "mfa:setup": Route(no_child_data="sets up an authenticator app: a QR code and its secret"),
    "mfa:verify": Route(no_child_data="asks for the one-time code from the authenticator app"),
    "clocks:calendar": Route(no_child_data="bank holidays and the statutory standards"),
    "clocks:holiday_remove": Route(
        ids=lambda s: {"pk": 1}, no_child_data="removes an administrator's holiday; POST only"
    ),
    "performance:overview": Route(no_child_data="aggregate figures: counts and rates, no names"),
    "performance:detail": Route(
        ids=lambda s: {"slug": "contacts"},
        no_child_data="aggregate figures, charts and CSV by period or group, no names; the children "
        "behind a number are on performance:drilldown",
    ),
    "contacts:new_child": Route(no_child_data="a blank form to record a child not yet known"),
    "contacts:new_children_change": Route(
        no_child_data="adds a child to the draft (logged as contacts.new) and redirects; POST only"
    ),
}
READ_PATHS = sorted(name for name, route in ROUTES.items() if not route.no_child_data)
ALLOW_LIST = sorted(name for name, route in ROUTES.items() if route.no_child_data)

# Pages known to show a child without logging, each with the reason; fixing one makes its test
# XPASS (strict), which fails until it is removed from here.
KNOWN_UNLOGGED: dict[str, str] = {}


def url_names(patterns: list | None = None, namespace: str = "") -> Iterator[str]:
    """Every URL pattern's name with its namespace ("contacts:detail"); unnamed ones by route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"


@dataclass
class Visit:
    name: str
    status: int
    shows_child: bool
    logged: int  # AccessEvent rows for the child written by this request
    purposes: set[str] = field(default_factory=set)


def visit(client, side: Side, name: str) -> Visit:
    """GET the URL as the side's team manager, with the child in the contact draft."""
    route = ROUTES[name]
    client.force_login(side.manager)
    session = client.session
    session[DRAFT] = [side.child.pk]
    session.save()
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse(name, kwargs=route.ids(side)), route.query(side))
    page = response.content.decode(errors="replace")
    events = AccessEvent.objects.filter(
        pk__gt=mark, person=side.child, actor=side.manager, authority=side.la
    ).values_list("purpose", flat=True)
    return Visit(
        name=name,
        status=response.status_code,
        shows_child=any(marker in page for marker in side.markers),
        logged=len(events),
        purposes=set(events),
    )


def test_every_url_is_a_read_path_or_allow_listed_with_a_reason():
    names = set(url_names())
    assert sorted(names - set(ROUTES)) == [], "classify these URLs in ROUTES"
    assert sorted(set(ROUTES) - names) == [], "these URLs no longer exist"
    assert set(KNOWN_UNLOGGED) <= set(READ_PATHS)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_UNLOGGED[name], strict=True))
        if name in KNOWN_UNLOGGED
        else name
        for name in READ_PATHS
    ],
)
def test_a_page_that_shows_a_child_logs_who_saw_them(client, world, name):
    seen = visit(client, world.own, name)
    assert seen.status == 200
    assert seen.shows_child, "no child on the page: give it data in ROUTES, or allow-list it"
    assert seen.logged >= 1, f"{name} showed the child and logged nothing"
    assert "" not in seen.purposes


@pytest.mark.parametrize("name", ALLOW_LIST)
def test_an_allow_listed_url_shows_no_child(client, world, name):
    seen = visit(client, world.own, name)
    assert not seen.shows_child, f"{name} is allow-listed ({ROUTES[name].no_child_data}) but shows a child"
    assert seen.status in {200, 302, 405}


def test_read_paths_logged_k_of_k(client, world):
    visits = [visit(client, world.own, name) for name in READ_PATHS]
    showing = [v for v in visits if v.shows_child]
    logged = [v for v in showing if v.logged >= 1]
    unlogged = sorted(v.name for v in showing if not v.logged)
    # The figure for docs/security-evidence.md; shown with pytest -s.
    print(f"\nRead paths logged {len(logged)} of {len(showing)}; unlogged: {unlogged or 'none'}")  # noqa: T201
    assert len(showing) == len(READ_PATHS)
    assert unlogged == sorted(KNOWN_UNLOGGED)
