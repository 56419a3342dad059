"""The national profile: every English authority's front door for one year, at its own volumes.

`frontdoor seed --profile national --seed N [--scale 1.0]` loads the 153 authorities in
AUTHORITIES (DfE LA code, name, mid-2024 child population and referrals in the year ending
31 March 2025, from ../shared/data/dfe-stats: S1 C1 and the ONS estimates) into PostgreSQL.

Each authority is one run of the county generator (synthetic.generator: the same organisation,
households, contacts, timelines and invariants), parametrised by that authority's volumes:
- contacts: its C1 referrals x profiles.CONTACTS_PER_REFERRAL (4.8), times --scale;
- staff and assessment teams in proportion to its contacts, schools and GP practices in proportion
  to its children (the county profile's establishment is the yardstick);
- referral sources: the England mix (profiles.ENGLAND_SOURCE_MIX), Worcestershire its own.
Rows go to the database with COPY (synthetic.copy.CopyWriter), one transaction per authority, so
memory holds one authority at a time and an interrupted load keeps the authorities it finished
(`--resume` carries on from there).

Deterministic: each authority draws from its own random stream, seeded from (seed, LA code), and
authorities load in LA-code order, so the same seed, scale and end give the same rows, keys
included, in an empty database.

A sample (--scale below 1) scales every authority's year and leaves out the authorities whose scaled
year would have fewer than profiles.NATIONAL_MIN_CONTACTS contacts; at full scale all 153 load.
"""

import hashlib
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Protocol

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from nhs_number import calculate_checksum
from tqdm import tqdm

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.services import calendar_table_build
from frontdoor.organisations.models import Authority
from frontdoor.people import rules as people_rules
from frontdoor.synthetic import profiles
from frontdoor.synthetic.copy import CopyWriter
from frontdoor.synthetic.generator import (
    attach_casework,
    identifiers,
    missing_children,
    organisation,
    schedule,
)
from frontdoor.synthetic.generator import contacts as contact_maker
from frontdoor.synthetic.generator.allegations import designated_officer
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.contacts import ContactMaker
from frontdoor.synthetic.generator.episodes import EpisodeMaker
from frontdoor.synthetic.generator.households import HouseholdMaker
from frontdoor.synthetic.generator.identifiers import Identifiers
from frontdoor.synthetic.generator.metrics import Metrics
from frontdoor.synthetic.generator.missing import FROM_HOME_A_YEAR, LOOKED_AFTER_A_YEAR, MissingMaker
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.synthetic.profiles import PROFILES, Profile

NEEDS_POSTGRESQL = "the national profile needs PostgreSQL: set DATABASE_URL"
WORCESTERSHIRE = "885"
_TEAM_AREAS = ("North", "South", "East", "West", "Central")
# Contacts a year per school at most (the county has 400); see authority_profile.
MOST_CONTACTS_PER_SCHOOL = 1000
# Draws of a UPN serial before giving up with an error rather than looping for ever.
UPN_ATTEMPTS = 100_000


@dataclass(frozen=True)
class LocalAuthority:
    code: str  # DfE LA code (Authority.la_code), e.g. "885"
    gss: str  # ONS code, e.g. "E10000034"
    name: str
    region: str
    children: int  # 0-17, ONS mid-2024 estimate
    referrals: int  # C1, year ending 31 March 2025


@dataclass(frozen=True)
class Planned:
    """One authority of a national load: what to generate for it."""

    la: LocalAuthority
    profile: Profile
    source_mix: Mapping[str, float]
    scale: float = 1.0


@dataclass(frozen=True)
class AuthorityLoaded:
    authority: Authority
    contacts: int
    referrals: int  # contacts with a referral outcome (assessment or strategy discussion)
    referred_journeys: int  # children's journeys decided as referrals
    counts: dict[str, int]
    seconds: float


class NationalIdentifiers(Identifiers):
    """NHS numbers unique across the whole national load: each authority draws from its own block of
    the "not to be issued" range (9 000 000 000 - 9 999 999 999, as the county generator's 999
    numbers), its position in AUTHORITIES fixing the block, so no two authorities share a number
    whichever are loaded. UPNs already differ: each carries its authority's LA code."""

    BLOCK = 650_000  # 153 blocks of the 100 million 9-numbers; the largest year needs ~410,000

    def __init__(self, rng: random.Random, la_code: str) -> None:
        super().__init__(rng, la_code)
        self._first = 900_000_000 + _POSITION[la_code] * self.BLOCK

    def nhs_number(self) -> str:
        while True:
            body = str(self._first + self.rng.randrange(self.BLOCK))
            check = calculate_checksum(body)
            number = f"{body}{check}"
            if check is not None and check < 10 and number not in self._nhs:
                self._nhs.add(number)
                return number

    def upn(self, *, establishment: int, date_of_birth: date, moved_in: bool) -> str:
        """Identifiers.upn, drawing the same numbers, but failing loudly if a school's year is full."""
        la = identifiers._OTHER_UPN_LAS(self.rng) if moved_in else self.la_code
        year = (date_of_birth.year + 5) % 100
        for _ in range(UPN_ATTEMPTS):
            body = f"{la}{establishment:04d}{year:02d}{self.rng.randrange(1000):03d}"
            upn = people_rules.upn_check_letter(body) + body
            if upn not in self._upn:
                self._upn.add(upn)
                return upn
        raise RuntimeError(f"UPN serials used up for school {establishment}, year {year} in {self.la_code}")


def authority_seed(seed: int, code: str) -> int:
    """The authority's own seed: stable across runs, machines and Python versions."""
    digest = hashlib.sha256(f"frontdoor-national:{seed}:{code}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _at_least(minimum: int, value: float) -> int:
    return max(minimum, round(value))


def authority_profile(la: LocalAuthority, scale: float = 1.0) -> Profile:
    """The county profile resized to this authority's year (see the module docstring)."""
    county = PROFILES["county"]
    contacts = round(la.referrals * profiles.CONTACTS_PER_REFERRAL * scale)
    by_contacts = contacts / profiles.COUNTY_CONTACTS
    by_children = la.children / profiles.COUNTY_CHILDREN
    staff = MappingProxyType(
        {
            role: _at_least(
                1 if role in ("team_manager", "senior_leader", "quality_assurance") else 2, n * by_contacts
            )
            if role != "administrator"
            else 1
            for role, n in county.front_door_staff.items()
        }
    )
    teams = _at_least(1, len(county.assessment_teams) * by_contacts)
    if la.code == WORCESTERSHIRE and teams == len(county.assessment_teams):
        team_names = county.assessment_teams
    else:
        team_names = tuple(
            f"Assessment Team {_TEAM_AREAS[n] if teams <= len(_TEAM_AREAS) else n + 1}" for n in range(teams)
        )
    return replace(
        county,
        name=f"national:{la.code}",
        description=f"{la.name}: a year of front-door activity (~{contacts:,} contacts)",
        contacts=contacts,
        # Schools by children, but never more than MOST_CONTACTS_PER_SCHOOL contacts a school: a UPN has
        # 1,000 serials per school and year of birth, which a year like Hampshire's (41,142
        # referrals for 289k children) would use up in 144 schools.
        schools=max(
            _at_least(4, county.schools * by_children), math.ceil(contacts / MOST_CONTACTS_PER_SCHOOL)
        ),
        gp_practices=_at_least(3, county.gp_practices * by_children),
        professionals=_at_least(30, county.professionals * by_contacts),
        front_door_staff=staff,
        assessment_teams=team_names,
        held_per_stage=_at_least(2, county.held_per_stage * by_contacts),
        held_breaching=_at_least(1, county.held_breaching * by_contacts),
        child_population=la.children,
        authority_name=f"{la.name} (synthetic)",
        default_la_code=la.code,
    )


def plan(scale: float = 1.0, codes: set[str] | None = None) -> list[Planned]:
    """The authorities to load at this scale (LA-code order), each with its profile."""
    if not 0 < scale <= 1:
        raise ValueError("scale must be more than 0 and at most 1")
    chosen = []
    for la in AUTHORITIES:
        if codes is not None and la.code not in codes:
            continue
        profile = authority_profile(la, scale)
        if profile.contacts < profiles.NATIONAL_MIN_CONTACTS:
            continue
        mix = profiles.SOURCE_MIX if la.code == WORCESTERSHIRE else profiles.ENGLAND_SOURCE_MIX
        chosen.append(Planned(la, profile, mix, scale))
    return chosen


@contextmanager
def _source_mix(mix: Mapping[str, float]) -> Iterator[None]:
    """Generate with this referral-source mix.

    The generator reads profiles.SOURCE_MIX (schedule.arrivals, ContactMaker) and keeps the mean
    referral lift it implies in contacts.MEAN_LIFT, so both are set for the authority and put back
    afterwards. (A Profile.source_mix read by the generator would make this unnecessary.)
    """
    saved = profiles.SOURCE_MIX, contact_maker.MEAN_LIFT
    profiles.SOURCE_MIX = mix
    contact_maker.MEAN_LIFT = contact_maker._mean_lift()
    try:
        yield
    finally:
        profiles.SOURCE_MIX, contact_maker.MEAN_LIFT = saved


def _bulk_session() -> None:
    """This transaction's commit need not wait for the WAL flush (a crash loses at most the last
    authority, never corrupts); referential integrity is still checked at commit."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO off")


def _analyze() -> None:
    """Fresh planner statistics for the loaded tables (a few seconds): without them the first
    queries after a load may plan as if the tables were empty. (Run VACUUM ANALYZE when there is
    time, for the visibility map that index-only scans need.)"""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate_authority(
    item: Planned,
    *,
    seed: int,
    end: datetime,
    tick: Callable[[], None] | None = None,
    writer_factory: Callable[[], Writer] = CopyWriter,
) -> AuthorityLoaded:
    """One authority's year, as synthetic.generator.generate writes it, through the COPY writer."""
    started = time.monotonic()
    la, profile = item.la, item.profile
    own_seed = authority_seed(seed, la.code)
    rng = random.Random(own_seed)
    fake = Faker("en_GB")
    fake.seed_instance(own_seed)
    start = end - timedelta(days=profile.days)
    with transaction.atomic(), _source_mix(item.source_mix):
        _bulk_session()
        writer = writer_factory()
        org = organisation.build(
            writer, rng, fake, profile, la_code=la.code, name=profile.authority_name, at=start
        )
        # No allegations are generated nationally, but every authority has its designated officer.
        designated_officer(writer, org, start)
        writer.flush_all()
        clocks = ClockMaker(org.authority)
        metrics = Metrics(clocks.calendar, end)
        arrivals = schedule.arrivals(rng, profile, start=start, end=end, calendar=clocks.calendar)
        held = schedule.holds(rng, arrivals, profile, end=end)
        households = HouseholdMaker(writer, rng, fake, org, NationalIdentifiers(rng, la.code))
        # Episodes (referrals.Referral and its allocations and visits) draw from their own stream, as
        # synthetic.generator.generate has them.
        episodes = EpisodeMaker(
            writer,
            clocks,
            random.Random(f"{own_seed}:episodes"),
            org.assessment_workers,
            end,
            nfa_rng=random.Random(f"{own_seed}:nfa"),
        )
        # Assessments, plans, strategy discussions, enquiries and conferences, as the county has them.
        casework, protection = attach_casework(episodes, writer, clocks, org, own_seed, start, end)
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
        for index, arrival in enumerate(arrivals):
            maker.make(arrival, held.get(index))
            if tick:
                tick()
        writer.flush_all()
        looked_after, from_home = missing_a_year(la, item.scale)
        missing = missing_children(
            MissingMaker(
                writer, clocks, random.Random(f"{own_seed}:missing"), org, start, end,
                looked_after_a_year=looked_after, from_home_a_year=from_home,
            )
        )  # fmt: skip
        writer.reset_sequences()
        counts = dict(sorted(writer.counts.items()))
        summary = {
            **metrics.summary(),
            "casework": casework.summary(),
            "child protection": protection.counts.summary(),
        } | missing
        referred = sum(n for outcome, n in metrics.outcomes.items() if outcome in ("assessment", "strategy"))
        AuditEvent.objects.create(
            authority=org.authority,
            actor=None,
            at=timezone.now(),
            action="synthetic.loaded",
            subject_type=org.authority._meta.label_lower,
            subject_id=org.authority.pk,
            changes={
                "profile": "national",
                "seed": seed,
                "authority_seed": own_seed,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "child_population": la.children,
                "published_referrals": la.referrals,
                "contacts_planned": profile.contacts,
                "counts": counts,
                "metrics": summary,
            },
        )
    return AuthorityLoaded(
        org.authority,
        metrics.contacts,
        metrics.referral_contacts,
        referred,
        counts,
        time.monotonic() - started,
    )


# Missing episodes a year in England (volumes.md §7 and §10a): children in care 86,900 incidents in
# 2025 (S14), about 6.8 each; children not in care, an assumption of 1 in 200 children a year, about
# 1.7 episodes each (DfE publishes no national count).
ENGLAND_LOOKED_AFTER_MISSING = 86_900
LOOKED_AFTER_EPISODES_EACH = 6.8
FROM_HOME_CHILDREN_PER = 200
FROM_HOME_EPISODES_EACH = 1.7


def missing_a_year(la: LocalAuthority, scale: float = 1.0) -> tuple[tuple[int, int], tuple[int, int]]:
    """(episodes, children) a year missing from care and from home for this authority: its share of
    England's children; Worcestershire keeps the county's own figures (6% of its children in care
    went missing, against 11% in England: volumes.md §7)."""
    if la.code == WORCESTERSHIRE:
        looked_after, from_home = LOOKED_AFTER_A_YEAR, FROM_HOME_A_YEAR
    else:
        episodes = ENGLAND_LOOKED_AFTER_MISSING * la.children / ENGLAND_CHILDREN
        looked_after = (round(episodes), round(episodes / LOOKED_AFTER_EPISODES_EACH))
        children = la.children / FROM_HOME_CHILDREN_PER
        from_home = (round(children * FROM_HOME_EPISODES_EACH), round(children))
    return tuple(  # type: ignore[return-value]
        (max(1, round(episodes * scale)), max(1, round(children * scale)))
        for episodes, children in (looked_after, from_home)
    )


def loaded_codes(codes: list[str]) -> set[str]:
    """The codes among `codes` whose authority exists (with or without a finished load)."""
    return set(Authority.objects.filter(la_code__in=codes).values_list("la_code", flat=True))


def finished_codes(codes: list[str]) -> set[str]:
    return set(
        AuditEvent.objects.filter(
            action="synthetic.loaded", authority__la_code__in=codes, changes__profile="national"
        ).values_list("authority__la_code", flat=True)
    )


def build_calendar(end: datetime, days: int) -> int:
    start = end - timedelta(days=days)
    return calendar_table_build(date(local(start).year, 1, 1), date(local(end).year + 1, 12, 31))


@dataclass
class NationalResult:
    loaded: list[AuthorityLoaded]
    skipped: list[str]
    counts: Counter[str]
    seconds: float

    @property
    def contacts(self) -> int:
        return sum(a.contacts for a in self.loaded)

    @property
    def referrals(self) -> int:
        return sum(a.referrals for a in self.loaded)


class Out(Protocol):
    def write(self, msg: str, /) -> object: ...


class AlreadyLoaded(Exception):
    """Some of the authorities to load are already in the database."""


def load_national(
    *,
    seed: int,
    scale: float,
    end: datetime,
    out: Out,
    progress: bool = True,
    resume: bool = False,
    codes: set[str] | None = None,
) -> NationalResult:
    """Load the planned authorities one after another, with a progress bar over their contacts."""
    if connection.vendor != "postgresql":
        raise RuntimeError(NEEDS_POSTGRESQL)
    started = time.monotonic()
    planned = plan(scale, codes)
    wanted = [p.la.code for p in planned]
    present = loaded_codes(wanted)
    finished = finished_codes(wanted) if present else set()
    if present and not resume:
        first = sorted(present)[0]
        raise AlreadyLoaded(
            f"{len(present)} of the {len(planned)} authorities are already in the database (e.g. {first}): "
            "the national profile loads into authorities that are not there yet. Use --resume to finish "
            "an interrupted load, or start from an empty database."
        )
    if present - finished:
        raise AlreadyLoaded(
            f"Authorities {', '.join(sorted(present - finished))} exist but were not loaded by the national "
            "profile: start from an empty database."
        )
    todo = [p for p in planned if p.la.code not in finished]
    total = sum(p.profile.contacts for p in todo)
    ends = local(end)
    out.write(
        f"Generating {len(todo)} of {len(AUTHORITIES)} English authorities, one year each "
        f"(~{total:,} contacts; scale {scale:g}, seed {seed}, window ending {ends:%d %b %Y %H:%M %Z})\n"
    )
    if finished:
        out.write(f"  {len(finished)} already loaded: carrying on after them\n")
    build_calendar(end, max((p.profile.days for p in todo), default=365))
    result = NationalResult([], sorted(finished), Counter(), 0.0)
    bar = tqdm(total=total, unit=" contacts", disable=not progress, mininterval=1.0, smoothing=0.05)
    try:
        for n, item in enumerate(todo, 1):
            bar.set_description(f"{n}/{len(todo)} {item.la.name[:24]}")
            loaded = generate_authority(item, seed=seed, end=end, tick=bar.update)
            result.loaded.append(loaded)
            result.counts.update(loaded.counts)
    finally:
        bar.close()
    if result.loaded:
        _analyze()
    result.seconds = time.monotonic() - started
    write_summary(result, out)
    return result


def write_summary(result: NationalResult, out: Out) -> None:
    seconds = result.seconds
    out.write(
        f"\nLoaded {len(result.loaded)} authorities in {seconds / 60:.1f} min ({seconds:.0f} s): "
        f"{result.contacts:,} contacts, {result.counts.get('referrals.Referral', 0):,} referrals "
        f"(children's, as the CIN census counts them; {result.referrals:,} contacts with a referral "
        f"outcome, {sum(a.referred_journeys for a in result.loaded):,} children's journeys referred)\n"
    )
    rows = sum(result.counts.values())
    if seconds:
        out.write(
            f"  {rows:,} rows, {rows / seconds:,.0f} rows/s, {result.contacts / seconds:,.0f} contacts/s\n"
        )
    out.write("\nRows written:\n")
    width = max((len(label) for label in result.counts), default=0)
    for label, count in sorted(result.counts.items()):
        out.write(f"  {label:<{width}}  {count:>11,}\n")
    if result.loaded:
        slowest = max(result.loaded, key=lambda a: a.seconds)
        out.write(
            f"\nLargest authority: {slowest.authority} with {slowest.contacts:,} contacts "
            f"in {slowest.seconds:.0f} s\n"
        )
    out.write("National targets (volumes.md §1, §10a): ~3.0 m contacts, 632,830 referrals at full scale\n")


# DfE LA code, ONS code, name, region, children 0-17 (ONS mid-2024) and referrals (C1, year ending
# 31 March 2025), from ../shared/data/dfe-stats (S1): c1_children_in_need_referrals_and_rereferrals
# _2013_to_2025.csv and ons_mid-year_population_estimates_2012_to_2024.csv. The referrals sum to
# 632,828 (England, rounded: 632,830); the children to 12,183,016.
# fmt: off
_TABLE = (
    ("201", "E09000001", "City of London", "Inner London", 847, 57),
    ("202", "E09000007", "Camden", "Inner London", 35276, 2086),
    ("203", "E09000011", "Greenwich", "Outer London", 65325, 3629),
    ("204", "E09000012", "Hackney", "Inner London", 54191, 3653),
    ("205", "E09000013", "Hammersmith and Fulham", "Inner London", 31955, 1666),
    ("206", "E09000019", "Islington", "Inner London", 35624, 2407),
    ("207", "E09000020", "Kensington and Chelsea", "Inner London", 22555, 1511),
    ("208", "E09000022", "Lambeth", "Inner London", 51454, 2736),
    ("209", "E09000023", "Lewisham", "Inner London", 62052, 4522),
    ("210", "E09000028", "Southwark", "Inner London", 55626, 3414),
    ("211", "E09000030", "Tower Hamlets", "Inner London", 63073, 4834),
    ("212", "E09000032", "Wandsworth", "Inner London", 58730, 2172),
    ("213", "E09000033", "Westminster", "Inner London", 29834, 1752),
    ("301", "E09000002", "Barking and Dagenham", "Outer London", 66465, 5307),
    ("302", "E09000003", "Barnet", "Outer London", 93851, 2751),
    ("303", "E09000004", "Bexley", "Outer London", 58724, 3365),
    ("304", "E09000005", "Brent", "Outer London", 75001, 3553),
    ("305", "E09000006", "Bromley", "Outer London", 73457, 4630),
    ("306", "E09000008", "Croydon", "Outer London", 93945, 7986),
    ("307", "E09000009", "Ealing", "Outer London", 82360, 4173),
    ("308", "E09000010", "Enfield", "Outer London", 80331, 4214),
    ("309", "E09000014", "Haringey", "Inner London", 53648, 3312),
    ("310", "E09000015", "Harrow", "Outer London", 60452, 2281),
    ("311", "E09000016", "Havering", "Outer London", 63777, 3592),
    ("312", "E09000017", "Hillingdon", "Outer London", 75524, 4153),
    ("313", "E09000018", "Hounslow", "Outer London", 67554, 2158),
    ("314", "E09000021", "Kingston upon Thames", "Outer London", 37121, 1640),
    ("315", "E09000024", "Merton", "Outer London", 47199, 2488),
    ("316", "E09000025", "Newham", "Inner London", 84408, 4690),
    ("317", "E09000026", "Redbridge", "Outer London", 78171, 4057),
    ("318", "E09000027", "Richmond upon Thames", "Outer London", 44038, 1429),
    ("319", "E09000029", "Sutton", "Outer London", 50854, 1843),
    ("320", "E09000031", "Waltham Forest", "Outer London", 62664, 3730),
    ("330", "E08000025", "Birmingham", "West Midlands", 292859, 16324),
    ("331", "E08000026", "Coventry", "West Midlands", 83561, 4735),
    ("332", "E08000027", "Dudley", "West Midlands", 71124, 3412),
    ("333", "E08000028", "Sandwell", "West Midlands", 88593, 3723),
    ("334", "E08000029", "Solihull", "West Midlands", 49229, 3022),
    ("335", "E08000030", "Walsall", "West Midlands", 71799, 3355),
    ("336", "E08000031", "Wolverhampton", "West Midlands", 68405, 4451),
    ("340", "E08000011", "Knowsley", "North West", 36039, 1547),
    ("341", "E08000012", "Liverpool", "North West", 97802, 8410),
    ("342", "E08000013", "St. Helens", "North West", 37608, 2207),
    ("343", "E08000014", "Sefton", "North West", 54760, 3764),
    ("344", "E08000015", "Wirral", "North West", 66223, 4056),
    ("350", "E08000001", "Bolton", "North West", 75599, 3803),
    ("351", "E08000002", "Bury", "North West", 44768, 2905),
    ("352", "E08000003", "Manchester", "North West", 131831, 6342),
    ("353", "E08000004", "Oldham", "North West", 64069, 4196),
    ("354", "E08000005", "Rochdale", "North West", 58087, 2768),
    ("355", "E08000006", "Salford", "North West", 63622, 3917),
    ("356", "E08000007", "Stockport", "North West", 64910, 3676),
    ("357", "E08000008", "Tameside", "North West", 52901, 4943),
    ("358", "E08000009", "Trafford", "North West", 56737, 1879),
    ("359", "E08000010", "Wigan", "North West", 71697, 3437),
    ("370", "E08000016", "Barnsley", "Yorkshire and The Humber", 51799, 3241),
    ("371", "E08000017", "Doncaster", "Yorkshire and The Humber", 68271, 5665),
    ("372", "E08000018", "Rotherham", "Yorkshire and The Humber", 59521, 2909),
    ("373", "E08000019", "Sheffield", "Yorkshire and The Humber", 116279, 4910),
    ("380", "E08000032", "Bradford", "Yorkshire and The Humber", 142483, 7450),
    ("381", "E08000033", "Calderdale", "Yorkshire and The Humber", 45130, 2665),
    ("382", "E08000034", "Kirklees", "Yorkshire and The Humber", 99822, 3277),
    ("383", "E08000035", "Leeds", "Yorkshire and The Humber", 176239, 10304),
    ("384", "E08000036", "Wakefield", "Yorkshire and The Humber", 77481, 4992),
    ("390", "E08000037", "Gateshead", "North East", 40414, 1613),
    ("391", "E08000021", "Newcastle upon Tyne", "North East", 61206, 3134),
    ("392", "E08000022", "North Tyneside", "North East", 42263, 1893),
    ("393", "E08000023", "South Tyneside", "North East", 30513, 1562),
    ("394", "E08000024", "Sunderland", "North East", 56770, 3193),
    ("420", "E06000053", "Isles of Scilly", "South West", 319, 32),
    ("800", "E06000022", "Bath and North East Somerset", "South West", 36601, 920),
    ("801", "E06000023", "Bristol, City of", "South West", 92705, 4264),
    ("802", "E06000024", "North Somerset", "South West", 44360, 1126),
    ("803", "E06000025", "South Gloucestershire", "South West", 62794, 2614),
    ("805", "E06000001", "Hartlepool", "North East", 21090, 2020),
    ("806", "E06000002", "Middlesbrough", "North East", 35617, 3636),
    ("807", "E06000003", "Redcar and Cleveland", "North East", 27499, 1967),
    ("808", "E06000004", "Stockton-on-Tees", "North East", 45079, 3959),
    ("810", "E06000010", "Kingston upon Hull, City of", "Yorkshire and The Humber", 62379, 4696),
    ("811", "E06000011", "East Riding of Yorkshire", "Yorkshire and The Humber", 63023, 2517),
    ("812", "E06000012", "North East Lincolnshire", "Yorkshire and The Humber", 33522, 2002),
    ("813", "E06000013", "North Lincolnshire", "Yorkshire and The Humber", 34675, 1483),
    ("815", "E06000065", "North Yorkshire", "Yorkshire and The Humber", 115721, 5642),
    ("816", "E06000014", "York", "Yorkshire and The Humber", 34758, 1837),
    ("821", "E06000032", "Luton", "East of England", 62280, 3137),
    ("822", "E06000055", "Bedford", "East of England", 44483, 1992),
    ("823", "E06000056", "Central Bedfordshire", "East of England", 70074, 2474),
    ("825", "E06000060", "Buckinghamshire", "South East", 130466, 5518),
    ("826", "E06000042", "Milton Keynes", "South East", 74569, 3346),
    ("830", "E10000007", "Derbyshire", "East Midlands", 156155, 10999),
    ("831", "E06000015", "Derby", "East Midlands", 62113, 3557),
    ("838", "E06000059", "Dorset", "South West", 67149, 2349),
    ("839", "E06000058", "Bournemouth, Christchurch and Poole", "South West", 74810, 3386),
    ("840", "E06000047", "County Durham", "North East", 100432, 5378),
    ("841", "E06000005", "Darlington", "North East", 22771, 1117),
    ("845", "E10000011", "East Sussex", "South East", 104428, 4107),
    ("846", "E06000043", "Brighton and Hove", "South East", 46612, 3236),
    ("850", "E10000014", "Hampshire", "South East", 288730, 41142),
    ("851", "E06000044", "Portsmouth", "South East", 43056, 2816),
    ("852", "E06000045", "Southampton", "South East", 50941, 2777),
    ("855", "E10000018", "Leicestershire", "East Midlands", 147439, 6752),
    ("856", "E06000016", "Leicester", "East Midlands", 90763, 3203),
    ("857", "E06000017", "Rutland", "East Midlands", 8012, 385),
    ("860", "E10000028", "Staffordshire", "West Midlands", 174804, 5137),
    ("861", "E06000021", "Stoke-on-Trent", "West Midlands", 62520, 3874),
    ("865", "E06000054", "Wiltshire", "South West", 104201, 2770),
    ("866", "E06000030", "Swindon", "South West", 54244, 2303),
    ("867", "E06000036", "Bracknell Forest", "South East", 29372, 1532),
    ("868", "E06000040", "Windsor and Maidenhead", "South East", 34740, 1715),
    ("869", "E06000037", "West Berkshire", "South East", 35495, 1667),
    ("870", "E06000038", "Reading", "South East", 38963, 2349),
    ("871", "E06000039", "Slough", "South East", 46686, 3167),
    ("872", "E06000041", "Wokingham", "South East", 44412, 1778),
    ("873", "E10000003", "Cambridgeshire", "East of England", 142924, 6453),
    ("874", "E06000031", "Peterborough", "East of England", 57621, 3850),
    ("876", "E06000006", "Halton", "North West", 27739, 1717),
    ("877", "E06000007", "Warrington", "North West", 44799, 2095),
    ("878", "E10000008", "Devon", "South West", 148164, 5700),
    ("879", "E06000026", "Plymouth", "South West", 52113, 2806),
    ("880", "E06000027", "Torbay", "South West", 24811, 1768),
    ("881", "E10000012", "Essex", "East of England", 329197, 5705),
    ("882", "E06000033", "Southend-on-Sea", "East of England", 39611, 1325),
    ("883", "E06000034", "Thurrock", "East of England", 46271, 1885),
    ("884", "E06000019", "Herefordshire, County of", "West Midlands", 34439, 1806),
    ("885", "E10000034", "Worcestershire", "West Midlands", 120119, 4805),
    ("886", "E10000016", "Kent", "South East", 355390, 24035),
    ("887", "E06000035", "Medway", "South East", 68774, 5015),
    ("888", "E10000017", "Lancashire", "North West", 261392, 7948),
    ("889", "E06000008", "Blackburn with Darwen", "North West", 41804, 2806),
    ("890", "E06000009", "Blackpool", "North West", 28923, 2707),
    ("891", "E10000024", "Nottinghamshire", "East Midlands", 171572, 6390),
    ("892", "E06000018", "Nottingham", "East Midlands", 68714, 3953),
    ("893", "E06000051", "Shropshire", "West Midlands", 60153, 1504),
    ("894", "E06000020", "Telford and Wrekin", "West Midlands", 44248, 1421),
    ("895", "E06000049", "Cheshire East", "North West", 83041, 2599),
    ("896", "E06000050", "Cheshire West and Chester", "North West", 71565, 3529),
    ("908", "E06000052", "Cornwall", "South West", 105786, 7923),
    ("916", "E10000013", "Gloucestershire", "South West", 133163, 8129),
    ("919", "E10000015", "Hertfordshire", "East of England", 277480, 6536),
    ("921", "E06000046", "Isle of Wight", "South East", 23351, 4864),
    ("925", "E10000019", "Lincolnshire", "East Midlands", 147954, 8726),
    ("926", "E10000020", "Norfolk", "East of England", 171830, 5986),
    ("929", "E06000057", "Northumberland", "North East", 59056, 3013),
    ("931", "E10000025", "Oxfordshire", "South East", 156647, 5047),
    ("933", "E06000066", "Somerset", "South West", 113024, 5877),
    ("935", "E10000029", "Suffolk", "East of England", 152255, 5264),
    ("936", "E10000030", "Surrey", "South East", 269339, 10284),
    ("937", "E10000031", "Warwickshire", "West Midlands", 129392, 5152),
    ("938", "E10000032", "West Sussex", "South East", 181943, 7960),
    ("940", "E06000061", "North Northamptonshire", "East Midlands", 83113, 4682),
    ("941", "E06000062", "West Northamptonshire", "East Midlands", 96295, 4542),
    ("942", "E06000063", "Cumberland", "North West", 52489, 3367),
    ("943", "E06000064", "Westmorland and Furness", "North West", 39153, 1505),
)
# fmt: on
AUTHORITIES: tuple[LocalAuthority, ...] = tuple(LocalAuthority(*row) for row in _TABLE)
_POSITION = {la.code: n for n, la in enumerate(AUTHORITIES)}
ENGLAND_CHILDREN = sum(la.children for la in AUTHORITIES)
