"""`frontdoor seed --profile national`: several authorities at their own volumes, loaded with COPY,
deterministic, each keeping to itself, and every invariant the county generator's tests check.

PostgreSQL only (the national profile refuses SQLite; COPY is PostgreSQL's)."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.models import Section47, StrategyDiscussion
from frontdoor.contacts.models import Contact, ContactChild
from frontdoor.missing.models import MissingEpisode
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.people import rules as people_rules
from frontdoor.people.models import Person
from frontdoor.synthetic import national, profiles
from frontdoor.synthetic.generator import Result
from tests.synthetic import test_casework, test_child_protection
from tests.synthetic import test_generator as county

POSTGRESQL = connection.vendor == "postgresql"
SCALE = "0.002"
pytestmark = pytest.mark.django_db
needs_postgresql = pytest.mark.skipif(
    not POSTGRESQL, reason="the national profile loads with COPY into PostgreSQL (set DATABASE_URL)"
)

# The county tests' invariants that hold for any load, run on the national one. (The others are about
# the small profile's own figures: its 8 contact officers, Worcestershire's source mix, one audit
# event, open work at every stage, which a 100-contact year cannot guarantee; and NHS numbers from
# 999 only, where the national load uses the whole synthetic 9 range: see the identifiers test below.)
INVARIANTS = (
    "test_every_journey_has_an_event_for_each_stage_it_passed_and_is_at_its_last",
    "test_stages_follow_the_rule_from_screening_and_partner_checks",
    "test_open_journeys_have_open_clocks_and_decided_ones_clocks_completed_at_the_decision",
    "test_every_clock_is_due_when_the_pure_rule_says",
    "test_partner_check_clocks_run_from_the_request_to_the_answer",
    "test_decisions_exist_exactly_for_decided_journeys_and_feedback_follows_them",
    "test_daily_reviews_only_while_undecided_after_24_hours",
    "test_contacts_are_valid_as_the_services_require",
    "test_repeat_flags_are_what_the_service_would_have_computed",
    "test_referral_decisions_open_episodes_as_the_services_would",
    "test_no_cin_plan_runs_beside_a_protection_plan_as_the_services_require",
)
# The casework after the front door (assessments, plans, child protection) as the county has it.
CASEWORK_INVARIANTS = (
    (test_casework, "test_assessments_are_valid_as_the_services_would_make_them"),
    (test_child_protection, "test_every_strategy_decision_has_its_clock_and_each_discussion_completes_one"),
    (test_child_protection, "test_enquiries_and_conferences_keep_the_census_rules"),
    (test_child_protection, "test_open_plans_have_their_visit_review_and_core_group_clocks"),
)


def seed_national(*args: str) -> str:
    out = StringIO()
    call_command(
        "seed", "--profile", "national", "--scale", SCALE, "--seed", "1",
        "--end", "2026-03-20", "--no-progress", *args, stdout=out,
    )  # fmt: skip
    return out.getvalue()


@pytest.fixture
def loaded() -> Result:
    seed_national()
    counts: Counter[str] = Counter()
    for event in AuditEvent.objects.filter(action="synthetic.loaded"):
        counts.update(event.changes["counts"])
    return Result(Authority.objects.first(), dict(counts), {}, 0.0)  # type: ignore[arg-type]


def test_the_plan_covers_every_english_authority_at_its_published_volume():
    assert len(national.AUTHORITIES) == 153
    assert len({la.code for la in national.AUTHORITIES}) == 153
    assert sum(la.referrals for la in national.AUTHORITIES) == 632_828  # England, rounded: 632,830
    assert sum(la.children for la in national.AUTHORITIES) == 12_183_016
    full = national.plan(1.0)
    assert len(full) == 153
    contacts = sum(p.profile.contacts for p in full)
    assert 2_950_000 < contacts < 3_100_000  # §10a: ~3.0-3.1 m
    # Every year fits in its schools' UPN serials (1,000 per school and year of birth).
    assert all(p.profile.contacts / p.profile.schools <= national.MOST_CONTACTS_PER_SCHOOL for p in full)
    kent = next(p for p in full if p.la.code == "886")
    assert kent.profile.contacts == round(24_035 * profiles.CONTACTS_PER_REFERRAL)
    sample = national.plan(float(SCALE))
    assert 2 <= len(sample) < 10
    assert all(p.profile.contacts >= profiles.NATIONAL_MIN_CONTACTS for p in sample)
    assert national.plan(1.0)[0] == full[0]


@needs_postgresql
def test_several_authorities_each_with_their_own_rows(loaded):
    planned = national.plan(float(SCALE))
    authorities = {a.la_code: a for a in Authority.objects.all()}
    assert set(authorities) == {p.la.code for p in planned}
    for item in planned:
        authority = authorities[item.la.code]
        assert authority.name == f"{item.la.name} (synthetic)"
        contacts = Contact.objects.filter(authority=authority).count()
        assert abs(contacts - item.profile.contacts) <= 15  # each source's share is rounded
        staff = User.objects.filter(authority=authority)
        # Partner users belong to an agency, not to the authority's staff.
        assert {u.role for u in staff} == set(Role.values) - {Role.PARTNER_USER}
        assert not any(u.has_usable_password() for u in staff)
        event = AuditEvent.objects.get(action="synthetic.loaded", authority=authority)
        assert event.changes["profile"] == "national"
        assert event.changes["published_referrals"] == item.la.referrals
    # Bigger authorities get more (Hampshire's 41,142 referrals against Derbyshire's 10,999).
    by_size = sorted(planned, key=lambda p: p.la.referrals)
    counts = [Contact.objects.filter(authority__la_code=p.la.code).count() for p in by_size]
    assert counts == sorted(counts)


@needs_postgresql
def test_no_row_points_into_another_authority(loaded):
    checks = {
        "contact recorder": "SELECT count(*) FROM contacts_contact c JOIN organisations_user u "
        "ON u.id = c.recorded_by_id WHERE u.authority_id <> c.authority_id",
        "contact agency": "SELECT count(*) FROM contacts_contact c JOIN organisations_partneragency a "
        "ON a.id = c.source_agency_id WHERE a.authority_id <> c.authority_id",
        "journey child": "SELECT count(*) FROM contacts_contactchild j JOIN people_person p "
        "ON p.id = j.person_id WHERE p.authority_id <> j.authority_id",
        "journey contact": "SELECT count(*) FROM contacts_contactchild j JOIN contacts_contact c "
        "ON c.id = j.contact_id WHERE c.authority_id <> j.authority_id",
        "journey clock": "SELECT count(*) FROM contacts_contactchild j JOIN clocks_clock k "
        "ON k.id = j.decision_clock_id WHERE k.authority_id <> j.authority_id",
        "check agency": "SELECT count(*) FROM contacts_partnercheck p JOIN organisations_partneragency a "
        "ON a.id = p.agency_id WHERE a.authority_id <> p.authority_id",
        "residence address": "SELECT count(*) FROM people_residence r JOIN people_person p "
        "ON p.id = r.person_id JOIN people_address a ON a.id = r.address_id "
        "WHERE a.authority_id <> p.authority_id",
    }
    with connection.cursor() as cursor:
        for name, sql in checks.items():
            cursor.execute(sql)
            assert cursor.fetchone()[0] == 0, name


@needs_postgresql
def test_the_county_invariants_hold(loaded):
    """All on one load (a load per invariant would take a minute); every failure is reported."""
    failed = {}
    for module, name in [(county, name) for name in INVARIANTS] + list(CASEWORK_INVARIANTS):
        try:
            getattr(module, name)(loaded)
        except AssertionError as error:
            failed[name] = str(error).splitlines()[0] if str(error) else "assertion failed"
    assert not failed, failed


@needs_postgresql
def test_every_authority_has_casework_and_missing_children_at_its_own_volume(loaded):
    """A national load is not only the front door: each authority's referrals go on to strategy
    discussions and enquiries, and its children go missing in proportion to its child population."""
    for item in national.plan(float(SCALE)):
        authority = Authority.objects.get(la_code=item.la.code)
        (in_care, _), (from_home, _) = national.missing_a_year(item.la, float(SCALE))
        episodes = MissingEpisode.objects.filter(authority=authority)
        assert episodes.filter(looked_after=True).count() == in_care, item.la.code
        assert episodes.filter(looked_after=False).count() == from_home, item.la.code
    assert StrategyDiscussion.objects.count() > 0
    assert Section47.objects.count() > 0
    with connection.cursor() as cursor:
        for sql in (
            "SELECT count(*) FROM child_protection_strategydiscussion d JOIN referrals_referral r "
            "ON r.id = d.referral_id WHERE r.authority_id <> d.authority_id",
            "SELECT count(*) FROM missing_missingepisode e JOIN people_person p "
            "ON p.id = e.person_id WHERE p.authority_id <> e.authority_id",
        ):
            cursor.execute(sql)
            assert cursor.fetchone()[0] == 0, sql


def test_missing_children_a_year_follow_each_authority_s_children():
    """Worcestershire keeps the county's own figures; the rest share England's 86,900 incidents from
    care by their children, and 1 in 200 of their children go missing from home (volumes.md §7)."""
    worcestershire = next(la for la in national.AUTHORITIES if la.code == national.WORCESTERSHIRE)
    assert national.missing_a_year(worcestershire) == ((550, 80), (1000, 590))
    others = [la for la in national.AUTHORITIES if la.code != national.WORCESTERSHIRE]
    in_care = sum(national.missing_a_year(la)[0][0] for la in others)
    share = sum(la.children for la in others) / national.ENGLAND_CHILDREN
    assert abs(in_care - 86_900 * share) <= len(others)  # each authority's count is rounded
    hampshire = next(la for la in others if la.code == "850")
    (_, _), (episodes, children) = national.missing_a_year(hampshire)
    assert children == round(hampshire.children / 200)
    assert episodes == round(hampshire.children / 200 * 1.7)
    assert national.missing_a_year(hampshire, 0.01)[1] == (round(episodes * 0.01), round(children * 0.01))


@needs_postgresql
def test_people_have_valid_identifiers_unique_across_the_country(loaded):
    people = list(Person.objects.all())
    children = [p for p in people if p.is_child]
    for person in people:
        person.full_clean()
        assert person.reference == people_rules.person_reference(person.pk)
        assert person.last_name_key == people_rules.name_key(person.last_name)
        assert person.first_name_key == people_rules.name_key(person.first_name)
        assert not person.nhs_number or people_rules.nhs_number_problem(person.nhs_number) is None
        assert not person.nhs_number or person.nhs_number.startswith("9")  # never issued to anyone
        assert not person.upn or people_rules.upn_problem(person.upn) is None
        assert not (person.upn and person.upn_unknown)
    assert all(p.sex == "U" and not p.first_name for p in children if p.is_unborn)
    assert sum(1 for p in children if p.nhs_number) > 0.85 * len(children)
    numbers = [p.nhs_number for p in people if p.nhs_number]
    assert len(set(numbers)) == len(numbers)
    la_of_upn = {p.upn[1:4] for p in children if p.upn}
    assert len(la_of_upn) > 1


class _Rollback(Exception):
    pass


def _snapshot() -> tuple[list, list, list]:
    try:
        with transaction.atomic():
            seed_national()
            snapshot = (
                list(Authority.objects.order_by("pk").values_list("pk", "la_code", "name")),
                list(
                    Contact.objects.order_by("pk").values_list(
                        "pk",
                        "authority__la_code",
                        "reference",
                        "received_at",
                        "source",
                        "recorded_by__username",
                    )
                ),
                list(
                    ContactChild.objects.order_by("pk").values_list(
                        "pk", "person__first_name", "person__nhs_number", "stage", "decision__outcome"
                    )
                ),
            )
            raise _Rollback
    except _Rollback:
        return snapshot


@needs_postgresql
def test_the_same_seed_gives_identical_rows():
    first, again = _snapshot(), _snapshot()
    assert first == again
    assert len(first[0]) >= 2
    assert len(first[1]) > 500


@needs_postgresql
def test_an_authority_already_loaded_is_refused_and_resume_carries_on():
    seed_national()
    before = Contact.objects.count()
    with pytest.raises(CommandError, match="already in the database"):
        seed_national()
    output = seed_national("--resume")
    assert "already loaded" in output
    assert Contact.objects.count() == before
    assert Person.objects.exists()


@pytest.mark.skipif(POSTGRESQL, reason="checks the refusal on SQLite")
def test_sqlite_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="the national profile needs PostgreSQL: set DATABASE_URL"):
        seed_national()
    assert not Authority.objects.exists()


def test_scale_must_be_a_share():
    for bad in ("0", "2", "x"):
        with pytest.raises(CommandError, match="--scale"):
            call_command("seed", "--profile", "national", "--scale", bad, "--no-progress", stdout=StringIO())
