"""Adding and correcting the yearly history of a person or a collective. Every write is audited.

The rules (years, grades, codes, counts) and their messages are in records.validators, shared with
the bulk writer (records.bulk) and the forms."""
from django.db import IntegrityError, transaction

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import allowed, require
from thidua.common.scope import Scope
from thidua.common.text import nfc
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.validators import raise_problems
from thidua.records import codes
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.records.permissions import GRADE_EDIT, HISTORY_EDIT, MSG_GRADES_LOCKED
from thidua.records.validators import (  # noqa: F401  (the messages are re-exported for callers of the services)
    MSG_CODE,
    MSG_CODE_SUBJECT,
    MSG_DUPLICATE,
    MSG_MONTHS,
    MSG_REASON,
    MSG_SCORE,
    MSG_STATS,
    check_year,
    fact_problems,
    stats_problems,
    year_message,
    year_range,
)

# The year range and its message as of start-up, for callers that show or compare them; the checks
# compute them when they run (records.validators.year_range follows the calendar).
MIN_YEAR, MAX_YEAR = year_range()
MSG_YEAR = year_message()
MSG_FIELD = "Trường không hợp lệ."

EDITABLE = {
    YearRecord: ["year", "track", "grade", "score", "months_worked", "note"],
    Award: ["year", "code", "kind", "decision_no", "decision_date", "authority"],
    Initiative: ["year", "title", "level", "kind", "recognized_on", "decision_no"],
    Discipline: ["year", "form", "track", "decided_on", "served_from", "served_to", "decision_no"],
}


def _check_scope(scope: Scope, fact) -> None:
    """The fact's subject lies in the scope's edit_history reach (403 otherwise)."""
    require(scope, HISTORY_EDIT, fact)


def _check_phase(scope: Scope, fact) -> None:
    """A grade can change only while its year is open for the subject's unit (records.workflows)."""
    if isinstance(fact, YearRecord) and not allowed(scope, GRADE_EDIT, fact):
        raise ValidationError({"year": MSG_GRADES_LOCKED.format(year=fact.year)})


def _validate(obj) -> None:
    if isinstance(obj, Award):
        obj.code = nfc(obj.code).upper()
        obj.category = codes.category_of(obj.code) or ""
    for name in ("title", "decision_no", "authority", "note"):
        if isinstance(getattr(obj, name, None), str):
            setattr(obj, name, nfc(getattr(obj, name)))
    raise_problems(fact_problems(obj))
    obj.full_clean(exclude=["person", "unit"], validate_constraints=False)


def fact_conflicts(scope: Scope, obj, exclude=()) -> list[tuple[str, str]]:
    """The service's rules that need the database (the grade-year lock, one fact per key), checked on a
    fact whose fields `exclude` did not parse: a form shows them with the fields' own problems."""
    if "year" in exclude or obj.year is None:
        return []
    if isinstance(obj, YearRecord) and not allowed(scope, GRADE_EDIT, obj):
        return [("year", MSG_GRADES_LOCKED.format(year=obj.year))]
    try:
        obj.validate_constraints(exclude=set(exclude))
    except ValidationError:
        return [("year", MSG_DUPLICATE.format(year=obj.year))]
    return []


def _save(obj, *, fields=None) -> None:
    try:
        with transaction.atomic():
            obj.save(update_fields=fields) if fields else obj.save()
    except IntegrityError as exc:
        raise ValidationError({"year": MSG_DUPLICATE.format(year=obj.year)}) from exc


@transaction.atomic
def history_add(*, actor: Actor, scope: Scope, model, subject: Person | Unit, source: str = "officer", **data):
    """Add a yearly fact (YearRecord, Award, Initiative, Discipline) for a person or a unit."""
    unknown = set(data) - set(EDITABLE[model])
    if unknown:
        raise ValidationError({sorted(unknown)[0]: MSG_FIELD})
    obj = model(**data, source=source)
    if isinstance(subject, Person):
        obj.person = subject
    else:
        obj.unit = subject
    _check_scope(scope, obj)
    _validate(obj)
    _check_phase(scope, obj)
    _save(obj)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=obj, after=snapshot(obj), verb=f"{model.__name__.lower()}_add")
    return obj


@transaction.atomic
def history_update(*, actor: Actor, scope: Scope, obj, reason: str, **changes):
    """Correct a yearly fact; the before/after and the reason go to the audit log."""
    _check_scope(scope, obj)
    _check_phase(scope, obj)
    if not nfc(reason):
        raise ValidationError({"reason": MSG_REASON})
    model = type(obj)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    before = snapshot(obj)
    for key, value in changes.items():
        if key not in EDITABLE[model]:
            raise ValidationError({key: MSG_FIELD})
        setattr(obj, key, value)
    _validate(obj)
    _check_phase(scope, obj)
    _save(obj, fields=list(changes) + (["category"] if model is Award else []))
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=obj, before=before, after=snapshot(obj),
                 verb=f"{model.__name__.lower()}_update", reason=nfc(reason))
    return obj


@transaction.atomic
def history_delete(*, actor: Actor, scope: Scope, obj, reason: str) -> None:
    _check_scope(scope, obj)
    _check_phase(scope, obj)
    if not nfc(reason):
        raise ValidationError({"reason": MSG_REASON})
    before = snapshot(obj)
    audit_record(actor=actor, action=AuditEvent.DELETE, obj=obj, before=before,
                 verb=f"{type(obj).__name__.lower()}_delete", reason=nfc(reason))
    obj.delete()


@transaction.atomic
def collective_stats_set(*, actor: Actor, scope: Scope, unit: Unit, year: int, total: int, completed: int,
                         ldtt: int, cstdcs: int, disciplined: int, cluster_rank: int | None = None,
                         cluster_size: int | None = None, source: str = "officer") -> CollectiveStats:
    _check_scope(scope, CollectiveStats(unit=unit, year=year))
    raise_problems([("year", check_year(year))] + stats_problems(
        total=total, completed=completed, ldtt=ldtt, cstdcs=cstdcs, disciplined=disciplined,
        cluster_rank=cluster_rank, cluster_size=cluster_size))
    obj = CollectiveStats.objects.select_for_update().filter(unit=unit, year=year).first()
    before = snapshot(obj) if obj else None
    obj = obj or CollectiveStats(unit=unit, year=year)
    for k, v in dict(total=total, completed=completed, ldtt=ldtt, cstdcs=cstdcs, disciplined=disciplined,
                     cluster_rank=cluster_rank, cluster_size=cluster_size, source=source).items():
        setattr(obj, k, v)
    obj.save()
    audit_record(actor=actor, action=AuditEvent.UPDATE if before else AuditEvent.CREATE, obj=obj,
                 before=before, after=snapshot(obj), verb="collective_stats_set")
    return obj


MSG_REVOKED_ALREADY = "Danh hiệu, hình thức này đã bị hủy bỏ theo {by}."
MSG_REVOKED_BY = "Cần ghi quyết định hủy bỏ (số, ngày)."


@transaction.atomic
def award_revoke(*, actor: Actor, scope: Scope, award: Award, revoked_by: str, revoked_on) -> Award:
    """Mark an award revoked by a later decision (commendation-rules.md §3.2): it stays in the history,
    marked, and the eligibility engine no longer counts it."""
    award = Award.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=award.pk)
    _check_scope(scope, award)
    revoked_by = nfc(revoked_by or "").strip()[:120]
    if not revoked_by or revoked_on is None:
        raise ValidationError({"revoked_by": MSG_REVOKED_BY})
    if award.revoked_on:
        raise ValidationError({"revoked_by": MSG_REVOKED_ALREADY.format(by=award.revoked_by)})
    before = snapshot(award)
    award.revoked_by, award.revoked_on = revoked_by, revoked_on
    award.save(update_fields=["revoked_by", "revoked_on"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=award, before=before, after=snapshot(award),
                 verb="award_revoke", reason=revoked_by)
    return award
