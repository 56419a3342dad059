"""Thin views for a plan's content, either kind (`kind`: cin or cp, plans.facts): the plan page with
outcomes, actions and progress over time; forms for each part; the family's plain-language version,
on screen and as a PDF."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.plans import content_selectors, content_services, family
from frontdoor.plans.facts import PlanFacts, plan_facts
from frontdoor.plans.forms import PlanActionForm, PlanContentForm, PlanOutcomeForm, PlanProgressForm


def _facts(request: StaffRequest, kind: str, pk: int, purpose: str) -> PlanFacts:
    return plan_facts(actor=request.user, kind=kind, plan_id=pk, purpose=f"plans.content.{purpose}")


@login_required
def page(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    facts = _facts(request, kind, pk, "page")
    plan = content_selectors.plan_page(actor=request.user, facts=facts)
    context = {
        "plan": plan,
        "facts": facts,
        "can_manage": can(request.user, facts.manage) and not facts.end_date,
    }
    return render(request, "plans/content.html", context)


def _form_page(
    request: StaffRequest, kind: str, pk: int, purpose: str, *, form_for: Callable[..., Any],
    save: Callable[..., Any], title: str, done: str,
) -> HttpResponse:  # fmt: skip
    """Check the kind's permission before reading, then the form: saved, or refused beside its fields."""
    if kind in ("cin", "cp"):
        require(request.user, "cin_plan.manage" if kind == "cin" else "child_protection.record")
    facts = _facts(request, kind, pk, purpose)
    plan = content_selectors.plan_page(actor=request.user, facts=facts)
    form = form_for(plan)
    if submit(request, form, lambda data: save(facts, data, form)) is not None:
        messages.success(request, done)
        return redirect("plans:content", kind=kind, pk=pk)
    context = {"form": form, "facts": facts, "plan": plan, "page_title": title}
    return render(request, "plans/content_form.html", context)


@login_required
def edit(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    def form_for(plan: Any) -> PlanContentForm:
        c = plan.content
        initial = {
            "version": plan.version,
            **({s: getattr(c, s) for s in content_services.SECTIONS} if c else {}),
        }
        return PlanContentForm(request.POST or None, initial=initial)

    return _form_page(
        request, kind, pk, "edit", form_for=form_for,
        save=lambda facts, data, form: content_services.plan_content_update(
            actor=request.user, facts=facts, **data),
        title="Worries, views and contingency", done="Plan updated",
    )  # fmt: skip


@login_required
def outcome_new(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    return _form_page(
        request, kind, pk, "outcome_new", form_for=lambda plan: PlanOutcomeForm(request.POST or None),
        save=lambda facts, data, form: content_services.plan_outcome_add(
            actor=request.user, facts=facts, **data),
        title="Add an outcome", done="Outcome added",
    )  # fmt: skip


@login_required
def action_new(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    authority_id = request.user.authority_id
    return _form_page(
        request, kind, pk, "action_new",
        form_for=lambda plan: PlanActionForm(request.POST or None, authority_id=authority_id),
        save=lambda facts, data, form: content_services.plan_action_add(
            actor=request.user, facts=facts, **data),
        title="Add an action", done="Action added",
    )  # fmt: skip


@login_required
def progress_new(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    def form_for(plan: Any) -> PlanProgressForm:
        outcomes = [row.outcome for row in plan.outcomes]
        return PlanProgressForm(request.POST or None, reviews=plan.open_reviews(), outcomes=outcomes)

    def save(facts: PlanFacts, data: dict[str, Any], form: PlanProgressForm) -> Any:
        return content_services.plan_progress_record(
            actor=request.user, facts=facts, review=data["review"], scores=data["progress"]
        )

    return _form_page(request, kind, pk, "progress_new", form_for=form_for, save=save,
                      title="Record progress at a review", done="Progress recorded")  # fmt: skip


@login_required
def family_version(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    facts = _facts(request, kind, pk, "family")
    context = family.family_context(actor=request.user, facts=facts)
    context["pdf_url"] = reverse("plans:family_pdf", kwargs={"kind": kind, "pk": pk})
    return render(request, "plans/family_page.html", context)


@login_required
def family_pdf(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    facts = _facts(request, kind, pk, "family_pdf")
    html = render_to_string("plans/family.html", family.family_context(actor=request.user, facts=facts))
    response = HttpResponse(family.pdf_from(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{kind}-{pk}.pdf"'
    return response
