"""Case notes and documents at realistic rates, as casenotes.services and documents.services would
write them (issue 16: "notes at realistic rates (visits as notes, management oversight notes), a
few documents per open case").

- Every visit the generator made becomes a home visit note by the visitor, with the child's words;
  about one in ten is flagged significant.
- Each episode open at some point in the window has a manager's oversight note about every five
  weeks while it is allocated (assumption: monthly to six-weekly oversight is the common local
  expectation; Ofsted finds it irregular).
- Recording delay: most notes the same or next day; about 15% two to five days later, 5% one to
  three weeks later (assumption, in line with Ofsted's "not recorded promptly" findings), so the
  late-recording figure has something to show. Notes are never written after `end`.
- About half the episodes open at `end` have one small generated PDF (a letter to the family),
  written to the documents storage; at most DOCUMENT_CAP, so the generator stays fast.

Its own random stream keeps every other row as it was.
"""

import hashlib
import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db.models import Q

from frontdoor.casenotes.models import CaseNote, NoteChild, NoteKind, NoteVersion
from frontdoor.clocks import rules
from frontdoor.clocks.services import calendar_for, convention_for, standard_for
from frontdoor.documents.models import Document, DocumentKind
from frontdoor.documents.services import storage
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.referrals.models import Allocation, Visit
from frontdoor.synthetic.generator.base import LONDON, chance, local
from frontdoor.synthetic.generator.pdf import minimal_pdf
from frontdoor.synthetic.generator.writer import Writer

SIGNIFICANT = 0.1
OVERSIGHT_EVERY = (28, 42)  # days between a manager's oversight notes
DOCUMENT_SHARE = 0.5
DOCUMENT_CAP = 300
# An episode carried in from the history before the window (synthetic.generator.history) has at most
# this many visit notes and this many oversight notes in the window, so years of history do not
# multiply the notes (assumption: enough to read as a live case file).
CARRIED_IN_VISIT_NOTES = 8
CARRIED_IN_OVERSIGHT_NOTES = 4
OVERSIGHT = (
    "Case discussed with the allocated worker. Risks reviewed; plan remains appropriate. Next visit "
    "to see the child alone and record their wishes.",
    "Management oversight: chronology updated, partner information received from school and health. "
    "Agree the assessment continues; review in four weeks.",
    "Reviewed the case file and the worker's analysis. Direction: hold a multi-agency meeting and "
    "update the plan with the child's views.",
)
VISIT = (
    "Home visit. {seen} Home conditions adequate; discussed routines, school and the family's "
    "support network."
)


@dataclass
class NotesMaker:
    writer: Writer
    rng: random.Random
    authority: Authority
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        self.standard = standard_for(self.authority, "case_note_recorded")
        self.calendar = calendar_for(self.authority)
        self.convention = convention_for(self.authority)

    def make_all(self) -> dict[str, int]:
        visits = self._visits()
        oversight = self._oversight()
        documents = self._documents()
        return {"visit notes": visits, "oversight notes": oversight, "documents": documents}

    def _delay(self) -> timedelta:
        roll = self.rng.random()
        if roll < 0.8:
            return timedelta(hours=self.rng.uniform(0.5, 26))
        if roll < 0.95:
            return timedelta(days=self.rng.uniform(2, 5))
        return timedelta(days=self.rng.uniform(7, 21))

    def _note(
        self, *, author: int, person: int, kind: str, occurred: datetime, text: str, **extra: object
    ) -> None:
        recorded = min(occurred + self._delay(), self.end)
        if recorded < occurred:
            return
        content = {"kind": kind, "occurred_at": occurred, "text": text, **extra}
        note = CaseNote(
            pk=self.writer.next_id(CaseNote), authority_id=self.authority.pk, author_id=author,
            recorded_at=recorded, recording_delay=recorded - occurred,
            record_due_at=rules.due(self.standard, occurred, self.calendar, convention=self.convention),
            **content,
        )  # fmt: skip
        self.writer.add(note)
        self.writer.add(NoteChild(authority_id=self.authority.pk, note_id=note.pk, person_id=person))
        self.writer.add(
            NoteVersion(note_id=note.pk, number=1, written_by_id=author, written_at=recorded, **content)
        )

    def _visits(self) -> int:
        rows = Visit.objects.filter(
            authority_id=self.authority.pk, occurred_at__gte=self.start, occurred_at__lte=self.end
        ).values_list(
            "visitor_id", "person_id", "occurred_at", "seen", "seen_alone", "childs_words",
            "referral_id", "referral__received_at",
        )  # fmt: skip
        count, carried = 0, Counter[int]()
        for visitor, person, occurred, seen, alone, words, referral, received in rows.order_by(
            "pk"
        ).iterator():
            if received is not None and received <= self.start:
                carried[referral] += 1
                if carried[referral] > CARRIED_IN_VISIT_NOTES:
                    continue
            seen_words = (
                "Child seen alone." if seen and alone else ("Child seen." if seen else "Child not seen.")
            )
            self._note(author=visitor, person=person, kind=NoteKind.HOME_VISIT, occurred=occurred,
                       text=VISIT.format(seen=seen_words), child_seen=seen, seen_alone=bool(seen and alone),
                       childs_words=words, present="Parent and child",
                       significant=chance(self.rng, SIGNIFICANT))  # fmt: skip
            count += 1
        return count

    def _managers(self) -> dict[int, int]:
        rows = User.objects.filter(authority_id=self.authority.pk, role=Role.TEAM_MANAGER, team__isnull=False)
        managers: dict[int, int] = {}
        for pk, team in rows.order_by("pk").values_list("pk", "team_id"):
            managers.setdefault(team, pk)
        return managers

    def _oversight(self) -> int:
        managers = self._managers()
        rows = Allocation.objects.filter(
            Q(referral__closure_date__isnull=True) | Q(referral__closure_date__gte=local(self.start).date()),
            referral__authority_id=self.authority.pk,
            team_id__in=list(managers),
        )
        count = 0
        for team, person, started, ended, closed in (
            rows.order_by("pk")
            .values_list("team_id", "referral__person_id", "started_at", "ended_at", "referral__closure_date")
            .iterator()
        ):
            until = min(ended or self.end, self.end)
            carried = started <= self.start  # from the history: capped, and none after the closure
            if carried and closed is not None:
                until = min(until, datetime.combine(closed, time.min, tzinfo=LONDON))
            at = max(started, self.start) + timedelta(days=self.rng.randint(*OVERSIGHT_EVERY))
            written = 0
            while at < until and not (carried and written >= CARRIED_IN_OVERSIGHT_NOTES):
                written += 1
                text = self.rng.choice(OVERSIGHT)
                kind = NoteKind.MANAGEMENT_OVERSIGHT
                self._note(author=managers[team], person=person, kind=kind, occurred=at, text=text)
                count += 1
                at += timedelta(days=self.rng.randint(*OVERSIGHT_EVERY))
        return count

    def _documents(self) -> int:
        open_now = Allocation.objects.filter(
            referral__authority_id=self.authority.pk,
            ended_at__isnull=True,
            referral__closure_date__isnull=True,
        ).values_list(
            "referral__person_id", "referral_id", "worker_id", "started_at", "referral__person__last_name"
        )
        count = 0
        for person, referral, worker, started, surname in open_now.order_by("pk").iterator():
            if count >= DOCUMENT_CAP or worker is None or not chance(self.rng, DOCUMENT_SHARE):
                continue
            sent = min(started + timedelta(days=self.rng.randint(1, 10)), self.end)
            self.writer.add(self._letter(person, referral, worker, sent, surname))
            count += 1
        return count

    def _letter(self, person: int, referral: int, worker: int, sent: datetime, surname: str) -> Document:
        """A letter to the family on the episode, stored as documents.services would store it."""
        lines = [f"Dear {surname} family,", f"Following our visit on {local(sent):%-d %B %Y},",
                 "we will meet again in four weeks.", "Children's Social Care"]  # fmt: skip
        content = minimal_pdf(lines)
        key = uuid.UUID(int=self.rng.getrandbits(128)).hex
        name = storage().save(f"{self.authority.pk}/{key}", ContentFile(content))
        return Document(
            authority_id=self.authority.pk, person_id=person, subject_type="referrals.referral",
            subject_id=referral, kind=DocumentKind.LETTER, title="Letter to the family after the visit",
            original_name="letter.pdf", content_type="application/pdf", extension="pdf", size=len(content),
            sha256=hashlib.sha256(content).hexdigest(), storage_name=name, uploaded_by_id=worker,
            uploaded_at=sent,
        )  # fmt: skip
