"""Every DfE CIN ERROR rule mapped as prevented at entry is tried through the services, in both orders
of events where the two records can be made in either order (issue 18): the breaking write is refused
(or, for a rule kept by how the record is made, the rule holds afterwards). A rule newly mapped as
prevented with no attempt here fails `test_every_rule_kept_at_entry_has_an_attempt`.

Each attempt builds its own records with the services, then makes the write that would break the rule
last. A rule about one record, or about two records of which one always comes first (the referral
before anything in its episode), has one attempt and the reason there is no other order."""

from datetime import date, timedelta

import pytest

from . import attempts_casework as casework
from . import attempts_episode as episode
from .attempts import Tries
from .entry import cin_plan, enquire, today
from .test_rule_map import prevented_by_apps

pytestmark = pytest.mark.django_db


REFERRAL_FIRST = "The referral is always recorded first and its date never changes afterwards."
ONE_RECORD = "The rule is about one record's own values: there is no second record to order."
SECOND_IS_SECOND = "Both records are of one kind: whichever is made second is the one refused."
MADE_BY_SERVICE = "The value is made by the service, never entered, so no order of events can break it."

TRIES: dict[str, Tries] = {
    "1510": episode.field(upn=episode.upn_with_wrong_check_letter()),
    "1530": episode.field(upn="A999000012345"),
    "1540": episode.field(upn="A885ABC012345"),
    "1550": episode.field(upn="A88500001234I"),
    "1520": Tries(episode.duplicate_upn_created, episode.duplicate_upn_updated),
    "1570": Tries(episode.reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "1580": Tries(episode.reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "8500": Tries(episode.reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "8510": Tries(episode.reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "4180": episode.field(sex="X"),
    "4220": episode.field(ethnicity="ZZZZ"),
    "8520": episode.field(date_of_birth=today() + timedelta(days=2)),
    "8750": Tries(episode.unborn_male_created, episode.unborn_made_male),
    "8790": episode.field(disabilities=["NONE", "AUT"]),
    "8794": episode.field(disabilities=["AUT", "AUT"]),
    "8866": Tries(episode.unknown_source, one_order=ONE_RECORD),
    "8640": Tries(episode.close_with(reason="RC99"), one_order=ONE_RECORD),
    "8650": Tries(casework.authorisation(primary_need="N99"), one_order=ONE_RECORD),
    "8630": Tries(episode.close_with(closure_date=date(2000, 1, 1)), one_order=REFERRAL_FIRST),
    "8805": Tries(episode.close_with(reason=""), one_order=ONE_RECORD),
    "8810": Tries(episode.close_with(closure_date=None), one_order=ONE_RECORD),
    "8815": Tries(episode.second_contact_joins, one_order=SECOND_IS_SECOND),
    "8816": Tries(episode.second_contact_joins, one_order=SECOND_IS_SECOND),
    "8820": Tries(episode.episode_after_closure_starts_at_it, one_order=SECOND_IS_SECOND),
    "8867": Tries(
        episode.work_then_closure(episode.start_assessment, on_day=20),
        episode.closed_then(episode.start_assessment),
    ),
    "8868": Tries(
        episode.work_then_closure(episode.discuss_s47, on_day=20),
        episode.closed_then(episode.discuss_s47, assessed=True),
    ),
    "8565": Tries(
        episode.work_then_closure(episode.assessed_and_authorised, on_day=10),
        episode.closed_then(episode.start_assessment),
    ),
    "2990": Tries(
        episode.work_then_closure(
            lambda ep: (enquire(ep), episode.assessed_and_authorised(ep)), on_day=25, reason="RC8"
        ),
        episode.closed_then(episode.discuss_s47, reason="RC8", assessed=True),
    ),
    "4000": Tries(
        episode.nfa_then(lambda ep: cin_plan(ep, start=ep.referral.referral_date + timedelta(days=2))),
        episode.work_then_not_nfa(episode.plan_in),
    ),
    "8831": Tries(
        episode.nfa_then(episode.start_assessment),
        episode.work_then_not_nfa(episode.assessed_and_authorised),
    ),
    "8832": Tries(episode.nfa_then(episode.discuss_s47), episode.work_then_not_nfa(enquire)),
    "1103": Tries(casework.assessment_before_referral, one_order=REFERRAL_FIRST),
    "8608": Tries(casework.completion(completed_on=date(2000, 1, 1)), one_order=ONE_RECORD),
    "8610": Tries(casework.authorisation(primary_need="N0"), one_order=ONE_RECORD),
    "8614": Tries(casework.factors_only_when_completing, one_order=MADE_BY_SERVICE),
    "8869": Tries(casework.completion(factors=["21", "4B"]), one_order=ONE_RECORD),
    "8898": Tries(casework.completion(factors=["4B", "4B"]), one_order=ONE_RECORD),
    "8896": Tries(casework.second_open_assessment, one_order=SECOND_IS_SECOND),
    "4001": Tries(casework.cin_plan_ended_at_cp_start, casework.cin_start_refused(casework.open_cp_plan)),
    "4016": Tries(casework.cp_plan_during_ended_cin_plan, casework.cin_start_refused(casework.ended_cp_plan)),
    "4017": Tries(casework.cp_plan_during_ended_cin_plan, casework.cin_start_refused(casework.open_cp_plan)),
    "4003": Tries(casework.cin_plan_ended_at_cp_start, casework.cin_start_refused(casework.open_cp_plan)),
    "4004": Tries(casework.cin_start_refused(casework.open_cin_plan), one_order=SECOND_IS_SECOND),
    "4014": Tries(casework.cin_start_refused(casework.ended_cin_plan), one_order=SECOND_IS_SECOND),
    "4008": Tries(
        casework.cin_start_refused(casework.died_after(5)),
        casework.death_refused(casework.cin_plan_then_death),
    ),
    "4011": Tries(casework.cin_plan_end_before_start, one_order=ONE_RECORD),
    "4015": Tries(casework.cin_start_refused(casework.before_referral), one_order=REFERRAL_FIRST),
    "1104": Tries(casework.icpc_on(-3), one_order=REFERRAL_FIRST),
    "1105": Tries(casework.icpc_on(-3), one_order=REFERRAL_FIRST),
    "2883": Tries(casework.plans_only_from_initial_conferences, one_order=MADE_BY_SERVICE),
    "2884": Tries(casework.icpc_after_other_outcome, one_order=MADE_BY_SERVICE),
    "2885": Tries(casework.plan_starts_at_its_conference, one_order=MADE_BY_SERVICE),
    "2889": Tries(casework.strategy_before_referral, one_order=REFERRAL_FIRST),
    "8615": Tries(casework.icpc_on(-1), one_order="The section 47 always comes before its conference."),
    "8730": Tries(casework.first_plan_returns_no_previous, one_order=MADE_BY_SERVICE),
    "8839": Tries(casework.second_section47, one_order=SECOND_IS_SECOND),
    "8890": Tries(casework.second_section47, one_order=SECOND_IS_SECOND),
    "8840": Tries(casework.plan_end(0), one_order=ONE_RECORD),
    "8925": Tries(casework.plan_end(-1), one_order=ONE_RECORD),
    "8841": Tries(casework.review_on_plan_start, one_order="The plan always comes before its reviews."),
    "8875": Tries(
        casework.icpc_on(12), one_order=ONE_RECORD
    ),  # the Saturday after the Monday referral's week
    "8905": Tries(casework.icpc_on(14, category="XXX"), one_order=ONE_RECORD),
    "8910": Tries(casework.icpc_on(14, category="XXX"), one_order=ONE_RECORD),
    "8915": Tries(casework.death_then_icpc_after, casework.death_refused(casework.cp_plan_before)),
    "8920": Tries(
        casework.death_then_plan_end_after, casework.death_refused(casework.cp_plan_ended_then_death)
    ),
    "8935": Tries(casework.second_open_plan, one_order=SECOND_IS_SECOND),
    "8940": Tries(casework.plan_overlapping_an_ended_one, one_order=SECOND_IS_SECOND),
}
CASES = [
    (code, order) for code in sorted(TRIES) for order in ("first", "other") if getattr(TRIES[code], order)
]


def test_every_rule_kept_at_entry_has_an_attempt():
    assert sorted(set(prevented_by_apps()) - set(TRIES)) == []
    assert all((tries.other is None) == bool(tries.one_order) for tries in TRIES.values())


@pytest.mark.parametrize(("code", "order"), CASES)
def test_the_rule_cannot_be_broken_through_the_services(code, order, la, manager):
    attempt = getattr(TRIES[code], order)
    attempt(la, manager)
