"""Eligibility over database subjects: the adapter builds the engine's input, the engine answers.

Read-only (nothing is written but job results), so no audit events; results are computed on
each call from the current history and never cached."""
import datetime
import os
import re
from collections import Counter, defaultdict

import numpy as np
from django.conf import settings

from thidua import rules
from thidua.common.numbers import vn_number
from thidua.common.text import fold
from thidua.eligibility import adapter, columnar_loader
from thidua.organizations.models import Unit
from thidua.people.models import Person, Posting
from thidua.records import codes
from thidua.records.models import Award, YearRecord
from thidua.rules import quota
from thidua.rules.catalog import EMULATION_REGIMES, TARGETS, TARGETS_BY_CODE
from thidua.rules.codes import KINDS, MAX_YEAR, MIN_YEAR, STAFF_TYPES

HISTORY_YEARS = 15  # chains reach back at most ~10 years (HCLĐ, BK_TTG after BK_BO)

# --- which targets the pages and the API offer, derived from the rules catalog ---------------------------

# Armed-forces twins (legal-rules.md, "Armed-forces twins"): the catalog lists both titles of each
# pair but does not say which one is the armed forces' (nor does any other part of thidua.rules).
ARMED_TWINS = {"LDTT": "CSTT", "TTLDTT": "DVTT", "TTLDXS": "DVQT"}


def _pending(code: str, kind: str) -> bool:
    """The criteria text was not confirmed in any regime (HCLĐ hạng Nhì, Nhất): always unknown, not offered."""
    rows = [r.rules.get((code, KINDS[kind])) for r in EMULATION_REGIMES]
    return all(rows) and all(c.id.endswith(".pending") for row in rows for c in row)


def _targets(kind: str, *, armed: bool = False) -> list[str]:
    """Titles and forms of the catalog a subject of `kind` can be proposed for, in catalog order."""
    leave_out = set(ARMED_TWINS) if armed else set(ARMED_TWINS.values())
    return [t.code for t in TARGETS if t.category in ("title", "form") and t.kind in (kind, "both")
            and t.code not in leave_out and not _pending(t.code, kind)]


INDIVIDUAL_TARGETS = _targets("individual")
ARMED_INDIVIDUAL_TARGETS = _targets("individual", armed=True)
COLLECTIVE_TARGETS = _targets("collective")
COLLECTIVE_TITLES = [t for t in COLLECTIVE_TARGETS if TARGETS_BY_CODE[t].category == "title"]
# the columns of the unit table, in this order; also the targets a scope question may ask
TABLE_TARGETS = list(dict.fromkeys(INDIVIDUAL_TARGETS + ARMED_INDIVIDUAL_TARGETS + COLLECTIVE_TARGETS))
FILTER_TARGETS = list(dict.fromkeys(INDIVIDUAL_TARGETS + ARMED_INDIVIDUAL_TARGETS + COLLECTIVE_TITLES))
_TABLE_ORDER = {code: i for i, code in enumerate(TABLE_TARGETS)}


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _window(year: int) -> tuple[int, int]:
    """The history years read for `year`; never before MIN_YEAR (older stored years are outside every regime)."""
    return max(MIN_YEAR, year - HISTORY_YEARS), year


def review_year(today: datetime.date | None = None) -> int:
    """The year under review: the current year (year-end reviews run in Nov–Jan; January still reviews last year)."""
    today = today or datetime.date.today()
    return today.year - 1 if today.month == 1 else today.year


def default_year() -> int:
    """The latest year that has grades recorded (capped at the review year): in November 2026
    the 2026 grades are not in yet, so the useful default is 2025. Years outside the rules'
    range (an old record from 1995) are never the default."""
    last = min(review_year(), MAX_YEAR)
    latest = (YearRecord.objects.filter(year__gte=MIN_YEAR, year__lte=last).order_by("-year")
              .values_list("year", flat=True).first())
    return latest or last


FIELD_WORDS = {
    "grade": "xếp loại", "party_grade": "xếp loại đảng viên", "titles": "danh hiệu thi đua",
    "awards": "hình thức khen thưởng", "initiatives": "sáng kiến", "discipline": "kỷ luật",
    "months_worked": "số tháng công tác", "leave_days": "số ngày nghỉ", "members": "số liệu thành viên",
    "cluster_rank": "xếp hạng trong khối thi đua", "cluster_size": "số đơn vị trong khối",
    "transferred_in": "chuyển công tác", "score": "điểm", "year": "năm",
}
MSG_STORED_INVALID = "Dữ liệu đã lưu không hợp lệ ({where}): {problem}. Cần sửa lịch sử trước khi xét."
_MISSING = re.compile(r"history\[(\d{4})\](?:\.(\w+))?(?:\.\w+)?")
_DOC_PATH = re.compile(r"\$\.subjects\[\d+\](?:\.history\[(\d+)\])?(?:\.(\w+))?")


def humanize_missing(item: str) -> str:
    """'history[2026].grade' → 'Chưa có dữ liệu xếp loại năm 2026' (Vietnamese text passes through)."""
    m = _MISSING.fullmatch(item)
    if not m:
        return item
    year, field = m.groups()
    if field is None:
        return f"Chưa có dữ liệu năm {year}"
    return f"Chưa có dữ liệu {FIELD_WORDS.get(field, field)} năm {year}"


def targets_for(subject: dict) -> list[str]:
    if subject["kind"] == "collective":
        return COLLECTIVE_TARGETS
    return ARMED_INDIVIDUAL_TARGETS if subject.get("staff_type") == "armed_forces" else INDIVIDUAL_TARGETS


def target_label(code: str) -> str:
    return codes.label(code)


def _stored_problem(subject: dict, exc: rules.InvalidDocument) -> str:
    """The engine's complaint about one stored subject, said in words: which year, which field."""
    m = _DOC_PATH.match(exc.path)
    index, field = m.groups() if m else (None, None)
    history = subject.get("history") or []
    parts = []
    if index is not None and int(index) < len(history) and isinstance(history[int(index)], dict):
        parts.append(f"năm {history[int(index)].get('year')}")
    if field:
        parts.append(FIELD_WORDS.get(field, field))
    return MSG_STORED_INVALID.format(where=", ".join(parts) or exc.path, problem=exc.message)


def _broken_subjects(subjects: list[dict]) -> dict[str, str]:
    """Subject id → message, for the subjects whose stored history breaks the engine's contract."""
    broken = {}
    for s in subjects:
        try:
            rules.validate_document({"subjects": [s], "questions": []})
        except rules.InvalidDocument as exc:
            broken[s["id"]] = _stored_problem(s, exc)
    return broken


def _answer(subjects: list[dict], questions: list[dict]) -> list[dict]:
    """The engine's answers, in question order. A subject whose stored history the engine refuses
    answers unknown with the reason, and the others are still answered (a page never fails on it)."""
    if not subjects:
        return []
    try:
        return rules.answer_document({"subjects": subjects, "questions": questions})["answers"]
    except rules.InvalidDocument:
        broken = _broken_subjects(subjects)
        if not broken:
            raise  # the questions themselves are wrong: the caller's bug, not stored data
    good = [s for s in subjects if s["id"] not in broken]
    asked = [q for q in questions if q["subject"] not in broken]
    answered = iter(rules.answer_document({"subjects": good, "questions": asked})["answers"] if asked else [])
    return [next(answered) if q["subject"] not in broken else
            {"subject": q["subject"], "target": q["target"], "year": q["year"], "eligible": None, "regime": None,
             "checks": [], "missing": [broken[q["subject"]]], "error": broken[q["subject"]]}
            for q in questions]


def _questions(subject: dict, year: int, targets: list[str] | None) -> list[dict]:
    return [{"subject": subject["id"], "target": t, "year": year} for t in (targets or targets_for(subject))]


def person_answers(person: Person, year: int, targets: list[str] | None = None) -> list[dict]:
    subjects = adapter.people_subjects([person.pk], years=_window(year))
    if not subjects:
        return []
    return _answer(subjects, _questions(subjects[0], year, targets))


def person_forecast(person: Person, year: int, assumed: dict) -> list[dict]:
    """What the person becomes eligible for in year+1 if `year` ends as `assumed` (grade, titles, initiatives);
    nothing when the stored history is refused (the answers for `year` already say why)."""
    subjects = adapter.people_subjects([person.pk], years=_window(year))
    if not subjects or _broken_subjects(subjects) or not year_in_range(year + 1):
        return []
    return rules.forecast(subjects[0], year, assumed, targets=targets_for(subjects[0]))["answers"]


def collective_answers(unit: Unit, year: int, targets: list[str] | None = None) -> list[dict]:
    subjects = adapter.unit_subjects([unit.pk], years=_window(year))
    return _answer(subjects, _questions(subjects[0], year, targets)) if subjects else []


def unit_answers(unit: Unit, year: int, *, targets: list[str] | None = None, include_collectives: bool = True,
                 person_ids: list[int] | None = None) -> dict:
    """Every person (and collective) of the unit's subtree × targets for a year."""
    years = _window(year)
    people, units = adapter.subjects(person_ids, unit=unit, under=unit if include_collectives else None, years=years)
    return _by_subject(people + units, targets, year, people=people, units=units)


def _by_subject(subjects: list[dict], targets: list[str] | None, year: int, *, people: list[dict] | None = None,
                units: list[dict] | None = None) -> dict:
    """The answers of `subjects` (people then collectives) × their targets (or `targets`), by subject."""
    people = subjects if people is None and units is None else people
    units = subjects if units is None else units
    questions = []
    for s in subjects:
        for t in targets_for(s):
            if targets is None or t in targets:
                questions.append({"subject": s["id"], "target": t, "year": year})
    answers = _answer(subjects, questions)
    by_subject: dict[str, dict] = {}
    for a in answers:
        by_subject.setdefault(a["subject"], {})[a["target"]] = a
    return {"people": people, "units": units, "answers": by_subject}


# --- the unit table (page, .xlsx export, background job) -------------------------------------------------

STATUS_LABEL = {True: "Đủ điều kiện", False: "Chưa đủ điều kiện", None: "Chưa đủ dữ liệu"}
STATUS_FILTER = {"yes": True, "no": False, "unknown": None}
TABLE_FILE_NAME = "xet-danh-hieu-{code}-{year}.xlsx"
TABLE_SHEET = "Xét {year}"
TABLE_HEADERS = ["Đối tượng", "Tập thể"]
TABLE_MISSING = "Còn thiếu"


VERDICT_CODE = {True: 1, False: 0, None: -1}   # rules.evaluate_matrix's encoding


def people_with_verdict(unit: Unit, year: int, target: str, status: bool | None) -> list[int]:
    """The people under `unit` whose answer for `target` in `year` is `status`, through the columnar
    path (a few aggregated queries and numpy, no message formatted). A province-sized table filtered
    to one target and status answers in full only for these (a test holds both paths equal)."""
    history = columnar_loader.load_people(unit_path=unit.path, years=_window(year))
    if history.n == 0:
        return []
    verdicts = rules.evaluate_matrix(history, [target], year)[target]
    return [int(history.ids[i][2:]) for i in np.flatnonzero(verdicts == VERDICT_CODE[status])]


def table_rows(result: dict, flt: dict, names: dict | None = None) -> list[dict]:
    """Rows of the unit table from `unit_answers`: people then collectives, by name; with a
    target filter, only the subjects asked that target (and with that status, if one is chosen).
    `names`: the people's names when the caller has them already."""
    if names is None:
        names = dict(Person.objects.filter(pk__in=[int(s["id"][2:]) for s in result["people"]])
                     .values_list("pk", "full_name")) if result["people"] else {}
    unit_names = {pk: (name, code) for pk, name, code in Unit.objects.filter(
        pk__in=[int(s["id"][2:]) for s in result["units"]]).values_list("pk", "name", "code")} if result["units"] else {}
    want = STATUS_FILTER.get(flt.get("status"), "any")
    rows = []
    for s in result["people"] + result["units"]:
        sid = s["id"]
        answers = result["answers"].get(sid, {})
        if flt.get("target"):
            a = answers.get(flt["target"])
            if a is None or (want != "any" and a["eligible"] is not want):
                continue
        pk = int(sid[2:])
        collective = s["kind"] == "collective"
        name, code = unit_names.get(pk, ("", "")) if collective else (names.get(pk), "")
        rows.append({"id": sid, "pk": pk, "collective": collective, "code": code, "name": name, "answers": answers})
    rows.sort(key=lambda r: (r["collective"], fold(r["name"] or "")))
    return rows


def table_targets(rows: list[dict]) -> list[str]:
    """The columns: every target asked of some row, in the order of TABLE_TARGETS."""
    return sorted({t for r in rows for t in r["answers"]}, key=lambda t: _TABLE_ORDER.get(t, len(_TABLE_ORDER)))


def table_export(rows: list[dict], targets: list[str]) -> tuple[list[str], list[list]]:
    """Headers and rows of the .xlsx export (what is still missing, for the refused cells)."""
    headers = TABLE_HEADERS + [f"{t} – {target_label(t)}" for t in targets] + [TABLE_MISSING]
    out = []
    for r in rows:
        answers = r["answers"]
        missing = "; ".join(f"{t}: {m}" for t in targets for m in (answers.get(t) or {}).get("missing", [])
                            if (answers.get(t) or {}).get("eligible") is False)
        out.append([r["name"], "x" if r["collective"] else ""]
                   + ["" if answers.get(t) is None else STATUS_LABEL[answers[t]["eligible"]] for t in targets]
                   + [missing])
    return headers, out


def job_result_path(job_id: int, suffix: str = ".xlsx") -> str:
    folder = os.path.join(settings.MEDIA_ROOT, "jobs")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"job-{job_id}{suffix}")


CAP_BASE_TITLES = ("LDTT", ARMED_TWINS["LDTT"])  # CSTĐCS ≤ a share of the unit's LĐTT/CSTT


def unit_quota(unit: Unit, year: int, track: str = "government") -> dict:
    """Caps an officer checks before deciding: top grade per (unit, similar-task group) and
    CSTĐCS per unit, counted from the grades and titles recorded (proposed) for `year`."""
    # the unit's people by id first: joined on their path, PostgreSQL scanned every person (25 ms per query)
    unit_of = dict(Person.objects.filter(unit_path__startswith=unit.path).values_list("pk", "unit_id"))
    group_of = dict(((pid, (uid, gg)) for pid, uid, gg in Posting.objects.filter(
        person_id__in=list(unit_of), end__isnull=True, is_secondment=False)
        .values_list("person_id", "unit_id", "grade_group")))
    grades: dict = defaultdict(Counter)
    for pid, grade in YearRecord.objects.filter(person_id__in=list(group_of), year=year, track=track).exclude(
            grade="").values_list("person_id", "grade"):
        grades[group_of[pid]][grade] += 1
    names = dict(Unit.objects.filter(pk__in={k[0] for k in grades}).values_list("pk", "name"))
    grade_caps = [
        {"unit": names.get(uid, ""), "group": gg or "—", "counts": dict(c),
         **quota.check_grade_cap(dict(c), year=year, track=track)}
        for (uid, gg), c in sorted(grades.items(), key=lambda kv: (names.get(kv[0][0], ""), kv[0][1]))
    ]
    titles: dict = defaultdict(Counter)
    for pid, code in Award.objects.filter(person_id__in=list(unit_of), year=year,
                                          code__in=[*CAP_BASE_TITLES, "CSTDCS"], revoked_on__isnull=True).values_list("person_id", "code"):
        titles[unit_of[pid]][code] += 1
    names.update(Unit.objects.filter(pk__in=list(titles)).values_list("pk", "name"))
    title_caps = [
        {"unit": names.get(uid, ""), **quota.check_title_cap(
            "CSTDCS", year=year, proposed=c["CSTDCS"], base=sum(c[t] for t in CAP_BASE_TITLES))}
        for uid, c in sorted(titles.items(), key=lambda kv: names.get(kv[0], ""))
    ]
    for cap in grade_caps + title_caps:
        cap["explained"] = rounding_text(cap.get("ratio"), cap.get("base"), cap.get("rounding"), cap.get("allowed"))
    totals = {
        "groups": len(grade_caps), "excellent": sum(g["proposed"] for g in grade_caps),
        "good": sum(g["base"] for g in grade_caps), "allowed": sum(g["allowed"] for g in grade_caps),
        "over": sum(1 for g in grade_caps if not g["ok"]),
        "titles": sum(t["proposed"] for t in title_caps),
        "titles_allowed": (sum(t["allowed"] for t in title_caps)
                           if title_caps and all(t["allowed"] is not None for t in title_caps) else None),
    }
    return {"grade_caps": grade_caps, "title_caps": title_caps, "totals": totals,
            "rounding_note": ROUNDING_NOTE}


ROUNDING = {"floor": "làm tròn xuống", "ceil": "làm tròn lên", "round": "làm tròn đến số nguyên gần nhất"}
ROUNDING_NOTE = ("Số tối đa = tỷ lệ × số làm căn cứ, rồi làm tròn xuống thành số nguyên (phần lẻ bỏ đi): "
                 "20% của 13 người hoàn thành tốt nhiệm vụ là 2,6, nên tối đa 2 người. Tỷ lệ tính riêng cho "
                 "từng đơn vị và nhóm nhiệm vụ tương đồng, nên tổng các mức tối đa có thể nhỏ hơn 20% của cả đơn vị.")


def _decimal(value: float) -> str:
    """2.6 → "2,6"; 3.0 → "3" (Vietnamese decimal comma)."""
    return vn_number(value)


def rounding_text(ratio: float | None, base: int | None, rounding: str | None, allowed: int | None) -> str:
    """How the cap was computed, in words: "20% × 13 = 2,6, làm tròn xuống: 2"."""
    if ratio is None or base is None or allowed is None:
        return "Không có tỷ lệ tối đa toàn quốc."
    raw = ratio * base
    step = "" if abs(raw - round(raw)) < 1e-9 else f", {ROUNDING.get(rounding, rounding)}"
    return f"{round(ratio * 100):g}% × {_decimal(base)} = {_decimal(raw)}{step}: tối đa {_decimal(allowed)}."


# --- the unit table on screen: one page of subjects, totals over the whole unit ----------------------------

TABLE_PAGE_SIZE = 100


def _people_totals(unit: Unit, year: int, targets: list[str]) -> tuple[dict, dict]:
    """Per individual target, the counts {True, False, None} over every person of the unit, and the
    verdict arrays (by person id) — through the columnar path: a few aggregated queries and numpy."""
    history = columnar_loader.load_people(unit_path=unit.path, years=_window(year))
    if history.n == 0 or not targets:
        return {}, {}
    armed = history.staff_type == STAFF_TYPES["armed_forces"]
    verdicts = rules.evaluate_matrix(history, targets, year)
    ids = np.array([int(i[2:]) for i in history.ids], np.int64)
    totals, by_target = {}, {}
    for t in targets:
        applies = np.zeros(history.n, bool)
        if t in INDIVIDUAL_TARGETS:
            applies |= ~armed
        if t in ARMED_INDIVIDUAL_TARGETS:
            applies |= armed
        v = verdicts[t]
        totals[t] = {status: int(np.count_nonzero(applies & (v == code))) for status, code in VERDICT_CODE.items()}
        by_target[t] = (ids, applies, v)
    return totals, by_target


def unit_table_page(unit: Unit, year: int, flt: dict, page: int, size: int | None = None) -> dict:
    """One page of the unit table: people in Vietnamese order (Person.sort_key), then the collectives;
    only the page's people go through the engine in full (with their reasons). `totals`: per target,
    eligible / not / unknown over the whole unit (people through the columnar path, collectives answered).
    A target filter (and status) selects the people through the same columnar verdicts."""
    size = size or TABLE_PAGE_SIZE
    target = flt.get("target") or ""
    want = STATUS_FILTER.get(flt.get("status"), "any")
    person_targets = [t for t in TABLE_TARGETS if t in INDIVIDUAL_TARGETS or t in ARMED_INDIVIDUAL_TARGETS]
    if target:
        person_targets = [t for t in person_targets if t == target]
    totals, by_target = _people_totals(unit, year, person_targets)
    # the unit's people in order with their names, once: the count, the page's ids and its names
    people = list(Person.objects.filter(unit_path__startswith=unit.path).order_by("sort_key", "id")
                  .values_list("pk", "full_name"))
    if target:
        keep = set()
        if target in by_target:
            ids, applies, v = by_target[target]
            chosen = applies if want == "any" else applies & (v == VERDICT_CODE[want])
            keep = set(ids[chosen].tolist())
        people = [(pk, name) for pk, name in people if pk in keep]
    n_people = len(people)
    start_guess = (min(max(1, page), max(1, -(-n_people // size))) - 1) * size  # refined below
    # the page's people and the unit's collectives through the adapter together (one query per fact table)
    page_people, units = adapter.subjects([pk for pk, _name in people[start_guess:start_guess + size]],
                                          under=unit, years=_window(year))
    asked = [target] if target else None
    collectives = _by_subject(units, asked, year, people=[])
    for s in collectives["units"]:
        for t, a in collectives["answers"].get(s["id"], {}).items():
            counts = totals.setdefault(t, {True: 0, False: 0, None: 0})
            counts[a["eligible"]] += 1
    unit_rows = table_rows(collectives, flt)
    total = n_people + len(unit_rows)
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    start, end = (page - 1) * size, page * size
    page_ids = [pk for pk, _name in people[start:end]]
    rows = []
    if page_ids:
        if start != start_guess:  # the collectives' rows moved the last page: read its people
            page_people = adapter.people_subjects(page_ids, years=_window(year))
        result = _by_subject(page_people, asked, year, people=page_people, units=[])
        position = {pk: i for i, pk in enumerate(page_ids)}
        rows = sorted(table_rows(result, flt, names=dict(people[start:end])), key=lambda r: position[r["pk"]])
    rows += unit_rows[max(0, start - n_people):max(0, end - n_people)]
    columns = sorted(totals, key=lambda t: _TABLE_ORDER.get(t, len(_TABLE_ORDER)))
    return {"rows": rows, "page": page, "pages": pages, "total": total, "n_people": n_people,
            "n_collectives": len(unit_rows), "first": start + 1 if rows else 0, "last": start + len(rows),
            "targets": columns, "totals": [{"target": t, "label": target_label(t), "yes": totals[t][True],
                                            "no": totals[t][False], "unknown": totals[t][None]} for t in columns]}


# --- the public entry points the commendation pipeline freezes into its dossiers -----------------------

def frozen_answer(*, form: str, year: int, person: Person | None = None, collective: Unit | None = None) -> dict:
    """The engine's answer for one subject (a person or a collective) and one title or form in `year`,
    with the facts it was given: `{"answer": {...}, "facts": {...}}`, as a proposal freezes it into its
    dossier. A subject whose stored history is refused answers unknown with the reason."""
    if (person is None) == (collective is None):
        raise ValueError("one subject: a person or a collective")
    subjects = (adapter.people_subjects([person.pk], years=_window(year)) if person is not None
                else adapter.unit_subjects([collective.pk], years=_window(year)))
    answer = _answer(subjects, [{"subject": subjects[0]["id"], "target": form, "year": year}])[0]
    return {"answer": answer, "facts": subjects[0]}


def people_eligible(unit: Unit, year: int, forms: list[str]) -> dict[str, set[int]]:
    """Per form, the ids of the people under `unit` the engine answers eligible in `year`: the columnar
    path of `people_with_verdict`, the history read once for every form."""
    history = columnar_loader.load_people(unit_path=unit.path, years=_window(year))
    if history.n == 0:
        return {f: set() for f in forms}
    verdicts = rules.evaluate_matrix(history, forms, year)
    yes = VERDICT_CODE[True]
    return {f: {int(history.ids[i][2:]) for i in np.flatnonzero(verdicts[f] == yes)} for f in forms}


def person_key(pk: int) -> str:
    """The subject id of a person in the engine's answers (`unit_answers(...)["answers"]`)."""
    return adapter.person_key(pk)
