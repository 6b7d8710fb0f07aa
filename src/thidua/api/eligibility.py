"""/api/v1/eligibility/: the batch eligibility interface of eligibility-json.md (the same document
in and out as `thidua eligibility`), the same questions over the subjects stored in thidua, and
the quota checks.

The JSON document is the engine's contract, not a schema of this API: it is read as it comes and
checked by `thidua.rules` (fields the contract does not name are ignored, as by the command line).
The other bodies are ordinary API inputs: unknown fields and values are refused (422)."""
import json
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from ninja import Field, Router
from pydantic import AfterValidator, BeforeValidator, field_validator

from thidua import rules
from thidua.api.helpers import scope
from thidua.api.schemas import ERRORS, In, code_field
from thidua.eligibility import services as svc
from thidua.organizations.selectors import unit_get_for_user
from thidua.people.models import StaffType
from thidua.records.models import Track
from thidua.rules import quota
from thidua.rules.codes import MAX_YEAR, MIN_YEAR, TITLES

router = Router(tags=["eligibility"])

MSG_JSON = "Tài liệu không phải JSON hợp lệ (dòng {line}, cột {column})."
MSG_ENCODING = "Tài liệu không phải JSON hợp lệ: cần mã hóa UTF-8."
MSG_TOO_LARGE = "Tài liệu chứa số quá lớn để xử lý."
MSG_YEAR = f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}."
MSG_COUNT = "Số lượng phải là số nguyên không âm."
MSG_TARGET = "Mã danh hiệu/hình thức không hợp lệ: {codes}."


def _year_in_range(value: int) -> int:
    if not svc.year_in_range(value):
        raise ValueError(MSG_YEAR)
    return value


def _not_negative(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise ValueError(MSG_COUNT)
    return value


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


Year = Annotated[int, AfterValidator(_year_in_range),
                 Field(description=f"năm xét ({MIN_YEAR}–{MAX_YEAR})",
                       json_schema_extra={"minimum": MIN_YEAR, "maximum": MAX_YEAR})]
Count = Annotated[int, AfterValidator(_not_negative), Field(json_schema_extra={"minimum": 0})]
TitleCode = Annotated[Literal[TITLES], BeforeValidator(_upper)]


@router.post("/", response={200: dict, **ERRORS}, summary="Xét điều kiện hàng loạt theo tài liệu JSON (eligibility-json.md)",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}},
                                            "required": True}})
def answer(request):
    try:
        doc = json.loads(request.body or b"")
    except json.JSONDecodeError as exc:
        raise ValidationError({"$": MSG_JSON.format(line=exc.lineno, column=exc.colno)}) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError({"$": MSG_ENCODING}) from exc
    try:
        return rules.answer_document(doc)
    except rules.InvalidDocument as exc:
        raise ValidationError({exc.path: exc.message}) from exc
    except OverflowError as exc:  # a count beyond 64 bits passes the contract's checks but not numpy
        raise ValidationError({"$": MSG_TOO_LARGE}) from exc


class ScopeQuestion(In):
    unit: str = code_field(description="mã đơn vị (có sẵn): mọi cá nhân, tập thể của đơn vị và cấp dưới")
    year: Year
    targets: list[Annotated[str, Field(json_schema_extra={"enum": sorted(svc.TABLE_TARGETS)})]] | None = Field(
        None, description="mã danh hiệu/hình thức; bỏ trống: tất cả")
    include_collectives: bool = True

    @field_validator("targets")
    @classmethod
    def known_targets(cls, value: list[str] | None) -> list[str] | None:
        unknown = [t for t in value or [] if t not in svc.TABLE_TARGETS]
        if unknown:
            raise ValueError(MSG_TARGET.format(codes=", ".join(unknown)))
        return value


@router.post("/scope/", response={200: dict, **ERRORS}, summary="Xét điều kiện cho mọi cá nhân, tập thể của một đơn vị (dữ liệu trong hệ thống)")
def answer_scope(request, payload: ScopeQuestion):
    unit = unit_get_for_user(scope(request), code=payload.unit.strip().upper())
    result = svc.unit_answers(unit, payload.year, targets=payload.targets,
                              include_collectives=payload.include_collectives)
    return {"answers": [a for by_target in result["answers"].values() for a in by_target.values()]}


class GradeCapQuestion(In):
    year: Year
    excellent: Count
    good: Count
    track: Track = Track.GOVERNMENT
    staff_type: StaffType = StaffType.CIVIL_SERVANT


@router.post("/quota/grade/", response={200: dict, **ERRORS}, summary="Tỷ lệ tối đa Hoàn thành xuất sắc nhiệm vụ của một nhóm")
def quota_grade(request, payload: GradeCapQuestion):
    return quota.check_grade_cap({"excellent": payload.excellent, "good": payload.good}, year=payload.year,
                                 track=payload.track.value, staff_type=payload.staff_type.value)


class TitleCapQuestion(In):
    title: TitleCode = Field(..., description="mã danh hiệu thi đua (CSTDCS, CO_CP, CO_BO…)")
    year: Year
    proposed: Count
    base: Annotated[int | None, AfterValidator(_not_negative)] = Field(
        None, json_schema_extra={"minimum": 0}, description="số LĐTT/CSTT của đơn vị (CSTĐCS), số tập thể dẫn đầu (Cờ)")


@router.post("/quota/title/", response={200: dict, **ERRORS}, summary="Tỷ lệ tối đa của một danh hiệu (CSTĐCS, Cờ thi đua)")
def quota_title(request, payload: TitleCapQuestion):
    return quota.check_title_cap(payload.title, year=payload.year, proposed=payload.proposed, base=payload.base)
