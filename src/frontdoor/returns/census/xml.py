"""The census as XML, in exactly the element order the schema's sequences require (standards.md
§2.1; CIN_schema_2024.xsd): a missing optional element is left out, never written empty.

No namespace (the DfE schema has none). Dates are xs:date (YYYY-MM-DD); yes/no values are "true"
and "false", which the validator's rules compare with.
"""

from datetime import date

from lxml import etree
from lxml.etree import _Element as Element

from frontdoor import __version__
from frontdoor.returns.census.model import Census, Child, Episode, ProtectionPlan

SOFTWARE = "Frontdoor"
# GenderCurrent (to 2023-24): 1 male, 2 female, 0 not recorded or unborn.
GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}


def _add(parent: Element, tag: str, value: object) -> Element | None:
    """A child element with text, or nothing when the value is absent."""
    if value is None or value == "":
        return None
    element = etree.SubElement(parent, tag)
    element.text = _text(value)
    return element


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def census_xml(census: Census) -> bytes:
    message = etree.Element("Message")
    _header(etree.SubElement(message, "Header"), census)
    children = etree.SubElement(message, "Children")
    for child in census.children:
        _child(etree.SubElement(children, "Child"), child, has_sex=census.year.has_sex)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _header(header: Element, census: Census) -> None:
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", census.year.year)
    _add(details, "ReferenceDate", census.year.reference_date)
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", census.la_code)
    _add(source, "SoftwareCode", SOFTWARE)
    _add(source, "Release", __version__)
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", census.generated_at.replace(microsecond=0, tzinfo=None).isoformat())


def _child(element: Element, child: Child, *, has_sex: bool) -> None:
    ids = etree.SubElement(element, "ChildIdentifiers")
    _add(ids, "LAchildID", child.la_child_id)
    _add(ids, "UPN", child.upn)
    _add(ids, "UPNunknown", child.upn_unknown)
    _add(ids, "PersonBirthDate", child.birth_date)
    _add(ids, "ExpectedPersonBirthDate", child.expected_birth_date)
    if has_sex:
        _add(ids, "Sex", child.sex)
    else:
        _add(ids, "GenderCurrent", GENDER_CURRENT[child.sex])
    _add(ids, "PersonDeathDate", child.death_date)
    characteristics = etree.SubElement(element, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.ethnicity)
    disabilities = etree.SubElement(characteristics, "Disabilities")
    for code in child.disabilities:
        _add(disabilities, "Disability", code)
    for episode in child.episodes:
        _episode(etree.SubElement(element, "CINdetails"), episode)


def _episode(element: Element, episode: Episode) -> None:
    _add(element, "CINreferralDate", episode.referral_date)
    _add(element, "ReferralSource", episode.source)
    _add(element, "PrimaryNeedCode", episode.primary_need)
    _add(element, "CINclosureDate", episode.closure_date)
    _add(element, "ReasonForClosure", episode.closure_reason)
    _add(element, "DateOfInitialCPC", episode.initial_cpc)
    for assessment in episode.assessments:
        block = etree.SubElement(element, "Assessments")
        _add(block, "AssessmentActualStartDate", assessment.start)
        _add(block, "AssessmentInternalReviewDate", assessment.internal_review)
        _add(block, "AssessmentAuthorisationDate", assessment.authorised)
        if assessment.factors:
            factors = etree.SubElement(block, "FactorsIdentifiedAtAssessment")
            for code in assessment.factors:
                _add(factors, "AssessmentFactors", code)
    for plan in episode.cin_plans:
        block = etree.SubElement(element, "CINPlanDates")
        _add(block, "CINPlanStartDate", plan.start)
        _add(block, "CINPlanEndDate", plan.end)
    for s47 in episode.section47s:
        block = etree.SubElement(element, "Section47")
        _add(block, "S47ActualStartDate", s47.start)
        _add(block, "InitialCPCtarget", s47.icpc_target)
        _add(block, "DateOfInitialCPC", s47.icpc_date)
        _add(block, "ICPCnotRequired", s47.icpc_not_required)
    _add(element, "ReferralNFA", episode.nfa)
    for cpp in episode.protection_plans:
        _protection_plan(etree.SubElement(element, "ChildProtectionPlans"), cpp)


def _protection_plan(block: Element, cpp: ProtectionPlan) -> None:
    _add(block, "CPPstartDate", cpp.start)
    _add(block, "CPPendDate", cpp.end)
    _add(block, "InitialCategoryOfAbuse", cpp.initial_category)
    _add(block, "LatestCategoryOfAbuse", cpp.latest_category)
    _add(block, "NumberOfPreviousCPP", cpp.previous_plans)
    if cpp.reviews:
        reviews = etree.SubElement(block, "Reviews")
        for day in cpp.reviews:
            _add(reviews, "CPPreviewDate", day)
