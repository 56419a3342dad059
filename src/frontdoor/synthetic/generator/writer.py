"""Bulk writing: rows are given their primary keys up front and inserted in batches with one
executemany per batch.

Knowing each key before insertion lets a journey point at its clocks and a clock at its journey (and
a contact carry its reference CT{pk:07d}) without a second pass. The whole load runs in one
transaction; foreign keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED on
SQLite and PostgreSQL), so batches may be written in any order. No row is saved one at a time.

Why not bulk_create: it compiles one INSERT of up to 999 placeholders per few dozen rows, and that SQL
building was a third of `frontdoor seed` under cProfile. The rows are the same:
every value goes through its field's get_db_prep_save, as bulk_create does; as with the COPY writer
(synthetic.copy), the generator sets every attribute itself, so there are no pre_save defaults to run.
"""

from collections import Counter
from datetime import datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from frontdoor.clocks import rules
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import calendar_for, convention_for, standard_for
from frontdoor.organisations.models import Authority

BATCH_SIZE = 2000


class InsertTable:
    """One model's INSERT statement, and how an instance becomes its parameters."""

    def __init__(self, model: type[models.Model]) -> None:
        opts = model._meta
        self.fields = [f for f in opts.concrete_fields if f.column]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        # Table and column names come from the models, quoted; every value is a parameter.
        self.sql = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608

    def row(self, obj: models.Model) -> list[Any]:
        return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in self.fields]


class Writer:
    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self._next: dict[type[models.Model], int] = {}
        self._buffers: dict[type[models.Model], list[models.Model]] = {}
        self.counts: Counter[str] = Counter()
        self._inserts: dict[type[models.Model], InsertTable] = {}

    def next_id(self, model: type[models.Model]) -> int:
        if model not in self._next:
            self._next[model] = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value

    def add(self, obj: models.Model) -> models.Model:
        model = type(obj)
        if obj.pk is None:
            obj.pk = self.next_id(model)
        buffer = self._buffers.setdefault(model, [])
        buffer.append(obj)
        if len(buffer) >= self.batch_size:
            self._flush(model)
        return obj

    def _flush(self, model: type[models.Model]) -> None:
        rows = self._buffers.get(model)
        if not rows:
            return
        table = self._inserts.get(model)
        if table is None:
            table = self._inserts[model] = InsertTable(model)
        with connection.cursor() as cursor:
            cursor.executemany(table.sql, [table.row(obj) for obj in rows])
        for obj in rows:
            obj._state.adding = False
            obj._state.db = connection.alias
        self.counts[model._meta.label] += len(rows)
        self._buffers[model] = []

    def flush_all(self) -> None:
        for model in list(self._buffers):
            self._flush(model)

    def reset_sequences(self) -> None:
        """Move each table's id sequence past the keys given here (PostgreSQL; SQLite keeps up itself)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._next))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class ClockMaker:
    """Clock rows exactly as clocks.services.clock_start / clock_complete would write them, with the
    due time from the pure rules (clocks.rules.due) instead of a query per clock."""

    CODES = (
        "contact_decision",
        "contact_decision_statutory",
        "partner_check_response",
        "child_seen",
        "child_seen_urgent",
        "assessment",
        "assessment_dfe",
        "cin_plan_review",
        # Child protection (generator/child_protection.py)
        "strategy_discussion",
        "icpc",
        "first_core_group",
        "core_group",
        "first_review_conference",
        "review_conference",
        "cp_visit",
    )

    def __init__(self, authority: Authority) -> None:
        self.authority = authority
        self.calendar = calendar_for(authority)
        self.convention = convention_for(authority)
        self.standards = {code: standard_for(authority, code) for code in self.CODES}

    def _begin(self, standard: rules.Standard, started_at: datetime) -> datetime:
        from_next_day = self.authority.out_of_hours_counts_from_next_working_day and standard.receipt_based
        return rules.effective_start(started_at, self.calendar, out_of_hours_next_day=from_next_day)

    def clock(
        self,
        *,
        pk: int,
        code: str,
        started_at: datetime,
        subject: models.Model,
        person_id: int | None = None,
        completed_at: datetime | None = None,
    ) -> Clock:
        standard = self.standards[code]
        begin = self._begin(standard, started_at)
        taken = None
        if completed_at is not None and standard.unit is rules.Unit.WORKING_DAYS:
            taken = int(
                rules.elapsed(standard, begin, completed_at, self.calendar, convention=self.convention)
            )
        return Clock(
            pk=pk,
            authority_id=self.authority.pk,
            standard=code,
            person_id=person_id,
            subject_type=subject._meta.label_lower,
            subject_id=subject.pk,
            started_at=started_at,
            due_at=rules.due(standard, begin, self.calendar, convention=self.convention),
            completed_at=completed_at,
            working_days_taken=taken,
        )
