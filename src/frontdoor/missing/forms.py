"""Forms for missing notifications, oversight, return home interviews, flags and imports. The
services validate again before they write; cleaned_data keys are the services' arguments."""

from typing import Any

from django import forms

from frontdoor.core.forms import GovDateTimeField, GovForm, SafeTextField
from frontdoor.missing.models import NotOfferedReason, OversightDecision

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _text(label: str, rows: int = 3, required: bool = False, **kwargs: Any) -> SafeTextField:
    return SafeTextField(
        label=label, required=required, max_length=5000, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class EpisodeForm(GovForm):
    looked_after = forms.ChoiceField(
        label="Was the child looked after when they went missing?", choices=YES_NO, widget=forms.RadioSelect
    )
    went_missing_at = GovDateTimeField(label="When did the child go missing?", past_only=True)
    reported_at = GovDateTimeField(label="When was the child reported missing to the police?", past_only=True)
    notified_at = GovDateTimeField(label="When did the notification reach us?", past_only=True)
    returned_at = GovDateTimeField(
        label="When was the child found or when did they return? (optional)",
        past_only=True,
        required=False,
        help_text="Leave blank if the child is still missing. For example, 27 3 2026 and 14:05",
    )
    where_found = SafeTextField(label="Where was the child found? (optional)", required=False, max_length=200)
    safe_and_well_done = forms.ChoiceField(
        label="Did the police carry out a safe and well check?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
    )
    police_reference = SafeTextField(label="Police reference (optional)", required=False, max_length=40)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["looked_after"] = data.get("looked_after") == "yes"
        data["safe_and_well_done"] = _yes_no(data.get("safe_and_well_done"))
        return data


class ReturnForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    returned_at = GovDateTimeField(label="When was the child found or when did they return?", past_only=True)
    where_found = SafeTextField(label="Where was the child found? (optional)", required=False, max_length=200)
    safe_and_well_done = forms.ChoiceField(
        label="Did the police carry out a safe and well check?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["safe_and_well_done"] = _yes_no(data.get("safe_and_well_done"))
        return data


class OversightForm(GovForm):
    decision = forms.ChoiceField(
        label="Decision", choices=OversightDecision.choices, widget=forms.RadioSelect
    )
    rationale = _text("Why? What happens next?", required=True)


class OfferForm(GovForm):
    offered_at = GovDateTimeField(label="When was the interview offered?", past_only=True)
    offered_by = SafeTextField(
        label="Who offered it?",
        max_length=120,
        help_text="Name and organisation, for example Sam Lee, Get Safe",
    )
    offered_by_independent = forms.ChoiceField(
        label="Is this person independent of the child's care?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Someone not involved in caring for the child, who the child can talk to openly",
    )
    not_independent_reason = _text("If not, why not?", rows=2)
    accepted = forms.ChoiceField(
        label="Did the child accept the interview?", choices=YES_NO_UNKNOWN, widget=forms.RadioSelect
    )
    declined_reason = _text("If they declined, what did they say?", rows=2)
    asked_preference = forms.ChoiceField(
        label="Was the child asked who they would prefer to talk to?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was asked who they would prefer to talk to"},
    )
    preferred_person = SafeTextField(
        label="If they named someone, who?",
        max_length=120,
        required=False,
        help_text="For example, a youth worker they know, a teacher or an advocate",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["offered_by_independent"] = data.get("offered_by_independent") == "yes"
        data["accepted"] = _yes_no(data.get("accepted"))
        data["asked_preference"] = _yes_no(data.get("asked_preference"))
        return data


class NotOfferedForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Why was no return home interview offered?",
        choices=NotOfferedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the interview was not offered"},
    )
    detail = _text(
        "More about the reason (needed for another reason)",
        rows=3,
        help_text="For example, who the child has moved to, or which strategy discussion is under way",
    )


class CompleteForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completed_at = GovDateTimeField(label="When did the interview take place?", past_only=True)
    completed_by = SafeTextField(label="Who carried it out?", max_length=120)
    childs_account = _text("The child's account, in their words", rows=5, required=True)
    push_factors = _text("Push factors", help_text="What made the child want to leave")
    pull_factors = _text("Pull factors", help_text="What drew the child away: people, places, promises")
    risks_identified = _text("Risks identified")
    follow_up_actions = _text("Actions that follow")
    held_by_independent = forms.ChoiceField(
        label="Was the person who held the interview independent of the child's care?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="Someone not involved in caring for the child, who the child can talk to openly",
        error_messages={"required": "Select whether the person who held the interview was independent"},
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["held_by_independent"] = _yes_no(data.get("held_by_independent"))
        return data


class FlagForm(GovForm):
    note = _text("What will happen next?", required=True)


class ImportForm(GovForm):
    file = forms.FileField(
        label="Police spreadsheet",
        help_text="A CSV (UTF-8) or Excel (.xlsx) file with one row for each missing episode",
    )
