"""splink's standard model on the bench's data, for comparison (a dev-only dependency, run offline on DuckDB).

The same fields Frontdoor's matcher uses for names, date of birth and postcode: first name, surname
(splink NameComparison: exact, Jaro-Winkler bands), date of birth (DateOfBirthComparison: exact,
one character, within a month / year / ten years) and postcode (PostcodeComparison: full, sector,
district, area). Trained as splink's tutorials train it: the chance two random records match,
u by random sampling, m by expectation-maximisation blocked on date of birth, then on surname.
Predictions between the queries and the register, blocked on first name, surname, date of birth
or postcode; each query's results are its pairs above `threshold`, best first.
"""

import logging
import time
from datetime import date

import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

logging.getLogger("splink").setLevel(logging.ERROR)


def _row(uid: str, first: str, last: str, born: date | None, postcode: str) -> dict:
    return {
        "unique_id": uid,
        "first_name": first.strip().lower() or None,
        "surname": last.strip().lower() or None,
        "dob": born.isoformat() if born else None,
        "postcode": postcode or None,
    }


def run(register, queries, threshold: float = 0.5) -> tuple[list[list[str]], float, float]:
    """(for each query, the register ids it returns best first; training seconds; prediction seconds).

    `register`: (id, first, last, date of birth, postcode); `queries`: the same, ids distinct.
    """
    started = time.perf_counter()
    db = DuckDBAPI()
    left = db.register([_row(*row) for row in queries], dataset_display_name="queries")
    right = db.register([_row(*row) for row in register], dataset_display_name="register")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name"), block_on("surname"), block_on("dob"), block_on("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )  # fmt: skip
    linker = Linker([left, right], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1_000_000, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    trained = time.perf_counter()
    pairs = linker.inference.predict(threshold_match_probability=threshold).as_record_list()
    predicted = time.perf_counter()
    by_query: dict[str, list[tuple[float, str]]] = {row[0]: [] for row in queries}
    for pair in pairs:
        if pair["source_dataset_l"] == "queries":
            query_id, person_id = pair["unique_id_l"], pair["unique_id_r"]
        else:
            query_id, person_id = pair["unique_id_r"], pair["unique_id_l"]
        by_query[query_id].append((-pair["match_probability"], person_id))
    ranked = [[pid for _, pid in sorted(by_query[row[0]])] for row in queries]
    return ranked, trained - started, predicted - trained
