"""The one bridge between the database and the rules engine.

Builds the subject shape of eligibility-json.md (subject + yearly history) for a whole scope
in a constant number of queries (one per fact table), whatever the number of people. The
pages, the API and the batch jobs all go through here, so they can never disagree. Nothing
is cached: every call reads the current history."""
import datetime
from collections import defaultdict

from thidua.organizations.models import Unit
from thidua.people.models import Leave, Person, Posting
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord

DISCIPLINE_RANK = {"reprimand": 1, "warning": 2, "demotion": 3, "dismissal_from_post": 4, "under_review": 5}


def person_key(pk: int) -> str:
    return f"p-{pk}"


def unit_key(pk: int) -> str:
    return f"u-{pk}"


def _entry(history: dict, year: int) -> dict:
    e = history.get(year)
    if e is None:
        e = history[year] = {"year": year}
    return e


def _leave_days_by_year(rows) -> dict:
    """(person_id) -> year -> kind -> days, splitting leave periods across years."""
    out: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for person_id, kind, start, end in rows:
        d = start
        while d <= end:
            year_end = datetime.date(d.year, 12, 31)
            stop = min(end, year_end)
            out[person_id][d.year][kind] += (stop - d).days + 1
            d = stop + datetime.timedelta(days=1)
    return out


def _fill_facts(histories: dict, field: str, years: tuple[int, int]) -> None:
    """Load every fact table for the subjects keyed in `histories` (field = person_id | unit_id)."""
    ids = list(histories)
    lo, hi = years
    flt = {f"{field}__in": ids, "year__gte": lo, "year__lte": hi}
    for sid, year, track, grade, months in YearRecord.objects.filter(**flt).values_list(
            field, "year", "track", "grade", "months_worked").iterator(chunk_size=20000):
        e = _entry(histories[sid], year)
        if grade:
            e["party_grade" if track == "party" else "grade"] = grade
        if months is not None and track != "party":
            e["months_worked"] = months
    for sid, year, code, category, kind in Award.objects.filter(**flt).values_list(
            field, "year", "code", "category", "kind").iterator(chunk_size=20000):
        e = _entry(histories[sid], year)
        if kind in ("thematic", "one_off"):
            # thematic and one-off awards are no basis for later merit awards (NĐ 98/2023 Điều 4 khoản 3)
            e.setdefault("_non_regular", []).append(code)
            continue
        e.setdefault("titles" if category == "title" else "awards", []).append(code)
    for sid, year, title, level in Initiative.objects.filter(**flt).values_list(
            field, "year", "title", "level").iterator(chunk_size=20000):
        _entry(histories[sid], year).setdefault("initiatives", []).append({"level": level, "name": title})
    for sid, year, form in Discipline.objects.filter(**flt).values_list(field, "year", "form").iterator():
        e = _entry(histories[sid], year)
        if DISCIPLINE_RANK[form] > DISCIPLINE_RANK.get(e.get("discipline") or "", 0):
            e["discipline"] = form


def _finish(histories: dict, years: tuple[int, int], complete: bool) -> dict:
    """Years with any recorded fact get explicit empty lists/null so the engine reads them as known."""
    for hist in histories.values():
        for e in hist.values():
            e.pop("_non_regular", None)
            if complete:
                e.setdefault("titles", [])
                e.setdefault("awards", [])
                e.setdefault("initiatives", [])
                e.setdefault("discipline", None)
                e.setdefault("leave_days", {})
                e.setdefault("transferred_in", False)
    return histories


def people_subjects(person_ids: list[int] | None = None, *, unit: Unit | None = None,
                    years: tuple[int, int] = (2000, 2100), complete: bool = True) -> list[dict]:
    """Individuals as eligibility-json subjects; either explicit ids or everyone in a unit subtree."""
    qs = Person.objects.all()
    if person_ids is not None:
        qs = qs.filter(pk__in=person_ids)
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    meta = {pk: (st, lead) for pk, st, lead in
            qs.values_list("pk", "staff_type", "is_leader").iterator(chunk_size=20000)}
    histories: dict = {pk: {} for pk in meta}
    if not meta:
        return []
    _fill_facts(histories, "person_id", years)
    ids = list(meta)
    leave = _leave_days_by_year(Leave.objects.filter(person_id__in=ids).values_list("person_id", "kind", "start", "end"))
    for pid, by_year in leave.items():
        for year, kinds in by_year.items():
            if years[0] <= year <= years[1] and year in histories[pid]:
                histories[pid][year]["leave_days"] = dict(kinds)
    # a posting that opened during a year (not the first) means the person transferred in that year
    first_start = {}
    for pid, start in Posting.objects.filter(person_id__in=ids, is_secondment=False).order_by(
            "person_id", "start").values_list("person_id", "start").iterator(chunk_size=20000):
        if pid not in first_start:
            first_start[pid] = start
        elif start.year in histories[pid]:
            histories[pid][start.year]["transferred_in"] = True
    _finish(histories, years, complete)
    return [
        {"id": person_key(pk), "kind": "individual", "staff_type": st or "civil_servant", "is_leader": lead,
         "history": [histories[pk][y] for y in sorted(histories[pk])]}
        for pk, (st, lead) in meta.items()
    ]


def unit_subjects(unit_ids: list[int] | None = None, *, under: Unit | None = None,
                  years: tuple[int, int] = (2000, 2100), complete: bool = True) -> list[dict]:
    """Collectives as subjects, with member counts from CollectiveStats (stated or derived)."""
    qs = Unit.objects.all()
    if unit_ids is not None:
        qs = qs.filter(pk__in=unit_ids)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    ids = list(qs.values_list("pk", flat=True))
    histories: dict = {pk: {} for pk in ids}
    if not ids:
        return []
    _fill_facts(histories, "unit_id", years)
    for uid, year, total, completed, ldtt, cstdcs, disc, rank, size in CollectiveStats.objects.filter(
            unit_id__in=ids, year__gte=years[0], year__lte=years[1]).values_list(
            "unit_id", "year", "total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank", "cluster_size"):
        e = _entry(histories[uid], year)
        e["members"] = {"total": total, "completed": completed, "ldtt": ldtt, "cstdcs": cstdcs, "disciplined": disc}
        if rank is not None:
            e["cluster_rank"], e["cluster_size"] = rank, size
    _finish(histories, years, complete)
    return [{"id": unit_key(pk), "kind": "collective", "history": [histories[pk][y] for y in sorted(histories[pk])]}
            for pk in ids]
