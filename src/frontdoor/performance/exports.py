"""Downloads for scrutiny (issue 20 §5): any leaders' page as a CSV of its table and as a one-page
PDF for a committee paper. A page builds one `Paper` (title, what it shows, the chart's SVG, the
table, the definitions and sources) and answers `?format=csv` or `?format=pdf` through `respond`,
so every page downloads the same way and the PDF always says where its numbers come from.

The PDF is made by WeasyPrint from performance/paper.html (A4 landscape, one page: long tables are
cut until it fits, with a line saying how many rows are left out, and the CSV holds them all).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from frontdoor.performance.rules import spreadsheet_safe

FORMATS = ("csv", "pdf")
# Rows that fit on one A4 landscape page under a chart; the rest are in the CSV.
PDF_ROWS = 16


@dataclass(frozen=True)
class Paper:
    """One page's content as a committee would read it."""

    slug: str  # the file name's stem, e.g. "trend-contacts-2021-04-to-2026-03"
    title: str
    summary: str  # what the page shows, in a sentence
    authority: str
    made_at: datetime
    headings: Sequence[str]
    rows: Sequence[Sequence[Any]]
    chart_svg: SafeString | None = None  # the same SVG the page draws (presentation attributes only)
    notes: Sequence[str] = field(default_factory=tuple)  # definitions, differences from the DfE's, sources


def wanted(request: HttpRequest) -> str | None:
    """The download asked for, or None for the page itself (an unknown format is the page)."""
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def csv_response(paper: Paper) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{paper.slug}.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(paper.headings)
    for row in paper.rows:
        writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
    return response


def pdf_bytes(paper: Paper) -> bytes:
    """The paper as a one-page PDF. WeasyPrint is imported here: it loads Pango, which only
    downloads need."""
    import weasyprint

    # Rows are cut until the page fits (a long summary or notes leave room for fewer).
    count = min(PDF_ROWS, len(paper.rows))
    while True:
        html = render_to_string(
            "performance/paper.html",
            {"paper": paper, "rows": paper.rows[:count], "left_out": len(paper.rows) - count},
        )
        document = weasyprint.HTML(string=html).render()
        if len(document.pages) == 1 or count == 0:
            return bytes(document.write_pdf())
        count = max(0, count - 4)


def pdf_response(paper: Paper) -> HttpResponse:
    response = HttpResponse(pdf_bytes(paper), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{paper.slug}.pdf"'
    return response


def respond(request: HttpRequest, paper: Paper) -> HttpResponse | None:
    """The download the request asks for, or None when it asks for the page."""
    match wanted(request):
        case "csv":
            return csv_response(paper)
        case "pdf":
            return pdf_response(paper)
    return None
