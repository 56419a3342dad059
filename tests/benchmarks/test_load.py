"""`frontdoor benchmarks load`: the DfE's tables (a slice of the real release in tests/benchmarks/data:
England, the West Midlands and 15 authorities, 2023-24 and 2024-25) loaded, replaced, and refused
with a clear message when a file is wrong."""

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.benchmarks.models import Neighbour, NeighbourMethod, NeighbourSet, PublishedValue, Release
from frontdoor.benchmarks.services import POPULATION

DATA = Path(__file__).parent / "data"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"


def rows_of(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load(folder: Path = DATA) -> str:
    out = io.StringIO()
    call_command("benchmarks", "load", "--dir", str(folder), stdout=out)
    return out.getvalue()


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "tables"
    shutil.copytree(DATA, folder)
    return folder


def value(measure: str, year: int, code: str) -> Decimal | None:
    return PublishedValue.objects.get(measure=measure, year=year, code=code).value


@pytest.mark.django_db
def test_a_load_stores_every_value_and_says_what_it_loaded(la):
    printed = load()

    area_years = len(rows_of(C1))  # 2 years of England, the region and 15 authorities
    population = len(rows_of("ons_mid-year_population_estimates_2012_to_2024.csv"))
    looked_after = sum(
        1
        for r in rows_of("cla_number_and_rate_per_10k_children.csv")
        if r["population_type"] == "Children looked after on 31 March each year"
    )
    assert area_years == 34
    # 8 measures from B1, C1, D3 and D5 per area and year, the looked-after rate, the population.
    assert PublishedValue.objects.count() == 8 * area_years + looked_after + population
    assert f"{C1}: 34 rows" in printed
    assert "years 2024 to 2025" in printed
    assert "statistical neighbours computed by Frontdoor for 15 authorities" in printed
    release = Release.objects.get()
    assert (release.first_year, release.last_year) == (2024, 2025)
    assert AuditEvent.objects.filter(action="benchmarks.load", authority=la).count() == 1


@pytest.mark.django_db
def test_values_are_the_published_ones_and_rates_are_made_with_the_year_befores_population():
    load()
    c1 = next(r for r in rows_of(C1) if r["time_period"] == "2025" and r["old_la_code"] == "885")
    children = next(
        r["population_estimate"]
        for r in rows_of("ons_mid-year_population_estimates_2012_to_2024.csv")
        if r["time_period"] == "2024" and r["old_la_code"] == "885"
    )
    assert (c1["referral_count"], c1["rereferral_percent"], children) == ("4805", "17.8", "120119")
    assert value("referrals", 2025, "885") == Decimal("400.0")  # 4,805 / 120,119 x 10,000
    assert value("re-referrals", 2025, "885") == Decimal("17.8")
    assert value("re-referrals", 2025, "E92000001") == Decimal("22.6")
    assert value(POPULATION, 2024, "885") == Decimal(120119)
    # 2023-24's rate needs mid-2023, which the slice has; 2024's population makes no 2025 rate.
    assert value("referrals", 2024, "885") is not None


@pytest.mark.django_db
def test_withheld_cells_are_missing_not_zero(tmp_path):
    folder = copy(tmp_path)
    path = folder / C1
    text = path.read_text().splitlines()
    head = text[0].split(",")
    at = head.index("no_further_action_percent")
    for i, line in enumerate(text):
        cells = line.split(",")
        if cells[0] == "2025" and cells[7] == "885":
            cells[at] = "c"
            text[i] = ",".join(cells)
    path.write_text("\n".join(text) + "\n")
    load(folder)
    assert value("no-further-action", 2025, "885") is None


@pytest.mark.django_db
def test_a_second_load_replaces_the_first_and_never_duplicates():
    load()
    counts = (PublishedValue.objects.count(), NeighbourSet.objects.count(), Neighbour.objects.count())
    load()
    assert Release.objects.count() == 1
    assert (PublishedValue.objects.count(), NeighbourSet.objects.count(), Neighbour.objects.count()) == counts


@pytest.mark.django_db
def test_each_authority_has_ten_neighbours_computed_by_frontdoor_and_labelled_so():
    load()
    neighbours = NeighbourSet.objects.get(la_code="885")
    assert neighbours.method == NeighbourMethod.COMPUTED
    assert neighbours.source.startswith("Computed by Frontdoor, not the DfE's list")
    assert neighbours.year == 2024
    listed = list(neighbours.neighbours.values_list("position", "la_code"))
    assert [p for p, _ in listed] == list(range(1, 11))
    assert "885" not in {code for _, code in listed}
    distances = list(neighbours.neighbours.values_list("distance", flat=True))
    assert distances == sorted(distances)


@pytest.mark.django_db
def test_a_file_cut_short_is_named_with_its_line_and_nothing_changes(tmp_path):
    load()
    before = PublishedValue.objects.count()
    folder = copy(tmp_path)
    path = folder / C1
    text = path.read_text()
    path.write_text(text[: len(text) // 2])  # cut mid-row
    line = text[: len(text) // 2].count("\n") + 1

    with pytest.raises(CommandError) as refused:
        load(folder)

    assert str(refused.value) == (
        "Nothing was loaded:\n"
        f"  {C1}, line {line}: the row does not have the heading's 21 values (is the file cut short?)."
    )
    assert PublishedValue.objects.count() == before
    assert Release.objects.count() == 1


@pytest.mark.django_db
def test_a_misnamed_file_is_reported_by_the_name_expected(tmp_path):
    folder = copy(tmp_path)
    (folder / C1).rename(folder / "referrals.csv")
    with pytest.raises(CommandError) as refused:
        load(folder)
    expected = f"No file named c1_children_in_need_referrals_and_rereferrals_*.csv in {folder}."
    assert str(refused.value) == f"Nothing was loaded:\n  {expected}"
    assert Release.objects.count() == 0


@pytest.mark.django_db
def test_a_renamed_column_and_a_word_for_a_number_are_both_reported(tmp_path):
    folder = copy(tmp_path)
    path = folder / C1
    path.write_text(path.read_text().replace("rereferral_percent,", "rereferral_pct,", 1))
    d3 = folder / "d3_cpps_subsequent_plan_2013_to_2025.csv"
    lines = d3.read_text().splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",about half"
    d3.write_text("\n".join(lines) + "\n")

    with pytest.raises(CommandError) as refused:
        load(folder)

    assert str(refused.value).splitlines()[1:] == [
        f"  {C1}: no column rereferral_percent (is this the right table?).",
        "  d3_cpps_subsequent_plan_2013_to_2025.csv, line 2: 'about half' is not a number or one of the "
        "DfE's symbols (c, x, z, low).",
    ]


@pytest.mark.django_db
def test_a_folder_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match=f"Nothing was loaded:\n  {tmp_path / 'nowhere'} is not a folder."):
        load(tmp_path / "nowhere")
