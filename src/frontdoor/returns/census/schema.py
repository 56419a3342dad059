"""Checking a census file against the CIN XML schema, where the schema agrees with the current rules.

The schema shipped here (schema/CIN_schema_2024.xsd, from Social Finance's liia-tools, the newest
published XSD; 2023 and 2024 are identical) predates the 2024-25 changes. KNOWN_DIFFERENCES lists
where it disagrees with the rules the DfE validator applies; `current_schema` patches exactly those
points and nothing else, so everything the XSD can check (element order, cardinality, code lists,
date and UPN formats) is still checked.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lxml import etree

from frontdoor.returns.rules import FIRST_YEAR_WITH_SEX

XS = "http://www.w3.org/2001/XMLSchema"
SCHEMA_NAME = "CIN_schema_2024.xsd"
NS = {"xs": XS}

KNOWN_DIFFERENCES: dict[str, str] = {
    "Sex": "From 2024-25 the census returns Sex (N00783: M, F or U; rules 4180 and 8750) in place of "
    "GenderCurrent (1/2/0/9). The XSD still requires GenderCurrent: for census years from "
    f"{FIRST_YEAR_WITH_SEX} the element is renamed Sex and typed M/F/U.",
    "NumberOfPreviousCPP": "The XSD types NumberOfPreviousCPP as xs:positiveInteger, which rejects 0, "
    "the value for a child's first plan; rule 8730 only requires it to be present. Typed "
    "xs:nonNegativeInteger here.",
}


def _schema_document() -> etree._ElementTree:
    path = resources.files("frontdoor.returns") / "schema" / SCHEMA_NAME
    return etree.parse(str(path))


def _patch_sex(document: etree._ElementTree) -> None:
    element = document.find(".//xs:element[@name='GenderCurrent']", NS)
    assert element is not None  # noqa: S101 - the shipped schema has it
    element.set("name", "Sex")
    element.set("type", "sextype")
    sex = etree.SubElement(document.getroot(), f"{{{XS}}}simpleType", name="sextype")
    restriction = etree.SubElement(sex, f"{{{XS}}}restriction", base="xs:string")
    for code in ("M", "F", "U"):
        etree.SubElement(restriction, f"{{{XS}}}enumeration", value=code)


def _patch_previous_plans(document: etree._ElementTree) -> None:
    element = document.find(".//xs:element[@name='NumberOfPreviousCPP']", NS)
    assert element is not None  # noqa: S101
    element.set("type", "xs:nonNegativeInteger")


@cache
def original_schema() -> etree.XMLSchema:
    return etree.XMLSchema(_schema_document())


@cache
def current_schema(year: int) -> etree.XMLSchema:
    """The XSD with KNOWN_DIFFERENCES applied for the census year ending 31 March `year`."""
    document = _schema_document()
    if year >= FIRST_YEAR_WITH_SEX:
        _patch_sex(document)
    _patch_previous_plans(document)
    return etree.XMLSchema(document)


def schema_problems(xml: bytes, *, year: int, patched: bool = True) -> list[str]:
    """Every schema error in the file: "line N: message"; empty when it validates."""
    schema = current_schema(year) if patched else original_schema()
    schema.validate(etree.fromstring(xml))
    return [f"line {error.line}: {error.message}" for error in schema.error_log]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SchemaReport:
    """A census file against the XSD: `errors` under the schema as patched for the current rules (a
    file fit to send has none), and how many places the unpatched XSD rejects at each of the
    KNOWN_DIFFERENCES, which are the schema's own age, not errors in the file."""

    errors: list[str]
    documented: dict[str, int] = field(default_factory=dict)


def schema_report(xml: bytes, *, year: int) -> SchemaReport:
    """Both checks of one file, for `frontdoor cin-census --validate` beside the DfE rules (issue 18)."""
    documented: Counter[str] = Counter()
    for problem in schema_problems(xml, year=year, patched=False):
        element = next((name for name in KNOWN_DIFFERENCES if f"'{name}'" in problem), None)
        if element is not None:
            documented[element] += 1
    return SchemaReport(errors=schema_problems(xml, year=year), documented=dict(documented))
