"""Run the DfE CIN validator on one file and print its issues as JSON.

Executed by the validator's own interpreter (its virtual environment: csc-validator-be-cin needs
pandas < 2), never imported by Frontdoor: it imports nothing from Django or Frontdoor.

    .venv-cin/bin/python validator_runner.py FILE.xml cin2025_26

Output: {"issues": [{"rule_code", "rule_type", "message", "la_child_id", "tables", "columns",
"value"}], "validator": "csc-validator-be-cin 0.1.13"}. One issue per rule, child and linked
location (the validator's ERROR_ID); issues about the whole return have no child.
"""

import importlib
import json
import sys
import xml.etree.ElementTree as ET
from importlib.metadata import version


def _blank(value: object) -> str:
    text = "" if value is None else str(value)
    return "" if text in ("nan", "None", "NaT") else text


def _issue(code: str, kinds: dict[str, str], row: dict, child: str) -> dict[str, str]:  # type: ignore[type-arg]
    return {
        "rule_code": code,
        "rule_type": kinds.get(code, "ERROR"),
        "message": _blank(row["rule_description"]),
        "la_child_id": child,
        "tables": "",
        "columns": "",
        "value": "",
    }


def main(path: str, ruleset: str) -> None:
    from cin_validator import cin_validator  # the validator's environment only

    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    kinds = {str(rule.code): rule.rule_type.name for _, rule in registry.items()}
    tables = cin_validator.process_data(cin_validator.convert_data(ET.parse(path).getroot()))  # noqa: S314
    result = cin_validator.CinValidator(tables, registry, selected_rules=None)
    issues: dict[tuple[str, ...], dict[str, str]] = {}
    for row in result.user_report.to_dict("records"):
        code, child = _blank(row["rule_code"]), _blank(row["LAchildID"])
        link = (
            _blank(row["ERROR_ID"]) or f"{row['tables_affected']}.{row['columns_affected']}.{row['ROW_ID']}"
        )
        issue = issues.setdefault((code, child, link), _issue(code, kinds, row, child))
        for key, column in (("tables", "tables_affected"), ("columns", "columns_affected"),
                            ("value", "value_flagged")):  # fmt: skip
            parts = [part for part in issue[key].split(", ") if part]
            if (text := _blank(row[column])) and text not in parts:
                issue[key] = ", ".join([*parts, text])
    for row in result.multichild_issues.to_dict("records"):
        code = _blank(row["rule_code"])
        issues.setdefault((code, "", ""), _issue(code, kinds, row, ""))
    out = {
        "issues": list(issues.values()),
        "validator": f"csc-validator-be-cin {version('csc-validator-be-cin')}",
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
