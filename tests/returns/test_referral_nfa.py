"""Issue 18: ReferralNFA was never true. A referral closed before any assessment, section 47 or plan
ended with no further action, and the census (and Annex A List 3) say so; the synthetic county has
such referrals in about Worcestershire's share."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import Section47
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals.models import Referral
from frontdoor.returns import services
from frontdoor.synthetic.generator import generate
from frontdoor.synthetic.profiles import PROFILES
from tests.synthetic.conftest import END, SEED

from .entry import assess, close, episode

pytestmark = pytest.mark.django_db


def _census_episodes(lead) -> dict[str, list[tuple[str, str]]]:
    today = timezone.localdate()
    file = services.cin_census_generate(actor=lead, year=today.year + (today.month > 3))
    root = etree.fromstring(bytes(file.content))
    return {
        child.findtext("ChildIdentifiers/LAchildID"): [
            (node.tag, node.text or "") for node in child.find("CINdetails") if len(node) == 0
        ]
        for child in root.findall("Children/Child")
    }


def test_a_referral_closed_before_any_assessment_is_returned_as_nfa(la, manager, casework):
    nfa = episode(la, manager, weeks_ago=3, outcome="assessment")
    assessed = episode(la, manager, weeks_ago=3, outcome="assessment")
    day = nfa.referral.referral_date
    assess(assessed, start=day, authorised=day + timedelta(days=2))
    assert close(nfa, on=day + timedelta(days=1)).nfa is True
    assert close(assessed, on=day + timedelta(days=2), reason="RC8").nfa is False
    episodes = _census_episodes(casework.lead)
    assert episodes[nfa.child.reference] == [
        ("CINreferralDate", day.isoformat()),
        ("ReferralSource", "6"),
        ("CINclosureDate", (day + timedelta(days=1)).isoformat()),
        ("ReasonForClosure", "RC7"),
        ("ReferralNFA", "true"),
    ]
    assert ("ReferralNFA", "false") in episodes[assessed.child.reference]
    list_3 = list(
        load_workbook(
            io.BytesIO(
                bytes(services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate()).content)
            )
        )["List 3"].iter_rows(values_only=True)
    )
    assert {row[0]: row[7] for row in list_3[1:]}[nfa.child.reference] == "a) Yes"


def test_the_synthetic_authority_has_referrals_with_no_further_action():
    generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885")
    nfa = Referral.objects.filter(nfa=True)
    # 69 with the earlier plans before the window (31.4% of plans a second one, Worcestershire 2025).
    assert (nfa.count(), Referral.objects.count()) == (3, 69)  # 4.4% (Worcestershire 2024-25: 3.6%)
    assert set(nfa.values_list("closure_reason", flat=True)) == {"RC7"}
    assert all(r.referral_date <= r.closure_date for r in nfa)
    ids = list(nfa.values_list("pk", flat=True))
    for model in (Assessment, Section47, ChildInNeedPlan):
        assert model.objects.filter(referral_id__in=ids).count() == 0
    assert nfa.exclude(primary_need="").count() == 0
