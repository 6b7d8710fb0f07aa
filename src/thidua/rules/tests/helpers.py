"""Small builders for rules tests: histories are written as the JSON contract."""
from __future__ import annotations

from thidua.rules import answer_document

CLEAN = {"discipline": None, "awards": [], "titles": [], "initiatives": []}


def year(y: int, grade: str | None = "good", titles=(), awards=(), inits=(), **extra) -> dict:
    """A fully known history entry (no discipline, lists given) unless overridden."""
    e = {"year": y, **CLEAN, "titles": list(titles), "awards": list(awards),
         "initiatives": [{"level": lv} for lv in inits], **extra}
    if grade is not None:
        e["grade"] = grade
    return e


def person(*entries, sid="p", staff_type="civil_servant") -> dict:
    s = {"id": sid, "kind": "individual", "history": list(entries)}
    if staff_type:
        s["staff_type"] = staff_type
    return s


def unit(*entries, sid="u") -> dict:
    return {"id": sid, "kind": "collective", "history": list(entries)}


def ask(subject: dict, target: str, y: int) -> dict:
    doc = {"subjects": [subject], "questions": [{"subject": subject["id"], "target": target,
                                                 "year": y}]}
    return answer_document(doc)["answers"][0]


def check(answer: dict, rule: str) -> dict:
    found = [c for c in answer["checks"] if c["rule"] == rule]
    assert found, f"no check {rule} in {[c['rule'] for c in answer['checks']]}"
    return found[0]


def run_years(first: int, last: int, **kw) -> list[dict]:
    return [year(y, **kw) for y in range(first, last + 1)]
