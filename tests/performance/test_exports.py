from datetime import UTC, datetime

from django.test import RequestFactory
from django.utils.safestring import mark_safe

from frontdoor.performance import exports
from tests.performance.papers import csv_rows, pdf_page_image

SVG = mark_safe(
    '<svg viewBox="0 0 100 40" xmlns="http://www.w3.org/2000/svg">'
    '<rect x="0" y="0" width="60" height="40" fill="#003078"/></svg>'
)


def _paper(rows: int) -> exports.Paper:
    return exports.Paper(
        slug="trend-contacts",
        title="Children's contacts by month",
        summary="Contacts received each month, with the mean and control limits.",
        authority="Worcestershire (synthetic)",
        made_at=datetime(2026, 12, 8, 9, 30, tzinfo=UTC),
        headings=("Month", "Contacts"),
        rows=[(f"Month {n}", n) for n in range(rows)] + [("=HYPERLINK(1)", 5)],
        chart_svg=SVG,
        notes=("Source: Frontdoor's contacts, counted by date received.",),
    )


def test_the_page_itself_is_answered_when_no_or_an_unknown_format_is_asked():
    factory = RequestFactory()
    assert exports.respond(factory.get("/"), _paper(2)) is None
    assert exports.respond(factory.get("/?format=xlsx"), _paper(2)) is None


def test_the_csv_holds_every_row_with_formulas_defused():
    response = exports.respond(RequestFactory().get("/?format=csv"), _paper(40))
    rows = csv_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="trend-contacts.csv"'
    assert len(rows) == 42
    assert rows[0] == ["Month", "Contacts"]
    assert rows[-1] == ["'=HYPERLINK(1)", "5"]


def test_a_long_table_still_makes_one_page_saying_how_many_rows_are_left_out():
    paper = _paper(40)
    response = exports.respond(RequestFactory().get("/?format=pdf"), paper)
    assert response["Content-Disposition"] == 'attachment; filename="trend-contacts.pdf"'
    pdf_page_image(response)
    html = exports.render_to_string(
        "performance/paper.html", {"paper": paper, "rows": paper.rows[:18], "left_out": 23}
    )
    assert "23 more rows in the CSV download." in html
    assert "Source: Frontdoor&#x27;s contacts, counted by date received." in html
