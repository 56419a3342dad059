"""The practice model (issue 16 §4): the authority's template (Signs of Safety by default), answers per
heading, scaling, the child's voice required to submit, the manager's comment, and one read-only
rendering for partners and for the family."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments import services
from frontdoor.assessments.models import Assessment, AssessmentTemplate, SectionAnswer, TemplateSection
from frontdoor.audit.models import AccessEvent, AuditEvent
from tests import builders

pytestmark = pytest.mark.django_db

SIGNS_OF_SAFETY = [
    "harm",
    "complicating_factors",
    "working_well",
    "danger_statements",
    "safety_goals",
    "next_steps",
]


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _started(la, manager, worker):
    referral = builders.referral(la, manager)
    return services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())


def _record_fields(assessment, **extra):
    fields = {
        "version": assessment.version,
        "childs_voice": "",
        "parents_views": "",
        "analysis": "Neglect of routines; strong grandmother",
        "answer_harm": "Left alone overnight twice in March",
        "answer_working_well": "Grandmother collects her from school every day",
    }
    return fields | extra


def test_the_default_template_is_signs_of_safety_in_order():
    default = services.default_template()  # seeded by migration 0003; made again after a flush
    assert default.name == "Signs of Safety"
    assert list(default.sections.values_list("key", flat=True)) == SIGNS_OF_SAFETY
    assert "0 to 10" in default.scaling_question


def test_an_assessment_uses_its_authoritys_own_template_or_the_default(la, manager, worker):
    assert _started(la, manager, worker).template.name == "Signs of Safety"
    own = AssessmentTemplate.objects.create(authority=la, name="Resilience model")
    TemplateSection.objects.create(template=own, position=1, key="risks", heading="Risks")
    TemplateSection.objects.create(template=own, position=2, key="protective", heading="Protective factors")
    assessment = _started(la, manager, worker)
    assert assessment.template == own
    client_form_keys = [s.key for s in assessment.template.sections.all()]
    assert client_form_keys == ["risks", "protective"]


def test_recording_under_the_headings_saves_answers_and_scaling(client, la, manager, worker):
    assessment = _started(la, manager, worker)
    client.force_login(worker)
    url = reverse("assessments:record", args=[assessment.pk])
    page = client.get(url).content.decode()
    assert page.count("What are we worried about?: ") == 2
    assert 'data-testid="child-header"' in page
    fields = _record_fields(assessment, scale_worker="4", scale_family="7", scale_child="5")
    assert client.post(url, fields).status_code == 302
    assessment.refresh_from_db()
    answers = dict(SectionAnswer.objects.filter(assessment=assessment).values_list("section__key", "text"))
    assert answers == {
        "harm": "Left alone overnight twice in March",
        "working_well": "Grandmother collects her from school every day",
    }
    assert (assessment.scale_worker, assessment.scale_family, assessment.scale_child) == (4, 7, 5)
    event = AuditEvent.objects.get(action="assessment.recorded", subject_id=assessment.pk)
    assert "answer:harm" in event.changes["fields"]
    assert "scale_worker" in event.changes["fields"]


def test_scaling_out_of_range_is_answered_beside_the_field_and_saves_nothing(client, la, manager, worker):
    assessment = _started(la, manager, worker)
    client.force_login(worker)
    response = client.post(
        reverse("assessments:record", args=[assessment.pk]), _record_fields(assessment, scale_child="11")
    )
    assert response.status_code == 200
    assert response.content.decode().count("Enter a number from 0 to 10") == 2
    assessment.refresh_from_db()
    assert (assessment.version, assessment.analysis, assessment.scale_child) == (1, "", None)
    assert SectionAnswer.objects.filter(assessment=assessment).count() == 0


def test_an_assessment_without_the_childs_voice_cannot_be_submitted(client, la, manager, worker):
    assessment = _started(la, manager, worker)
    services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=1,
        child_seen_on=None,
        childs_voice="",
        parents_views="",
        analysis="Needs met at home",
    )
    client.force_login(worker)
    url = reverse("assessments:complete", args=[assessment.pk])
    fields = {
        "version": 2,
        **_date("completed_on", timezone.localdate()),
        "factors": ["21"],
        "outcome": "nfa",
    }
    response = client.post(url, fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Record the child&#x27;s voice: their words, what was observed, or why not") == 2
    assessment.refresh_from_db()
    assert (assessment.completed_on, assessment.version, assessment.factors) == (None, 2, [])
    assert AuditEvent.objects.filter(action="assessment.completed").count() == 0
    # "Not gathered" needs its reason, beside that field.
    response = client.post(url, fields | {"voice_gathered": "not_gathered"})
    assert response.content.decode().count("Record why the child&#x27;s views could not be gathered") == 2
    assert Assessment.objects.get(pk=assessment.pk).completed_on is None
    # A baby's views, gathered by observation, are the child's voice.
    voice = {"childs_voice": "Settled and smiling in her father's arms", "voice_gathered": "observation"}
    assert client.post(url, fields | voice).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.completed_on, assessment.voice_gathered) == (timezone.localdate(), "observation")


def _submitted(la, manager, worker):
    assessment = _started(la, manager, worker)
    services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=1,
        child_seen_on=timezone.localdate(),
        childs_voice="I want to stay with Nan",
        voice_gathered="words",
        parents_views="",
        analysis="Neglect of routines",
        answers={"harm": "Left alone overnight", "danger_statements": "She may be hurt if left alone"},
        scale_worker=3,
    )
    return services.assessment_complete(
        actor=worker,
        assessment=assessment,
        version=2,
        completed_on=timezone.localdate(),
        factors=["16A"],
        outcome="cin_plan",
    )


def test_authorisation_needs_the_managers_comment(client, la, manager, worker):
    assessment = _submitted(la, manager, worker)
    client.force_login(manager)
    url = reverse("assessments:authorise", args=[assessment.pk])
    fields = {
        "version": assessment.version,
        **_date("authorised_on", timezone.localdate()),
        "primary_need": "N1",
    }
    response = client.post(url, fields | {"comment": "   "})
    assert response.content.decode().count("Add your comment on the assessment") == 2
    assert Assessment.objects.get(pk=assessment.pk).authorised_on is None
    assert client.post(url, fields | {"comment": "Agreed: plan within 10 days"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.authorisation_comment == "Agreed: plan within 10 days"
    event = AuditEvent.objects.get(action="assessment.authorised", subject_id=assessment.pk)
    assert event.changes["comment"] == "Agreed: plan within 10 days"


def test_one_rendering_for_partners_and_for_the_family(client, la, manager, worker):
    assessment = _submitted(la, manager, worker)
    client.force_login(worker)
    url = reverse("assessments:print", args=[assessment.pk])
    before = AccessEvent.objects.filter(purpose="assessments.print").count()
    partners = client.get(url).content.decode()
    family = client.get(url + "?for=family").content.decode()
    for page in (partners, family):
        assert "I want to stay with Nan" in page
        assert "Left alone overnight" in page
        assert "She may be hurt if left alone" in page
        assert "Danger statements" in page
        assert 'data-testid="child-header"' not in page  # warnings to staff are not for the family
    assert "16A: Abuse or neglect: neglect" in partners
    assert "16A" not in family
    assert AccessEvent.objects.filter(purpose="assessments.print").count() == before + 2


def test_another_authoritys_assessment_is_not_found_and_logs_nothing(client, la, manager, worker):
    assessment = _submitted(la, manager, worker)
    other = builders.authority("888", "Elsewhere")
    client.force_login(builders.user(other))
    assert client.get(reverse("assessments:print", args=[assessment.pk])).status_code == 404
    assert AccessEvent.objects.filter(purpose="assessments.print").count() == 0
