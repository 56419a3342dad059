"""Naming the partner agency behind an agency kind at a child protection meeting (issue 10): saved on
the participant, conference agency, distribution and core group rows; refused beside the field when
the agency is another authority's, of another kind, or not ticked as there, saving nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection import partner_rules, services
from frontdoor.child_protection.models import (
    Conference,
    ConferenceAgency,
    CoreGroup,
    Distribution,
    Participant,
    ProtectionPlan,
    StrategyDiscussion,
)
from frontdoor.organisations.models import AgencyKind
from tests import builders

from .conftest import at, conclude, discuss, icpc
from .test_views import parts

pytestmark = pytest.mark.django_db
OTHER = "Choose one of this authority's partner agencies"


@pytest.fixture
def police(la):
    return builders.agency(la, "Mercia Police", AgencyKind.POLICE)


@pytest.fixture
def health(la):
    return builders.agency(la, "Worcester Health Visiting", AgencyKind.HEALTH)


def _plan(worker, referral, police, health) -> ProtectionPlan:
    enquiry = conclude(
        worker,
        discuss(
            worker, referral, at(referral.referral_date, 14), partners={"police": police}
        ).section47_enquiry,
    )
    icpc(
        worker,
        enquiry,
        referral.referral_date + timedelta(days=14),
        partners={"police": police, "health": health},
    )
    return ProtectionPlan.objects.get()


def test_a_named_agency_is_saved_on_its_participant_and_in_the_audit(referral, worker, police):
    discussion = discuss(
        worker, referral, at(referral.referral_date, 14), partners={"police": police, "health": None}
    )

    rows = Participant.objects.filter(discussion=discussion).order_by("agency")
    assert list(rows.values_list("agency", "partner_agency_id")) == [
        ("health", None), ("police", police.pk), ("social_care", None),
    ]  # fmt: skip
    event = AuditEvent.objects.get(action="strategy_discussion.recorded")
    assert event.changes["partners"] == {"police": police.pk}


@pytest.mark.parametrize(
    ("named", "message"),
    [
        ("other_authority", OTHER),
        ("school", "Choose a partner agency of the kind Police"),
    ],
)
def test_a_discussion_naming_a_wrong_agency_is_refused_beside_the_field(referral, worker, la, named, message):
    agency = {
        "other_authority": builders.agency(builders.authority("116", "Other (test)"), "Other Police"),
        "school": builders.agency(la, "Riverside Primary School", AgencyKind.EDUCATION),
    }[named]

    with pytest.raises(ValidationError) as error:
        discuss(worker, referral, at(referral.referral_date, 14), partners={"police": agency})

    assert error.value.message_dict == {"partner_police": [message]}
    assert (StrategyDiscussion.objects.count(), Participant.objects.count()) == (0, 0)


def test_an_agency_named_for_a_kind_not_invited_is_refused(referral, worker, la):
    school = builders.agency(la, "Riverside Primary School", AgencyKind.EDUCATION)

    with pytest.raises(ValidationError) as error:
        discuss(worker, referral, at(referral.referral_date, 14), partners={"education": school})

    assert error.value.message_dict == {
        "partner_education": [
            "Education is not recorded as invited or attended: tick it there, or leave this blank"
        ]
    }
    assert StrategyDiscussion.objects.count() == 0


def test_a_conference_names_its_agencies_and_distribution_follows_them(referral, worker, police, health):
    plan = _plan(worker, referral, police, health)
    conference = Conference.objects.get()
    assert list(ConferenceAgency.objects.order_by("agency").values_list("agency", "partner_agency_id")) == [
        ("health", health.pk), ("police", police.pk), ("social_care", None),
    ]  # fmt: skip
    other_health = builders.agency(plan.authority, "County Hospital", AgencyKind.HEALTH)

    services.distribution_record(
        actor=worker,
        conference=conference,
        items=["minutes", "plan"],
        agencies=["police", "health", "social_care"],
        sent_on=conference.held_on + timedelta(days=1),
        partners={"health": other_health},
    )

    rows = Distribution.objects.order_by("item", "agency").values_list("item", "agency", "partner_agency_id")
    assert list(rows) == [
        ("minutes", "health", other_health.pk),
        ("minutes", "police", police.pk),
        ("minutes", "social_care", None),
        ("plan", "health", other_health.pk),
        ("plan", "police", police.pk),
        ("plan", "social_care", None),
    ]


def test_distribution_naming_an_agency_it_was_not_sent_to_saves_nothing(referral, worker, police, health):
    _plan(worker, referral, police, health)
    conference = Conference.objects.get()

    with pytest.raises(ValidationError) as error:
        services.distribution_record(
            actor=worker,
            conference=conference,
            items=["minutes"],
            agencies=["police"],
            sent_on=conference.held_on + timedelta(days=1),
            partners={"health": health},
        )

    assert error.value.message_dict == {
        "partner_health": ["Health is not recorded as sent to: tick it there, or leave this blank"]
    }
    assert Distribution.objects.count() == 0


def test_a_conference_naming_another_authoritys_agency_saves_nothing(referral, worker, police):
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    stranger = builders.agency(builders.authority("116", "Other (test)"), "Other Health", AgencyKind.HEALTH)

    with pytest.raises(ValidationError) as error:
        icpc(worker, enquiry, referral.referral_date + timedelta(days=14), partners={"health": stranger})

    assert error.value.message_dict == {"partner_health": [OTHER]}
    assert (Conference.objects.count(), ProtectionPlan.objects.count()) == (0, 0)


def test_a_core_group_names_the_agencies_that_attended(referral, worker, police, health):
    plan = _plan(worker, referral, police, health)
    held_on = plan.start_date + timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        services.core_group_record(
            actor=worker, plan=plan, held_on=held_on, attended=["police"], partners={"health": health}
        )
    assert error.value.message_dict == {
        "partner_health": ["Health is not recorded as attended: tick it there, or leave this blank"]
    }
    assert CoreGroup.objects.count() == 0

    group = services.core_group_record(
        actor=worker, plan=plan, held_on=held_on, attended=["police", "health"], partners={"police": police}
    )

    assert list(group.attended_partners.values_list("pk", flat=True)) == [police.pk]
    assert AuditEvent.objects.get(action="core_group.recorded").changes["partners"] == {"police": police.pk}


def test_the_discussion_form_offers_the_authoritys_agencies_of_each_kind(client, referral, worker, police):
    builders.agency(builders.authority("116", "Other (test)"), "Other Police")
    client.force_login(worker)
    url = reverse("child_protection:discussion_new", kwargs={"pk": referral.pk})

    page = client.get(url).content.decode()

    assert page.count('name="partner_police"') == 1
    assert "Mercia Police" in page
    assert "Other Police" not in page
    assert 'name="partner_health"' not in page  # the authority has no health agency
    data = parts("held_at", at(referral.referral_date, 11)) | {
        "invited": ["police", "social_care"],
        "attended": ["police"],
        "information_shared": "Police call-outs",
        "section47": "yes",
        "decision_reason": "Injury",
    }
    refused = client.post(url, data | {"partner_police": "999999"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert StrategyDiscussion.objects.count() == 0
    response = client.post(url, data | {"partner_police": str(police.pk)})
    assert response.status_code == 302
    assert Participant.objects.get(agency="police").partner_agency_id == police.pk


kinds = st.sampled_from(list(AgencyKind.values))
agencies = st.sampled_from(list(partner_rules.KINDS_FOR))


@given(agencies, kinds, st.integers(1, 3), st.integers(1, 3), st.booleans())
def test_a_partner_is_accepted_exactly_when_own_authority_matching_kind_and_present(
    agency, kind, theirs, ours, present
):
    message = partner_rules.partner_problem(
        agency=agency, label="X", partner_kind=kind, partner_authority=theirs, authority=ours, present=present
    )
    same_kind = kind == agency or (agency == "other" and kind not in partner_rules.KINDS_FOR)
    assert (message is None) == (theirs == ours and same_kind and present)
    if theirs != ours:
        assert message == partner_rules.OTHER_AUTHORITY


def test_every_agency_kind_stands_for_exactly_one_meeting_agency():
    covered = [kind for kinds_ in partner_rules.KINDS_FOR.values() for kind in kinds_]
    assert sorted(covered) == sorted(AgencyKind.values)


def test_staff_pages_show_the_named_agencies(client, referral, worker, police, health):
    plan = _plan(worker, referral, police, health)
    services.core_group_record(
        actor=worker, plan=plan, held_on=plan.start_date + timedelta(days=7), attended=["police"],
        partners={"police": police},
    )  # fmt: skip
    client.force_login(worker)

    discussion = client.get(
        reverse("child_protection:discussion", kwargs={"pk": StrategyDiscussion.objects.get().pk})
    ).content.decode()
    conference = client.get(
        reverse("child_protection:conference", kwargs={"pk": Conference.objects.get().pk})
    ).content.decode()
    plan_page = client.get(reverse("child_protection:plan", kwargs={"pk": plan.pk})).content.decode()

    assert discussion.count("Police (Mercia Police)") == 1
    assert conference.count("Police (Mercia Police): invited, attended") == 1
    assert conference.count("Health (Worcester Health Visiting): invited, attended") == 1
    assert plan_page.count("Partner agencies named: Mercia Police") == 1
