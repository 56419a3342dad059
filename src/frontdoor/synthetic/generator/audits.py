"""Monthly themed case file audits, as quality.services would write them: each month's stratified
sample (quality.rules.stratified_sample over quality.selectors.sample_population, so children in
need are always in it), graded by quality assurance, most moderated by a second auditor, actions set
on the cases below good and tracked, a few re-audits, and some child and family feedback.

Grades are an assumption shaped like published local audit summaries: about 10% outstanding, 45%
good, 35% requires improvement, 10% inadequate; moderation agrees about three times in four and,
when it does not, lowers the grade twice as often as it raises it. The month still in progress is
only partly audited. Its own random stream keeps every other row as it was.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from frontdoor.organisations.models import Role, User
from frontdoor.quality import rules
from frontdoor.quality.models import (
    AuditAnswer,
    AuditFeedback,
    AuditProgramme,
    AuditQuestion,
    AuditStatus,
    AuditTemplate,
    CaseAudit,
)
from frontdoor.quality.selectors import sample_population
from frontdoor.quality.services import DEFAULT_TEMPLATE
from frontdoor.synthetic.generator.base import Picker, at_local, chance, local
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.tasks.models import Task, TaskKind

GRADE = Picker({rules.OUTSTANDING: 10, rules.GOOD: 45, rules.REQUIRES_IMPROVEMENT: 35, rules.INADEQUATE: 10})
THEMES = (
    "Neglect",
    "The child's voice",
    "Management oversight",
    "Domestic abuse",
    "Step-down to early help",
    "Children in need plans",
)
SAMPLE_SIZE = 12
LIVED = (
    "Often hungry and tired; home is crowded and noisy.",
    "Cares for a younger sibling most evenings.",
    "Misses school when mum is unwell; likes art and football.",
)
VOICE = (
    "The child's words are recorded at every visit.",
    "Seen alone once; their wishes are not in the plan.",
    "No direct work recorded: the child's voice is missing.",
)


@dataclass
class AuditMaker:
    writer: Writer
    rng: random.Random
    start: datetime
    end: datetime

    def make_all(self, authority_id: int) -> int:
        staff = dict(User.objects.filter(authority_id=authority_id).values_list("pk", "role").order_by("pk"))
        auditors = [pk for pk, role in staff.items() if role in (Role.QUALITY_ASSURANCE, Role.SENIOR_LEADER)]
        owners = [pk for pk, role in staff.items() if role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)]
        if len(auditors) < 2 or not owners:
            return 0
        template, questions = self._template(authority_id, auditors[0])
        month = local(self.start).date().replace(day=1) + relativedelta(months=1)
        last = local(self.end).date().replace(day=1)
        made = 0
        while month <= last:
            made += self._programme(authority_id, template, questions, month, auditors, owners, month == last)
            month += relativedelta(months=1)
        return made

    def _template(self, authority_id: int, by: int) -> tuple[AuditTemplate, list[AuditQuestion]]:
        template = self.writer.add(
            AuditTemplate(
                pk=self.writer.next_id(AuditTemplate),
                authority_id=authority_id,
                name=DEFAULT_TEMPLATE,
                created_by_id=by,
                created_at=self.start,
            )
        )
        questions = [
            self.writer.add(
                AuditQuestion(
                    pk=self.writer.next_id(AuditQuestion), template_id=template.pk, position=n, text=text
                )
            )
            for n, text in enumerate(rules.DEFAULT_QUESTIONS, start=1)
        ]
        return template, questions  # type: ignore[return-value]

    def _programme(
        self,
        authority_id: int,
        template: AuditTemplate,
        questions: list[AuditQuestion],
        month: date,
        auditors: list[int],
        owners: list[int],
        current: bool,
    ) -> int:
        self.writer.flush_all()  # the population is read from the rows written so far
        rng, writer = self.rng, self.writer
        opened = at_local(month + timedelta(days=rng.randint(1, 4)), 10)
        programme = writer.add(
            AuditProgramme(
                pk=writer.next_id(AuditProgramme),
                authority_id=authority_id,
                name=f"{month:%B %Y} themed audit",
                theme=THEMES[month.month % len(THEMES)],
                month=month,
                template_id=template.pk,
                sample_size=SAMPLE_SIZE,
                created_by_id=auditors[0],
                created_at=opened,
                sampled_at=opened,
            )
        )
        population = sample_population(authority_id=authority_id, month=month)
        chosen = rules.stratified_sample(population, SAMPLE_SIZE, seed=f"{month}")
        for candidate in chosen:
            audit = CaseAudit(
                pk=writer.next_id(CaseAudit),
                authority_id=authority_id,
                programme_id=programme.pk,
                **population[candidate],
            )
            if not current or chance(rng, 0.5):
                self._grade(audit, questions, opened, auditors, owners, current)
            writer.add(audit)
        return len(chosen)

    def _grade(
        self,
        audit: CaseAudit,
        questions: list[AuditQuestion],
        opened: datetime,
        auditors: list[int],
        owners: list[int],
        current: bool,
    ) -> None:
        rng, writer = self.rng, self.writer
        graded = min(opened + timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 6)), self.end)
        grade = GRADE(rng)
        audit.auditor_id, audit.graded_at, audit.grade, audit.status = (
            rng.choice(auditors),
            graded,
            grade,
            AuditStatus.GRADED,
        )
        audit.lived_experience, audit.childs_voice = rng.choice(LIVED), rng.choice(VOICE)
        for q in questions:
            step = rng.choice((-1, 0, 0, 0, 1))
            index = min(max(rules.GRADES.index(grade) + step, 0), len(rules.GRADES) - 1)
            writer.add(
                AuditAnswer(
                    audit_id=audit.pk,
                    question_id=q.pk,
                    grade=rules.GRADES[index],
                    finding="" if step == 0 else "Differs from the overall picture.",
                )
            )
        moderated = graded + timedelta(days=rng.randint(2, 10))
        if chance(rng, 0.3 if current else 0.8) and moderated <= self.end:
            self._moderate(audit, moderated, [a for a in auditors if a != audit.auditor_id])
        final = audit.moderated_grade or grade
        if final in rules.BELOW_GOOD:
            self._actions(audit, graded, owners)
        if final == rules.INADEQUATE and chance(rng, 0.6):
            writer.add(
                CaseAudit(
                    pk=writer.next_id(CaseAudit),
                    authority_id=audit.authority_id,
                    programme_id=audit.programme_id,
                    person_id=audit.person_id,
                    kind=audit.kind,
                    contact_child_id=audit.contact_child_id,
                    referral_id=audit.referral_id,
                    early_help_case_id=audit.early_help_case_id,
                    team_id=audit.team_id,
                    re_audit_of_id=audit.pk,
                    scheduled_for=local(graded).date() + timedelta(days=90),
                )
            )
        if chance(rng, 0.2):
            writer.add(
                AuditFeedback(
                    authority_id=audit.authority_id,
                    audit_id=audit.pk,
                    given_by=rng.choice(("child", "parent", "carer")),
                    how="Phone call",
                    feedback="They listened, but it took a long time for anything to change.",
                    recorded_by_id=audit.auditor_id,
                    recorded_at=graded,
                )
            )

    def _moderate(self, audit: CaseAudit, at: datetime, moderators: list[int]) -> None:
        rng = self.rng
        index = rules.GRADES.index(audit.grade)
        change = 0 if chance(rng, 0.75) else (1 if chance(rng, 2 / 3) else -1)
        after = rules.GRADES[min(max(index + change, 0), len(rules.GRADES) - 1)]
        audit.moderator_id, audit.moderated_at, audit.status = (
            rng.choice(moderators),
            at,
            AuditStatus.MODERATED,
        )
        audit.moderation_agreed, audit.moderated_grade = after == audit.grade, after
        audit.moderation_reason = (
            "" if after == audit.grade else "The record does not show the child seen alone."
        )

    def _actions(self, audit: CaseAudit, graded: datetime, owners: list[int]) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 2)):
            due = graded + timedelta(days=rng.randint(14, 42))
            done = due + timedelta(days=rng.randint(-10, 12)) if chance(rng, 0.7) else None
            finished = done if done and done <= self.end else None
            self.writer.add(
                Task(
                    authority_id=audit.authority_id,
                    person_id=audit.person_id,
                    kind=TaskKind.CASE_AUDIT,
                    source_type="quality.caseaudit",
                    source_id=audit.pk,
                    owner_user_id=(owner := rng.choice(owners)),
                    what="Record the child's words and wishes, and update the plan with them.",
                    due_on=local(due).date(),
                    created_by_id=audit.auditor_id or owners[0],
                    created_at=graded,
                    done_at=finished,
                    done_by_id=owner if finished else None,
                    done_note="Done and checked by the team manager." if finished else "",
                )
            )
