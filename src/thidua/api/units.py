"""/api/v1/units/: the unit tree, its dated changes (rename, merge, split, dissolve)."""
import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema, Status

from thidua.api import helpers as h
from thidua.api.schemas import (
    ERRORS,
    Clean,
    In,
    UnitCreateIn,
    UnitDetail,
    UnitDissolveIn,
    UnitMergeIn,
    UnitOut,
    UnitPage,
    UnitPatchIn,
    UnitSplitIn,
)
from thidua.common.permissions import allowed
from thidua.common.text import fold
from thidua.organizations import selectors as sel
from thidua.organizations import services as svc
from thidua.organizations.models import UnitKind
from thidua.people import restructure
from thidua.records import grading
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

router = Router(tags=["units"])

MSG_RENAME_AND_UPDATE = "Đổi tên và sửa thuộc tính là hai thao tác riêng: gửi từng yêu cầu."
MSG_NOTHING = "Không có thay đổi nào."


class UnitFilters(Clean):
    parent: str | None = Field(None, description="mã đơn vị cấp trên (chỉ đơn vị trực thuộc)")
    kind: UnitKind | None = None
    q: str | None = Field(None, description="tìm theo tên, không phân biệt dấu")
    include_closed: bool = False
    limit: int = Field(50, ge=1, le=h.MAX_LIMIT)
    offset: int = Field(0, ge=0)


def unit_detail(unit):
    """The unit with its lineage and dated changes attached for UnitDetail."""
    changes = sel.unit_successions(unit)
    unit.lineage = [u for u in sel.unit_lineage(unit) if u.pk != unit.pk]
    unit.came_from, unit.went_to = changes["from"], changes["to"]
    return unit


@router.get("/", response={200: UnitPage, **ERRORS})
def list_units(request, filters: Query[UnitFilters]):
    qs = sel.unit_list_for_user(h.scope(request), include_closed=filters.include_closed).select_related("parent")
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent.upper())
    if filters.kind:
        qs = qs.filter(kind=filters.kind.value)
    if filters.q and fold(filters.q):
        qs = qs.filter(name_folded__contains=fold(filters.q))
    return h.page(qs.order_by("path"), limit=filters.limit, offset=filters.offset)


@router.get("/{code}", response={200: UnitDetail, **ERRORS})
def get_unit(request, code: str):
    return unit_detail(sel.unit_get_for_user(h.scope(request), code=code.upper()))


@router.post("/", response={201: UnitDetail, **ERRORS})
def create_unit(request, payload: UnitCreateIn):
    data = h.plain(payload)
    parent = h.unit_by_code(data.pop("parent"), "parent")
    unit = svc.unit_create(actor=h.actor(request), scope=h.scope(request), parent=parent, **data)
    return Status(201, unit_detail(unit))


@router.patch("/{code}", response={200: UnitDetail, **ERRORS})
def patch_unit(request, code: str, payload: UnitPatchIn):
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    data = h.plain(payload, exclude_unset=True)
    rename = {k: data.pop(k) for k in ("name", "date", "decision_no") if k in data}
    reason = data.pop("reason", "")
    if rename and data:
        raise ValidationError({"name": MSG_RENAME_AND_UPDATE})
    if rename:
        if not rename.get("date"):
            raise ValidationError({"date": svc.MSG_DATE_REQUIRED})
        unit = svc.unit_rename(actor=h.actor(request), scope=scope, unit=unit, name=rename.get("name") or unit.name,
                               date=rename["date"], decision_no=rename.get("decision_no", ""))
    elif data:
        unit = svc.unit_update(actor=h.actor(request), scope=scope, unit=unit, reason=reason, **data)
    else:
        raise ValidationError({"__all__": MSG_NOTHING})
    return unit_detail(unit)


@router.post("/{code}/merge", response={200: UnitDetail, **ERRORS})
def merge_unit(request, code: str, payload: UnitMergeIn):
    """Merge this unit with `others` into `into` (absorbed) or into a new unit (new_code, new_name)."""
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    others = h.units_by_codes(payload.others, "others")
    into = h.unit_by_code(payload.into, "into")
    successor = restructure.unit_merge(
        actor=h.actor(request), scope=scope, units=[unit, *others], into=into, date=payload.date,
        new_code=payload.new_code, new_name=payload.new_name,
        new_kind=payload.new_kind.value if payload.new_kind else "", decision_no=payload.decision_no,
    )
    return unit_detail(successor)


@router.post("/{code}/split", response={200: list[UnitOut], **ERRORS})
def split_unit(request, code: str, payload: UnitSplitIn):
    """Split into new units; people go to the part named in `assignments` (default: the first)."""
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    data = h.plain(payload)
    parts = [{**p, "kind": p["kind"].value if hasattr(p["kind"], "value") else p["kind"]} for p in data["parts"]]
    return restructure.unit_split(actor=h.actor(request), scope=scope, unit=unit, parts=parts, date=payload.date,
                          assignments=payload.assignments, decision_no=payload.decision_no)


@router.post("/{code}/dissolve", response={200: UnitDetail, **ERRORS})
def dissolve_unit(request, code: str, payload: UnitDissolveIn):
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    unit = svc.unit_dissolve(actor=h.actor(request), scope=scope, unit=unit, date=payload.date,
                             decision_no=payload.decision_no)
    return unit_detail(unit)


# --- the yearly lock of a unit's grades (records.workflows.GRADE_YEAR) -----------------------------

class GradeYearOut(Schema):
    year: int
    state: str = Field(description="open (đang nhập xếp loại) | locked (đã khóa)")
    state_label: str
    changed_at: datetime.datetime | None = None
    changed_by: str = ""
    reason: str = ""
    locked_by_unit: str | None = Field(None, description="mã đơn vị cấp trên đã khóa năm này (khóa cả cây)")
    allowed_transitions: list[str] = Field(description="các chuyển trạng thái người gọi được phép: lock, reopen")


class GradeYearIn(In):
    reason: str = Field("", max_length=500, description="bắt buộc khi mở khóa (reopen)")


def _grade_year_out(scope, entry: dict) -> dict:
    row = entry["row"]
    return {
        "year": entry["year"], "state": row.state, "state_label": entry["state_label"],
        "changed_at": row.changed_at if row.pk else None, "changed_by": row.changed_by, "reason": row.reason,
        "locked_by_unit": entry["locked_by_parent"].code if entry["locked_by_parent"] else None,
        "allowed_transitions": [t.name for t in entry["transitions"] if allowed(scope, t.permission, row)],
    }


@router.get("/{code}/grade-years/{year}", response={200: GradeYearOut, **ERRORS})
def get_grade_year(request, code: str, year: int = Path(..., ge=MIN_YEAR, le=MAX_YEAR)):
    """Whether the unit's grading of `year` is open or locked, and what the caller may do."""
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    return _grade_year_out(scope, grading.grade_years_for_unit(unit, [year])[0])


@router.post("/{code}/grade-years/{year}/{transition}", response={200: GradeYearOut, **ERRORS})
def move_grade_year(request, code: str, transition: Literal["lock", "reopen"], payload: GradeYearIn,
                    year: int = Path(..., ge=MIN_YEAR, le=MAX_YEAR)):
    """Lock the unit's grades of `year` (its officers) or reopen them (the level above, with a reason)."""
    scope = h.scope(request)
    unit = sel.unit_get_for_user(scope, code=code.upper())
    grading.grade_year_transition(actor=h.actor(request), scope=scope, unit=unit, year=year,
                                  transition=transition, reason=payload.reason)
    return _grade_year_out(scope, grading.grade_years_for_unit(unit, [year])[0])
