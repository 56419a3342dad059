from collections.abc import Iterable, Sequence
from typing import Any

from django import forms

from frontdoor.child_protection.models import (
    Agency,
    Category,
    EmergencyProtectionKind,
    Item,
    PlanEndReason,
    S47Outcome,
)
from frontdoor.child_protection.partner_rules import kind_matches
from frontdoor.core.forms import (
    GovDateField,
    GovDateTimeField,
    GovForm,
    SafeTextField,
    apply_govuk_conventions,
)
from frontdoor.organisations.models import PartnerAgency
from frontdoor.plans.forms import ProgressFields
from frontdoor.tasks.forms import OwnerField

YES_NO = [("yes", "Yes"), ("no", "No")]
ADVOCACY = [("offered", "Advocacy offered"), ("accepted", "Advocacy accepted"), ("used", "Advocacy used")]


def _text(
    label: str, *, required: bool = True, rows: int = 3, max_length: int = 5000, **kwargs: Any
) -> SafeTextField:
    return SafeTextField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def _agencies(label: str, *, required: bool = True, choices: list | None = None) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices or Agency.choices, widget=forms.CheckboxSelectMultiple, required=required
    )


def _yes_no(label: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, **kwargs)


class PartnerChoices(GovForm):
    """Adds, after the field `partners_after`, an optional choice for each agency kind of which of the
    authority's partner agencies of that kind it was (issue 10). Left blank, the record is by kind
    alone, as before. Cleaned, the choices become `partners`: {agency: PartnerAgency}."""

    partners_after = ""
    partner_label_suffix = ""

    def __init__(
        self,
        *args: Any,
        partners: Sequence[PartnerAgency] = (),
        kinds: Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partner_options = {str(p.pk): p for p in partners}
        labels = dict(Agency.choices)
        added: dict[str, forms.Field] = {}
        for agency in Agency.values if kinds is None else kinds:
            options = [p for p in partners if kind_matches(agency=agency, partner_kind=p.kind)]
            if not options:
                continue
            field = forms.ChoiceField(
                label=f"{labels[agency]}: which partner agency" + self.partner_label_suffix,
                choices=[("", "Not named"), *((str(p.pk), p.name) for p in options)],
                required=False,
                help_text="Name it so the agency's portal users see this meeting",
            )
            apply_govuk_conventions(field)
            added[f"partner_{agency}"] = field
        names = list(self.fields)
        at = names.index(self.partners_after) + 1 if self.partners_after in names else len(names)
        fields = list(self.fields.items())
        self.fields = dict([*fields[:at], *added.items(), *fields[at:]])

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["partners"] = {
            agency: self.partner_options.get(data.pop(f"partner_{agency}", "") or "")
            for agency in Agency.values
            if f"partner_{agency}" in self.fields
        }
        return data


class StrategyDiscussionForm(PartnerChoices):
    held_at = GovDateTimeField(label="When was the strategy discussion held?", past_only=True)
    threshold_decided_at = GovDateTimeField(
        label="When was it decided that a strategy discussion was needed?",
        past_only=True,
        required=False,
        help_text="The strategy discussion clock runs from this decision. For example, 27 3 2026 and 14:05",
    )
    invited = _agencies("Agencies invited")
    attended = _agencies("Agencies that attended", required=False)
    police_name = SafeTextField(label="Police: name and role (optional)", required=False, max_length=200)
    health_name = SafeTextField(label="Health: name and role (optional)", required=False, max_length=200)
    education_name = SafeTextField(
        label="Education: name and role (optional)", required=False, max_length=200
    )
    social_care_name = SafeTextField(
        label="Children's social care: name and role (optional)", required=False, max_length=200
    )
    other_name = SafeTextField(label="Other agency: name and role (optional)", required=False, max_length=200)
    information_shared = _text("Information shared", rows=5)
    section47 = _yes_no("Decision: is there to be a section 47 enquiry?")
    decision_reason = _text("Reasons for the decision")
    late_rationale = _text(
        "Management rationale for the timing",
        required=False,
        help_text="Required if the discussion was held later than its standard",
    )
    interim_safety_plan = _text(
        "Interim safety plan",
        required=False,
        help_text="Required if the discussion was held later than its standard",
    )
    mark_optional_fields = False
    partners_after = "other_name"
    partner_label_suffix = " (optional)"

    def __init__(self, *args: Any, clock_running: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if clock_running:
            del self.fields["threshold_decided_at"]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["section47"] = data.get("section47") == "yes"
        data["names"] = {agency: data.pop(f"{agency}_name", "") for agency in Agency.values}
        return data


class ActionForm(GovForm):
    what = _text("What is to be done?", max_length=2000)
    owner = OwnerField(help_text="A member of staff, or a named professional from a partner agency")
    due_on = GovDateField(label="Due by")

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].for_authority(authority_id)  # type: ignore[attr-defined]


class Section47OutcomeForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    child_seen_on = GovDateField(
        label="When was the child seen for the enquiry?", past_only=True, required=False
    )
    outcome = forms.ChoiceField(
        label="Outcome of the enquiry", choices=S47Outcome.choices, widget=forms.RadioSelect, required=False
    )
    end_date = GovDateField(label="When did the enquiry end?", past_only=True, required=False)
    findings = _text("What the enquiry found", required=False)
    harm_likely = forms.TypedChoiceField(
        label="Is the child likely to suffer significant harm?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    next_step = _text("Next step", required=False)


class Section47SignOffForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = _text("Your comment on the findings and outcome")


class MeetingForm(PartnerChoices):
    """The conference itself: one for the meeting, whichever children it decides about."""

    partners_after = "attended"

    held_on = GovDateField(label="Date of the conference", past_only=True)
    chair = SafeTextField(label="Chair", max_length=120)
    invited = _agencies("Agencies invited")
    attended = _agencies("Agencies that attended", required=False)
    family_attendance = _text(
        "Family members who attended",
        required=False,
        rows=2,
        max_length=2000,
        help_text="Names and relationship",
    )


class ConferenceChildForm(GovForm):
    """One child's part in an initial conference: their participation and voice, the outcome and
    the category. Each child has their own, so each child gets a plan of their own (issue 5).
    A brother's or sister's form is prefixed and has `conferenced`: left unticked, it is ignored."""

    conferenced = forms.BooleanField(label="This child is considered at this conference", required=False)
    child_attended = _yes_no("Did the child attend?")
    views_how = _text("How were the child's views brought to the conference?", required=False, rows=2)
    advocacy = forms.MultipleChoiceField(
        label="Advocacy", choices=ADVOCACY, widget=forms.CheckboxSelectMultiple, required=False
    )
    plan_needed = _yes_no("Outcome: does the child need a child protection plan?")
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=Category.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Required when the child needs a plan",
    )

    def __init__(self, *args: Any, sibling: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sibling:
            del self.fields["conferenced"]

    def included(self) -> bool:
        """The child named on the page is always considered; a sibling only when ticked."""
        return "conferenced" not in self.fields or bool(self.data.get(self.add_prefix("conferenced")))

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data.pop("conferenced", None)
        data["child_attended"] = data.get("child_attended") == "yes"
        data["plan_needed"] = data.get("plan_needed") == "yes"
        advocacy = set(data.pop("advocacy", []) or [])
        for step in ("offered", "accepted", "used"):
            data[f"advocacy_{step}"] = step in advocacy
        return data


class ReviewChildForm(ProgressFields, ConferenceChildForm):
    """A child's part in a review conference, with progress towards each outcome of their plan."""

    plan_needed = _yes_no("Outcome: does the child still need a child protection plan?")
    category = forms.ChoiceField(
        label="Latest category of abuse",
        choices=Category.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Required when the plan continues",
    )
    end_reason = forms.ChoiceField(
        label="Why is the plan ending?",
        choices=[("", "Choose a reason"), *PlanEndReason.choices],
        required=False,
        help_text="When the plan is no longer needed",
    )


class DistributionForm(PartnerChoices):
    """Left blank, an agency's partner agency is the one named for it at the conference."""

    partners_after = "agencies"
    items = forms.MultipleChoiceField(
        label="What was sent?", choices=Item.choices, widget=forms.CheckboxSelectMultiple
    )
    agencies = _agencies("Sent to")
    sent_on = GovDateField(label="Date sent", past_only=True)

    def __init__(self, *args: Any, involved: list[str], **kwargs: Any) -> None:
        super().__init__(*args, kinds=involved, **kwargs)
        labels = dict(Agency.choices)
        self.fields["agencies"].choices = [(a, labels[a]) for a in involved]  # type: ignore[attr-defined]


class CoreGroupForm(ProgressFields, PartnerChoices):
    partners_after = "attended"
    held_on = GovDateField(label="Date of the core group meeting", past_only=True)
    attended = _agencies("Agencies that attended")
    family_attendance = _text("Family members who attended", required=False, rows=2, max_length=2000)
    notes = _text("Progress against the plan", required=False, rows=4)


class PlanEndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = GovDateField(label="Date the plan ended", past_only=True)
    end_reason = forms.ChoiceField(
        label="Why did the plan end?", choices=PlanEndReason.choices, widget=forms.RadioSelect
    )


class EmergencyProtectionForm(GovForm):
    kind = forms.ChoiceField(
        label="What kept the child safe?",
        choices=EmergencyProtectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select police protection or an emergency protection order"},
    )
    started_at = GovDateTimeField(
        label="When did it begin?",
        described_as="The date and time it began",
        past_only=True,
        help_text="When the police took the child into police protection, or the court made the order. "
        "For example, 27 3 2026 and 14:05",
    )
    circumstances = _text(
        "Circumstances",
        rows=5,
        error_messages={"required": "Enter the circumstances: what happened and where the child is now"},
    )
    court = SafeTextField(
        label="Court that made the order",
        required=False,
        max_length=200,
        help_text="Emergency protection orders only",
    )
    extended_until = GovDateTimeField(
        label="Extended until",
        described_as="The date and time the extension runs to",
        required=False,
        help_text="Emergency protection orders only, if the court extended the order (once, by up to 7 "
        "days). For example, 27 3 2026 and 14:05",
    )
    ended_at = GovDateTimeField(
        label="When did it end?",
        described_as="The date and time it ended",
        past_only=True,
        required=False,
        help_text="Leave blank if it has not ended yet. For example, 27 3 2026 and 14:05",
    )
    mark_optional_fields = False


class EmergencyProtectionEndForm(GovForm):
    ended_at = GovDateTimeField(
        label="When did it end?", described_as="The date and time it ended", past_only=True
    )
