"""Case notes: what happened with a child or family, when, who was there, whether the child was seen
(and seen alone), the child's own words, and what the worker recorded.

A note may be about several children (brothers and sisters seen on one visit): NoteChild links it to
each, and each child's record shows it. A note is never deleted or overwritten: a correction writes
a new NoteVersion and the note shows the latest; every version stays (issue 16 §1). How promptly it
was recorded is kept: `record_due_at` comes from the clock engine's `case_note_recorded` standard
(2 working days from the event by default, an authority's own setting otherwise).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class NoteKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    OFFICE_VISIT = "office_visit", "Office visit"
    PHONE_CALL = "phone_call", "Phone call"
    DIRECT_WORK = "direct_work", "Direct work with the child"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
    PARTNER_DISCUSSION = "partner_discussion", "Discussion with a partner agency"
    OTHER = "other", "Other"


class CaseNote(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField("people.Person", through="NoteChild", related_name="case_notes")
    # The current version's content (NoteVersion keeps every version, this one included).
    kind = models.CharField(max_length=24, choices=NoteKind.choices)
    occurred_at = models.DateTimeField()
    present = models.TextField(blank=True)
    child_seen = models.BooleanField(default=False)
    seen_alone = models.BooleanField(default=False)
    childs_words = models.TextField(blank=True)
    text = models.TextField()
    significant = models.BooleanField(default=False)
    # Recording promptly: when it was first written, and when it was due (clock engine).
    recorded_at = models.DateTimeField()
    record_due_at = models.DateTimeField()
    recording_delay = models.DurationField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="case_note_has_text"),
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone=False), name="seen_alone_is_seen"
            ),
            models.CheckConstraint(
                condition=Q(occurred_at__lte=F("recorded_at")), name="case_note_after_event"
            ),
        ]
        indexes = [models.Index(fields=["authority", "recorded_at"], name="case_note_recorded")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%d %b %Y}"

    @property
    def recorded_late(self) -> bool:
        return self.recorded_at > self.record_due_at


class NoteChild(models.Model):
    """One child a note is about. The authority is kept here too, so the dashboard counts each
    child's notes within the authority without a join."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="note_children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="note_children")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note", "person"], name="note_child_once")]
        indexes = [models.Index(fields=["authority", "person"], name="note_child_person")]

    def __str__(self) -> str:
        return f"Note {self.note_id} about person {self.person_id}"


class NoteVersion(models.Model):
    """One version of a note as written: number 1 is the original; each correction adds the next."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=24, choices=NoteKind.choices)
    occurred_at = models.DateTimeField()
    present = models.TextField(blank=True)
    child_seen = models.BooleanField(default=False)
    seen_alone = models.BooleanField(default=False)
    childs_words = models.TextField(blank=True)
    text = models.TextField()
    significant = models.BooleanField(default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()
    reason = models.TextField(blank=True)  # why it was corrected (empty for the original)

    class Meta:
        ordering = ["note", "number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="note_version_once"),
            models.CheckConstraint(condition=Q(number=1) | ~Q(reason=""), name="correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"Note {self.note_id} version {self.number}"
