# ruff: noqa: E501, RUF001 - the Markdown table rows read best whole, with the multiplication signs
"""Regenerate docs/security-evidence.md: run the checks that produce figures, then write them down.

    .venv/bin/python bench/evidence.py [--postgres-url postgres://postgres@127.0.0.1:5432/fd_evidence]

Runs, through pytest with FRONTDOOR_EVIDENCE_DIR set so that the tests write their figures:
the authorisation matrix (every endpoint x role x record state), the read-path logging meta-test,
backup/restore, the injected failures and subject access on SQLite; backup/restore and the
concurrent edits on PostgreSQL when --postgres-url is given (concurrency needs real threads on a
server database). Then `check --deploy` on production settings, and pip-audit for known-vulnerable
dependencies (when the vulnerability service cannot be reached, the document says so; it does not
claim a clean result). API fuzzing figures are read from var/evidence/api-check.json when the API's
own check has written it. Every figure is counted from what ran; nothing is typed in.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "evidence"
DOC = ROOT / "docs" / "security-evidence.md"
SUITES = [
    "tests/security/test_permission_matrix.py",
    "tests/security/test_access_logging.py::test_read_paths_logged_k_of_k",
    "tests/security/test_sessions.py",
    "tests/operations",
    "tests/access/test_sar.py",
    "tests/access/test_sar_every_kind.py",
]
PG_SUITES = ["tests/operations/test_backup.py", "tests/operations/test_integrity.py"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)  # noqa: S603


def pytest_figures(suites: list[str], into: Path, database_url: str | None = None) -> dict[str, Any]:
    into.mkdir(parents=True, exist_ok=True)
    for old in into.glob("*.json"):
        old.unlink()
    env = {"FRONTDOOR_EVIDENCE_DIR": str(into)}
    if database_url:
        env["DATABASE_URL"] = database_url
    # Over every core, as `make test` runs; each test writes its own figures file.
    command = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadscope"]
    result = run([*command, *suites], env)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
    figures = {p.stem: json.loads(p.read_text()) for p in into.glob("*.json")}
    return {"summary": summary, "ok": result.returncode == 0, "figures": figures}


def deploy_check() -> dict[str, Any]:
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "frontdoor.example.gov.uk",
        "DJANGO_SETTINGS_MODULE": "frontdoor.settings.production",
    }
    result = run([str(BIN / "frontdoor"), "check", "--deploy"], env)
    text = result.stdout + result.stderr
    warnings = [line for line in text.splitlines() if line.startswith("?:") or "(security." in line]
    return {
        "warnings": len(warnings),
        "lines": warnings,
        "ok": result.returncode == 0,
        "tail": text.strip()[-200:],
    }


def dependency_audit() -> dict[str, Any]:
    result = run([str(BIN / "pip-audit"), "-f", "json", "--progress-spinner", "off", "-l"])
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"reachable": False, "detail": (result.stderr or result.stdout).strip()[-300:]}
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = [d for d in deps if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    return {
        "reachable": bool(audited),
        "dependencies": len(deps),
        "audited": len(audited),
        "skipped": len(skipped),
        "vulnerable": len(vulnerable),
        "names": sorted(d["name"] for d in vulnerable),
        "reason": skipped[0]["skip_reason"] if skipped else "",
    }


def api_check() -> dict[str, Any] | None:
    path = OUT / "api-check.json"
    return json.loads(path.read_text()) if path.exists() else None


def _sum(figures: dict[str, Any], prefix: str, key: str) -> int:
    return sum(v.get(key, 0) for k, v in figures.items() if k.startswith(prefix))


def document(
    sqlite: dict[str, Any], pg: dict[str, Any] | None, deploy: dict, audit: dict, api: dict | None
) -> str:
    f = sqlite["figures"]
    commit = run(["git", "rev-parse", "--short", "HEAD"]).stdout.strip()
    combos, unexpected = _sum(f, "matrix-", "combinations"), _sum(f, "matrix-", "unexpected")
    endpoints = len([k for k in f if k.startswith("matrix-")])
    injections = [v for k, v in f.items() if k.startswith("injection-")]
    reads = f.get("read-paths", {})
    lines = [
        "# Security evidence",
        "",
        f"Generated by `make evidence` (bench/evidence.py) at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on commit "
        f"`{commit}`. Every figure below was counted by the run; see bench/evidence.py for how.",
        "",
        "| Check | Figure | Source |",
        "|---|---|---|",
        f"| Authorisation matrix (endpoint × role × record state: own, own team, other team, restricted, other "
        f"authority, missing) | {combos} combinations across {endpoints} endpoints, {unexpected} unexpected allows "
        "or denies; every refusal returned no child data, wrote no access event and changed no row | "
        "tests/security/test_permission_matrix.py (ASVS 4.1.1, 4.2.1; NDG 4) |",
        f"| Read paths logged | {reads.get('logged', '?')} of {reads.get('read_paths', '?')}; unlogged: "
        f"{', '.join(reads.get('unlogged', [])) or 'none'} | tests/security/test_access_logging.py (ASVS 8.3.5) |",
        f"| Injected failures in a multi-record write | {len(injections)} injected, "
        f"{sum(i['partial'] for i in injections)} partial writes, {sum(i['orphan_audit'] for i in injections)} "
        "orphan audit rows | tests/operations/test_integrity.py |",
        _backup_line("SQLite", f.get("backup")),
    ]
    if pg is not None:
        pf = pg["figures"]
        lines.append(_backup_line("PostgreSQL", pf.get("backup")))
        c = pf.get("concurrency")
        lines.append(
            f"| Concurrent edits (PostgreSQL, threads) | {c['workers']} workers, {c['edits']} edits accepted on one "
            f"record, {c['stale']} refused as stale and retried, {c['lost']} lost updates | "
            "tests/operations/test_integrity.py (ASVS 11.1.6) |"
            if c
            else "| Concurrent edits | not run: " + pg["summary"] + " | |"
        )
    else:
        lines.append("| Concurrent edits | not run: needs PostgreSQL (`--postgres-url`) | |")
    sar, county = f.get("sar", {}), f.get("sar-county", {})
    lines += [
        f"| Subject access completeness | {sar.get('present', '?')} of {sar.get('types', '?')} record types that "
        "name a person present in the bundle built by hand; "
        f"{county.get('kinds_found', '?')} of {county.get('kinds', '?')} found in bundles built from the "
        "synthetic county's own records | tests/access/test_sar.py, test_sar_every_kind.py (UK GDPR Art. 15) |",
        f"| `check --deploy` (production settings) | {deploy['warnings']} warnings"
        f"{'' if deploy['ok'] else ' (the check failed: ' + deploy['tail'] + ')'} | Django deployment checklist |",
        _audit_line(audit),
        _api_line(api),
        "",
        f"Test runs: SQLite `{sqlite['summary']}`" + (f"; PostgreSQL `{pg['summary']}`" if pg else "") + ".",
        "",
    ]
    return "\n".join(lines)


def _backup_line(vendor: str, b: dict | None) -> str:
    if not b:
        return f"| Backup and restore ({vendor}) | not measured | |"
    return (
        f"| Backup and restore ({vendor}) | {b['tables']} tables, {b['rows']} rows compared by count and SHA-256, "
        f"{b['mismatches']} mismatches (audit rows included) | tests/operations/test_backup.py (NDG 7) |"
    )


def _audit_line(audit: dict[str, Any]) -> str:
    if not audit.get("reachable"):
        why = audit.get("reason") or audit.get("detail", "")
        return (
            "| Known-vulnerable dependencies (pip-audit) | **not measured**: the vulnerability service could not "
            f"be reached from this machine ({audit.get('skipped', 0)} of {audit.get('dependencies', 0)} "
            f"dependencies skipped; pip-audit said: “{why}”) | pip-audit |"
        )
    names = f" ({', '.join(audit['names'])})" if audit["names"] else ""
    return (
        f"| Known-vulnerable dependencies (pip-audit) | {audit['vulnerable']}{names} of {audit['audited']} "
        f"audited ({audit['skipped']} skipped) | pip-audit |"
    )


def _api_line(api: dict[str, Any] | None) -> str:
    if api is None:
        return "| API fuzzing (schemathesis) | not measured: var/evidence/api-check.json is absent | |"
    shown = ", ".join(f"{k} {v}" for k, v in api.items() if not isinstance(v, dict | list))
    return f"| API fuzzing (schemathesis) | {shown} | var/evidence/api-check.json |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=os.environ.get("EVIDENCE_POSTGRES_URL"))
    args = parser.parse_args()
    print("Running the security tests on SQLite...", flush=True)
    sqlite = pytest_figures(SUITES, OUT / "sqlite")
    pg = None
    if args.postgres_url:
        print("Running backup/restore and concurrent edits on PostgreSQL...", flush=True)
        pg = pytest_figures(PG_SUITES, OUT / "postgresql", args.postgres_url)
    print("Deploy check and dependency audit...", flush=True)
    text = document(sqlite, pg, deploy_check(), dependency_audit(), api_check())
    DOC.write_text(text)
    print(text)
    if not sqlite["ok"] or (pg is not None and not pg["ok"]):
        sys.exit("Some evidence tests failed: see the figures above")


if __name__ == "__main__":
    main()
