"""Thin views for the partner referral portal: read through portal.selectors, write through
portal.services (and contacts.services for answering a check), errors beside the fields."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.contacts.services import partner_check_answer_for_agency
from frontdoor.core.web import StaffRequest, apply_errors, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.portal import selectors, services
from frontdoor.portal.forms import CheckAnswerForm, ChildForm, ReferralForm, answers_from, referral_forms
from frontdoor.portal.models import Draft


@login_required
def home(request: StaffRequest) -> HttpResponse:
    require(request.user, "portal.refer")
    can_answer = can(request.user, "portal.answer_check")
    return render(
        request,
        "portal/home.html",
        {
            "drafts": selectors.drafts_for(actor=request.user),
            "submissions": selectors.submissions_for(actor=request.user),
            "checks": selectors.checks_for(actor=request.user) if can_answer else [],
            "unread": selectors.unread_count(actor=request.user),
            "status_words": selectors.status_words,
        },
    )


def _referrer(request: StaffRequest) -> dict[str, Any]:
    user = request.user
    return {"referrer_name": user.display_name, "referrer_role": user.job_title, "referrer_email": user.email}


def _details(children: list[ChildForm], referral: ReferralForm) -> tuple[list[Any], Any]:
    kids = [
        services.ChildDetails(
            first_name=c.cleaned_data["first_name"],
            last_name=c.cleaned_data["last_name"],
            date_of_birth=c.cleaned_data["date_of_birth"],
            nhs_number=c.cleaned_data["nhs_number"],
            sex=c.cleaned_data["sex"],
        )
        for c in children
        if c.cleaned_data
    ]
    data = dict(referral.cleaned_data)
    data["family_knows"] = data["family_knows"] == "yes"
    return kids, services.ReferralDetails(**data)


def _referral_page(request: StaffRequest, draft: Draft | None) -> HttpResponse:
    require(request.user, "portal.refer")
    if request.method != "POST":
        children, referral = referral_forms(
            answers=draft.answers if draft else None, initial=_referrer(request)
        )
        return _render_form(request, draft, children, referral)
    if request.POST.get("action") == "save":
        draft = services.draft_save(actor=request.user, answers=answers_from(request.POST), draft=draft)
        messages.success(request, "Draft saved. You can come back to it from your referrals page.")
        return redirect("portal:draft", pk=draft.pk)
    children, referral = referral_forms(request.POST)
    valid = [form.is_valid() for form in (*children, referral)]
    if all(valid):
        kids, details = _details(children, referral)
        try:
            saved = services.portal_referral_submit(
                actor=request.user, children=kids, details=details, draft=draft
            )
        except ValidationError as error:
            apply_errors(referral, error)
        else:
            messages.success(
                request,
                f"Referral sent. Your reference is {saved.contact.reference}: quote it if you call us.",
            )
            return redirect("portal:submission", pk=saved.contact_id)
    return _render_form(request, draft, children, referral)


def _render_form(
    request: StaffRequest, draft: Draft | None, children: list[ChildForm], referral: ReferralForm
) -> HttpResponse:
    forms_ = [*children, referral]
    return render(
        request,
        "portal/referral_form.html",
        {
            "draft": draft,
            "children": children,
            "referral": referral,
            "all_forms": forms_,
            "page_has_errors": any(f.is_bound and f.errors for f in forms_),
        },
    )


@login_required
def referral_new(request: StaffRequest) -> HttpResponse:
    return _referral_page(request, None)


@login_required
def draft(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "portal.refer")
    return _referral_page(request, selectors.draft_get_for(actor=request.user, draft_id=pk))


@login_required
@require_POST
def draft_delete(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "portal.refer")
    services.draft_discard(actor=request.user, draft=selectors.draft_get_for(actor=request.user, draft_id=pk))
    messages.success(request, "Draft deleted")
    return redirect("portal:home")


@login_required
def submission(request: StaffRequest, pk: int) -> HttpResponse:
    referral = selectors.submission_get_for(actor=request.user, contact_id=pk)
    return render(
        request,
        "portal/submission.html",
        {"referral": referral, "contact": referral.contact, "status_words": selectors.status_words},
    )


@login_required
def check(request: StaffRequest, pk: int) -> HttpResponse:
    check = selectors.check_get_for(actor=request.user, check_id=pk)
    form = CheckAnswerForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return partner_check_answer_for_agency(actor=request.user, check=check, response=data["response"])

    if check.responded_at is None and submit(request, form, save) is not None:
        messages.success(request, f"Thank you: your answer to {check.contact.reference} has been sent")
        return redirect("portal:home")
    return render(request, "portal/check.html", {"check": check, "form": form})


@login_required
def notifications(request: StaffRequest) -> HttpResponse:
    rows = selectors.notifications_for(actor=request.user)
    return render(request, "portal/notifications.html", {"rows": rows})


@login_required
@require_POST
def notifications_read(request: StaffRequest) -> HttpResponse:
    services.notifications_mark_read(actor=request.user)
    messages.success(request, "All notifications marked as read")
    return redirect("portal:notifications")


@login_required
def meetings(request: StaffRequest) -> HttpResponse:
    plans = selectors.plans_for(actor=request.user)
    return render(request, "portal/meetings.html", {"plans": plans})


@login_required
def protection_meetings(request: StaffRequest) -> HttpResponse:
    rows = selectors.protection_meetings_for(actor=request.user)
    return render(request, "portal/protection_meetings.html", {"meetings": rows})
