"""make api-check: fuzz the REST API in-process from its own OpenAPI schema with Schemathesis.

A fresh SQLite database in a temporary folder is migrated and given a small synthetic authority
(every role, children with contacts, a decision that opened a referral) and a second authority; each
role that may use the API gets a personal token. For every operation, as every role, Schemathesis
generates valid (positive) and invalid (negative) requests and checks each response:

  server errors      any 5xx                                              (must be 0)
  schema violations  a status code, content type or body the schema does not describe  (must be 0)
  invalid accepted   a negative request answered 2xx                      (reported)

Then a fixed set of hostile requests found by the outside check (issue 18), each of which once
answered 500 or was accepted, is sent and must get its expected refusal: a date part of 19 digits
(staff search, API search), a JSON body nested 100,000 deep (400), a body over 2 MB (413), HTML tags
in the API's text (400), a contact received in 1752 (400), and a 300-character sign-in username (the
form shown again with its message, 200). Each status is reported; any other status counts as a
server error when 5xx and as an invalid input accepted otherwise.

The figures are printed and written to var/evidence/api-check.json. Exit status 1 when a must-be-0
figure is not 0. Run: .venv/bin/python bench/api_check.py [--examples N] [--out PATH]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SCHEMA_PATH = "/api/v1/schema/?format=json"
ROLES = ("contact_officer", "social_worker", "team_manager", "quality_assurance", "partner_user")
SCHEMA_CHECKS = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")


@dataclass
class Figures:
    requests: int = 0
    negative_requests: int = 0
    server_errors: int = 0
    schema_violations: int = 0
    invalid_accepted: int = 0
    statuses: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def note(self, what: str, case: Any, response: Any, detail: str = "") -> None:
        if len(self.examples) < 20:
            request = f"{case.method} {case.formatted_path} query={case.query}"
            self.examples.append(f"{what}: {request} -> {response.status_code} {detail}"[:400])


def _django(data_dir: str) -> None:
    os.environ["FRONTDOOR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite file, never a real database
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed() -> dict[str, str]:
    """Two authorities' records; a token per role of the first. Returns role -> token."""
    from django.utils import timezone
    from tests import builders

    from frontdoor.api.services import api_token_issue
    from frontdoor.contacts import services as contacts
    from frontdoor.organisations.models import Role

    tokens: dict[str, str] = {}
    for code, name in (("884", "Herefordshire (check)"), ("885", "Worcestershire (check)")):
        la = builders.authority(code, name)
        staff = {role: builders.user(la, role) for role in Role}
        partner = builders.partner(la)
        officer, manager = staff[Role.CONTACT_OFFICER], staff[Role.TEAM_MANAGER]
        for n, outcome in enumerate(("assessment", "nfa", None)):
            child = builders.child(la, f"Child{n}", f"Check{code}", dob=date(2014 + n, 3, 1))
            contact = contacts.contact_record(
                actor=officer,
                children=[child],
                received_at=timezone.now() - timedelta(hours=3 + n),
                channel="phone",
                source="2A",
                concerns="Synthetic concern",
                concern_categories=["neglect"],
                consent="obtained",
            )
            journey = contact.children.get()
            if outcome:
                contacts.contact_child_decide(
                    actor=manager,
                    journey=journey,
                    version=journey.version,
                    outcome=outcome,
                    need_level=builders.level(la, 3 if outcome == "assessment" else 2),
                    rationale="Synthetic rationale for the check",
                )
        for role in ROLES:
            user = partner if role == "partner_user" else staff[role]
            # Partners hold no API permission: their token is refused (403), which is what is checked.
            if role == "partner_user":
                from frontdoor.api.authentication import token_hash
                from frontdoor.api.models import ApiToken

                raw = f"partner-{code}-token"
                ApiToken.objects.create(
                    authority=la,
                    user=user,
                    name="check",
                    key_hash=token_hash(raw),
                    prefix=raw[:8],
                    created_at=timezone.now(),
                )
            else:
                _, raw = api_token_issue(actor=user, name="api-check")
            tokens[role] = raw
    return tokens


def _checks() -> dict[str, Any]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi import checks

    return {
        "not_a_server_error": not_a_server_error,
        "status_code_conformance": checks.status_code_conformance,
        "content_type_conformance": checks.content_type_conformance,
        "response_schema_conformance": checks.response_schema_conformance,
        "negative_data_rejection": checks.negative_data_rejection,
    }


def _fuzz(operation: Any, headers: dict[str, str], mode: Any, examples: int, figures: Figures) -> None:
    from hypothesis import HealthCheck, Phase, given, settings

    checks = _checks()
    negative = mode.name == "NEGATIVE"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        figures.requests += 1
        figures.negative_requests += negative
        figures.statuses[response.status_code] += 1
        for name, check in checks.items():
            if name == "negative_data_rejection" and not negative:
                continue
            try:
                case.validate_response(response, checks=[check], headers=headers)
            except (AssertionError, BaseExceptionGroup) as failure:
                detail = str(failure).splitlines()[0] if str(failure) else ""
                if name == "not_a_server_error":
                    figures.server_errors += 1
                elif name in SCHEMA_CHECKS:
                    figures.schema_violations += 1
                else:
                    figures.invalid_accepted += 1
                figures.note(name, case, response, detail)

    run()


def _hostile(tokens: dict[str, str], figures: Figures) -> dict[str, int]:
    """The issue 18 cases, by name -> status; each must answer its expected status."""
    from django.conf import settings
    from django.test import Client

    from frontdoor.api.models import ApiToken
    from frontdoor.people.models import Person

    officer = {"HTTP_AUTHORIZATION": f"Bearer {tokens['contact_officer']}"}
    child = Person.objects.filter(is_child=True).order_by("pk").first()
    body = {
        "children": [child.pk if child else 1],
        "received_at": "2026-01-05T10:00:00Z",
        "channel": "phone",
        "source": "2A",
        "concerns": "Seen at school",
        "concern_categories": ["neglect"],
        "consent": "obtained",
    }
    huge_day = "9" * 19
    client = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(ApiToken.objects.filter(user__role="contact_officer").order_by("pk").first().user)
    cases = {
        "api: JSON nested 100,000 deep": lambda: client.post(
            "/api/v1/contacts/", "[" * 100_000 + "]" * 100_000, "application/json", **officer
        ),
        "api: body over DATA_UPLOAD_MAX_MEMORY_SIZE": lambda: client.post(
            "/api/v1/contacts/",
            json.dumps(body | {"concerns": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}),
            "application/json",
            **officer,
        ),
        "api: HTML tags in concerns": lambda: client.post(
            "/api/v1/contacts/",
            json.dumps(body | {"concerns": "<script>alert(1)</script>"}),
            "application/json",
            **officer,
        ),
        "api: contact received in 1752": lambda: client.post(
            "/api/v1/contacts/",
            json.dumps(body | {"received_at": "1752-09-14T10:00:00Z"}),
            "application/json",
            **officer,
        ),
        "api: search with a 19-digit day": lambda: client.get(
            "/api/v1/people/", {"last_name": "Check", "date_of_birth": f"2015-01-{huge_day}"}, **officer
        ),
        "staff search: a 19-digit day": lambda: staff.get(
            "/people/",
            {
                "last_name": "Check",
                "date_of_birth_day": huge_day,
                "date_of_birth_month": "1",
                "date_of_birth_year": "2015",
            },
        ),
        "sign-in: 300-character username": lambda: client.post(
            "/sign-in/", {"username": "a" * 300, "password": "wrong password"}
        ),
    }
    # The web pages refuse beside the field (200, the form again); the API answers 4xx.
    expected = dict.fromkeys(cases, 400) | {
        "api: body over DATA_UPLOAD_MAX_MEMORY_SIZE": 413,
        "staff search: a 19-digit day": 200,
        "sign-in: 300-character username": 200,
    }
    statuses: dict[str, int] = {}
    for name, send in cases.items():
        response = send()
        statuses[name] = response.status_code
        figures.requests += 1
        figures.statuses[response.status_code] += 1
        if response.status_code != expected[name]:
            if response.status_code >= 500:
                figures.server_errors += 1
            else:
                figures.invalid_accepted += 1
            figures.examples.append(f"hostile: {name} -> {response.status_code}, not {expected[name]}")
    return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=10, help="generated requests per operation, role and mode"
    )
    parser.add_argument("--out", default="var/evidence/api-check.json")
    parser.add_argument("--only", default="", help="only operations whose path contains this")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fd-api-check-") as data_dir:
        _django(data_dir)
        tokens = _seed()
        import schemathesis
        from django.core.wsgi import get_wsgi_application
        from schemathesis.generation.modes import GenerationMode

        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        if args.only:
            operations = [op for op in operations if args.only in op.path]
        figures = Figures()
        timings: dict[str, float] = {}
        for operation in operations:
            began = time.monotonic()
            for role in ROLES:
                headers = {"Authorization": f"Bearer {tokens[role]}"}
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    _fuzz(operation, headers, mode, args.examples, figures)
            timings[f"{operation.method.upper()} {operation.path}"] = round(time.monotonic() - began, 1)
        hostile = _hostile(tokens, figures)
    result = {
        "operations": len(operations),
        "roles": list(ROLES),
        "requests": figures.requests,
        "negative_requests": figures.negative_requests,
        "server_errors": figures.server_errors,
        "schema_violations": figures.schema_violations,
        "invalid_inputs_accepted": figures.invalid_accepted,
        "statuses": {str(k): v for k, v in sorted(figures.statuses.items())},
        "seconds": round(time.monotonic() - started, 1),
        "seconds_by_operation": timings,
        "hostile_cases": hostile,
        "examples_of_failures": figures.examples,
        "schemathesis": schemathesis.__version__ if hasattr(schemathesis, "__version__") else "",
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"API check: {result['requests']} requests ({result['negative_requests']} negative) across "
        f"{result['operations']} operations as {len(ROLES)} roles in {result['seconds']} s: "
        f"{result['server_errors']} server errors, {result['schema_violations']} schema violations, "
        f"{result['invalid_inputs_accepted']} invalid inputs accepted. Statuses: {result['statuses']}"
    )
    for name, code in hostile.items():
        print(f"  hostile case {name}: {code}")
    for line in figures.examples:
        print("  " + line)
    print(f"Written to {out}")
    return 1 if figures.server_errors or figures.schema_violations else 0


if __name__ == "__main__":
    sys.exit(main())
