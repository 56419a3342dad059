"""What the generated year looks like against the figures it was drawn from (printed, and stored in
the "synthetic.loaded" audit event), so anyone can check the data against volumes.md."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from statistics import median

from django.db.models import Q

from frontdoor.child_protection.models import ConferenceChild, ProtectionPlan
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.contacts.models import OPEN_STAGES, REFERRAL_OUTCOMES
from frontdoor.performance.rules import year_before
from frontdoor.referrals.models import Referral
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.journeys import ContactSpec
from frontdoor.synthetic.generator.timeline import Timeline
from frontdoor.synthetic.profiles import YEAR_END_TARGETS

DAY = timedelta(hours=24)
YEAR = timedelta(days=365)


@dataclass
class Metrics:
    calendar: WorkingCalendar
    end: datetime
    contacts: int = 0
    journeys: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    consent: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    open_stages: Counter[str] = field(default_factory=Counter)
    multi_child: int = 0
    with_checks: int = 0
    referral_contacts: int = 0
    decided: int = 0
    over_24h: int = 0
    over_3_working_days: int = 0
    breaching: int = 0
    repeat_flagged: int = 0
    second_family_member: int = 0
    unborn: int = 0
    check_hours: list[float] = field(default_factory=list)
    incident_hours: list[float] = field(default_factory=list)
    referrals_by_child: dict[int, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    contacts_by_household: Counter[int] = field(default_factory=Counter)

    def contact(self, spec: ContactSpec, timeline: Timeline, household_id: int) -> None:
        contact = spec.contact
        self.contacts += 1
        self.sources[contact.source] += 1
        self.consent[contact.consent] += 1
        self.multi_child += len(spec.children) > 1
        self.contacts_by_household[household_id] += 1
        if contact.incident_at:
            self.incident_hours.append((contact.received_at - contact.incident_at).total_seconds() / 3600)
        self.with_checks += bool(spec.check_agencies)
        for asked, answered in timeline.checks:
            if answered <= self.end:
                self.check_hours.append((answered - asked).total_seconds() / 3600)
        referred = False
        for j, stage in enumerate(spec.stages):
            referred |= self._journey(spec, timeline, j, stage)
        self.referral_contacts += referred

    def _journey(self, spec: ContactSpec, timeline: Timeline, j: int, stage: str) -> bool:
        received = spec.contact.received_at
        self.journeys += 1
        self.unborn += spec.children[j].date_of_birth is None
        self.repeat_flagged += bool(spec.repeat_reasons[j])
        self.second_family_member += any("second family member" in r for r in spec.repeat_reasons[j])
        if stage in OPEN_STAGES:
            self.open_stages[stage] += 1
            self.breaching += self.end > received + DAY
            return False
        decided = timeline.decided_at[j]
        outcome = spec.outcomes[j]
        self.decided += 1
        self.outcomes[outcome] += 1
        self.over_24h += decided > received + DAY
        days = self.calendar.working_days_between(local(received).date(), local(decided).date())
        self.over_3_working_days += days > 3
        if outcome in REFERRAL_OUTCOMES:
            self.referrals_by_child[spec.children[j].pk].append(received)
            return True
        return False

    def re_referral_rate(self) -> float:
        """Referral decisions about a child referred before within 12 months, as a share of all referral
        decisions. Higher than the DfE re-referral rate of the episodes written (see
        episode_re_referral_rate): a decision while the child's episode is open joins it."""
        total = repeats = 0
        for times in self.referrals_by_child.values():
            times.sort()
            total += len(times)
            repeats += sum(1 for a, b in pairwise(times) if b - a <= YEAR)
        return repeats / total if total else 0.0

    def summary(self) -> dict[str, object]:
        pct = _share
        return {
            "contacts": self.contacts,
            "children's journeys": self.journeys,
            "source mix %": {code: pct(n, self.contacts) for code, n in self.sources.most_common()},
            "contacts about 2+ children %": pct(self.multi_child, self.contacts),
            "contacts with a referral outcome %": pct(self.referral_contacts, self.contacts),
            "decisions by outcome % (journeys)": {
                k: pct(n, self.decided) for k, n in self.outcomes.most_common()
            },
            "decided beyond 24 hours %": pct(self.over_24h, self.decided),
            "decided beyond 3 working days %": pct(self.over_3_working_days, self.decided),
            "contacts with partner checks %": pct(self.with_checks, self.contacts),
            "checks answered within 8 hours %": pct(
                sum(h <= 8 for h in self.check_hours), len(self.check_hours)
            ),
            "median hours from incident to receipt": round(median(self.incident_hours), 1)
            if self.incident_hours
            else None,
            "consent %": {k: pct(n, self.contacts) for k, n in self.consent.most_common()},
            "referral decisions within 12 months of another %": round(100 * self.re_referral_rate(), 1),
            "households with 3+ contacts": sum(1 for n in self.contacts_by_household.values() if n >= 3),
            "journeys flagged as repeats": self.repeat_flagged,
            "flagged: second family member": self.second_family_member,
            "unborn children's journeys %": pct(self.unborn, self.journeys),
            "open at the end by stage": dict(sorted(self.open_stages.items())),
            "open past 24 hours": self.breaching,
        }


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def episode_re_referral_rate(authority_id: int) -> float:
    """The DfE re-referral rate of the Referral rows written: referrals whose child had an earlier
    referral dated on or after performance.rules.year_before(this one's), over all referrals."""
    dates: dict[int, list[date]] = defaultdict(list)
    rows = Referral.objects.filter(authority_id=authority_id).values_list("person_id", "referral_date")
    for person, day in rows.order_by("person_id", "received_at"):
        dates[person].append(day)
    total = sum(len(days) for days in dates.values())
    repeats = sum(1 for days in dates.values() for a, b in pairwise(days) if a >= year_before(b))
    return repeats / total if total else 0.0


def year_end(authority_id: int, start: datetime, end: datetime) -> dict[str, str]:
    """The window's year-end figures (a 365-day window ending 31 March is the DfE's year) against
    Worcestershire's 2025 figures in volumes.md §8: what the window brought in, and what is open at
    its end, including the caseload carried in from before it."""
    first, last = local(start).date(), local(end).date()
    open_at_end = Q(end_date__isnull=True) | Q(end_date__gt=last)
    in_need = Q(closure_date__isnull=True) | Q(closure_date__gt=last)
    referrals = Referral.objects.filter(authority_id=authority_id)
    found = {
        "referrals": referrals.filter(received_at__gt=start, received_at__lte=end).count(),
        "ICPCs": ConferenceChild.objects.filter(
            conference__authority_id=authority_id,
            conference__kind="initial",
            conference__held_on__gt=first,
            conference__held_on__lte=last,
        ).count(),
        "CP plans starting": ProtectionPlan.objects.filter(
            authority_id=authority_id, start_date__gt=first, start_date__lte=last
        ).count(),
        "children on a CP plan at the end": ProtectionPlan.objects.filter(
            open_at_end, authority_id=authority_id, start_date__lte=last
        ).count(),
        "children in need at the end": referrals.filter(in_need, referral_date__lte=last)
        .values("person_id")
        .distinct()
        .count(),
    }
    return {label: _against(found[label], target) for label, target in YEAR_END_TARGETS.items()}


def _against(value: int, target: int) -> str:
    return f"{value:,} against {target:,} ({100 * (value - target) / target:+.1f}%)"
