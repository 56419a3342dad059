"""Per-endpoint input and output shapes, with every field named: nothing reaches the wire that is
not listed here (style rule 9). Inputs check shape; the services own the rules. Free text in inputs
is a Text field: the web forms' rule (core.forms.reject_html_tags) refuses HTML tags here too."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from frontdoor.contacts.models import Channel, ConcernCategory, Consent, Outcome, ReferralSource, Stage
from frontdoor.core.forms import reject_html_tags

PAGE_SIZE_MAX = 100


class Text(serializers.CharField):
    """Text typed by a person or a partner's system: the same rule as every web form's text box."""

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["validators"] = [*kwargs.get("validators", ()), reject_html_tags]
        super().__init__(**kwargs)


class PageInput(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=PAGE_SIZE_MAX, default=50)


class DateWindowInput(PageInput):
    date_from = serializers.DateField(required=False, help_text="First day included (Europe/London)")
    date_to = serializers.DateField(required=False, help_text="Last day included (Europe/London)")

    def validate(self, attrs: dict) -> dict:
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": "date_to must be on or after date_from"})
        return attrs


class PersonSearchInput(serializers.Serializer):
    first_name = Text(required=False, allow_blank=True, max_length=60)
    last_name = Text(required=False, allow_blank=True, max_length=60)
    date_of_birth = serializers.DateField(required=False)
    nhs_number = Text(required=False, allow_blank=True, max_length=14)
    upn = Text(required=False, allow_blank=True, max_length=13)
    postcode = Text(required=False, allow_blank=True, max_length=10)


class PersonOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    sex = serializers.CharField()
    nhs_number = serializers.CharField()
    is_child = serializers.BooleanField()


class PersonMatchOutput(serializers.Serializer):
    person = PersonOutput()
    score = serializers.FloatField(help_text="The match probability, 0 to 1 (Fellegi-Sunter)")
    band = serializers.ChoiceField(
        choices=["match", "possible"], help_text="A match, or a possible match to check against the reasons"
    )
    reasons = serializers.ListField(child=serializers.CharField())


class PersonSearchOutput(serializers.Serializer):
    count = serializers.IntegerField(help_text="Every match you may see; results holds the best 20")
    results = PersonMatchOutput(many=True)


class DecisionOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    contact_child = serializers.IntegerField(source="contact_child_id")
    contact_reference = serializers.CharField(source="contact_child.contact.reference")
    person = serializers.IntegerField(source="contact_child.person_id")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    need_level = serializers.IntegerField(source="need_level.level")
    rationale = serializers.CharField()
    override_reason = serializers.CharField()
    decided_by = serializers.IntegerField(source="decided_by_id")
    decided_at = serializers.DateTimeField()


class DecisionSummaryOutput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_at = serializers.DateTimeField()


class ContactChildOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")
    stage = serializers.ChoiceField(choices=Stage.choices)
    rag = serializers.CharField()
    version = serializers.IntegerField()
    decision = serializers.SerializerMethodField()

    @extend_schema_field(DecisionSummaryOutput(allow_null=True))
    def get_decision(self, journey) -> dict | None:  # type: ignore[no-untyped-def]
        decision = getattr(journey, "decision", None)
        return DecisionSummaryOutput(decision).data if decision else None


class ContactOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    received_at = serializers.DateTimeField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    source = serializers.ChoiceField(choices=ReferralSource.choices)
    source_agency = serializers.IntegerField(source="source_agency_id", allow_null=True)
    concern_categories = serializers.ListField(child=serializers.CharField())
    concerns = serializers.CharField()
    consent = serializers.ChoiceField(choices=Consent.choices)
    consent_rationale = serializers.CharField()
    children = ContactChildOutput(many=True, source="children.all")


class ContactInput(serializers.Serializer):
    children = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        min_length=1,
        max_length=20,
        help_text="Ids of the people (children) the contact is about",
    )
    received_at = serializers.DateTimeField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    source = serializers.ChoiceField(choices=ReferralSource.choices)
    concerns = Text(max_length=5000)
    concern_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=ConcernCategory.choices), min_length=1, max_length=20
    )
    consent = serializers.ChoiceField(choices=Consent.choices)
    consent_rationale = Text(required=False, allow_blank=True, max_length=2000, default="")
    referrer_name = Text(required=False, allow_blank=True, max_length=120, default="")
    referrer_relationship = Text(required=False, allow_blank=True, max_length=60, default="")
    incident_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class DecisionInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31, help_text="The journey's version, read first"
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    need_level = serializers.IntegerField(
        min_value=1, max_value=9, help_text="The level on the authority's scale"
    )
    rationale = Text(max_length=5000, help_text="At least 3 words and 20 characters")
    override_reason = Text(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text="Why the outcome departs from the threshold for the level of need; required when it does",
    )


class ContactListInput(DateWindowInput):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)


class DecisionListInput(DateWindowInput):
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)


class ReferralListInput(DateWindowInput):
    status = serializers.ChoiceField(choices=[("open", "Open"), ("closed", "Closed")], required=False)


class ReferralOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    person = serializers.IntegerField(source="person_id")
    contact_reference = serializers.SerializerMethodField()
    referral_date = serializers.DateField()
    source = serializers.CharField()
    significant_harm = serializers.BooleanField()
    primary_need = serializers.CharField()
    closure_date = serializers.DateField(allow_null=True)
    closure_reason = serializers.CharField()
    child_seen_due_at = serializers.DateTimeField(
        source="child_seen_clock.due_at", allow_null=True, default=None
    )
    assessment_due_at = serializers.DateTimeField(
        source="assessment_clock.due_at", allow_null=True, default=None
    )

    def get_contact_reference(self, referral) -> str | None:  # type: ignore[no-untyped-def]
        journey = referral.contact_child
        return journey.contact.reference if journey else None


def page_output(name: str, row: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The paged envelope around a list of `row`: count, page, pages and results."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": row(many=True),
        },
    )


ContactPageOutput = page_output("ContactPage", ContactOutput)
DecisionPageOutput = page_output("DecisionPage", DecisionOutput)
ReferralPageOutput = page_output("ReferralPage", ReferralOutput)


class BoardOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Open children by stage")
    breached = serializers.IntegerField()
    due_today = serializers.IntegerField()
    total = serializers.IntegerField()


class PerformanceInput(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class FigureOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    values = serializers.DictField(child=serializers.FloatField(allow_null=True))


class PerformanceOutput(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    figures = FigureOutput(many=True)
