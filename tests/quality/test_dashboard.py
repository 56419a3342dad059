"""Every figure on the QA dashboard against an independent count of the raw rows (SQL), over audits
in two months, three teams and two themes, with moderation changes and overdue actions, and another
authority's audits that must not count."""

from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.utils import timezone

from frontdoor.organisations.models import Role
from frontdoor.quality import selectors, services
from frontdoor.quality.models import AuditProgramme
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.cases import cin_episode, decided

pytestmark = pytest.mark.django_db
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")


def grade(audit, qa, overall, per_question):
    questions = list(audit.programme.template.questions.all())
    answers = {q.pk: (per_question[n % len(per_question)], "") for n, q in enumerate(questions)}
    return services.case_audit_grade(
        actor=qa,
        audit=audit,
        version=audit.version,
        grade=overall,
        answers=answers,
        lived_experience="Seen",
        childs_voice="Heard",
    )


def moderate(audit, moderator, to):
    audit.refresh_from_db()
    services.case_audit_moderate(
        actor=moderator,
        audit=audit,
        version=audit.version,
        agreed=to == audit.grade,
        grade=to,
        reason="" if to == audit.grade else "Record does not support the grade",
    )


def programme(qa, theme, size):
    made = services.audit_programme_create(
        actor=qa, name=theme, theme=theme, month=timezone.localdate(), sample_size=size
    )
    return services.audit_programme_sample(actor=qa, programme=made, seed=theme)


def build(la):
    qa, second = builders.user(la, Role.QUALITY_ASSURANCE), builders.user(la, Role.QUALITY_ASSURANCE)
    teams = [builders.team(la, name) for name in ("North", "South", "East")]
    for team in teams:
        manager = builders.user(la, Role.TEAM_MANAGER)
        manager.team = team
        manager.save(update_fields=["team"])
        cin_episode(la, manager)
        decided(la, manager, "nfa")
        decided(la, manager, "early_help")
    neglect = programme(qa, "Neglect", 5)
    voice = programme(qa, "Voice", 4)
    plan = [
        ("good", ["good"], "good"),
        ("inadequate", ["inadequate", "good"], "inadequate"),
        ("requires_improvement", ["requires_improvement"], "inadequate"),
        ("outstanding", ["good"], "good"),
        ("good", ["requires_improvement", "good"], None),
        ("requires_improvement", ["inadequate"], "good"),
        ("good", ["good"], None),
    ]
    for audit, (overall, per_question, moderated) in zip([*neglect, *voice], plan, strict=False):
        grade(audit, qa, overall, per_question)
        if moderated:
            moderate(audit, second, moderated)
    # The voice programme was last month's: its month moves back, as if it had been run then.
    AuditProgramme.objects.filter(theme="Voice").update(
        month=timezone.localdate().replace(day=1) - relativedelta(months=1)
    )
    worker = builders.user(la, Role.SOCIAL_WORKER)
    for audit in [*neglect, *voice]:
        audit.refresh_from_db()
    graded = [a for a in [*neglect, *voice] if a.grade]
    due = timezone.localdate() + timedelta(days=7)
    actions = [
        services.audit_action_set(actor=qa, audit=a, what="Act", owner=Owner(user=o), due_on=due)
        for a, o in zip(graded[:4], [worker, worker, qa, second], strict=True)
    ]
    Task.objects.filter(pk__in=[actions[0].pk, actions[1].pk, actions[2].pk]).update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    services.audit_action_complete(actor=worker, action=actions[1], note="Done")
    return qa


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def expected_tables(la):
    rows = raw(
        """SELECT p.month, t.name, p.theme, a.grade, a.moderated_grade FROM quality_caseaudit a
           JOIN quality_auditprogramme p ON p.id = a.programme_id
           LEFT JOIN organisations_team t ON t.id = a.team_id
           WHERE a.authority_id = %s AND a.grade <> ''""",
        [la.pk],
    )
    tables = {"month": defaultdict(Counter), "team": defaultdict(Counter), "theme": defaultdict(Counter)}
    for month, team, theme, before, after in rows:
        final = after or before
        tables["month"][str(month)[:7]][final] += 1
        tables["team"][team or "No team"][final] += 1
        tables["theme"][theme][final] += 1
    return {by: {k: {g: c[g] for g in GRADES} for k, c in table.items()} for by, table in tables.items()}


def test_every_dashboard_figure_matches_the_raw_rows(la):
    qa = build(la)
    build(builders.authority("884", "Herefordshire (test)"))  # must not count
    board = selectors.dashboard(actor=qa)
    tables = expected_tables(la)
    assert board.by_month == tables["month"]
    assert board.by_team == tables["team"]
    assert board.by_theme == tables["theme"]
    assert sum(sum(row.values()) for row in board.by_month.values()) == 7
    assert len(board.by_month) == 2

    pairs = raw(
        "SELECT grade, moderated_grade FROM quality_caseaudit"
        " WHERE authority_id = %s AND status = 'moderated'",
        [la.pk],
    )
    moves = Counter(
        "agreed" if b == a else ("raised" if GRADES.index(a) < GRADES.index(b) else "lowered")
        for b, a in pairs
    )
    assert board.moderation == {k: moves[k] for k in ("agreed", "raised", "lowered")}
    assert board.moderation == {"agreed": 2, "raised": 1, "lowered": 2}

    today = timezone.localdate()
    ((overdue,),) = raw(
        "SELECT COUNT(*) FROM tasks_task WHERE authority_id = %s AND kind = 'case_audit'"
        " AND done_at IS NULL AND cancelled_at IS NULL AND due_on < %s",
        [la.pk, today],
    )
    ((still_open,),) = raw(
        "SELECT COUNT(*) FROM tasks_task WHERE authority_id = %s AND kind = 'case_audit'"
        " AND done_at IS NULL AND cancelled_at IS NULL",
        [la.pk],
    )
    assert (board.overdue_actions, board.open_actions) == (overdue, still_open) == (2, 3)
    assert sum(n for _, n in board.overdue_by_owner) == 2

    recurring = raw(
        """SELECT q.text, COUNT(DISTINCT ans.audit_id) FROM quality_auditanswer ans
           JOIN quality_auditquestion q ON q.id = ans.question_id
           JOIN quality_caseaudit a ON a.id = ans.audit_id
           WHERE a.authority_id = %s AND ans.grade IN ('requires_improvement', 'inadequate')
           GROUP BY q.text HAVING COUNT(DISTINCT ans.audit_id) >= 2""",
        [la.pk],
    )
    assert sorted(board.recurring) == sorted(recurring)
    assert len(board.recurring) == 6

    statuses = dict(
        raw("SELECT status, COUNT(*) FROM quality_caseaudit WHERE authority_id = %s GROUP BY status", [la.pk])
    )
    assert board.status_counts == {s: statuses.get(s, 0) for s in ("sampled", "graded", "moderated")}
    assert board.status_counts == {"sampled": 2, "graded": 2, "moderated": 5}
