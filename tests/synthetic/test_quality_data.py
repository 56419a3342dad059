"""The synthetic early help, supervision and audits (issue 9) hold the invariants the services keep,
at the cadences their modules describe."""

from collections import Counter, defaultdict
from itertools import pairwise

import pytest

from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.models import Clock
from frontdoor.contacts.models import ContactChild, Outcome
from frontdoor.early_help.models import CaseStatus, EarlyHelpAssessment, EarlyHelpCase
from frontdoor.organisations.models import User
from frontdoor.quality import rules as quality_rules
from frontdoor.quality.models import CaseAudit
from frontdoor.quality.selectors import sample_population
from frontdoor.supervision import rules as supervision_rules
from frontdoor.supervision.models import Supervision
from frontdoor.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_every_step_down_decision_has_an_early_help_case_or_joins_an_open_one(small):
    step_downs = ContactChild.objects.filter(decision__outcome=Outcome.EARLY_HELP)
    cases = EarlyHelpCase.objects.all()
    assert 0 < cases.count() <= step_downs.count()
    assert set(cases.values_list("contact_child__decision__outcome", flat=True)) == {Outcome.EARLY_HELP}
    opened = Counter(cases.filter(status=CaseStatus.OPEN).values_list("person_id", flat=True))
    assert max(opened.values(), default=1) == 1
    per_contact = cases.count() / small.counts["contacts.Contact"]
    per_child = step_downs.count() / ContactChild.objects.exclude(decision=None).count()
    print(f"\nEarly help cases per contact {per_contact:.3f}; step-downs per decision {per_child:.3f}")  # noqa: T201


def test_early_help_assessments_hear_the_child_and_step_ups_are_later_contacts_of_the_same_child(small):
    assert EarlyHelpAssessment.objects.filter(childs_voice="").count() == 0
    for case in EarlyHelpCase.objects.filter(status=CaseStatus.STEPPED_UP).select_related("step_up_contact"):
        assert case.step_up_contact.children.filter(person_id=case.person_id).exists()
        assert case.step_up_contact.received_at > case.started_at
        assert case.ended_at == case.step_up_contact.received_at


def test_supervision_is_4_weekly_with_some_late_and_one_open_clock_per_worker(small):
    sessions = defaultdict(list)
    for worker, held in Supervision.objects.order_by("held_on").values_list("worker_id", "held_on"):
        sessions[worker].append(held)
    gaps = [(b - a).days for dates in sessions.values() for a, b in pairwise(dates)]
    late = sum(1 for gap in gaps if gap > 28) / len(gaps)
    assert 0.1 < late < 0.45, late
    open_clocks = Clock.objects.filter(standard="supervision", completed_at__isnull=True)
    assert open_clocks.count() == len(sessions)
    calendar = WorkingCalendar()
    standard = clock_rules.DEFAULT_STANDARDS["supervision"]
    for clock in Clock.objects.filter(standard__in=("supervision", "early_help_review")):
        definition = clock_rules.DEFAULT_STANDARDS[clock.standard]
        assert clock.due_at == clock_rules.due(definition, clock.started_at, calendar)
    assert standard.length == 28


def test_some_workers_are_social_work_assistants_and_directions_follow_supervision(small):
    staff = User.objects.values_list("role", "job_title")
    assert any(supervision_rules.is_social_work_assistant(role=r, job_title=t) for r, t in staff)
    directions = Task.objects.filter(kind="supervision")
    assert directions.count() > 0
    sessions = Supervision.objects.in_bulk([d.source_id for d in directions])
    for d in directions:
        assert d.source_type == "supervision.supervision"
        assert sessions[d.source_id].worker_id == d.owner_user_id
        assert d.due_on >= sessions[d.source_id].held_on


def test_each_months_sample_has_a_child_in_need_when_there_was_one_and_moderation_is_by_someone_else(small):
    audits = CaseAudit.objects.filter(re_audit_of__isnull=True).select_related("programme")
    by_programme = defaultdict(list)
    for audit in audits:
        by_programme[audit.programme].append(audit)
    assert by_programme
    for programme, sample in by_programme.items():
        population = sample_population(authority_id=programme.authority_id, month=programme.month)
        if any(c.kind == quality_rules.CIN for c in population):
            assert any(a.kind == quality_rules.CIN for a in sample), programme
        assert len({a.person_id for a in sample}) == len(sample)
    moderated = audits.exclude(moderator=None)
    assert moderated.count() > 0
    assert all(a.moderator_id != a.auditor_id for a in moderated)
    ungraded = CaseAudit.objects.filter(grade="").values_list("pk", flat=True)
    assert Task.objects.filter(kind="case_audit", source_id__in=list(ungraded)).count() == 0
