"""Bulk loading with PostgreSQL COPY: the generator's Writer, sending each batch as COPY FROM STDIN.

The generator builds unsaved model instances with their primary keys already set (writer.next_id);
this writer turns each batch into rows of column values and streams them through psycopg 3's
`cursor.copy()`, instead of bulk_create's INSERT statements. Values are taken from the instances'
attributes as they are (ints, strings, dates, aware datetimes, booleans, None), which COPY's text
format accepts for every column type the generated models use; JSON fields are serialised with
json.dumps, as Django's JSONField stores them. Any other field type is refused when its table is
first written, so a new column type cannot be loaded wrongly without anyone noticing.

Only for PostgreSQL: `copy_supported()` says whether the default connection can use it.
"""

import json
from collections.abc import Callable
from typing import Any

from django.db import connection, models

from frontdoor.synthetic.generator.writer import Writer

COPY_BATCH_SIZE = 5000
# Field classes whose Python values COPY takes as they are (by internal type, so subclasses count).
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "EmailField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
        "TimeField",
        "URLField",
    }
)


def copy_supported() -> bool:
    return connection.vendor == "postgresql"


def _encoder(field: models.Field) -> Callable[[Any], Any] | None:
    """None when the attribute goes to COPY as it is, else the function that prepares it."""
    kind = field.get_internal_type()
    if kind in _PLAIN_TYPES:
        return None
    if kind == "JSONField":
        encoder = getattr(field, "encoder", None)
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    raise TypeError(
        f"{field.model._meta.label}.{field.name} is a {kind}: the COPY writer does not know how to "
        "load it (add it to synthetic.copy)"
    )


class CopyTable:
    """How one model's instances become COPY rows: the statement and each column's attribute."""

    def __init__(self, model: type[models.Model]) -> None:
        opts = model._meta
        fields = [f for f in opts.concrete_fields if f.column]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in fields)
        self.sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
        self.attnames = [f.attname for f in fields]
        self.encoders = [(i, enc) for i, f in enumerate(fields) if (enc := _encoder(f)) is not None]

    def row(self, obj: models.Model) -> list[Any]:
        values = [getattr(obj, name) for name in self.attnames]
        for index, encode in self.encoders:
            values[index] = encode(values[index])
        return values


class CopyWriter(Writer):
    """The generator's Writer, flushing with COPY. Same keys, same rows, same counts as Writer."""

    def __init__(self, batch_size: int = COPY_BATCH_SIZE) -> None:
        if not copy_supported():
            raise RuntimeError("COPY needs PostgreSQL")
        super().__init__(batch_size=batch_size)
        self._tables: dict[type[models.Model], CopyTable] = {}

    def _flush(self, model: type[models.Model]) -> None:
        rows = self._buffers.get(model)
        if not rows:
            return
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = CopyTable(model)
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(table.sql) as copy:
            for obj in rows:
                copy.write_row(table.row(obj))
        self.counts[model._meta.label] += len(rows)
        self._buffers[model] = []
