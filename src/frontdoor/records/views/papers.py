"""The episode's papers and who they were sent to: record a paper sent, when and how."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.models import PartnerAgency
from frontdoor.organisations.permissions import can
from frontdoor.plans.models import SendMethod
from frontdoor.plans.papers import paper_sent_record
from frontdoor.records.papers import papers_of, sent_for
from frontdoor.referrals.selectors import referral_get_for


class PaperSentForm(GovForm):
    paper = forms.ChoiceField(label="Which paper?")
    agency = forms.ModelChoiceField(
        label="Sent to which agency?", queryset=PartnerAgency.objects.none(), required=False,
        empty_label="Not an agency",
    )  # fmt: skip
    name = SafeTextField(label="Or the person it was sent to", required=False, max_length=120,
                         help_text="For example, Mother")  # fmt: skip
    method = forms.ChoiceField(label="How was it sent?", choices=[("", "Choose"), *SendMethod.choices])
    sent_on = GovDateField(label="When was it sent?", past_only=True)

    def __init__(self, *args, papers, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.papers = {p.key: p for p in papers}
        self.fields["paper"].choices = [("", "Choose a paper")] + [  # type: ignore[attr-defined]
            (p.key, f"{p.label}, ready {p.ready_on:%-d %B %Y}") for p in papers
        ]
        self.fields["agency"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            authority_id=authority_id
        ).order_by("name")


@login_required
def papers(request: StaffRequest, pk: int) -> HttpResponse:
    may_record = can(request.user, "papers.record")
    if request.method == "POST" and not may_record:
        raise PermissionDenied  # before the read, so a refusal logs and shows nothing
    referral = referral_get_for(actor=request.user, referral_id=pk, purpose="records.papers")
    found = papers_of(referral)
    form = PaperSentForm(request.POST or None, papers=found, authority_id=request.user.authority_id)
    if request.method == "POST":
        saved = submit(request, form, lambda data: paper_sent_record(
            actor=request.user, referral=referral, paper=form.papers[data.pop("paper")], **data))  # fmt: skip
        if saved is not None:
            messages.success(request, "Recorded")
            return redirect("records:papers", pk=pk)
    sent = sent_for(referral)
    rows = [(p, sent.get(p.key, [])) for p in found]
    context = {"referral": referral, "rows": rows, "form": form, "may_record": may_record}
    return render(request, "records/papers.html", context)
