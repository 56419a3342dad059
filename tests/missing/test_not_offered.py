"""Recording why no return home interview was offered: the reason on the episode with who and
when, refusals beside the field with nothing saved, and the reason in both "not offered" lists."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AuditEvent
from frontdoor.missing import figures, rules, services
from frontdoor.missing.models import MissingEpisode
from frontdoor.missing.not_offered import interview_not_offered
from frontdoor.organisations.models import Role
from tests import builders

from .helpers import ago, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(la):
    return builders.child(la, "Noor", "Example")


@pytest.fixture
def episode(officer, child):
    return record(officer, child, went=ago(hours=100), returned=ago(hours=90))


def test_the_reason_is_recorded_with_who_and_when_and_audited(worker, episode):
    saved = interview_not_offered(
        actor=worker, episode=episode, version=1, reason="moved_away", detail="  Moved to Leeds with dad "
    )
    saved.refresh_from_db()
    assert (saved.not_offered_reason, saved.not_offered_detail) == ("moved_away", "Moved to Leeds with dad")
    assert saved.not_offered_by == worker
    assert saved.not_offered_at is not None
    assert saved.version == 2
    event = AuditEvent.objects.get(action="missing.interview_not_offered")
    assert event.person_id == episode.person_id
    assert event.changes == {"reason": "moved_away", "detail": "Moved to Leeds with dad"}


@pytest.mark.parametrize(
    ("reason", "detail", "field", "message"),
    [
        ("", "", "reason", "Select why the interview was not offered"),
        ("other", "  ", "detail", "Explain why the interview was not offered"),
        ("lost", "", "reason", "Select why the interview was not offered"),
    ],
)
def test_a_refused_reason_changes_nothing(worker, episode, reason, detail, field, message):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        interview_not_offered(actor=worker, episode=episode, version=1, reason=reason, detail=detail)
    assert refused.value.message_dict == {field: [message]}
    episode.refresh_from_db()
    assert (episode.not_offered_reason, episode.not_offered_at, episode.version) == ("", None, 1)
    assert AuditEvent.objects.count() == events


def test_no_reason_once_an_offer_is_recorded_or_before_the_return(worker, officer, child, episode):
    services.interview_offer(
        actor=worker, episode=episode, offered_at=episode.returned_at + timedelta(hours=1),
        offered_by="Sam Lee, Get Safe", offered_by_independent=True,
    )  # fmt: skip
    with pytest.raises(ValidationError) as offered:
        interview_not_offered(actor=worker, episode=episode, version=1, reason="strategy")
    assert offered.value.message_dict == {
        "reason": ["An interview offer is already recorded for this episode"]
    }
    still_missing = record(officer, child, went=ago(hours=3))
    with pytest.raises(ValidationError) as missing:
        interview_not_offered(actor=worker, episode=still_missing, version=1, reason="strategy")
    assert "Record the child's return first" in missing.value.message_dict["reason"][0]


def test_roles_without_the_interview_duty_are_refused(la, episode):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        interview_not_offered(
            actor=builders.user(la, Role.CONTACT_OFFICER), episode=episode, version=1, reason="strategy"
        )
    assert MissingEpisode.objects.get(pk=episode.pk).not_offered_reason == ""


def test_the_form_shows_the_error_beside_the_field_and_saves_nothing(client, worker, episode):
    client.force_login(worker)
    url = reverse("missing:not_offered", args=[episode.pk])
    response = client.post(url, {"version": 1, "reason": "other", "detail": ""})
    assert response.status_code == 200
    doc = html.fromstring(response.content)
    assert (
        "Explain why the interview was not offered"
        in doc.xpath("//*[@id='id_detail_error']")[0].text_content()
    )
    assert MissingEpisode.objects.get(pk=episode.pk).not_offered_reason == ""


def test_the_reason_shows_on_the_episode_and_in_both_not_offered_lists(client, worker, manager, episode):
    client.force_login(worker)
    url = reverse("missing:not_offered", args=[episode.pk])
    response = client.post(
        url, {"version": 1, "reason": "declined_before_offer", "detail": "Said no at the door"}
    )
    assert response.status_code == 302
    page = html.fromstring(client.get(reverse("missing:detail", args=[episode.pk])).content)
    shown = page.xpath("//*[@data-testid='not-offered']//dd")[0]
    assert shown.text == "The child declined before an offer could be made: Said no at the door"
    assert shown.xpath(".//span")[0].text_content().startswith(f"{worker.display_name}, ")

    month = rules.month_of(episode.returned_at, figures._zone())
    client.force_login(manager)
    listing = client.get(
        reverse("missing:figure_children"), {"figure": "not_offered", "month": month.isoformat()}
    )
    cells = html.fromstring(listing.content).xpath("//*[@data-testid='not-offered']")
    assert [" ".join(c.text_content().split()) for c in cells] == [
        "No: The child declined before an offer could be made (Said no at the door)"
    ]
    day = timezone.localtime(episode.returned_at).date().isoformat()
    drill = client.get(
        reverse("performance:drilldown", args=["return-interviews"]),
        {"from": day, "to": day, "result": "not_offered"},
    )
    rows = html.fromstring(drill.content).xpath("//*[@data-testid='child-row']")
    assert len(rows) == 1
    assert rows[0].xpath("./td")[-1].text_content().strip() == (
        "Not offered: The child declined before an offer could be made: Said no at the door"
    )
