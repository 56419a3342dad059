"""Thin views for missing children: the manager's oversight page, a notification from start to the
completed return interview, pattern flags, the figures' children, and the spreadsheet import."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.web import StaffRequest, apply_errors, showing, shown_limit, submit
from frontdoor.missing import figures, imports, selectors, services
from frontdoor.missing.forms import (
    CompleteForm,
    EpisodeForm,
    FlagForm,
    ImportForm,
    NotOfferedForm,
    OfferForm,
    OversightForm,
    ReturnForm,
)
from frontdoor.missing.models import MissingEpisode
from frontdoor.missing.not_offered import interview_not_offered
from frontdoor.organisations.permissions import can, require
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery
from frontdoor.people.selectors import person_get_for, person_search_counted

IMPORT_SESSION = "missing_import_valid"


@login_required
def overview(request: StaffRequest) -> HttpResponse:
    require(request.user, "child.view")
    months = figures.monthly(actor=request.user)
    rule = services.pattern_rule_for(request.user.authority_id)
    context = {
        "queues": selectors.queues_for(actor=request.user),
        "months": months,
        "figures": figures.FIGURES,
        "shares": figures.SHARES,
        "repeat": figures.REPEAT,
        "rule": rule,
        "can_record": can(request.user, "missing.record"),
        "can_import": can(request.user, "missing.import"),
    }
    return render(request, "missing/overview.html", context)


@login_required
def figure_children(request: StaffRequest) -> HttpResponse:
    require(request.user, "child.view")
    figure = request.GET.get("figure", "")
    try:
        month = date.fromisoformat(request.GET.get("month", ""))
    except ValueError:
        raise Http404("No such figure.") from None
    if figure not in figures.LABELS:
        raise Http404("No such figure.")
    episodes = figures.figure_children(actor=request.user, figure=figure, month=month.replace(day=1))
    context = {"episodes": episodes, "label": figures.LABELS[figure], "month": month}
    return render(request, "missing/figure_children.html", context)


@login_required
def find_child(request: StaffRequest) -> HttpResponse:
    require(request.user, "missing.record")
    form = PersonSearchForm(request.GET or None)
    matches, shown = None, None
    if request.GET and form.is_valid():
        query = SearchQuery(**form.cleaned_data)
        found = person_search_counted(
            actor=request.user, query=query, limit=shown_limit(request, step=10), children_only=True
        )
        matches = found.matches
        shown = showing(request, shown=len(matches), total=found.total, step=10)
    return render(request, "missing/find_child.html", {"search": form, "matches": matches, "showing": shown})


@login_required
def new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "missing.record")
    person = person_get_for(actor=request.user, person_id=pk, purpose="missing.new")
    form = EpisodeForm(request.POST or None)
    episode = submit(
        request,
        form,
        lambda data: services.episode_record(
            actor=request.user, data=services.EpisodeData(person=person, **data)
        ),
    )
    if episode is not None:
        messages.success(request, "Missing notification recorded")
        return redirect("missing:detail", pk=episode.pk)
    context = {"form": form, "person": person, "page_title": "Record a missing notification"}
    return render(request, "missing/form.html", context)


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    episode = selectors.episode_get_for(actor=request.user, episode_id=pk, purpose="missing.detail")
    context = {
        "episode": episode,
        "oversight": selectors.oversight_of(episode),
        "interview": selectors.interview_of(episode),
        "history": selectors.episodes_for_person(actor=request.user, person=episode.person),
        "flags": selectors.flags_for_person(actor=request.user, person=episode.person),
        "can_record": can(request.user, "missing.record"),
        "can_oversee": can(request.user, "missing.oversee"),
        "can_interview": can(request.user, "missing.interview"),
        "can_acknowledge": can(request.user, "missing.flag_acknowledge"),
    }
    return render(request, "missing/detail.html", context)


def _episode_form(
    request: StaffRequest, pk: int, action: str, form_class: type, title: str, save, done: str
) -> HttpResponse:
    """The shared shape of a form about one episode: permission, the episode, submit, redirect."""
    require(request.user, action)
    episode = selectors.episode_get_for(actor=request.user, episode_id=pk, purpose=action)
    initial: dict[str, Any] = {"version": episode.version}
    interview = selectors.interview_of(episode)
    if form_class is CompleteForm and interview is not None:
        initial = {"version": interview.version}
    if form_class is NotOfferedForm:
        initial |= {"reason": episode.not_offered_reason, "detail": episode.not_offered_detail}
    form = form_class(request.POST or None, initial=initial)
    if submit(request, form, lambda data: save(episode, interview, data)) is not None:
        messages.success(request, done)
        return redirect("missing:detail", pk=episode.pk)
    context = {"form": form, "episode": episode, "person": episode.person, "page_title": title}
    return render(request, "missing/form.html", context)


@login_required
def record_return(request: StaffRequest, pk: int) -> HttpResponse:
    def save(episode: MissingEpisode, _interview, data: dict) -> MissingEpisode:
        return services.episode_return(actor=request.user, episode=episode, **data)

    return _episode_form(request, pk, "missing.record", ReturnForm, "Record the child's return", save,
                         "Return recorded: the 72-hour return interview clock has started")  # fmt: skip


@login_required
def oversee(request: StaffRequest, pk: int) -> HttpResponse:
    def save(episode: MissingEpisode, _interview, data: dict):  # type: ignore[no-untyped-def]
        return services.oversight_record(actor=request.user, episode=episode, **data)

    return _episode_form(request, pk, "missing.oversee", OversightForm, "Management oversight", save,
                         "Oversight recorded")  # fmt: skip


@login_required
def offer(request: StaffRequest, pk: int) -> HttpResponse:
    def save(episode: MissingEpisode, _interview, data: dict):  # type: ignore[no-untyped-def]
        return services.interview_offer(actor=request.user, episode=episode, **data)

    return _episode_form(request, pk, "missing.interview", OfferForm, "Offer of a return home interview",
                         save, "Offer recorded")  # fmt: skip


@login_required
def not_offered(request: StaffRequest, pk: int) -> HttpResponse:
    def save(episode: MissingEpisode, _interview, data: dict):  # type: ignore[no-untyped-def]
        return interview_not_offered(actor=request.user, episode=episode, **data)

    return _episode_form(request, pk, "missing.interview", NotOfferedForm,
                         "Return home interview not offered", save, "Reason recorded")  # fmt: skip


@login_required
def complete(request: StaffRequest, pk: int) -> HttpResponse:
    def save(episode: MissingEpisode, interview, data: dict):  # type: ignore[no-untyped-def]
        if interview is None:
            raise ValidationError({"completed_at": "Record the offer of the interview first"})
        return services.interview_complete(actor=request.user, interview=interview, accepted=True, **data)

    return _episode_form(request, pk, "missing.interview", CompleteForm, "Return home interview", save,
                         "Interview recorded")  # fmt: skip


@login_required
def acknowledge(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "missing.flag_acknowledge")
    flag = selectors.flag_get_for(actor=request.user, flag_id=pk, purpose="missing.acknowledge")
    form = FlagForm(request.POST or None)
    if submit(request, form, lambda data: services.flag_acknowledge(actor=request.user, flag=flag, **data)):
        messages.success(request, "Flag acknowledged")
        return redirect("missing:detail", pk=flag.episode_id)
    context = {"form": form, "flag": flag, "person": flag.person, "page_title": "Acknowledge the flag"}
    return render(request, "missing/form.html", context)


@login_required
def import_file(request: StaffRequest) -> HttpResponse:
    """Upload: all rows valid -> imported at once. Any row refused -> a report, nothing imported,
    and a separate button to import only the valid rows (the second, explicit step)."""
    require(request.user, "missing.import")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and request.POST.get("step") == "valid_rows":
        return _import_valid_rows(request)
    request.session.pop(IMPORT_SESSION, None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = imports.read_report(actor=request.user, name=upload.name, content=upload.read())
        except imports.FileProblem as problem:
            form.add_error("file", str(problem))
        if report is not None and report.all_valid:
            return _import(request, [data for _n, data in report.valid], form)
        if report is not None and report.valid:
            request.session[IMPORT_SESSION] = imports.to_session(report.valid)
    return render(request, "missing/import.html", {"form": form, "report": report})


def _refused(error: ValidationError | str) -> ImportForm:
    """A fresh upload form carrying a refusal at the top (an unbound form has no cleaned data)."""
    form = ImportForm()
    form.errors  # noqa: B018  # builds the (empty) error dict an unbound form lacks
    form.cleaned_data = {}
    apply_errors(form, error if isinstance(error, ValidationError) else ValidationError(error))
    return form


def _import(request: StaffRequest, rows: list, form: ImportForm) -> HttpResponse:
    try:
        episodes = services.episodes_import(actor=request.user, rows=rows)
    except ValidationError as error:
        return render(request, "missing/import.html", {"form": _refused(error), "report": None})
    request.session.pop(IMPORT_SESSION, None)
    messages.success(request, f"{len(episodes)} missing episode{'s' if len(episodes) != 1 else ''} imported")
    return redirect("missing:overview")


def _import_valid_rows(request: StaffRequest) -> HttpResponse:
    kept = request.session.pop(IMPORT_SESSION, None) or []
    if not kept:
        form = _refused("There are no checked rows waiting: upload the file again")
        return render(request, "missing/import.html", {"form": form, "report": None})
    return _import(request, imports.from_session(request.user, kept), ImportForm())
