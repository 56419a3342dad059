"""`frontdoor seed` and `frontdoor demo`: what they print, what they refuse."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from frontdoor.access.models import Restriction
from frontdoor.benchmarks.models import Release
from frontdoor.child_protection.models import Conference, ConferenceAgency
from frontdoor.contacts.models import Contact
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.portal.selectors import protection_meetings_for
from frontdoor.synthetic.demo import DEMO_PASSWORD, DEMO_SIGN_INS
from frontdoor.synthetic.generator.drift import PANELS
from frontdoor.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", "--profile", "small", "--end", "2026-03-20", "--no-progress", *args, stdout=out)
    return out.getvalue()


def test_seed_prints_the_rows_written_and_the_figures_drawn_from():
    output = seed("--seed", "3")

    assert "Loaded Worcestershire (synthetic) (885)" in output
    assert "contacts.Contact" in output
    assert "people.Person" in output
    assert "re-referrals within 12 months % (DfE, episodes)" in output
    assert Contact.objects.count() > 250


def test_seed_refuses_an_authority_that_already_has_contacts():
    seed()
    before = Contact.objects.count()

    with pytest.raises(CommandError, match=r"Authority 885 .* already has contacts"):
        seed()
    assert Contact.objects.count() == before


def test_seed_loads_a_second_authority_under_another_code():
    seed()
    seed("--authority-code", "884")

    assert set(Authority.objects.values_list("la_code", flat=True)) == {"885", "884"}


def test_seed_refuses_an_end_in_the_future():
    with pytest.raises(CommandError, match="now or in the past"):
        call_command("seed", "--profile", "small", "--end", "2999-01-01", "--no-progress", stdout=StringIO())
    assert not Authority.objects.exists()


def test_demo_refuses_outside_demo_mode():
    with override_settings(FRONTDOOR_DEMO=False), pytest.raises(CommandError) as error:
        call_command("demo", "--profile", "small", stdout=StringIO())

    assert str(error.value) == "demo users exist only in demo mode"
    assert not Authority.objects.exists()
    assert not User.objects.exists()


@override_settings(
    FRONTDOOR_DEMO=True, FRONTDOOR_DFE_STATS_DIR=str(Path(__file__).parents[1] / "benchmarks" / "data")
)
def test_demo_loads_once_and_prints_a_sign_in_for_every_role():
    out = StringIO()
    call_command("demo", "--profile", "small", "--verbosity", "0", stdout=out)
    contacts = Contact.objects.count()
    call_command("demo", "--profile", "small", "--verbosity", "0", stdout=StringIO())

    output = out.getvalue()
    assert "http://127.0.0.1:8000" in output
    # The sign-ins come last, where a newcomer looks; the load's table of rows is for `seed`.
    assert "Rows written" not in output
    last = DEMO_SIGN_INS[-1]
    assert output.rstrip().splitlines()[-1].split() == [
        last["username"],
        *last["role"].split(),
        last["password"],
    ]
    assert Contact.objects.count() == contacts
    # The DfE's published tables for "How do we compare?", loaded once.
    assert "Loaded DfE children in need tables 2024 to 2025" in output
    assert Release.objects.count() == 1
    # Drift panels from the generator (synthetic.generator.drift): one a month when the list has
    # children on it (the small profile's two months: one), each decision with one or two actions.
    decisions = list(PanelDecision.objects.all())
    assert 1 <= Panel.objects.count() <= PANELS
    assert len(decisions) >= 1
    actions = Task.objects.filter(kind=TaskKind.DRIFT_PANEL)
    assert len(decisions) <= actions.count() <= 2 * len(decisions)
    assert all(d.reasons for d in decisions)
    for sign_in in DEMO_SIGN_INS:
        assert f"{sign_in['username']} " in output
        request = RequestFactory().post("/sign-in/")
        user = authenticate(request, username=sign_in["username"], password=sign_in["password"])
        assert user is not None
        if user.role == Role.PARTNER_USER:  # a school's safeguarding lead, outside the front door
            assert (user.team, user.partner_agency.kind, user.partner_agency.default_referral_source) == (
                None,
                "education",
                "2A",
            )
        else:
            assert user.team.is_front_door
        assert user.authority.la_code == "885"
    assert User.objects.filter(username__in=[s["username"] for s in DEMO_SIGN_INS]).count() == 10
    # The demo manager owns one restricted record (made once, however often the demo starts).
    owned = Restriction.objects.filter(owner__username="manager")
    assert owned.count() == 1
    assert owned.get().reason == "staff"
    assert set(owned.get().allowed_users.values_list("username", flat=True)) >= {"manager"}
    # The demo school is the education agency at the latest conferences: its portal shows them.
    school = User.objects.get(username="school")
    named = ConferenceAgency.objects.filter(partner_agency=school.partner_agency)
    assert named.values("conference").distinct().count() == min(
        3,
        Conference.objects.filter(agencies__agency="education", distributions__agency="education")
        .distinct()
        .count(),
    )
    assert len(protection_meetings_for(actor=school)) == named.values("conference").distinct().count()


def test_demo_sign_ins_cover_every_role_with_the_shared_password():
    assert [s["username"] for s in DEMO_SIGN_INS] == [
        "officer",
        "worker",
        "assistant",
        "manager",
        "leader",
        "qa",
        "admin",
        "auditor",
        "lado",
        "school",
    ]
    assert {s["role"] for s in DEMO_SIGN_INS} == {str(label) for label in Role.labels}
    assert {s["password"] for s in DEMO_SIGN_INS} == {DEMO_PASSWORD}
