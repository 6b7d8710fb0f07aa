"""/api/v1/statistics/…: the counts of awards and the register of decisions, as on /thong-ke/."""
import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Query, Router, Schema

from thidua.api import helpers as h
from thidua.api.schemas import ERRORS
from thidua.common.errors import MSG_FORBIDDEN
from thidua.records import statistics as stats
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

router = Router(tags=["statistics"])
YEAR = Query(None, ge=MIN_YEAR, le=MAX_YEAR)


class YearCount(Schema):
    year: int
    individuals: int
    collectives: int
    total: int


class LevelCount(Schema):
    level: str
    label: str
    counts: list[int]
    total: int


class FormCount(Schema):
    code: str
    level: str
    counts: list[int]
    total: int


class UnitCount(Schema):
    code: str
    name: str
    individuals: int
    collectives: int
    total: int


class StatisticsOut(Schema):
    years: list[int]
    unit: str | None
    total: int
    by_year: list[YearCount]
    by_level: list[LevelCount]
    by_form: list[FormCount]
    by_unit: list[UnitCount]


class DecisionOut(Schema):
    decision_no: str
    decision_date: datetime.date | None
    authority: str
    codes: list[str]
    individuals: int
    collectives: int


def _filters(request, year_from, year_to, unit):
    scope = h.scope(request)
    if not scope.has("view"):
        raise PermissionDenied(MSG_FORBIDDEN)
    this_year = datetime.date.today().year
    values, problems = stats.check_filters(scope, year_from=year_from or this_year - 5,
                                           year_to=year_to or this_year, unit_code=unit or "")
    if problems:
        raise DjangoValidationError({field: [message] for field, message in problems.items()})
    return scope, values


@router.get("/statistics/awards", response={200: StatisticsOut, **ERRORS})
def award_statistics(request, year_from: int | None = YEAR, year_to: int | None = YEAR, unit: str = ""):
    scope, v = _filters(request, year_from, year_to, unit)
    data = stats.award_statistics(scope, year_from=v["year_from"], year_to=v["year_to"], unit=v["unit"])
    return {"years": data.years, "unit": data.unit.code if data.unit else None, "total": data.total,
            "by_year": data.by_year, "by_level": data.by_level, "by_form": data.by_form,
            "by_unit": [{"code": r["unit"].code, "name": r["unit"].name, "individuals": r["individuals"],
                         "collectives": r["collectives"], "total": r["total"]} for r in data.by_unit]}


@router.get("/statistics/decisions", response={200: list[DecisionOut], **ERRORS})
def decision_register(request, year_from: int | None = YEAR, year_to: int | None = YEAR, unit: str = ""):
    scope, v = _filters(request, year_from, year_to, unit)
    return stats.decision_register(scope, year_from=v["year_from"], year_to=v["year_to"], unit=v["unit"])
