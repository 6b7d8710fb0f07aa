from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from thidua.audit.versioning import cached
from thidua.common.web import scope_of
from thidua.common.xlsx import xlsx_response
from thidua.eligibility import services as svc
from thidua.jobs.services import job_start
from thidua.organizations.models import Unit
from thidua.organizations.selectors import unit_get_for_user, unit_list_for_user
from thidua.people.models import Person
from thidua.people.selectors import person_get_for_user
from thidua.records.models import Grade, InitiativeLevel
from thidua.rules import quota
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

INLINE_LIMIT = 1500  # people in a subtree above which the table is computed as a background job
STATUS_LABEL = svc.STATUS_LABEL
LABELS = {"label_yes": STATUS_LABEL[True], "label_no": STATUS_LABEL[False], "label_unknown": STATUS_LABEL[None]}
YEARS = {"min_year": MIN_YEAR, "max_year": MAX_YEAR}
MSG_YEAR_MALFORMED = "Năm “{value}” không hợp lệ: cần một số nguyên từ {lo} đến {hi}. Đang hiển thị năm {year}."
MSG_YEAR_RANGE = "Năm {value} nằm ngoài phạm vi các quy định ({lo}–{hi}). Đang hiển thị năm {year}."
MSG_COUNTS = "Số lượng phải là số nguyên không âm."
MSG_PAGE = "Không có trang “{value}”: đang hiển thị trang {page}/{pages}."


def _year(request) -> tuple[int, str]:
    """The year asked in the query string, or the default year with a message saying why it was not used."""
    raw = (request.GET.get("year") or "").strip()
    if not raw:
        return svc.default_year(), ""
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is not None and svc.year_in_range(year):
        return year, ""
    fallback = svc.default_year()
    template = MSG_YEAR_MALFORMED if year is None else MSG_YEAR_RANGE
    return fallback, template.format(value=raw[:20], lo=MIN_YEAR, hi=MAX_YEAR, year=fallback)


def _humanize(answers):
    for a in answers:
        a["label"] = a.get("name") or svc.target_label(a["target"])
        if a.get("eligible") is None:
            a["missing"] = [svc.humanize_missing(m) for m in a.get("missing", [])]
        a["lacking"] = [svc.humanize_missing(m) for m in a.get("lacking", [])]
    return answers


@login_required
def index(request):
    scope = scope_of(request)
    if not scope.has("view"):
        person = getattr(request.user, "person", None) if hasattr(request.user, "person") else None
        if person:
            return redirect("people:person_detail", pk=person.pk)
        raise PermissionDenied
    roots = unit_list_for_user(scope, include_closed=False).order_by("path").values_list("code", "name")[:5000]
    return render(request, "eligibility/index.html", {"nav": "eligibility", "units": roots,
                                                       "year": svc.default_year(), "all_targets": svc.FILTER_TARGETS,
                                                       **YEARS})


@login_required
def person_card(request, pk):
    person = person_get_for_user(scope_of(request), pk)
    year, year_error = _year(request)
    answers = _humanize(svc.person_answers(person, year))
    assumed = {}
    if request.GET.get("forecast_grade") in Grade.values:  # anything else: as recorded
        assumed["grade"] = request.GET["forecast_grade"]
    if request.GET.get("forecast_initiative") in InitiativeLevel.values:
        assumed["initiatives"] = [{"level": request.GET["forecast_initiative"], "name": "(giả định)"}]
    forecast = _humanize(svc.person_forecast(person, year, assumed or None))
    return render(request, "eligibility/_person_card.html", {
        "person": person, "year": year, "year_error": year_error, "answers": answers, **LABELS, **YEARS,
        "grades": Grade.choices, "forecast": forecast, "assumed": assumed, "next_year": year + 1,
        "target_label": svc.target_label,
    })


def _filters(request):
    return {"target": request.GET.get("target", ""), "status": request.GET.get("status", "")}


@login_required
def unit_table(request, code):
    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code.strip().upper())
    (year, year_error), flt = _year(request), _filters(request)
    wants_file = request.GET.get("format") == "xlsx"
    # with a refused year, neither a job nor a file for another year: the page shows the message
    if not year_error and (request.GET.get("job") or wants_file):
        n_people = Person.objects.filter(unit_path__startswith=unit.path).count()
        if request.GET.get("job") or n_people > INLINE_LIMIT:  # the whole table of a large unit: a file, in the worker
            job = job_start(user=request.user, kind="eligibility_table",
                            params={"unit": unit.pk, "year": year, **flt}, total=n_people,
                            message=f"Xét điều kiện {n_people} người của {unit.name}, năm {year}…")
            return redirect("jobs:job_detail", pk=job.pk)
        result = svc.unit_answers(unit, year, targets=[flt["target"]] if flt["target"] else None)
        rows = svc.table_rows(result, flt)
        return xlsx_response(svc.TABLE_FILE_NAME.format(code=unit.code, year=year), svc.TABLE_SHEET.format(year=year),
                             *svc.table_export(rows, svc.table_targets(rows)))
    query = _query_with_year(request, year)
    # the table is the same for everyone who may open the unit (checked above): computed once per data version
    body = cached("eligibility-table", (unit.pk, year, query),
                  lambda: _unit_table_body(unit, year, flt, request.GET.get("page"), query))
    return render(request, "eligibility/unit_table.html", {
        "unit": unit, "year": year, "year_error": year_error, "filters": flt, "nav": "eligibility",
        "all_targets": svc.FILTER_TARGETS, "query": query, "body": body, **YEARS,
    })


def _unit_table_body(unit, year: int, flt: dict, raw_page: str | None, query: str) -> str:
    """The totals, the page's rows, the legend and the pager, as HTML."""
    raw_page = (raw_page or "").strip()
    try:
        page = int(raw_page or 1)
    except ValueError:
        page = 1
    table = svc.unit_table_page(unit, year, flt, page)
    page_error = (MSG_PAGE.format(value=raw_page[:20], page=table["page"], pages=table["pages"])
                  if raw_page and raw_page != str(table["page"]) else "")
    targets = table["targets"]
    for r in table["rows"]:
        r["cells"] = [(t, r["answers"].get(t)) for t in targets]
        if flt["target"] and r["answers"].get(flt["target"]):
            r["note"] = "; ".join(svc.humanize_missing(m) for m in r["answers"][flt["target"]].get("missing", []))
    return render_to_string("eligibility/_unit_table_body.html", {
        "unit": unit, "year": year, "rows": table["rows"], "targets": targets, "table": table, "filters": flt,
        "target_label": svc.target_label, "page_query": _without_page(query),
        "page_error": page_error, **LABELS,
        "explain_url": reverse("eligibility:explain"),  # once, not once per cell (~900 cells a page)
    })


def _without_page(query: str) -> str:
    q = QueryDict(query, mutable=True)
    q.pop("page", None)
    return q.urlencode()


def _query_with_year(request, year: int) -> str:
    """The page's query string with the year actually shown (links never carry a refused year)."""
    query = request.GET.copy()
    query["year"] = str(year)
    for key in ("format", "job"):
        query.pop(key, None)
    return query.urlencode()


@login_required
def explain(request):
    scope = scope_of(request)
    sid, target = request.GET.get("subject", ""), request.GET.get("target", "")
    year, year_error = _year(request)
    if not (sid[:2] in ("p-", "u-") and sid[2:].isdigit()):
        raise Http404()
    if sid.startswith("p-"):
        person = person_get_for_user(scope, int(sid[2:]))
        answers = _humanize(svc.person_answers(person, year, [target]))
        name = person.full_name
    else:
        unit = Unit.objects.filter(pk=int(sid[2:])).first()
        if unit is None or not scope.can_unit(unit):
            raise Http404()
        answers = _humanize(svc.collective_answers(unit, year, [target]))
        name = unit.name
    return render(request, "eligibility/_explain.html", {
        "answer": answers[0] if answers else None, "name": name, "target_label": svc.target_label,
        "year_error": year_error, **LABELS})


@login_required
def unit_quota(request, code):
    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code.strip().upper())
    year, year_error = _year(request)
    track = "party" if request.GET.get("track") == "party" else "government"
    check = None
    if not year_error and (request.GET.get("excellent") or request.GET.get("good")):
        try:
            counts = {"excellent": int(request.GET.get("excellent") or 0), "good": int(request.GET.get("good") or 0)}
        except ValueError:
            counts = None
        check = (quota.check_grade_cap(counts, year=year, track=track) if counts and min(counts.values()) >= 0
                 else {"ok": False, "message": MSG_COUNTS, "source": ""})
    return render(request, "eligibility/quota.html", {
        "unit": unit, "year": year, "year_error": year_error, "track": track, "nav": "eligibility", "check": check,
        **YEARS,
        # the counts, caps and their reasons are the same for everyone who may open the unit: rendered once per
        # data version
        "body": cached("eligibility-quota", (unit.pk, year, track), lambda: render_to_string(
            "eligibility/_quota_body.html", svc.unit_quota(unit, year, track))),
    })
