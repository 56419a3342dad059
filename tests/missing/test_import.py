"""Importing a police spreadsheet (CSV or .xlsx): every row checked, rows that cannot be read
reported with their row number and reason, nothing imported unless every row is good, and only an
explicit second step imports the valid rows. Children are matched, never created."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from frontdoor.audit.models import AuditEvent
from frontdoor.missing import imports
from frontdoor.missing.imports import FileProblem, RowProblem
from frontdoor.missing.models import MissingEpisode
from frontdoor.people.models import Person
from tests import builders

pytestmark = pytest.mark.django_db

HEADINGS = ["First name", "Last name", "Date of birth", "Looked after", "Went missing", "Reported",
            "Notified", "Returned", "Where found", "Safe and well", "Police reference"]  # fmt: skip


def when(hours_ago: float) -> str:
    return timezone.localtime(timezone.now() - timedelta(hours=hours_ago)).strftime("%d/%m/%Y %H:%M")


def row(first="Amy", last="Example", dob="04/05/2012", reference="MP-1", **changes):
    values = {
        "First name": first,
        "Last name": last,
        "Date of birth": dob,
        "Looked after": "Y",
        "Went missing": when(30),
        "Reported": when(29),
        "Notified": when(28),
        "Returned": when(20),
        "Where found": "Town centre",
        "Safe and well": "Y",
        "Police reference": reference,
    } | changes
    return [values[h] for h in HEADINGS]


def csv_bytes(rows, headings=HEADINGS, encoding="utf-8") -> bytes:
    lines = [",".join(headings), *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.fixture
def children(la):
    return {
        "amy": builders.child(la, "Amy", "Example", dob=date(2012, 5, 4)),
        "ben": builders.child(la, "Ben", "Sample", dob=date(2011, 1, 9)),
    }


def report(actor, content, name="police.csv"):
    return imports.read_report(actor=actor, name=name, content=content)


def test_a_good_csv_is_read_row_by_row_with_each_child_matched(officer, children):
    got = report(
        officer, csv_bytes([row(), row("Ben", "Sample", "09/01/2011", "MP-2", **{"Looked after": "N"})])
    )
    assert (got.rows_read, got.problems, got.all_valid) == (2, [], True)
    assert [(n, d.person, d.looked_after, d.police_reference) for n, d in got.valid] == [
        (2, children["amy"], True, "MP-1"),
        (3, children["ben"], False, "MP-2"),
    ]


def test_a_typing_slip_in_the_surname_still_finds_the_child(officer, children):
    got = report(officer, csv_bytes([row(last="Exmaple")]))
    assert got.problems == []
    assert got.valid[0][1].person == children["amy"]


def test_bad_rows_are_reported_with_their_row_number_and_reason(officer, children):
    got = report(
        officer,
        csv_bytes([
            row(),
            row(reference="MP-2", **{"Went missing": "31/02/2026 10:00"}),
            row("Zed", "Nobody", "01/01/2010", "MP-3"),
            row(reference="MP-4", **{"Looked after": "maybe", "Police reference": ""}),
            row(reference="MP-1"),
            row(reference="MP-6", Reported=when(31)),
        ]),
    )  # fmt: skip
    assert got.rows_read == 6
    assert [n for n, _ in got.valid] == [2]
    assert got.problems == [
        RowProblem(3, "Went missing '31/02/2026 10:00' is not a date and time like 27/03/2026 14:05"),
        RowProblem(4, "No child matches Zed Nobody, born 01/01/2010: record the child at the front door, "
                      "then import again"),
        RowProblem(5, "Police reference is missing"),
        RowProblem(5, "Looked after must be Y or N, not 'maybe'"),
        RowProblem(6, "Police reference MP-1 is also on row 2"),
        RowProblem(7, "The report to police cannot be before the child went missing"),
    ]  # fmt: skip


def test_two_children_the_row_could_be_is_not_guessed(la, officer, children):
    builders.child(la, "Amy", "Example", dob=date(2012, 5, 4))  # a second Amy Example, same birthday
    got = report(officer, csv_bytes([row()]))
    assert got.valid == []
    assert got.problems[0].reason.startswith("More than one child, or no child clearly, matches Amy Example")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "police.csv", "The file is empty"),
        (b"  \n", "police.csv", "The file is empty"),
        (",".join(HEADINGS).encode() + b"\n", "police.csv", "The file has headings but no rows"),
        (b"First name,Last name\nAmy,Example\n", "police.csv",
         "The file has no column for: Date of birth, Looked after, Went missing, Reported, Notified, "
         "Police reference"),
        ("First name,Last name\nZoë,Brontë\n".encode("latin-1"), "police.csv",
         "The file is not UTF-8 text: save it as 'CSV UTF-8' and upload it again"),
        (b"PK\x03\x04 not a workbook", "police.xlsx", "The file could not be read as an Excel workbook"),
        (b"%PDF-1.7", "police.pdf", "The file must be a CSV or an Excel (.xlsx) file"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_refused_whole(officer, content, name, message):
    with pytest.raises(FileProblem) as refused:
        report(officer, content, name)
    assert str(refused.value) == message


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_with_real_dates_and_text_dates_is_read(officer, children):
    went = timezone.localtime(timezone.now() - timedelta(hours=30)).replace(
        tzinfo=None, second=0, microsecond=0
    )
    native = row(**{"Date of birth": date(2012, 5, 4), "Went missing": went})
    got = report(officer, xlsx_bytes([native, row("Ben", "Sample", "09/01/2011", "MP-2")]), "police.xlsx")
    assert got.problems == []
    first = got.valid[0][1]
    assert first.person == children["amy"]
    assert timezone.localtime(first.went_missing_at).replace(tzinfo=None) == went


def upload(client, content, name="police.csv"):
    return client.post(reverse("missing:import"), {"file": SimpleUploadedFile(name, content)})


def test_all_good_rows_are_imported_at_once_with_their_clocks(client, officer, children):
    client.force_login(officer)
    response = upload(client, csv_bytes([row(), row("Ben", "Sample", "09/01/2011", "MP-2")]))
    assert response.status_code == 302
    episodes = MissingEpisode.objects.order_by("police_reference")
    assert [(e.person, e.source, e.police_reference) for e in episodes] == [
        (children["amy"], "imported", "MP-1"),
        (children["ben"], "imported", "MP-2"),
    ]
    assert all(e.oversight_clock_id and e.interview_clock_id for e in episodes)
    assert AuditEvent.objects.filter(action="missing.episode_imported").count() == 2
    assert Person.objects.count() == 2  # nobody created


def test_one_bad_row_imports_nothing_until_the_valid_rows_are_chosen_explicitly(client, officer, children):
    client.force_login(officer)
    people = Person.objects.count()
    response = upload(client, csv_bytes([row(), row("Zed", "Nobody", "01/01/2010", "MP-3")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: 1 problem in 2 rows" in page
    assert "Import the 1 valid row only" in page
    assert MissingEpisode.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="missing.").count() == 0
    response = client.post(reverse("missing:import"), {"step": "valid_rows"})
    assert response.status_code == 302
    assert list(MissingEpisode.objects.values_list("police_reference", flat=True)) == ["MP-1"]
    assert Person.objects.count() == people
    # The kept rows are used once: a second press imports nothing more.
    response = client.post(reverse("missing:import"), {"step": "valid_rows"})
    assert "There are no checked rows waiting" in response.content.decode()
    assert MissingEpisode.objects.count() == 1


def test_importing_the_same_file_twice_adds_nothing_the_second_time(client, officer, children):
    client.force_login(officer)
    upload(client, csv_bytes([row()]))
    response = upload(client, csv_bytes([row()]))
    assert "Police reference MP-1 is already recorded" in response.content.decode()
    assert MissingEpisode.objects.count() == 1


def test_a_file_problem_is_shown_beside_the_upload(client, officer):
    client.force_login(officer)
    response = upload(client, "a,b\n1,2\n".encode("utf-16"))
    assert response.status_code == 200
    assert "The file is not UTF-8 text" in response.content.decode()
    assert MissingEpisode.objects.count() == 0
