"""Audit templates: QA leads list, create and edit templates with graded questions; a template used
by a completed audit is never changed (refused with a clear message, nothing saved) and a new
version is started from its questions instead."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AuditEvent
from frontdoor.organisations.models import Role
from frontdoor.quality import services
from frontdoor.quality.models import AuditQuestion, AuditTemplate
from frontdoor.quality.services.templates import USED
from tests import builders
from tests.quality.cases import cin_episode
from tests.quality.test_services import graded

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


@pytest.fixture
def template(qa):
    return services.audit_template_create(
        actor=qa, name="Neglect audit", questions=["Is the child seen?", "Is the plan clear?"]
    )


def questions(template):
    return list(AuditQuestion.objects.filter(template=template).values_list("position", "text"))


def state():
    return (
        list(AuditTemplate.objects.order_by("pk").values_list("name", flat=True)),
        list(
            AuditQuestion.objects.order_by("template", "position").values_list("template", "position", "text")
        ),
        AuditEvent.objects.count(),
    )


def test_a_qa_lead_creates_a_template_from_the_page(client, qa):
    client.force_login(qa)
    response = client.post(
        reverse("quality:template_new"),
        {"name": "Child's voice", "questions": "Is the child heard?\n\n  Is it recorded?  "},
    )
    assert response.status_code == 302
    made = AuditTemplate.objects.get(name="Child's voice")
    assert questions(made) == [(1, "Is the child heard?"), (2, "Is it recorded?")]
    page = html.fromstring(client.get(reverse("quality:templates")).content)
    cards = page.xpath("//*[@data-testid='template']")
    assert [c.xpath(".//h2")[0].text_content() for c in cards] == ["Child's voice"]
    assert [li.text_content() for li in cards[0].xpath(".//li[not(contains(@class, 'action'))]")] == [
        "Is the child heard?",
        "Is it recorded?",
    ]


def test_an_unused_template_is_edited_with_an_audit_event(qa, template):
    services.audit_template_update(
        actor=qa,
        template=template,
        name="Neglect audit 2026",
        questions=["Is the plan clear?", "Is school involved?"],
    )
    template.refresh_from_db()
    assert template.name == "Neglect audit 2026"
    assert questions(template) == [(1, "Is the plan clear?"), (2, "Is school involved?")]
    event = AuditEvent.objects.get(action="audit.template_updated")
    assert event.changes["before"] == {
        "name": "Neglect audit",
        "questions": ["Is the child seen?", "Is the plan clear?"],
    }


def test_bad_input_is_shown_beside_the_field_and_saves_nothing(client, qa, template):
    services.audit_template_create(actor=qa, name="Other", questions=["Q"])
    before = state()
    client.force_login(qa)
    url = reverse("quality:template_edit", args=[template.pk])
    taken = client.post(url, {"name": "Other", "questions": "Is the child seen?"})
    doc = html.fromstring(taken.content)
    assert taken.status_code == 200
    assert (
        "A template with that name already exists" in doc.xpath("//*[@id='id_name_error']")[0].text_content()
    )
    empty = client.post(url, {"name": "Neglect audit", "questions": " \n "})
    assert "Enter" in html.fromstring(empty.content).xpath("//*[@id='id_questions_error']")[0].text_content()
    assert state() == before


def test_a_template_used_by_a_completed_audit_is_refused_and_a_new_version_offered(client, la, manager, qa):
    cin_episode(la, manager)
    used = services.audit_template_create(actor=qa, name="Used", questions=["Is the child seen?"])
    programme = services.audit_programme_create(
        actor=qa, name="November", theme="Neglect", month=timezone.localdate(), sample_size=1, template=used
    )
    graded(services.audit_programme_sample(actor=qa, programme=programme)[0], qa)
    before = state()
    with pytest.raises(ValidationError) as refused:
        services.audit_template_update(actor=qa, template=used, name="Used", questions=["Changed?"])
    assert refused.value.messages == [USED]
    assert state() == before

    client.force_login(qa)
    page = client.get(reverse("quality:template_edit", args=[used.pk]))
    assert USED in html.fromstring(page.content).xpath("//*[@data-testid='intro']")[0].text_content()
    posted = client.post(
        reverse("quality:template_edit", args=[used.pk]), {"name": "Used", "questions": "Changed?"}
    )
    assert posted.status_code == 200
    assert USED in posted.content.decode()
    assert state() == before
    start = client.get(reverse("quality:template_new"), {"from": used.pk})
    form = html.fromstring(start.content)
    assert form.xpath("//input[@name='name']")[0].get("value") == "Used (new version)"
    assert form.xpath("//textarea[@name='questions']")[0].text_content().strip() == "Is the child seen?"


def test_roles_outside_quality_assurance_cannot_edit(la, template):
    worker = builders.user(la, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.audit_template_update(actor=worker, template=template, name="x", questions=["y"])
    assert template.name == AuditTemplate.objects.get(pk=template.pk).name == "Neglect audit"


def test_another_authoritys_template_is_not_found(client, template):
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.QUALITY_ASSURANCE)
    client.force_login(stranger)
    assert client.get(reverse("quality:template_edit", args=[template.pk])).status_code == 404
    assert client.get(reverse("quality:template_edit", args=[999_999])).status_code == 404
