"""Benchmark for "My work" (issue 15 §3): a worker's list and a team manager's totals on the
county profile, each against hand-written SQL.

    python bench/mywork.py [--county-url URL] [--authority 885] [--repeats 30] [--warmups 3]

The county database is bench/board.py's (a cached SQLite copy seeded once with
`frontdoor seed --profile county --seed 1 --end 2026-03-20`, or --county-url). A worker process
times mywork.selectors and the plain SQL written here, interleaved (3 warm-ups, then 30 repetitions
of each), checks the two answers are equal (a mismatch is printed and the exit status is 1), and
prints p50 and p95 in milliseconds, the ratio of the p95s (goal: at most 2) and the selector's
queries. "now" is the end of the seeded window. The worker measured is the social worker holding
the most open episodes; the manager is their team's. Both write one AccessEvent per child listed on
every call, as the page does; the raw SQL inserts the same rows.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

import board

LONDON = ZoneInfo("Europe/London")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--county-url", help="database with county-year data (default: cached SQLite)")
    parser.add_argument("--authority", default="885")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    with tempfile.TemporaryDirectory(prefix="mywork-bench-") as work:
        county = (
            board.Database("county", url=args.county_url)
            if args.county_url
            else board.county_sqlite(Path(work))
        )
        print(f"County-year data: {county.describe()}", flush=True)
        command = [
            sys.executable, __file__, "--worker", "--authority", args.authority,
            "--repeats", str(args.repeats), "--warmups", str(args.warmups),
        ]  # fmt: skip
        process = subprocess.run(  # noqa: S603
            command, env=board._env(county), stdout=subprocess.PIPE, text=True, check=False
        )
        lines = process.stdout.strip().splitlines()
        if process.returncode or not lines:
            raise SystemExit(f"The worker failed (exit {process.returncode})")
        ok = print_table(json.loads(lines[-1]))
    return 0 if ok else 1


def print_table(result: dict[str, Any]) -> bool:
    print(f"\n== My work, county-year data ({result['vendor']}); now = {result['now']} ==")
    print(result["about"])
    heads = ("p50 ms", "p95 ms", "raw p50", "raw p95")
    print(f"{'name':<30} {' '.join(f'{h:>8}' for h in heads)} {'ratio':>6} {'queries':>7}  check")
    ok = True
    for row in result["rows"]:
        ratio = row["p95"] / row["raw_p95"]
        ok &= row["equal"] and ratio <= board.RATIO_GOAL
        print(
            f"{row['name']:<30} {board._ms(row['p50'])} {board._ms(row['p95'])} {board._ms(row['raw_p50'])} "
            f"{board._ms(row['raw_p95'])} {ratio:6.2f} {row['queries']:>7}  "
            f"{'ok' if row['equal'] else 'MISMATCH ' + row['detail']}"
        )
    print(f"Goal: ratio (p95 / raw p95) at most {board.RATIO_GOAL:g}: {'met' if ok else 'NOT met'}")
    return ok


# == Worker: inside Django ===========================================================================


class Raw(board.Raw):
    """The same answers as mywork.selectors, as plain SQL."""

    def held(self, worker_ids: list[int]) -> tuple[str, list[Any]]:
        """The current allocations of open episodes to the workers (a and r), that the actor sees."""
        seen, seen_params = self.visible("r.person_id")
        marks = ", ".join(["%s"] * len(worker_ids))
        sql = f"""a.worker_id IN ({marks}) AND a.ended_at IS NULL AND r.closure_date IS NULL
                  AND r.authority_id = %s AND {seen}"""
        return sql, [*worker_ids, self.authority_id, *seen_params]

    def my_work(self, worker_id: int) -> dict[str, Any]:
        held, params = self.held([worker_id])
        children = self.rows(
            f"""SELECT a.id, r.person_id, p.first_name, p.last_name, t.name
                FROM referrals_allocation a JOIN referrals_referral r ON r.id = a.referral_id
                JOIN people_person p ON p.id = r.person_id JOIN organisations_team t ON t.id = a.team_id
                WHERE {held} ORDER BY p.last_name, p.first_name, a.id""",
            params,
        )
        seen, seen_params = self.visible("c.person_id")
        clocks = self.rows(
            f"""SELECT c.id, c.person_id, c.due_at, c.paused_at, p.first_name, p.last_name
                FROM clocks_clock c JOIN people_person p ON p.id = c.person_id
                WHERE c.authority_id = %s AND c.completed_at IS NULL
                  AND c.person_id IN (SELECT r.person_id FROM referrals_allocation a
                                      JOIN referrals_referral r ON r.id = a.referral_id
                                      WHERE a.worker_id = %s AND a.ended_at IS NULL
                                        AND r.closure_date IS NULL AND r.authority_id = %s)
                  AND {seen}
                ORDER BY c.due_at, c.id""",
            [self.authority_id, worker_id, self.authority_id, *seen_params],
        )
        seen, seen_params = self.visible("t.person_id")
        tasks = self.rows(
            f"""SELECT t.id, t.person_id, t.due_on, t.kind, t.what, p.first_name, p.last_name
                FROM tasks_task t LEFT JOIN people_person p ON p.id = t.person_id
                WHERE t.authority_id = %s AND t.owner_user_id = %s AND t.done_at IS NULL
                  AND t.cancelled_at IS NULL AND (t.person_id IS NULL OR ({seen}))
                ORDER BY t.due_on, t.id""",
            [self.authority_id, worker_id, *seen_params],
        )
        people = [row[1] for row in children] + [row[1] for row in clocks]
        self.access_log(people + [row[1] for row in tasks if row[1]], "mywork.list")
        ordered = sorted(clocks, key=lambda row: (row[3] is not None, row[2], row[0]))
        return {
            "children": [row[0] for row in children],
            "clocks": [row[0] for row in ordered],
            "tasks": [row[0] for row in tasks],
        }

    def team_totals(self, worker_ids: list[int]) -> dict[int, tuple[int, ...]]:
        held, params = self.held(worker_ids)
        children = dict(
            self.rows(
                f"""SELECT a.worker_id, count(DISTINCT r.person_id)
                    FROM referrals_allocation a JOIN referrals_referral r ON r.id = a.referral_id
                    WHERE {held} GROUP BY a.worker_id""",
                params,
            )
        )
        seen, seen_params = self.visible("c.person_id")
        clocks = {
            w: (n, late)
            for w, n, late in self.rows(
                f"""SELECT a.worker_id, count(DISTINCT c.id),
                           count(DISTINCT CASE WHEN c.due_at < %s AND c.paused_at IS NULL THEN c.id END)
                    FROM clocks_clock c JOIN referrals_referral r ON r.person_id = c.person_id
                    JOIN referrals_allocation a ON a.referral_id = r.id
                    WHERE c.authority_id = %s AND c.completed_at IS NULL AND {seen}
                      AND a.worker_id IN ({", ".join(["%s"] * len(worker_ids))})
                      AND a.ended_at IS NULL AND r.closure_date IS NULL
                    GROUP BY a.worker_id""",
                [self.now, self.authority_id, *seen_params, *worker_ids],
            )
        }
        seen, seen_params = self.visible("t.person_id")
        marks = ", ".join(["%s"] * len(worker_ids))
        today = self.now.astimezone(LONDON).date().isoformat()
        tasks = {
            w: (n, late)
            for w, n, late in self.rows(
                f"""SELECT t.owner_user_id, count(*),
                           coalesce(sum(CASE WHEN t.due_on < %s THEN 1 ELSE 0 END), 0)
                    FROM tasks_task t
                    WHERE t.authority_id = %s AND t.owner_user_id IN ({marks}) AND t.done_at IS NULL
                      AND t.cancelled_at IS NULL AND (t.person_id IS NULL OR ({seen}))
                    GROUP BY t.owner_user_id""",
                [today, self.authority_id, *worker_ids, *seen_params],
            )
        }
        return {w: (children.get(w, 0), *clocks.get(w, (0, 0)), *tasks.get(w, (0, 0))) for w in worker_ids}


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, Q

    from frontdoor.mywork import selectors
    from frontdoor.organisations.models import Role, User

    authority, _, now = board._authority_and_actor(args.authority)
    busiest = (
        User.objects.filter(authority=authority, role=Role.SOCIAL_WORKER, team__isnull=False)
        .annotate(n=Count("allocations", filter=Q(allocations__ended_at__isnull=True)))
        .order_by("-n", "pk")
        .first()
    )
    manager = User.objects.filter(team_id=busiest.team_id, role=Role.TEAM_MANAGER).order_by("pk").first()
    raw_worker = Raw(authority.pk, busiest.pk, now, busiest.team_id)
    raw_manager = Raw(authority.pk, manager.pk, now, manager.team_id) if manager else None

    def listing(work: Any) -> dict[str, Any]:
        return {
            "children": [a.pk for a in work.children],
            "clocks": [i.pk for i in work.items if i.source == "clock"],
            "tasks": [i.pk for i in work.items if i.source == "task"],
        }

    def totals(team: Any) -> dict[int, tuple[int, ...]]:
        return {
            t.worker.pk: (t.children, t.open_clocks, t.overdue_clocks, t.open_tasks, t.overdue_tasks)
            for t in team.totals
        }

    cases = [
        board.Case(
            "my work (busiest worker)",
            lambda: selectors.my_work(actor=busiest, worker_id=None, kind=None, now=now),
            lambda: raw_worker.my_work(busiest.pk),
            lambda got, expected: board._differ("my work", listing(got), expected),
        )
    ]
    if manager is not None:
        members = [u.pk for u in selectors.team_members(manager)]
        cases.append(
            board.Case(
                "team totals (their manager)",
                lambda: selectors.team_work(actor=manager, now=now),
                lambda: raw_manager.team_totals(members),
                lambda got, expected: board._differ("totals", totals(got), expected),
            )
        )
    rows = [board._measure(case, args.repeats, args.warmups) for case in cases]
    work = selectors.my_work(actor=busiest, worker_id=None, kind=None, now=now)
    about = (
        f"Busiest worker: {len(work.children)} children, {len(work.items)} open clocks "
        f"({work.overdue} overdue); their team: {len(members) if manager else 0} staff"
    )
    about += f"; {sum(1 for i in work.items if i.source == 'task')} open tasks"
    result = {"vendor": connection.vendor, "now": now, "about": about, "rows": [asdict(r) for r in rows]}
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
