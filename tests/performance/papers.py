"""Checks for the leaders' downloads (performance.exports): a PDF is one A4 landscape page with
dark text on it, rendered to an image by pypdfium2, and a CSV parses back to its rows."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse


def pdf_page_image(response: HttpResponse):
    """The one page of a PDF download as a PIL image at 36 dpi (A4 landscape: 421 x 298)."""
    import pypdfium2 as pdfium

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    pdf = pdfium.PdfDocument(io.BytesIO(response.content))
    assert len(pdf) == 1
    image = pdf[0].render(scale=0.5).to_pil()
    assert image.size == (421, 298)
    assert image.convert("L").getextrema()[0] < 100  # there is dark text on the page
    return image


def csv_rows(response: HttpResponse) -> list[list[str]]:
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))
