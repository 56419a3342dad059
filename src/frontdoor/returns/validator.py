"""Running the DfE CIN validator (csc-validator-be-cin) on a census file.

The validator lives in its own virtual environment (`make validator`: it needs pandas < 2 and
numpy < 2, shared/domain/stack.md), so it is run as a separate process through validator_runner.py
and answers in JSON. Nothing here needs the validator installed to import.
"""

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

RUNNER = Path(__file__).with_name("validator_runner.py")
TIMEOUT_SECONDS = 1800  # about 4 minutes for the county on an idle 2-core machine


class ValidatorUnavailable(Exception):
    """The validator's environment is not installed or the run failed."""


@dataclass(frozen=True)
class Result:
    issues: list[dict[str, str]]
    validator: str
    seconds: float

    def count(self, rule_type: str) -> int:
        return sum(1 for issue in self.issues if issue["rule_type"] == rule_type)


def interpreter() -> Path:
    """The validator environment's python: settings.CIN_VALIDATOR_PYTHON, else .venv-cin beside the
    checkout (where `make validator` puts it)."""
    configured = getattr(settings, "CIN_VALIDATOR_PYTHON", "")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / ".venv-cin" / "bin" / "python"


def available() -> bool:
    return interpreter().exists()


def run(xml: bytes, *, ruleset: str) -> Result:
    """Validate the file's bytes with `ruleset` (e.g. cin2025_26)."""
    python = interpreter()
    if not python.exists():
        raise ValidatorUnavailable(f"The DfE validator is not installed ({python}): run `make validator`.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "census.xml"
        path.write_bytes(xml)
        started = time.monotonic()
        try:
            done = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                # -I: isolated, so this folder (with its selectors.py) never shadows the standard library.
                [str(python), "-I", str(RUNNER), str(path), ruleset],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired as error:
            raise ValidatorUnavailable(f"The DfE validator took more than {TIMEOUT_SECONDS} s") from error
        seconds = time.monotonic() - started
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise ValidatorUnavailable("The DfE validator failed: " + " / ".join(tail))
    answer = json.loads(done.stdout)
    return Result(issues=answer["issues"], validator=answer["validator"], seconds=seconds)
