from django import forms
from django.utils import timezone

from frontdoor.core.forms import GovDateField, GovForm
from frontdoor.returns import rules


def _years() -> list[tuple[int, str]]:
    return [
        (y, f"{y - 1}-{y % 100:02d} (year ending 31 March {y})")
        for y in range(rules.LAST_YEAR, rules.FIRST_YEAR - 1, -1)
    ]


class CensusForm(GovForm):
    year = forms.TypedChoiceField(label="Census year", coerce=int, choices=_years)


class AnnexAForm(GovForm):
    as_of = GovDateField(
        label="Inspection date", help_text="Lists 1 to 7 cover the six months up to this date"
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["as_of"].initial = timezone.localdate()
