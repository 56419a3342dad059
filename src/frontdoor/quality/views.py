"""Thin views for case file audit: the dashboard, programmes and their sample, one audit's page,
grading, moderation, actions, re-audit and feedback."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.quality import selectors, services
from frontdoor.quality.forms import (
    ActionForm,
    CompleteForm,
    FeedbackForm,
    GradeForm,
    ModerateForm,
    ProgrammeForm,
    ReAuditForm,
    TemplateForm,
)
from frontdoor.quality.models import AuditStatus, CaseAudit, Grade
from frontdoor.quality.services.templates import USED


def _form_page(request: StaffRequest, form: Any, *, title: str, back: str, caption: str = "", **extra: Any):  # type: ignore[no-untyped-def]
    context = {"form": form, "page_title": title, "back_url": back, "caption": caption, **extra}
    return render(request, "quality/form.html", context)


@login_required
def dashboard(request: StaffRequest) -> HttpResponse:
    board = selectors.dashboard(actor=request.user)
    grades = list(Grade.choices)
    return render(request, "quality/dashboard.html", {"board": board, "grades": grades})


@login_required
def programmes(request: StaffRequest) -> HttpResponse:
    rows = selectors.programmes_for(actor=request.user)
    return render(
        request, "quality/programmes.html", {"programmes": rows, "can_run": can(request.user, "audit.run")}
    )


@login_required
def programme_new(request: StaffRequest) -> HttpResponse:
    require(request.user, "audit.run")
    form = ProgrammeForm(request.POST or None, authority_id=request.user.authority_id)
    programme = submit(
        request, form, lambda data: services.audit_programme_create(actor=request.user, **data)
    )
    if programme is not None:
        messages.success(request, f"Programme created: sample its {programme.sample_size} cases next")
        return redirect("quality:programme", pk=programme.pk)
    return _form_page(request, form, title="New audit programme", back=reverse("quality:programmes"))


@login_required
def programme(request: StaffRequest, pk: int) -> HttpResponse:
    found = selectors.programme_get_for(actor=request.user, programme_id=pk)
    audits = selectors.audits_in(actor=request.user, programme=found)
    context = {"programme": found, "audits": audits, "can_run": can(request.user, "audit.run")}
    return render(request, "quality/programme.html", context)


@login_required
@require_POST
def programme_sample(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "audit.run")
    found = selectors.programme_get_for(actor=request.user, programme_id=pk)
    try:
        audits = services.audit_programme_sample(actor=request.user, programme=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{len(audits)} cases sampled")
    return redirect("quality:programme", pk=found.pk)


@login_required
def audit(request: StaffRequest, pk: int) -> HttpResponse:
    found = selectors.audit_get_for(actor=request.user, audit_id=pk, purpose="quality.audit")
    run = can(request.user, "audit.run")
    context = {
        "audit": found,
        "answers": selectors.answers_for(audit=found),
        "actions": selectors.actions_for(actor=request.user, audit=found),
        "feedback": list(found.feedback.all()),
        "re_audits": list(found.re_audits.order_by("scheduled_for")),
        "can_grade": run and found.status != AuditStatus.MODERATED,
        "can_moderate": run and found.status == AuditStatus.GRADED and found.auditor_id != request.user.pk,
        "can_follow_up": run and found.status != AuditStatus.SAMPLED,
        "can_run": run,
    }
    return render(request, "quality/audit.html", context)


def _audit_for(request: StaffRequest, pk: int, purpose: str) -> CaseAudit:
    return selectors.audit_get_for(actor=request.user, audit_id=pk, purpose=purpose, action="audit.run")


def _back(found: CaseAudit) -> str:
    return reverse("quality:audit", args=[found.pk])


@login_required
def grade(request: StaffRequest, pk: int) -> HttpResponse:
    found = _audit_for(request, pk, "quality.grade")
    questions = list(found.programme.template.questions.all())
    form = GradeForm(request.POST or None, questions=questions, initial=_grade_initial(found))
    done = submit(
        request,
        form,
        lambda data: services.case_audit_grade(actor=request.user, audit=found, **form.service_data()),
    )
    if done is not None:
        messages.success(request, f"Graded {done.get_grade_display().lower()}")
        return redirect("quality:audit", pk=found.pk)
    return _form_page(
        request, form, title="Grade this audit", back=_back(found), caption=found.person.full_name
    )


def _grade_initial(found: CaseAudit) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": found.version,
        "grade": found.grade,
        "lived_experience": found.lived_experience,
        "childs_voice": found.childs_voice,
        "strengths": found.strengths,
        "improvements": found.improvements,
        "grade_reason": found.grade_reason,
    }
    for answer in found.answers.all():
        initial[f"q{answer.question_id}"] = answer.grade
        initial[f"f{answer.question_id}"] = answer.finding
    return initial


@login_required
def moderate(request: StaffRequest, pk: int) -> HttpResponse:
    found = _audit_for(request, pk, "quality.moderate")
    form = ModerateForm(request.POST or None, initial={"version": found.version, "grade": found.grade})
    done = submit(
        request, form, lambda data: services.case_audit_moderate(actor=request.user, audit=found, **data)
    )
    if done is not None:
        messages.success(request, f"Moderated: {done.get_moderated_grade_display().lower()}")
        return redirect("quality:audit", pk=found.pk)
    intro = f"The auditor graded this case {found.get_grade_display().lower() or 'not yet'}."
    return _form_page(
        request,
        form,
        title="Moderate this audit",
        back=_back(found),
        caption=found.person.full_name,
        intro=intro,
    )


@login_required
def action_new(request: StaffRequest, pk: int) -> HttpResponse:
    found = _audit_for(request, pk, "quality.action_new")
    form = ActionForm(request.POST or None, authority_id=request.user.authority_id)
    done = submit(
        request, form, lambda data: services.audit_action_set(actor=request.user, audit=found, **data)
    )
    if done is not None:
        messages.success(request, f"Action set for {done.owner_label}")
        return redirect("quality:audit", pk=found.pk)
    return _form_page(request, form, title="Set an action", back=_back(found), caption=found.person.full_name)


@login_required
def re_audit(request: StaffRequest, pk: int) -> HttpResponse:
    found = _audit_for(request, pk, "quality.re_audit")
    form = ReAuditForm(request.POST or None)
    done = submit(
        request, form, lambda data: services.re_audit_schedule(actor=request.user, audit=found, **data)
    )
    if done is not None:
        messages.success(request, "Re-audit scheduled")
        return redirect("quality:audit", pk=found.pk)
    return _form_page(
        request, form, title="Schedule a re-audit", back=_back(found), caption=found.person.full_name
    )


@login_required
def feedback_new(request: StaffRequest, pk: int) -> HttpResponse:
    found = _audit_for(request, pk, "quality.feedback")
    form = FeedbackForm(request.POST or None)
    done = submit(
        request, form, lambda data: services.audit_feedback_record(actor=request.user, audit=found, **data)
    )
    if done is not None:
        messages.success(request, "Feedback recorded")
        return redirect("quality:audit", pk=found.pk)
    title = "Add feedback from the child or family"
    return _form_page(request, form, title=title, back=_back(found), caption=found.person.full_name)


@login_required
def my_actions(request: StaffRequest) -> HttpResponse:
    rows = selectors.my_actions(actor=request.user)
    return render(request, "quality/my_actions.html", {"actions": rows, "today": timezone.localdate()})


@login_required
def action_complete(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get_for(actor=request.user, action_id=pk)
    form = CompleteForm(request.POST or None)
    done = submit(
        request, form, lambda data: services.audit_action_complete(actor=request.user, action=action, **data)
    )
    if done is not None:
        messages.success(request, "Action completed")
        return redirect("quality:my_actions")
    return _form_page(
        request,
        form,
        title="Complete this action",
        back=reverse("quality:my_actions"),
        caption=action.person.full_name if action.person else "",
        intro=action.what,
        button="Mark as done",
    )


@login_required
def templates(request: StaffRequest) -> HttpResponse:
    rows = selectors.templates_for(actor=request.user)
    return render(
        request, "quality/templates.html", {"templates": rows, "can_run": can(request.user, "audit.run")}
    )


def _template_initial(request: StaffRequest) -> dict[str, str]:
    """A new version starts from the template named by ?from=<pk>."""
    source = request.GET.get("from", "")
    if not source.isdigit():
        return {}
    found = selectors.template_get_for(actor=request.user, template_id=int(source))
    questions = "\n".join(q.text for q in found.questions.all())
    return {"name": f"{found.name} (new version)", "questions": questions}


@login_required
def template_new(request: StaffRequest) -> HttpResponse:
    require(request.user, "audit.run")
    form = TemplateForm(request.POST or None, initial=_template_initial(request))
    made = submit(request, form, lambda data: services.audit_template_create(actor=request.user, **data))
    if made is not None:
        messages.success(request, f"Template created: {made.name}")
        return redirect("quality:templates")
    return _form_page(request, form, title="New audit template", back=reverse("quality:templates"))


@login_required
def template_edit(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "audit.run")
    found = selectors.template_get_for(actor=request.user, template_id=pk)
    questions = "\n".join(q.text for q in found.questions.all())
    form = TemplateForm(request.POST or None, initial={"name": found.name, "questions": questions})
    saved = submit(
        request, form, lambda data: services.audit_template_update(actor=request.user, template=found, **data)
    )
    if saved is not None:
        messages.success(request, f"Template saved: {saved.name}")
        return redirect("quality:templates")
    in_use = services.template_in_use(found)
    new_version = f"{reverse('quality:template_new')}?from={found.pk}"
    intro = USED if in_use else ""
    return _form_page(request, form, title=f"Edit {found.name}", back=reverse("quality:templates"),
                      intro=intro, new_version=new_version)  # fmt: skip
