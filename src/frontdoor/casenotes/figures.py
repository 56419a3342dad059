"""What "recorded late" means in SQL, shared by the case note pages (casenotes.selectors) and the
performance dashboard's figure (performance.note_figures), so the two cannot disagree.

A note is late when it was first written after the moment its recording standard made it due
(clocks.rules "case_note_recorded"; both times are stored on the note). Conditions are given for
notes (CaseNote) and for each child's note (NoteChild, the dashboard's rows).
"""

from django.db.models import F, Q

LATE_NOTE = Q(recorded_at__gt=F("record_due_at"))
LATE_CHILD_NOTE = Q(note__recorded_at__gt=F("note__record_due_at"))
ON_TIME_CHILD_NOTE = Q(note__recorded_at__lte=F("note__record_due_at"))
