"""The authority's assessment template (issue 16 §4): an administrator or senior leader adds,
renames, reorders and retires headings; a version an assessment used is never changed (the change
makes the next version), the shared default is never changed (the authority gets its own copy);
bad input beside the field; every change audited; other roles refused with nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontdoor.assessments import services as assessment_services
from frontdoor.assessments import template_services as services
from frontdoor.assessments.models import Assessment, AssessmentTemplate, TemplateSection
from frontdoor.audit.models import AuditEvent
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db

SIGNS_OF_SAFETY = [
    "harm", "complicating_factors", "working_well", "danger_statements", "safety_goals", "next_steps"
]  # fmt: skip


def _keys(template):
    return list(template.sections.order_by("position").values_list("key", flat=True))


def test_the_first_change_copies_the_default_and_leaves_it_as_it_was(la):
    leader = builders.user(la, Role.SENIOR_LEADER)
    default = assessment_services.default_template()
    services.heading_change(
        actor=leader, key="harm", group="Worries", heading="Harm and its impact", prompt=""
    )
    own = AssessmentTemplate.objects.get(authority=la)
    assert (own.version, own.retired_at) == (1, None)
    assert own.sections.get(key="harm").heading == "Harm and its impact"
    assert default.sections.get(key="harm").heading == "Harm"
    assert assessment_services.template_for(authority_id=la.pk) == own
    other = builders.authority("888", "Elsewhere")
    assert assessment_services.template_for(authority_id=other.pk) == default
    event = AuditEvent.objects.get(action="assessment_template.heading_changed")
    assert event.changes["before"]["heading"] == "Harm"


def test_a_version_an_assessment_used_is_never_changed(la, manager, worker):
    admin = builders.user(la, Role.ADMINISTRATOR)
    services.heading_add(actor=admin, group="", heading="Family network", prompt="Who is around the child")
    v1 = AssessmentTemplate.objects.get(authority=la)
    assert _keys(v1) == [*SIGNS_OF_SAFETY, "family-network"]
    referral = builders.referral(la, manager)
    assessment = assessment_services.assessment_start(
        actor=worker, referral=referral, started_on=referral.referral_date
    )
    assert assessment.template == v1
    services.heading_move(actor=admin, key="family-network", up=True)
    services.heading_retire(actor=admin, key="complicating_factors")
    v1.refresh_from_db()
    v2 = AssessmentTemplate.objects.get(authority=la, retired_at__isnull=True)
    assert (v1.version, v1.retired_at is not None, v2.version) == (1, True, 2)
    assert _keys(v1) == [*SIGNS_OF_SAFETY, "family-network"]
    assert _keys(v2) == [
        "harm", "working_well", "danger_statements", "safety_goals", "family-network", "next_steps"
    ]  # fmt: skip
    assert Assessment.objects.get().template == v1
    assert assessment_services.template_for(authority_id=la.pk) == v2
    actions = list(
        AuditEvent.objects.filter(action__startswith="assessment_template.").values_list("action", flat=True)
    )
    assert sorted(actions) == sorted([
        "assessment_template.heading_added", "assessment_template.heading_moved",
        "assessment_template.heading_retired",
    ])  # fmt: skip


def test_bad_input_is_refused_beside_the_field_and_other_roles_change_nothing(client, la, manager, worker):
    leader = builders.user(la, Role.SENIOR_LEADER)
    with pytest.raises(ValidationError) as refused:
        services.heading_add(actor=leader, group="", heading=" ", prompt="")
    assert refused.value.message_dict == {"heading": ["Enter the heading"]}
    for role in (manager, worker):
        with pytest.raises(PermissionDenied):
            services.heading_retire(actor=role, key="harm")
    assert AssessmentTemplate.objects.filter(authority=la).count() == 0
    client.force_login(leader)
    url = reverse("assessments:template")
    page = client.post(url, {"group": "", "heading": "", "prompt": ""})
    assert page.status_code == 200
    assert page.text.count("Enter the heading") == 2
    assert client.post(url, {"group": "", "heading": "Family network", "prompt": ""}).status_code == 302
    action = reverse("assessments:template_heading_action", args=["family-network"])
    assert client.post(action, {"action": "up"}).status_code == 302
    assert _keys(AssessmentTemplate.objects.get(authority=la))[-2:] == ["family-network", "next_steps"]
    change = reverse("assessments:template_heading", args=["family-network"])
    assert client.post(change, {"group": "", "heading": "Who helps", "prompt": ""}).status_code == 302
    assert TemplateSection.objects.get(template__authority=la, key="family-network").heading == "Who helps"
    assert "Who helps" in client.get(url).text
    client.force_login(worker)
    assert client.get(url).status_code == 403
    assert client.post(action, {"action": "retire"}).status_code == 403
    assert TemplateSection.objects.filter(template__authority=la, key="family-network").exists()
    assert client.get(reverse("assessments:template_heading", args=["no-such-heading"])).status_code == 403
