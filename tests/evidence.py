"""Figures for `make evidence` (bench/evidence.py): a test writes them only when it is asked to."""

import json
import os
import re
from pathlib import Path
from typing import Any


def evidence(name: str, figures: dict[str, Any]) -> None:
    if out := os.environ.get("FRONTDOOR_EVIDENCE_DIR"):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        (Path(out) / f"{safe}.json").write_text(json.dumps(figures))
