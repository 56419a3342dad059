"""Benchmarks for live oversight (issue 4, "Scale"): the board, its poll, the daily review list,
caseloads and every performance-dashboard figure, for one authority, against hand-written SQL.

    python bench/board.py [--county-url URL] [--national-url URL] [--authority 885]
                          [--repeats 30] [--warmups 3] [--boards 50 [--boards-url URL]]

For each dataset (county-year data, and national data when --national-url is given) a worker
process connects to that database and times each answer with its selector and with plain raw SQL
written here, interleaved in the same run (3 warm-ups, then 30 repetitions of each), checks that the
two answers are equal (a mismatch is printed loudly and makes the exit status 1), and reports p50
and p95 in milliseconds, the ratio of the p95s and the queries each selector runs. Then the goals:
every ratio at most 2, and the board's p95 on national data at most 1.5 x its p95 on county data.

- County data: --county-url, or by default a fresh copy of a SQLite database seeded once with
  `frontdoor seed --profile county --seed 1 --end 2026-03-20` and cached under var/bench/ (rebuilt
  when the generator or a migration changes).
- National data: a PostgreSQL database loaded by `frontdoor seed --profile national` (not loaded
  here: it takes 70-85 minutes on 2 cores).
- "now" is the end of the seeded window (from the synthetic.loaded audit event), so the board looks
  as it did live, whenever the bench runs.
- The board writes one AccessEvent per child shown on every call (audit.services.access_log): that
  is measured as it is, and the board is also timed without the log write ("board, no access log")
  to show where the time goes. The raw SQL for the board inserts the same access rows. The audit
  trail is append-only, so the access events the bench writes stay (their count is printed).

--boards N also checks that the board stays correct with N boards open at once: it starts the app
with gunicorn on loopback against the county database (or --boards-url), signs N clients in (a
session each, made with Django's test client), has each poll /board/live/?v=... once a second for
--seconds, while a writer records contacts through contacts.services at --write-rate a second, and
reports requests, server errors, the delay from each write to the first poll response whose board
shows it (by its "N open" count), and poll latency. Everything stops by itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
BIN = Path(sys.executable).parent
COUNTY_END = "2026-03-20"
COUNTY_SEED = 1
OPEN = ("awaiting_screening", "partner_checks", "awaiting_decision")
REFERRAL = ("assessment", "strategy")
RATIO_GOAL = 2.0
NATIONAL_GOAL = 1.5

try:
    import frontdoor  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(SRC))


# == Orchestration (no Django in this process) ======================================================


def data_dir() -> Path:
    return Path(os.environ.get("FRONTDOOR_DATA_DIR") or ROOT / "var")


def _cache_key() -> str:
    """Changes when the generator or any migration changes, so the cached county is rebuilt."""
    digest = hashlib.sha256()
    paths = sorted((SRC / "frontdoor" / "synthetic").rglob("*.py")) + sorted(
        (SRC / "frontdoor").glob("*/migrations/*.py")
    )
    for path in paths:
        digest.update(str(path.relative_to(SRC)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _env(database: Database) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "frontdoor.settings.dev", "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    if database.sqlite_dir:
        env["FRONTDOOR_DATA_DIR"] = database.sqlite_dir
    else:
        env["DATABASE_URL"] = database.url
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@dataclass
class Database:
    label: str
    url: str = ""  # a DATABASE_URL, or "" for the SQLite file in sqlite_dir
    sqlite_dir: str = ""  # FRONTDOOR_DATA_DIR holding frontdoor.sqlite3 (the settings' own SQLite)

    def describe(self) -> str:
        if self.sqlite_dir:
            return f"SQLite copy in {self.sqlite_dir}"
        return re.sub(r"//[^@/]*@", "//", self.url)  # no credentials in the output


def _frontdoor(database: Database, *args: str) -> None:
    subprocess.run([str(BIN / "frontdoor"), *args], env=_env(database), check=True)  # noqa: S603


def county_sqlite(work: Path) -> Database:
    """A fresh copy of the cached seeded county (seeding it first if the cache is missing or stale)."""
    cache_dir = data_dir() / "bench"
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"county-seed{COUNTY_SEED}-{COUNTY_END}-{_cache_key()}.sqlite3"
    if not cached.exists():
        for old in cache_dir.glob("county-seed*.sqlite3"):
            old.unlink()
        build = Path(tempfile.mkdtemp(prefix="county-", dir=cache_dir))
        database = Database("county", sqlite_dir=str(build))
        print(f"Seeding the county once (cached as {cached.name}; about two minutes)...", flush=True)
        _frontdoor(database, "migrate", "--verbosity", "0")
        _frontdoor(
            database, "seed", "--profile", "county", "--seed", str(COUNTY_SEED),
            "--end", COUNTY_END, "--no-progress", "--verbosity", "0",
        )  # fmt: skip
        with _sqlite(build / "frontdoor.sqlite3") as db:  # one file, so it can be copied alone
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode=DELETE")
        shutil.move(build / "frontdoor.sqlite3", cached)
        shutil.rmtree(build, ignore_errors=True)
    target = work / "county"
    target.mkdir()
    shutil.copyfile(cached, target / "frontdoor.sqlite3")
    return Database("county", sqlite_dir=str(target))


class _sqlite:
    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = sqlite3.connect(path)

    def __enter__(self) -> Any:
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def run_worker(database: Database, mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run this file as a worker against `database`; its last stdout line is a JSON result."""
    command = [
        sys.executable, __file__, "--worker", mode, "--authority", args.authority,
        "--repeats", str(args.repeats), "--warmups", str(args.warmups),
        "--boards", str(args.boards), "--seconds", str(args.seconds), "--write-rate", str(args.write_rate),
        *(["--shared-render"] if args.shared_render else []),
    ]  # fmt: skip
    process = subprocess.run(command, env=_env(database), stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
    lines = process.stdout.strip().splitlines()
    if process.returncode or not lines:
        raise SystemExit(f"The {database.label} worker failed (exit {process.returncode})")
    return json.loads(lines[-1])


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:8.2f}"


def print_table(label: str, result: dict[str, Any]) -> bool:
    print(f"\n== {label}: {result['database']} ({result['vendor']}) ==")
    print(
        f"Authority {result['authority']}: {result['open']:,} open, {result['journeys']:,} children's "
        f"contacts in the authority, {result['all_journeys']:,} in the database; now = {result['now']}"
    )
    heads = ("p50 ms", "p95 ms", "raw p50", "raw p95")
    print(f"{'name':<34} {' '.join(f'{h:>8}' for h in heads)} {'ratio':>6} {'queries':>7}  check")
    ok = True
    for row in result["rows"]:
        ratio = row["p95"] / row["raw_p95"] if row["raw_p95"] else float("nan")
        meets = ratio <= RATIO_GOAL
        check = "ok" if row["equal"] else "MISMATCH"
        ok &= row["equal"]
        print(
            f"{row['name']:<34} {_ms(row['p50'])} {_ms(row['p95'])} {_ms(row['raw_p50'])} "
            f"{_ms(row['raw_p95'])} {ratio:6.2f}{'' if meets else '*'} {row['queries']:>7}  {check}"
        )
        if not row["equal"]:
            print(f"    !!! MISMATCH between the selector and the raw SQL: {row['detail']}")
    misses = [r["name"] for r in result["rows"] if r["raw_p95"] and r["p95"] / r["raw_p95"] > RATIO_GOAL]
    verdict = "met" if not misses else f"NOT met by {', '.join(misses)} (marked *)"
    print(f"Goal: ratio (p95 / raw p95) at most {RATIO_GOAL:g}: {verdict}")
    print(f"({result['access_events']:,} access events written by the bench: the audit trail keeps them)")
    return ok


def print_boards(result: dict[str, Any]) -> None:
    b = result["boards"]
    print(f"\n== {b['clients']} boards open at once: {result['database']} ({result['vendor']}) ==")
    if b.get("shared_render"):
        print(
            "  (experiment --shared-render: boards with the same version and filters share one render; "
            f"{b['shared_hits']} responses reused one)"
        )
    print(
        f"  server: gunicorn, {b['workers']} workers x {b['threads']} threads on 127.0.0.1; "
        f"{b['seconds']} s of polling once a second; writer at {b['write_rate']:g} contacts/s"
    )
    print(
        f"  requests {b['requests']:,} (204: {b['no_change']:,}, 200: {b['changed']:,}); "
        f"server errors {b['server_errors']} (goal 0); client errors {b['client_errors']}"
    )
    print(
        f"  writes {b['writes']}, seen by every client: {b['writes_seen']} of {b['writes_checked']} "
        f"checked; stale responses (version newer than the board shown) {b['stale']}"
    )
    print(
        f"  delay from a write to the first poll showing it: p50 {b['delay_p50']:.2f} s, "
        f"p95 {b['delay_p95']:.2f} s, max {b['delay_max']:.2f} s (goal at most 2 s: "
        f"{'met' if b['delay_max'] <= 2 and not b['server_errors'] else 'NOT met'})"
    )
    print(
        f"  poll latency: p50 {b['latency_p50'] * 1000:.0f} ms, p95 {b['latency_p95'] * 1000:.0f} ms "
        f"(204 p95 {b['latency_204_p95'] * 1000:.0f} ms, 200 p95 {b['latency_200_p95'] * 1000:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--county-url", help="database with county-year data (default: cached SQLite)")
    parser.add_argument("--national-url", help="PostgreSQL database loaded by seed --profile national")
    parser.add_argument("--authority", default="885", help="DfE LA code of the authority to measure")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--boards", type=int, default=0, help="also run N concurrent polling boards")
    parser.add_argument("--boards-url", help="database for --boards (default: the county database)")
    parser.add_argument("--seconds", type=int, default=30, help="--boards: how long the clients poll")
    parser.add_argument("--write-rate", type=float, default=2.0, help="--boards: contacts written a second")
    parser.add_argument("--skip-timings", action="store_true", help="only the --boards check")
    parser.add_argument(
        "--shared-render",
        action="store_true",
        help="--boards experiment: boards with the same version and filters share one render",
    )
    parser.add_argument("--worker", choices=("timings", "boards"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)

    started = time.monotonic()
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-board-") as tmp:
        work = Path(tmp)
        county = Database("county", url=args.county_url) if args.county_url else county_sqlite(work)
        results: dict[str, dict[str, Any]] = {}
        if not args.skip_timings:
            results["county"] = run_worker(county, "timings", args)
            ok &= print_table("County-year data", results["county"])
            if args.national_url:
                results["national"] = run_worker(Database("national", url=args.national_url), "timings", args)
                ok &= print_table("National data", results["national"])
            else:
                print(
                    "\nNational data: skipped (no --national-url; load one with "
                    "`frontdoor seed --profile national`)"
                )
            if "national" in results:
                print_national_goal(results["county"], results["national"])
        if args.boards:
            # The writer adds contacts: on the default county (a throwaway SQLite copy) that is harmless.
            target = Database("boards", url=args.boards_url) if args.boards_url else county
            boards = run_worker(target, "boards", args)
            print_boards(boards)
            ok &= boards["boards"]["server_errors"] == 0
    print(f"\nbench/board.py finished in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


def print_national_goal(county: dict[str, Any], national: dict[str, Any]) -> None:
    print(
        "\n== Board at national scale against county scale (goal: national p95 at most 1.5 x county p95) =="
    )
    for name in ("board", "board, stage filter", "board, no access log"):
        c = next((r for r in county["rows"] if r["name"] == name), None)
        n = next((r for r in national["rows"] if r["name"] == name), None)
        if c and n:
            factor = n["p95"] / c["p95"]
            verdict = "met" if factor <= NATIONAL_GOAL else "NOT met"
            print(
                f"  {name:<24} county p95 {c['p95'] * 1000:7.2f} ms, national p95 {n['p95'] * 1000:7.2f} ms: "
                f"x{factor:.2f} ({verdict})"
            )
    if county["vendor"] != national["vendor"]:
        print(f"  (county on {county['vendor']}, national on {national['vendor']}: engines differ)")


# == Worker: everything below runs inside Django ====================================================


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    result = timings(args) if args.worker == "timings" else boards(args)
    print(json.dumps(result, default=str))
    return 0


@dataclass
class Row:
    name: str
    p50: float
    p95: float
    raw_p50: float
    raw_p95: float
    queries: int
    equal: bool
    detail: str = ""


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class Case:
    name: str
    selector: Callable[[], Any]
    raw: Callable[[], Any]
    compare: Callable[[Any, Any], str]  # "" when equal, else what differs
    selector_times: list[float] = field(default_factory=list)
    raw_times: list[float] = field(default_factory=list)


def _measure(case: Case, repeats: int, warmups: int) -> Row:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmups):
        case.selector()
        case.raw()
    with CaptureQueriesContext(connection) as captured:
        answer = case.selector()
    queries = len(captured.captured_queries)
    expected = case.raw()
    detail = case.compare(answer, expected)
    for _ in range(repeats):  # interleaved, so drift in the machine's load hits both alike
        started = time.perf_counter()
        case.selector()
        case.selector_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        case.raw()
        case.raw_times.append(time.perf_counter() - started)
    s, r = case.selector_times, case.raw_times
    return Row(
        case.name,
        statistics.median(s),
        _quantile(s, 0.95),
        statistics.median(r),
        _quantile(r, 0.95),
        queries,
        not detail,
        detail,
    )


def _differ(what: str, got: Any, expected: Any) -> str:
    return "" if got == expected else f"{what}: selector {str(got)[:300]} != raw {str(expected)[:300]}"


class Raw:
    """The same answers, written as plain SQL against the tables."""

    def __init__(self, authority_id: int, actor_id: int, now: datetime, team_id: int | None = None) -> None:
        from django.db import connection

        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.authority_id, self.actor_id, self.now, self.team_id = authority_id, actor_id, now, team_id
        self.open_in = ", ".join(f"'{s}'" for s in OPEN)

    def _param(self, value: Any) -> Any:
        """Datetimes as the backend stores them (SQLite compares text: naive UTC, as the ORM writes)."""
        if isinstance(value, datetime):
            return self.connection.ops.adapt_datetimefield_value(value)
        return value

    def visible(self, person: str) -> tuple[str, list[Any]]:
        """access.scope.visible for the bench's actor (a front-door team manager) in SQL: the team's
        scope (a front-door team sees the authority; any team sees children allocated to it), less
        restricted records that do not name the actor and that they hold no live break-glass for.
        The selectors apply it to every read of a child, so the same answer needs it here too."""
        sql = f"""(EXISTS (SELECT 1 FROM organisations_team ft WHERE ft.id = %s AND ft.is_front_door)
                  OR EXISTS (SELECT 1 FROM access_teaminvolvement vi
                             WHERE vi.person_id = {person} AND vi.team_id = %s))
              AND NOT EXISTS (
                  SELECT 1 FROM access_restriction x
                  WHERE x.person_id = {person} AND x.lifted_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM access_restriction_allowed_users xu
                                    WHERE xu.restriction_id = x.id AND xu.user_id = %s)
                    AND NOT EXISTS (SELECT 1 FROM access_breakglass xb
                                    WHERE xb.restriction_id = x.id AND xb.user_id = %s
                                      AND xb.expires_at > %s))"""
        return sql, [
            self.team_id,
            self.team_id,
            self.actor_id,
            self.actor_id,
            datetime.now(tz=self.now.tzinfo),
        ]

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [self._param(p) for p in params])
            return cursor.fetchall()

    def access_log(self, person_ids: list[int], purpose: str) -> None:
        ids = sorted(set(person_ids))
        if not ids:
            return
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(ids))
        at = self._param(datetime.now(tz=self.now.tzinfo))
        params: list[Any] = []
        for pid in ids:
            params += [self.authority_id, self.actor_id, at, pid, purpose]
        with self.connection.cursor() as cursor:
            columns = "authority_id, actor_id, at, person_id, purpose"
            cursor.execute(f"INSERT INTO audit_accessevent ({columns}) VALUES {values}", params)

    # -- the board ------------------------------------------------------------------------------------

    def board(self, *, stage: str | None = None, log: bool = True) -> dict[str, Any]:
        from frontdoor.oversight.selectors import _end_of_local_day
        from frontdoor.oversight.selectors.filters import BoardFilters

        limit = BoardFilters(stage=stage).limit  # the whole board shows fewer rows than one stage
        now, end_of_day = self.now, _end_of_local_day(self.now)
        seen, seen_params = self.visible("j.person_id")
        where = f"j.authority_id = %s AND j.stage IN ({self.open_in}) AND {seen}"
        params: list[Any] = [self.authority_id, *seen_params]
        chosen, chosen_params = ("j.stage = %s", [stage]) if stage else ("TRUE", [])
        per_stage = ", ".join(f"coalesce(sum(CASE WHEN j.stage = '{s}' THEN 1 ELSE 0 END), 0)" for s in OPEN)
        total, breached, due_today, *by_stage = self.rows(
            f"""SELECT coalesce(sum(CASE WHEN {chosen} THEN 1 ELSE 0 END), 0),
                       coalesce(sum(CASE WHEN {chosen} AND k.due_at < %s THEN 1 ELSE 0 END), 0),
                       coalesce(sum(CASE WHEN {chosen} AND k.due_at >= %s AND k.due_at <= %s
                                    THEN 1 ELSE 0 END), 0),
                       {per_stage}
                FROM contacts_contactchild j LEFT JOIN clocks_clock k ON k.id = j.decision_clock_id
                WHERE {where}""",
            [*chosen_params, *chosen_params, now, *chosen_params, now, end_of_day, *params],
        )[0]
        items = self.rows(
            f"""SELECT j.id, j.contact_id, j.person_id, j.owner_id, j.stage, j.stage_entered_at, j.rag,
                       j.repeat_reasons, j.household_reasons, c.reference, c.source, p.first_name,
                       p.last_name, p.expected_date_of_birth, u.first_name, u.last_name, u.username,
                       k.due_at, k.completed_at, k.paused_at, s.due_at, s.completed_at, s.paused_at
                FROM contacts_contactchild j
                JOIN contacts_contact c ON c.id = j.contact_id
                JOIN people_person p ON p.id = j.person_id
                LEFT JOIN organisations_user u ON u.id = j.owner_id
                LEFT JOIN clocks_clock k ON k.id = j.decision_clock_id
                LEFT JOIN clocks_clock s ON s.id = j.statutory_clock_id
                WHERE {where} AND {chosen}
                ORDER BY CASE WHEN k.due_at < %s THEN 0 WHEN k.due_at <= %s THEN 1 ELSE 2 END, k.due_at, j.id
                LIMIT {limit}""",
            [*params, *chosen_params, now, end_of_day],
        )
        contacts = sorted({row[1] for row in items})
        checks: dict[int, list[str]] = {}
        if contacts:
            marks = ", ".join(["%s"] * len(contacts))
            for contact_id, _check, agency in self.rows(
                f"""SELECT pc.contact_id, pc.id, a.name FROM contacts_partnercheck pc
                    JOIN organisations_partneragency a ON a.id = pc.agency_id
                    WHERE pc.responded_at IS NULL AND pc.contact_id IN ({marks})
                    ORDER BY pc.requested_at, pc.id""",
                contacts,
            ):
                checks.setdefault(contact_id, []).append(agency)
        counts = dict(zip(OPEN, by_stage, strict=True))
        if log:
            self.access_log([row[2] for row in items], "oversight.board")
        return {
            "items": [row[0] for row in items],
            "checks": {row[0]: checks.get(row[1], []) for row in items},
            "counts": counts,
            "total": total,
            "breached": breached,
            "due_today": due_today,
        }

    def board_version(self) -> str:
        from frontdoor.oversight.selectors import QUIET_REFRESH_SECONDS

        latest = self.rows(
            "SELECT max(id) FROM audit_auditevent WHERE authority_id = %s", [self.authority_id]
        )
        return f"{latest[0][0] or 0}-{int(self.now.timestamp()) // QUIET_REFRESH_SECONDS}"

    def protection(self) -> dict[str, Any]:
        """The strategy discussion / section 47 stage: open episodes with a running strategy clock, an
        open enquiry, or an ICPC clock still running; due times as the selector's (an open
        enquiry's ICPC due time from the clock engine), earliest first; holders and the access log."""
        from frontdoor.clocks import rules as clock_rules
        from frontdoor.clocks.services import calendar_for, convention_for, standard_for
        from frontdoor.organisations.models import Authority
        from frontdoor.oversight.selectors.filters import BoardFilters

        rows = self.rows(
            """WITH strategy AS (
                   SELECT subject_id AS referral_id, min(due_at) AS due_at, min(started_at) AS started_at
                   FROM clocks_clock
                   WHERE authority_id = %s AND standard = 'strategy_discussion'
                     AND subject_type = 'referrals.referral' AND completed_at IS NULL
                   GROUP BY subject_id),
               enquiry AS (
                   SELECT e.referral_id, ic.due_at AS icpc_due, d.held_at, dc.started_at AS entered
                   FROM child_protection_section47 e
                   JOIN child_protection_strategydiscussion d ON d.id = e.discussion_id
                   JOIN clocks_clock dc ON dc.id = d.clock_id
                   LEFT JOIN clocks_clock ic ON ic.id = e.icpc_clock_id
                   WHERE e.authority_id = %s
                     AND (e.end_date IS NULL OR (ic.id IS NOT NULL AND ic.completed_at IS NULL)))
               SELECT r.id, r.person_id, s.due_at, q.icpc_due, q.held_at
               FROM referrals_referral r
               LEFT JOIN strategy s ON s.referral_id = r.id
               LEFT JOIN enquiry q ON q.referral_id = r.id
               WHERE r.authority_id = %s AND r.closure_date IS NULL
                 AND (s.referral_id IS NOT NULL OR q.referral_id IS NOT NULL)""",
            [self.authority_id] * 3,
        )
        authority = Authority.objects.get(pk=self.authority_id)
        standard, calendar = standard_for(authority, "icpc"), calendar_for(authority)
        convention = convention_for(authority)
        due: dict[int, Any] = {}
        for referral_id, _person, strategy_due, icpc_due, held_at in rows:
            if strategy_due is None and icpc_due is None:
                icpc_due = clock_rules.due(standard, _aware(held_at), calendar, convention=convention)
            due[referral_id] = _aware(strategy_due or icpc_due)
        shown = sorted(due, key=lambda pk: (due[pk], pk))[: BoardFilters().limit]
        if shown:
            marks = ", ".join(["%s"] * len(shown))
            self.rows(
                f"""SELECT a.referral_id, u.first_name, u.last_name, t.name FROM referrals_allocation a
                    JOIN organisations_user u ON u.id = a.worker_id
                    JOIN organisations_team t ON t.id = a.team_id
                    WHERE a.ended_at IS NULL AND a.referral_id IN ({marks})""",
                shown,
            )
        people = {row[0]: row[1] for row in rows}
        self.access_log([people[pk] for pk in shown], "oversight.board")
        return {"items": shown, "count": len(due), "breached": sum(d < self.now for d in due.values())}

    def daily_review(self) -> list[tuple[int, Any]]:
        seen, seen_params = self.visible("j.person_id")
        rows = self.rows(
            f"""SELECT j.id, j.contact_id, j.person_id, j.stage, j.rag, c.reference, c.received_at,
                       p.first_name, p.last_name, p.expected_date_of_birth,
                       (SELECT max(r.reviewed_at) FROM contacts_dailyreview r WHERE r.contact_child_id = j.id)
                FROM contacts_contactchild j
                JOIN contacts_contact c ON c.id = j.contact_id
                JOIN people_person p ON p.id = j.person_id
                WHERE j.authority_id = %s AND j.stage IN ({self.open_in}) AND c.received_at <= %s
                  AND {seen}
                ORDER BY c.received_at, j.id""",
            [self.authority_id, self.now - timedelta(hours=24), *seen_params],
        )
        self.access_log([row[2] for row in rows], "contacts.daily_review")
        return [(row[0], _aware(row[10])) for row in rows]

    def caseloads(self) -> list[tuple]:
        """Front-door contacts per owner plus open episodes per allocated worker, with breaches."""
        front_door = self.rows(
            f"""SELECT j.owner_id, u.first_name, u.last_name, t.name, count(*),
                       coalesce(sum(CASE WHEN k.due_at < %s THEN 1 ELSE 0 END), 0)
                FROM contacts_contactchild j
                LEFT JOIN organisations_user u ON u.id = j.owner_id
                LEFT JOIN organisations_team t ON t.id = u.team_id
                LEFT JOIN clocks_clock k ON k.id = j.decision_clock_id
                WHERE j.authority_id = %s AND j.stage IN ({self.open_in})
                GROUP BY j.owner_id, u.first_name, u.last_name, t.name""",
            [self.now, self.authority_id],
        )
        held = self.rows(
            """SELECT a.worker_id, u.first_name, u.last_name, t.name, count(*),
                      coalesce(sum(CASE WHEN (s.completed_at IS NULL AND s.due_at < %s)
                                          OR (k.completed_at IS NULL AND k.due_at < %s) THEN 1 ELSE 0 END), 0)
               FROM referrals_allocation a
               JOIN referrals_referral r ON r.id = a.referral_id
               JOIN organisations_user u ON u.id = a.worker_id
               JOIN organisations_team t ON t.id = a.team_id
               LEFT JOIN clocks_clock s ON s.id = r.child_seen_clock_id
               LEFT JOIN clocks_clock k ON k.id = r.assessment_clock_id
               WHERE r.authority_id = %s AND a.ended_at IS NULL AND r.closure_date IS NULL
               GROUP BY a.worker_id, u.first_name, u.last_name, t.name""",
            [self.now, self.now, self.authority_id],
        )
        loads: dict[Any, list] = {}
        for owner, first, last, team, n, breached in [*front_door, *held]:
            name = f"{first} {last}" if owner else "Not allocated"
            load = loads.setdefault(owner, [name, team or "", 0, 0])
            load[2] += n
            load[3] += breached
        return sorted((tuple(v) for v in loads.values()), key=lambda c: (-c[2], c[0]))

    # -- the dashboard ---------------------------------------------------------------------------------

    def month(self, column: str) -> str:
        if self.pg:
            return f"to_char({column} AT TIME ZONE 'Europe/London', 'YYYY-MM')"
        # SQLite has no time zones: Django's own SQL function for them (registered on every connection).
        return f"substr(django_datetime_trunc('month', {column}, 'Europe/London', 'UTC'), 1, 7)"

    def figure(self, slug: str, starts: datetime, ends: datetime) -> dict[str | None, dict[str, Any]]:
        """{month or None (the total): {column: count}} for one figure, from one grouped query."""
        if slug in EPISODE_FIGURES:
            return self.episode_figure(slug, starts, ends)
        if slug in MISSING_FIGURES:
            return self.missing_figure(slug, starts, ends)
        month = self.month("c.received_at")
        base = "j.authority_id = %s AND c.received_at >= %s AND c.received_at < %s"
        params: list[Any] = [self.authority_id, starts, ends]
        joins = "JOIN contacts_contact c ON c.id = j.contact_id"
        referral = ", ".join(f"'{o}'" for o in REFERRAL)
        if slug == "contacts":
            joins += " LEFT JOIN contacts_decision d ON d.contact_child_id = j.id"
            columns = {
                "children": "count(*)",
                "contacts": "count(DISTINCT j.contact_id)",
                "referrals": f"sum(CASE WHEN d.outcome IN ({referral}) THEN 1 ELSE 0 END)",
                "undecided": "sum(CASE WHEN d.id IS NULL THEN 1 ELSE 0 END)",
            }
        elif slug in ("decisions-24h", "decisions-1wd"):
            clock = "decision_clock_id" if slug == "decisions-24h" else "statutory_clock_id"
            joins += f" JOIN clocks_clock k ON k.id = j.{clock}"
            columns = {
                "children": "count(*)",
                "decided": "sum(CASE WHEN k.completed_at IS NOT NULL THEN 1 ELSE 0 END)",
                "met": "sum(CASE WHEN k.completed_at <= k.due_at THEN 1 ELSE 0 END)",
                "missed": "sum(CASE WHEN k.completed_at > k.due_at THEN 1 ELSE 0 END)",
                "overdue": "sum(CASE WHEN k.completed_at IS NULL AND k.due_at < %s THEN 1 ELSE 0 END)",
            }
        elif slug == "repeat-contacts":
            empty = "j.repeat_reasons <> '[]'::jsonb" if self.pg else "json(j.repeat_reasons) <> '[]'"
            columns = {"children": "count(*)", "flagged": f"sum(CASE WHEN {empty} THEN 1 ELSE 0 END)"}
        elif slug == "police-delay":
            base += " AND c.incident_at IS NOT NULL"
            within = (
                "c.received_at <= c.incident_at + interval '24 hours'"
                if self.pg
                else "julianday(c.received_at) <= julianday(c.incident_at) + 1.0"
            )
            columns = {
                "children": "count(*)",
                "notifications": "count(DISTINCT j.contact_id)",
                "within": f"sum(CASE WHEN {within} THEN 1 ELSE 0 END)",
                "over": f"sum(CASE WHEN NOT ({within}) THEN 1 ELSE 0 END)",
            }
        elif slug == "sources":
            columns = {"children": "count(*)", "source": "c.source"}
        else:
            raise KeyError(slug)
        if slug == "sources":
            found: dict[str | None, dict[str, Any]] = {}
            for key, source, n in self.rows(
                f"""SELECT {month}, c.source, count(*) FROM contacts_contactchild j {joins}
                    WHERE {base} GROUP BY {month}, c.source""",
                params,
            ):
                for bucket in (key, None):
                    counts = found.setdefault(bucket, {"children": 0})
                    counts["children"] += n
                    counts[source] = counts.get(source, 0) + n
            return found
        names = list(columns)
        select = ", ".join(columns.values())
        extra = [self.now] if "overdue" in columns else []
        found = {}
        for grouping, key_sql in ((None, "NULL"), ("month", month)):
            group = f" GROUP BY {month}" if grouping else ""
            for row in self.rows(
                f"SELECT {key_sql}, {select} FROM contacts_contactchild j {joins} WHERE {base}{group}",
                [*extra, *params],
            ):
                found[row[0] if grouping else None] = dict(
                    zip(names, (int(v or 0) for v in row[1:]), strict=True)
                )
        if slug == "police-delay":  # the delays for the percentiles, listed as the selector lists them
            hours = (
                "extract(epoch FROM c.received_at - c.incident_at) / 3600"
                if self.pg
                else "(julianday(c.received_at) - julianday(c.incident_at)) * 24"
            )
            delays = self.rows(
                f"SELECT {month}, {hours} FROM contacts_contactchild j {joins} WHERE {base}", params
            )
            found[None]["delays"] = len(delays)
        return found

    def _year_before(self, column: str) -> str:
        """The same date twelve months earlier, 29 February going to 28 February (as dateutil)."""
        if self.pg:
            return f"({column} - interval '12 months')::date"
        return (
            f"CASE WHEN strftime('%m-%d', {column}) = '02-29' THEN date({column}, '-12 months', '-1 day') "
            f"ELSE date({column}, '-12 months') END"
        )

    def episode_figure(self, slug: str, starts: datetime, ends: datetime) -> dict[str | None, dict[str, Any]]:
        """The figures about children-in-need episodes: children seen, assessment duration and
        re-referrals, by month of the referral's receipt (an assessment: of its completion, or of
        its due time while it is still open past it)."""
        counted, table = "r.received_at", "referrals_referral"
        joins, where, params = "", "", [self.authority_id]
        columns: dict[str, str] = {"children": "count(*)"}
        if slug in ("seen-1wd", "seen-5wd"):
            standard = "child_seen_urgent" if slug == "seen-1wd" else "child_seen"
            joins = "JOIN clocks_clock k ON k.id = r.child_seen_clock_id"
            where = f" AND k.standard = '{standard}'"
            columns |= {
                "seen": "sum(CASE WHEN k.completed_at IS NOT NULL THEN 1 ELSE 0 END)",
                "within": "sum(CASE WHEN k.completed_at <= k.due_at THEN 1 ELSE 0 END)",
                "later": "sum(CASE WHEN k.completed_at > k.due_at THEN 1 ELSE 0 END)",
                "overdue": "sum(CASE WHEN k.completed_at IS NULL AND k.due_at < %s THEN 1 ELSE 0 END)",
            }
        elif slug == "assessment-duration":
            counted = "COALESCE(k.completed_at, k.due_at)"
            joins = "JOIN clocks_clock k ON k.id = r.assessment_clock_id"
            where = " AND (k.completed_at IS NOT NULL OR k.due_at < %s)"
            done = "k.completed_at IS NOT NULL"
            days = "k.working_days_taken"
            columns |= {
                "completed": f"sum(CASE WHEN {done} THEN 1 ELSE 0 END)",
                "within": f"sum(CASE WHEN {done} AND {days} <= 45 THEN 1 ELSE 0 END)",
                "over": f"sum(CASE WHEN {done} AND {days} > 45 THEN 1 ELSE 0 END)",
                "open_over": "sum(CASE WHEN k.completed_at IS NULL THEN 1 ELSE 0 END)",
                "band_0_5": f"sum(CASE WHEN {done} AND {days} <= 5 THEN 1 ELSE 0 END)",
                **{
                    f"band_{low}_{low + 4}": (
                        f"sum(CASE WHEN {done} AND {days} BETWEEN {low} AND {low + 4} THEN 1 ELSE 0 END)"
                    )
                    for low in range(6, 90, 5)
                },
                "band_over_90": f"sum(CASE WHEN {done} AND {days} > 90 THEN 1 ELSE 0 END)",
            }
        elif slug == "icpc-15wd":
            counted, table = "d.held_at", "child_protection_section47"
            joins = (
                "JOIN child_protection_strategydiscussion d ON d.id = r.discussion_id "
                "JOIN clocks_clock k ON k.id = r.icpc_clock_id"
            )
            columns |= {
                "held": "sum(CASE WHEN k.completed_at IS NOT NULL THEN 1 ELSE 0 END)",
                "within": "sum(CASE WHEN k.completed_at <= k.due_at THEN 1 ELSE 0 END)",
                "later": "sum(CASE WHEN k.completed_at > k.due_at THEN 1 ELSE 0 END)",
                "overdue": "sum(CASE WHEN k.completed_at IS NULL AND k.due_at < %s THEN 1 ELSE 0 END)",
            }
        elif slug == "strategy-attendance":
            counted, table = "r.held_at", "child_protection_strategydiscussion"

            def present(agency: str) -> str:
                return (
                    "EXISTS (SELECT 1 FROM child_protection_participant p WHERE p.discussion_id = r.id "
                    f"AND p.agency = '{agency}' AND p.attended)"
                )

            three = " AND ".join(present(a) for a in ("police", "health", "education"))
            columns |= {
                a: f"sum(CASE WHEN {present(a)} THEN 1 ELSE 0 END)" for a in ("police", "health", "education")
            }
            columns |= {
                "all_three": f"sum(CASE WHEN {three} THEN 1 ELSE 0 END)",
                "missing": f"sum(CASE WHEN NOT ({three}) THEN 1 ELSE 0 END)",
            }
        else:  # re-referrals
            since = self._year_before("r.referral_date")
            earlier = (
                "EXISTS (SELECT 1 FROM referrals_referral e WHERE e.person_id = r.person_id "
                "AND e.received_at < r.received_at "
                f"AND e.referral_date >= {since})"
            )
            columns["rereferrals"] = f"sum(CASE WHEN {earlier} THEN 1 ELSE 0 END)"
        month = self.month(counted)
        base = f"r.authority_id = %s AND {counted} >= %s AND {counted} < %s{where}"
        params += [starts, ends] + ([self.now] if "%s" in where else [])
        select = ", ".join(columns.values())
        extra = [self.now] if "overdue" in columns else []
        names = list(columns)
        found: dict[str | None, dict[str, Any]] = {}
        for grouping, key_sql in ((None, "NULL"), ("month", month)):
            group = f" GROUP BY {month}" if grouping else ""
            for row in self.rows(
                f"SELECT {key_sql}, {select} FROM {table} r {joins} WHERE {base}{group}",
                [*extra, *params],
            ):
                found[row[0] if grouping else None] = dict(
                    zip(names, (int(v or 0) for v in row[1:]), strict=True)
                )
        if slug == "assessment-duration":  # the working days for the median, listed as the selector does
            listed = self.rows(
                f"SELECT {month}, k.working_days_taken FROM referrals_referral r {joins} "
                f"WHERE {base} AND k.completed_at IS NOT NULL",
                params,
            )
            found.setdefault(None, {})["delays"] = len(listed)
        return found

    def missing_figure(self, slug: str, starts: datetime, ends: datetime) -> dict[str | None, dict[str, Any]]:
        """The missing children figures, one row per missing episode of the authority.

        return-interviews: episodes whose child returned in the period, by the month (UK time) of
        the return, with their interview: offered, offered at or before the due time of the
        episode's 72-hour clock, by an independent person, accepted, completed, or not offered.
        missing-repeat: episodes that started in the period, by the month (UK time) they started,
        the children, and the children (and their episodes) with another episode of their own
        starting in the same UK month, wherever it is (inside the period or not). As in the
        selector (performance.selectors.figure_data), every episode of the authority counts: the
        figures are not narrowed to the actor's record scope (only drill-downs are).
        """
        if slug == "return-interviews":
            month = self.month("e.returned_at")
            source = f"""SELECT {month} AS counted_month, i.id AS interview, i.offered_at, k.due_at,
                                i.offered_by_independent, i.accepted, i.completed_at
                         FROM missing_missingepisode e
                         LEFT JOIN missing_returninterview i ON i.episode_id = e.id
                         LEFT JOIN clocks_clock k ON k.id = e.interview_clock_id
                         WHERE e.authority_id = %s AND e.returned_at >= %s AND e.returned_at < %s"""
            columns = {
                "children": "count(*)",
                "offered": "sum(CASE WHEN interview IS NOT NULL THEN 1 ELSE 0 END)",
                "offered_72h": "sum(CASE WHEN offered_at <= due_at THEN 1 ELSE 0 END)",
                "independent": "sum(CASE WHEN offered_by_independent THEN 1 ELSE 0 END)",
                "accepted": "sum(CASE WHEN accepted THEN 1 ELSE 0 END)",
                "completed": "sum(CASE WHEN completed_at IS NOT NULL THEN 1 ELSE 0 END)",
                "not_offered": "sum(CASE WHEN interview IS NULL THEN 1 ELSE 0 END)",
            }
        elif slug == "missing-repeat":
            month = self.month("e.went_missing_at")
            again = (
                "EXISTS (SELECT 1 FROM missing_missingepisode o WHERE o.person_id = e.person_id "
                f"AND o.id <> e.id AND {self.month('o.went_missing_at')} = {month})"
            )
            source = f"""SELECT {month} AS counted_month, e.person_id,
                                CASE WHEN {again} THEN 1 ELSE 0 END AS repeated
                         FROM missing_missingepisode e
                         WHERE e.authority_id = %s AND e.went_missing_at >= %s AND e.went_missing_at < %s"""
            columns = {
                "children": "count(*)",
                "missing_children": "count(DISTINCT person_id)",
                "repeat_children": "count(DISTINCT CASE WHEN repeated = 1 THEN person_id END)",
                "repeat": "sum(repeated)",
            }
        else:
            raise KeyError(slug)
        params = [self.authority_id, starts, ends]
        select, names = ", ".join(columns.values()), list(columns)
        found: dict[str | None, dict[str, Any]] = {}
        for grouping, key_sql in ((None, "NULL"), ("month", "counted_month")):
            group = " GROUP BY counted_month" if grouping else ""
            for row in self.rows(f"SELECT {key_sql}, {select} FROM ({source}) episodes{group}", params):
                found[row[0] if grouping else None] = dict(
                    zip(names, (int(v or 0) for v in row[1:]), strict=True)
                )
        return found


def _aware(value: Any) -> Any:
    """SQLite returns text for datetimes in raw SQL; make them aware datetimes like the ORM's."""
    from django.utils.dateparse import parse_datetime

    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is not None and parsed.tzinfo is None:
            from datetime import UTC

            parsed = parsed.replace(tzinfo=UTC)
        return parsed
    return value


def _authority_and_actor(code: str) -> tuple[Any, Any, datetime]:
    from frontdoor.audit.models import AuditEvent
    from frontdoor.organisations.models import Authority, Role, User

    authority = Authority.objects.filter(la_code=code).first()
    if authority is None:
        raise SystemExit(f"No authority {code} in this database: seed it first")
    actor = (
        User.objects.filter(authority=authority, role=Role.TEAM_MANAGER, team__is_front_door=True)
        .order_by("pk")
        .first()
    )
    loaded = AuditEvent.objects.filter(authority=authority, action="synthetic.loaded").order_by("-pk").first()
    now = datetime.fromisoformat(loaded.changes["end"]) if loaded else datetime.now().astimezone()
    return authority, actor, now


def timings(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    from frontdoor.audit.models import AccessEvent
    from frontdoor.contacts import selectors as contact_selectors
    from frontdoor.contacts.models import ContactChild
    from frontdoor.oversight import selectors as board_selectors
    from frontdoor.oversight.selectors import BoardFilters

    authority, actor, now = _authority_and_actor(args.authority)
    raw = Raw(authority.pk, actor.pk, now, actor.team_id)
    first_access = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def board_answer(board: Any) -> dict[str, Any]:
        return {
            "items": [i.pk for i in board.items],
            "checks": {i.pk: list(i.waiting_for) for i in board.items},
            "counts": dict(board.counts),
            "total": board.total,
            "breached": board.breached,
            "due_today": board.due_today,
        }

    def compare_board(got: Any, expected: dict[str, Any]) -> str:
        answer = board_answer(got)
        return next((_differ(k, answer[k], expected[k]) for k in expected if answer[k] != expected[k]), "")

    def board_without_log(filters: BoardFilters) -> Any:
        saved = board_selectors.access_log
        board_selectors.access_log = lambda **kw: 0  # type: ignore[assignment]
        try:
            return board_selectors.board_for(actor=actor, filters=filters, now=now)
        finally:
            board_selectors.access_log = saved

    stage = "awaiting_decision"
    cases = [
        Case(
            "board",
            lambda: board_selectors.board_for(actor=actor, filters=BoardFilters(), now=now),
            lambda: raw.board(),
            compare_board,
        ),
        Case(
            "board, stage filter",
            lambda: board_selectors.board_for(actor=actor, filters=BoardFilters(stage=stage), now=now),
            lambda: raw.board(stage=stage),
            compare_board,
        ),
        Case(
            "board, no access log",
            lambda: board_without_log(BoardFilters()),
            lambda: raw.board(log=False),
            compare_board,
        ),
        Case(
            "board: strategy discussion / s47",
            lambda: board_selectors.protection_for(actor=actor, filters=BoardFilters(), now=now),
            raw.protection,
            lambda got, expected: _differ(
                "stage",
                {"items": [i.pk for i in got.items], "count": got.count, "breached": got.breached},
                expected,
            ),
        ),
        Case(
            "board poll (board_version)",
            lambda: board_selectors.board_version(actor=actor, now=now),
            raw.board_version,
            lambda got, expected: _differ("version", got, expected),
        ),
        Case(
            "daily review list",
            lambda: contact_selectors.daily_review_list(actor=actor, now=now),
            raw.daily_review,
            lambda got, expected: _differ("rows", [(r.pk, r.last_review_at) for r in got], expected),
        ),
        Case(
            "caseloads",
            lambda: board_selectors.caseloads(actor=actor, now=now),
            raw.caseloads,
            lambda got, expected: (
                _differ(
                    "caseloads",
                    sorted((c.worker, c.team, c.open, c.breached) for c in got),
                    sorted(expected),
                )
                or _differ("order", [c.open for c in got], [e[2] for e in expected])
            ),
        ),
    ]
    cases += dashboard_cases(actor, now, raw)
    rows = []
    for case in cases:
        print(f"  {case.name}...", file=sys.stderr, flush=True)
        rows.append(asdict(_measure(case, args.repeats, args.warmups)))
    # The access events the bench wrote stay: audit rows cannot be deleted (ADR 0006), and the
    # default county is a throwaway copy of the cached seed.
    written = AccessEvent.objects.filter(pk__gt=first_access, actor=actor).count()
    settings_db = connection.settings_dict
    open_now = ContactChild.objects.filter(authority=authority, stage__in=OPEN).count()
    return {
        "database": settings_db["NAME"],
        "vendor": connection.vendor,
        "authority": str(authority),
        "open": open_now,
        "journeys": ContactChild.objects.filter(authority=authority).count(),
        "all_journeys": ContactChild.objects.count(),
        "now": now.isoformat(),
        "access_events": written,
        "rows": rows,
    }


EPISODE_FIGURES = (
    "seen-1wd",
    "seen-5wd",
    "assessment-duration",
    "re-referrals",
    "icpc-15wd",
    "strategy-attendance",
)

MISSING_FIGURES = ("return-interviews", "missing-repeat")


def dashboard_cases(actor: Any, now: datetime, raw: Raw) -> list[Case]:
    """One case per performance-dashboard figure, broken down by month (the dashboard's default)."""
    try:
        from frontdoor.performance import selectors as perf
        from frontdoor.performance.metrics import FIGURES
        from frontdoor.performance.rules import LONDON, default_period
    except ImportError as error:  # the dashboard is not there yet
        print(f"  (no dashboard figures: {error})", file=sys.stderr)
        return []
    today = now.astimezone(LONDON).date()
    period = default_period(today)
    scope = perf.scope_for(actor=actor, period=period, team=None, now=now)
    cases = []
    for slug, figure in FIGURES.items():

        def selector(figure: Any = figure) -> Any:
            return perf.figure_data(figure=figure, scope=scope, breakdown="month")

        def plain(slug: str = slug) -> Any:
            return raw.figure(slug, period.starts_at, period.ends_before)

        def compare(got: Any, expected: dict[str | None, dict[str, Any]], slug: str = slug) -> str:
            rows = {row.key: row.values for row in got.rows} | {None: got.total.values}
            for key, values in rows.items():
                want = expected.get(key, {})
                for column, value in want.items():
                    if column == "delays":
                        continue
                    have = values.get(column, 0) or 0
                    if have != value:
                        return f"{slug} {key or 'total'} {column}: selector {have} != raw {value}"
                if not want and values.get("children"):
                    return f"{slug} {key}: selector has {values['children']} children, raw none"
            return ""

        cases.append(Case(f"dashboard: {slug}", selector, plain, compare))
    return cases


# == Boards open at once =============================================================================


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Poll:
    client: int
    sent: float
    received: float
    status: int
    total: int | None = None
    version: str = ""


VERSION = re.compile(r'data-version="([^"]+)"')
TOTAL = re.compile(r'data-testid="summary">\s*([\d,]+) open')


def boards(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Q
    from django.test import Client

    from frontdoor.contacts.models import ContactChild
    from frontdoor.organisations.models import Role, User

    authority, _actor, _now = _authority_and_actor(args.authority)
    # Viewers whose board shows every new front-door contact: senior leaders (the authority) and the
    # front door's own managers. A manager of another team sees only their team's children (record
    # scope, ADR 0007), so the writer's contacts would never reach their board.
    viewers = list(
        User.objects.filter(authority=authority)
        .filter(Q(role=Role.SENIOR_LEADER) | Q(role=Role.TEAM_MANAGER, team__is_front_door=True))
        .order_by("pk")
    )
    cookies = []
    for n in range(args.boards):
        client = Client()
        client.force_login(viewers[n % len(viewers)])
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    connection.close()  # the server and the writer open their own

    port, workers, threads = _free_port(), 2, max(4, args.boards // 2)
    app = "bench.board:shared_render_application()" if args.shared_render else "frontdoor.wsgi:application"
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--threads", str(threads), "--timeout", "60",
            "--log-level", "warning",
        ],
        env=os.environ.copy(),
        stdout=sys.stderr,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/health/", timeout=30)
        return {
            "database": connection.settings_dict["NAME"],
            "vendor": connection.vendor,
            "boards": _run_boards(args, base, cookies, authority, workers, threads, ContactChild),
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s")


SHARED: list[int] = []  # responses served from a shared render (--shared-render)


def _get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "HX-Request": "true"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback only
            if response.headers.get("X-Bench-Shared"):
                SHARED.append(1)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError):
        return 0, ""


def _run_boards(
    args: argparse.Namespace, base: str, cookies: list[str], authority: Any, workers: int, threads: int,
    journeys: Any,
) -> dict[str, Any]:  # fmt: skip
    polls: list[Poll] = []
    lock = threading.Lock()
    status, body = _get(f"{base}/board/", cookies[0])
    found = TOTAL.search(body)
    if status != 200 or not found:
        raise SystemExit(f"Could not open the board as a signed-in client (HTTP {status})")
    base_total = int(found.group(1).replace(",", ""))
    writes: list[tuple[float, int, int]] = []  # (committed at, board total it makes, latest audit pk)
    # Every client opens its board first; then polling starts together, and writing 2 s later (so the
    # first write does not land in the burst of boards opening).
    opened, started = threading.Barrier(len(cookies) + 1), threading.Event()
    clock: dict[str, float] = {}

    def client(n: int) -> None:
        cookie = cookies[n]
        status, body = _get(f"{base}/board/live/", cookie)  # no v: the full board, and its version
        found = VERSION.search(body)
        version = found.group(1) if found else ""
        opened.wait()
        started.wait()
        begin, stop_polling = clock["begin"], clock["stop_polling"]
        tick = begin + n / len(cookies)  # spread the clients over each second
        while tick < stop_polling:
            time.sleep(max(0.0, tick - time.monotonic()))
            sent = time.monotonic()
            status, body = _get(f"{base}/board/live/?v={version}", cookie)
            poll = Poll(n, sent, time.monotonic(), status)
            if status == 200:
                v, t = VERSION.search(body), TOTAL.search(body)
                poll.version = v.group(1) if v else ""
                poll.total = int(t.group(1).replace(",", "")) if t else None
                version = poll.version or version
            with lock:
                polls.append(poll)
            # Like htmx's "every 1s" with a request in flight: a tick missed while waiting is
            # skipped, not made up in a burst.
            tick += 1.0
            while tick < time.monotonic():
                tick += 1.0

    def writer() -> None:
        import random

        from django.db import connection
        from django.db.models import Max
        from django.utils import timezone

        from frontdoor.audit.models import AuditEvent
        from frontdoor.contacts.services import contact_record
        from frontdoor.organisations.models import Role, User
        from frontdoor.people.models import Person

        officer = User.objects.filter(authority=authority, role=Role.CONTACT_OFFICER).order_by("pk").first()
        children = list(
            Person.objects.filter(authority=authority, is_child=True, date_of_birth__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:2000]
        )
        rng = random.Random(4)
        total = base_total
        gap = 1.0 / args.write_rate
        started.wait()
        moment, stop_writing = clock["begin"] + 2.0, clock["stop_writing"]
        try:
            while moment < stop_writing:
                time.sleep(max(0.0, moment - time.monotonic()))
                child = Person.objects.get(pk=rng.choice(children))
                contact_record(
                    actor=officer, children=[child], received_at=timezone.now(), channel="email",
                    source="8", concerns="Benchmark: a worry about a child (synthetic).",
                    concern_categories=["neglect"], consent="obtained", referrer_name="Bench writer",
                )  # fmt: skip
                committed = time.monotonic()
                total += 1
                latest = AuditEvent.objects.filter(authority=authority).aggregate(m=Max("pk"))["m"]
                writes.append((committed, total, latest))
                moment += gap
        finally:
            connection.close()

    threads_ = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(len(cookies))]
    threads_.append(threading.Thread(target=writer, daemon=True))
    for t in threads_:
        t.start()
    opened.wait(timeout=120)
    clock["begin"] = time.monotonic() + 1.0
    clock["stop_writing"] = clock["begin"] + 2.0 + args.seconds
    clock["stop_polling"] = stop_polling = clock["stop_writing"] + 3.0  # time for the last writes to show
    started.set()
    for t in threads_:
        t.join(timeout=args.seconds + 60)

    # The delay for each write and client: from its commit to the first response the client got
    # showing a board that includes it (a total at least as large: the writer only adds open work).
    delays: list[float] = []
    checked = seen = 0
    by_client: dict[int, list[Poll]] = {}
    for poll in sorted(polls, key=lambda p: p.received):
        by_client.setdefault(poll.client, []).append(poll)
    for committed, total, _latest in writes:
        if committed > stop_polling - 2.5:
            continue  # too near the end to judge
        checked += 1
        every = True
        for n in range(len(cookies)):
            first = next(
                (
                    p.received
                    for p in by_client.get(n, [])
                    if p.received > committed and p.total is not None and p.total >= total
                ),
                None,
            )
            if first is None:
                every = False
                delays.append(stop_polling - committed)  # never shown: counts as the whole remaining time
            else:
                delays.append(first - committed)
        seen += every
    # A response is stale when its version already counts writes its board does not show.
    stale = 0
    for poll in polls:
        if poll.status != 200 or poll.total is None or not poll.version:
            continue
        latest = int(poll.version.split("-")[0])
        promised = max((total for _c, total, pk in writes if pk <= latest), default=base_total)
        stale += poll.total < promised
    latencies = [p.received - p.sent for p in polls if p.status]
    return {
        "clients": len(cookies),
        "workers": workers,
        "threads": threads,
        "seconds": args.seconds,
        "write_rate": args.write_rate,
        "requests": len(polls),
        "no_change": sum(p.status == 204 for p in polls),
        "changed": sum(p.status == 200 for p in polls),
        "server_errors": sum(p.status >= 500 for p in polls),
        "client_errors": sum(p.status == 0 or 400 <= p.status < 500 for p in polls),
        "writes": len(writes),
        "writes_checked": checked,
        "writes_seen": seen,
        "stale": stale,
        "delay_p50": statistics.median(delays) if delays else 0.0,
        "delay_p95": _quantile(delays, 0.95) if delays else 0.0,
        "delay_max": max(delays) if delays else 0.0,
        "latency_p50": statistics.median(latencies) if latencies else 0.0,
        "latency_p95": _quantile(latencies, 0.95) if latencies else 0.0,
        "latency_204_p95": _quantile([p.received - p.sent for p in polls if p.status == 204] or [0.0], 0.95),
        "latency_200_p95": _quantile([p.received - p.sent for p in polls if p.status == 200] or [0.0], 0.95),
        "open_at_end": journeys.objects.filter(authority=authority, stage__in=OPEN).count(),
        "shared_render": bool(args.shared_render),
        "shared_hits": len(SHARED),
    }


def shared_render_application() -> Any:
    """The app with the board's poll sharing renders (--shared-render, an experiment for the report).

    Every board with the same authority, version and filters shows the same HTML, so the first poll
    to see a new version renders it, polls arriving meanwhile wait for that render, and later ones
    reuse it (per server process); each still writes its own access events for the children shown.
    Patches the view in this server only.
    """
    from django.contrib.auth.decorators import login_required
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpResponse
    from django.shortcuts import render

    application = get_wsgi_application()
    from frontdoor.audit.services import access_log
    from frontdoor.organisations.permissions import require
    from frontdoor.oversight import selectors, views

    rendered: dict[tuple, tuple[bytes, list[int]]] = {}
    renders: dict[tuple, threading.Event] = {}  # renders under way, so a version is rendered once
    lock = threading.Lock()

    @login_required
    def board_live(request: Any) -> HttpResponse:
        require(request.user, "child.view")
        version = selectors.board_version(actor=request.user)
        if request.GET.get("v") == version:
            return HttpResponse(status=204)
        query = request.GET.copy()
        query.pop("v", None)
        key = (request.user.authority_id, version, query.urlencode())
        with lock:
            found = rendered.get(key)
            waiting = None if found else renders.get(key)
            mine = found is None and waiting is None
            if mine:
                renders[key] = threading.Event()
        if waiting is not None:  # another viewer is rendering this version: wait for it
            waiting.wait(timeout=10)
            with lock:
                found = rendered.get(key)
        if found is None:
            try:
                context = views._context(request)  # logs this viewer's access itself
                response = render(request, "oversight/_board.html", context)
                people = [i.person_id for i in context["board"].items]
                people += [r.person_id for r in context["after"].items]
                with lock:
                    if len(rendered) > 200:
                        rendered.clear()
                    rendered[key] = (response.content, people)
            finally:
                if mine:
                    with lock:
                        renders.pop(key).set()
            return response
        content, people = found
        access_log(actor=request.user, person_ids=people, purpose="oversight.board")
        return HttpResponse(content, headers={"X-Bench-Shared": "1"})

    views.board_live = board_live  # before the URLconf is first imported, on the first request
    return application


if __name__ == "__main__":
    sys.exit(main())
