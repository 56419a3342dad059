"""Reading the DfE's release tables and the ONS estimates from a folder of CSVs, checking each file
before anything is stored: a file missing, misnamed, cut short or with a column renamed is reported
by name and line, and nothing is loaded (benchmarks.services.benchmarks_load).

Files are found by the start of their name (`b1_children_in_need_`, ...), so next year's release
(`..._2013_to_2026.csv`) loads without a change here.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from frontdoor.benchmarks import rules
from frontdoor.benchmarks.measures import PUBLISHED, Table

GEOGRAPHY = ("time_period", "geographic_level", "country_code", "region_code", "region_name", "old_la_code")
LEVELS = {"National": "england", "Regional": "region", "Local authority": "la"}
WHITE_BRITISH = (
    "13"  # Census 2021 ethnic group (20 categories): White: English, Welsh, Scottish, NI or British
)
NOT_APPLICABLE = "-8"


class BadTables(ValueError):
    """What is wrong with the folder, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Spec:
    key: str
    prefix: str
    columns: tuple[str, ...]
    # For a file holding several series (looked-after children): the column and the row kept.
    series: tuple[str, str] | None = None


def _measure_columns(table: Table) -> tuple[str, ...]:
    return tuple(m.column or m.count for m in PUBLISHED if m.table == table)


SPECS = (
    *(
        Spec(t.value, p, (*GEOGRAPHY, "la_name", *_measure_columns(t)))
        for t, p in (
            (Table.B1, "b1_children_in_need_"),
            (Table.C1, "c1_children_in_need_referrals_and_rereferrals_"),
            (Table.D3, "d3_cpps_subsequent_plan_"),
            (Table.D5, "d5_cpps_at31march_by_duration_"),
        )
    ),
    Spec(
        Table.CLA.value,
        "cla_number_and_rate_per_10k_children",
        (*GEOGRAPHY, "la_name", "population_type", "rate_per_10000"),
        series=("population_type", "Children looked after on 31 March each year"),
    ),
    Spec("population", "ons_mid-year_population_estimates_", (*GEOGRAPHY, "population_estimate")),
    Spec(
        "ethnicity",
        "ons-ethnic-population-la",
        (
            "2023 Upper tier local authorities Code",
            "Ethnic group (20 categories) Code",
            "Observation",
        ),
    ),
)


@dataclass(frozen=True)
class Area:
    level: str  # "england", "region" or "la"
    code: str  # E92000001, E12000005 or the three-digit LA code
    name: str
    region_code: str = ""
    ons_code: str = ""  # the LA's nine-character code (new_la_code), to join the Census 2021 tables


@dataclass
class Tables:
    """Everything read: each table's rows by (year, area code), the child population by (year,
    area code), and each authority's Census 2021 residents and White British residents."""

    files: list[dict[str, object]] = field(default_factory=list)
    rows: dict[str, dict[tuple[int, str], dict[str, str]]] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    population: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    residents: dict[str, tuple[float, float]] = field(
        default_factory=dict
    )  # ons code -> (all, white british)
    # Each LA code's nine-character ONS code in the latest year of the population estimates.
    ons_codes: dict[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted({year for table in self.rows.values() for year, _ in table})


def _find(folder: Path, spec: Spec, problems: list[str]) -> Path | None:
    found = sorted(folder.glob(f"{spec.prefix}*.csv"))
    if len(found) == 1:
        return found[0]
    if not found:
        problems.append(f"No file named {spec.prefix}*.csv in {folder}.")
    else:
        problems.append(f"More than one file named {spec.prefix}*.csv: {', '.join(p.name for p in found)}.")
    return None


def _records(path: Path, spec: Spec, problems: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The file's rows as dictionaries with their line numbers; a missing column or a short row is
    a problem (a file cut short mid-line, or one whose heading row was edited)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in spec.columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(f"{path.name}: no column {', '.join(missing)} (is this the right table?).")
            return
        width = len(reader.fieldnames or [])
        for row in reader:
            if None in row or None in row.values():
                problems.append(
                    f"{path.name}, line {reader.line_num}: the row does not have the heading's {width} "
                    "values (is the file cut short?)."
                )
                return
            yield reader.line_num, row


def _area(row: dict[str, str]) -> Area | None:
    level = LEVELS.get(row["geographic_level"])
    if level == "england":
        return Area(level, row["country_code"], "England")
    if level == "region":
        return Area(level, row["region_code"], row["region_name"])
    if level == "la":
        return Area(level, row["old_la_code"], row["la_name"], row["region_code"], row.get("new_la_code", ""))
    return None


def _read_release_table(path: Path, spec: Spec, tables: Tables, problems: list[str]) -> int:
    kept: dict[tuple[int, str], dict[str, str]] = {}
    count = 0
    for line, row in _records(path, spec, problems):
        if spec.series and row[spec.series[0]] != spec.series[1]:
            continue
        area = _area(row)
        if area is None:
            continue
        try:
            year = int(row["time_period"])
            for column in spec.columns[len(GEOGRAPHY) + 1 :]:
                if column != "population_type":
                    rules.parse_number(row[column])
        except (ValueError, rules.BadNumber) as error:
            problems.append(f"{path.name}, line {line}: {error}.")
            return count
        tables.areas.setdefault(area.code, area)
        kept[(year, area.code)] = row
        count += 1
    tables.rows[spec.key] = kept
    return count


def _read_population(path: Path, spec: Spec, tables: Tables, problems: list[str]) -> int:
    count = 0
    for line, row in _records(path, spec, problems):
        area = _area(row)
        try:
            value = rules.parse_number(row["population_estimate"])
            year = int(row["time_period"])
        except (ValueError, rules.BadNumber) as error:
            problems.append(f"{path.name}, line {line}: {error}.")
            return count
        if area is not None and value is not None:
            tables.population[(year, area.code)] = value
            if area.level == "la" and year >= tables.ons_codes.get(area.code, (0, ""))[0]:
                tables.ons_codes[area.code] = (year, row.get("new_la_code", ""))
            count += 1
    return count


def _read_ethnicity(path: Path, spec: Spec, tables: Tables, problems: list[str]) -> int:
    totals: dict[str, list[float]] = {}
    count = 0
    for line, row in _records(path, spec, problems):
        group = row["Ethnic group (20 categories) Code"]
        try:
            value = float(rules.parse_number(row["Observation"]) or 0)
        except rules.BadNumber as error:
            problems.append(f"{path.name}, line {line}: {error}.")
            return count
        if group == NOT_APPLICABLE:
            continue
        both = totals.setdefault(row["2023 Upper tier local authorities Code"], [0.0, 0.0])
        both[0] += value
        if group == WHITE_BRITISH:
            both[1] += value
        count += 1
    tables.residents = {code: (a, w) for code, (a, w) in totals.items() if a > 0 and math.isfinite(a)}
    return count


READERS = {"population": _read_population, "ethnicity": _read_ethnicity}


def read(folder: Path) -> Tables:
    """Every table in `folder`, checked; BadTables lists every problem found."""
    if not folder.is_dir():
        raise BadTables([f"{folder} is not a folder."])
    problems: list[str] = []
    tables = Tables()
    for spec in SPECS:
        path = _find(folder, spec, problems)
        if path is None:
            continue
        before = len(problems)
        rows = READERS.get(spec.key, _read_release_table)(path, spec, tables, problems)
        if len(problems) == before and rows == 0:
            problems.append(f"{path.name}: no rows.")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        tables.files.append({"table": spec.key, "name": path.name, "sha256": digest, "rows": rows})
    if not problems:
        _check_years(tables, problems)
    if problems:
        raise BadTables(problems)
    return tables


def _check_years(tables: Tables, problems: list[str]) -> None:
    for key, rows in tables.rows.items():
        for year in sorted({y for y, _ in rows}):
            if not any(tables.areas[code].level == "england" for y, code in rows if y == year):
                problems.append(f"The {key} table has no England row for {year}.")
