"""Subject access finds every kind of record that names a person, shown on the synthetic county's own
records: for each kind the generator writes, one person who has such a row gets a bundle holding it.
(tests/access/test_sar.py builds the front door's kinds by hand; this covers the apps after it.)"""

from datetime import datetime

import pytest

from frontdoor.people.models import Person
from frontdoor.records.sar import gather, person_models
from frontdoor.synthetic.generator import generate
from frontdoor.synthetic.generator.base import LONDON
from frontdoor.synthetic.profiles import PROFILES
from tests.evidence import evidence

pytestmark = pytest.mark.django_db

# Kinds the synthetic county does not write; tests/access/test_sar.py makes one of each by hand,
# except validation issues, which exist only after a census has been validated.
NOT_GENERATED = [
    "access.breakglass", "access.healthmarker", "audit.accessevent",
    "documents.documentperson",  # a note's document about several children: the generator writes none
    "identity.duplicatepair", "identity.merge",  # the register's review: none until a scan or merge
    "people.person",  # a record merged into this person's (merged_into): none until a merge
    "people.staffwarning",  # warnings to staff are entered by hand
    "plans.papersent",  # papers sent are recorded by hand; the generator sends none
    "retention.legalhold", "returns.validationissue",
]  # fmt: skip


@pytest.fixture
def county(db):
    return generate(
        profile=PROFILES["small"], seed=7, end=datetime(2026, 3, 20, 16, tzinfo=LONDON), la_code="885"
    )


def test_each_kind_of_record_the_county_holds_is_in_its_persons_bundle(county):
    kinds = {model._meta.label_lower: (model, keys) for model, keys in person_models()}
    found, missing = [], []
    for label, (model, keys) in sorted(kinds.items()):
        row = next(
            (r for key in keys for r in model.objects.filter(**{f"{key}__isnull": False}).order_by("pk")[:1]),
            None,
        )
        if row is None:
            missing.append(label)
            continue
        person = Person.objects.get(pk=next(getattr(row, f"{k}_id") for k in keys if getattr(row, f"{k}_id")))
        rows = gather(person).sections
        ids = {r["id"] for s in rows if s.label == label for r in s.rows}
        assert row.pk in ids, label
        found.append(label)
    assert missing == NOT_GENERATED
    print(f"\nSubject access on the county: {len(found)} kinds found, not generated: {missing}")  # noqa: T201
    # tasks.Task replaced two kinds; access.TeamInvolvement, case notes (notechild), documents, plan
    # content, papers sent and the duplicate register's pairs and merges joined
    # ... and complaints (two kinds), practice notes, domestic abuse notifications, allegations (two)
    # and drift panel decisions (the county generator holds monthly panels since session 9).
    assert (len(found), len(kinds)) == (37, 48)
    evidence("sar-county", {"kinds_found": len(found), "kinds": len(kinds)})
