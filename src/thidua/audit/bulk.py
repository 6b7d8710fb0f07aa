"""The audit events of a bulk write, collected and written at once."""
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk
from thidua.common.bulk import insert_rows, is_postgresql, jsonable
from thidua.common.context import Actor


class AuditLog:
    """Collects the audit events of a bulk write and writes them at once (one per created or
    updated object): COPY on PostgreSQL, audit.services.audit_bulk elsewhere."""

    def __init__(self, actor: Actor, verb_prefix: str = "bulk"):
        self.actor = actor
        self.verb_prefix = verb_prefix
        self.events: list[dict] = []
        self.at = timezone.now()
        self.user_id = actor.user.pk if getattr(actor.user, "pk", None) else None

    def add(self, action: str, model, row: dict, *, subject: str, before: dict | None = None,
            label: str = "", verb: str = "") -> None:
        self.events.append({
            "at": self.at, "actor_id": self.user_id, "actor_label": self.actor.label, "action": action,
            "verb": verb or f"{self.verb_prefix}_{model.__name__.lower()}", "object_type": model._meta.label_lower,
            "object_id": str(row["id"]), "object_repr": label[:300], "subject": subject,
            "before": jsonable(before) if before is not None else None,
            "after": jsonable(row, deep=True), "reason": "", "request_id": self.actor.request_id,
        })

    def flush(self) -> int:
        written = len(self.events)
        if not written:
            return 0
        if is_postgresql():
            insert_rows(AuditEvent, self.events)
        else:
            audit_bulk(actor=self.actor, rows=[AuditEvent(**event) for event in self.events])
        self.events = []
        return written
