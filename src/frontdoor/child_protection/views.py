"""Thin views for child protection: each page reads through selectors and writes through one service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.forms import (
    ActionForm,
    CoreGroupForm,
    DistributionForm,
    EmergencyProtectionEndForm,
    EmergencyProtectionForm,
    PlanEndForm,
    Section47OutcomeForm,
    Section47SignOffForm,
    StrategyDiscussionForm,
)
from frontdoor.child_protection.models import Agency, Item
from frontdoor.clocks.rules import Standard
from frontdoor.clocks.services import standard_for
from frontdoor.core.forms import GovForm
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.plans import content_selectors
from frontdoor.plans.models import PlanKind
from frontdoor.referrals import selectors as referral_selectors
from frontdoor.referrals.forms import VisitForm
from frontdoor.tasks.models import TaskKind

RECORD = "child_protection.record"


def _form_page(
    request: StaffRequest,
    form: GovForm,
    save: Callable[[dict], Any],
    *,
    title: str,
    person: Person | None,
    back: str,
    done: str,
) -> HttpResponse:
    """Render the form, or save it through `save` (one service call) and go back with a message."""
    if submit(request, form, save) is not None:
        messages.success(request, done)
        return redirect(back)
    context = {"form": form, "person": person, "page_title": title, "back": back}
    return render(request, "child_protection/form.html", context)


@login_required
def episode(request: StaffRequest, pk: int) -> HttpResponse:
    referral = referral_selectors.referral_get_for(
        actor=request.user, referral_id=pk, purpose="child_protection.episode"
    )
    context = {
        "referral": referral,
        "episode": selectors.episode_for(referral=referral),
        "strategy_clock": services.strategy_clock_open(referral),
        "protections": selectors.emergency_protections_for(referral=referral),
        "can_record": can(request.user, RECORD),
        "can_sign_off": can(request.user, "child_protection.sign_off"),
    }
    return render(request, "child_protection/episode.html", context)


@login_required
def emergency_protection_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    referral = referral_selectors.referral_get_for(
        actor=request.user, referral_id=pk, purpose="child_protection.emergency_protection_new"
    )
    form = EmergencyProtectionForm(request.POST or None)
    save = lambda data: services.emergency_protection_record(actor=request.user, referral=referral, **data)  # noqa: E731
    back = reverse("child_protection:episode", kwargs={"pk": referral.pk})
    return _form_page(
        request,
        form,
        save,
        title="Record police protection or an emergency protection order",
        person=referral.person,
        back=back,
        done="Emergency protection recorded",
    )


@login_required
def emergency_protection_end(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.emergency_protection_get_for(
        actor=request.user, pk=pk, purpose="child_protection.emergency_protection_end"
    )
    form = EmergencyProtectionEndForm(request.POST or None)
    save = lambda data: services.emergency_protection_end(actor=request.user, protection=record, **data)  # noqa: E731
    back = reverse("child_protection:episode", kwargs={"pk": record.referral_id})
    return _form_page(
        request,
        form,
        save,
        title=f"Record when the {record.get_kind_display().split(' (')[0].lower()} ended",
        person=record.person,
        back=back,
        done="End recorded",
    )


@login_required
def discussion_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    referral = referral_selectors.referral_get_for(
        actor=request.user, referral_id=pk, purpose="child_protection.discussion_new"
    )
    running = services.strategy_clock_open(referral) is not None
    form = StrategyDiscussionForm(
        request.POST or None,
        clock_running=running,
        partners=selectors.partner_agencies_for(actor=request.user),
    )

    def save(data: dict) -> Any:
        return services.strategy_discussion_record(actor=request.user, referral=referral, **data)

    back = reverse("child_protection:episode", kwargs={"pk": referral.pk})
    return _form_page(
        request,
        form,
        save,
        title="Record a strategy discussion",
        person=referral.person,
        back=back,
        done="Strategy discussion recorded",
    )


@login_required
def discussion(request: StaffRequest, pk: int) -> HttpResponse:
    record = selectors.discussion_get_for(actor=request.user, pk=pk, purpose="child_protection.discussion")
    context = {
        "discussion": record,
        "participants": list(record.participants.select_related("partner_agency").order_by("pk")),
        "agencies": Agency.choices,
        "actions": selectors.actions_for(actor=request.user, meeting=record),
        "can_record": can(request.user, RECORD),
        "can_sign_off": can(request.user, "child_protection.sign_off"),
    }
    return render(request, "child_protection/discussion.html", context)


def _post_then_back(request: StaffRequest, write: Callable[[], Any], back: str, done: str) -> HttpResponse:
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def discussion_sign_off(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "child_protection.sign_off")
    record = selectors.discussion_get_for(
        actor=request.user, pk=pk, purpose="child_protection.discussion_sign_off"
    )
    back = reverse("child_protection:discussion", kwargs={"pk": record.pk})
    write = lambda: services.strategy_rationale_sign_off(actor=request.user, discussion=record)  # noqa: E731
    return _post_then_back(request, write, back, "Rationale signed off")


@login_required
def discussion_action_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.discussion_get_for(actor=request.user, pk=pk, purpose="child_protection.action_new")
    form = ActionForm(request.POST or None, authority_id=request.user.authority_id)
    back = reverse("child_protection:discussion", kwargs={"pk": record.pk})
    save = lambda data: services.action_add(actor=request.user, discussion=record, **data)  # noqa: E731
    return _form_page(
        request, form, save, title="Add an action", person=record.person, back=back, done="Action added"
    )


@login_required
def core_group_action_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    group = selectors.core_group_get_for(actor=request.user, pk=pk, purpose="child_protection.action_new")
    form = ActionForm(request.POST or None, authority_id=request.user.authority_id)
    back = reverse("child_protection:plan", kwargs={"pk": group.plan_id})
    save = lambda data: services.action_add(actor=request.user, core_group=group, **data)  # noqa: E731
    return _form_page(
        request, form, save, title="Add an action", person=group.plan.person, back=back, done="Action added"
    )


@login_required
@require_POST
def action_done(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    action = selectors.action_get_for(actor=request.user, pk=pk, purpose="child_protection.action_done")
    if action.kind == TaskKind.STRATEGY_DISCUSSION:
        back = reverse("child_protection:discussion", kwargs={"pk": action.source_id})
    else:
        group = selectors.core_group_get_for(
            actor=request.user, pk=action.source_id, purpose="child_protection.action_done"
        )
        back = reverse("child_protection:plan", kwargs={"pk": group.plan_id})
    write = lambda: services.action_complete(actor=request.user, action=action)  # noqa: E731
    return _post_then_back(request, write, back, "Action marked as done")


@login_required
def enquiry_outcome(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    enquiry = selectors.section47_get_for(
        actor=request.user, pk=pk, purpose="child_protection.enquiry_outcome"
    )
    initial = {"version": enquiry.version, "child_seen_on": enquiry.child_seen_on, "outcome": enquiry.outcome}
    initial |= {"end_date": enquiry.end_date, "findings": enquiry.findings, "next_step": enquiry.next_step}
    initial["harm_likely"] = {True: "yes", False: "no"}.get(enquiry.harm_likely)  # type: ignore[arg-type]
    form = Section47OutcomeForm(request.POST or None, initial=initial)
    save = lambda data: services.section47_outcome_record(actor=request.user, enquiry=enquiry, **data)  # noqa: E731
    back = reverse("child_protection:episode", kwargs={"pk": enquiry.referral_id})
    return _form_page(
        request,
        form,
        save,
        title="Section 47 enquiry",
        person=enquiry.person,
        back=back,
        done="Section 47 enquiry saved",
    )


@login_required
def enquiry_sign_off(request: StaffRequest, pk: int) -> HttpResponse:
    """A manager signs off the enquiry's findings and outcome with a comment."""
    require(request.user, "child_protection.sign_off")
    enquiry = selectors.section47_get_for(
        actor=request.user, pk=pk, purpose="child_protection.enquiry_sign_off"
    )
    form = Section47SignOffForm(request.POST or None, initial={"version": enquiry.version})
    save = lambda data: services.section47_sign_off(actor=request.user, enquiry=enquiry, **data)  # noqa: E731
    back = reverse("child_protection:episode", kwargs={"pk": enquiry.referral_id})
    return _form_page(
        request,
        form,
        save,
        title="Sign off the section 47 findings",
        person=enquiry.person,
        back=back,
        done="Section 47 findings signed off",
    )


@login_required
def conference(request: StaffRequest, pk: int) -> HttpResponse:
    record = selectors.conference_get_for(actor=request.user, pk=pk, purpose="child_protection.conference")
    labels = dict(Agency.choices)
    missing = selectors.outstanding_for(conference=record)
    context = {
        "conference": record,
        "children": list(record.children.select_related("person", "plan")),
        "agencies": list(record.agencies.select_related("partner_agency").order_by("pk")),
        "distributions": list(
            record.distributions.select_related("partner_agency").order_by("sent_on", "item", "agency")
        ),
        "outstanding": [
            (label, [labels[a] for a in missing[item]]) for item, label in Item.choices if item in missing
        ],
        "can_record": can(request.user, RECORD),
    }
    return render(request, "child_protection/conference.html", context)


@login_required
def distribution_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.conference_get_for(
        actor=request.user, pk=pk, purpose="child_protection.distribution_new"
    )
    involved = list(record.agencies.order_by("pk").values_list("agency", flat=True))
    form = DistributionForm(
        request.POST or None, involved=involved, partners=selectors.partner_agencies_for(actor=request.user)
    )
    save = lambda data: services.distribution_record(actor=request.user, conference=record, **data)  # noqa: E731
    back = reverse("child_protection:conference", kwargs={"pk": record.pk})
    child = record.children.select_related("person").first()
    person = child.person if child else None
    return _form_page(
        request,
        form,
        save,
        title="Record what was sent",
        person=person,
        back=back,
        done="Distribution recorded",
    )  # type: ignore[arg-type]


def _describe(standard: Standard) -> str:
    return standard.unit.describe(standard.length)


@login_required
def plan(request: StaffRequest, pk: int) -> HttpResponse:
    record = selectors.plan_get_for(actor=request.user, pk=pk, purpose="child_protection.plan")
    context = {
        "plan": record,
        "previous_plans": selectors.previous_plans(plan=record),
        **selectors.plan_history(actor=request.user, plan=record),
        "core_group_standard": _describe(standard_for(record.authority, "core_group")),
        "can_record": can(request.user, RECORD),
    }
    return render(request, "child_protection/plan.html", context)


@login_required
def plan_visit_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.plan_get_for(actor=request.user, pk=pk, purpose="child_protection.plan_visit_new")
    form = VisitForm(request.POST or None)
    save = lambda data: services.plan_visit_record(actor=request.user, plan=record, **data)  # noqa: E731
    back = reverse("child_protection:plan", kwargs={"pk": record.pk})
    title = "Record a child protection visit"
    return _form_page(
        request, form, save, title=title, person=record.person, back=back, done="Visit recorded"
    )


@login_required
def core_group_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.plan_get_for(actor=request.user, pk=pk, purpose="child_protection.core_group_new")
    form = CoreGroupForm(
        request.POST or None,
        partners=selectors.partner_agencies_for(actor=request.user),
        outcomes=content_selectors.outcomes_of(actor=request.user, kind=PlanKind.CP, plan_id=record.pk),
    )
    save = lambda data: services.core_group_record(actor=request.user, plan=record, **data)  # noqa: E731
    back = reverse("child_protection:plan", kwargs={"pk": record.pk})
    title = "Record a core group meeting"
    return _form_page(
        request, form, save, title=title, person=record.person, back=back, done="Core group recorded"
    )


@login_required
def plan_end(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    record = selectors.plan_get_for(actor=request.user, pk=pk, purpose="child_protection.plan_end")
    form = PlanEndForm(request.POST or None, initial={"version": record.version})
    save = lambda data: services.plan_end(actor=request.user, plan=record, **data)  # noqa: E731
    back = reverse("child_protection:plan", kwargs={"pk": record.pk})
    return _form_page(
        request, form, save, title="End the plan", person=record.person, back=back, done="Plan ended"
    )


@login_required
def outstanding(request: StaffRequest) -> HttpResponse:
    rows = selectors.distribution_outstanding(actor=request.user, purpose="child_protection.outstanding")
    labels = dict(Agency.choices)
    items = dict(Item.choices)
    context = {
        "rows": [
            (row, [(items[item], [labels[a] for a in agencies]) for item, agencies in row.missing.items()])
            for row in rows
        ]
    }
    return render(request, "child_protection/outstanding.html", context)
