"""The one bridge between the database and the rules engine.

Builds the subject shape of eligibility-json.md (subject + yearly history) for a whole scope
in a constant number of queries (one per fact table), whatever the number of people. The
pages, the API and the batch jobs all go through here, so they can never disagree. Nothing
is cached: every call reads the current history."""
import datetime
from collections import defaultdict

import numpy as np
from django.db.models import F, Q, Value

from thidua.organizations.models import Unit
from thidua.people.models import Leave, Person, Posting
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.rules.codes import LEAVE_KINDS, MAX_YEAR, MIN_YEAR

DISCIPLINE_RANK = {"reprimand": 1, "warning": 2, "demotion": 3, "dismissal_from_post": 4, "under_review": 5}
UNKNOWN_FORM_RANK = 6


def person_key(pk: int) -> str:
    return f"p-{pk}"


def unit_key(pk: int) -> str:
    return f"u-{pk}"


def engine_years(years: tuple[int, int]) -> tuple[int, int]:
    """The asked years within the engine's range (rules.codes MIN_YEAR..MAX_YEAR). Facts stored
    for other years (a 1995 grade) fall under no regime: they are dropped, never passed on."""
    return max(years[0], MIN_YEAR), min(years[1], MAX_YEAR)


def _entry(history: dict, year: int) -> dict:
    entry = history.get(year)
    if entry is None:
        entry = history[year] = {"year": year}
    return entry


def _ordinals(dates) -> np.ndarray:
    return np.fromiter((d.toordinal() for d in dates), np.int64)


def _year_bounds(years: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Ordinals of 1 January and 31 December of every year of the range."""
    lo, hi = years
    firsts = np.array([datetime.date(y, 1, 1).toordinal() for y in range(lo, hi + 1)], np.int64)
    lasts = np.array([datetime.date(y, 12, 31).toordinal() for y in range(lo, hi + 1)], np.int64)
    return firsts, lasts


def leave_days_matrix(rows, people: np.ndarray, years: tuple[int, int]) -> np.ndarray:
    """Days of leave per person, year and kind: an int32 array (len(people), years, LEAVE_KINDS),
    each leave period split across the years it covers, a kind's total capped at the year's
    length (overlapping records). `rows`: (person id, kind, start, end); `people`: sorted ids;
    rows of other people or of a kind the engine does not know are ignored. Vectorised."""
    lo, hi = years
    n_years = max(hi - lo + 1, 0)
    out = np.zeros((len(people), n_years, len(LEAVE_KINDS)), np.int32)
    kind_index = {kind: k for k, kind in enumerate(LEAVE_KINDS)}
    rows = [r for r in rows if r[1] in kind_index]
    if not rows or not len(people) or not n_years:
        return out
    person = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    kind = np.fromiter((kind_index[r[1]] for r in rows), np.int64, len(rows))
    start, end = _ordinals(r[2] for r in rows), _ordinals(r[3] for r in rows)
    row = np.searchsorted(people, person)
    mine = (row < len(people)) & (people[np.minimum(row, len(people) - 1)] == person)
    firsts, lasts = _year_bounds(years)
    overlap = np.clip(np.minimum(end[mine, None], lasts[None, :])
                      - np.maximum(start[mine, None], firsts[None, :]) + 1, 0, None)
    leave_row, year = np.nonzero(overlap)
    cell = (row[mine][leave_row] * n_years + year) * len(LEAVE_KINDS) + kind[mine][leave_row]
    cells, which = np.unique(cell, return_inverse=True)        # the (person, year, kind) cells with leave
    days = np.bincount(which, weights=overlap[leave_row, year]).astype(np.int64)
    year_length = (lasts - firsts + 1)[(cells // len(LEAVE_KINDS)) % n_years]
    out.reshape(-1)[cells] = np.minimum(days, year_length)
    return out


def months_matrix(postings, recruited: dict, years: tuple[int, int], leave: tuple | None = None):
    """Months actually worked per person and year: the days in service (dated postings,
    secondments excluded), counting from the recruitment date when it precedes the first posting
    (earlier contract time at the agency counts: TT 01/2024/TT-BNV Điều 1 khoản 5 điểm d, BNV
    answer), less the days on leave of any kind (`leave`: (sorted person ids, their
    leave_days_matrix)); the engine adds back the leave that counts as work. Whole months, half a
    month rounding up; -1 for a year without service.

    `postings`: (person id, start, end) sorted by person and start. Returns (person ids, matrix
    persons × years), vectorised for 100k people."""
    lo, hi = years
    n_years = max(hi - lo + 1, 0)
    if not postings or not n_years:
        return np.zeros(0, np.int64), np.zeros((0, n_years), np.int16)
    far = datetime.date(hi, 12, 31).toordinal()
    pid = np.fromiter((p for p, _s, _e in postings), np.int64, len(postings))
    start = np.fromiter((s.toordinal() for _p, s, _e in postings), np.int64, len(postings))
    end = np.fromiter((e.toordinal() if e else far for _p, _s, e in postings), np.int64, len(postings))
    first = np.r_[True, pid[1:] != pid[:-1]]
    rec = np.fromiter((recruited[p].toordinal() if p in recruited else far + 1 for p in pid.tolist()), np.int64,
                      len(pid))
    start = np.where(first & (rec < start), rec, start)
    firsts, lasts = _year_bounds(years)
    overlap = np.clip(np.minimum(end[:, None], lasts[None, :]) - np.maximum(start[:, None], firsts[None, :]) + 1,
                      0, None)
    people, inv = np.unique(pid, return_inverse=True)
    days = np.zeros((len(people), n_years), np.int64)
    np.add.at(days, inv, overlap)
    in_service = days > 0
    if leave is not None and len(leave[0]):
        leave_people, leave_days = leave
        row = np.searchsorted(leave_people, people)
        known = (row < len(leave_people)) & (leave_people[np.minimum(row, len(leave_people) - 1)] == people)
        days[known] -= leave_days.sum(axis=2, dtype=np.int64)[row[known]]
        days = np.maximum(days, 0)
    months = np.minimum(12, np.floor(days * 12 / (lasts - firsts + 1) + 0.5)).astype(np.int16)
    months[~in_service] = -1
    return people, months


def months_in_service(postings, recruited: dict, years: tuple[int, int], leave: tuple | None = None
                      ) -> dict[tuple[int, int], int]:
    """(person, year) → months worked, for the years with any service (see months_matrix)."""
    people, months = months_matrix(postings, recruited, years, leave)
    rows, cols = np.nonzero(months >= 0)
    return {(int(people[r]), years[0] + int(c)): int(months[r, c]) for r, c in zip(rows, cols)}


# Below this many subjects (or units) a fact table is fetched at once rather than through a server-side
# cursor: a cursor costs extra round trips and PostgreSQL plans it for its first rows
# (cursor_tuple_fraction), e.g. the postings of a 25-unit subtree took 25 ms through a cursor and 1 ms
# without. Province-sized reads keep the cursor (bounded memory).
CURSOR_MIN_SUBJECTS = 5000
CURSOR_MIN_UNITS = 200


def _rows(qs, n: int, threshold: int = CURSOR_MIN_SUBJECTS):
    return qs.iterator(chunk_size=20000) if n > threshold else qs


def _fill_facts(histories: dict, field: str, years: tuple[int, int]) -> None:
    """Load every fact table for the subjects keyed in `histories` (field = person_id | unit_id)."""
    _fill_subject_facts(histories if field == "person_id" else {}, histories if field == "unit_id" else {}, years)


def _fill_subject_facts(people: dict, units: dict, years: tuple[int, int]) -> None:
    """Every fact table for people and collectives at once: one query per table for both (a fact row
    belongs to exactly one subject, a person or a unit)."""
    n = len(people) + len(units)
    if not n:
        return
    lo, hi = years
    cond = Q()
    if people:
        cond |= Q(person_id__in=list(people))
    if units:
        cond |= Q(unit_id__in=list(units))

    def facts(model, *fields):
        for pid, uid, *rest in _rows(model.objects.filter(cond, year__gte=lo, year__lte=hi).values_list(
                "person_id", "unit_id", *fields), n):
            history = people.get(pid) if pid is not None else units.get(uid)
            if history is not None:
                yield history, rest

    for history, (year, track, grade, months) in facts(YearRecord, "year", "track", "grade", "months_worked"):
        entry = _entry(history, year)
        if grade:
            entry["party_grade" if track == "party" else "grade"] = grade
        if months is not None and track != "party":
            entry["months_worked"] = months
    for history, (year, code, category, kind, revoked) in facts(Award, "year", "code", "category", "kind",
                                                                "revoked_on"):
        if revoked is not None:
            continue   # a revoked award no longer counts (commendation-rules.md §3.2)
        entry = _entry(history, year)
        if kind in ("thematic", "one_off"):
            # thematic and one-off awards are no basis for later merit awards (NĐ 98/2023 Điều 4 khoản 3)
            entry.setdefault("_non_regular", []).append(code)
            continue
        entry.setdefault("titles" if category == "title" else "awards", []).append(code)
    for history, (year, title, level) in facts(Initiative, "year", "title", "level"):
        _entry(history, year).setdefault("initiatives", []).append({"level": level, "name": title})
    for history, (year, form) in facts(Discipline, "year", "form"):
        entry = _entry(history, year)
        # the heaviest form of the year; a stored form outside the contract is passed on (and refused there)
        if DISCIPLINE_RANK.get(form, UNKNOWN_FORM_RANK) > DISCIPLINE_RANK.get(entry.get("discipline") or "", 0):
            entry["discipline"] = form


def _finish(histories: dict, years: tuple[int, int], complete: bool) -> dict:
    """Years with any recorded fact get explicit empty lists/null so the engine reads them as known."""
    for history in histories.values():
        for entry in history.values():
            entry.pop("_non_regular", None)
            if complete:
                entry.setdefault("titles", [])
                entry.setdefault("awards", [])
                entry.setdefault("initiatives", [])
                entry.setdefault("discipline", None)
                entry.setdefault("leave_days", {})
                entry.setdefault("transferred_in", False)
    return histories


def people_subjects(person_ids: list[int] | None = None, *, unit: Unit | None = None,
                    years: tuple[int, int] = (MIN_YEAR, MAX_YEAR), complete: bool = True) -> list[dict]:
    """Individuals as eligibility-json subjects; either explicit ids or everyone in a unit subtree.
    Only facts of `years` within the engine's range are read (engine_years)."""
    people, _units = subjects(person_ids, unit=unit, years=years, complete=complete)
    return people


def subjects(person_ids: list[int] | None = None, *, unit: Unit | None = None, under: Unit | None = None,
             years: tuple[int, int] = (MIN_YEAR, MAX_YEAR), complete: bool = True
             ) -> tuple[list[dict], list[dict]]:
    """People (as people_subjects(person_ids, unit=unit)) and, with `under`, the collectives of its
    subtree (as unit_subjects(under=under)), their fact tables read together: one query per table."""
    years = engine_years(years)
    qs = Person.objects.all()
    if person_ids is not None:
        qs = qs.filter(pk__in=person_ids)
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    meta, recruited = {}, {}
    for pk, st, lead, rec in _rows(qs.values_list("pk", "staff_type", "is_leader", "recruited_on"),
                                   len(person_ids) if person_ids is not None else CURSOR_MIN_SUBJECTS + 1):
        meta[pk] = (st, lead)
        if rec is not None:
            recruited[pk] = rec
    histories: dict = {pk: {} for pk in meta}
    paths = dict(Unit.objects.filter(path__startswith=under.path).values_list("pk", "path")) if under else {}
    unit_histories: dict = {pk: {} for pk in paths}
    if years[0] <= years[1]:
        _fill_subject_facts(histories, unit_histories, years)
    units = _units(paths, unit_histories, years, complete) if paths else []
    if not meta:
        return [], units
    if years[0] > years[1]:
        return _people(meta, _finish(histories, years, complete)), units
    ids = list(meta)
    # leave by kind (the engine counts maternity, agency-sent study and injury treatment as work)
    people = np.array(sorted(ids), np.int64)
    leave = leave_days_matrix(Leave.objects.filter(person_id__in=ids).values_list("person_id", "kind", "start", "end"),
                              people, years)
    for r, c in zip(*np.nonzero(leave.sum(axis=2))):
        entry = histories[int(people[r])].get(years[0] + int(c))
        if entry is not None:
            entry["leave_days"] = {kind: int(days) for kind, days in zip(LEAVE_KINDS, leave[r, c]) if days}
    # a posting that opened during a year (not the first) means the person transferred in that year
    postings = list(_rows(Posting.objects.filter(person_id__in=ids, is_secondment=False).order_by(
        "person_id", "start").values_list("person_id", "start", "end"), len(ids)))
    first_start = {}
    for pid, start, _end in postings:
        if pid not in first_start:
            first_start[pid] = start
        elif start.year in histories[pid]:
            histories[pid][start.year]["transferred_in"] = True
    for (pid, year), months in months_in_service(postings, recruited, years, (people, leave)).items():
        entry = histories[pid].get(year)
        if entry is not None:  # stated months (imported, or set on the grade) win
            entry.setdefault("months_worked", months)
    return _people(meta, _finish(histories, years, complete)), units


def _people(meta: dict, histories: dict) -> list[dict]:
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
    for pid, path, start, end in _rows(rows, len(units), CURSOR_MIN_UNITS):
        ancestors = [by_path[p] for p in _prefixes(path) if p in by_path]
        for y in range(max(lo, start.year), min(hi, end.year if end else hi) + 1):
            for uid in ancestors:
                members[(uid, y)].add(pid)
    people = {pid for m in members.values() for pid in m}
    grade, titles, disc = {}, defaultdict(set), set()
    for chunk in _chunks(list(people), 20000):
        # the three member facts in one query (UNION ALL): grades, titles, disciplines
        grades = YearRecord.objects.filter(person_id__in=chunk, track="government", year__gte=lo, year__lte=hi).exclude(
            grade="").annotate(_tag=Value("g"), _value=F("grade")).order_by().values_list("person_id", "year", "_tag", "_value")
        awards = Award.objects.filter(person_id__in=chunk, year__gte=lo, year__lte=hi, kind="regular",
                                      revoked_on__isnull=True, code__in=["LDTT", "CSTT", "CSTDCS"]).annotate(
            _tag=Value("a"), _value=F("code")).order_by().values_list("person_id", "year", "_tag", "_value")
        discs = Discipline.objects.filter(person_id__in=chunk, year__gte=lo, year__lte=hi,
                                          form__in=["warning", "demotion", "dismissal_from_post"]).annotate(
            _tag=Value("d"), _value=F("form")).order_by().values_list("person_id", "year", "_tag", "_value")
        for pid, y, tag, value in grades.union(awards, discs, all=True):
            if tag == "g":
                grade[(pid, y)] = value
            elif tag == "a":
                titles[(pid, y)].add(value)
            else:
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
                  years: tuple[int, int] = (MIN_YEAR, MAX_YEAR), complete: bool = True) -> list[dict]:
    """Collectives as subjects. Member counts: as stated (CollectiveStats, e.g. imported old
    years), otherwise derived from the members' own records (`derived_members`). Only facts of
    `years` within the engine's range are read (engine_years)."""
    years = engine_years(years)
    qs = Unit.objects.all()
    if unit_ids is not None:
        qs = qs.filter(pk__in=unit_ids)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    paths = dict(qs.values_list("pk", "path"))
    if not paths:
        return []
    histories: dict = {pk: {} for pk in paths}
    _fill_facts(histories, "unit_id", years)
    return _units(paths, histories, years, complete)


def _units(paths: dict, histories: dict, years: tuple[int, int], complete: bool) -> list[dict]:
    """The collectives' subjects once their fact tables are read: member counts, stated statistics."""
    ids = list(paths)
    for (uid, year), counts in derived_members(paths, years).items():
        if year in histories[uid]:  # only years the collective itself has a record for
            histories[uid][year]["members"] = counts
    for uid, year, total, completed, ldtt, cstdcs, disc, rank, size in CollectiveStats.objects.filter(
            unit_id__in=ids, year__gte=years[0], year__lte=years[1]).values_list(
            "unit_id", "year", "total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank", "cluster_size"):
        entry = _entry(histories[uid], year)
        entry["members"] = {"total": total, "completed": completed, "ldtt": ldtt, "cstdcs": cstdcs, "disciplined": disc}
        if rank is not None:
            entry["cluster_rank"], entry["cluster_size"] = rank, size
    _finish(histories, years, complete)
    return [{"id": unit_key(pk), "kind": "collective", "history": [histories[pk][y] for y in sorted(histories[pk])]}
            for pk in ids]
