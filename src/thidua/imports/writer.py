"""Bulk writes for imports: rows as dicts of column values, audit events built alongside.

On PostgreSQL new rows go in with COPY (ids drawn from the table's sequence first, so the
audit events can name them); elsewhere through bulk_create. Both run inside the caller's
transaction."""
import datetime
import decimal
import json

from django.db import connection
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk
from thidua.common.context import Actor

BATCH = 2000


def jsonable(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, (datetime.date, datetime.datetime)):
            v = v.isoformat()
        elif isinstance(v, decimal.Decimal):
            v = str(v)
        out[k] = v
    return out


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _columns(model) -> dict[str, str]:
    return {f.attname: f.column for f in model._meta.concrete_fields}


def _reserve_ids(model, n: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
        return [r[0] for r in cur.fetchall()]


def _copy(model, attnames: list[str], tuples) -> None:
    cols = _columns(model)
    table = connection.ops.quote_name(model._meta.db_table)
    col_sql = ", ".join(connection.ops.quote_name(cols[a]) for a in attnames)
    with connection.cursor() as cur, cur.cursor.copy(f"COPY {table} ({col_sql}) FROM STDIN") as copy:
        for t in tuples:
            copy.write_row(t)


def insert_rows(model, rows: list[dict]) -> None:
    """Insert `rows` (same keys, attnames) and set row["id"] on each."""
    if not rows:
        return
    if _pg():
        for row, pk in zip(rows, _reserve_ids(model, len(rows))):
            row["id"] = pk
        attnames = list(rows[0])
        json_cols = {f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"}
        if json_cols:
            idx = [i for i, a in enumerate(attnames) if a in json_cols]

            def tuples():
                for r in rows:
                    t = list(r.values())
                    for i in idx:
                        if t[i] is not None:
                            t[i] = json.dumps(jsonable(t[i]) if isinstance(t[i], dict) else t[i], ensure_ascii=False)
                    yield t
            _copy(model, attnames, tuples())
        else:
            _copy(model, attnames, (tuple(r.values()) for r in rows))
        return
    objs = [model(**r) for r in rows]
    model.objects.bulk_create(objs, batch_size=BATCH)
    for row, obj in zip(rows, objs):
        row["id"] = obj.pk


def update_rows(model, rows: list[dict], fields: list[str]) -> None:
    """bulk_update rows (dicts with "id" and every attname in `fields`)."""
    if not rows:
        return
    objs = []
    for r in rows:
        obj = model(id=r["id"])
        for f in fields:
            setattr(obj, f, r[f])
        objs.append(obj)
    names = [model._meta.get_field(f).name if not f.endswith("_id") else f[:-3] for f in fields]
    model.objects.bulk_update(objs, names, batch_size=BATCH)


class AuditLog:
    """Collects the audit events of an import and writes them in bulk (one per created/updated object)."""

    def __init__(self, actor: Actor, verb_prefix: str = "import"):
        self.actor = actor
        self.prefix = verb_prefix
        self.events: list[dict] = []
        self.at = timezone.now()
        self.user_id = actor.user.pk if getattr(actor.user, "pk", None) else None

    def add(self, action: str, model, row: dict, *, subject: str, before: dict | None = None,
            repr_: str = "", verb: str = "") -> None:
        self.events.append({
            "at": self.at, "actor_id": self.user_id, "actor_label": self.actor.label, "action": action,
            "verb": verb or f"{self.prefix}_{model.__name__.lower()}", "object_type": model._meta.label_lower,
            "object_id": str(row["id"]), "object_repr": repr_[:300], "subject": subject,
            "before": jsonable(before) if before is not None else None,
            "after": jsonable(row), "reason": "", "request_id": self.actor.request_id,
        })

    def flush(self) -> int:
        n = len(self.events)
        if not n:
            return 0
        if _pg():
            insert_rows(AuditEvent, self.events)
        else:
            audit_bulk(actor=self.actor, rows=[AuditEvent(**e) for e in self.events])
        self.events = []
        return n


def audit_created_facts(log: AuditLog, model, rows: list[dict]) -> None:
    """Audit events for newly inserted yearly facts. On PostgreSQL they are built by the server from
    the inserted rows (to_jsonb of the row is the snapshot), which spares a round trip per row."""
    if not rows:
        return
    label = model._meta.label_lower
    verb = f"{log.prefix}_{model.__name__.lower()}"
    if not _pg():
        for r in rows:
            subject = f"people.person:{r['person_id']}" if r.get("person_id") else f"organizations.unit:{r['unit_id']}"
            log.add(AuditEvent.CREATE, model, r, subject=subject, verb=verb)
        return
    has_person = any(f.attname == "person_id" for f in model._meta.concrete_fields)
    subject = ("CASE WHEN t.person_id IS NOT NULL THEN 'people.person:' || t.person_id "
               "ELSE 'organizations.unit:' || t.unit_id END") if has_person else "'organizations.unit:' || t.unit_id"
    table = connection.ops.quote_name(model._meta.db_table)
    sql = (f"INSERT INTO audit_auditevent (at, actor_id, actor_label, action, verb, object_type, object_id, "
           f"object_repr, subject, before, after, reason, request_id) "
           f"SELECT %s, %s, %s, 'create', %s, %s, t.id::text, '', {subject}, NULL, to_jsonb(t), '', %s "
           f"FROM {table} t WHERE t.id = ANY(%s)")
    with connection.cursor() as cur:
        cur.execute(sql, [log.at, log.user_id, log.actor.label, verb, label, log.actor.request_id,
                          [r["id"] for r in rows]])
