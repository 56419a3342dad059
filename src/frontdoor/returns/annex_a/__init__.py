"""The Ofsted Annex A workbook (ILACS; standards.md §3): sheets "List 1" to "List 11" and a summary.

Each list is built from one app's records (annex_a/lists.py, casework.py, early_help.py); lists
Frontdoor does not hold are written with their headings and a note under them.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from frontdoor.organisations.models import Authority
from frontdoor.returns import rules
from frontdoor.returns.annex_a import casework, early_help, lists
from frontdoor.returns.annex_a.columns import DATE_FORMAT, HEADINGS, TITLES
from frontdoor.returns.annex_a.sheets import Sheet, Window
from frontdoor.returns.annex_a.summary import summary_rows

SUMMARY = "Summary"
BUILDERS: dict[int, Callable[[int, Window], Sheet]] = {
    1: lists.list_1_contacts,
    2: early_help.list_2_early_help,
    3: lists.list_3_referrals,
    4: casework.list_4_assessments,
    5: casework.list_5_section47,
    6: lists.list_6_children_in_need,
    7: casework.list_7_child_protection,
}


@dataclass(frozen=True)
class Built:
    content: bytes
    person_ids: list[int]
    rows: int
    sheets: dict[int, Sheet]


def sheets_for(authority_id: int, window: Window) -> dict[int, Sheet]:
    return {
        number: BUILDERS[number](authority_id, window) if number in BUILDERS else lists.not_held(number)
        for number in range(1, 12)
    }


def build(*, authority: Authority, as_of: date) -> Built:
    start, end = rules.annex_a_window(as_of)
    window = Window(start=start, end=end, as_of=as_of)
    sheets = sheets_for(authority.pk, window)
    book = Workbook(write_only=False)
    summary = book.active
    summary.title = SUMMARY
    _write_summary(summary, authority, window, sheets)
    for number, sheet in sheets.items():
        _write_list(book.create_sheet(f"List {number}"), sheet)
    out = io.BytesIO()
    book.save(out)
    people = sorted({pid for sheet in sheets.values() for pid in sheet.person_ids})
    return Built(out.getvalue(), people, sum(len(s.rows) for s in sheets.values()), sheets)


def _write_list(ws: Worksheet, sheet: Sheet) -> None:
    ws.append(HEADINGS[sheet.number])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append(row)
    for column in ws.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    if sheet.note:
        ws.cell(row=2, column=1, value=sheet.note).font = Font(italic=True)


def _write_summary(ws: Worksheet, authority: Authority, window: Window, sheets: dict[int, Sheet]) -> None:
    ws.append([f"Ofsted Annex A: {authority.name} ({authority.la_code})"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"Inspection date {window.as_of:%d/%m/%Y}"])
    ws.append([])
    ws.append(["Measure", "Value", "Definition"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for row in summary_rows(authority.pk, window, sheets):
        ws.append(row)
    ws.append([])
    for number, sheet in sheets.items():
        ws.append([f"List {number}: {TITLES[number]}", len(sheet.rows), sheet.note])
