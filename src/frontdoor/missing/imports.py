"""Reading a police spreadsheet of missing episodes (CSV or .xlsx) and checking every row.

`read_report` never writes: it reads the file, parses each row, finds the child with the people
app's matching (people.selectors.person_search, scored by people.linkage) and checks the
episode as missing.services would. A row whose child cannot be told apart from another, or who is
not known, is reported, never created: the front door records the child first. The import itself
is services.episodes_import, all rows or none.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from frontdoor.missing.services import EpisodeData, episode_problems
from frontdoor.organisations.models import User
from frontdoor.people.linkage import MATCH
from frontdoor.people.models import Person
from frontdoor.people.rules import SearchQuery
from frontdoor.people.selectors import person_search

# Column -> the headings accepted for it (compared without case, spaces, underscores or hyphens).
COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "forename", "child first name"),
    "last_name": ("last name", "surname", "child last name"),
    "date_of_birth": ("date of birth", "dob"),
    "nhs_number": ("nhs number",),
    "looked_after": ("looked after", "cla", "child looked after"),
    "went_missing_at": ("went missing", "missing from", "went missing at"),
    "reported_at": ("reported", "reported at", "reported to police"),
    "notified_at": ("notified", "notified at", "notification received"),
    "returned_at": ("returned", "returned at", "found or returned"),
    "where_found": ("where found", "found at"),
    "safe_and_well": ("safe and well", "safe and well check", "safe and well done"),
    "police_reference": ("police reference", "reference", "crime reference", "occurrence number"),
}
REQUIRED = ("first_name", "last_name", "date_of_birth", "looked_after", "went_missing_at", "reported_at",
            "notified_at", "police_reference")  # fmt: skip
LABELS = {key: names[0].capitalize() for key, names in COLUMNS.items()}
MAX_ROWS = 5000
DATETIME_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")  # fmt: skip
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}
# A candidate is taken as the child only this clearly: in the matcher's "match" band (an identifier,
# or a near-certain name and date of birth), with a probability this high and no close second.
SURE = 0.9
CLEAR_LEAD = 0.15


class FileProblem(Exception):
    """The file as a whole cannot be read: nothing in it is imported."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # the spreadsheet's row number: the heading is row 1
    reason: str


@dataclass
class Report:
    rows_read: int = 0
    valid: list[tuple[int, EpisodeData]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def all_valid(self) -> bool:
        return self.rows_read > 0 and not self.problems


def _key(heading: object) -> str:
    return re.sub(r"[\s_\-]+", " ", str(heading or "")).strip().lower()


def _columns(headings: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = _key(heading)
        for column, names in COLUMNS.items():
            if key in names or key == column.replace("_", " "):
                found.setdefault(column, index)
    missing = [LABELS[c] for c in REQUIRED if c not in found]
    if missing:
        raise FileProblem(f"The file has no column for: {', '.join(missing)}")
    return found


def read_table(name: str, content: bytes) -> list[list[object]]:
    """The rows of a CSV or .xlsx file, headings first. Raises FileProblem with the reason."""
    if not content.strip():
        raise FileProblem("The file is empty")
    if name.lower().endswith(".xlsx"):
        return _xlsx(content)
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileProblem(
                "The file is not UTF-8 text: save it as 'CSV UTF-8' and upload it again"
            ) from None
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise FileProblem("The file must be a CSV or an Excel (.xlsx) file")


def _xlsx(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem("The file could not be read as an Excel workbook") from None
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def _moment(value: object, label: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        for fmt in DATETIME_FORMATS:
            try:
                moment = datetime.strptime(text, fmt)  # noqa: DTZ007  # made aware below, Europe/London
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"{label} '{text}' is not a date and time like 27/03/2026 14:05")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _day(value: object, label: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007  # a date, no time zone
        except ValueError:
            continue
    raise ValueError(f"{label} '{text}' is not a date like 27/03/2012")


def _flag(value: object, label: str, *, optional: bool = False) -> bool | None:
    text = str(value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    if optional and text in {"", "unknown", "not known"}:
        return None
    raise ValueError(f"{label} must be Y or N, not '{value}'")


def _cells(row: list[object], columns: dict[str, int]) -> dict[str, object]:
    return {column: row[index] if index < len(row) else None for column, index in columns.items()}


def _parse(cells: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems = [f"{LABELS[c]} is missing" for c in REQUIRED if _blank(cells.get(c))]
    parsers: dict[str, Callable[[object, str], Any]] = {
        "date_of_birth": _day,
        "went_missing_at": _moment,
        "reported_at": _moment,
        "notified_at": _moment,
        "returned_at": _moment,
        "looked_after": _flag,
        "safe_and_well": lambda v, label: _flag(v, label, optional=True),
    }
    for column, value in cells.items():
        if _blank(value) and column != "safe_and_well":
            values[column] = None
            continue
        try:
            parse = parsers.get(column)
            values[column] = parse(value, LABELS[column]) if parse else str(value).strip()
        except ValueError as error:
            problems.append(str(error))
    return values, problems


def _child(actor: User, values: dict[str, Any]) -> tuple[Person | None, str]:
    """The one child the row is about, or the reason it cannot be said."""
    query = SearchQuery(
        first_name=values["first_name"],
        last_name=values["last_name"],
        date_of_birth=values["date_of_birth"],
        nhs_number=values.get("nhs_number") or "",
    )
    matches = person_search(actor=actor, query=query, limit=2, children_only=True)
    who = f"{values['first_name']} {values['last_name']}, born {values['date_of_birth']:%d/%m/%Y}"
    if not matches:
        return None, f"No child matches {who}: record the child at the front door, then import again"
    best = matches[0]
    second = matches[1].score if len(matches) > 1 else 0.0
    if best.band != MATCH or best.score < SURE or best.score - second < CLEAR_LEAD:
        return None, f"More than one child, or no child clearly, matches {who}: record this episode by hand"
    return best.person, ""


def read_report(*, actor: User, name: str, content: bytes) -> Report:
    """Check every row of the file; nothing is written. Raises FileProblem for the whole file."""
    table = read_table(name, content)
    if not table or all(_blank(c) for c in table[0]):
        raise FileProblem("The file is empty")
    columns = _columns(table[0])
    body = [(n, row) for n, row in enumerate(table[1:], start=2) if not all(_blank(c) for c in row)]
    if not body:
        raise FileProblem("The file has headings but no rows")
    if len(body) > MAX_ROWS:
        raise FileProblem(f"The file has {len(body):,} rows: import at most {MAX_ROWS:,} at a time")
    report = Report(rows_read=len(body))
    seen: dict[str, int] = {}
    now = timezone.now()
    for number, row in body:
        values, problems = _parse(_cells(row, columns))
        reference = values.get("police_reference") or ""
        if reference and reference in seen:
            problems.append(f"Police reference {reference} is also on row {seen[reference]}")
        seen.setdefault(reference, number)
        person = None
        if not problems:
            person, reason = _child(actor, values)
            if reason:
                problems.append(reason)
        if person is not None and not problems:
            data = _episode(person, values)
            problems.extend(episode_problems(data, now).values())
            if not problems:
                report.valid.append((number, data))
        report.problems.extend(RowProblem(number, p) for p in problems)
    return report


def _episode(person: Person, values: dict[str, Any]) -> EpisodeData:
    return EpisodeData(
        person=person,
        looked_after=bool(values["looked_after"]),
        went_missing_at=values["went_missing_at"],
        reported_at=values["reported_at"],
        notified_at=values["notified_at"],
        returned_at=values.get("returned_at"),
        where_found=values.get("where_found") or "",
        safe_and_well_done=values.get("safe_and_well"),
        police_reference=values["police_reference"],
    )


def to_session(rows: list[tuple[int, EpisodeData]]) -> list[dict[str, Any]]:
    """Valid rows kept between the report and an explicit "import the valid rows"."""
    return [
        {
            "row": number,
            "person": data.person.pk,
            "looked_after": data.looked_after,
            "went_missing_at": data.went_missing_at.isoformat(),
            "reported_at": data.reported_at.isoformat(),
            "notified_at": data.notified_at.isoformat(),
            "returned_at": data.returned_at.isoformat() if data.returned_at else None,
            "where_found": data.where_found,
            "safe_and_well_done": data.safe_and_well_done,
            "police_reference": data.police_reference,
        }
        for number, data in rows
    ]


def from_session(actor: User, rows: list[dict[str, Any]]) -> list[EpisodeData]:
    people = {
        p.pk: p
        for p in Person.objects.filter(authority_id=actor.authority_id, pk__in=[r["person"] for r in rows])
    }
    result = []
    for r in rows:
        if r["person"] not in people:
            continue
        result.append(
            EpisodeData(
                person=people[r["person"]],
                looked_after=r["looked_after"],
                went_missing_at=datetime.fromisoformat(r["went_missing_at"]),
                reported_at=datetime.fromisoformat(r["reported_at"]),
                notified_at=datetime.fromisoformat(r["notified_at"]),
                returned_at=datetime.fromisoformat(r["returned_at"]) if r["returned_at"] else None,
                where_found=r["where_found"],
                safe_and_well_done=r["safe_and_well_done"],
                police_reference=r["police_reference"],
            )
        )
    return result
