"""Thin views for the front door: read through selectors, write through services, show errors
beside the fields. Recording a contact is two pages: who it is about (search, add, or create each
child), then what was said."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.contacts import decisions, linking, selectors, services, siblings
from frontdoor.contacts.forms import (
    NEW_CHILD,
    ContactDetailsForm,
    DailyReviewForm,
    DecisionCorrectionForm,
    DecisionForm,
    FeedbackForm,
    LinkDecisionForm,
    PartnerCheckRequestForm,
    PartnerCheckResponseForm,
    ScreeningForm,
)
from frontdoor.contacts.models import OPEN_STAGES, Rag, Stage
from frontdoor.core.web import StaffRequest, showing, shown_limit, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.people import selectors as people_selectors
from frontdoor.people.forms import PersonForm, PersonSearchForm
from frontdoor.people.rules import SearchQuery
from frontdoor.people.services import person_create

DRAFT = "contact_draft_children"


def _draft_ids(request: StaffRequest) -> list[int]:
    return list(request.session.get(DRAFT, []))


def _draft_people(request: StaffRequest) -> list[Any]:
    return [
        people_selectors.person_get_for(actor=request.user, person_id=pid, purpose="contacts.new")
        for pid in _draft_ids(request)
    ]


@login_required
def queue(request: StaffRequest) -> HttpResponse:
    stage = request.GET.get("stage") if request.GET.get("stage") in OPEN_STAGES else None
    rag = request.GET.get("rag") if request.GET.get("rag") in Rag.values else None
    rows = selectors.queue_for(actor=request.user, stage=stage, rag=rag)
    return render(
        request,
        "contacts/queue.html",
        {
            "rows": rows,
            "counts": selectors.stage_counts(actor=request.user),
            "stages": [Stage(s) for s in OPEN_STAGES],
            "rags": Rag.choices,
            "selected_stage": stage,
            "selected_rag": rag,
            "now": timezone.now(),
        },
    )


@login_required
def new_children(request: StaffRequest) -> HttpResponse:
    """Step 1: "Is this child already known?" Search, then add known children or create new ones."""
    require(request.user, "contact.record")
    search = PersonSearchForm(request.GET or None)
    matches, shown = None, None
    if request.GET and search.is_valid():
        query = SearchQuery(**search.cleaned_data)
        found = people_selectors.person_search_counted(
            actor=request.user, query=query, limit=shown_limit(request, step=10), children_only=True
        )
        matches = found.matches
        shown = showing(request, shown=len(matches), total=found.total, step=10)
    return render(
        request,
        "contacts/new_children.html",
        {"search": search, "matches": matches, "showing": shown, "draft": _draft_people(request)},
    )


@login_required
@require_POST
def new_children_change(request: StaffRequest) -> HttpResponse:
    require(request.user, "contact.record")
    ids = _draft_ids(request)
    try:
        person_id = int(request.POST.get("person", ""))
    except ValueError:
        return redirect("contacts:new")
    if request.POST.get("action") == "remove":
        ids = [i for i in ids if i != person_id]
    else:
        person = people_selectors.person_get_for(
            actor=request.user, person_id=person_id, purpose="contacts.new"
        )
        if person.pk not in ids:
            ids.append(person.pk)
            messages.success(request, f"{person.full_name} added to this contact")
    request.session[DRAFT] = ids
    return redirect("contacts:new")


@login_required
def new_child_create(request: StaffRequest) -> HttpResponse:
    """A child not known to the front door: record who they are, then add them to the contact."""
    require(request.user, "person.create")
    form = PersonForm(request.POST or None)
    person = submit(request, form, lambda data: person_create(actor=request.user, is_child=True, **data))
    if person is not None:
        request.session[DRAFT] = [*_draft_ids(request), person.pk]
        messages.success(request, f"{person.full_name} recorded and added to this contact")
        return redirect("contacts:new")
    return render(request, "contacts/new_child.html", {"form": form, "page_title": "Record a new child"})


@login_required
def new_details(request: StaffRequest) -> HttpResponse:
    """Step 2: what was said, by whom, and what the family knows."""
    require(request.user, "contact.record")
    children = _draft_people(request)
    if not children:
        messages.error(request, "Add at least one child this contact is about")
        return redirect("contacts:new")
    form = ContactDetailsForm(request.POST or None, authority_id=request.user.authority_id)
    contact = submit(
        request, form, lambda data: services.contact_record(actor=request.user, children=children, **data)
    )
    if contact is not None:
        request.session.pop(DRAFT, None)
        messages.success(request, f"Contact {contact.reference} recorded: it is in the front-door queue")
        return redirect("contacts:detail", pk=contact.pk)
    context = {"form": form, "children": children, "page_title": "What is the contact about?"}
    return render(request, "contacts/new_details.html", context)


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get_for(actor=request.user, contact_id=pk)
    journeys = list(contact.children.all())
    histories = {
        j.pk: selectors.history_for(actor=request.user, person=j.person, exclude_contact_id=contact.pk)
        for j in journeys
    }
    return render(
        request,
        "contacts/detail.html",
        {
            "contact": contact,
            "journeys": [(j, histories[j.pk]) for j in journeys],
            "checks": list(contact.partner_checks.all()),
            "can_screen": can(request.user, "contact.screen"),
            "can_decide": can(request.user, "contact.decide"),
            "can_check": can(request.user, "partner_check.request"),
            "can_respond": can(request.user, "partner_check.respond"),
            "can_feedback": can(request.user, "contact.feedback"),
            "can_review": can(request.user, "contact.daily_review"),
            "now": timezone.now(),
        },
    )


def _and(names: list[str]) -> str:
    """'Tom', 'Tom and Ann', 'Tom, Ann and Sam'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _journey_action(
    request: StaffRequest,
    pk: int,
    *,
    form_class: type,
    template: str,
    save: Any,
    purpose: str,
    initial: Any = None,
    form_kwargs: dict | None = None,
    done: str,
    title: str,
    siblings: bool = False,
) -> HttpResponse:
    journey = selectors.journey_get_for(actor=request.user, journey_id=pk, purpose=purpose)
    kwargs = dict(form_kwargs or {})
    if siblings:
        kwargs["siblings"] = selectors.open_siblings(actor=request.user, journey=journey, purpose=purpose)
    form = form_class(request.POST or None, initial=initial(journey) if initial else {}, **kwargs)
    saved = submit(request, form, lambda data: save(journey, data))
    if saved is not None:
        names = [journey.person.full_name]
        if isinstance(saved, list) and len(saved) > 1:
            chosen = {j.pk: j.person.full_name for j in kwargs.get("siblings", [])}
            names += [chosen[pk] for pk, _version in form.cleaned_data.get("also", [])]
        messages.success(request, done.format(child=_and(names)))
        return redirect("contacts:detail", pk=journey.contact_id)
    context = {"form": form, "journey": journey, "contact": journey.contact, "page_title": title}
    return render(request, template, context)


@login_required
def screen(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "contact.screen")

    def save(journey: Any, data: dict) -> Any:
        return siblings.contact_children_screen(actor=request.user, journey=journey, **data)

    return _journey_action(
        request,
        pk,
        form_class=ScreeningForm,
        template="contacts/screen.html",
        save=save,
        purpose="contacts.screen",
        done="Screening recorded for {child}",
        title="Screen this child",
        initial=lambda j: {
            "version": j.version,
            "rag": j.rag,
            "rag_reason": j.rag_reason,
            "guidance": j.guidance,
            "owner": j.owner_id,
        },
        form_kwargs={"authority_id": request.user.authority_id},
        siblings=True,
    )


@login_required
def decide(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "contact.decide")

    def save(journey: Any, data: dict) -> Any:
        return siblings.contact_children_decide(actor=request.user, journey=journey, **data)

    return _journey_action(
        request,
        pk,
        form_class=DecisionForm,
        template="contacts/decide.html",
        save=save,
        purpose="contacts.decide",
        done="Decision recorded for {child}",
        title="Decide what happens next",
        initial=lambda j: {"version": j.version},
        form_kwargs={"authority_id": request.user.authority_id},
        siblings=True,
    )


@login_required
def correct(request: StaffRequest, pk: int) -> HttpResponse:
    """A manager corrects a recorded decision; the decision as it stood is kept (issue 18)."""
    require(request.user, "contact.decide")
    journey = selectors.journey_get_for(actor=request.user, journey_id=pk, purpose="contacts.correct")
    decision = getattr(journey, "decision", None)
    if decision is None:
        return redirect("contacts:detail", pk=journey.contact_id)
    form = DecisionCorrectionForm(
        request.POST or None,
        initial={
            "outcome": decision.outcome,
            "need_level": decision.need_level_id,
            "rationale": decision.rationale,
            "override_reason": decision.override_reason,
        },
        authority_id=request.user.authority_id,
    )
    saved = submit(
        request,
        form,
        lambda data: decisions.decision_correct(actor=request.user, decision=decision, **data),
    )
    if saved is not None:
        messages.success(request, f"Decision corrected for {journey.person.full_name}")
        return redirect("contacts:detail", pk=journey.contact_id)
    context = {
        "form": form,
        "journey": journey,
        "contact": journey.contact,
        "decision": decision,
        "page_title": "Correct this decision",
    }
    return render(request, "contacts/correct.html", context)


@login_required
def review(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "contact.daily_review")

    def save(journey: Any, data: dict) -> Any:
        return services.daily_review_record(actor=request.user, journey=journey, **data)

    return _journey_action(
        request,
        pk,
        form_class=DailyReviewForm,
        template="contacts/review.html",
        save=save,
        purpose="contacts.review",
        done="Daily review recorded for {child}",
        title="Record a daily review",
    )


@login_required
def feedback(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "contact.feedback")

    def save(journey: Any, data: dict) -> Any:
        decision = getattr(journey, "decision", None)
        if decision is None:
            raise ValidationError("Feedback can be recorded once a decision has been made.")
        return services.referrer_feedback_record(
            actor=request.user,
            decision=decision,
            feedback_at=data["feedback_at"],
            method=data["feedback_method"],
            note=data["feedback_note"],
        )

    return _journey_action(
        request,
        pk,
        form_class=FeedbackForm,
        template="contacts/feedback.html",
        save=save,
        purpose="contacts.feedback",
        done="Feedback to the referrer recorded for {child}",
        title="Record feedback to the referrer",
    )


@login_required
def check_request(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "partner_check.request")
    contact = selectors.contact_get_for(actor=request.user, contact_id=pk, purpose="contacts.check_request")
    form = PartnerCheckRequestForm(request.POST or None, authority_id=request.user.authority_id)

    def save(data: dict) -> Any:
        return services.partner_check_request(actor=request.user, contact=contact, **data)

    check = submit(request, form, save)
    if check is not None:
        messages.success(request, f"Check requested from {check.agency.name}")
        return redirect("contacts:detail", pk=contact.pk)
    context = {"form": form, "contact": contact, "page_title": "Ask a partner agency what it knows"}
    return render(request, "contacts/check_request.html", context)


@login_required
def check_respond(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "partner_check.respond")
    check = selectors.partner_check_get_for(actor=request.user, check_id=pk)
    form = PartnerCheckResponseForm(request.POST or None)

    def save(data: dict) -> Any:
        return services.partner_check_respond(actor=request.user, check=check, **data)

    if submit(request, form, save) is not None:
        messages.success(request, f"Response from {check.agency.name} recorded")
        return redirect("contacts:detail", pk=check.contact_id)
    context = {
        "form": form,
        "check": check,
        "contact": check.contact,
        "page_title": "Record the agency's answer",
    }
    return render(request, "contacts/check_respond.html", context)


@login_required
def daily_review(request: StaffRequest) -> HttpResponse:
    rows = selectors.daily_review_list(actor=request.user)
    return render(
        request,
        "contacts/daily_review.html",
        {"rows": rows, "can_review": can(request.user, "contact.daily_review"), "now": timezone.now()},
    )


@login_required
def link(request: StaffRequest, pk: int) -> HttpResponse:
    """Confirm or reject the link the portal proposed between a described child and the register."""
    require(request.user, "contact.screen")
    journey, proposal, candidates = selectors.link_proposal_for(actor=request.user, journey_id=pk)
    form = LinkDecisionForm(request.POST or None, candidates=candidates)

    def save(data: dict) -> Any:
        chosen = None if data["person"] == NEW_CHILD else int(data["person"])
        return linking.link_decide(
            actor=request.user, proposal=proposal, person_id=chosen, reason=data["reason"]
        )

    if proposal.status == proposal.Status.PENDING and submit(request, form, save) is not None:
        messages.success(request, "Link recorded")
        return redirect("contacts:detail", pk=journey.contact_id)
    context = {
        "form": form,
        "journey": journey,
        "contact": journey.contact,
        "proposal": proposal,
        "candidates": candidates,
        "page_title": "Is this a child we know?",
    }
    return render(request, "contacts/link.html", context)
