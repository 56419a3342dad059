"""Benchmarks for the statutory clock engine (issue 3, "At scale").

    python bench/clocks.py [--n 1000000] [--skip-db]

1. Due dates: the time to compute N working-day due dates with the engine, against a plain baseline
   in the same run (numpy.busday_offset when numpy is installed, else a precomputed list of
   working days and bisect), printed as a ratio. Also the full `rules.due` on aware datetimes.
2. Breaches in the database: N Clock rows bulk-inserted into a throwaway SQLite database (settings
   frontdoor.settings.dev, FRONTDOOR_DATA_DIR in a temporary directory, migrated), then
   `selectors.breached_count` against a plain indexed raw-SQL COUNT, printed as a ratio.

Importable: `bench_due_dates(n)` and `bench_breach_count(n)` return the figures as dicts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

try:
    import frontdoor  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import holidays

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
FIRST, LAST = date(2020, 1, 1), date(2030, 12, 31)
LENGTHS = (1, 5, 10, 15, 45)
STANDARDS = ("icpc", "assessment", "cp_visit", "contact_decision_statutory", "child_seen")


def _best_of(repeats: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeats` runs (seconds) and the last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


# -- 1. due dates -----------------------------------------------------------------------------------


def _inputs(n: int, seed: int) -> tuple[list[date], list[int]]:
    rng = random.Random(seed)
    span = (date(2029, 12, 31) - FIRST).days
    first = FIRST.toordinal()
    starts = [date.fromordinal(first + rng.randrange(span)) for _ in range(n)]
    return starts, [rng.choice(LENGTHS) for _ in range(n)]


def _plain_baseline(starts: list[date], lengths: list[int]) -> Callable[[], list[date]]:
    """The k-th working day after d (k >= 1), written plainly: a sorted list of working-day
    ordinals and bisect. Same holidays, same meaning, none of the engine's code."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST.year, LAST.year + 1))
    working = [
        ordinal
        for ordinal in range(FIRST.toordinal(), LAST.toordinal() + 1)
        if date.fromordinal(ordinal).weekday() < 5 and date.fromordinal(ordinal) not in bank
    ]

    def run() -> list[date]:
        return [
            date.fromordinal(working[bisect_right(working, d.toordinal()) + k - 1])
            for d, k in zip(starts, lengths, strict=True)
        ]

    return run


def _numpy_baseline(starts: list[date], lengths: list[int]) -> Callable[[], list[date]] | None:
    try:
        import numpy as np
    except ImportError:
        return None
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST.year, LAST.year + 1))
    calendar = np.busdaycalendar(holidays=[d for d in bank if d.weekday() < 5])
    days = np.array(starts, dtype="datetime64[D]")
    counts = np.array(lengths)

    def run() -> list[date]:
        return np.busday_offset(days, counts, roll="backward", busdaycal=calendar).tolist()

    return run


def bench_due_dates(n: int, *, seed: int = 3, repeats: int = 3) -> dict[str, float | str]:
    starts, lengths = _inputs(n, seed)
    calendar = WorkingCalendar()
    calendar.add_working_days(FIRST, 0)  # build the tables before timing, as a process would
    calendar.add_working_days(LAST - timedelta(days=400), max(LENGTHS))
    numpy_run = _numpy_baseline(starts, lengths)
    baseline_name = "numpy.busday_offset" if numpy_run else "list + bisect"
    baseline_s, expected = _best_of(repeats, numpy_run or _plain_baseline(starts, lengths))

    def engine() -> list[date]:
        add = calendar.add_working_days
        return [add(d, k) for d, k in zip(starts, lengths, strict=True)]

    engine_s, got = _best_of(repeats, engine)
    if got != expected:
        raise AssertionError("The engine and the baseline disagree")

    icpc = rules.DEFAULT_STANDARDS["icpc"]
    standards = {k: rules.with_length(icpc, k) for k in LENGTHS}
    moments = [datetime(d.year, d.month, d.day, 10, tzinfo=LONDON) for d in starts]

    def full_rule() -> list[datetime]:
        due = rules.due
        return [due(standards[k], m, calendar) for m, k in zip(moments, lengths, strict=True)]

    due_s, _ = _best_of(1, full_rule)
    return {
        "n": n,
        "baseline": baseline_name,
        "baseline_s": baseline_s,
        "engine_s": engine_s,
        "engine_ratio": engine_s / baseline_s,
        "due_s": due_s,
        "due_ratio": due_s / baseline_s,
    }


# -- 2. breaches in the database -------------------------------------------------------------------


def setup_django(data_dir: str) -> None:
    """Dev settings on a throwaway SQLite database in `data_dir`, migrated."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings.dev"
    os.environ["FRONTDOOR_DATA_DIR"] = data_dir
    os.environ["DEBUG"] = "0"  # no query log while inserting a million rows
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _insert_clocks(n: int, now: datetime, seed: int) -> list[int]:
    """Bulk-insert n clocks (executemany, one transaction) for two authorities; returns their ids."""
    from django.db import connection, transaction

    from frontdoor.clocks.models import Clock
    from frontdoor.organisations.models import Authority

    authorities = [Authority.objects.create(la_code=code, name=f"Bench {code}").pk for code in ("901", "902")]
    rng = random.Random(seed)
    adapt = connection.ops.adapt_datetimefield_value
    columns = [
        "authority_id", "standard", "subject_type", "subject_id", "started_at", "due_at",
        "completed_at", "paused_at", "paused_seconds",
    ]  # fmt: skip
    rows = []
    for i in range(n):
        due_at = now + timedelta(minutes=rng.randrange(-90 * 24 * 60, 30 * 24 * 60))
        started_at = due_at - timedelta(days=21)
        done = rng.random() < 0.6
        paused = not done and rng.random() < 0.02
        rows.append((
            authorities[i % 2], STANDARDS[i % len(STANDARDS)], "contacts.contactchild", i,
            adapt(started_at), adapt(due_at), adapt(due_at - timedelta(hours=6)) if done else None,
            adapt(due_at - timedelta(days=rng.randrange(-3, 3))) if paused else None, 0,
        ))  # fmt: skip
    table = connection.ops.quote_name(Clock._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in range(0, n, 50_000):
            cursor.executemany(sql, rows[chunk : chunk + 50_000])
    return authorities


def _plan(sql: str, params: list[Any]) -> str:
    """The database's plan for a query, in one line (SQLite and PostgreSQL)."""
    from django.db import connection

    explain = {"sqlite": "EXPLAIN QUERY PLAN ", "postgresql": "EXPLAIN "}.get(connection.vendor)
    if explain is None:
        return "(plan not shown for this database)"
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return " / ".join(
            str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor.fetchall()
        )


def bench_breach_count(n: int, *, seed: int = 3, repeats: int = 7) -> dict[str, float | int | str]:
    from django.db import connection

    from frontdoor.clocks import selectors
    from frontdoor.clocks.models import Clock

    now = datetime(2026, 3, 24, 9, 0, tzinfo=UTC)
    started = time.perf_counter()
    authority_id = _insert_clocks(n, now, seed)[0]
    insert_s = time.perf_counter() - started
    table = connection.ops.quote_name(Clock._meta.db_table)
    raw = (
        f"SELECT COUNT(*) FROM {table} WHERE authority_id = %s AND standard = %s "
        "AND completed_at IS NULL AND due_at < %s"
    )

    def plain() -> int:
        with connection.cursor() as cursor:
            cursor.execute(raw, [authority_id, "icpc", connection.ops.adapt_datetimefield_value(now)])
            return cursor.fetchone()[0]

    def selector() -> int:
        return selectors.breached_count(authority_id=authority_id, standard="icpc", now=now)

    plain_s, plain_count = _best_of(repeats, plain)
    selector_s, selector_count = _best_of(repeats, selector)
    query = selectors.breached(authority_id=authority_id, standard="icpc", now=now).values("pk").query
    selector_sql, selector_params = query.sql_with_params()
    return {
        "n": n,
        "database": connection.vendor,
        "insert_s": insert_s,
        "plain_s": plain_s,
        "selector_s": selector_s,
        "ratio": selector_s / plain_s,
        "plain_count": plain_count,
        "selector_count": selector_count,
        "plain_plan": _plan(raw, [authority_id, "icpc", connection.ops.adapt_datetimefield_value(now)]),
        "selector_plan": _plan(f"SELECT COUNT(*) FROM ({selector_sql}) AS counted", list(selector_params)),
    }


# -- output -----------------------------------------------------------------------------------------


def _line(label: str, value: str, extra: str = "") -> None:
    print(f"  {label:<38}{value:>12}   {extra}".rstrip())


def _report_due(figures: dict[str, Any]) -> None:
    print(f"Due dates: {figures['n']:,} working-day due dates (lengths {LENGTHS}, starts 2020-2029)")
    _line(f"baseline, {figures['baseline']}", f"{figures['baseline_s']:.3f} s")
    _line("engine, add_working_days", f"{figures['engine_s']:.3f} s", f"ratio {figures['engine_ratio']:.2f}")
    _line(
        "engine, rules.due (aware datetimes)",
        f"{figures['due_s']:.3f} s",
        f"ratio {figures['due_ratio']:.2f}",
    )


def _report_db(figures: dict[str, Any]) -> None:
    inserted = f"{figures['database']}, inserted in {figures['insert_s']:.1f} s"
    print(f"Breach count over {figures['n']:,} clocks ({inserted})")
    _line(
        "plain indexed COUNT (raw SQL)",
        f"{figures['plain_s'] * 1000:.2f} ms",
        f"{figures['plain_count']:,} open past due",
    )
    _line(
        "selectors.breached_count",
        f"{figures['selector_s'] * 1000:.2f} ms",
        f"{figures['selector_count']:,} breached (paused clocks stand still); ratio {figures['ratio']:.2f}",
    )
    print(f"  plan, plain:    {figures['plain_plan']}")
    print(f"  plan, selector: {figures['selector_plan']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="due dates and clocks (default 1,000,000)")
    parser.add_argument("--skip-db", action="store_true", help="only the due-date figures")
    args = parser.parse_args(argv)
    _report_due(bench_due_dates(args.n))
    if args.skip_db:
        return
    with tempfile.TemporaryDirectory(prefix="frontdoor-bench-") as data_dir:
        setup_django(data_dir)
        _report_db(bench_breach_count(args.n))
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
