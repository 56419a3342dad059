"""Documents attached to a child's record: letters, reports, minutes, a drawing by the child.

A document is about one child (`person`, which decides who may see it: access.scope.visible) and
is attached to a subject named generically, as clocks.Clock names its subject: the child, an
episode, a meeting or a case note ("people.person", "referrals.referral", "casenotes.casenote"...).
The bytes live in the "documents" storage (settings.STORAGES: a folder under FRONTDOOR_DATA_DIR
by default, an S3-compatible bucket in production), never at a public URL; the row keeps the type
found in the content, the size and a SHA-256 of the bytes. Documents are never deleted (retention).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DocumentKind(models.TextChoices):
    LETTER = "letter", "Letter"
    REPORT = "report", "Report"
    MINUTES = "minutes", "Minutes of a meeting"
    CHILD_WORK = "child_work", "A drawing or other work by the child"
    OTHER = "other", "Other"


class DocumentPolicy(models.Model):
    """An authority's own upload limit; without a row, DEFAULT_MAX_UPLOAD_BYTES applies."""

    authority = models.OneToOneField("organisations.Authority", on_delete=models.CASCADE, related_name="+")
    max_upload_bytes = models.PositiveBigIntegerField(default=DEFAULT_MAX_UPLOAD_BYTES)

    def __str__(self) -> str:
        return f"Uploads up to {self.max_upload_bytes:,} bytes"


class Document(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    subject_type = models.CharField(max_length=64)  # e.g. "people.person", "casenotes.casenote"
    subject_id = models.BigIntegerField()
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)  # found in the content (documents.rules)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=255, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="document_has_title"),
        ]
        indexes = [
            models.Index(fields=["authority", "person"], name="document_person"),
            models.Index(fields=["subject_type", "subject_id"], name="document_subject"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        """The name a download is saved as: the title, made safe, with the type's own extension."""
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.title).strip() or "document"
        return f"{safe[:80]}.{self.extension}"


class DocumentPerson(models.Model):
    """Another child a document is about: one attached to a note about brothers and sisters names
    every child of the note, so it is listed on each child's record, and a user who may not see one
    of them (restricted, out of scope) sees no trace of it anywhere (documents.selectors)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="also_about")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "person"], name="document_person_once"),
        ]
        indexes = [models.Index(fields=["person"], name="document_also_about")]

    def __str__(self) -> str:
        return f"Document {self.document_id} is also about person {self.person_id}"
