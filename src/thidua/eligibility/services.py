"""Eligibility over database subjects: the adapter builds the engine's input, the engine answers.

Read-only (nothing is written but job results), so no audit events; results are computed on
each call from the current history and never cached."""
import datetime
import os

from django.conf import settings

from thidua import rules
from thidua.eligibility import adapter
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.records import codes

INDIVIDUAL_TARGETS = ["LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3"]
ARMED_INDIVIDUAL_TARGETS = ["CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3"]
COLLECTIVE_TARGETS = ["TTLDTT", "TTLDXS", "CO_BO", "CO_CP", "GK", "BK_BO", "BK_TTG", "HCLD3"]
HISTORY_YEARS = 15  # chains reach back at most ~10 years (HCLĐ, BK_TTG after BK_BO)


def review_year(today: datetime.date | None = None) -> int:
    """The year under review: the current year (year-end reviews run in Nov–Jan; January still reviews last year)."""
    today = today or datetime.date.today()
    return today.year - 1 if today.month == 1 else today.year


def default_year() -> int:
    """The latest year that has grades recorded (capped at the review year): in November 2026
    the 2026 grades are not in yet, so the useful default is 2025."""
    from thidua.records.models import YearRecord

    latest = YearRecord.objects.filter(year__lte=review_year()).order_by("-year").values_list("year", flat=True).first()
    return latest or review_year()


FIELD_WORDS = {
    "grade": "xếp loại", "party_grade": "xếp loại đảng viên", "titles": "danh hiệu thi đua",
    "awards": "hình thức khen thưởng", "initiatives": "sáng kiến", "discipline": "kỷ luật",
    "months_worked": "số tháng công tác", "leave_days": "số ngày nghỉ", "members": "số liệu thành viên",
    "cluster_rank": "xếp hạng trong khối thi đua", "cluster_size": "số đơn vị trong khối",
}


def humanize_missing(item: str) -> str:
    """'history[2026].grade' → 'Chưa có dữ liệu xếp loại năm 2026' (Vietnamese text passes through)."""
    import re

    m = re.fullmatch(r"history\[(\d{4})\](?:\.(\w+))?(?:\.\w+)?", item)
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


def _answer(subjects: list[dict], questions: list[dict]) -> list[dict]:
    if not subjects:
        return []
    return rules.answer_document({"subjects": subjects, "questions": questions})["answers"]


def person_answers(person: Person, year: int, targets: list[str] | None = None) -> list[dict]:
    subjects = adapter.people_subjects([person.pk], years=(year - HISTORY_YEARS, year))
    if not subjects:
        return []
    s = subjects[0]
    return _answer(subjects, [{"subject": s["id"], "target": t, "year": year} for t in (targets or targets_for(s))])


def person_forecast(person: Person, year: int, assumed: dict) -> list[dict]:
    """What the person becomes eligible for in year+1 if `year` ends as `assumed` (grade, titles, initiatives)."""
    subjects = adapter.people_subjects([person.pk], years=(year - HISTORY_YEARS, year))
    if not subjects:
        return []
    return rules.forecast(subjects[0], year, assumed, targets=targets_for(subjects[0]))["answers"]


def collective_answers(unit: Unit, year: int, targets: list[str] | None = None) -> list[dict]:
    subjects = adapter.unit_subjects([unit.pk], years=(year - HISTORY_YEARS, year))
    s = subjects[0]
    return _answer(subjects, [{"subject": s["id"], "target": t, "year": year} for t in (targets or targets_for(s))])


def unit_answers(unit: Unit, year: int, *, targets: list[str] | None = None, include_collectives: bool = True,
                 person_ids: list[int] | None = None) -> dict:
    """Every person (and collective) of the unit's subtree × targets for a year."""
    years = (year - HISTORY_YEARS, year)
    people = adapter.people_subjects(person_ids, unit=unit, years=years)
    units = adapter.unit_subjects(under=unit, years=years) if include_collectives else []
    questions = []
    for s in people + units:
        for t in targets_for(s):
            if targets is None or t in targets:
                questions.append({"subject": s["id"], "target": t, "year": year})
    answers = _answer(people + units, questions)
    by_subject: dict[str, dict] = {}
    for a in answers:
        by_subject.setdefault(a["subject"], {})[a["target"]] = a
    return {"people": people, "units": units, "answers": by_subject}


def job_result_path(job_id: int, suffix: str = ".xlsx") -> str:
    folder = os.path.join(settings.MEDIA_ROOT, "jobs")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"job-{job_id}{suffix}")


def unit_quota(unit: Unit, year: int, track: str = "government") -> dict:
    """Caps an officer checks before deciding: top grade per (unit, similar-task group) and
    CSTĐCS per unit, counted from the grades and titles recorded (proposed) for `year`."""
    from collections import Counter, defaultdict

    from thidua.people.models import Posting
    from thidua.records.models import Award, YearRecord
    from thidua.rules import quota

    group_of = dict(((pid, (uid, gg)) for pid, uid, gg in Posting.objects.filter(
        person__unit_path__startswith=unit.path, end__isnull=True, is_secondment=False)
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
    for uid, code in Award.objects.filter(person__unit_path__startswith=unit.path, year=year,
                                          code__in=["LDTT", "CSTT", "CSTDCS"]).values_list("person__unit_id", "code"):
        titles[uid][code] += 1
    names.update(Unit.objects.filter(pk__in=list(titles)).values_list("pk", "name"))
    title_caps = [
        {"unit": names.get(uid, ""), **quota.check_title_cap(
            "CSTDCS", year=year, proposed=c["CSTDCS"], base=c["LDTT"] + c["CSTT"])}
        for uid, c in sorted(titles.items(), key=lambda kv: names.get(kv[0], ""))
    ]
    return {"grade_caps": grade_caps, "title_caps": title_caps}
