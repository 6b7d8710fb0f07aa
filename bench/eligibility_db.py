"""Figures of the eligibility adapter on the generated database (called by bench/run.py after
django.setup(); it imports models).

- eligibility.db_100k_s: every person in the database × every individual target for the
  latest year, end to end: SQL → columnar arrays (`eligibility/columnar_loader.py`) → engine verdicts.
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


def latest_year() -> int:
    return YearRecord.objects.order_by("-year").values_list("year", flat=True).first() or 2025


def ours(year: int) -> tuple[float, int]:
    """Seconds to load every person as columnar arrays and evaluate the individual targets; people."""
    started = time.perf_counter()
    batch = load_people(years=(year - 14, year))
    rules.evaluate_matrix(batch, INDIVIDUAL_TARGETS, year)
    return time.perf_counter() - started, batch.n


def _empty_year(year: int) -> dict:
    return {"year": year, "titles": [], "awards": [], "initiatives": [], "discipline": None, "leave_days": {},
            "transferred_in": False}


def ordinary_subject(pk: int) -> dict:
    """What a straightforward implementation does: one query per fact table per person."""
    person = Person.objects.get(pk=pk)
    history: dict = {}
    for record in YearRecord.objects.filter(person=person):
        entry = history.setdefault(record.year, _empty_year(record.year))
        entry["party_grade" if record.track == "party" else "grade"] = record.grade
        if record.months_worked is not None and record.track != "party":
            entry["months_worked"] = record.months_worked
    for award in Award.objects.filter(person=person, kind="regular"):
        entry = history.setdefault(award.year, _empty_year(award.year))
        entry["titles" if award.category == "title" else "awards"].append(award.code)
    for initiative in Initiative.objects.filter(person=person):
        if initiative.year in history:
            history[initiative.year]["initiatives"].append({"level": initiative.level, "name": initiative.title})
    for discipline in Discipline.objects.filter(person=person):
        if discipline.year in history:
            history[discipline.year]["discipline"] = discipline.form
    list(Leave.objects.filter(person=person))
    list(Posting.objects.filter(person=person))
    return {"id": adapter.person_key(person.pk), "kind": "individual",
            "staff_type": person.staff_type or "civil_servant", "history": [history[y] for y in sorted(history)]}


def ordinary(year: int, sample: list[int]) -> float:
    """Seconds for the ordinary way over `sample` (person ids)."""
    started = time.perf_counter()
    for pk in sample:
        subject = ordinary_subject(pk)
        rules.answer_document({"subjects": [subject], "questions": [
            {"subject": subject["id"], "target": target, "year": year} for target in INDIVIDUAL_TARGETS]})
    return time.perf_counter() - started


def bench_db(sample_size: int = 2000, seed: int = 7) -> dict:
    year = latest_year()
    ours(year)  # warm caches once, as a server would be
    t_ours, n_people = ours(year)
    ids = list(Person.objects.values_list("pk", flat=True))
    sample = random.Random(seed).sample(ids, min(sample_size, len(ids)))
    t_sample = ordinary(year, sample)
    t_ordinary = t_sample * (n_people / max(1, len(sample)))
    return {
        "eligibility.db_100k_s": round(t_ours, 3),
        "eligibility.db_people": n_people,
        "eligibility.orm_sample_s": round(t_sample, 3),
        "eligibility.orm_scaled_s": round(t_ordinary, 1),
        "eligibility.speedup_vs_orm": round(t_ordinary / t_ours, 1),
    }
