"""The decision a manager would expect to be refused or corrected (issue 18): "assessment" at
"Level 1: Universal" with the rationale "x" was accepted and could not be corrected."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import decisions, rules, services
from frontdoor.contacts.models import Decision, DecisionCorrection, StageEvent
from frontdoor.referrals.models import Referral
from tests import builders

from .test_services import record

RATIONALE = "Unexplained bruising to a baby, seen by the health visitor"
SUBSTANCE = "The rationale must say what the decision rests on, in at least 3 words and 20 characters"


# The pure rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("x", False),
        ("Because", False),
        ("Needs assessment", False),  # 2 words
        ("aaaaaaaaaaaaaaaaaaaaaaaaa bb cc", True),
        ("No concerns: 1 2 3 4 5 6", False),  # 2 words with letters
        ("No role for social care here", True),
        (RATIONALE, True),
    ],
)
def test_a_rationale_of_substance(text, ok):
    assert (rules.rationale_problem(text) is None) is ok


@given(st.text(max_size=60))
def test_a_rationale_under_20_characters_or_3_words_is_never_enough(text):
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(text.strip()) < 20 or len(words) < 3:
        assert rules.rationale_problem(text) == SUBSTANCE
    else:
        assert rules.rationale_problem(text) is None


@given(st.sampled_from(sorted(rules.OUTCOME_LEVELS)), st.integers(1, 4), st.text(max_size=20))
def test_an_outcome_that_does_not_fit_its_level_needs_an_override_reason(outcome, level, override):
    problems = rules.decision_problems(
        outcome=outcome, outcome_label=outcome, level=level, rationale=RATIONALE, override_reason=override
    )
    fits = level in rules.OUTCOME_LEVELS[outcome]
    assert ("need_level" in problems) == (not fits and not override.strip())
    assert "rationale" not in problems


def test_every_level_has_an_outcome_that_fits_it():
    assert {level for levels in rules.OUTCOME_LEVELS.values() for level in levels} == {1, 2, 3, 4}


# The service ---------------------------------------------------------------------------------------


def decide(manager, journey, la, *, outcome="assessment", level=3, rationale=RATIONALE, **extra):
    return services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(la, level),
        rationale=rationale,
        **extra,
    )


@pytest.mark.django_db
def test_assessment_at_level_1_with_rationale_x_is_refused_and_nothing_is_saved(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    before = (Decision.objects.count(), StageEvent.objects.count(), AuditEvent.objects.count())

    with pytest.raises(ValidationError) as error:
        decide(manager, journey, la, level=1, rationale="x")

    assert error.value.message_dict == {
        "rationale": [SUBSTANCE],
        "need_level": [
            "Level 1 does not fit “Referral for a social work assessment”, which is for level 3 or 4: "
            "choose the level that fits, or give the reason for this decision in “Reason for departing "
            "from the threshold”"
        ],
    }
    assert (Decision.objects.count(), StageEvent.objects.count(), AuditEvent.objects.count()) == before
    assert Referral.objects.count() == 0
    journey.refresh_from_db()
    assert (journey.stage, journey.version) == ("awaiting_screening", 1)


@pytest.mark.django_db
def test_an_override_with_its_reason_is_kept_audited_and_shown_on_the_contact_page(
    client, la, officer, manager
):
    journey = record(officer, [builders.child(la)]).children.get()
    reason = "Parent asked for an assessment of the child's disability needs"

    decision = decide(manager, journey, la, level=1, override_reason=reason)

    assert (decision.outcome, decision.need_level.level, decision.override_reason) == (
        "assessment",
        1,
        reason,
    )
    event = AuditEvent.objects.get(action="contact.decided")
    assert event.changes["override_reason"] == reason
    client.force_login(builders.user(la))
    page = client.get(reverse("contacts:detail", args=[journey.contact_id])).content.decode()
    assert "Departs from the threshold" in page
    assert reason.replace("'", "&#x27;") in page


@pytest.mark.django_db
def test_an_override_reason_on_a_pair_that_fits_is_not_kept(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()

    decision = decide(manager, journey, la, level=3, override_reason="Not needed")

    assert decision.override_reason == ""


# Correction ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_corrects_a_decision_and_the_old_one_is_kept(client, la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    decision = decide(manager, journey, la, outcome="nfa", level=2, rationale="No role for social care here")
    other = builders.user(la, username="second.manager")

    correction = decisions.decision_correct(
        actor=other,
        decision=decision,
        outcome="advice",
        need_level=builders.level(la, 1),
        rationale="Signposted to the parenting course at the children's centre",
        reason="Wrong outcome chosen: the family was given advice",
    )

    decision.refresh_from_db()
    assert (decision.outcome, decision.need_level.level) == ("advice", 1)
    assert decision.rationale == "Signposted to the parenting course at the children's centre"
    assert (correction.outcome_before, correction.need_level_before.level, correction.rationale_before) == (
        "nfa",
        2,
        "No role for social care here",
    )
    assert (correction.corrected_by, correction.reason) == (
        other,
        "Wrong outcome chosen: the family was given advice",
    )
    event = AuditEvent.objects.get(action="contact.decision_corrected")
    assert (event.actor, event.person_id, event.changes["outcome"]) == (
        other,
        journey.person_id,
        ["nfa", "advice"],
    )
    client.force_login(other)
    html = client.get(reverse("contacts:detail", args=[journey.contact_id])).content.decode()
    assert "Corrected by" in html
    assert "No role for social care here" in html  # the old decision, still readable


@pytest.mark.django_db
def test_a_correction_that_would_change_work_already_opened_or_has_no_reason_is_refused(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    decision = decide(manager, journey, la, level=1, override_reason="Requested by the court for a report")
    before = (DecisionCorrection.objects.count(), AuditEvent.objects.count())

    with pytest.raises(ValidationError) as error:
        decisions.decision_correct(
            actor=manager,
            decision=decision,
            outcome="nfa",
            need_level=builders.level(la, 1),
            rationale=RATIONALE,
            reason=" ",
        )

    assert set(error.value.message_dict) == {"outcome", "reason"}
    assert (DecisionCorrection.objects.count(), AuditEvent.objects.count()) == before
    decision.refresh_from_db()
    assert (decision.outcome, decision.need_level.level) == ("assessment", 1)


@pytest.mark.django_db
def test_the_example_from_the_issue_is_corrected_to_a_level_that_fits(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    decision = decide(manager, journey, la, level=1, override_reason="Typed in a hurry, meant level four")

    decisions.decision_correct(
        actor=manager,
        decision=decision,
        outcome="assessment",
        need_level=builders.level(la, 4),
        rationale=RATIONALE,
        reason="Level of need recorded wrongly",
    )

    decision.refresh_from_db()
    assert (decision.need_level.level, decision.override_reason) == (4, "")
    assert decision.corrections.get().override_reason_before == "Typed in a hurry, meant level four"


@pytest.mark.django_db
def test_a_contact_officer_cannot_correct_a_decision_and_nothing_changes(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    decision = decide(manager, journey, la)
    before = (DecisionCorrection.objects.count(), AuditEvent.objects.count())

    with pytest.raises(PermissionDenied):
        decisions.decision_correct(
            actor=officer,
            decision=decision,
            outcome="assessment",
            need_level=builders.level(la, 4),
            rationale=RATIONALE,
            reason="Level of need recorded wrongly",
        )

    assert (DecisionCorrection.objects.count(), AuditEvent.objects.count()) == before
    decision.refresh_from_db()
    assert decision.need_level.level == 3


@pytest.mark.django_db
def test_the_pages_refuse_an_inconsistent_decision_and_correct_one_with_the_old_kept(
    client, la, officer, manager
):
    journey = record(officer, [builders.child(la)]).children.get()
    client.force_login(manager)
    decide_url = reverse("contacts:decide", args=[journey.pk])
    fields = {"outcome": "assessment", "need_level": builders.level(la, 1).pk, "version": 1}

    refused = client.post(decide_url, fields | {"rationale": "x"})

    assert set(refused.context["form"].errors) == {"rationale", "need_level"}
    assert Decision.objects.count() == 0
    client.post(decide_url, fields | {"rationale": RATIONALE, "override_reason": "Asked for by the court"})
    decision = Decision.objects.get()
    assert decision.override_reason == "Asked for by the court"
    correct_url = reverse("contacts:correct", args=[journey.pk])
    assert client.get(correct_url).context["form"].initial["need_level"] == decision.need_level_id

    response = client.post(
        correct_url,
        {
            "outcome": "assessment",
            "need_level": builders.level(la, 4).pk,
            "rationale": RATIONALE,
            "reason": "The level of need was recorded wrongly",
        },
    )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.need_level.level, decision.override_reason, decision.corrections.count()) == (4, "", 1)
    page = client.get(reverse("contacts:detail", args=[journey.contact_id])).content.decode()
    assert page.count('data-testid="correction"') == 1
    assert "Departed from the threshold: Asked for by the court" in page


def test_the_synthetic_county_decides_only_pairs_that_fit_with_rationales_of_substance():
    """The generator writes decisions without the service: its profile must keep the same rules."""
    from frontdoor.synthetic import profiles
    from frontdoor.synthetic.generator import texts

    for outcome, levels in profiles.NEED_LEVELS_BY_OUTCOME.items():
        assert {level for level, _ in levels} <= rules.OUTCOME_LEVELS[outcome]
    for phrasings in texts.RATIONALES.values():
        assert [rules.rationale_problem(p.format(name="Al")) for p in phrasings] == [None] * len(phrasings)
