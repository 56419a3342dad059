""" "How do we compare?" (issue 20 §2, §5): the authority's figures beside the published ones for
England, its region and neighbours, a page per measure, the downloads, who may see them and a fixed
number of queries whatever the volume."""

import csv
import io
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.benchmarks import rules
from frontdoor.benchmarks.models import NeighbourSet
from frontdoor.organisations.models import Role
from tests import builders
from tests.performance.papers import csv_rows, pdf_page_image

DATA = Path(__file__).parent / "data"
C1 = DATA / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
CHILDREN_885 = 120119  # ONS mid-2024, in tests/benchmarks/data
OVERVIEW = "/compare/"


def published(column: str, year: str = "2025") -> dict[str, Decimal]:
    """Every area's published value in C1 that year, by LA code (England and the region by code)."""
    with C1.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["time_period"] == year]
    out = {}
    for r in rows:
        code = r["old_la_code"] or r["region_code"] or r["country_code"]
        out[code] = Decimal(r[column])
    return out


@pytest.fixture
def loaded(db):
    call_command("benchmarks", "load", "--dir", str(DATA), stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def leader(la):
    return builders.user(la, Role.SENIOR_LEADER)


def row_text(html: str, slug: str) -> str:
    start = html.index(f'data-testid="measure-{slug}"')
    return html[start : html.index("</tr>", start)]


def test_the_comparison_shows_the_published_figures_rank_quartile_and_frontdoors_own(
    client, loaded, la, leader
):
    builders.referral(la, builders.user(la), days_ago=40)
    client.force_login(leader)

    html = client.get(OVERVIEW).content.decode()

    rates = published("rereferral_percent")
    others = [v for code, v in rates.items() if code.isdigit() and code != "885"]
    standing = rules.standing(rates["885"], others)
    assert standing == rules.Standing(
        rank=1 + sum(1 for v in others if v < rates["885"]), of=15, quartile=standing.quartile
    )
    neighbours = NeighbourSet.objects.get(la_code="885").neighbours.values_list("la_code", flat=True)
    mean = rules.mean([rates[code] for code in neighbours])
    row = row_text(html, "re-referrals")
    cells = [f">{rates['885']}%<", f">{rates['E92000001']}%<", f">{rates['E12000005']}%<", f">{mean}%<"]
    assert all(cell in row for cell in cells), row
    assert f">{standing.rank} of 15<" in row
    # Frontdoor's own: one referral in the window, per 10,000 of Worcestershire's children.
    own = rules.rate_per_10k(1, CHILDREN_885)
    assert own == Decimal("0.1")
    assert ">0.1<" in row_text(html, "referrals")
    assert "Frontdoor&#x27;s records begin on" in html
    assert "Neighbours: Computed by Frontdoor, not the DfE&#x27;s list" in html


def test_frontdoors_figure_links_to_the_children_behind_it(client, loaded, la, leader):
    builders.referral(la, builders.user(la), days_ago=40)
    client.force_login(leader)
    response = client.get(reverse("benchmarks:measure", args=["referrals"]))
    window = response.context["comparison"].window
    query = urlencode({"from": window.first.isoformat(), "to": window.last.isoformat(), "result": "all"})
    assert response.context["drilldown_href"] == f"/performance/re-referrals/children/?{query}"
    assert f'href="{response.context["drilldown_href"].replace("&", "&amp;")}"' in response.content.decode()
    drilled = client.get(response.context["drilldown_href"])
    assert drilled.status_code == 200
    assert len(drilled.context["rows"]) == 1


def test_a_measures_page_has_the_chart_every_neighbour_and_every_year(client, loaded, la, leader):
    client.force_login(leader)
    response = client.get(reverse("benchmarks:measure", args=["re-referrals"]))
    html = response.content.decode()
    assert html.count('data-testid="chart"') == 1
    neighbours = list(NeighbourSet.objects.get(la_code="885").neighbours.values_list("name", flat=True))
    points = [p.label for p in response.context["points"]]
    assert points[1:5] == ["Worcestershire, published", "England", "West Midlands", "Neighbours' mean"]
    assert points[5:] == neighbours
    assert [row[0] for row in response.context["history"]] == ["2024-25", "2023-24"]
    assert response.context["history"][0][1] == f"{published('rereferral_percent')['885']}%"
    # How Frontdoor's re-referral figure differs from the DfE's, on the page.
    assert "referrals are counted by when the contact was received" in html


def test_a_measure_the_tables_do_not_publish_says_so(client, loaded, leader):
    client.force_login(leader)
    html = client.get(reverse("benchmarks:measure", args=["assessments-45wd"])).content.decode()
    assert 'data-testid="not-published"' in html


def test_downloads_csv_and_one_page_pdf(client, loaded, leader):
    client.force_login(leader)
    rows = csv_rows(client.get(OVERVIEW + "?format=csv"))
    assert rows[0][:4] == ["Measure", "Unit", rows[0][2], "Worcestershire published, 2024-25"]
    assert rows[0][2].startswith("Frontdoor, ")
    assert [r[0] for r in rows[1:]] == [
        "Referrals",
        "Re-referrals within 12 months",
        "Referrals ending in no further action",
        "Children in need at 31 March",
        "Child protection plans started",
        "Child protection plans at 31 March",
        "Second or subsequent child protection plans",
        "Child protection plans open two years or more",
        "Children looked after at 31 March",
        "Assessments completed within 45 working days",
        "Initial conferences within 15 working days",
    ]
    paper = client.get(OVERVIEW + "?format=pdf")
    pdf_page_image(paper)
    text = pdfium.PdfDocument(io.BytesIO(paper.content))[0].get_textpage().get_text_range()
    assert "Initial conferences within 15" in text  # every measure on the one page
    assert "more rows in the CSV" not in text
    history = csv_rows(client.get(reverse("benchmarks:measure", args=["re-referrals"]) + "?format=csv"))
    assert len(history) == 3
    assert len(history[0]) == 7 + 10  # the year's figures and each neighbour's
    pdf_page_image(client.get(reverse("benchmarks:measure", args=["re-referrals"]) + "?format=pdf"))


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_queries_are_the_same_for_one_referral_and_five(client, loaded, la, leader):
    manager = builders.user(la)
    builders.referral(la, manager, days_ago=40)
    client.force_login(leader)
    one = (_queries(client, OVERVIEW), _queries(client, reverse("benchmarks:measure", args=["cp-plans"])))
    for _ in range(4):
        builders.referral(la, manager, days_ago=40)
    five = (_queries(client, OVERVIEW), _queries(client, reverse("benchmarks:measure", args=["cp-plans"])))
    assert one == five
    html = client.get(OVERVIEW).content.decode()
    assert f">{rules.rate_per_10k(5, CHILDREN_885)}<" in row_text(html, "referrals")


def test_before_the_tables_are_loaded_the_page_says_how_to_load_them(client, db, leader):
    client.force_login(leader)
    html = client.get(OVERVIEW).content.decode()
    assert 'data-testid="not-loaded"' in html
    assert "frontdoor benchmarks load" in html
    measure = client.get(reverse("benchmarks:measure", args=["referrals"])).content.decode()
    assert 'data-testid="not-loaded"' in measure


def test_an_authority_whose_code_is_not_published_is_told(client, loaded):
    other = builders.authority("999", "Nowhere (test)")
    client.force_login(builders.user(other, Role.SENIOR_LEADER))
    html = client.get(OVERVIEW).content.decode()
    assert "no authority with LA code 999" in html


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.CONTACT_OFFICER, Role.ADMINISTRATOR])
def test_roles_without_the_permission_are_refused(client, loaded, la, role):
    client.force_login(builders.user(la, role))
    assert client.get(OVERVIEW).status_code == 403


def test_an_unknown_measure_is_not_found(client, loaded, leader):
    client.force_login(leader)
    assert client.get("/compare/no-such-measure/").status_code == 404
