"""The authority's assessment template: its headings in order, each with Change, Move up, Move down
and Retire, and a form to add one. Every change goes through assessments.template_services, which
makes a new version when an assessment has used the current one. No child's record is shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.assessments import template_services as services
from frontdoor.assessments.forms import TemplateHeadingForm
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import require


@login_required
def template_page(request: StaffRequest) -> HttpResponse:
    require(request.user, services.MANAGE)
    form = TemplateHeadingForm(request.POST or None)
    if submit(request, form, lambda data: services.heading_add(actor=request.user, **data)) is not None:
        messages.success(request, "Heading added")
        return redirect("assessments:template")
    template = services.current_template(actor=request.user)
    context = {
        "template": template,
        "sections": list(template.sections.order_by("position")),
        "used": services.is_used(template),
        "shared": template.authority_id is None,
        "form": form,
    }
    return render(request, "assessments/template.html", context)


@login_required
def heading_change(request: StaffRequest, key: str) -> HttpResponse:
    require(request.user, services.MANAGE)
    template = services.current_template(actor=request.user)
    section = services.section_of(template, key)
    initial = {"group": section.group, "heading": section.heading, "prompt": section.prompt}
    form = TemplateHeadingForm(request.POST or None, initial=initial)
    save = lambda data: services.heading_change(actor=request.user, key=key, **data)  # noqa: E731
    if submit(request, form, save) is not None:
        messages.success(request, "Heading changed")
        return redirect("assessments:template")
    return render(request, "assessments/template_heading.html", {"form": form, "section": section})


@require_POST
@login_required
def heading_action(request: StaffRequest, key: str) -> HttpResponse:
    """Move up, move down or retire a heading (the button pressed: `action`)."""
    require(request.user, services.MANAGE)
    action = request.POST.get("action")
    if action == "retire":
        try:
            services.heading_retire(actor=request.user, key=key)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Heading retired")
    elif action in ("up", "down"):
        services.heading_move(actor=request.user, key=key, up=action == "up")
        messages.success(request, "Heading moved")
    return redirect("assessments:template")
