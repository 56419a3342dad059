"""Supervision and management direction rules: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 1 (practitioners have regular reflective
supervision); the Knowledge and Skills Statement for practice supervisors (DfE 2018); the local
standard of supervision every 4 weeks (clocks/rules.py "supervision"); Ofsted findings quoted in
issue 9 (management directions not followed through).
"""

from collections.abc import Hashable, Iterable
from datetime import date


def supervision_problems(
    *, held_on: date, today: date, worker_id: int, supervisor_id: int, reflection: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if held_on > today:
        problems["held_on"] = "The supervision must have taken place today or in the past"
    if worker_id == supervisor_id:
        problems["worker"] = "You cannot record your own supervision: your supervisor records it"
    if not reflection.strip():
        problems["reflection"] = "Enter the reflection: what was discussed and what was learned"
    return problems


ASSISTANT_ROLE = "social_work_assistant"


def is_social_work_assistant(*, role: str, job_title: str = "") -> bool:
    """A social work assistant by role, or (for accounts made before the role existed) by job title
    ("Social work assistant", "SWA", "Family support worker (SWA)")."""
    if role == ASSISTANT_ROLE:
        return True
    title = " ".join(job_title.lower().replace("-", " ").split())
    return "social work assistant" in title or "swa" in title.replace("(", " ").replace(")", " ").split()


def last_discussed(
    cases: Iterable[Hashable], sessions: Iterable[tuple[Hashable, date]]
) -> dict[Hashable, date | None]:
    """For each case, the date of the latest supervision that discussed it (None: never)."""
    latest: dict[Hashable, date | None] = dict.fromkeys(cases)
    for case, held_on in sessions:
        if case in latest:
            current = latest[case]
            latest[case] = held_on if current is None or held_on > current else current
    return latest
