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

from . import codes as C
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
    s = copy.deepcopy(subject)
    hist = [e for e in (s.get("history") or []) if e.get("year") != year]
    old = next((e for e in (subject.get("history") or []) if e.get("year") == year), None)
    if old is None:
        # a year stated only by the assumption holds nothing else (no other title, award, discipline)
        old = {"titles": [], "awards": [], "initiatives": [], "discipline": None}
    hist.append({**copy.deepcopy(old), **copy.deepcopy(facts), "year": year})
    s["history"] = sorted(hist, key=lambda e: e["year"])
    return s


def _scenario_entry(kind: str, grade: str, inits: dict) -> dict:
    entry = {"grade": grade, "titles": [], "awards": [], "discipline": None,
             "initiatives": [{"level": lv} for lv, n in inits.items() for _ in range(n)]}
    if kind == "individual":
        entry.update(months_worked=12, leave_days={k: 0 for k in C.LEAVE_KINDS})
    else:
        entry.update(members={"total": 10, "completed": 10, "ldtt": 10, "cstdcs": 1,
                              "disciplined": 0}, cluster_rank=1, cluster_size=10)
    return entry


def _phrase(year: int, kind: str, grade: str, inits: dict) -> str:
    text = f"Nếu năm {year} đạt {C.GRADE_NAMES[C.GRADES[grade]]}"
    parts = [f"{n:02d} sáng kiến {LEVEL_WORDS[lv]}" for lv, n in inits.items() if n]
    if parts:
        text += " và có " + ", ".join(parts)
    if kind == "collective":
        text += ", các tỷ lệ thành viên và xếp hạng cụm, khối năm đó đạt tiêu chuẩn"
    return text


def forecast(subject: dict, year: int, assumed: dict | None = None, *,
             next_year: dict | None = None, targets: list[str] | None = None) -> dict:
    """Answers for `year + 1` for every target, assuming `year` ends as `assumed` says."""
    base = _with_entry(subject, year, assumed or {})
    nxt = year + 1
    if next_year is not None:
        base = _with_entry(base, nxt, next_year)
    kind = subject["kind"]
    codes_ = targets or [t.code for t in TARGETS
                         if t.kind in ("both", kind) and t.category != "grade"]
    subjects = [base]
    if next_year is None:
        for k, (grade, inits) in enumerate(LADDER):
            s = _with_entry(base, nxt, _scenario_entry(kind, grade, inits))
            s["id"] = f"{subject['id']}#kb{k}"
            subjects.append(s)
    questions = [{"subject": s["id"], "target": c, "year": nxt} for s in subjects for c in codes_]
    answers = answer_document({"subjects": subjects, "questions": questions})["answers"]
    by = {(a["subject"], a["target"]): a for a in answers}
    out = []
    for code in codes_:
        a = by[(base["id"], code)]
        item = {"target": code, "name": C.NAMES[code], "year": nxt, "eligible": a["eligible"],
                "regime": a["regime"], "checks": a["checks"], "missing": a["missing"],
                "if": None, "scenario": None, "lacking": []}
        if a["eligible"] is not True and next_year is None:
            for k, (grade, inits) in enumerate(LADDER):
                sa = by[(f"{subject['id']}#kb{k}", code)]
                if sa["eligible"] is True:
                    item["if"] = _phrase(nxt, kind, grade, inits)
                    item["scenario"] = {"grade": grade, "initiatives": dict(inits)}
                    break
            else:
                best = by[(f"{subject['id']}#kb{len(LADDER) - 1}", code)]
                item["lacking"] = best["missing"]
                item["possible"] = None if best["eligible"] is None else False
        out.append(item)
    return {"subject": subject["id"], "based_on_year": year, "year": nxt,
            "assumed": assumed or {}, "answers": out}
