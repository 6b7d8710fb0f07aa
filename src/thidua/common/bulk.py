"""Writing many rows at once, shared by the bulk writers (people.bulk, records.bulk, the units
import) and the audit log: a problem of one input row, the error carrying every problem, and rows
as dicts of column values written set-based inside the caller's transaction."""
import datetime
import decimal
import json
from dataclasses import dataclass

from django.db import connection

from thidua.common.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: the caller's row label, the row field it is about, the Vietnamese message
    (from the validators) and, when the field holds several items, the item at fault."""
    row: object
    field: str
    message: str
    value: object = None


class BulkInvalid(ValidationError):
    """Some rows break the rules: nothing was written. `.problems` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([f"{p.row}: {p.message}" for p in problems])


# --- low level: rows as dicts of column values, written in bulk ------------------------------
# On PostgreSQL new rows go in with COPY (ids drawn from the table's sequence first, so the audit
# events can name them); elsewhere through bulk_create. Both run inside the caller's transaction.

BATCH = 2000
_SEQUENCES: dict[str, str] = {}   # table → its id sequence, named once per process


def jsonable(row: dict, deep: bool = False) -> dict:
    """The row with dates and decimals as strings (JSON columns and audit events)."""
    out = {}
    for key, value in row.items():
        if deep and isinstance(value, dict):
            value = jsonable(value, True)
        elif isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = str(value)
        out[key] = value
    return out


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _reserve_ids(model, count: int) -> list[int]:
    """`count` ids from the table's sequence. One call usually gets a contiguous run (then only its
    ends travel back); when other sessions interleave, the ids are fetched one by one. The sequence
    is named once (pg_get_serial_sequence per row costs ~2 µs)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        sequence = _SEQUENCES.get(table)
        if sequence is None:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = _SEQUENCES[table] = cursor.fetchone()[0]
        cursor.execute("SELECT min(v), max(v), count(*) FROM (SELECT nextval(%s::regclass) AS v "
                       "FROM generate_series(1, %s)) s", [sequence, count])
        lowest, highest, drawn = cursor.fetchone()
        if highest - lowest + 1 == drawn == count:
            return list(range(lowest, highest + 1))
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
        return [found[0] for found in cursor.fetchall()]


def _copy(model, attnames: list[str], tuples) -> None:
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(columns[name]) for name in attnames)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
        for values in tuples:
            copy.write_row(values)


def insert_rows(model, rows: list[dict]) -> None:
    """Insert `rows` (same keys, attnames) and set row["id"] on each."""
    if not rows:
        return
    if not is_postgresql():
        objects = [model(**row) for row in rows]
        model.objects.bulk_create(objects, batch_size=BATCH)
        for row, obj in zip(rows, objects):
            row["id"] = obj.pk
        return
    for row, pk in zip(rows, _reserve_ids(model, len(rows))):
        row["id"] = pk
    attnames = list(rows[0])
    json_columns = {f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"}
    json_positions = [i for i, name in enumerate(attnames) if name in json_columns]
    if not json_positions:
        _copy(model, attnames, (tuple(row.values()) for row in rows))
        return

    def with_json_encoded():
        for row in rows:
            values = list(row.values())
            for i in json_positions:
                if values[i] is not None:
                    value = values[i]
                    values[i] = json.dumps(jsonable(value) if isinstance(value, dict) else value, ensure_ascii=False)
            yield values

    _copy(model, attnames, with_json_encoded())


def update_rows(model, rows: list[dict], columns: list[str]) -> None:
    """bulk_update rows (dicts with "id" and every attname in `columns`)."""
    if not rows:
        return
    objects = []
    for row in rows:
        obj = model(id=row["id"])
        for name in columns:
            setattr(obj, name, row[name])
        objects.append(obj)
    names = [model._meta.get_field(name).name if not name.endswith("_id") else name[:-3] for name in columns]
    model.objects.bulk_update(objects, names, batch_size=BATCH)
