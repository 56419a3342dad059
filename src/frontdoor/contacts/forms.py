"""Forms for the front door. They check shape and say what is wrong beside each field; the services
own the rules (a form error and a service error read the same)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.contacts.models import (
    Channel,
    ConcernCategory,
    Consent,
    ContactChild,
    Outcome,
    Rag,
    ReferralSource,
)
from frontdoor.core.forms import GovDateTimeField, GovForm, SafeTextField
from frontdoor.organisations.models import NeedLevel, PartnerAgency, Professional, Role, User


def _model_choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A form's model-choice field, typed, so its queryset can be scoped to the actor's authority."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - a programming error, not input
    return field


class StaffChoiceField(forms.ModelChoiceField):
    """Staff by name and role, so a manager picks the right person."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


FEEDBACK_METHODS = [
    ("Telephone", "Telephone"),
    ("Email", "Email"),
    ("Letter", "Letter"),
    ("Partner portal", "Partner portal"),
    ("In person", "In person"),
]


def _now() -> datetime:
    return timezone.now()


class ContactDetailsForm(GovForm):
    # Most contacts are recorded as they arrive: the boxes start at now (shown in Europe/London by
    # the widget); a contact received earlier is corrected by the officer (issue 18).
    received_at = GovDateTimeField(label="When was the contact received?", past_only=True, initial=_now)
    channel = forms.ChoiceField(label="How did it arrive?", choices=Channel.choices, widget=forms.RadioSelect)
    source = forms.ChoiceField(
        label="Who made the contact? (DfE referral source)",
        choices=[("", "Choose a source"), *ReferralSource.choices],
    )
    source_agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label="Not from an agency",
    )
    source_professional = forms.ModelChoiceField(
        label="Named professional (optional)",
        queryset=Professional.objects.none(),
        required=False,
        empty_label="Not listed",
    )
    referrer_name = SafeTextField(
        label="Referrer's name",
        required=False,
        max_length=120,
        help_text=(
            "Required when a family member made the contact. For a professional not listed, their name."
        ),
    )
    referrer_relationship = SafeTextField(
        label="Their relationship to the child or role", required=False, max_length=60
    )
    incident_at = GovDateTimeField(
        label="When did the incident happen? (police notifications)",
        required=False,
        past_only=True,
        help_text="For a police domestic abuse notification: the incident date and time.",
    )
    concern_categories = forms.MultipleChoiceField(
        label="What are the concerns about?",
        choices=ConcernCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of concern"},
    )
    concerns = SafeTextField(
        label="What happened, and what is the worry?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.ChoiceField(
        label="Does the family know about this contact and consent to it?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
    )
    consent_rationale = SafeTextField(
        label="Why was consent not obtained, not sought or overridden?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required unless consent was obtained.",
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _model_choice(self, "source_agency").queryset = PartnerAgency.objects.filter(
            authority_id=authority_id
        )
        _model_choice(self, "source_professional").queryset = Professional.objects.filter(
            authority_id=authority_id
        ).select_related("agency")


class SameForSiblingsMixin:
    """The screening and decision pages' "the same for" choice: the contact's other children still at
    the front door, each recorded on its own with the same answers (contacts.siblings). The versions
    the page was opened at travel in a hidden field, so a child changed meanwhile is refused by name."""

    also_label = "Also for"

    def add_siblings(self, siblings: Sequence[ContactChild]) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        if not siblings:
            return
        fields["also"] = forms.MultipleChoiceField(
            label=self.also_label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(str(j.pk), j.person.full_name) for j in siblings],
            help_text="Brothers and sisters named in this contact. Each child is recorded separately.",
        )
        fields["also_versions"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            initial=",".join(f"{j.pk}:{j.version}" for j in siblings),
        )

    def clean_also_versions(self) -> dict[int, int]:
        raw = self.cleaned_data.get("also_versions") or ""  # type: ignore[attr-defined]
        versions: dict[int, int] = {}
        for pair in filter(None, raw.split(",")):
            pk, _, version = pair.partition(":")
            if pk.isdigit() and version.isdigit():
                versions[int(pk)] = int(version)
        return versions

    def clean(self) -> dict[str, Any]:
        return self.chosen_siblings(super().clean())  # type: ignore[misc]

    def chosen_siblings(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The cleaned data with `also` as (journey id, version) pairs for the service."""
        versions = cleaned.pop("also_versions", None) or {}
        chosen = cleaned.pop("also", None) or []
        if chosen:
            cleaned["also"] = [(int(pk), versions.get(int(pk), 0)) for pk in chosen]
        return cleaned


class ScreeningForm(SameForSiblingsMixin, GovForm):
    also_label = "Screen these children the same way too"

    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, widget=forms.RadioSelect)
    rag_reason = SafeTextField(
        label="Why this rating?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Explain why you chose this RAG rating"},
    )
    owner = StaffChoiceField(
        label="Who will work on this?",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated yet",
    )
    guidance = SafeTextField(
        label="Guidance to the worker",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, authority_id: int, siblings: Sequence[ContactChild] = (), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _model_choice(self, "owner").queryset = User.objects.filter(
            authority_id=authority_id, is_active=True, role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER]
        ).order_by("last_name", "first_name")
        self.add_siblings(siblings)


class PartnerCheckRequestForm(GovForm):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=PartnerAgency.objects.none(), empty_label="Choose an agency"
    )
    question = SafeTextField(
        label="What do you need to know?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _model_choice(self, "agency").queryset = PartnerAgency.objects.filter(
            authority_id=authority_id, answers_partner_checks=True
        )


class PartnerCheckResponseForm(GovForm):
    responded_at = GovDateTimeField(label="When did the agency respond?", past_only=True)
    response = SafeTextField(
        label="What did they say?", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class DecisionForm(SameForSiblingsMixin, GovForm):
    also_label = "Make the same decision for these children too"

    outcome = forms.ChoiceField(label="Decision", choices=Outcome.choices, widget=forms.RadioSelect)
    need_level = forms.ModelChoiceField(
        label="Level of need", queryset=NeedLevel.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    rationale = SafeTextField(
        label="Rationale",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the rationale for this decision"},
        help_text=(
            "What the decision rests on: the concerns, history, partner information and the child's needs."
        ),
    )
    override_reason = SafeTextField(
        label="Reason for departing from the threshold",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Only if the decision does not fit the level of need (for example, an assessment at level 1). "
            "The next manager sees it beside the decision."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, authority_id: int, siblings: Sequence[ContactChild] = (), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _model_choice(self, "need_level").queryset = NeedLevel.objects.filter(authority_id=authority_id)
        self.add_siblings(siblings)


class DecisionCorrectionForm(DecisionForm):
    """A manager's correction of a recorded decision (contacts.decisions.decision_correct)."""

    reason = SafeTextField(
        label="Why is the decision being corrected?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The decision as it stands now is kept, with this reason, on the contact's page.",
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class DailyReviewForm(GovForm):
    note = SafeTextField(
        label="Review note",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why it is still undecided, what is being done, and when it will be decided.",
    )


class FeedbackForm(GovForm):
    feedback_at = GovDateTimeField(label="When was the referrer told the outcome?", past_only=True)
    feedback_method = forms.ChoiceField(label="How?", choices=FEEDBACK_METHODS, widget=forms.RadioSelect)
    feedback_note = SafeTextField(
        label="Note (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


NEW_CHILD = "new"


class LinkDecisionForm(GovForm):
    """Which child on the register the referrer described, or none of them, and why."""

    person = forms.ChoiceField(
        label="Which child is this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a child, or say that it is none of them"},
    )
    reason = SafeTextField(
        label="Why? What did you check?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why: what you checked and what you found"},
    )

    def __init__(self, *args, candidates: list, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [(str(c.person.pk), f"{c.person.full_name} ({c.band_label.lower()})") for c in candidates]
        self.fields["person"].choices = [*choices, (NEW_CHILD, "None of these: record a new child")]  # type: ignore[attr-defined]
