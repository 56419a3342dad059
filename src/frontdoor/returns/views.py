"""Thin views for the statutory returns: generate, check, read and download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import require
from frontdoor.returns import selectors, services, validator
from frontdoor.returns.census.schema import KNOWN_DIFFERENCES
from frontdoor.returns.forms import AnnexAForm, CensusForm
from frontdoor.returns.models import ReturnFile, ReturnKind

CONTENT_TYPES = {
    ReturnKind.CIN_CENSUS: "application/xml",
    ReturnKind.ANNEX_A: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def index(request: StaffRequest) -> HttpResponse:
    files = selectors.return_files_for(actor=request.user)
    latest = selectors.latest_census(actor=request.user)
    context = {
        "files": files,
        "latest": latest,
        "latest_run": selectors.latest_validation(file=latest) if latest else None,
        "census_form": CensusForm(),
        "annex_a_form": AnnexAForm(),
    }
    return render(request, "returns/index.html", context)


@login_required
@require_POST
def census_generate(request: StaffRequest) -> HttpResponse:
    require(request.user, services.EXPORT_ACTION)
    form = CensusForm(request.POST)
    file = submit(
        request, form, lambda data: services.cin_census_generate(actor=request.user, year=data["year"])
    )
    if file is None:
        return render(request, "returns/index.html", {"census_form": form, "annex_a_form": AnnexAForm()})
    if validator.available():
        run = services.census_validate(actor=request.user, file=file)
        messages.success(request, f"Census written and checked: {run.errors} errors, {run.queries} queries")
    else:
        messages.success(request, "Census written. The DfE validator is not installed on this server.")
    return redirect("returns:detail", pk=file.pk)


@login_required
@require_POST
def annex_a_generate(request: StaffRequest) -> HttpResponse:
    require(request.user, services.EXPORT_ACTION)
    form = AnnexAForm(request.POST)
    file = submit(
        request, form, lambda data: services.annex_a_generate(actor=request.user, as_of=data["as_of"])
    )
    if file is None:
        return render(request, "returns/index.html", {"census_form": CensusForm(), "annex_a_form": form})
    messages.success(request, "Annex A workbook written")
    return redirect("returns:detail", pk=file.pk)


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    """A file and, for a census, the DfE validator's verdict with each issue linked to the child."""
    file = selectors.return_file_get_for(actor=request.user, file_id=pk)
    run = selectors.latest_validation(file=file)
    issues = selectors.issues_for(actor=request.user, run=run, purpose="returns.validation") if run else []
    context = {
        "file": file,
        "run": run,
        "errors": [i for i in issues if i.rule_type == "ERROR"],
        "queries": [i for i in issues if i.rule_type == "QUERY"],
        "known_differences": KNOWN_DIFFERENCES if file.kind == ReturnKind.CIN_CENSUS else {},
    }
    return render(request, "returns/detail.html", context)


@login_required
def download(request: StaffRequest, pk: int) -> HttpResponse:
    """The file as generated: an export of every child in it, logged as a read of each."""
    file: ReturnFile = selectors.return_file_get_for(actor=request.user, file_id=pk)
    services.export_record(actor=request.user, file=file, purpose=f"returns.download.{file.kind}")
    response = HttpResponse(bytes(file.content), content_type=CONTENT_TYPES[ReturnKind(file.kind)])
    response["Content-Disposition"] = f'attachment; filename="{file.file_name}"'
    return response
