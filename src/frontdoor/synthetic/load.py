"""Running the generator from a command: the end of the window, a progress bar and the summary."""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Protocol

from django.core.management.base import CommandError
from django.utils import timezone
from tqdm import tqdm

from frontdoor.synthetic.generator import AuthorityNotEmpty, Result, generate
from frontdoor.synthetic.generator.base import LONDON
from frontdoor.synthetic.profiles import PROFILES


class Out(Protocol):
    """Where the summary goes: a management command's stdout, or any text stream."""

    def write(self, msg: str, /) -> object: ...


# A window ending on a date ends mid-afternoon, when the office is open and work is in flight.
END_OF_DAY = time(16, 0)
# Years of history before the window the generator will write (the DfE tables go back to 2013).
MOST_HISTORY_YEARS = 10


def history_years(value: str) -> int:
    """--history-years: 0 to MOST_HISTORY_YEARS whole years before the window."""
    try:
        years = int(value)
    except ValueError:
        years = -1
    if not 0 <= years <= MOST_HISTORY_YEARS:
        raise CommandError(
            f"--history-years must be a whole number from 0 to {MOST_HISTORY_YEARS}, not {value!r}"
        )
    return years


def parse_end(value: str | None) -> datetime:
    """--end: a date (ends 16:00 London time that day) or an ISO date-time; never in the future."""
    now = timezone.now()
    if not value:
        return now.replace(microsecond=0)
    try:
        if len(value) == 10:
            end = datetime.combine(date.fromisoformat(value), END_OF_DAY, tzinfo=LONDON)
        else:
            end = datetime.fromisoformat(value)
            end = end if end.tzinfo else end.replace(tzinfo=LONDON)
    except ValueError as error:
        raise CommandError(f"--end must be a date (YYYY-MM-DD) or a date and time, not {value!r}") from error
    if end > now:
        raise CommandError("--end must be now or in the past: contacts cannot be received in the future")
    return end


def load(
    *,
    profile: str,
    seed: int,
    la_code: str | None,
    end: datetime,
    out: Out,
    progress: bool = True,
    summary: bool = True,
    history_years: int = 0,
) -> Result:
    """Generate the authority, showing progress on stderr, and print what was written: every table
    and figure (`summary`), or one line."""
    chosen = PROFILES[profile]
    ends = end.astimezone(LONDON)
    out.write(f"Generating {chosen.description}\n  seed {seed}, window ending {ends:%d %b %Y %H:%M %Z}\n")
    if history_years:
        out.write(f"  with {history_years} years of history before the window\n")
    bar: list[tqdm] = []

    def start_bar(total: int) -> Callable[[], None]:
        bar.append(
            tqdm(total=total, desc="Contacts", unit=" contacts", disable=not progress, mininterval=0.5)
        )
        return lambda: bar[0].update()

    try:
        result = generate(
            profile=chosen,
            seed=seed,
            end=end,
            la_code=la_code,
            progress=start_bar,
            history_years=history_years,
        )
    except AuthorityNotEmpty as error:
        raise CommandError(str(error)) from error
    finally:
        for b in bar:
            b.close()
    if summary:
        write_summary(result, out)
    else:
        write_one_line(result, out)
    return result


def write_one_line(result: Result, out: Out) -> None:
    contacts = result.counts.get("contacts.Contact", 0)
    people = result.counts.get("people.Person", 0)
    out.write(
        f"\nLoaded {result.authority} in {result.seconds:.1f} s: {contacts:,} contacts, {people:,} people\n"
    )
    write_year_end(result, out)


def write_year_end(result: Result, out: Out) -> None:
    """What is open at the window's end and what the window brought, against volumes.md §8."""
    figures = result.metrics.get("year end")
    if isinstance(figures, dict):
        out.write("At the window's end, against Worcestershire's 2025 figures (volumes.md §8):\n")
        for label, value in figures.items():
            out.write(f"  {label}: {value}\n")


def write_summary(result: Result, out: Out) -> None:
    out.write(f"\nLoaded {result.authority} in {result.seconds:.1f} s\n\nRows written:\n")
    width = max(len(label) for label in result.counts)
    for label, count in result.counts.items():
        out.write(f"  {label:<{width}}  {count:>9,}\n")
    out.write("\nAgainst the figures in volumes.md:\n")
    for label, value in result.metrics.items():
        if label != "year end":
            out.write(f"  {label}: {value}\n")
    out.write("\n")
    write_year_end(result, out)
