"""Births: a child referred unborn whose expected date has passed by the end of the window is born,
as people.services would record it (date of birth, sex, a first name; the expected date cleared:
born or expected, never both). Without this the census would return long-overdue unborn children
(CIN query 8530Q). Own random stream, so every other row is as it would be without it."""

import random
from datetime import date, timedelta

from frontdoor.people.models import Person
from frontdoor.people.rules import name_key
from frontdoor.synthetic.generator import texts

EARLIEST, LATEST = -14, 10  # days from the expected date (assumption: most births within 2 weeks of it)


def record_births(*, authority_id: int, end: date, rng: random.Random) -> int:
    born = []
    unborn = Person.objects.filter(
        authority_id=authority_id, date_of_birth__isnull=True, expected_date_of_birth__lt=end
    ).order_by("pk")
    for person in unborn:
        assert person.expected_date_of_birth is not None  # noqa: S101 - filtered above
        day = person.expected_date_of_birth + timedelta(days=rng.randint(EARLIEST, LATEST))
        person.date_of_birth = min(day, end - timedelta(days=1))
        person.expected_date_of_birth = None
        person.sex = rng.choice("MF")
        person.first_name = rng.choice(texts.BOYS if person.sex == "M" else texts.GIRLS)
        person.first_name_key = name_key(person.first_name)
        born.append(person)
    fields = ["date_of_birth", "expected_date_of_birth", "sex", "first_name", "first_name_key"]
    Person.objects.bulk_update(born, fields, batch_size=1000)
    return len(born)
