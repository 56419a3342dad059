"""Generate one synthetic authority's front door: organisation, people and a window of contacts.

`generate` is deterministic for a given seed and end: every draw comes from one random.Random(seed)
and one Faker seeded with it, and rows are numbered in the order they are drawn. It refuses to write
into an authority that already has data, and writes everything in one transaction.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.services import calendar_table_build
from frontdoor.contacts.models import Contact
from frontdoor.organisations.models import Authority
from frontdoor.synthetic.generator import organisation, schedule
from frontdoor.synthetic.generator.allegations import PER_1000_CHILDREN_A_YEAR, AllegationMaker
from frontdoor.synthetic.generator.audits import AuditMaker
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.births import record_births
from frontdoor.synthetic.generator.casenotes import NotesMaker
from frontdoor.synthetic.generator.casework import CaseworkMaker
from frontdoor.synthetic.generator.child_protection import ProtectionMaker
from frontdoor.synthetic.generator.complaints import ComplaintClocks, ComplaintsMaker
from frontdoor.synthetic.generator.contacts import ContactMaker
from frontdoor.synthetic.generator.domestic_abuse import DomesticAbuseMaker
from frontdoor.synthetic.generator.drift import DriftMaker
from frontdoor.synthetic.generator.early_help import EarlyHelpClocks, EarlyHelpMaker
from frontdoor.synthetic.generator.episodes import EpisodeMaker
from frontdoor.synthetic.generator.history import HistoryMaker
from frontdoor.synthetic.generator.households import HouseholdMaker
from frontdoor.synthetic.generator.identifiers import Identifiers
from frontdoor.synthetic.generator.long_term import LongTermMaker
from frontdoor.synthetic.generator.metrics import Metrics, episode_re_referral_rate, year_end
from frontdoor.synthetic.generator.missing import MissingMaker
from frontdoor.synthetic.generator.supervision import SupervisionMaker
from frontdoor.synthetic.generator.workforce import WorkforceMaker
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.synthetic.profiles import (
    CHILD_PROTECTION,
    WORCESTERSHIRE_CHILD_PROTECTION,
    WORCESTERSHIRE_EPISODE_DAYS,
    ChildProtectionMix,
    Profile,
)
from frontdoor.synthetic.restrictions import restrictions_make

__all__ = ["AuthorityNotEmpty", "Result", "attach_casework", "generate", "missing_children"]


class AuthorityNotEmpty(Exception):
    """The authority already has data; the generator only fills a new or empty one."""


@dataclass(frozen=True)
class Result:
    authority: Authority
    counts: dict[str, int]
    metrics: dict[str, object]
    seconds: float


def generate(
    *,
    profile: Profile,
    seed: int,
    end: datetime,
    la_code: str | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
    history_years: int = 0,
) -> Result:
    """Write `profile`'s authority for the window of profile.days ending at `end` (aware), after
    `history_years` years of referrals before it (synthetic.generator.history)."""
    started = time.monotonic()
    la_code = la_code or profile.default_la_code
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    start = end - timedelta(days=profile.days)
    with transaction.atomic():
        _refuse_if_used(la_code)
        writer = Writer()
        org = organisation.build(
            writer, rng, fake, profile, la_code=la_code, name=profile.authority_name, at=start
        )
        writer.flush_all()
        clocks = ClockMaker(org.authority)
        metrics = Metrics(clocks.calendar, end)
        arrivals = schedule.arrivals(rng, profile, start=start, end=end, calendar=clocks.calendar)
        held = schedule.holds(rng, arrivals, profile, end=end)
        identifiers = Identifiers(rng, la_code)
        households = HouseholdMaker(writer, rng, fake, org, identifiers)
        # Episodes draw from their own stream, so every other row is as it would be without them.
        episodes = EpisodeMaker(
            writer,
            clocks,
            random.Random(f"{seed}:episodes"),
            org.assessment_workers,
            end,
            nfa_rng=random.Random(f"{seed}:nfa"),
            episode_days=WORCESTERSHIRE_EPISODE_DAYS,
        )
        casework, protection = attach_casework(
            episodes, writer, clocks, org, seed, start, end, mix=WORCESTERSHIRE_CHILD_PROTECTION
        )
        maker = ContactMaker(
            writer,
            rng,
            fake,
            org,
            clocks,
            households,
            metrics,
            end=end,
            per_day=profile.contacts_per_day,
            episodes=episodes,
        )
        tick = progress(len(arrivals)) if progress else None
        for index, arrival in enumerate(arrivals):
            maker.make(arrival, held.get(index))
            if tick:
                tick()
        writer.flush_all()
        missing = missing_children(
            MissingMaker(writer, clocks, random.Random(f"{seed}:missing"), org, start, end)
        )
        domestic_abuse = DomesticAbuseMaker(
            writer, clocks, random.Random(f"{seed}:domestic_abuse"), org, end
        ).make()
        writer.flush_all()
        history = HistoryMaker(writer, clocks, org, profile, seed, start, end, identifiers)
        carried = history.make(history_years) if history_years else {}
        writer.flush_all()
        # Before the drift panels, supervision, notes and workforce: they read who holds each episode.
        long_term = LongTermMaker(writer, clocks, org, profile, seed, start, end).make()
        # Before the case notes: each visit to a child in need is written up as a note, as every visit is.
        drift = DriftMaker(writer, random.Random(f"{seed}:drift"), org.authority.pk, start, end).make_all()
        writer.flush_all()
        _casework(writer, org, seed, start, end)
        per_year = profile.child_population * PER_1000_CHILDREN_A_YEAR / 1000
        AllegationMaker(writer, random.Random(f"{seed}:allegations"), org, start, end, per_year).make_all()
        complaints = ComplaintsMaker(
            writer, ComplaintClocks(org.authority), random.Random(f"{seed}:complaints"), start, end
        ).make_all(profile.contacts)
        writer.flush_all()
        # Staff dates, employment and leavers, on their own stream, after everything else is written.
        workforce = WorkforceMaker(writer, random.Random(f"{seed}:workforce"), seed, org, start, end).make()
        counts_births = record_births(authority_id=org.authority.pk, end=local(end).date(),
                                      rng=random.Random(f"{seed}:births"))  # fmt: skip
        writer.reset_sequences()
        restricted = restrictions_make(authority=org.authority, rng=random.Random(f"{seed}:restrictions"))
        calendar_rows = _calendar(start, end)
        counts = dict(sorted(writer.counts.items()))
        counts["access.Restriction"] = restricted
        counts["clocks.CalendarDay (built)"] = calendar_rows
        counts["people.Person (born in the window)"] = counts_births
        summary = {**metrics.summary(), "casework": casework.summary()} | missing | complaints | drift
        # The DfE measure of the episodes written (the decisions' rate above counts joins to open ones).
        summary["re-referrals within 12 months % (DfE, episodes)"] = round(
            100 * episode_re_referral_rate(org.authority.pk), 1
        )
        summary["child protection"] = protection.counts.summary()
        summary["domestic abuse"] = domestic_abuse
        summary["workforce"] = workforce
        if long_term:
            summary["long-term teams"] = long_term
        if carried:
            summary["history"] = carried
        summary["year end"] = year_end(org.authority.pk, start, end)
        _audit(org.authority, profile, seed, start, end, counts, summary)
    return Result(org.authority, counts, summary, time.monotonic() - started)


def attach_casework(
    episodes: EpisodeMaker, writer: Writer, clocks: ClockMaker, org: organisation.Org,
    seed: int | str, start: datetime, end: datetime, mix: ChildProtectionMix = CHILD_PROTECTION,
) -> tuple[CaseworkMaker, ProtectionMaker]:  # fmt: skip
    """Give the episodes their assessments and plans, and child protection after the referral, each
    from a random stream of its own, so every other row is as it would be without them."""
    casework = CaseworkMaker(writer, clocks, random.Random(f"{seed}:casework"), sorted(org.agency_role), end)
    protection = ProtectionMaker(
        writer, clocks, random.Random(f"{seed}:child_protection"), end, start,
        emergency_rng=random.Random(f"{seed}:emergency_protection"), mix=mix,
    )  # fmt: skip
    episodes.casework, episodes.protection = casework, protection
    return casework, protection


def missing_children(maker: MissingMaker) -> dict[str, object]:
    """Missing episodes follow the children the contacts made (so run after those are written)."""
    summary = maker.make()
    maker.writer.flush_all()
    return summary


def _casework(writer: Writer, org: organisation.Org, seed: int, start: datetime, end: datetime) -> None:
    """Early help, supervision, case file audits (issue 9), case notes and documents (issue 16), each
    from its own random stream, after the front door's rows are written (they read them)."""
    clocks = EarlyHelpClocks(org.authority)
    schools = [school.pk for school in org.schools]
    EarlyHelpMaker(writer, clocks, random.Random(f"{seed}:early_help"), end).make_all(
        org.authority.pk, schools
    )
    writer.flush_all()
    SupervisionMaker(writer, clocks, random.Random(f"{seed}:supervision"), start, end).make_all(
        org.authority.pk
    )
    writer.flush_all()
    AuditMaker(writer, random.Random(f"{seed}:audits"), start, end).make_all(org.authority.pk)
    writer.flush_all()
    NotesMaker(writer, random.Random(f"{seed}:casenotes"), org.authority, start, end).make_all()
    writer.flush_all()


def _refuse_if_used(la_code: str) -> None:
    authority = Authority.objects.filter(la_code=la_code).first()
    if authority is None:
        return
    has_contacts = Contact.objects.filter(authority=authority).exists()
    what = "already has contacts" if has_contacts else "already exists"
    raise AuthorityNotEmpty(
        f"Authority {la_code} ({authority.name}) {what}: synthetic data is only loaded into a new "
        "authority. Use another --authority-code, or start from an empty database."
    )


def _calendar(start: datetime, end: datetime) -> int:
    """The SQL working-day calendar over the years the data covers, and the year after (due dates)."""
    return calendar_table_build(date(local(start).year, 1, 1), date(local(end).year + 1, 12, 31))


def _audit(
    authority: Authority, profile: Profile, seed: int, start: datetime, end: datetime,
    counts: dict[str, int], summary: dict[str, object],
) -> None:  # fmt: skip
    AuditEvent.objects.create(
        authority=authority,
        actor=None,
        at=timezone.now(),
        action="synthetic.loaded",
        subject_type=authority._meta.label_lower,
        subject_id=authority.pk,
        changes={
            "profile": profile.name,
            "seed": seed,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "child_population": profile.child_population,
            "counts": counts,
            "metrics": summary,
        },
    )
