"""Forecast: "if this year ends as stated, what does next year still need?" (docs/rules.md).

Semantics, kept simple and honest:
1. The subject's entry for `year` is created or overridden with `assumed` (only the keys
   given: grade, titles, awards, initiatives, discipline, …).
2. Every target of the subject's kind is evaluated for `year + 1`. Facts of `year + 1` are
   the caller's `next_year` dict if given, otherwise unknown: that is the `eligible` field
   (usually null, since next year's grade is not known yet).
3. Unless already eligible, a short ladder of next-year scenarios is tried in order of
   effort (grade good/excellent, 0–2 unit initiatives, a ministry or national one; no
   discipline, full year worked; collectives: members and cluster rank meeting every
   ratio). The first scenario that makes the target eligible is returned as `if`, worded
   "Nếu năm 2026 đạt Hoàn thành xuất sắc nhiệm vụ và có 01 sáng kiến cấp cơ sở". When
   even the most favourable scenario fails, `if` is null and `lacking` says what past
   years already decided (e.g. a broken chain, a missing prior award).
"""
from __future__ import annotations

import copy

from . import codes
from .catalog import TARGETS
from .engine import answer_document

LEVEL_WORDS = {"unit": "cấp cơ sở", "ministry": "có phạm vi ảnh hưởng cấp bộ",
               "national": "có phạm vi ảnh hưởng toàn quốc"}

# (grade, {level: count}) in order of effort
LADDER = [
    ("good", {}), ("excellent", {}),
    ("good", {"unit": 1}), ("excellent", {"unit": 1}),
    ("good", {"unit": 2}), ("excellent", {"unit": 2}),
    ("good", {"ministry": 1}), ("excellent", {"ministry": 1}),
    ("excellent", {"national": 1}),
    ("excellent", {"unit": 5}),
    ("excellent", {"unit": 5, "ministry": 1, "national": 1}),   # most favourable
]


def _with_entry(subject: dict, year: int, facts: dict) -> dict:
    """A copy of `subject` whose entry for `year` is created or has the keys of `facts` replaced."""
    changed = copy.deepcopy(subject)
    history = [e for e in (changed.get("history") or []) if e.get("year") != year]
    stated = next((e for e in (subject.get("history") or []) if e.get("year") == year), None)
    if stated is None:
        # a year stated only by the assumption holds nothing else (no other title, award, discipline)
        stated = {"titles": [], "awards": [], "initiatives": [], "discipline": None}
    history.append({**copy.deepcopy(stated), **copy.deepcopy(facts), "year": year})
    changed["history"] = sorted(history, key=lambda e: e["year"])
    return changed


def _scenario_entry(kind: str, grade: str, initiatives: dict) -> dict:
    entry = {"grade": grade, "titles": [], "awards": [], "discipline": None,
             "initiatives": [{"level": level} for level, count in initiatives.items() for _ in range(count)]}
    if kind == "individual":
        entry.update(months_worked=12, leave_days={k: 0 for k in codes.LEAVE_KINDS})
    else:
        entry.update(members={"total": 10, "completed": 10, "ldtt": 10, "cstdcs": 1,
                              "disciplined": 0}, cluster_rank=1, cluster_size=10)
    return entry


def _phrase(year: int, kind: str, grade: str, initiatives: dict) -> str:
    text = f"Nếu năm {year} đạt {codes.GRADE_NAMES[codes.GRADES[grade]]}"
    parts = [f"{count:02d} sáng kiến {LEVEL_WORDS[level]}" for level, count in initiatives.items() if count]
    if parts:
        text += " và có " + ", ".join(parts)
    if kind == "collective":
        text += ", các tỷ lệ thành viên và xếp hạng cụm, khối năm đó đạt tiêu chuẩn"
    return text


def _scenario_id(subject: dict, step: int) -> str:
    return f"{subject['id']}#kb{step}"


def forecast(subject: dict, year: int, assumed: dict | None = None, *,
             next_year: dict | None = None, targets: list[str] | None = None) -> dict:
    """Answers for `year + 1` for every target, assuming `year` ends as `assumed` says."""
    base = _with_entry(subject, year, assumed or {})
    following = year + 1
    if next_year is not None:
        base = _with_entry(base, following, next_year)
    kind = subject["kind"]
    target_codes = targets or [t.code for t in TARGETS
                               if t.kind in ("both", kind) and t.category != "grade"]
    subjects = [base]
    if next_year is None:       # one copy of the subject per rung of the ladder
        for step, (grade, initiatives) in enumerate(LADDER):
            scenario = _with_entry(base, following, _scenario_entry(kind, grade, initiatives))
            scenario["id"] = _scenario_id(subject, step)
            subjects.append(scenario)
    questions = [{"subject": s["id"], "target": code, "year": following}
                 for s in subjects for code in target_codes]
    answers = answer_document({"subjects": subjects, "questions": questions})["answers"]
    answer_of = {(a["subject"], a["target"]): a for a in answers}
    out = []
    for code in target_codes:
        answer = answer_of[(base["id"], code)]
        item = {"target": code, "name": codes.NAMES[code], "year": following, "eligible": answer["eligible"],
                "regime": answer["regime"], "checks": answer["checks"], "missing": answer["missing"],
                "if": None, "scenario": None, "lacking": []}
        if answer["eligible"] is not True and next_year is None:
            for step, (grade, initiatives) in enumerate(LADDER):
                if answer_of[(_scenario_id(subject, step), code)]["eligible"] is True:
                    item["if"] = _phrase(following, kind, grade, initiatives)
                    item["scenario"] = {"grade": grade, "initiatives": dict(initiatives)}
                    break
            else:
                best = answer_of[(_scenario_id(subject, len(LADDER) - 1), code)]
                item["lacking"] = best["missing"]
                item["possible"] = None if best["eligible"] is None else False
        out.append(item)
    return {"subject": subject["id"], "based_on_year": year, "year": following,
            "assumed": assumed or {}, "answers": out}
