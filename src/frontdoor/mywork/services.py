"""The writes My work owns: an authority's lead time for due-soon warnings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.mywork.models import BreachWarningSetting
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

MAX_WORKING_DAYS = 10
MAX_HOURS = 72


@transaction.atomic
def breach_warning_set(*, actor: User, working_days: int, hours: int) -> BreachWarningSetting:
    """Set how long before a timescale is due its owner and their manager are warned: for day and
    month timescales in working days (0: on the day it is due), for hour timescales in hours."""
    require(actor, "mywork.lead_time")
    problems = {}
    if not 0 <= working_days <= MAX_WORKING_DAYS:
        problems["working_days"] = f"Enter a number of working days from 0 to {MAX_WORKING_DAYS}"
    if not 1 <= hours <= MAX_HOURS:
        problems["hours"] = f"Enter a number of hours from 1 to {MAX_HOURS}"
    if problems:
        raise ValidationError(problems)
    setting, _ = BreachWarningSetting.objects.select_for_update().get_or_create(
        authority_id=actor.authority_id
    )
    before = {"working_days": setting.working_days, "hours": setting.hours}
    setting.working_days, setting.hours = working_days, hours
    setting.updated_at, setting.updated_by = timezone.now(), actor
    setting.save()
    audit_record(
        actor=actor,
        action="mywork.lead_time_set",
        subject=setting,
        authority_id=setting.authority_id,
        changes={key: [before[key], getattr(setting, key)] for key in before},
    )
    return setting
