"""Figures of the eligibility adapter (called by bench/run.py on generated data).

- eligibility.db_100k_s: every person in the database × every individual target for the
  latest year, end to end: SQL → columnar arrays → engine verdicts.
- eligibility.speedup_vs_orm: the ordinary way (per-person ORM queries, a subject dict, the
  engine's JSON answer per person) on a 2,000-person sample, scaled to the same population,
  divided by the time of our way."""
import random
import time

from thidua import rules
from thidua.eligibility import adapter
from thidua.eligibility.columnar_loader import load_people
from thidua.eligibility.services import INDIVIDUAL_TARGETS
from thidua.people.models import Leave, Person, Posting
from thidua.records.models import Award, Discipline, Initiative, YearRecord


def _latest_year() -> int:
    return YearRecord.objects.order_by("-year").values_list("year", flat=True).first() or 2025


def ours(year: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    col = load_people(years=(year - 14, year))
    rules.evaluate_matrix(col, INDIVIDUAL_TARGETS, year)
    return time.perf_counter() - t0, col.n


def _ordinary_subject(pk: int) -> dict:
    """What a straightforward implementation does: one query per fact table per person."""
    p = Person.objects.get(pk=pk)
    history: dict = {}
    for r in YearRecord.objects.filter(person=p):
        e = history.setdefault(r.year, {"year": r.year, "titles": [], "awards": [], "initiatives": [],
                                        "discipline": None, "leave_days": {}, "transferred_in": False})
        e["party_grade" if r.track == "party" else "grade"] = r.grade
        if r.months_worked is not None and r.track != "party":
            e["months_worked"] = r.months_worked
    for a in Award.objects.filter(person=p, kind="regular"):
        e = history.setdefault(a.year, {"year": a.year, "titles": [], "awards": [], "initiatives": [],
                                        "discipline": None, "leave_days": {}, "transferred_in": False})
        e["titles" if a.category == "title" else "awards"].append(a.code)
    for i in Initiative.objects.filter(person=p):
        if i.year in history:
            history[i.year]["initiatives"].append({"level": i.level, "name": i.title})
    for d in Discipline.objects.filter(person=p):
        if d.year in history:
            history[d.year]["discipline"] = d.form
    list(Leave.objects.filter(person=p))
    list(Posting.objects.filter(person=p))
    return {"id": adapter.person_key(p.pk), "kind": "individual", "staff_type": p.staff_type or "civil_servant",
            "history": [history[y] for y in sorted(history)]}


def ordinary(year: int, sample: list[int]) -> float:
    t0 = time.perf_counter()
    for pk in sample:
        s = _ordinary_subject(pk)
        rules.answer_document({"subjects": [s], "questions": [
            {"subject": s["id"], "target": t, "year": year} for t in INDIVIDUAL_TARGETS]})
    return time.perf_counter() - t0


def bench_db(sample_size: int = 2000, seed: int = 7) -> dict:
    year = _latest_year()
    ours(year)  # warm caches once, as a server would be
    t_ours, n = ours(year)
    ids = list(Person.objects.values_list("pk", flat=True))
    sample = random.Random(seed).sample(ids, min(sample_size, len(ids)))
    t_sample = ordinary(year, sample)
    t_ordinary = t_sample * (n / max(1, len(sample)))
    return {
        "eligibility.db_100k_s": round(t_ours, 3),
        "eligibility.db_people": n,
        "eligibility.orm_sample_s": round(t_sample, 3),
        "eligibility.orm_scaled_s": round(t_ordinary, 1),
        "eligibility.speedup_vs_orm": round(t_ordinary / t_ours, 1),
    }
