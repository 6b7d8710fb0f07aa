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


def jsonable(row: dict, deep: bool = False) -> dict:
    out = {}
    for k, v in row.items():
        if deep and isinstance(v, dict):
            v = jsonable(v, True)
        elif isinstance(v, (datetime.date, datetime.datetime)):
            v = v.isoformat()
        elif isinstance(v, decimal.Decimal):
            v = str(v)
        out[k] = v
    return out


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _columns(model) -> dict[str, str]:
    return {f.attname: f.column for f in model._meta.concrete_fields}


_SEQUENCES: dict[str, str] = {}


def _reserve_ids(model, n: int) -> list[int]:
    """n ids from the table's sequence. One call usually gets a contiguous run (then only its ends
    travel back); when other sessions interleave, the ids are fetched one by one. The sequence is
    named once (pg_get_serial_sequence per row costs ~2 µs)."""
    table = model._meta.db_table
    with connection.cursor() as cur:
        seq = _SEQUENCES.get(table)
        if seq is None:
            cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            seq = _SEQUENCES[table] = cur.fetchone()[0]
        cur.execute("SELECT min(v), max(v), count(*) FROM (SELECT nextval(%s::regclass) AS v "
                    "FROM generate_series(1, %s)) s", [seq, n])
        lo, hi, count = cur.fetchone()
        if hi - lo + 1 == count == n:
            return list(range(lo, hi + 1))
        cur.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [seq, n])
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
            "after": jsonable(row, deep=True), "reason": "", "request_id": self.actor.request_id,
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


# --- one audit event per subject for the facts an import created -----------------------------

# kind → (model, type in the event, fields kept besides id and year): compact on purpose, the id
# leads to the full row (an import of 100k people writes ~1.9M facts)
FACT_SPECS = {
    "yr": ("YearRecord", "grade", ("track", "grade")),
    "award": ("Award", "award", ("code",)),
    "init": ("Initiative", "initiative", ("title",)),
    "disc": ("Discipline", "discipline", ("form",)),
    "stats": ("CollectiveStats", "stats", ("total",)),
}
FACT_ORDER = {k: i for i, k in enumerate(FACT_SPECS)}


def audit_subject_facts(log: AuditLog, created: dict[str, list[dict]], *, file_name: str = "",
                        verb: str = "import_history") -> int:
    """One "create" event per subject (person or unit) for the yearly facts in `created`
    (kind → inserted rows with "id"): object = the subject, after = {"file", "facts": [...]}.

    Built here from the rows the import already holds, then written with the other events (COPY on
    PostgreSQL). Measured against building them on the server (INSERT … SELECT … GROUP BY with
    jsonb_agg over the inserted rows): jsonb_build_object + jsonb_agg cost ~6 µs per fact there,
    about ten times this. Returns the number of events."""
    groups: dict[tuple, list] = {}
    for kind, rows in created.items():
        if not rows:
            continue
        order = FACT_ORDER[kind]
        _, type_, fields = FACT_SPECS[kind]
        for r in rows:
            pid = r.get("person_id")
            key = ("people.person", pid) if pid else ("organizations.unit", r["unit_id"])
            fact = {"type": type_, "id": r["id"], "year": r["year"]}
            for f in fields:
                fact[f] = r[f]
            g = groups.get(key)
            if g is None:
                g = groups[key] = []
            g.append((r["year"], order, r["id"], fact))
    base = {"at": log.at, "actor_id": log.user_id, "actor_label": log.actor.label, "action": AuditEvent.CREATE,
            "verb": verb, "object_repr": "", "before": None, "reason": "", "request_id": log.actor.request_id}
    for (label, pk), facts in groups.items():
        facts.sort(key=lambda f: f[:3])
        log.events.append(dict(base, object_type=label, object_id=str(pk), subject=f"{label}:{pk}",
                               after={"file": file_name, "facts": [f[3] for f in facts]}))
    return len(groups)
