"""Thin views for the assessment: start, record, complete and authorise, each from the episode page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.assessments import selectors, services
from frontdoor.assessments.forms import (
    AssessmentAuthoriseForm,
    AssessmentCompleteForm,
    AssessmentRecordForm,
    AssessmentStartForm,
)
from frontdoor.assessments.models import Assessment
from frontdoor.core.web import StaffRequest, episode_form_page, submit
from frontdoor.organisations.permissions import require
from frontdoor.referrals.selectors import referral_get_for


@login_required
def start(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "assessment.record")
    referral = referral_get_for(actor=request.user, referral_id=pk, purpose="assessments.start")
    form = AssessmentStartForm(request.POST or None)
    return episode_form_page(
        request,
        referral,
        form,
        lambda data: services.assessment_start(actor=request.user, referral=referral, **data),
        template="assessments/form.html",
        title="Start the assessment",
        done="Assessment started",
    )


def _edit(
    request: StaffRequest,
    pk: int,
    *,
    action: str,
    form_class: type,
    initial: Callable[[Assessment], dict[str, Any]],
    save: Callable[..., Assessment],
    title: str,
    done: str,
) -> HttpResponse:
    """One page editing an assessment through one service, against the version it was opened at."""
    require(request.user, action)
    assessment = selectors.assessment_get_for(
        actor=request.user, assessment_id=pk, purpose=f"assessments.{save.__name__.rpartition('_')[2]}"
    )
    form = form_class(
        request.POST or None,
        initial={"version": assessment.version, **initial(assessment)},
        **({"template": assessment.template} if form_class is AssessmentRecordForm else {}),
    )
    # The record form gathers the answers by heading; the others pass their cleaned data as it is.
    data_of = getattr(form, "service_data", lambda: form.cleaned_data)
    if submit(request, form, lambda _: save(actor=request.user, assessment=assessment, **data_of())):
        messages.success(request, done)
        return redirect("records:episode", pk=assessment.referral_id)
    context = {
        "form": form,
        "referral": assessment.referral,
        "assessment": assessment,
        "factors": selectors.factor_labels(assessment),
        "person": assessment.person,
        "page_title": title,
        "due_on": services.due_on(assessment) if action == "assessment.authorise" else None,
    }
    return render(request, "assessments/form.html", context)


def _voice(a: Assessment) -> dict[str, Any]:
    return {
        "childs_voice": a.childs_voice,
        "voice_gathered": a.voice_gathered,
        "voice_reason": a.voice_reason,
    }


@login_required
def record(request: StaffRequest, pk: int) -> HttpResponse:
    return _edit(
        request,
        pk,
        action="assessment.record",
        form_class=AssessmentRecordForm,
        initial=lambda a: {
            **_voice(a),
            "child_seen_on": a.child_seen_on,
            "parents_views": a.parents_views,
            "analysis": a.analysis,
            "scale_worker": a.scale_worker,
            "scale_family": a.scale_family,
            "scale_child": a.scale_child,
            **{f"answer_{answer.section.key}": answer.text for answer in a.answers.select_related("section")},
        },
        save=services.assessment_record,
        title="Record the assessment",
        done="Assessment saved",
    )


@login_required
def complete(request: StaffRequest, pk: int) -> HttpResponse:
    return _edit(
        request,
        pk,
        action="assessment.record",
        form_class=AssessmentCompleteForm,
        initial=_voice,
        save=services.assessment_complete,
        title="Complete the assessment",
        done="Assessment completed: it is ready for a manager to authorise",
    )


@login_required
def authorise(request: StaffRequest, pk: int) -> HttpResponse:
    return _edit(
        request,
        pk,
        action="assessment.authorise",
        form_class=AssessmentAuthoriseForm,
        # The need recorded earlier in the episode (not "N0, not stated") is offered again.
        initial=lambda a: {
            "primary_need": a.referral.primary_need if a.referral.primary_need != "N0" else ""
        },
        save=services.assessment_authorise,
        title="Authorise the assessment",
        done="Assessment authorised",
    )


@login_required
def printable(request: StaffRequest, pk: int) -> HttpResponse:
    """The assessment as read-only, printable pages for the family (?for=family) or for partners (the
    default): one template for both, in the practice model's headings; the family's version leaves
    out the DfE factor codes, which are for the census, not for them."""
    assessment = selectors.assessment_get_for(
        actor=request.user, assessment_id=pk, purpose="assessments.print"
    )
    audience = "family" if request.GET.get("for") == "family" else "partners"
    return render(
        request,
        "assessments/printable.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "referral": assessment.referral,
            "sections": selectors.sections_with_answers(assessment),
            "factors": selectors.factor_labels(assessment) if audience == "partners" else [],
            "audience": audience,
        },
    )
