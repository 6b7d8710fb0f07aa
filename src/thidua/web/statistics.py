"""Look-up and statistics of awards: `/thong-ke/khen-thuong/` (counts by year, level, form and unit, with
charts and an .xlsx) and `/thong-ke/quyet-dinh/` (the register of decisions). Reads through
`records.statistics`, within the user's scope; cached per reach under the data version."""
import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from thidua.audit.versioning import cached
from thidua.common.web import scope_of
from thidua.common.xlsx import xlsx_book_response
from thidua.records import statistics as stats
from thidua.records.templatetags.records_labels import code_name

YEARS_SHOWN = 5


def _filters(request, scope):
    this_year = datetime.date.today().year
    g = request.GET
    raw = {"year_from": g.get("year_from") or this_year - YEARS_SHOWN, "year_to": g.get("year_to") or this_year,
           "unit": g.get("unit", "")}
    values, problems = stats.check_filters(scope, year_from=raw["year_from"], year_to=raw["year_to"],
                                           unit_code=raw["unit"])
    return raw, values, problems


def _bars(rows: list[dict], label: str, value: str) -> list[dict]:
    """Rows for an SVG bar chart: the label, the value and the bar's share of the longest (per cent)."""
    top = max((r[value] for r in rows), default=0) or 1
    return [{"label": r[label], "value": r[value], "pct": round(100 * r[value] / top, 1)} for r in rows]


@login_required
def award_statistics(request):
    scope = scope_of(request)
    if not scope.has("view"):
        raise PermissionDenied
    raw, values, problems = _filters(request, scope)
    ctx = {"nav": "statistics", "raw": raw, "problems": problems, "data": None}
    if not problems:
        key = (scope.view_key(), values["year_from"], values["year_to"], values["unit"] and values["unit"].pk)
        data = cached("award-statistics", key, lambda: stats.award_statistics(
            scope, year_from=values["year_from"], year_to=values["year_to"], unit=values["unit"]))
        if request.GET.get("format") == "xlsx":
            return _xlsx(data)
        ctx.update(data=data, year_bars=_bars(data.by_year, "year", "total"),
                   level_bars=_bars(data.by_level, "label", "total"))
    return render(request, "records/award_statistics.html", ctx, status=400 if problems else 200)


def _xlsx(data: stats.Statistics):
    years = [str(y) for y in data.years]
    return xlsx_book_response(f"thong-ke-khen-thuong-{data.years[0]}-{data.years[-1]}.xlsx", [
        ("Theo năm", ["Năm", "Cá nhân", "Tập thể", "Tổng"],
         [[r["year"], r["individuals"], r["collectives"], r["total"]] for r in data.by_year]),
        ("Theo cấp", ["Cấp quyết định", *years, "Tổng"],
         [[r["label"], *r["counts"], r["total"]] for r in data.by_level]),
        ("Theo hình thức", ["Danh hiệu, hình thức", "Mã", "Cấp quyết định", *years, "Tổng"],
         [[code_name(r["code"]), r["code"], stats.LEVEL_LABELS[r["level"]], *r["counts"], r["total"]]
          for r in data.by_form]),
        ("Theo đơn vị", ["Đơn vị", "Mã đơn vị", "Cá nhân", "Tập thể", "Tổng"],
         [[r["unit"].name, r["unit"].code, r["individuals"], r["collectives"], r["total"]] for r in data.by_unit]),
    ])


@login_required
def decision_register(request):
    scope = scope_of(request)
    if not scope.has("view"):
        raise PermissionDenied
    raw, values, problems = _filters(request, scope)
    rows = [] if problems else cached(
        "decision-register", (scope.view_key(), values["year_from"], values["year_to"],
                              values["unit"] and values["unit"].pk),
        lambda: stats.decision_register(scope, year_from=values["year_from"], year_to=values["year_to"],
                                        unit=values["unit"]))
    if not problems and request.GET.get("format") == "xlsx":
        return xlsx_book_response("so-quyet-dinh-khen-thuong.xlsx", [(
            "Sổ quyết định", ["Số quyết định", "Ngày", "Cấp quyết định", "Danh hiệu, hình thức", "Cá nhân", "Tập thể"],
            [[r["decision_no"] or "(không ghi số)", r["decision_date"], r["authority"],
              "; ".join(code_name(c) for c in r["codes"]), r["individuals"], r["collectives"]] for r in rows])])
    return render(request, "records/decision_register.html", {
        "nav": "statistics", "raw": raw, "problems": problems, "rows": rows, "limit": stats.REGISTER_LIMIT},
        status=400 if problems else 200)
