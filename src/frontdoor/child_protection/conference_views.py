"""The initial and review conference pages: one meeting, and a part of the form for each child of the
family it considers, each with their own participation, outcome, category and plan (issue 5).

The child the page was opened from is always considered; each brother or sister with an enquiry
awaiting its initial conference (or an open plan, for a review) can be ticked in. One service call
saves the meeting and every child, or nothing: its refusals land beside the child's own fields.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.forms import ConferenceChildForm, MeetingForm, ReviewChildForm
from frontdoor.core.forms import GovForm
from frontdoor.core.templatetags.govuk import error_items
from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.plans import content_selectors
from frontdoor.plans.models import PlanKind

RECORD = "child_protection.record"
PART_KEYS = (
    "child_attended",
    "views_how",
    "advocacy_offered",
    "advocacy_accepted",
    "advocacy_used",
    "plan_needed",
    "category",
)


def _apply(error: ValidationError, meeting: GovForm, children: list[GovForm]) -> None:
    """Each refusal beside the field it names: a child's ("<prefix>-<field>", or unprefixed for the
    child the page is about), else the meeting's, else at the top."""
    by_prefix = {form.prefix: form for form in children if form.prefix}
    first = children[0]
    for key, messages_ in error.message_dict.items():
        prefix, _, field = key.rpartition("-")
        form = by_prefix.get(prefix) if prefix else None
        if form is None:
            field = key
            form = next((f for f in (meeting, first) if key in f.fields), meeting)
        form.add_error(field if field in form.fields else None, messages_)


def _part(form: GovForm, target: dict[str, Any]) -> services.ChildPart:
    data = form.cleaned_data
    extra = {"end_reason": data.get("end_reason", "")} if "end_reason" in form.fields else {}
    if "progress" in data:
        extra["progress"] = data["progress"]
    return services.ChildPart(**{k: data[k] for k in PART_KEYS}, **target, **extra, key=form.prefix or "")


def _page(
    request: StaffRequest,
    *,
    children: list[tuple[GovForm, dict[str, Any], Person]],
    save: Callable[..., Any],
    title: str,
    back: str,
) -> HttpResponse:
    """Validate the meeting and every child considered; save them in one service call."""
    meeting = MeetingForm(request.POST or None, partners=selectors.partner_agencies_for(actor=request.user))
    forms_ = [form for form, _, _ in children]
    if request.method == "POST":
        considered = [(form, target) for form, target, _ in children if form.included()]  # type: ignore[attr-defined]
        valid = [form.is_valid() for form in (meeting, *(form for form, _ in considered))]
        if all(valid):
            parts = [_part(form, target) for form, target in considered]
            try:
                save(actor=request.user, children=parts, **meeting.cleaned_data)
            except ValidationError as error:
                _apply(error, meeting, forms_)
            else:
                messages.success(request, "Conference recorded")
                return redirect(back)
    context = {
        "meeting": meeting,
        "children": [(form, person) for form, _, person in children],
        "error_list": error_items(meeting, *forms_),
        "person": children[0][2],
        "page_title": title,
        "back": back,
    }
    return render(request, "child_protection/conference_form.html", context)


@login_required
def icpc_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    enquiry = selectors.section47_get_for(actor=request.user, pk=pk, purpose="child_protection.icpc_new")
    siblings = selectors.sibling_enquiries_for(
        actor=request.user, enquiry=enquiry, purpose="child_protection.icpc_new"
    )
    data = request.POST or None
    children = [(ConferenceChildForm(data), {"enquiry": enquiry}, enquiry.person)] + [
        (ConferenceChildForm(data, prefix=f"s47-{s.pk}", sibling=True), {"enquiry": s}, s.person)
        for s in siblings
    ]
    back = reverse("child_protection:episode", kwargs={"pk": enquiry.referral_id})
    title = "Record the initial child protection conference"
    return _page(request, children=children, save=services.conference_initial_record, title=title, back=back)


@login_required
def review_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, RECORD)
    plan = selectors.plan_get_for(actor=request.user, pk=pk, purpose="child_protection.review_new")
    siblings = selectors.sibling_plans_for(
        actor=request.user, plan=plan, purpose="child_protection.review_new"
    )
    data = request.POST or None

    def outcomes(of: Any) -> list[Any]:
        return content_selectors.outcomes_of(actor=request.user, kind=PlanKind.CP, plan_id=of.pk)

    children = [(ReviewChildForm(data, outcomes=outcomes(plan)), {"plan": plan}, plan.person)] + [
        (
            ReviewChildForm(data, prefix=f"plan-{s.pk}", sibling=True, outcomes=outcomes(s)),
            {"plan": s},
            s.person,
        )
        for s in siblings
    ]
    back = reverse("child_protection:plan", kwargs={"pk": plan.pk})
    return _page(
        request,
        children=children,
        save=services.conference_review_record,
        title="Record a review conference",
        back=back,
    )
