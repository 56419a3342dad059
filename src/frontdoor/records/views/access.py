"""Thin views for restricted records, break-glass, health markers and subject access."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.access import selectors, services
from frontdoor.access.scope import visible
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.people.selectors import NOT_FOUND, person_get_for
from frontdoor.records import sar
from frontdoor.records.forms import BreakGlassForm, HealthMarkForm, RestrictionForm, RestrictionReviewForm

# Wrong passwords in a row on the break-glass form before the user is signed out (as at sign-in,
# where django-axes locks after five).
BREAK_GLASS_ATTEMPTS = 5
BREAK_GLASS_FAILURES = "break_glass_failures"


@login_required
def restrictions(request: StaffRequest) -> HttpResponse:
    context = {
        "restrictions": selectors.restrictions_for(actor=request.user),
        "uses": selectors.break_glass_uses(actor=request.user),
    }
    return render(request, "records/restrictions.html", context)


@login_required
def restrict(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "restriction.manage")
    person = person_get_for(actor=request.user, person_id=pk, purpose="access.restrict")
    form = RestrictionForm(request.POST or None, authority_id=request.user.authority_id)
    made = submit(
        request, form, lambda data: services.restriction_create(actor=request.user, person=person, **data)
    )
    if made is not None:
        messages.success(request, "Record restricted: only the staff named can find it")
        return redirect("records:child", pk=person.pk)
    return render(
        request, "records/form.html", {"form": form, "person": person, "page_title": "Restrict this record"}
    )


@login_required
def restriction_review(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "restriction.manage")
    restriction = selectors.restriction_get_for(
        actor=request.user, restriction_id=pk, purpose="access.review"
    )
    form = RestrictionReviewForm(
        request.POST or None, initial={"version": restriction.version}, authority_id=request.user.authority_id
    )

    def save(data: dict) -> object:
        return services.restriction_review(
            actor=request.user,
            restriction=restriction,
            version=data["version"],
            keep=data["decision"] == "keep",
            allowed_users=data["allowed_users"],
        )

    if submit(request, form, save) is not None:
        messages.success(request, "Review recorded")
        return redirect("records:restrictions")
    context = {
        "form": form,
        "person": restriction.person,
        "restriction": restriction,
        "page_title": "Review this restriction",
    }
    return render(request, "records/form.html", context)


@login_required
def break_glass(request: StaffRequest, pk: int) -> HttpResponse:
    """The form never looks the record up, so it reads the same for any reference; only a POST with a
    reason does, and that is recorded and alerts the owner."""
    require(request.user, "break_glass.use")
    form = BreakGlassForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.has_error("password", "wrong_password"):
        failures = request.session.get(BREAK_GLASS_FAILURES, 0) + 1
        request.session[BREAK_GLASS_FAILURES] = failures
        if failures >= BREAK_GLASS_ATTEMPTS:  # guessing at the password here: sign out
            logout(request)
            messages.error(request, "You were signed out after too many wrong passwords.")
            return redirect("login")
    if request.method == "POST" and form.is_valid():
        request.session.pop(BREAK_GLASS_FAILURES, None)
        person = Person.objects.filter(authority_id=request.user.authority_id, pk=pk).first()
        if person is not None and Person.objects.filter(visible(request.user), pk=pk).exists():
            return redirect("records:child", pk=pk)  # already visible: nothing to break
        if person is None:
            raise Http404(NOT_FOUND)  # the same 404 as people.selectors.person_get_for
        granted = submit(
            request,
            form,
            lambda data: services.break_glass_grant(actor=request.user, person=person, reason=data["reason"]),
        )
        if granted is not None:
            messages.warning(
                request, "Break-glass access granted for one hour. The record's owner has been told."
            )
            return redirect("records:child", pk=pk)
    return render(request, "records/break_glass.html", {"form": form, "pk": pk})


@login_required
@require_POST
def health_mark(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "health.mark")
    person = person_get_for(actor=request.user, person_id=pk, purpose="access.health_mark")
    form = HealthMarkForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: (
            services.health_mark(
                actor=request.user, person=person, sensitive=data["sensitive"] == "yes", note=data["note"]
            )
            or True
        ),
    )
    if done is None:
        messages.error(request, "Choose whether the health details are sensitive")
    return redirect("records:child", pk=person.pk)


@login_required
def subject_access(request: StaffRequest, pk: int) -> HttpResponse:
    bundle = sar.sar_compile(actor=request.user, person_id=pk, channel="page")
    return render(request, "records/subject_access.html", {"bundle": bundle, "person": bundle.person})
