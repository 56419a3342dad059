"""Composing one contact: which household and children, who called, what about, what the manager
will decide, which partners are asked; then its timeline, and the rows (journeys.emit).
"""

import random
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from faker import Faker

from frontdoor.contacts import rules as contact_rules
from frontdoor.contacts.models import Contact
from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator import texts
from frontdoor.synthetic.generator.base import Picker, chance, local
from frontdoor.synthetic.generator.episodes import EpisodeMaker
from frontdoor.synthetic.generator.households import Earlier, Household, HouseholdMaker, Member
from frontdoor.synthetic.generator.journeys import Actors, ContactSpec, emit
from frontdoor.synthetic.generator.metrics import Metrics
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.schedule import PARTNER_CHECKS, POLICE, Arrival, Hold, source_group
from frontdoor.synthetic.generator.timeline import Shape, plan
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

CHANNELS = {group: Picker(weights) for group, weights in profiles.CHANNELS_BY_GROUP.items()}
CHECK_COUNT = Picker(profiles.CHECKS_PER_CONTACT)
RAGS = {outcome: Picker(weights) for outcome, weights in profiles.RAG_BY_OUTCOME.items()}
NEED = {outcome: Picker(levels) for outcome, levels in profiles.NEED_LEVELS_BY_OUTCOME.items()}
CONSENT = {
    "police": Picker(profiles.CONSENT_POLICE),
    "strategy": Picker(profiles.CONSENT_STRATEGY),
    "other": Picker(profiles.CONSENT_OTHER),
}
# Ages a new household's first child must have for the source to make sense (a school refers a pupil).
SOURCE_AGES = {"2A": (4, 17), "2B": (4, 17), "3C": (5, 17), "3B": (-1, 4)}
WINDOW = relativedelta(months=12)
REFERRAL = profiles.OUTCOME_MIX["strategy"] + profiles.OUTCOME_MIX["assessment"]


def _mean_lift() -> float:
    """The average referral lift over contacts, so the lifts move shares without moving the total."""
    total = sum(profiles.SOURCE_MIX.values())
    by_source = sum(
        share / total * profiles.REFERRAL_LIFT_BY_GROUP[source_group(code)]
        for code, share in profiles.SOURCE_MIX.items()
    )
    new = sum(share * lift for share, _w, lift in profiles.RISK_TIERS)
    weights = [share * weight for share, weight, _l in profiles.RISK_TIERS]
    again = sum(w * lift for w, (_s, _wt, lift) in zip(weights, profiles.RISK_TIERS, strict=True)) / sum(
        weights
    )
    tiers = (1 - profiles.REPEAT_HOUSEHOLD) * new + profiles.REPEAT_HOUSEHOLD * again
    return by_source * tiers


MEAN_LIFT = _mean_lift()


class ContactMaker:
    def __init__(
        self,
        writer: Writer,
        rng: random.Random,
        fake: Faker,
        org: Org,
        clocks: ClockMaker,
        households: HouseholdMaker,
        metrics: Metrics,
        *,
        end: datetime,
        per_day: float,
        episodes: EpisodeMaker | None = None,
    ) -> None:
        self.writer, self.rng, self.fake, self.org, self.clocks = writer, rng, fake, org, clocks
        self.episodes = episodes
        self.households, self.metrics, self.end = households, metrics, end
        self.pool: list[Household] = []  # one entry per contact per unit of the household's weight
        self.family_pool: list[Household] = []
        # Pools hold one entry per contact (times the household's weight, ~2 on average), so a mean
        # look-back in days becomes a mean look-back in entries.
        self.look_back = max(1.0, per_day * profiles.REPEAT_LOOKBACK_DAYS * 2)
        family_share = profiles.SOURCE_MIX["1A"] / sum(profiles.SOURCE_MIX.values())
        self.family_look_back = max(1.0, per_day * family_share * profiles.REPEAT_LOOKBACK_DAYS)

    def make(self, arrival: Arrival, hold: Hold | None) -> None:
        rng, received = self.rng, arrival.received_at
        household, second_family = self._household(arrival)
        children = self._children(household, arrival)
        outcomes = self._outcomes(household, arrival.source, len(children))
        worst = max(outcomes, key=profiles.SEVERITY.index)
        contact = self._contact(arrival, household, children, worst, second_family)
        checks = CHECK_COUNT(rng) if chance(rng, profiles.PARTNER_CHECKS_BY_OUTCOME[worst]) else 0
        if hold is not None and hold.stage == PARTNER_CHECKS:
            checks = max(checks, 1)
        rags = [RAGS[o](rng) for o in outcomes]
        shape = Shape(
            received,
            contact.channel in ("phone", "in_person"),
            len(children),
            checks,
            "red" in rags,
            arrival.source != "9",
        )
        timeline = plan(rng, self.clocks.calendar, shape, hold=hold, end=self.end)
        spec = ContactSpec(
            contact,
            children,
            outcomes,
            [self.org.need_levels[NEED[o](rng)] for o in outcomes],
            rags,
            [self._repeat_reasons(household, contact, child) for child in children],
            self._check_agencies(household, children, checks, local(received).date()),
            self._actors(),
        )
        emit(self.writer, self.clocks, rng, spec, timeline, end=self.end, episodes=self.episodes)
        self._remember(household, contact, children)
        self.metrics.contact(spec, timeline, household.children[0].pk)

    def _remember(self, household: Household, contact: Contact, children: list[Member]) -> None:
        """Keep the household's last 12 months of contacts (for repeat flags) and let it be met again."""
        since = contact.received_at - WINDOW
        household.history = [e for e in household.history if e.received_at > since]
        key = _referrer_key(contact)
        household.history.append(
            Earlier(
                contact.reference, contact.received_at, contact.source, key, tuple(c.pk for c in children)
            )
        )
        if len(household.history) < profiles.MOST_CONTACTS_A_YEAR:
            self.pool.extend([household] * household.weight)
        if contact.source == contact_rules.FAMILY_MEMBER_SOURCE:
            self.family_pool.append(household)

    # -- who --------------------------------------------------------------------------------------

    def _household(self, arrival: Arrival) -> tuple[Household, bool]:
        rng, received = self.rng, arrival.received_at
        if arrival.source == "1A" and self.family_pool and chance(rng, profiles.SECOND_FAMILY_MEMBER):
            household = self._recent(self.family_pool, self.family_look_back)
            if _eligible(household, received):
                return household, True
        if self.pool and chance(rng, profiles.REPEAT_HOUSEHOLD):
            household = self._recent(self.pool, self.look_back)
            if _eligible(household, received):
                return household, False
        ages = SOURCE_AGES.get(arrival.source)
        return self.households.new(received_at=received, created_at=received, ages=ages), False

    def _recent(self, pool: list[Household], mean_back: float) -> Household:
        back = min(int(self.rng.expovariate(1 / mean_back)), len(pool) - 1)
        return pool[len(pool) - 1 - back]

    def _children(self, household: Household, arrival: Arrival) -> list[Member]:
        day = local(arrival.received_at).date()
        eligible = [c for c in household.children if _child_on(c, day)]
        if len(eligible) > 1 and chance(self.rng, profiles.ALL_SIBLINGS_ON_CONTACT):
            return eligible
        ages = SOURCE_AGES.get(arrival.source)
        fitting = [c for c in eligible if ages and ages[0] <= c.age_on(day) <= ages[1]]
        if household.history or not fitting:
            return [self.rng.choice(fitting or eligible)]
        return [eligible[0]]

    def _contact(
        self, arrival: Arrival, household: Household, children: list[Member], worst: str, second_family: bool
    ) -> Contact:
        rng, source = self.rng, arrival.source
        group = source_group(source)
        channel = CHANNELS[group](rng)
        categories, narrative = texts.concerns(rng, group, worst, [c.display for c in children])
        consent_kind = (
            "police" if channel == "police_notification" else "strategy" if worst == "strategy" else "other"
        )
        consent = CONSENT[consent_kind](rng)
        pk = self.writer.next_id(Contact)
        contact = Contact(
            pk=pk,
            authority_id=self.org.authority.pk,
            reference=f"CT{pk:07d}",
            received_at=arrival.received_at,
            channel=channel,
            source=source,
            concern_categories=categories,
            concerns=narrative,
            consent=consent,
            consent_rationale="" if consent == "obtained" else rng.choice(texts.CONSENT_RATIONALES[consent]),
            incident_at=self._incident(arrival.received_at) if channel == "police_notification" else None,
            recorded_by_id=self._recorder(),
        )
        self._referrer(contact, household, children, second_family)
        return contact

    def _referrer(self, contact: Contact, household: Household, children: list[Member], second: bool) -> None:
        rng, source = self.rng, contact.source
        if source == "1A":
            self._family_referrer(contact, household, second)
        elif source in ("1B", "1D"):
            contact.referrer_name = f"{self.fake.first_name()} {self.fake.last_name()}"
            contact.referrer_relationship = rng.choice(("Neighbour", "Family friend", "Member of the public"))
        elif source == "1C":
            contact.referrer_name = f"{children[0].first_name} {children[0].last_name}".strip()
            contact.referrer_relationship = "The child"
        elif source not in ("9", "10"):
            agency = self._agency(source, household, children)
            contact.source_agency_id = agency
            people = self.org.professionals.get(agency)
            if people:
                professional, name, role = rng.choice(people)
                contact.source_professional_id, contact.referrer_name = professional, name
                contact.referrer_relationship = role
            else:
                contact.referrer_name = f"{self.fake.first_name()} {self.fake.last_name()}"
                contact.referrer_relationship = self.org.agency_role[agency]

    def _family_referrer(self, contact: Contact, household: Household, second: bool) -> None:
        rng = self.rng
        since = contact.received_at - WINDOW
        used = {e.referrer_key for e in household.history if e.source == "1A" and e.received_at > since}
        options: list[tuple[int | None, str, str]] = [
            (a.pk, f"{a.first_name} {a.last_name}", "Mother" if i == 0 else "Father or partner")
            for i, a in enumerate(household.adults)
        ]
        options += [(None, *self.households.relative(household))]
        fresh = [o for o in options if _key(*o[:2]) not in used]
        person, name, relationship = rng.choice(fresh if second and fresh else options)
        contact.referrer_person_id, contact.referrer_name, contact.referrer_relationship = (
            person,
            name,
            relationship,
        )

    def _agency(self, source: str, household: Household, children: list[Member]) -> int:
        if source == "2A":
            schools = [c.school for c in children if c.school]
            if schools:
                return self.rng.choice(schools)
        if source == "3A":
            return household.gp
        return self.rng.choice(self.org.agencies_by_source[source])

    def _incident(self, received: datetime) -> datetime:
        low, high = Picker([((lo, hi), w) for w, lo, hi in profiles.INCIDENT_DELAY])(self.rng)
        if high <= 24:
            hours = min(max(self.rng.lognormvariate(0, 0.8) * profiles.INCIDENT_MEDIAN_HOURS, low), high)
        else:
            hours = self.rng.uniform(low, high)
        return received - timedelta(seconds=round(hours * 3600))

    # -- what the manager will decide -------------------------------------------------------------

    def _outcomes(self, household: Household, source: str, count: int) -> list[str]:
        rng = self.rng
        lift = profiles.REFERRAL_LIFT_BY_GROUP[source_group(source)] * household.referral_lift / MEAN_LIFT
        first = self._outcome(min(REFERRAL * lift, 0.9), source)
        found = [first]
        for _ in range(count - 1):
            if chance(rng, profiles.SIBLING_SAME_OUTCOME):
                found.append(first)
            else:
                step = profiles.SEVERITY.index(first) + rng.choice((-1, 1))
                found.append(profiles.SEVERITY[min(max(step, 0), len(profiles.SEVERITY) - 1)])
        return found

    def _outcome(self, referral: float, source: str) -> str:
        rng, mix = self.rng, profiles.OUTCOME_MIX
        if chance(rng, referral):
            strategy = mix["strategy"] / REFERRAL * (1.3 if source_group(source) == POLICE else 1.0)
            return "strategy" if chance(rng, strategy) else "assessment"
        rest = 1 - REFERRAL
        early = mix["early_help"] / rest * (1.3 if source_group(source) == "school" else 1.0)
        if chance(rng, early):
            return "early_help"
        return "advice" if chance(rng, mix["advice"] / (mix["advice"] + mix["nfa"])) else "nfa"

    # -- partners and staff -----------------------------------------------------------------------

    def _check_agencies(
        self, household: Household, children: list[Member], count: int, day: date
    ) -> list[tuple[int, str]]:
        if not count:
            return []
        org = self.org
        ages = [c.age_on(day) for c in children]
        weights: dict[int, float] = {org.check_agency["police"]: 10, household.gp: 5}
        for child in children:
            if child.school:
                weights[child.school] = 5
        for key, weight, wanted in (
            ("health_visiting", 4, any(0 <= a < 5 for a in ages)),
            ("school_nursing", 2, any(a >= 5 for a in ages)),
            ("maternity", 4, any(a < 0 for a in ages)),
            ("camhs", 2, any(a >= 10 for a in ages)),
            ("probation", 2, True),
            ("housing", 1.5, True),
            ("early_help", 3, True),
            ("adult_mental_health", 1.5, True),
            ("adult_social_care", 1, True),
        ):
            if wanted:
                weights[org.check_agency[key]] = weight
        chosen: list[int] = []
        while len(chosen) < min(count, len(weights)):
            pick = Picker({pk: w for pk, w in weights.items() if pk not in chosen})(self.rng)
            chosen.append(pick)
        return [(pk, org.agency_kind[pk]) for pk in chosen]

    def _recorder(self) -> int:
        staff = self.org.staff
        return self.rng.choice(staff["contact_officer"] if chance(self.rng, 0.8) else staff["social_worker"])

    def _actors(self) -> Actors:
        rng, staff = self.rng, self.org.staff
        screener = rng.choice(staff["team_manager"])
        decider = screener if chance(rng, 0.6) else rng.choice(staff["team_manager"])
        requester = rng.choice(staff["social_worker"]) if chance(rng, 0.7) else screener
        responder = rng.choice(staff["contact_officer"] + staff["social_worker"])
        return Actors(
            self._recorder(), screener, decider, requester, responder, rng.choice(staff["team_manager"])
        )

    def _repeat_reasons(self, household: Household, contact: Contact, child: Member) -> list[str]:
        since = contact.received_at - WINDOW
        earlier = [
            contact_rules.EarlierContact(
                e.reference, e.received_at, child.pk in e.person_ids, e.source, e.referrer_key
            )
            for e in household.history
            if e.received_at > since
        ]
        if not earlier:
            return []
        return contact_rules.repeat_reasons(
            received_at=contact.received_at,
            source=contact.source,
            referrer_key=_referrer_key(contact),
            earlier=earlier,
        )


def _key(person: int | None, name: str) -> str:
    return f"person:{person}" if person else " ".join(name.lower().split())


def _referrer_key(contact: Contact) -> str:
    """As contacts.services._referrer_key: the family member's person id, else their name."""
    return _key(contact.referrer_person_id, contact.referrer_name)


def _child_on(child: Member, day: date) -> bool:
    if child.date_of_birth is None:
        return child.expected is not None and child.expected >= day
    return child.age_on(day) <= 17


def _eligible(household: Household, received: datetime) -> bool:
    """The household still has a child (or an unborn baby) and is not already at its yearly cap."""
    day = local(received).date()
    since = received - WINDOW
    if sum(1 for e in household.history if e.received_at > since) >= profiles.MOST_CONTACTS_A_YEAR:
        return False
    return any(_child_on(c, day) for c in household.children)
