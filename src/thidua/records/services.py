"""Adding and correcting the yearly history of a person or a collective. Every write is audited."""
import datetime

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
from thidua.records import codes
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.records.permissions import GRADE_EDIT, HISTORY_EDIT, MSG_GRADES_LOCKED

MIN_YEAR, MAX_YEAR = 1990, datetime.date.today().year + 1
MSG_YEAR = f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}."
MSG_CODE = "Mã danh hiệu/hình thức không hợp lệ: {code}."
MSG_CODE_SUBJECT = "Danh hiệu {code} không dành cho {who}."
MSG_DUPLICATE = "Đã có bản ghi này cho năm {year} (trùng khóa): hãy sửa bản ghi có sẵn."
MSG_MONTHS = "Số tháng công tác phải từ 0 đến 12."
MSG_SCORE = "Điểm phải từ 0 đến 100."
MSG_STATS = "Số liệu thành viên không hợp lệ: {detail}."
MSG_REASON = "Cần ghi lý do khi sửa hoặc xóa lịch sử."

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
    if obj.year is None or not (MIN_YEAR <= int(obj.year) <= MAX_YEAR):
        raise ValidationError({"year": MSG_YEAR})
    if isinstance(obj, Award):
        obj.code = nfc(obj.code).upper()
        category = codes.category_of(obj.code)
        if category is None:
            raise ValidationError({"code": MSG_CODE.format(code=obj.code)})
        collective = obj.unit_id is not None
        if not codes.allowed_for(obj.code, collective=collective):
            raise ValidationError({"code": MSG_CODE_SUBJECT.format(code=obj.code, who="tập thể" if collective else "cá nhân")})
        obj.category = category
    if isinstance(obj, YearRecord):
        if obj.months_worked is not None and not (0 <= obj.months_worked <= 12):
            raise ValidationError({"months_worked": MSG_MONTHS})
        if obj.score is not None and not (0 <= obj.score <= 100):
            raise ValidationError({"score": MSG_SCORE})
    for f in ("title", "decision_no", "authority", "note"):
        if hasattr(obj, f) and isinstance(getattr(obj, f), str):
            setattr(obj, f, nfc(getattr(obj, f)))
    obj.full_clean(exclude=["person", "unit"], validate_constraints=False)


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
        raise ValidationError({sorted(unknown)[0]: "Trường không hợp lệ."})
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
            raise ValidationError({key: "Trường không hợp lệ."})
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
    if not (MIN_YEAR <= int(year) <= MAX_YEAR):
        raise ValidationError({"year": MSG_YEAR})
    labels = {"completed": "số hoàn thành nhiệm vụ", "ldtt": "số Lao động tiên tiến",
              "cstdcs": "số Chiến sĩ thi đua cơ sở", "disciplined": "số bị kỷ luật"}
    for name, value in (("completed", completed), ("ldtt", ldtt), ("cstdcs", cstdcs), ("disciplined", disciplined)):
        if value < 0 or value > total:
            raise ValidationError({name: MSG_STATS.format(detail=f"{labels[name]} phải từ 0 đến tổng số {total}")})
    if cluster_rank is not None and cluster_size is not None and cluster_rank > cluster_size:
        raise ValidationError({"cluster_rank": MSG_STATS.format(detail="thứ hạng lớn hơn số đơn vị trong khối")})
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
