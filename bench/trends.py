"""Trends (issue 20 §1, "Speed"): the dashboard home, a figure's page and a figure's trend page over
12, 36 and 60 months, each selector against the raw SQL of bench/board.py in the same run.

    python bench/trends.py [--data-dir DIR] [--authority 885] [--repeats 30] [--warmups 3]

- Data: --data-dir names a FRONTDOOR_DATA_DIR holding a seeded frontdoor.sqlite3 (e.g. the demo's);
  without it, board.py's cached county (seed 1, ending 2026-03-20; seeded once, a few minutes).
  Either holds ONE year of the county: a 60-month trend over it scans that year's rows, and 48 of its
  months are empty. Five years of history (branch `history`) will give the real 60-month figure:
  point --data-dir at such a database; nothing here changes.
- Timing: as board.py (`_measure`): 3 warm-ups, then the selector and the raw SQL interleaved, p50
  and p95 in ms, the ratio of the p95s, and the queries the selector runs; answers checked equal.
- "dashboard home": every figure's headline (figure_data without a breakdown), as the overview runs;
  its raw SQL is board.py's per-figure statement for the period (which also groups by month).
- "trend": selectors.trend_data (the months, and the two 12-month totals from 24 months on); its raw
  SQL is board.py's statement over the whole span, compared month by month.
The speed goal in the issue is a p95 under 200 ms on the county; the table marks a miss with `*`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import board

GOAL_MS = 200.0
FIGURE = "decisions-24h"  # a figure page: grouped by month, the page's default


def _compare_rows(slug: str) -> Any:
    def compare(got: Any, expected: dict[str | None, dict[str, Any]]) -> str:
        rows = {row.key: row.values for row in got.rows} | {None: got.total.values}
        for key, values in rows.items():
            for column, value in expected.get(key, {}).items():
                if column != "delays" and (values.get(column, 0) or 0) != value:
                    return f"{slug} {key or 'total'} {column}: selector {values.get(column)} != raw {value}"
        return ""

    return compare


RAW_SLUGS: list[str] = []


def _has_raw(raw: Any, slug: str, period: Any) -> bool:
    try:
        raw.figure(slug, period.starts_at, period.starts_at)
    except KeyError:
        return False
    return True


def cases(args: argparse.Namespace) -> list[board.Case]:
    from frontdoor.performance import selectors as perf
    from frontdoor.performance import spc
    from frontdoor.performance.metrics import FIGURES
    from frontdoor.performance.rules import LONDON, Period, default_period

    authority, actor, now = board._authority_and_actor(args.authority)
    raw = board.Raw(authority.pk, actor.pk, now, actor.team_id)
    today = now.astimezone(LONDON).date()
    year = default_period(today)
    home_scope = perf.scope_for(actor=actor, period=year, team=None, now=now)

    def home() -> list[Any]:
        return [perf.figure_data(figure=f, scope=home_scope, breakdown=None) for f in FIGURES.values()]

    def home_raw() -> list[Any]:
        # board.py has raw SQL for most figures; the others (newer) are timed on the selector side only.
        return [raw.figure(slug, year.starts_at, year.ends_before) for slug in RAW_SLUGS]

    def home_compare(got: list[Any], expected: list[Any]) -> str:
        mine = [g for g in got if g.figure.slug in RAW_SLUGS]
        return next(
            (d for g, e in zip(mine, expected, strict=True) if (d := _compare_rows(g.figure.slug)(g, e))), ""
        )

    RAW_SLUGS.extend(slug for slug in FIGURES if _has_raw(raw, slug, year))
    print(f"  raw SQL for {len(RAW_SLUGS)} of {len(FIGURES)} figures in the home's baseline")

    out = [board.Case("dashboard home (12 months)", home, home_raw, home_compare)]
    figure = FIGURES[FIGURE]
    out.append(
        board.Case(
            f"figure page: {FIGURE} by month",
            lambda: perf.figure_data(figure=figure, scope=home_scope, breakdown="month"),
            lambda: raw.figure(FIGURE, year.starts_at, year.ends_before),
            _compare_rows(FIGURE),
        )
    )
    for months in (12, 36, 60):
        first, last = spc.trend_months(today, months)
        scope = perf.scope_for(actor=actor, period=Period(first, last), team=None, now=now)
        out.append(
            board.Case(
                f"trend: {FIGURE}, {months} months",
                lambda scope=scope: perf.trend_data(figure=figure, scope=scope).series,
                lambda scope=scope: raw.figure(FIGURE, scope.period.starts_at, scope.period.ends_before),
                _compare_rows(FIGURE),
            )
        )
    return out


def run(args: argparse.Namespace) -> bool:
    import django
    from django.db import connection

    django.setup()
    ok = True
    print(f"\n== Trends on {connection.settings_dict['NAME']} ({connection.vendor}) ==")
    print(f"  {'answer':<36} {'p50':>8} {'p95':>8} {'raw p50':>8} {'raw p95':>8} {'ratio':>6} queries")
    for case in cases(args):
        row = board._measure(case, args.repeats, args.warmups)
        ratio = row.p95 / row.raw_p95 if row.raw_p95 else float("inf")
        miss = "*" if row.p95 * 1000 > GOAL_MS else " "
        print(
            f"  {row.name:<36} {row.p50 * 1000:8.1f} {row.p95 * 1000:7.1f}{miss} {row.raw_p50 * 1000:8.1f} "
            f"{row.raw_p95 * 1000:8.1f} {ratio:6.2f} {row.queries:>7}"
        )
        if not row.equal:
            print(f"    MISMATCH: {asdict(row)['detail']}")
            ok = False
    print(f"  (* p95 over the {GOAL_MS:.0f} ms goal)")
    return ok


# Five years from one (--history-years): the counted tables of the contacts figures, copied back.
HISTORY_TABLES = ("contacts_contact", "contacts_contactchild", "clocks_clock")
ID_OFFSET = 10_000_000  # per year copied back; far above any id the seeded county uses
UNIQUE_TEXT = {"contacts_contact": ("reference",)}  # kept unique by a suffix per year


def with_history(source_dir: str, years: int) -> str:
    """A copy of the database in `source_dir` in which the year's contacts, children's contacts and
    their clocks are repeated `years` times, each copy moved back one more year (ids offset, every
    moment and day shifted by whole years, references suffixed). Only these three tables are copied:
    the contacts figures (and their trends) then count five years of rows; figures of episodes,
    allegations and the rest still count one year. Raw SQL, with foreign keys unchecked: a copied
    clock keeps its subject's id, which no figure here reads."""
    import sqlite3

    target = Path(tempfile.mkdtemp(prefix="trends-history-"))
    with (
        sqlite3.connect(Path(source_dir) / "frontdoor.sqlite3") as source,
        sqlite3.connect(target / "frontdoor.sqlite3") as copy,
    ):
        source.backup(copy)
    db = sqlite3.connect(target / "frontdoor.sqlite3")
    for table in HISTORY_TABLES:
        columns = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        references = {r[3]: r[2] for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
        top = db.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()[0] or 0
        for k in range(1, years + 1):
            values = [_shifted(table, c[1], c[2], references.get(c[1]), k) for c in columns]
            names = ", ".join(f'"{c[1]}"' for c in columns)
            db.execute(
                f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)} FROM "{table}" WHERE id <= ?',
                (top,),
            )
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return str(target)


def _shifted(table: str, column: str, kind: str, references: str | None, years: int) -> str:
    quoted = f'"{column}"'
    if column == "id" or references in HISTORY_TABLES:
        return f"{quoted} + {years * ID_OFFSET}"
    if kind.lower() == "datetime":
        # Django stores "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; keep the fraction after the shift.
        moved = f"datetime({quoted}, '-{years} years') || substr({quoted}, 20)"
        return f"CASE WHEN {quoted} IS NULL THEN NULL ELSE {moved} END"
    if kind.lower() == "date":
        return f"date({quoted}, '-{years} years')"
    if column in UNIQUE_TEXT.get(table, ()):
        return f"{quoted} || '-h{years}'"
    return quoted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="a FRONTDOOR_DATA_DIR with a seeded frontdoor.sqlite3")
    parser.add_argument("--authority", default="885")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument(
        "--history-years",
        type=int,
        default=0,
        help="copy the year's contacts back this many years (4: five years)",
    )
    args = parser.parse_args()
    data_dir = args.data_dir or board.county_sqlite(Path(tempfile.mkdtemp(prefix="trends-"))).sqlite_dir
    os.environ.update({"DJANGO_SETTINGS_MODULE": "frontdoor.settings.dev", "DEBUG": "0"})
    if args.history_years:
        print(f"Copying the contacts back {args.history_years} years...", flush=True)
        data_dir = with_history(data_dir, args.history_years)
    os.environ["FRONTDOOR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    return 0 if run(args) else 1


if __name__ == "__main__":
    raise SystemExit(main())
