"""POST /api/v1/eligibility/ — the batch eligibility interface of eligibility-json.md, same
document in and out as `thidua eligibility`; plus the same questions over database subjects."""
import json

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from thidua import rules
from thidua.api.helpers import scope
from thidua.eligibility import services as svc
from thidua.organizations.selectors import unit_get_for_user

router = Router(tags=["eligibility"])
MSG_JSON = "Tài liệu không phải JSON hợp lệ: {err}"
MSG_YEAR = "Năm phải trong khoảng 2000–2100."
MSG_TARGET = "Mã danh hiệu/hình thức không hợp lệ: {codes}."


@router.post("/", summary="Xét điều kiện hàng loạt theo tài liệu JSON (eligibility-json.md)",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}},
                                            "required": True}})
def answer(request):
    try:
        doc = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError({"$": MSG_JSON.format(err=exc)}) from exc
    try:
        return rules.answer_document(doc)
    except rules.InvalidDocument as exc:
        raise ValidationError({exc.path: exc.message}) from exc


class ScopeQuestion(Schema):
    unit: str
    year: int
    targets: list[str] | None = None
    include_collectives: bool = True


@router.post("/scope/", summary="Xét điều kiện cho mọi cá nhân, tập thể của một đơn vị (dữ liệu trong hệ thống)")
def answer_scope(request, payload: ScopeQuestion):
    unit = unit_get_for_user(scope(request), code=payload.unit.upper())
    if not 2000 <= payload.year <= 2100:
        raise ValidationError({"year": MSG_YEAR})
    known = set(svc.INDIVIDUAL_TARGETS + svc.ARMED_INDIVIDUAL_TARGETS + svc.COLLECTIVE_TARGETS)
    unknown = [t for t in payload.targets or [] if t not in known]
    if unknown:
        raise ValidationError({"targets": MSG_TARGET.format(codes=", ".join(unknown))})
    result = svc.unit_answers(unit, payload.year, targets=payload.targets,
                              include_collectives=payload.include_collectives)
    return {"answers": [a for by_target in result["answers"].values() for a in by_target.values()]}


class GradeCapQuestion(Schema):
    year: int
    excellent: int
    good: int
    track: str = "government"
    staff_type: str = "civil_servant"


@router.post("/quota/grade/", summary="Tỷ lệ tối đa Hoàn thành xuất sắc nhiệm vụ của một nhóm")
def quota_grade(request, payload: GradeCapQuestion):
    from thidua.rules import quota

    if payload.excellent < 0 or payload.good < 0:
        raise ValidationError({"excellent": "Số lượng phải là số nguyên không âm."})
    if not 2000 <= payload.year <= 2100:
        raise ValidationError({"year": MSG_YEAR})
    return quota.check_grade_cap({"excellent": payload.excellent, "good": payload.good}, year=payload.year,
                                 track=payload.track, staff_type=payload.staff_type)


class TitleCapQuestion(Schema):
    title: str
    year: int
    proposed: int
    base: int | None = None


@router.post("/quota/title/", summary="Tỷ lệ tối đa của một danh hiệu (CSTĐCS, Cờ thi đua)")
def quota_title(request, payload: TitleCapQuestion):
    from thidua.rules import quota

    if payload.proposed < 0 or (payload.base or 0) < 0:
        raise ValidationError({"proposed": "Số lượng phải là số nguyên không âm."})
    if not 2000 <= payload.year <= 2100:
        raise ValidationError({"year": MSG_YEAR})
    return quota.check_title_cap(payload.title.upper(), year=payload.year, proposed=payload.proposed,
                                 base=payload.base)
