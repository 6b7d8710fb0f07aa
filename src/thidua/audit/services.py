"""Writing audit events. Called by every service inside its transaction."""
import datetime
import decimal

from django.db import models

from thidua.audit.models import AuditEvent
from thidua.common.context import Actor


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of a model instance, JSON-ready (FKs as ids)."""
    out = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        out[f.attname if f.is_relation else f.name] = _jsonable(getattr(obj, f.attname))
    return out


def subject_of(obj: models.Model) -> str:
    label = obj._meta.label_lower
    if label in ("people.person", "organizations.unit", "organizations.cluster"):
        return f"{label}:{obj.pk}"
    if getattr(obj, "person_id", None):
        return f"people.person:{obj.person_id}"
    if getattr(obj, "unit_id", None):
        return f"organizations.unit:{obj.unit_id}"
    return ""


def audit_record(
    *, actor: Actor, action: str, obj: models.Model, before: dict | None = None,
    after: dict | None = None, verb: str = "", reason: str = "",
) -> AuditEvent:
    user = actor.user if getattr(actor.user, "pk", None) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor.label,
        action=action,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        subject=subject_of(obj),
        before=before,
        after=after,
        reason=reason,
        request_id=actor.request_id,
    )


def audit_bulk(*, actor: Actor, rows: list[AuditEvent]) -> None:
    """Insert many prepared audit rows at once (imports)."""
    user = actor.user if getattr(actor.user, "pk", None) else None
    for r in rows:
        r.actor = user
        r.actor_label = actor.label
        r.request_id = actor.request_id
    AuditEvent.objects.bulk_create(rows, batch_size=2000)
