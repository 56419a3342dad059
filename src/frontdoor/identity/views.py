from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.web import StaffRequest, submit
from frontdoor.identity import selectors, services
from frontdoor.identity.forms import FIRST, MergeForm, UnmergeForm
from frontdoor.organisations.permissions import require


@login_required
def register(request: StaffRequest) -> HttpResponse:
    data = selectors.duplicate_register(actor=request.user)
    return render(request, "identity/register.html", {"register": data})


@login_required
def pair(request: StaffRequest, pk: int) -> HttpResponse:
    if request.method == "POST":  # refused before the pair is read, so nothing is logged
        require(request.user, "person.merge")
    found = selectors.pair_get_for(actor=request.user, pair_id=pk)
    form = MergeForm(request.POST or None, pair=found)

    def save(data: dict[str, Any]) -> Any:
        if data["decision"] == "reject":
            return services.duplicate_reject(actor=request.user, pair=found)
        first_survives = data["survivor"] == FIRST
        survivor, merged = (found.first, found.second) if first_survives else (found.second, found.first)
        versions = (data["first_version"], data["second_version"])
        return services.person_merge(
            actor=request.user,
            survivor=survivor,
            merged=merged,
            survivor_version=versions[0 if first_survives else 1],
            merged_version=versions[1 if first_survives else 0],
            take=form.taken(),
            pair=found,
        )

    if submit(request, form, save) is not None:
        done = "merged" if form.cleaned_data["decision"] == "merge" else "recorded as different people"
        messages.success(request, f"{found.first.full_name} and {found.second.full_name} {done}.")
        return redirect("identity:register")
    return render(request, "identity/pair.html", {"form": form, "pair": found})


@login_required
def unmerge(request: StaffRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        require(request.user, "person.merge")
    merge = selectors.merge_get_for(actor=request.user, merge_id=pk)
    form = UnmergeForm(request.POST or None)
    if submit(request, form, lambda data: services.person_unmerge(actor=request.user, merge=merge)):
        messages.success(
            request, f"Merge undone: {merge.survivor.full_name} and {merge.merged.full_name} restored."
        )
        return redirect("identity:register")
    return render(request, "identity/unmerge.html", {"form": form, "merge": merge})
