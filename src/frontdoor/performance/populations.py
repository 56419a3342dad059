"""What each dashboard figure counts: its population. A population names the rows (children's
contacts, children-in-need episodes, or assessments), the moment each row is counted by (which
week, month and period it falls in), the path to its team and to the child, and how a drill-down
lists and links its rows.

The breakdowns and drill-downs in performance.selectors work on any population through these
names, so a figure about episodes is broken down by team, month, ethnicity, sex, disability and
age exactly as a figure about contacts is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import DateField, DateTimeField, F, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce

from frontdoor.access.scope import visible
from frontdoor.allegations.models import Allegation
from frontdoor.allegations.selectors import visible_allegations
from frontdoor.casenotes.models import NoteChild
from frontdoor.child_protection.models import ConferenceChild, Section47, StrategyDiscussion
from frontdoor.clocks.models import Clock
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.contacts.models import ContactChild
from frontdoor.domestic_abuse.models import NotifiedChild
from frontdoor.missing.models import MissingEpisode
from frontdoor.plans.models import PaperSent
from frontdoor.quality.models import PracticeNote
from frontdoor.referrals.models import Allocation, Referral
from frontdoor.tasks.models import Task

COUNTED_AT = "counted_at"  # the alias every population's queryset gives the moment it counts by
TEAM = "team_of_row"  # the alias for the team's id, where the team is worked out (episodes)


@dataclass(frozen=True)
class Population:
    key: str
    noun: str  # as a list's title starts: "Children's contacts", "Referrals", "Assessments"
    noun_one: str  # "children's contact"
    model: type[Model]
    # The moment a row is counted by: a field path, or (assessments) an expression of fields.
    counted_by: str | Any
    # The date of the child's age, and the words for it under a breakdown by age.
    age_at: str
    age_heading: str
    # The team's id as a path (contacts: the owner's team), or None when it is worked out from the
    # allocation history by team_expression.
    team_path: str | None
    team_name_path: str | None
    person: str = "person"
    # For the drill-down: what to fetch with each row, and the URL name of a row's own page.
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    link: str = ""
    link_arg: str = "pk"  # the attribute of a row its link names
    # The row's episode (for the team): "pk" for an episode itself, else the path to it; and the
    # allocation's path to that (missing episodes have no episode: their team is the child's).
    referral_ref: str = "pk"
    allocation_by: str = "referral"
    # The clock a drill-down shows for each row, and its words.
    clock: str = ""
    done_heading: str = ""
    not_done: str = ""
    # The path to the row's authority id (a conference's child belongs to it through the meeting).
    authority: str = "authority_id"
    # For a restricted population (allegations): the rows the actor may see, applied to the figure's
    # counts as well as its drill-down, so the two agree and nobody else learns even a count.
    restrict: Callable[[Any], Q] | None = None

    @property
    def age_on_date(self) -> bool:
        """Whether age_at names a date (a conference's day) rather than a moment, read from the
        model's own field at the end of the path."""
        model: Any = self.model
        *relations, name = self.age_at.split("__")
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        field = model._meta.get_field(name)
        return isinstance(field, DateField) and not isinstance(field, DateTimeField)

    def rows(self, authority_id: int, starts: datetime, ends_before: datetime) -> QuerySet[Any]:
        """The authority's rows counted in [starts, ends_before), with the COUNTED_AT alias."""
        return (
            self.model.objects.filter(**{self.authority: authority_id})  # type: ignore[attr-defined]
            .alias(**{COUNTED_AT: _expression(self.counted_by)})
            .filter(**{f"{COUNTED_AT}__gte": starts, f"{COUNTED_AT}__lt": ends_before})
        )

    def team_expression(self, ends_before: datetime) -> Any:
        """The team's id for each row. For an episode: the team of the last allocation made before
        the period ended (the team holding it then, or, if it closed earlier, the team that held it
        last); None when it had no allocation by then."""
        if self.team_path is not None:
            return F(self.team_path)
        return Subquery(self._last_allocation(ends_before).values("team_id")[:1])

    def team_name_expression(self, ends_before: datetime) -> Any:
        if self.team_name_path is not None:
            return F(self.team_name_path)
        return Subquery(self._last_allocation(ends_before).values("team__name")[:1])

    def in_team(self, team: int | str | None, not_allocated: str, ends_before: datetime) -> tuple[Q, dict]:
        """(filter, aliases it needs) keeping one team's rows (not_allocated: rows with none)."""
        if team is None:
            return Q(), {}
        if self.team_path is not None:
            if team == not_allocated:
                return Q(**{f"{self.team_path}__isnull": True}), {}
            return Q(**{self.team_path: team}), {}
        aliases = {TEAM: self.team_expression(ends_before)}
        if team == not_allocated:
            return Q(**{f"{TEAM}__isnull": True}), aliases
        return Q(**{TEAM: team}), aliases

    def _last_allocation(self, ends_before: datetime) -> QuerySet[Allocation]:
        return Allocation.objects.filter(
            **{self.allocation_by: OuterRef(self.referral_ref)}, started_at__lt=ends_before
        ).order_by("-started_at", "-pk")


def _expression(counted_by: str | Any) -> Any:
    return F(counted_by) if isinstance(counted_by, str) else counted_by


CONTACTS = Population(
    key="contacts",
    noun="Children's contacts",
    noun_one="children's contact",
    model=ContactChild,
    counted_by="contact__received_at",
    age_at="contact__received_at",
    age_heading="Age at contact",
    team_path="owner__team_id",
    team_name_path="owner__team__name",
    related=("contact", "person", "decision", "decision_clock", "statutory_clock", "owner", "owner__team"),
    link="contacts:detail",
    link_arg="contact_id",
)

EPISODES = Population(
    key="episodes",
    noun="Referrals",
    noun_one="referral",
    model=Referral,
    counted_by="received_at",
    age_at="received_at",
    age_heading="Age at referral",
    team_path=None,
    team_name_path=None,
    related=("person", "child_seen_clock", "assessment_clock"),
    link="records:episode",
    clock="child_seen_clock",
    done_heading="Child seen",
    not_done="Not seen",
)

# Assessments completed in the period, and (shown apart) assessments still open that passed their
# 45th working day in the period: an open assessment counts by its due time.
ASSESSMENTS = Population(
    key="assessments",
    noun="Assessments",
    noun_one="assessment",
    model=Referral,
    counted_by=Coalesce("assessment_clock__completed_at", "assessment_clock__due_at"),
    age_at="received_at",
    age_heading="Age at referral",
    team_path=None,
    team_name_path=None,
    related=("person", "child_seen_clock", "assessment_clock"),
    link="records:episode",
    clock="assessment_clock",
    done_heading="Assessment completed",
    not_done="Not completed",
)

# Section 47 enquiries, counted by the strategy discussion that started them (S47ActualStartDate).
ENQUIRIES = Population(
    key="enquiries",
    noun="Section 47 enquiries",
    noun_one="section 47 enquiry",
    model=Section47,
    counted_by="discussion__held_at",
    age_at="discussion__held_at",
    age_heading="Age at strategy discussion",
    team_path=None,
    team_name_path=None,
    related=("person", "discussion", "icpc_clock"),
    link="child_protection:discussion",
    link_arg="discussion_id",
    referral_ref="referral",
    clock="icpc_clock",
    done_heading="Initial conference",
    not_done="No conference yet",
)

# Each child's strategy discussion, counted by when it was held.
DISCUSSIONS = Population(
    key="discussions",
    noun="Strategy discussions",
    noun_one="strategy discussion",
    model=StrategyDiscussion,
    counted_by="held_at",
    age_at="held_at",
    age_heading="Age at strategy discussion",
    team_path=None,
    team_name_path=None,
    related=("person", "clock"),
    prefetch=("participants",),
    link="child_protection:discussion",
    referral_ref="referral",
    clock="clock",
    done_heading="Held",
    not_done="Not held",
)

# Missing episodes: by the child's return (return home interviews: the 72 hours start then), and by
# when the child went missing (children missing more than once). A missing episode belongs to no
# children-in-need episode, so its team is the team of the child's last allocation on any episode.
_MISSING: dict[str, Any] = {
    "model": MissingEpisode,
    "team_path": None,
    "team_name_path": None,
    "related": ("person", "interview", "interview_clock"),
    "link": "missing:detail",
    "referral_ref": "person_id",
    "allocation_by": "referral__person_id",
}

MISSING_RETURNS = Population(
    key="missing_returns",
    noun="Missing episodes",
    noun_one="missing episode",
    counted_by="returned_at",
    age_at="returned_at",
    age_heading="Age at return",
    clock="interview_clock",
    done_heading="Interview offered",
    not_done="Not offered",
    **_MISSING,
)

MISSING_STARTS = Population(
    key="missing_starts",
    noun="Missing episodes",
    noun_one="missing episode",
    counted_by="went_missing_at",
    age_at="went_missing_at",
    age_heading="Age when missing",
    clock="interview_clock",
    done_heading="Returned",
    not_done="Still missing",
    **_MISSING,
)

# Statutory timescales after the front door that fell due in the period and are still not done now
# (issue 15 §3): visits, core groups, review conferences, plan reviews, assessments. A clock
# belongs to no one episode's allocation by path, so its team is the team of the child's last
# allocation (as for missing episodes); the drill-down links to the child's page.
OVERDUE = Population(
    key="overdue",
    noun="Overdue timescales",
    noun_one="overdue timescale",
    model=Clock,
    counted_by="due_at",
    age_at="due_at",
    age_heading="Age when due",
    team_path=None,
    team_name_path=None,
    related=("person",),
    link="records:child",
    link_arg="person_id",
    referral_ref="person_id",
    allocation_by="referral__person_id",
    done_heading="Done",
    not_done="Not done",
)

# Open tasks about a child that are past their due date (issue 15 §3), counted by the due date (at
# 00:00 UTC on it, which is within that day in UK time, summer or winter). Team is the owner's team.
OVERDUE_TASKS = Population(
    key="overdue_tasks",
    noun="Overdue tasks",
    noun_one="overdue task",
    model=Task,
    counted_by=Cast("due_on", DateTimeField()),
    age_at="created_at",
    age_heading="Age when the task was set",
    team_path="owner_user__team_id",
    team_name_path="owner_user__team__name",
    related=("person",),
    link="records:child",
    link_arg="person_id",
    done_heading="Done",
    not_done="Not done",
)

# Each child's case note (a note about two brothers is two rows), counted by when it was first
# written; the team is the author's.
CASE_NOTES = Population(
    key="case_notes",
    noun="Children's case notes",
    noun_one="child's case note",
    model=NoteChild,
    counted_by="note__recorded_at",
    age_at="note__occurred_at",
    age_heading="Age at the event",
    team_path="note__author__team_id",
    team_name_path="note__author__team__name",
    related=("note", "person", "note__author"),
    link="casenotes:note",
    link_arg="note_id",
    done_heading="Recorded",
    not_done="Not recorded",
)


# Papers sent to partners (plans.PaperSent), counted by the day each was sent (midnight, as a
# moment, so the breakdowns by week and month work as they do for every other population).
PAPERS = Population(
    key="papers",
    noun="Papers sent",
    noun_one="paper sent",
    model=PaperSent,
    counted_by=Cast("sent_on", DateTimeField()),
    age_at="referral__received_at",
    age_heading="Age at referral",
    team_path=None,
    team_name_path=None,
    related=("person", "agency", "referral"),
    link="records:papers",
    link_arg="referral_id",
    referral_ref="referral",
    done_heading="Sent",
    not_done="Not sent",
)


# Each child's part in a child protection conference (initial or review), counted by the day the
# conference was held (midnight, as a moment, like papers sent); the team is the episode's.
CONFERENCE_CHILDREN = Population(
    key="conference_children",
    noun="Children at conferences",
    noun_one="child at a conference",
    model=ConferenceChild,
    counted_by=Cast("conference__held_on", DateTimeField()),
    age_at="conference__held_on",
    age_heading="Age at conference",
    team_path=None,
    team_name_path=None,
    related=("person", "conference"),
    link="child_protection:conference",
    link_arg="conference_id",
    referral_ref="referral",
    done_heading="Took part",
    not_done="Did not take part",
    authority="conference__authority_id",
)


def _allegations_seen(actor: Any) -> Q:
    """Allegations the actor may see (the designated officer, named managers) about a child they may
    see (allegations.selectors.visible_allegations, access.scope.visible)."""
    return visible_allegations(actor) & visible(actor, "person_id")


# Allegations against people who work with children (issue 19 §1), by when they reached the
# designated officer, and (concluded) by the outcome's date. The team is the designated officer's.
_ALLEGATIONS: dict[str, Any] = {
    "model": Allegation,
    "team_path": "designated_officer__team_id",
    "team_name_path": "designated_officer__team__name",
    "related": ("person", "consideration_clock", "outcome_clock"),
    "link": "allegations:detail",
    "restrict": _allegations_seen,
}

ALLEGATIONS = Population(
    key="allegations",
    noun="Allegations",
    noun_one="allegation",
    counted_by="received_at",
    age_at="received_at",
    age_heading="Age of the lead child at referral",
    clock="consideration_clock",
    done_heading="Considered",
    not_done="Not considered",
    **_ALLEGATIONS,
)

ALLEGATIONS_CONCLUDED = Population(
    key="allegations_concluded",
    noun="Allegations concluded",
    noun_one="allegation concluded",
    counted_by=Cast("outcome_on", DateTimeField()),
    age_at="received_at",
    age_heading="Age of the lead child at referral",
    clock="outcome_clock",
    done_heading="Outcome",
    not_done="No outcome",
    **_ALLEGATIONS,
)


# Children's complaints (issue 19 §3): each stage by its answer, or (unanswered) by its due time, as
# assessments are; the team is the team whose work the complaint is about.
COMPLAINT_STAGES = Population(
    key="complaint_stages",
    noun="Complaint stages",
    noun_one="complaint stage",
    model=ComplaintStage,
    counted_by=Coalesce("clock__completed_at", "clock__due_at"),
    age_at="complaint__received_at",
    age_heading="Age at the complaint",
    team_path="complaint__team_id",
    team_name_path="complaint__team__name",
    related=("person", "complaint", "clock", "extended_clock"),
    link="complaints:detail",
    link_arg="complaint_id",
    clock="clock",
    done_heading="Answered",
    not_done="Not answered",
)

# Complaints, by when each was received.
COMPLAINTS = Population(
    key="complaints",
    noun="Complaints",
    noun_one="complaint",
    model=Complaint,
    counted_by="received_at",
    age_at="received_at",
    age_heading="Age at the complaint",
    team_path="team_id",
    team_name_path="team__name",
    related=("person", "team"),
    link="complaints:detail",
    done_heading="Last answered",
    not_done="Not answered",
)

# Practice notes (issue 19 §4), by when each was raised; the team is the worker's when it was raised.
PRACTICE_NOTES = Population(
    key="practice_notes",
    noun="Practice notes",
    noun_one="practice note",
    model=PracticeNote,
    counted_by="raised_at",
    age_at="raised_at",
    age_heading="Age when raised",
    team_path="team_id",
    team_name_path="team__name",
    related=("person", "worker", "team"),
    link="quality:note",
    done_heading="Acknowledged",
    not_done="Not acknowledged",
)


# Each child named in a police domestic abuse notification (issue 19 §2), counted by receipt; the
# team is the child's last allocation's, as for missing episodes.
DOMESTIC_ABUSE = Population(
    key="domestic_abuse",
    noun="Children in domestic abuse notifications",
    noun_one="child in a domestic abuse notification",
    model=NotifiedChild,
    counted_by="received_at",
    age_at="received_at",
    age_heading="Age at notification",
    team_path=None,
    team_name_path=None,
    related=("person", "notification", "school", "encompass_clock"),
    link="domestic_abuse:detail",
    link_arg="notification_id",
    referral_ref="person_id",
    allocation_by="referral__person_id",
    done_heading="School told",
    not_done="Not told",
)
