"""The one bridge between the database and the rules engine.

Builds the subject shape of eligibility-json.md (subject + yearly history) for a whole scope
in a constant number of queries (one per fact table), whatever the number of people. The
pages, the API and the batch jobs all go through here, so they can never disagree. Nothing
is cached: every call reads the current history."""
import datetime
from collections import defaultdict

import numpy as np
from django.db.models import Q

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


def months_matrix(postings, recruited: dict, years: tuple[int, int]):
    """Months of service per person and year from the dated postings (secondments excluded),
    counting from the recruitment date when it precedes the first posting (earlier contract time
    at the agency counts: TT 01/2024/TT-BNV Điều 1 khoản 5 điểm d, BNV answer).

    `postings`: (person id, start, end) sorted by person and start. Returns (person ids, matrix
    persons × years of whole months, half a month rounding up), vectorised for 100k people."""
    lo, hi = years
    n_years = hi - lo + 1
    if not postings:
        return np.zeros(0, np.int64), np.zeros((0, n_years), np.int16)
    far = datetime.date(hi, 12, 31).toordinal()
    pid = np.fromiter((p for p, _s, _e in postings), np.int64, len(postings))
    start = np.fromiter((s.toordinal() for _p, s, _e in postings), np.int64, len(postings))
    end = np.fromiter((e.toordinal() if e else far for _p, _s, e in postings), np.int64, len(postings))
    first = np.r_[True, pid[1:] != pid[:-1]]
    rec = np.fromiter((recruited[p].toordinal() if p in recruited else far + 1 for p in pid.tolist()), np.int64,
                      len(pid))
    start = np.where(first & (rec < start), rec, start)
    ys = np.array([datetime.date(y, 1, 1).toordinal() for y in range(lo, hi + 1)])
    ye = np.array([datetime.date(y, 12, 31).toordinal() for y in range(lo, hi + 1)])
    overlap = np.clip(np.minimum(end[:, None], ye[None, :]) - np.maximum(start[:, None], ys[None, :]) + 1, 0, None)
    people, inv = np.unique(pid, return_inverse=True)
    days = np.zeros((len(people), n_years), np.int64)
    np.add.at(days, inv, overlap)
    months = np.minimum(12, np.floor(days * 12 / (ye - ys + 1) + 0.5)).astype(np.int16)
    months[days == 0] = -1
    return people, months


def months_in_service(postings, recruited: dict, years: tuple[int, int]) -> dict[tuple[int, int], int]:
    """(person, year) → months of service, for the years with any service (see months_matrix)."""
    people, months = months_matrix(postings, recruited, years)
    rows, cols = np.nonzero(months >= 0)
    return {(int(people[r]), years[0] + int(c)): int(months[r, c]) for r, c in zip(rows, cols)}


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
    postings = list(Posting.objects.filter(person_id__in=ids, is_secondment=False).order_by(
        "person_id", "start").values_list("person_id", "start", "end").iterator(chunk_size=20000))
    first_start = {}
    for pid, start, _end in postings:
        if pid not in first_start:
            first_start[pid] = start
        elif start.year in histories[pid]:
            histories[pid][start.year]["transferred_in"] = True
    recruited = dict(Person.objects.filter(pk__in=ids, recruited_on__isnull=False).values_list("pk", "recruited_on"))
    for (pid, year), months in months_in_service(postings, recruited, years).items():
        entry = histories[pid].get(year)
        if entry is not None:  # stated months (imported, or set on the grade) win
            entry.setdefault("months_worked", months)
    _finish(histories, years, complete)
    return [
        {"id": person_key(pk), "kind": "individual", "staff_type": st or "civil_servant", "is_leader": lead,
         "history": [histories[pk][y] for y in sorted(histories[pk])]}
        for pk, (st, lead) in meta.items()
    ]


def derived_members(units: dict[int, str], years: tuple[int, int]) -> dict[tuple[int, int], dict]:
    """Member counts of collectives derived from their people's records: (unit id, year) → counts.

    Members of a collective in a year are the people posted (not seconded) during that year to
    the unit or a unit below it. Counts are given only when every member has a grade for the
    year (otherwise the collective's counts stay unknown rather than guessed)."""
    if not units:
        return {}
    lo, hi = years
    by_path = {path: uid for uid, path in units.items()}
    roots: list[str] = []
    for path in sorted(units.values(), key=len):  # only the topmost paths: their subtrees cover the rest
        if not any(path.startswith(r) for r in roots):
            roots.append(path)
    cond = Q()
    for path in roots:
        cond |= Q(unit__path__startswith=path)
    members: dict[tuple[int, int], set] = defaultdict(set)
    rows = Posting.objects.filter(cond, is_secondment=False, start__lte=datetime.date(hi, 12, 31)).filter(
        Q(end__isnull=True) | Q(end__gte=datetime.date(lo, 1, 1))).values_list("person_id", "unit__path", "start", "end")
    for pid, path, start, end in rows.iterator(chunk_size=20000):
        ancestors = [by_path[p] for p in _prefixes(path) if p in by_path]
        for y in range(max(lo, start.year), min(hi, end.year if end else hi) + 1):
            for uid in ancestors:
                members[(uid, y)].add(pid)
    people = {pid for m in members.values() for pid in m}
    grade, titles, disc = {}, defaultdict(set), set()
    for chunk in _chunks(list(people), 20000):
        for pid, y, g in YearRecord.objects.filter(person_id__in=chunk, track="government", year__gte=lo,
                                                     year__lte=hi).exclude(grade="").values_list("person_id", "year", "grade"):
            grade[(pid, y)] = g
        for pid, y, code in Award.objects.filter(person_id__in=chunk, year__gte=lo, year__lte=hi, kind="regular",
                                                 code__in=["LDTT", "CSTT", "CSTDCS"]).values_list("person_id", "year", "code"):
            titles[(pid, y)].add(code)
        for pid, y in Discipline.objects.filter(person_id__in=chunk, year__gte=lo, year__lte=hi,
                                                form__in=["warning", "demotion", "dismissal_from_post"]).values_list(
                                                    "person_id", "year"):
            disc.add((pid, y))
    out = {}
    for (uid, y), pids in members.items():
        if any((pid, y) not in grade for pid in pids):
            continue
        out[(uid, y)] = {
            "total": len(pids),
            "completed": sum(grade[(pid, y)] in ("complete", "good", "excellent") for pid in pids),
            "ldtt": sum(bool(titles[(pid, y)] & {"LDTT", "CSTT"}) for pid in pids),
            "cstdcs": sum("CSTDCS" in titles[(pid, y)] for pid in pids),
            "disciplined": sum((pid, y) in disc for pid in pids),
        }
    return out


def _prefixes(path: str):
    parts = path.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        yield "/" + "/".join(parts[:i]) + "/"


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def unit_subjects(unit_ids: list[int] | None = None, *, under: Unit | None = None,
                  years: tuple[int, int] = (2000, 2100), complete: bool = True) -> list[dict]:
    """Collectives as subjects. Member counts: as stated (CollectiveStats, e.g. imported old
    years), otherwise derived from the members' own records (`derived_members`)."""
    qs = Unit.objects.all()
    if unit_ids is not None:
        qs = qs.filter(pk__in=unit_ids)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    paths = dict(qs.values_list("pk", "path"))
    ids = list(paths)
    histories: dict = {pk: {} for pk in ids}
    if not ids:
        return []
    _fill_facts(histories, "unit_id", years)
    for (uid, year), counts in derived_members(paths, years).items():
        if year in histories[uid]:  # only years the collective itself has a record for
            histories[uid][year]["members"] = counts
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
