"""Back-test of "What is coming?" (issue 20 §4): how far the projections are from what happened.

    python bench/forecast.py [--database-url URL] [--authority 885] [--hold-back 12]

Reads one authority's monthly series exactly as the page does (performance.demand_selectors), holds
back the last months, fits performance.forecast.project on the months before them, and prints for
each measure: the model chosen, the mean absolute error (MAE) and mean absolute percentage error
(MAPE) of the projection against the held-back months, the share of held-back months inside the 80%
and 95% bands, and the same errors for a seasonal-naive baseline (each month as the same month a
year before; with less than a year to fit on, the last month repeated) in the same run.

- Database: --database-url (any DATABASE_URL), or by default a fresh copy of the cached SQLite county
  that bench/board.py builds under var/bench/ (seeded once when missing or stale).
- "now" is the end of the seeded window (the synthetic.loaded audit event), so the months are those
  the generator made, whatever day the bench runs.
- Hold-back: 12 months when there are at least 12 + forecast.MIN_MONTHS complete months; otherwise
  the bench says so and holds back --short-hold-back (3) months instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

# This checkout's frontdoor, not an installed one (board.py imports it first), and board.py beside us.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import board  # bench/board.py: the cached county and the environment it runs in

HOLD_BACK = 12
SHORT_HOLD_BACK = 3


def setup(url: str | None, work: Path) -> str:
    """Point Django at the database and start it; returns the database's description."""
    database = board.Database("county", url=url) if url else board.county_sqlite(work)
    os.environ.update(board._env(database))
    if not database.sqlite_dir:
        os.environ.pop("FRONTDOOR_DATA_DIR", None)
    import django

    django.setup()
    return database.describe()


def errors(actual: list[int], projected: list[float]) -> tuple[float, float | None]:
    """(MAE, MAPE in %) by statsmodels' meanabs; MAPE leaves out months whose actual value is 0."""
    import numpy as np
    from statsmodels.tools.eval_measures import meanabs

    a, f = np.asarray(actual, dtype=float), np.asarray(projected, dtype=float)
    mae = float(meanabs(f, a))
    nonzero = a != 0
    mape = (
        float(meanabs(f[nonzero] / a[nonzero], np.ones(int(nonzero.sum())))) * 100 if nonzero.any() else None
    )
    return mae, mape


def inside(actual: list[int], low: list[float], high: list[float]) -> float:
    return 100 * sum(lo <= v <= hi for v, lo, hi in zip(actual, low, high, strict=True)) / len(actual)


def back_test(series: list[int], first_month: Any, hold: int) -> dict[str, Any]:
    from frontdoor.performance import forecast

    train, test = series[:-hold], series[-hold:]
    projection = forecast.project(train, first_month, horizon=hold)
    months = projection.months
    mae, mape = errors(test, [p.mean for p in months])
    naive_mae, naive_mape = errors(test, forecast.seasonal_naive(train, hold))
    return {
        "model": projection.trend + (" + season" if projection.seasonal else ""),
        "mae": mae,
        "mape": mape,
        "in80": inside(test, [p.low80 for p in months], [p.high80 for p in months]),
        "in95": inside(test, [p.low95 for p in months], [p.high95 for p in months]),
        "naive_mae": naive_mae,
        "naive_mape": naive_mape,
        "mean": sum(test) / len(test),
    }


def _pct(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a DATABASE_URL (default: the cached SQLite county)")
    parser.add_argument("--authority", default="885", help="DfE LA code of the authority")
    parser.add_argument("--hold-back", type=int, default=HOLD_BACK)
    parser.add_argument("--short-hold-back", type=int, default=SHORT_HOLD_BACK)
    args = parser.parse_args(argv)
    board.data_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="forecast-bench-", dir=board.data_dir()) as work:
        described = setup(args.database_url, Path(work))
        return run(args, described)


def run(args: argparse.Namespace, described: str) -> int:
    from django.utils import timezone

    from frontdoor.audit.models import AuditEvent
    from frontdoor.organisations.models import Authority, Role, User
    from frontdoor.performance import forecast
    from frontdoor.performance.demand_selectors import MEASURES, demand_history

    authority = Authority.objects.get(la_code=args.authority)
    loaded = AuditEvent.objects.filter(authority=authority, action="synthetic.loaded").order_by("-pk").first()
    now = datetime.fromisoformat(loaded.changes["end"]) if loaded else timezone.now()
    # An unsaved senior leader of the authority: the page's own permission check, and no one's session.
    actor = User(authority=authority, role=Role.SENIOR_LEADER, is_active=True)
    history = demand_history(actor=actor, today=timezone.localdate(now), now=now)
    count = len(history.months)
    print(f"Back-test of the demand projections: {described}, authority {authority}")
    if not count:
        print("No complete months of records: nothing to test.")
        return 1
    print(
        f"now = {now:%Y-%m-%d %H:%M}; {count} complete months, "
        f"{history.months[0]:%b %Y} to {history.months[-1]:%b %Y}"
    )
    hold = args.hold_back
    if count < hold + forecast.MIN_MONTHS:
        print(
            f"TOO FEW MONTHS for a {hold}-month hold-back: that needs {hold + forecast.MIN_MONTHS} "
            f"({hold} held back + {forecast.MIN_MONTHS} to fit on). Holding back the last "
            f"{args.short_hold_back} months instead; re-run when the generator makes more history."
        )
        hold = args.short_hold_back
    if count < hold + forecast.MIN_MONTHS:
        print(f"Still too few: {count} months cannot hold back {hold} and fit on {forecast.MIN_MONTHS}.")
        return 1
    held = history.months[-hold:]
    print(f"Fitted on {count - hold} months; held back {hold}: {held[0]:%b %Y} to {held[-1]:%b %Y}\n")
    heads = f"{'measure':<38} {'model':<34} {'mean':>7} {'MAE':>7} {'MAPE%':>6} {'in80%':>6} {'in95%':>6}"
    print(f"{heads} {'naive MAE':>9} {'naive MAPE%':>11}")
    for measure in MEASURES:
        r = back_test(history.series[measure.key], history.months[0], hold)
        print(
            f"{measure.title:<38} {r['model']:<34} {r['mean']:7.1f} {r['mae']:7.1f} {_pct(r['mape']):>6} "
            f"{r['in80']:6.0f} {r['in95']:6.0f} {r['naive_mae']:9.1f} {_pct(r['naive_mape']):>11}"
        )
    print(
        "\nmean: the held-back months' mean. MAE: mean absolute error; MAPE: mean absolute percentage "
        "error (months with 0 left out). in80% / in95%: held-back months inside the 80% / 95% band. "
        "naive: the seasonal-naive baseline (last year's month; the last month repeated under a year)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
