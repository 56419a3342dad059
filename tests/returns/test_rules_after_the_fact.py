"""Issue 18: three DfE ERROR rules could be broken through the services by recording the closure or
the death AFTER the work it contradicts (the entry checks refused only the other order). Each is now
refused beside its field, naming the rule, and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.child_protection import rules as cp_rules
from frontdoor.people import services as people
from frontdoor.plans import rules as plan_rules
from frontdoor.referrals import rules as referral_rules
from frontdoor.referrals.models import Referral
from tests.child_protection.conftest import at, discuss

from .entry import assess, close, enquire, episode, protect, today


@pytest.mark.django_db
def test_8565_an_episode_cannot_close_before_its_own_assessment(la, manager):
    ep = episode(la, manager, outcome="assessment")
    start = ep.referral.referral_date
    assess(ep, start=start + timedelta(days=1), authorised=start + timedelta(days=20))
    with pytest.raises(ValidationError) as refused:
        close(ep, on=start + timedelta(days=10))
    assert refused.value.message_dict == {
        "closure_date": [
            f"The case cannot close before the assessment's authorisation on "
            f"{start + timedelta(days=20):%-d %B %Y} (DfE CIN rule 8565: no activity after the case closed)"
        ]
    }
    assert ep.fresh().closure_date is None
    assert close(ep, on=start + timedelta(days=20)).closure_date == start + timedelta(days=20)


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["RC8", "RC9"])
def test_2990_an_episode_with_a_section_47_cannot_close_as_after_assessment(la, manager, reason):
    ep = episode(la, manager)
    start = ep.referral.referral_date
    enquire(ep)
    assess(ep, start=start, authorised=start + timedelta(days=14))
    with pytest.raises(ValidationError) as refused:
        close(ep, on=start + timedelta(days=21), reason=reason)
    assert refused.value.message_dict == {
        "reason": [
            "This episode had a section 47 enquiry or a plan, so it did not close after assessment: choose "
            "another reason (DfE CIN rule 2990: no such work on an RC8 or RC9 case)"
        ]
    }
    assert Referral.objects.filter(pk=ep.referral.pk, closure_reason="").count() == 1
    assert close(ep, on=start + timedelta(days=21), reason="RC7").closure_reason == "RC7"


@pytest.mark.django_db
def test_8915_a_death_cannot_be_dated_before_an_open_plan_started(la, manager):
    ep = episode(la, manager)
    plan = protect(ep)
    child = ep.child
    with pytest.raises(ValidationError) as refused:
        people.person_update(
            actor=manager,
            person=child,
            version=child.version,
            date_of_death=plan.start_date - timedelta(days=1),
        )
    assert refused.value.message_dict == {
        "date_of_death": [
            f"The child's child protection plan started on {plan.start_date:%-d %B %Y}: the date of death "
            "cannot be before it (DfE CIN rule 8915)"
        ]
    }
    assert ep.child.date_of_death is None
    died = people.person_update(actor=manager, person=child, version=child.version, date_of_death=today())
    assert died.date_of_death == today()


@pytest.mark.django_db
def test_8868_no_section_47_dated_before_the_closure_is_recorded_after_it(la, manager):
    ep = episode(la, manager)
    day = ep.referral.referral_date
    assess(ep, start=day, authorised=day + timedelta(days=3))
    close(ep, on=day + timedelta(days=4))
    with pytest.raises(ValidationError) as refused:
        discuss(ep.worker, ep.fresh(), at(day, 11))
    assert refused.value.messages == [
        f"This episode closed on {day + timedelta(days=4):%-d %B %Y}: record the work against a new referral "
        "(DfE CIN rule 8868: nothing left unfinished in a closed episode)"
    ]


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(DAYS, st.lists(DAYS, max_size=6), st.sampled_from(["RC7", "RC8", "RC9"]), st.booleans())
def test_a_closure_is_refused_exactly_when_work_is_dated_after_it(closed, days, reason, has_plan):
    work = referral_rules.RecordedWork(dated=tuple(("assessment's start", d) for d in days),
                                       has_plan_or_protection=has_plan)  # fmt: skip
    problems = referral_rules.closure_after_work_problems(closure_date=closed, reason=reason, work=work)
    assert ("closure_date" in problems) == any(d > closed for d in days)
    assert ("reason" in problems) == (has_plan and reason != "RC7")


@given(DAYS, st.lists(st.tuples(DAYS, st.one_of(st.none(), DAYS)), max_size=4))
def test_a_death_is_refused_exactly_when_a_plan_started_or_ended_after_it(died, plans):
    message = cp_rules.death_not_before_plans(date_of_death=died, plans=plans)
    assert (message is not None) == any(s > died or (e is not None and e > died) for s, e in plans)
    cin_message = plan_rules.death_not_before_plans(date_of_death=died, plan_starts=[s for s, _ in plans])
    assert (cin_message is not None) == any(s > died for s, _ in plans)
