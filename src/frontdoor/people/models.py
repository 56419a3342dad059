"""People the front door knows: children (born and unborn) and the adults around them.

Identifiers are validated at entry (NHS number modulus 11, UPN check letter) by people.rules.
"""

from typing import Any

from django.conf import settings
from django.db import models

from frontdoor.people import rules


class Sex(models.TextChoices):
    """DfE CIN census `Sex` (N00783) from 2024-25."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or unborn"


class Ethnicity(models.TextChoices):
    """DfE ethnicity codes (CIN census N00177), in the census order."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """DfE disability codes (CIN census N00099)."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism"
    DDA = "DDA", "Other"


class UPNUnknown(models.TextChoices):
    UN1 = "UN1", "UN1: child not of school age and has no UPN yet"
    UN2 = "UN2", "UN2: never attended a maintained school in England"
    UN3 = "UN3", "UN3: educated outside England"
    UN4 = "UN4", "UN4: UPN not yet obtained"
    UN5 = "UN5", "UN5: UPN sources disagree"
    UN6 = "UN6", "UN6: other reason"
    UN7 = "UN7", "UN7: referral with no further action"


class Person(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="people")
    # LAchildID: at most 20 characters, letters and digits only (CIN rules 1570, 1580).
    reference = models.CharField(max_length=20)
    is_child = models.BooleanField(default=True)
    first_name = models.CharField(max_length=60, blank=True)
    middle_names = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=60)
    known_as = models.CharField(max_length=60, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    disabilities = models.JSONField(default=list, blank=True)  # list of Disability codes
    first_language = models.CharField(max_length=60, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    upn_unknown = models.CharField(max_length=3, choices=UPNUnknown.choices, blank=True)
    # Blocking keys for "is this child already known?": phonetic codes kept in step by people.services.
    last_name_key = models.CharField(max_length=12, blank=True)
    first_name_key = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    # Set by a merge (identity.services.person_merge), cleared by its undo: a merged record is kept
    # for the undo and the audit trail but never found again by a search or a matcher.
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"], name="person_unique_reference"),
            models.CheckConstraint(
                condition=~(
                    models.Q(date_of_birth__isnull=False) & models.Q(expected_date_of_birth__isnull=False)
                ),
                name="person_born_or_expected_not_both",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "date_of_birth"]),
            models.Index(fields=["authority", "nhs_number"]),
            models.Index(fields=["authority", "upn"]),
            # Blocking (people.blocking), each led by the authority so that a national register
            # costs what one authority's does: the surname key with the first-name key (also
            # serves the surname key alone, and names given the wrong way round), and the
            # first-name key with the date of birth (a surname mistyped in its first letter).
            # Each holds what its block filters on and (PostgreSQL) includes the id, so that the
            # block reads the index alone, not the people it rejects.
            models.Index(
                fields=["authority", "last_name_key", "first_name_key", "date_of_birth"],
                include=["id"],
                name="person_name_keys",
            ),
            models.Index(
                fields=["authority", "first_name_key", "date_of_birth"],
                include=["id"],
                name="person_first_key_born",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return rules.full_name(self.first_name, self.last_name, self.expected_date_of_birth)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class PersonName(models.Model):
    """A former name or alias, kept so that searches find people under the names others use."""

    class Kind(models.TextChoices):
        FORMER = "former", "Former name"
        ALIAS = "alias", "Also known as"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    # The person's authority, kept here so that the other-names block of a search (people.blocking)
    # looks up (authority, surname key) rather than every authority's people with that key.
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FORMER)
    first_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60)
    last_name_key = models.CharField(max_length=12, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["authority", "last_name_key"], include=["person"], name="person_name_authority_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.get_kind_display().lower()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.authority_id is None:  # a name added without it takes its person's
            self.authority_id = self.person.authority_id
        super().save(*args, **kwargs)


class Address(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)  # normalised "WR1 2AB"
    uprn = models.CharField("UPRN", max_length=12, blank=True)

    class Meta:
        # The postcode block of a search (people.blocking), within the authority.
        indexes = [models.Index(fields=["authority", "postcode"], name="address_authority_postcode")]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class Residence(models.Model):
    """A person living at an address for a period; people at the same address now are a household."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residences")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residences")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["address", "end"])]

    def __str__(self) -> str:
        return f"Person {self.person_id} at address {self.address_id}"


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent of"
    STEP_PARENT = "step_parent", "Step-parent of"
    CARER = "carer", "Carer of"
    SIBLING = "sibling", "Sibling of"
    HALF_SIBLING = "half_sibling", "Half-sibling of"
    GRANDPARENT = "grandparent", "Grandparent of"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle of"
    PARTNER = "partner", "Partner of"
    OTHER_FAMILY = "other_family", "Other family member of"
    NON_FAMILY = "non_family", "Known to"


FAMILY_KINDS = frozenset(set(RelationshipKind) - {RelationshipKind.NON_FAMILY})


class Relationship(models.Model):
    """`person` is `kind` of `other` (e.g. Jane is parent of Tom)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relationship_unique"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_kind_display().lower()} {self.other_id}"


class LinkageWeights(models.Model):
    """Fellegi-Sunter m and u per field and level, and the prior, estimated from one authority's
    register by `frontdoor linkage_weights` (people.estimation). The newest row is used; older rows
    are kept so that a change in matching can be traced to the estimate that caused it."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    estimated_at = models.DateTimeField()
    weights = models.JSONField()  # {"m": {field: {level: p}}, "u": {...}, "prior": p}
    people = models.PositiveIntegerField()  # on the register when estimated
    pairs = models.PositiveIntegerField()  # compared, random and blocked

    class Meta:
        indexes = [models.Index(fields=["authority", "-estimated_at"])]

    def __str__(self) -> str:
        return f"Linkage weights of {self.estimated_at:%d/%m/%Y}"


class StaffWarning(models.Model):
    """A warning to staff about a person or where they live ("dog at address", "do not visit alone",
    "father aggressive to staff"), entered by a member of staff, shown on every page about the child
    until it is ended with a reason, and reviewed by its review date (people.warning_rules)."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="staff_warnings")
    text = models.CharField("warning", max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()
    review_on = models.DateField()
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-entered_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="staff_warning_has_text"),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True, end_reason="")
                | (models.Q(ended_at__isnull=False) & ~models.Q(end_reason="")),
                name="staff_warning_ended_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["person", "ended_at"], name="staff_warning_current")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
