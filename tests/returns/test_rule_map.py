"""Every ERROR rule of the DfE CIN validator is either prevented where the record is made (a function
or constraint that exists) or has a written reason why it cannot be (issue 7)."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps

from frontdoor.returns import rule_map

RULES_TABLE = Path(__file__).with_name("data") / "cin_rules_table.md"
CASEWORK_APPS = ("referrals", "assessments", "plans", "child_protection")


def error_rules() -> list[str]:
    rows = re.findall(r"^\| (\w+) \| (ERROR|QUERY) \|", RULES_TABLE.read_text(), re.M)
    return [code for code, kind in rows if kind == "ERROR"]


def prevented_by_apps() -> dict[str, str]:
    """Every installed casework app's rules.RULES_PREVENTED, merged (a rule may be kept in several)."""
    found: dict[str, str] = {}
    for label in CASEWORK_APPS:
        if not apps.is_installed(f"frontdoor.{label}"):
            continue
        module = importlib.import_module(f"frontdoor.{label}.rules")
        found |= getattr(module, "RULES_PREVENTED", {})
    return found | rule_map.PREVENTED_AT_ENTRY


def resolves(place: str) -> bool:
    """ "module.attribute" or "module.Model (constraint)", with or without the "frontdoor." prefix."""
    dotted, _, constraint = place.partition(" ")
    dotted = dotted if dotted.startswith("frontdoor.") else f"frontdoor.{dotted}"
    module_name, _, attribute = dotted.rpartition(".")
    target = getattr(importlib.import_module(module_name), attribute, None)
    if target is None:
        return False
    if constraint:
        names = {c.name for c in target._meta.constraints}
        return constraint.strip("()") in names
    return True


def test_the_rules_table_has_the_83_error_rules_of_cin2025_26():
    assert len(error_rules()) == 83


def test_every_error_rule_is_prevented_at_entry_or_has_a_reason():
    prevented = prevented_by_apps()
    explained = (
        set(rule_map.ENSURED_BY_THE_CENSUS)
        | set(rule_map.NOT_PREVENTABLE_AT_ENTRY)
        | set(rule_map.NOT_YET_PREVENTED)
    )
    unmapped = sorted(set(error_rules()) - set(prevented) - explained)
    assert unmapped == []


def test_no_rule_is_both_prevented_and_excused():
    """A rule kept at entry is not also in a list of reasons, so the reasons never go stale."""
    excused = set(rule_map.NOT_PREVENTABLE_AT_ENTRY) | set(rule_map.NOT_YET_PREVENTED)
    assert sorted(excused & set(prevented_by_apps())) == []


def test_every_place_named_exists():
    missing = sorted(f"{code}: {place}" for code, place in prevented_by_apps().items() if not resolves(place))
    assert missing == []


def test_every_reason_is_written_out_and_names_only_real_error_rules():
    errors = set(error_rules())
    assert set(rule_map.PREVENTED_AT_ENTRY) <= errors
    for reasons in (
        rule_map.ENSURED_BY_THE_CENSUS,
        rule_map.NOT_PREVENTABLE_AT_ENTRY,
        rule_map.NOT_YET_PREVENTED,
    ):
        assert set(reasons) <= errors
        assert all(len(text.split()) >= 10 for text in reasons.values())


@pytest.mark.parametrize(
    "place", ["people.rules.no_such_rule", "referrals.models.Referral (no_such_constraint)"]
)
def test_a_place_that_does_not_exist_is_caught(place):
    assert not resolves(place)
