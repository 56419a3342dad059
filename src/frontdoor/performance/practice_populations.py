"""Populations of the dashboard's drift panel and disruption figures (issue 19 §4, §5), apart from
performance.populations (nearing its size limit) and written with its Population.

Drift decisions count by the panel's day, actions by their due day, disruption by the day of the
activity (each at midnight, as a moment, as papers sent are). A drift decision's team is its
episode's; an action's, its owner's; a child's disruption, their last allocation's.
"""

from __future__ import annotations

from django.db.models import DateTimeField
from django.db.models.functions import Cast

from frontdoor.drift.models import PanelDecision
from frontdoor.exploitation.models import Disruption
from frontdoor.performance.populations import Population
from frontdoor.tasks.models import Task

# Each child's decision at a drift or complex-case panel.
DRIFT_DECISIONS = Population(
    key="drift_decisions",
    noun="Drift panel decisions",
    noun_one="drift panel decision",
    model=PanelDecision,
    counted_by=Cast("held_on", DateTimeField()),
    age_at="held_on",
    age_heading="Age at the panel",
    team_path=None,
    team_name_path=None,
    related=("person", "panel", "referral"),
    link="drift:panel",
    link_arg="panel_id",
    referral_ref="referral",
    done_heading="Next review",
    not_done="No review",
)

# The actions drift panels set (tasks.Task of kind drift_panel), by the day each was due.
DRIFT_ACTIONS = Population(
    key="drift_actions",
    noun="Drift panel actions",
    noun_one="drift panel action",
    model=Task,
    counted_by=Cast("due_on", DateTimeField()),
    age_at="created_at",
    age_heading="Age when the action was set",
    team_path="owner_user__team_id",
    team_name_path="owner_user__team__name",
    related=("person", "owner_user"),
    link="records:child",
    link_arg="person_id",
    done_heading="Done",
    not_done="Not done",
)

# Each child a disruption activity against exploitation protects (a notice served at a place
# protecting two children is two rows), by the day of the activity.
DISRUPTION_CHILDREN = Population(
    key="disruption_children",
    noun="Children protected by disruption activity",
    noun_one="child protected by a disruption activity",
    model=Disruption.children.through,
    counted_by=Cast("disruption__taken_on", DateTimeField()),
    age_at="disruption__taken_on",
    age_heading="Age at the activity",
    team_path=None,
    team_name_path=None,
    related=("person", "disruption", "disruption__place", "disruption__associate"),
    link="records:child",
    link_arg="person_id",
    referral_ref="person_id",
    allocation_by="referral__person_id",
    done_heading="Outcome recorded",
    not_done="Outcome awaited",
    authority="disruption__authority_id",
)
