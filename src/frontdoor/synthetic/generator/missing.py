"""Missing children and exploitation in the synthetic county: episodes, management oversight, return
home interviews, pattern flags, screenings, meetings, and the places and associates children share.

Volumes (volumes.md §10a): about 550 episodes a year for looked-after children (about 80 children,
6.8 each) and about 1,000 from home (about 1.7 each), scaled to the window. 90% of episodes last two
days or less (§7). The county is one improving after an inspection that found interviews offered to
61% and within 72 hours to 24%: over the window the offer rate rises from about 78% to 92% (about 85%
overall) and offers made within 72 hours from about 68% to 95% of offers (about 70% of all
episodes); about 70% of offers are accepted (§7: "about 30% of those decline") and most accepted
interviews happen. These are assumptions chosen to look like that council, not published figures.

Rows are written as missing.services and exploitation.services would write them, with due times
from the pure clock rules and flags from missing.rules.pattern_reasons. Its own random stream keeps
every other row of the county as it was.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Model

from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import standard_for
from frontdoor.missing import rules as missing_rules
from frontdoor.missing.models import MissingEpisode, Oversight, PatternFlag, ReturnInterview, Source
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.synthetic.generator.base import LONDON, Picker, chance, lognormal_hours
from frontdoor.synthetic.generator.exploitation import ExploitationMaker
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

LOOKED_AFTER_A_YEAR = (550, 80)  # (episodes, children), §10a
FROM_HOME_A_YEAR = (1000, 590)
# Offer and timeliness rise linearly across the window: (start, end) shares (assumption above).
OFFERED = (0.78, 0.92)
WITHIN_72H = (0.68, 0.95)  # of offers: about 70% of all episodes overall
INDEPENDENT = 0.82
ACCEPTED = 0.70
COMPLETED_WHEN_ACCEPTED = 0.88
# Children asked who they would prefer to talk to at the offer (issue 19 §5), and whom they name
# ("" for no one in particular).
ASKED_PREFERENCE = 0.64
PREFERRED = ("", "", "Youth worker they already know", "Teacher", "Independent advocate", "School nurse")
OVERSIGHT_RECORDED = 0.93
OVERSIGHT_ON_TIME = 0.85
DECISIONS = Picker({"nfa": 55, "screening": 25, "strategy": 10, "other": 10})
# Hour of the day a child goes missing (local): mostly afternoons and evenings (assumption).
HOURS = Picker({h: (3 if 15 <= h <= 23 else 1 if 7 <= h < 15 else 0.5) for h in range(24)})
WHERE_FOUND = (
    "Returned home by themselves",
    "Friend's house",
    "Town centre",
    "Bus station",
    "Park",
    "Relative's address",
    "Another county",
    "Shopping centre",
)
CLOCK_CODES = (
    "missing_oversight",
    "rhi_offered",
    "rhi_held",
    "exploitation_review_high",
    "exploitation_review_medium",
    "exploitation_review_low",
)


@dataclass
class MissingMaker:
    writer: Writer
    clocks: ClockMaker
    rng: random.Random
    org: Org
    start: datetime
    end: datetime
    offered: int = 0
    on_time: int = 0
    returned: int = 0
    # (episodes, children) a year: the county's by default; the national profile scales them.
    looked_after_a_year: tuple[int, int] = LOOKED_AFTER_A_YEAR
    from_home_a_year: tuple[int, int] = FROM_HOME_A_YEAR
    open_flag: dict[int, PatternFlag] = field(default_factory=dict)
    flags: list[PatternFlag] = field(default_factory=list)
    decisions: dict[int, str] = field(default_factory=dict)

    def make(self) -> dict[str, object]:
        for code in CLOCK_CODES:
            self.clocks.standards.setdefault(code, standard_for(self.clocks.authority, code))
        self.exploitation = ExploitationMaker(self.writer, self.rng, self.org, self.end, self._clock)
        self.exploitation.pools()
        children = self._children()
        share = (self.end - self.start).days / 365
        lac_n, home_n = self._cohorts(children, share)
        cohort = [(pk, True) for pk in children[:lac_n]] + [
            (pk, False) for pk in children[lac_n : lac_n + home_n]
        ]
        plan = self._episode_counts(cohort, share)
        number = 0
        for (person, looked_after), count in zip(cohort, plan, strict=True):
            starts = sorted(self._moment() for _ in range(count))
            screened = False
            for went in starts:
                number += 1
                episode = self._episode(person, looked_after, went, number)
                decision = self.decisions.get(episode.pk, "")
                screened = self.exploitation.after(episode, decision, screened) or screened
                self._flag(episode, [s for s in starts if s <= went])
        for flag in self.flags:  # written last: a flag's reason changes as later episodes come
            self.writer.add(flag)
        return self.summary()

    def summary(self) -> dict[str, object]:
        def pct(part: int) -> float:
            return round(100 * part / self.returned, 1) if self.returned else 0.0

        return {"rhi_offered_pct": pct(self.offered), "rhi_within_72h_pct": pct(self.on_time)}

    # -- who goes missing -------------------------------------------------------------------------

    def _children(self) -> list[int]:
        """Children aged 10-17 at the window's end, in a seeded shuffle."""
        end = self.end.astimezone(LONDON).date()
        youngest = end.replace(year=end.year - 10)
        oldest = end.replace(year=end.year - 18)
        ids = list(
            Person.objects.filter(
                authority=self.org.authority,
                is_child=True,
                date_of_birth__lte=youngest,
                date_of_birth__gt=oldest,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.rng.shuffle(ids)
        return ids

    def _cohorts(self, children: list[int], share: float) -> tuple[int, int]:
        """How many children go missing in the window. Fewer than a year's worth in a short window,
        but not in proportion: the same children go missing again and again (square root, an
        assumption), and never more than one child for each 1.3 episodes."""
        scale = math.sqrt(min(share, 1.0)) * max(share, 1.0)
        sizes = []
        for episodes, count in (self.looked_after_a_year, self.from_home_a_year):
            sizes.append(max(1, min(round(count * scale), round(episodes * share / 1.3))))
        lac, home = sizes
        if lac + home > len(children):
            lac = max(1, len(children) * lac // (lac + home))
            home = len(children) - lac
        return lac, home

    def _episode_counts(self, cohort: list[tuple[int, bool]], share: float) -> list[int]:
        """Episodes per child: at least one each, the rest to a heavy tail of repeat missers."""
        totals = {
            True: round(self.looked_after_a_year[0] * share),
            False: round(self.from_home_a_year[0] * share),
        }
        counts = [1] * len(cohort)
        for group in (True, False):
            members = [i for i, (_pk, lac) in enumerate(cohort) if lac == group]
            if not members:
                continue
            weights = [self.rng.lognormvariate(0, 1.1) for _ in members]
            for _ in range(max(0, totals[group] - len(members))):
                counts[self.rng.choices(members, weights=weights)[0]] += 1
        return counts

    def _moment(self) -> datetime:
        span = (self.end - self.start).total_seconds()
        moment = self.start + timedelta(seconds=self.rng.uniform(0, span * 0.995))
        local = moment.astimezone(LONDON)
        hour = HOURS(self.rng)
        # In UTC: arithmetic on a Europe/London datetime is wall-clock arithmetic, so an episode
        # starting in the hour the clocks go forward "returned" before it began.
        return local.replace(hour=hour, minute=self.rng.randint(0, 59), second=0, microsecond=0).astimezone(
            UTC
        )

    # -- the episode and what follows ---------------------------------------------------------------

    def _progress(self, moment: datetime) -> float:
        return min(1.0, max(0.0, (moment - self.start) / (self.end - self.start)))

    def _episode(self, person: int, looked_after: bool, went: datetime, number: int) -> MissingEpisode:
        rng = self.rng
        went = min(went, self.end - timedelta(hours=4))
        reported = went + lognormal_hours(rng, 1.5, 0.8)
        notified = min(reported + lognormal_hours(rng, 5, 1.0), self.end - timedelta(minutes=5))
        reported = min(reported, notified)
        duration = min(lognormal_hours(rng, 6 if looked_after else 5, 1.2), timedelta(days=10))
        back = went + duration
        returned = back if back <= self.end else None
        la = self.org.authority
        episode = MissingEpisode(
            pk=self.writer.next_id(MissingEpisode),
            authority_id=la.pk,
            person_id=person,
            looked_after=looked_after,
            went_missing_at=went,
            reported_at=reported,
            notified_at=notified,
            returned_at=returned,
            where_found=rng.choice(WHERE_FOUND) if returned else "",
            safe_and_well_done=chance(rng, 0.88) if returned else None,
            police_reference=f"MP/{la.la_code}/{number:06d}",
            source=Source.RECORDED,
            recorded_by_id=rng.choice(self.org.staff[Role.CONTACT_OFFICER]),
            recorded_at=notified,
        )
        overseen, decision = self._oversight(episode)
        self.decisions[episode.pk] = decision
        episode.oversight_clock_id = self._clock("missing_oversight", notified, episode, person, overseen)
        if returned is not None:
            self.returned += 1
            offered, ended = self._interview(episode)
            episode.interview_clock_id = self._clock("rhi_offered", returned, episode, person, offered)
            episode.held_clock_id = self._clock("rhi_held", returned, episode, person, ended)
        self.writer.add(episode)
        return episode

    def _clock(self, code: str, started: datetime, subject: Model, person: int, done: datetime | None) -> int:
        pk = self.writer.next_id(Clock)
        self.writer.add(
            self.clocks.clock(
                pk=pk, code=code, started_at=started, subject=subject, person_id=person, completed_at=done
            )
        )
        return pk

    def _oversight(self, episode: MissingEpisode) -> tuple[datetime | None, str]:
        rng = self.rng
        if not chance(rng, OVERSIGHT_RECORDED):
            return None, ""
        calendar = self.clocks.calendar
        notified_day = episode.notified_at.astimezone(LONDON).date()
        days = rng.randint(0, 1) if chance(rng, OVERSIGHT_ON_TIME) else rng.randint(2, 4)
        day = calendar.add_working_days(notified_day, days) if days else notified_day
        at = datetime(day.year, day.month, day.day, tzinfo=LONDON) + timedelta(hours=rng.uniform(9, 17))
        at = max(at, episode.notified_at + timedelta(minutes=20))
        if at > self.end:
            return None, ""
        decision = DECISIONS(rng)
        self.writer.add(
            Oversight(
                episode_id=episode.pk,
                decision=decision,
                by_id=rng.choice(self.org.staff[Role.TEAM_MANAGER]),
                at=at,
                rationale=_RATIONALE[decision],
            )
        )
        return at, decision

    def _interview(self, episode: MissingEpisode) -> tuple[datetime | None, datetime | None]:
        """(when the interview was offered, when the duty to hold it ended: held or declined)."""
        rng, returned = self.rng, episode.returned_at
        assert returned is not None  # noqa: S101  # only returned episodes come here
        progress = self._progress(returned)
        if not chance(rng, _between(OFFERED, progress)):
            return None, None
        hours = rng.uniform(2, 71.5) if chance(rng, _between(WITHIN_72H, progress)) else rng.uniform(73, 240)
        offered = returned + timedelta(hours=hours)
        if offered > self.end:
            return None, None
        self.offered += 1
        self.on_time += hours <= 72
        independent = chance(rng, INDEPENDENT)
        accepted = chance(rng, ACCEPTED)
        completed = offered + timedelta(hours=rng.uniform(4, 96)) if accepted else None
        if completed is not None and (completed > self.end or not chance(rng, COMPLETED_WHEN_ACCEPTED)):
            completed = None
        asked = chance(rng, ASKED_PREFERENCE)
        self.writer.add(
            ReturnInterview(
                episode_id=episode.pk,
                offered_at=offered,
                offered_by_independent=independent,
                offered_by="Get Safe return interview worker (synthetic)"
                if independent
                else "Residential key worker",
                not_independent_reason="" if independent else "No independent worker free within 72 hours",
                asked_preference=asked,
                preferred_person=rng.choice(PREFERRED) if asked else "",
                accepted=accepted,
                declined_reason="" if accepted else "Did not want to talk about it",
                completed_at=completed,
                completed_by="Get Safe return interview worker (synthetic)" if completed else "",
                held_by_independent=independent if completed else None,
                childs_account="Said they went to see friends in town and lost track of time."
                if completed
                else "",
                push_factors="Arguments about rules at home." if completed else "",
                pull_factors="Older friends with money and a car." if completed else "",
                risks_identified="Possible criminal exploitation." if completed else "",
                follow_up_actions="Share with the allocated worker; consider screening." if completed else "",
                recorded_by_id=rng.choice(self.org.staff[Role.SOCIAL_WORKER]),
            )
        )
        return offered, completed or (None if accepted else offered)

    def _flag(self, episode: MissingEpisode, starts: list[datetime]) -> None:
        """Raise or update the child's flag as missing.services._flag_if_pattern would."""
        reasons = missing_rules.pattern_reasons(
            missing_rules.PatternRule(),
            starts=starts,
            went=episode.went_missing_at,
            until=episode.returned_at or self.end,
            zone=LONDON,
        )
        if not reasons:
            return
        reason = "; ".join(reasons)
        raised = episode.returned_at or episode.notified_at
        flag = self.open_flag.get(episode.person_id)
        if flag is not None and (flag.acknowledged_at is None or flag.acknowledged_at > raised):
            flag.reason, flag.episode_id = reason, episode.pk
            return
        rng = self.rng
        acknowledged = raised + timedelta(hours=rng.uniform(2, 40))
        known = acknowledged <= self.end and chance(rng, 0.85)
        flag = PatternFlag(
            pk=self.writer.next_id(PatternFlag),
            authority_id=episode.authority_id,
            person_id=episode.person_id,
            episode_id=episode.pk,
            reason=reason,
            raised_at=raised,
            acknowledged_by_id=rng.choice(self.org.staff[Role.TEAM_MANAGER]) if known else None,
            acknowledged_at=acknowledged if known else None,
            note="Strategy discussion arranged." if known else "",
        )
        self.flags.append(flag)
        self.open_flag[episode.person_id] = flag


_RATIONALE = {
    "nfa": "Home and safe; no new concerns from the police or the child.",
    "screening": "Pattern of going missing with older peers: exploitation screening.",
    "strategy": "Repeat episodes and risk outside the home: strategy discussion.",
    "other": "Shared with the allocated worker to discuss with the carers.",
}


def _between(bounds: tuple[float, float], progress: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * progress
