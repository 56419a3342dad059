"""The people living with a person, as one column of the query that reads the person.

"Is this child already known?" shows, beside each match, the others living at the match's current
addresses. Read as a separate query that cost a round trip per search (bench/search_db.py: about
10 ms at the load the shared bench machine runs under); as a correlated subquery annotated on the
matches it rides in the query that reads them and their history (people.selectors._with_history).

The subquery aggregates the co-residents into one JSON array per person, with the functions each
database has for it: jsonb_agg on PostgreSQL, json_group_array on SQLite. Each element is
{"pk", "first", "last", "due"} (due: the expected date of birth, which names an unborn child).
"""

from datetime import date
from typing import Any

from django.db.models import F, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject

from frontdoor.access.scope import visible
from frontdoor.people.models import Residence


class _JSONRows(Subquery):
    """A subquery of one JSON object per row (column `member`), as one JSON array (or NULL)."""

    template = "(SELECT JSONB_AGG(_m.member) FROM (%(subquery)s) _m)"
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # json(): the subtype that marks text as JSON does not cross a subquery.
        template = "(SELECT JSON_GROUP_ARRAY(JSON(_m.member)) FROM (%(subquery)s) _m)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def co_residents(actor: Any) -> Subquery:
    """For the annotated person (OuterRef "pk"): the other people the actor may see (access.scope)
    with a current residence at any of the person's current addresses, in the actor's authority."""
    homes = Residence.objects.filter(person_id=OuterRef(OuterRef("pk")), end__isnull=True).values(
        "address_id"
    )
    members = (
        Residence.objects.filter(
            visible(actor, "person_id"),
            address_id__in=homes,
            end__isnull=True,
            person__authority_id=actor.authority_id,
        )
        .exclude(person_id=OuterRef("pk"))
        .order_by()
        .values(
            member=JSONObject(
                pk=F("person_id"),
                first=F("person__first_name"),
                last=F("person__last_name"),
                due=F("person__expected_date_of_birth"),
            )
        )
    )
    return _JSONRows(members)


def due_date(value: Any) -> date | None:
    """The "due" of an element as a date (JSON carries it as text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
