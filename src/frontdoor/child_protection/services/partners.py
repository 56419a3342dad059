"""The named partner agencies behind the agency kinds at a meeting (issue 10): checked together, by
form field ("partner_<agency>"), before anything is written."""

from collections.abc import Iterable, Mapping

from frontdoor.child_protection import partner_rules
from frontdoor.child_protection.models import Agency
from frontdoor.organisations.models import PartnerAgency

Partners = Mapping[str, PartnerAgency | None]


def field_for(agency: str) -> str:
    return f"partner_{agency}"


def partner_problems(
    authority_id: int, partners: Partners, present: Iterable[str], *, how: str = "invited or attended"
) -> dict[str, str]:
    """Each named agency must be the authority's own, of the kind it stands for, and that kind must
    be among `present` (the agencies ticked as there, or sent to)."""
    labels = dict(Agency.choices)
    there = set(present)
    problems: dict[str, str] = {}
    for agency, partner in partners.items():
        if partner is None:
            continue
        message = partner_rules.partner_problem(
            agency=agency,
            label=labels.get(agency, agency),
            partner_kind=partner.kind,
            partner_authority=partner.authority_id,
            authority=authority_id,
            present=agency in there,
            how=how,
        )
        if message:
            problems[field_for(agency)] = message
    return problems


def named(partners: Partners | None) -> dict[str, PartnerAgency]:
    """The agencies actually named (blank choices dropped)."""
    return {agency: partner for agency, partner in (partners or {}).items() if partner is not None}


def audit_view(partners: Mapping[str, PartnerAgency]) -> dict[str, int]:
    return {agency: partner.pk for agency, partner in sorted(partners.items())}
