from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from thidua.common.text import fold
from thidua.common.web import scope_of
from thidua.common.xlsx import xlsx_response
from thidua.eligibility import services as svc
from thidua.jobs.services import job_start
from thidua.organizations.selectors import unit_get_for_user, unit_list_for_user
from thidua.people.models import Person
from thidua.people.selectors import person_get_for_user
from thidua.records.models import Grade, InitiativeLevel

INLINE_LIMIT = 1500  # people in a subtree above which the table is computed as a background job
STATUS_LABEL = {True: "Đủ điều kiện", False: "Chưa đủ điều kiện", None: "Chưa đủ dữ liệu"}
LABELS = {"label_yes": STATUS_LABEL[True], "label_no": STATUS_LABEL[False], "label_unknown": STATUS_LABEL[None]}


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or svc.default_year())
    except ValueError:
        year = svc.default_year()
    return max(2000, min(year, 2100))


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
                                                       "year": svc.default_year()})


@login_required
def person_card(request, pk):
    person = person_get_for_user(scope_of(request), pk)
    year = _year(request)
    answers = _humanize(svc.person_answers(person, year))
    assumed = {}
    if request.GET.get("forecast_grade") in Grade.values:  # anything else: as recorded
        assumed["grade"] = request.GET["forecast_grade"]
    if request.GET.get("forecast_initiative") in InitiativeLevel.values:
        assumed["initiatives"] = [{"level": request.GET["forecast_initiative"], "name": "(giả định)"}]
    forecast = _humanize(svc.person_forecast(person, year, assumed or None))
    return render(request, "eligibility/_person_card.html", {
        "person": person, "year": year, "answers": answers, **LABELS,
        "grades": Grade.choices, "forecast": forecast, "assumed": assumed, "next_year": year + 1,
        "target_label": svc.target_label,
    })


def _filters(request):
    return {"target": request.GET.get("target", ""), "status": request.GET.get("status", "")}


def _rows(result, flt):
    rows = []
    names = dict(Person.objects.filter(pk__in=[int(s["id"][2:]) for s in result["people"]])
                 .values_list("pk", "full_name"))
    from thidua.organizations.models import Unit

    unit_names = {pk: (name, code) for pk, name, code in Unit.objects.filter(
        pk__in=[int(s["id"][2:]) for s in result["units"]]).values_list("pk", "name", "code")}
    for s in result["people"] + result["units"]:
        sid = s["id"]
        answers = result["answers"].get(sid, {})
        if flt["target"]:
            a = answers.get(flt["target"])
            if a is None:
                continue
            want = {"yes": True, "no": False, "unknown": None}.get(flt["status"], "any")
            if want != "any" and a["eligible"] is not want:
                continue
        pk = int(sid[2:])
        collective = s["kind"] == "collective"
        name, code = unit_names.get(pk, ("", "")) if collective else (names.get(pk), "")
        rows.append({"id": sid, "pk": pk, "collective": collective, "code": code, "name": name, "answers": answers})
    rows.sort(key=lambda r: (r["collective"], fold(r["name"] or "")))
    return rows


@login_required
def unit_table(request, code):
    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code.strip().upper())
    year, flt = _year(request), _filters(request)
    n_people = Person.objects.filter(unit_path__startswith=unit.path).count()
    if n_people > INLINE_LIMIT or request.GET.get("job"):
        job = job_start(user=request.user, kind="eligibility_table",
                        params={"unit": unit.pk, "year": year, **flt}, total=n_people,
                        message=f"Xét điều kiện {n_people} người của {unit.name}, năm {year}…")
        return redirect("jobs:job_detail", pk=job.pk)
    result = svc.unit_answers(unit, year, targets=[flt["target"]] if flt["target"] else None)
    rows = _rows(result, flt)
    targets = sorted({t for r in rows for t in r["answers"]}, key=_target_order)
    for r in rows:
        r["cells"] = [(t, r["answers"].get(t)) for t in targets]
        if flt["target"] and r["answers"].get(flt["target"]):
            r["note"] = "; ".join(svc.humanize_missing(m) for m in r["answers"][flt["target"]].get("missing", []))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"xet-danh-hieu-{unit.code}-{year}.xlsx", f"Xét {year}", *export_table(rows, targets))
    return render(request, "eligibility/unit_table.html", {
        "unit": unit, "year": year, "rows": rows, "targets": targets, "filters": flt, "nav": "eligibility",
        "all_targets": svc.INDIVIDUAL_TARGETS + ["CSTT"] + svc.COLLECTIVE_TARGETS[:4],
        "target_label": svc.target_label, "query": request.GET.urlencode(),
    })


def _target_order(code):
    order = svc.INDIVIDUAL_TARGETS + ["CSTT"] + svc.COLLECTIVE_TARGETS
    return order.index(code) if code in order else 99


def export_table(rows, targets):
    headers = ["Đối tượng", "Tập thể"] + [f"{t} – {svc.target_label(t)}" for t in targets] + ["Còn thiếu"]

    def cell(a):
        return "" if a is None else STATUS_LABEL[a["eligible"]]

    out = []
    for r in rows:
        missing = "; ".join(f"{t}: {m}" for t in targets for m in (r["answers"].get(t) or {}).get("missing", [])
                            if (r["answers"].get(t) or {}).get("eligible") is False)
        out.append([r["name"], "x" if r["collective"] else ""] + [cell(r["answers"].get(t)) for t in targets]
                   + [missing])
    return headers, out


@login_required
def explain(request):
    scope = scope_of(request)
    sid, target, year = request.GET.get("subject", ""), request.GET.get("target", ""), _year(request)
    if not (sid[:2] in ("p-", "u-") and sid[2:].isdigit()):
        raise Http404()
    if sid.startswith("p-"):
        person = person_get_for_user(scope, int(sid[2:]))
        answers = _humanize(svc.person_answers(person, year, [target]))
        name = person.full_name
    elif sid.startswith("u-"):
        from thidua.organizations.models import Unit

        unit = Unit.objects.filter(pk=int(sid[2:])).first()
        if unit is None or not scope.can_unit(unit):
            raise Http404()
        answers = _humanize(svc.collective_answers(unit, year, [target]))
        name = unit.name
    else:
        raise Http404()
    return render(request, "eligibility/_explain.html", {
        "answer": answers[0] if answers else None, "name": name, "target_label": svc.target_label,
        **LABELS})


@login_required
def unit_quota(request, code):
    from thidua.rules import quota

    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code.strip().upper())
    year = _year(request)
    track = "party" if request.GET.get("track") == "party" else "government"
    check = None
    if request.GET.get("excellent") or request.GET.get("good"):
        try:
            counts = {"excellent": int(request.GET.get("excellent") or 0), "good": int(request.GET.get("good") or 0)}
        except ValueError:
            counts = None
        check = (quota.check_grade_cap(counts, year=year, track=track) if counts and min(counts.values()) >= 0
                 else {"ok": False, "message": "Số lượng phải là số nguyên không âm.", "source": ""})
    return render(request, "eligibility/quota.html", {
        "unit": unit, "year": year, "track": track, "nav": "eligibility", "check": check,
        **svc.unit_quota(unit, year, track),
    })
