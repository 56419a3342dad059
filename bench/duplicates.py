"""Benchmark the duplicate scan (identity.rules.likely_pairs) on the matching bench's synthetic
population, which registers a share of children twice with a slip (bench/matching.py).

    .venv/bin/python bench/duplicates.py [--people 20000] [--share 0.02] [--seed 7]

Prints the pairs compared against all n(n-1)/2 pairs, the pairs filed, recall (true duplicates
filed) and precision (filed pairs that are true duplicates; twins and siblings are the false ones),
and the time. No database: the scan's rules are pure; the job adds three reads and the inserts.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdoor.identity import rules
from matching import Population


def run(people: int, share: float, seed: int) -> None:
    population = Population(people, seed)
    population.add_duplicates(share)
    records = {p.pk: p.record() for p in population.people}
    truth = {tuple(sorted((p.pk, p.duplicate_of))) for p in population.people if p.duplicate_of}
    started = time.perf_counter()
    compared = len(rules.candidate_pairs((pk, rules.record_keys(r)) for pk, r in records.items()))
    filed = {(a, b) for a, b, _ in rules.likely_pairs(records)}
    seconds = time.perf_counter() - started
    n = len(records)
    hits = len(filed & truth)
    print(f"people {n}, true duplicate pairs {len(truth)}")
    print(f"pairs compared {compared} of {n * (n - 1) // 2} ({compared / (n * (n - 1) / 2):.5%})")
    precision = hits / max(len(filed), 1)
    print(f"pairs filed {len(filed)}; recall {hits / len(truth):.3f}; precision {precision:.3f}")
    print(f"scan {seconds:.2f} s (blocking and scoring twice over: compared, then filed)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    run(args.people, args.share, args.seed)
