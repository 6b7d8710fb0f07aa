"""Fast path from the database straight into the engine's columnar arrays (no per-subject dicts).

Same meaning as `adapter.people_subjects(..., complete=True)` turned into
`ColumnarHistory.from_subjects` (a test holds them equal), but each fact table is read with
one aggregated SQL query and scattered into numpy arrays, so 100k people × 10 years load in
seconds. Works on PostgreSQL and SQLite. Only years within the engine's range are read
(adapter.engine_years): a grade stored for 1995 is never loaded."""
import datetime

import numpy as np
from django.db import connection

from thidua.eligibility.adapter import engine_years, leave_days_matrix, months_matrix
from thidua.rules import codes
from thidua.rules.columnar import ColumnarHistory

GRADE_SQL = ("CASE grade WHEN 'excellent' THEN 4 WHEN 'good' THEN 3 WHEN 'complete' THEN 2 "
             "WHEN 'incomplete' THEN 1 ELSE 0 END")
DISC_SQL = ("CASE form WHEN 'reprimand' THEN 1 WHEN 'warning' THEN 2 WHEN 'demotion' THEN 3 "
            "WHEN 'dismissal_from_post' THEN 4 WHEN 'under_review' THEN 5 ELSE 0 END")


def _bit_sql() -> str:
    whens = " ".join(f"WHEN '{code}' THEN {bit}" for code, bit in codes.BIT.items())
    return f"CASE code {whens} ELSE 0 END"


def _fetch(sql: str, params: list) -> np.ndarray:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    if not rows:
        return np.zeros((0, 1), dtype=np.int64)
    return np.array(rows, dtype=np.int64)


INLINE_IDS_MAX = 20000  # up to this many people, the fact queries name them; above, a subquery


def load_people(*, unit_path: str = "", person_ids: list[int] | None = None,
                years: tuple[int, int]) -> ColumnarHistory:
    """Everyone under `unit_path` (or the `person_ids`) as columnar arrays over `years`."""
    years = engine_years(years)
    y0, y1 = years
    n_years = max(y1 - y0 + 1, 0)
    where, params = "1=1", []
    if unit_path:
        where, params = "p.unit_path LIKE %s", [unit_path + "%"]
    if person_ids is not None:
        where += f" AND p.id IN ({','.join(str(int(i)) for i in person_ids) or 'NULL'})"
    people = _fetch_people(where, params)
    ids = people[:, 0] if len(people) else np.zeros(0, np.int64)
    n = len(ids)
    shape = (n, n_years)
    present = np.zeros(shape, bool)
    # a present year's lists are known (empty unless filled), as adapter._finish states them
    arrays = {
        "grade": np.zeros(shape, np.int8), "party_grade": np.zeros(shape, np.int8),
        "months_worked": np.full(shape, -1, np.int8), "titles": np.zeros(shape, np.int32),
        "awards": np.zeros(shape, np.int32), "init_unit": np.zeros(shape, np.int16),
        "init_ministry": np.zeros(shape, np.int16), "init_national": np.zeros(shape, np.int16),
        "discipline": np.zeros(shape, np.int8), "transferred_in": np.zeros(shape, np.int8),
    }
    leave = {kind: np.zeros(shape, np.int16) for kind in codes.LEAVE_KINDS}
    subq = f"SELECT p.id FROM people_person p WHERE {where}"
    if n <= INLINE_IDS_MAX:
        # a unit's people by id: PostgreSQL then reads each fact table through its person index; with the
        # subquery it planned a parallel scan of every person (20 ms for a 500-person unit on 100k people)
        subq, params = ",".join(str(int(i)) for i in ids) or "NULL", []
    year_range = [y0, y1]

    def scatter(rows):
        if not len(rows):
            return None, None
        r = np.searchsorted(ids, rows[:, 0])
        c = rows[:, 1] - y0
        present[r, c] = True
        return r, c

    rows = _fetch_grades(subq, params + year_range)
    if len(rows):
        r, c = scatter(rows)
        gov = rows[:, 2] == 0
        arrays["grade"][r[gov], c[gov]] = rows[gov, 3]
        arrays["months_worked"][r[gov], c[gov]] = rows[gov, 4]
        arrays["party_grade"][r[~gov], c[~gov]] = rows[~gov, 3]
    rows = _fetch(f"SELECT person_id, year, SUM(CASE WHEN category = 'title' THEN {_bit_sql()} ELSE 0 END), "
                  f"SUM(CASE WHEN category = 'form' THEN {_bit_sql()} ELSE 0 END), "
                  f"SUM(CASE WHEN kind IN ('thematic', 'one_off') THEN 1 ELSE 0 END) FROM records_award "
                  f"WHERE person_id IN ({subq}) AND year BETWEEN %s AND %s AND revoked_on IS NULL GROUP BY person_id, year", params + year_range)
    if len(rows):
        rows = _regular_awards(rows, subq, params + year_range)
        r, c = scatter(rows)
        arrays["titles"][r, c], arrays["awards"][r, c] = rows[:, 2], rows[:, 3]
    rows = _fetch("SELECT person_id, year, SUM(CASE WHEN level = 'unit' THEN 1 ELSE 0 END), "
                  "SUM(CASE WHEN level = 'ministry' THEN 1 ELSE 0 END), "
                  "SUM(CASE WHEN level = 'national' THEN 1 ELSE 0 END) FROM records_initiative "
                  f"WHERE person_id IN ({subq}) AND year BETWEEN %s AND %s GROUP BY person_id, year", params + year_range)
    if len(rows):
        r, c = scatter(rows)
        arrays["init_unit"][r, c], arrays["init_ministry"][r, c], arrays["init_national"][r, c] = rows[:, 2], rows[:, 3], rows[:, 4]
    rows = _fetch(f"SELECT person_id, year, MAX({DISC_SQL}) FROM records_discipline "
                  f"WHERE person_id IN ({subq}) AND year BETWEEN %s AND %s GROUP BY person_id, year", params + year_range)
    if len(rows):
        r, c = scatter(rows)
        arrays["discipline"][r, c] = rows[:, 2]
    _fill_leave_and_transfers(ids, subq, params, years, present, leave, arrays["transferred_in"], arrays["months_worked"])
    return ColumnarHistory(
        ids=[f"p-{i}" for i in ids.tolist()], kind=np.zeros(n, np.int8), year0=y0, present=present,
        staff_type=people[:, 1], is_leader=people[:, 2],
        **arrays, **{f"leave_{kind}": days for kind, days in leave.items()},
        titles_known=present.copy(), awards_known=present.copy(),
    )


STAFF_SQL = ("CASE staff_type WHEN 'cadre' THEN 0 WHEN 'civil_servant' THEN 1 WHEN 'public_employee' THEN 2 "
             "WHEN 'worker' THEN 3 WHEN 'armed_forces' THEN 4 ELSE 1 END")


def _fetch_people(where: str, params: list) -> np.ndarray:
    rows = _fetch(f"SELECT p.id, {STAFF_SQL}, CASE WHEN p.is_leader THEN 1 ELSE 0 END FROM people_person p "
                  f"WHERE {where} ORDER BY p.id", params)
    return rows if len(rows) else np.zeros((0, 3), np.int64)


def _fetch_grades(subq: str, params: list) -> np.ndarray:
    return _fetch(f"SELECT person_id, year, CASE track WHEN 'party' THEN 1 ELSE 0 END, {GRADE_SQL}, "
                  f"COALESCE(months_worked, -1) FROM records_yearrecord "
                  f"WHERE person_id IN ({subq}) AND year BETWEEN %s AND %s", params)


def _regular_awards(rows: np.ndarray, subq: str, params: list) -> np.ndarray:
    """Thematic and one-off awards are no basis for later awards: recompute the few groups holding them."""
    odd = rows[:, 4] > 0
    if not odd.any():
        return rows
    fixed = _fetch(f"SELECT person_id, year, SUM(CASE WHEN category = 'title' THEN {_bit_sql()} ELSE 0 END), "
                   f"SUM(CASE WHEN category = 'form' THEN {_bit_sql()} ELSE 0 END), 0 FROM records_award "
                   f"WHERE person_id IN ({subq}) AND year BETWEEN %s AND %s AND kind NOT IN ('thematic', 'one_off') "
                   "AND revoked_on IS NULL "
                   f"GROUP BY person_id, year", params)
    keep = rows[~odd]
    key = {(p, y): k for k, (p, y) in enumerate(map(tuple, fixed[:, :2].tolist()))}
    add = [fixed[key[(p, y)]] if (p, y) in key else [p, y, 0, 0, 0] for p, y in rows[odd][:, :2].tolist()]
    return np.vstack([keep, np.array(add, dtype=np.int64)])


def _fill_leave_and_transfers(ids, subq, params, years, present, leave, transferred, months) -> None:
    """Leave days by kind, months worked derived from postings less leave (where not stated), and
    transfers in, for the present years; vectorised like adapter.people_subjects computes them."""
    y0, _y1 = years
    with connection.cursor() as cur:
        cur.execute(f"SELECT person_id, kind, start, \"end\" FROM people_leave WHERE person_id IN ({subq})", params)
        leave_rows = [(p, k, _d(s), _d(e)) for p, k, s, e in cur.fetchall()]
        cur.execute(f"SELECT person_id, start, \"end\" FROM people_posting WHERE person_id IN ({subq}) "
                    "AND is_secondment = %s ORDER BY person_id, start", params + [False])
        postings = [(p, _d(s), _d(e) if e else None) for p, s, e in cur.fetchall()]
        cur.execute(f"SELECT id, recruited_on FROM people_person WHERE id IN ({subq}) AND recruited_on IS NOT NULL",
                    params)
        recruited = {p: _d(r) for p, r in cur.fetchall()}
    days = leave_days_matrix(leave_rows, ids, years)           # (people, years, kinds)
    for k, kind in enumerate(codes.LEAVE_KINDS):
        leave[kind][present] = days[:, :, k][present]
    people, derived = months_matrix(postings, recruited, years, (ids, days))
    if len(people):
        r = np.searchsorted(ids, people)
        block = months[r]
        take = present[r] & (block < 0) & (derived >= 0)  # stated months win
        block[take] = derived[take]
        months[r] = block
    if postings:
        # a posting that opened during a year (not the person's first) is a transfer in that year
        person = np.fromiter((p for p, _s, _e in postings), np.int64, len(postings))
        start_year = np.fromiter((s.year for _p, s, _e in postings), np.int64, len(postings))
        later = np.r_[False, person[1:] == person[:-1]] & (start_year >= y0) & (start_year < y0 + present.shape[1])
        r, c = np.searchsorted(ids, person[later]), start_year[later] - y0
        moved = present[r, c]
        transferred[r[moved], c[moved]] = 1


def _d(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])
