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
