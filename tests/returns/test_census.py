"""The CIN census read back from records made through the services: exactly the elements expected,
in the schema's order, valid against the XSD where it agrees with the current rules."""

from datetime import date

import pytest
from django.utils import timezone
from lxml import etree

from frontdoor.returns import services
from frontdoor.returns.census import census_xml
from frontdoor.returns.census.model import Census, Child, Episode
from frontdoor.returns.census.schema import KNOWN_DIFFERENCES, schema_problems
from frontdoor.returns.models import ReturnKind
from frontdoor.returns.rules import CensusYear

pytestmark = pytest.mark.django_db


def _this_census_year() -> int:
    today = timezone.localdate()
    return today.year + 1 if today.month > 3 else today.year


def _tree(file) -> etree._Element:
    return etree.fromstring(bytes(file.content))


def _leaves(element: etree._Element) -> list[tuple[str, str]]:
    """Every element below `element` in document order: (path from element, text)."""
    out = []
    for node in element.iter():
        if node is element:
            continue
        path = (
            element.getroottree()
            .getpath(node)
            .split("/")[element.getroottree().getpath(element).count("/") + 1 :]
        )
        out.append(("/".join(p.split("[")[0] for p in path), (node.text or "").strip()))
    return out


def test_the_census_holds_the_referred_child_field_by_field_in_schema_order(casework):
    year = _this_census_year()
    file = services.cin_census_generate(actor=casework.lead, year=year)
    root = _tree(file)
    referral = casework.referral
    header = [(p, t) for p, t in _leaves(root.find("Header")) if p != "Source/DateTime"]
    assert header == [
        ("CollectionDetails", ""),
        ("CollectionDetails/Collection", "CIN"),
        ("CollectionDetails/Year", str(year)),
        ("CollectionDetails/ReferenceDate", f"{year}-03-31"),
        ("Source", ""),
        ("Source/SourceLevel", "L"),
        ("Source/LEA", "885"),
        ("Source/SoftwareCode", "Frontdoor"),
        ("Source/Release", "0.1.0"),
        ("Source/SerialNo", "001"),
    ]
    children = root.findall("Children/Child")
    assert len(children) == 1  # Ben's contact ended in advice: no episode, not in the census
    assert _leaves(children[0]) == [
        ("ChildIdentifiers", ""),
        ("ChildIdentifiers/LAchildID", casework.amelia.reference),
        ("ChildIdentifiers/UPNunknown", "UN2"),
        ("ChildIdentifiers/PersonBirthDate", "2014-06-09"),
        ("ChildIdentifiers/Sex", "F"),
        ("ChildCharacteristics", ""),
        ("ChildCharacteristics/Ethnicity", "MWBC"),
        ("ChildCharacteristics/Disabilities", ""),
        ("ChildCharacteristics/Disabilities/Disability", "AUT"),
        ("ChildCharacteristics/Disabilities/Disability", "COMM"),
        ("CINdetails", ""),
        ("CINdetails/CINreferralDate", referral.referral_date.isoformat()),
        ("CINdetails/ReferralSource", "2A"),
        ("CINdetails/PrimaryNeedCode", "N0"),  # under assessment: not stated yet
        ("CINdetails/ReferralNFA", "false"),
    ]
    assert (file.kind, file.year, file.children, file.rows) == (ReturnKind.CIN_CENSUS, year, 1, 1)
    assert file.person_ids == [casework.amelia.pk]


def test_a_closure_after_the_reference_date_has_not_happened_for_that_census(casework):
    referral = casework.referral
    year = referral.referral_date.year + (1 if referral.referral_date.month > 3 else 0)
    closed_on = date(year, 4, 2)  # after 31 March of the census year
    type(referral).objects.filter(pk=referral.pk).update(closure_date=closed_on, closure_reason="RC7")
    details = _tree(services.cin_census_generate(actor=casework.lead, year=year)).find(
        "Children/Child/CINdetails"
    )
    assert details.find("CINclosureDate") is None
    assert details.find("ReasonForClosure") is None


def test_a_census_year_before_the_referral_leaves_the_child_out(casework):
    year = casework.referral.referral_date.year - 1
    file = services.cin_census_generate(actor=casework.lead, year=year)
    assert _tree(file).findall("Children/Child") == []
    assert (file.children, file.person_ids) == (0, [])


def test_the_file_validates_against_the_xsd_with_the_known_differences_applied(casework):
    year = _this_census_year()
    xml = bytes(services.cin_census_generate(actor=casework.lead, year=year).content)
    assert schema_problems(xml, year=year) == []


def test_the_published_xsd_differs_from_the_current_rules_only_where_documented(casework):
    """The unpatched liia-tools XSD rejects the current field set at exactly one point: Sex."""
    year = _this_census_year()
    xml = bytes(services.cin_census_generate(actor=casework.lead, year=year).content)
    problems = schema_problems(xml, year=year, patched=False)
    assert len(problems) == 1
    expected = "Expected is one of ( ExpectedPersonBirthDate, GenderCurrent )."
    assert problems[0].endswith(f"Element 'Sex': This element is not expected. {expected}")
    assert set(KNOWN_DIFFERENCES) == {"Sex", "NumberOfPreviousCPP"}


def test_before_2024_25_the_census_returns_gender_current_and_passes_the_unpatched_xsd():
    episode = Episode(referral_id=1, referral_date=date(2023, 5, 2), source="6", primary_need="N1", nfa=False)
    child = Child(person_id=1, la_child_id="FD00000001", sex="F", ethnicity="WBRI", disabilities=["NONE"],
                  birth_date=date(2015, 1, 2), episodes=[episode])  # fmt: skip
    xml = census_xml(Census("885", CensusYear(2024), timezone.now(), [child]))
    assert schema_problems(xml, year=2024, patched=False) == []
    assert b"<GenderCurrent>2</GenderCurrent>" in xml
    assert b"<Sex>" not in xml


def test_a_child_born_after_the_reference_date_is_returned_unborn(casework):
    census = CensusYear(2026)
    from frontdoor.returns.census.people import child

    person = {
        "pk": 1, "reference": "FD00000001", "sex": "F", "ethnicity": "WBRI", "disabilities": [], "upn": "",
        "upn_unknown": "", "date_of_birth": date(2026, 5, 2), "expected_date_of_birth": date(2026, 4, 28),
        "date_of_death": None,
    }  # fmt: skip
    returned = child(person, [], census)
    assert (returned.birth_date, returned.expected_birth_date, returned.sex) == (None, date(2026, 4, 28), "U")
    assert returned.disabilities == ["NONE"]
