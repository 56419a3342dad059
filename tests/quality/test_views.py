"""The audit pages: a refused moderation is answered beside the field and saves nothing; a stale
grade is refused; the sample can be drawn once; the programme page logs who saw the children."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.organisations.models import Role
from frontdoor.quality import services
from frontdoor.quality.models import AuditProgramme, CaseAudit
from tests import builders
from tests.quality.cases import cin_episode
from tests.quality.test_services import graded

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(la, manager):
    cin_episode(la, manager)
    qa = builders.user(la, Role.QUALITY_ASSURANCE)
    programme = services.audit_programme_create(
        actor=qa, name="November", theme="Neglect", month=timezone.localdate(), sample_size=3
    )
    return graded(services.audit_programme_sample(actor=qa, programme=programme)[0], qa)


def test_a_changed_grade_without_a_reason_is_answered_beside_the_field(client, la, audit):
    client.force_login(builders.user(la, Role.QUALITY_ASSURANCE))
    response = client.post(
        reverse("quality:moderate", args=[audit.pk]),
        {"version": audit.version, "agreed": "no", "grade": "good"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Explain why you changed the grade") == 2  # the summary and beside the field
    audit.refresh_from_db()
    assert (audit.status, audit.moderated_grade) == ("graded", "")


def test_a_moderation_against_an_old_version_is_refused(client, la, audit):
    client.force_login(builders.user(la, Role.QUALITY_ASSURANCE))
    response = client.post(
        reverse("quality:moderate", args=[audit.pk]),
        {"version": audit.version - 1, "agreed": "yes", "grade": audit.grade},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    audit.refresh_from_db()
    assert audit.moderator is None


def test_the_programme_page_shows_and_logs_the_sampled_children(client, la, manager, audit):
    client.force_login(manager)
    response = client.get(reverse("quality:programme", args=[audit.programme_id]))
    assert audit.person.full_name in response.content.decode()
    assert (
        AccessEvent.objects.filter(actor=manager, person=audit.person, purpose="quality.programme").count()
        == 1
    )


def test_sampling_twice_says_so_and_adds_nothing(client, la, manager, audit):
    client.force_login(manager)
    response = client.post(reverse("quality:programme_sample", args=[audit.programme_id]), follow=True)
    assert "This programme has already been sampled." in response.content.decode()
    assert (AuditProgramme.objects.count(), CaseAudit.objects.count()) == (1, 1)
