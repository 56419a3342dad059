"""Years of history before the window (issues 18 and 20): the referrals that came before it, so
trends have years to show and the window starts with the caseload those years leave open.

Each year's volume is the window's scaled by Worcestershire's published referrals that year
(profiles.WORCESTERSHIRE_REFERRALS, DfE C1), so the years before and after the pandemic differ as
they did. The history holds only the contacts that led to a referral: each goes through the same
makers as the window's (contacts, decisions, referrals, assessments, strategy discussions, section
47s, conferences, CP and CIN plans, closures), written light: work over before the window has no
practice-model answers, tasks, attendance, papers, visits, core groups or plan content. What is
still open at the window's start (the carried-in caseload) continues in it with everything the
window's own episodes have. Case notes for carried-in episodes are capped (casenotes.NotesMaker).

Runs after the window's contacts, missing children and domestic abuse are written, every draw from
streams of its own, so the window's rows of a seed are as they are without history.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from faker import Faker

from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator import schedule
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.casework import CaseworkMaker
from frontdoor.synthetic.generator.child_protection import ProtectionMaker
from frontdoor.synthetic.generator.contacts import ContactMaker
from frontdoor.synthetic.generator.episodes import EpisodeMaker
from frontdoor.synthetic.generator.households import HouseholdMaker
from frontdoor.synthetic.generator.identifiers import Identifiers
from frontdoor.synthetic.generator.metrics import Metrics
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

# Contacts in the history for each referral the year should have. Every child on a history contact
# is referred (ReferralContacts), 1.4 children a contact, less the decisions that join an episode
# still open (one a child, CIN 8815): measured on the county, seed 1 (0.83 gave 4,926 referrals for
# 2020-21's 5,277 and 4,443 for 2024-25's 4,805, 7% short).
CONTACTS_PER_REFERRAL = 0.89


class ReferralContacts(ContactMaker):
    """The window's contact maker, for contacts that all lead to a referral: the history keeps
    only those (the rest left no open work and no figure the trends read)."""

    def _outcome(self, referral: float, source: str) -> str:
        return super()._outcome(1.0, source)


def referrals_in(year_ending: int) -> int:
    """Worcestershire's published referrals in the year ending 31 March `year_ending`, or the
    nearest year's the table has."""
    table = profiles.WORCESTERSHIRE_REFERRALS
    return table[min(max(year_ending, min(table)), max(table))]


def year_ending(day: date) -> int:
    """The financial year (ending 31 March) a day falls in."""
    return day.year + 1 if day.month >= 4 else day.year


@dataclass(frozen=True)
class Year:
    start: datetime
    end: datetime
    contacts: int
    published: int  # the year's published referrals it is scaled to


def years(profile: profiles.Profile, start: datetime, count: int) -> list[Year]:
    """The `count` years before `start`, oldest first, each with its contacts: the year's published
    referrals, in proportion to the profile's size against the county's."""
    scale = profile.contacts_per_day * 365 / profiles.COUNTY_CONTACTS
    found = []
    for back in range(count, 0, -1):
        begins, ends = start - relativedelta(years=back), start - relativedelta(years=back - 1)
        published = referrals_in(year_ending(local(begins + (ends - begins) / 2).date()))
        found.append(Year(begins, ends, round(published * scale * CONTACTS_PER_REFERRAL), published))
    return found


@dataclass
class HistoryMaker:
    writer: Writer
    clocks: ClockMaker
    org: Org
    profile: profiles.Profile
    seed: int | str
    start: datetime  # the window's start: history ends here
    end: datetime  # the window's end: carried-in work continues to it
    identifiers: Identifiers  # the window's: no NHS number or UPN is handed out twice

    def make(self, count: int) -> dict[str, object]:
        seed = f"{self.seed}:history"
        rng = random.Random(seed)
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        first = self.start - relativedelta(years=count)
        episodes = EpisodeMaker(
            self.writer, self.clocks, random.Random(f"{seed}:episodes"), self.org.assessment_workers,
            self.end, nfa_rng=random.Random(f"{seed}:nfa"), episode_days=profiles.WORCESTERSHIRE_EPISODE_DAYS,
        )  # fmt: skip
        episodes.casework = CaseworkMaker(
            self.writer, self.clocks, random.Random(f"{seed}:casework"), sorted(self.org.agency_role),
            self.end, light_before=self.start,
        )  # fmt: skip
        episodes.protection = ProtectionMaker(
            self.writer, self.clocks, random.Random(f"{seed}:child_protection"), self.end, first,
            mix=profiles.WORCESTERSHIRE_CHILD_PROTECTION, light_before=self.start,
        )  # fmt: skip
        households = HouseholdMaker(self.writer, rng, fake, self.org, self.identifiers.sharing(rng))
        by_year: dict[str, int] = {}
        for year in years(self.profile, self.start, count):
            arrivals = schedule.arrivals(
                rng, replace(self.profile, contacts=year.contacts), start=year.start, end=year.end,
                calendar=self.clocks.calendar,
            )  # fmt: skip
            maker = ReferralContacts(
                self.writer, rng, fake, self.org, self.clocks, households,
                Metrics(self.clocks.calendar, self.end), end=self.end,
                per_day=year.contacts / 365, episodes=episodes,
            )  # fmt: skip
            before = episodes.protection.counts.referrals
            for arrival in arrivals:
                maker.make(arrival, None)
            label = f"{local(year.start):%b %Y} to {local(year.end):%b %Y} (published {year.published:,})"
            by_year[label] = episodes.protection.counts.referrals - before
        self.writer.flush_all()
        return {"referrals by year": by_year, "child protection": episodes.protection.counts.summary()}
