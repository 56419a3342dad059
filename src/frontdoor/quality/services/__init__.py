"""Every write in case file audit: templates, programmes and their sample, grading, moderation,
actions, re-audits and feedback.

Each service checks permission and authority, validates (quality.rules), writes in one transaction
with its audit event. Audit events about a sampled case name the child, so the child's own record
shows that their file was audited.
"""

from frontdoor.quality.services._common import DEFAULT_TEMPLATE
from frontdoor.quality.services.follow_up import (
    audit_action_complete,
    audit_action_set,
    audit_feedback_record,
    re_audit_schedule,
)
from frontdoor.quality.services.grading import case_audit_grade, case_audit_moderate
from frontdoor.quality.services.practice_notes import (
    may_answer,
    practice_note_acknowledge,
    practice_note_close,
    practice_note_raise,
)
from frontdoor.quality.services.programmes import (
    audit_programme_create,
    audit_programme_sample,
    audit_template_create,
)
from frontdoor.quality.services.templates import audit_template_update, template_in_use

__all__ = [
    "DEFAULT_TEMPLATE",
    "audit_action_complete",
    "audit_action_set",
    "audit_feedback_record",
    "audit_programme_create",
    "audit_programme_sample",
    "audit_template_create",
    "audit_template_update",
    "case_audit_grade",
    "case_audit_moderate",
    "may_answer",
    "practice_note_acknowledge",
    "practice_note_close",
    "practice_note_raise",
    "re_audit_schedule",
    "template_in_use",
]
