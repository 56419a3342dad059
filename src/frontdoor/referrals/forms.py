from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovDateTimeField, GovForm, SafeTextField
from frontdoor.organisations.models import Role, Team, User
from frontdoor.referrals.models import ClosureReason


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}, {obj.team.name if obj.team else 'no team'}"


YES_NO = [("yes", "Yes"), ("no", "No")]


class AllocationForm(GovForm):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), empty_label="Choose a team")
    worker = WorkerChoiceField(
        label="Social worker", queryset=User.objects.none(), empty_label="Choose a social worker"
    )
    overseen_by = WorkerChoiceField(
        label="Overseen by (social work assistants only)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not needed",
        help_text="A social work assistant holds a case with a child in need plan, overseen by a "
        "qualified worker",
    )
    reason = SafeTextField(label="Reason (optional)", required=False, max_length=200)

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(authority_id=authority_id)  # type: ignore[attr-defined]
        staff = User.objects.filter(authority_id=authority_id, is_active=True).select_related("team")
        holders = [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SOCIAL_WORK_ASSISTANT]
        qualified = [Role.SOCIAL_WORKER, Role.TEAM_MANAGER]
        order = ("last_name", "first_name")
        self.fields["worker"].queryset = staff.filter(role__in=holders).order_by(*order)  # type: ignore[attr-defined]
        self.fields["overseen_by"].queryset = staff.filter(role__in=qualified).order_by(*order)  # type: ignore[attr-defined]


class VisitForm(GovForm):
    occurred_at = GovDateTimeField(label="When was the visit?", past_only=True)
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect)
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text="Answer if the child was seen.",
    )
    not_alone_reason = SafeTextField(
        label="Why was the child not seen alone?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    location = SafeTextField(
        label="Where?", required=False, max_length=120, help_text="For example, at home or at school"
    )
    childs_words = SafeTextField(
        label="What the child said, in their words",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    wishes_and_feelings = SafeTextField(
        label="The child's wishes and feelings",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how_gathered = SafeTextField(
        label="How were the child's views gathered?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For their age, language and communication needs: drawing, an interpreter, play",
    )
    observations = SafeTextField(
        label="What you saw", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["seen"] = data.get("seen") == "yes"
        alone = data.get("seen_alone")
        data["seen_alone"] = None if not alone else alone == "yes"
        return data


class ClosureForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closure_date = GovDateField(label="Closure date", past_only=True)
    reason = forms.ChoiceField(
        label="Reason for closure", choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    summary = SafeTextField(
        label="Case summary",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the work found and achieved, and why the case can close",
    )
    step_down = forms.ChoiceField(
        label="Is the family stepping down to early help?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="RC9 is always a step down to early help",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["step_down"] = data.get("step_down") == "yes"
        return data
