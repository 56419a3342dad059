"""Candidate generation for "is this child already known?": every blocking key in one SQL statement.

people.rules.blocking_keys says what to look up; this module fetches the people any key finds, with
what the matcher compares (names, date of birth, identifiers, other names, current and former
postcodes), in ONE query whatever the keys: a common table expression of the candidates' ids (one
index lookup per key, joined by UNION), then their rows, other names and addresses joined by UNION
ALL. Every lookup is scoped to the authority through an index that starts with the authority, so a
national register (153 authorities in one table) costs what one authority's does:

- (authority, nhs_number), (authority, upn), (authority, date_of_birth) on people;
- (authority, last_name_key, first_name_key) on people: the surname key (narrowed by date of birth
  or first-name keys) and names given the wrong way round;
- (authority, first_name_key, date_of_birth) on people: a surname mistyped in its first letter;
- (authority, last_name_key) on other names (people.PersonName carries its person's authority);
- (authority, postcode) on addresses, then residences by address.

Hand-written SQL rather than the ORM because building and compiling the eight-branch union took
longer than running it (bench/search_db.py). The statement is plain SQL that SQLite and PostgreSQL
both run; tests/people/test_selectors.py checks SQLite's plan uses those indexes.

Then `shortlist` ranks the candidates by a cheap agreement count so that only the best
FULLY_SCORED are scored by people.linkage (a search on a common surname can bring in hundreds).
"""

from datetime import date
from typing import Any

from django.db import connection

from frontdoor.people import rules
from frontdoor.people.models import Address, LinkageWeights, Person, PersonName, Residence

# Safety valve: a search on a very common surname alone stops fetching after this many candidates.
MAX_CANDIDATES = 2000
# Candidates scored fully by people.linkage, the best by `prescore`; the rest are dropped.
FULLY_SCORED = 150

CANDIDATE_FIELDS = (
    "first_name",
    "middle_names",
    "last_name",
    "known_as",
    "date_of_birth",
    "nhs_number",
    "upn",
    "is_child",
)
_PERSON = Person._meta.db_table
_NAME = PersonName._meta.db_table
_ADDRESS = Address._meta.db_table
_RESIDENCE = Residence._meta.db_table
_WEIGHTS = LinkageWeights._meta.db_table


def _in(values: frozenset[Any] | set[Any]) -> tuple[str, list[Any]]:
    ordered = sorted(values)
    return ", ".join(["%s"] * len(ordered)), ordered


def _near(keys: rules.BlockingKeys, alias: str) -> tuple[str, list[Any]]:
    """Narrows the surname block: born near the query's date of birth (or none recorded), or a
    first name that sounds like the query's or a short form of it (see rules.BlockingKeys).
    Without a date of birth, the first-name keys alone narrow it, so that a common surname does not
    pull in everyone who has it. "" when nothing narrows it."""
    parts: list[str] = []
    params: list[Any] = []
    if keys.birth_years:
        low, high = keys.birth_years
        parts += [f"{alias}.date_of_birth IS NULL", f"{alias}.date_of_birth BETWEEN %s AND %s"]
        params += [date(low, 1, 1), date(high, 12, 31)]
        if keys.name_dates:
            marks, dates = _in(keys.name_dates)
            parts.append(f"{alias}.date_of_birth IN ({marks})")
            params += dates
    if keys.first_name_keys:
        marks, first_keys = _in(keys.first_name_keys)
        parts.append(f"{alias}.first_name_key IN ({marks})")
        params += first_keys
    return (f" AND ({' OR '.join(parts)})" if parts else ""), params


def _blocks(authority_id: int, keys: rules.BlockingKeys) -> tuple[list[str], list[Any]]:
    """One SELECT of person ids per blocking key, each through its authority-led index."""
    blocks: list[str] = []
    params: list[Any] = []
    person = f"SELECT p.id FROM {_PERSON} p WHERE p.authority_id = %s"  # noqa: S608 (table names from the models, values all %s)
    if keys.nhs_number:
        blocks.append(f"{person} AND p.nhs_number = %s")
        params += [authority_id, keys.nhs_number]
    if keys.upn:
        blocks.append(f"{person} AND p.upn = %s")
        params += [authority_id, keys.upn]
    if keys.dates_of_birth:
        marks, dates = _in(keys.dates_of_birth)
        blocks.append(f"{person} AND p.date_of_birth IN ({marks})")
        params += [authority_id, *dates]
    if keys.name_key:
        near, near_params = _near(keys, "p")
        blocks.append(f"{person} AND p.last_name_key = %s{near}")
        params += [authority_id, keys.name_key, *near_params]
        blocks.append(
            f"SELECT n.person_id FROM {_NAME} n JOIN {_PERSON} p ON p.id = n.person_id "  # noqa: S608
            f"WHERE n.authority_id = %s AND n.last_name_key = %s AND p.authority_id + 0 = %s{near}"
        )
        params += [authority_id, keys.name_key, authority_id, *near_params]
    if keys.swapped:  # the names the wrong way round
        surname_key, first_keys = keys.swapped
        marks, ordered = _in(first_keys)
        blocks.append(f"{person} AND p.last_name_key = %s AND p.first_name_key IN ({marks})")
        params += [authority_id, surname_key, *ordered]
    if keys.first_name_keys and keys.dates_of_birth:  # a surname mistyped in its first letter
        key_marks, given_keys = _in(keys.first_name_keys)
        date_marks, dates = _in(keys.dates_of_birth | keys.name_dates)
        blocks.append(f"{person} AND p.first_name_key IN ({key_marks}) AND p.date_of_birth IN ({date_marks})")
        params += [authority_id, *given_keys, *dates]
    if keys.postcode:
        blocks.append(
            f"SELECT r.person_id FROM {_ADDRESS} a JOIN {_RESIDENCE} r ON r.address_id = a.id "  # noqa: S608
            f"JOIN {_PERSON} p ON p.id = r.person_id "
            "WHERE a.authority_id = %s AND a.postcode = %s AND p.authority_id + 0 = %s"
        )
        params += [authority_id, keys.postcode, authority_id]
    return blocks, params


def candidate_sql(authority_id: int, keys: rules.BlockingKeys) -> tuple[str, list[Any]]:
    """The one statement: rows tagged 0 (the person), 1 (another name), 2 (an address), and one
    row tagged 3 with the id of the authority's newest linkage weights, if any (so that the
    weights, cached per process by id in people.selectors, cost no round trip of their own)."""
    blocks, params = _blocks(authority_id, keys)
    ids = " UNION ".join(blocks)
    sql = (
        # A record merged into another is kept only for the undo and the audit trail: never a candidate.
        f"WITH u(id) AS ({ids}), "  # noqa: S608
        f"c AS (SELECT u.id FROM u JOIN {_PERSON} m ON m.id = u.id WHERE m.merged_into_id IS NULL LIMIT %s) "
        "SELECT 0, p.id, p.first_name, p.middle_names, p.last_name, p.known_as, p.date_of_birth, "
        f"p.nhs_number, p.upn, p.is_child FROM {_PERSON} p WHERE p.id IN (SELECT id FROM c) "
        "UNION ALL "
        "SELECT 1, n.person_id, n.first_name, n.kind, n.last_name, NULL, NULL, NULL, NULL, NULL "
        f"FROM {_NAME} n WHERE n.person_id IN (SELECT id FROM c) "
        "UNION ALL "
        f"SELECT 2, r.person_id, (SELECT a.postcode FROM {_ADDRESS} a WHERE a.id = r.address_id), "
        'NULL, NULL, NULL, r."end", NULL, NULL, NULL '
        f"FROM {_RESIDENCE} r WHERE r.person_id IN (SELECT id FROM c) "
        "UNION ALL "
        "SELECT 3, w.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM "
        f"(SELECT id FROM {_WEIGHTS} WHERE authority_id = %s ORDER BY estimated_at DESC, id DESC LIMIT 1) w"
    )
    return sql, [*params, MAX_CANDIDATES, authority_id]


def _date(value: Any) -> date | None:
    """SQLite returns dates from raw SQL as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def candidates(authority_id: int, keys: rules.BlockingKeys) -> list[dict[str, Any]]:
    """Candidate rows (pk, CANDIDATE_FIELDS, other_names, postcodes, former_postcodes): one query,
    none when there is nothing to look up."""
    return found(authority_id, keys)[0]


def found(authority_id: int, keys: rules.BlockingKeys) -> tuple[list[dict[str, Any]], int | None]:
    """The candidate rows (see `candidates`) and the id of the authority's newest LinkageWeights
    (None when it has none): one query, none when there is nothing to look up."""
    if keys.empty:
        return [], None
    sql, params = candidate_sql(authority_id, keys)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    weights_id = next((row[1] for row in rows if row[0] == 3), None)
    return _rows(rows), weights_id


def _rows(rows: list[Any]) -> list[dict[str, Any]]:
    by_pk: dict[int, dict[str, Any]] = {}
    for row in rows:
        if row[0] == 0:
            values = dict(zip(CANDIDATE_FIELDS, row[2:], strict=True))
            values["date_of_birth"] = _date(values["date_of_birth"])
            values["is_child"] = bool(values["is_child"])
            by_pk[row[1]] = {
                "pk": row[1],
                **values,
                "other_names": [],
                "postcodes": [],
                "former_postcodes": [],
            }
    for row in rows:
        if row[0] == 1:
            by_pk[row[1]]["other_names"].append(rules.OtherName(row[2], row[4], row[3]))
        elif row[0] == 2:
            by_pk[row[1]]["postcodes" if row[6] is None else "former_postcodes"].append(row[2])
    return sorted(by_pk.values(), key=lambda row: row["pk"])
