"""The Annex A workbook read back: sheets, exact headings (checked against liiatools' sample
workbook), lettered values (checked against its data map) and rows field by field from records made
through the services."""

import io
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.returns import rules, services
from frontdoor.returns.annex_a.columns import ETHNICITY, GENDER, HEADINGS, SOURCE
from frontdoor.returns.models import ReturnKind

DATA = Path(__file__).with_name("data")
SAMPLE = load_workbook(DATA / "Annex_A.xlsx", read_only=True)
DATA_MAP = yaml.safe_load((DATA / "annexa-data-map.yml").read_text())["data_config"]
SHEETS = ["Summary", *(f"List {n}" for n in range(1, 12))]


def _sample_headings(number: int) -> list[str]:
    return [cell for cell in next(SAMPLE[f"List {number}"].iter_rows(max_row=1, values_only=True)) if cell]


@pytest.mark.parametrize("number", range(1, 12))
def test_headings_are_the_sample_workbooks(number):
    """Exactly the sample's headings, except "Age" on Lists 1-9, which standards.md §3.2 (and the
    sample's own List 10) calls "Age of Child (Years)"."""
    expected = _sample_headings(number)
    if number <= 7:
        expected = [("Age of Child (Years)" if h == "Age" else h) for h in expected]
    assert HEADINGS[number] == expected


def _codes(list_name: str, column: str) -> set[str]:
    return {entry["code"] for entry in DATA_MAP[list_name][column]}


def test_lettered_values_are_the_data_maps_codes():
    assert set(GENDER.values()) <= _codes("List 1", "Gender")
    assert set(SOURCE.values()) - _codes("List 1", "Contact Source") == {
        "p1) 5D: LA services"
    }  # added 2023-24
    # liiatools letters NOBT "s)" like REFU; standards.md §3.3 gives the DfE order, t) NOBT.
    assert set(ETHNICITY.values()) - _codes("List 1", "Ethnicity") == {"t) NOBT"}
    assert (ETHNICITY["WBRI"], ETHNICITY["OOTH"], ETHNICITY["REFU"]) == ("a) WBRI", "r) OOTH", "s) REFU")


def _rows(file, sheet: str) -> list[tuple]:
    book = load_workbook(io.BytesIO(bytes(file.content)))
    return list(book[sheet].iter_rows(values_only=True))


@pytest.mark.django_db
def test_lists_1_3_and_6_hold_the_records_field_by_field(casework):
    today = timezone.localdate()
    file = services.annex_a_generate(actor=casework.lead, as_of=today)
    book = load_workbook(io.BytesIO(bytes(file.content)))
    assert book.sheetnames == SHEETS
    day = timezone.localdate(casework.received_at)
    amelia, ben = casework.amelia, casework.ben
    amelia_cells = [
        amelia.reference,
        "b) Female",
        "f) MWBC",
        timezone.datetime(2014, 6, 9),
        rules.age_in_years(date(2014, 6, 9), today),
    ]
    ben_cells = [
        ben.reference,
        "a) Male",
        "a) WBRI",
        timezone.datetime(2019, 1, 20),
        rules.age_in_years(date(2019, 1, 20), today),
    ]
    as_datetime = timezone.datetime(day.year, day.month, day.day)
    assert _rows(file, "List 1")[1:] == [
        (*amelia_cells, as_datetime, "e) 2A: Schools"),
        (*ben_cells, as_datetime, "q) 6: Police"),
    ]
    assert _rows(file, "List 3")[1:] == [
        (*amelia_cells, as_datetime, "e) 2A: Schools", "b) No", 0, None, None)
    ]
    assert _rows(file, "List 6")[1:] == [
        (
            *amelia_cells,
            "a) Yes",
            as_datetime,
            "N0 - Not stated",
            None,
            None,
            None,
            "d) Open assessment",
            None,
            None,
        )
    ]
    assert (file.kind, file.as_of, file.children, file.rows) == (ReturnKind.ANNEX_A, today, 2, 4)
    assert file.person_ids == sorted([amelia.pk, ben.pk])


@pytest.mark.django_db
def test_lists_frontdoor_does_not_hold_have_their_headings_and_a_note(casework):
    file = services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate())
    for number in (8, 9, 10, 11):
        rows = _rows(file, f"List {number}")
        assert rows[0] == tuple(HEADINGS[number])
        assert rows[1][0].startswith("Frontdoor does not hold")
        assert len(rows) == 2


@pytest.mark.django_db
def test_the_summary_counts_contacts_referrals_and_re_referrals(casework):
    file = services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate())
    summary = {row[0]: row[1] for row in _rows(file, "Summary") if row and row[0]}
    assert (summary["Contacts"], summary["Referrals"], summary["Re-referrals within 12 months"]) == (2, 1, 0)
    assert summary["Re-referral rate (%)"] == 0.0
    assert summary["Children in need"] == 1
