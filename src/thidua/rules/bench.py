"""Benchmark of the rules engine: `python -m thidua.rules.bench` prints JSON figures.

eligibility.engine_100k_s: evaluate_matrix over every target for the last year, for 100k
synthetic subjects with 10 years of history (generation excluded; best of `repeat`).
eligibility.engine_json_10k_s: answer_document for 10k subjects, every target of their kind.
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np

from . import codes as C
from .catalog import TARGETS
from .columnar import ColumnarHistory
from .engine import ALL_TARGETS, answer_document, evaluate_matrix


def synthetic_columnar(n_subjects: int = 100_000, years: int = 10, *, last_year: int = 2025,
                       seed: int = 20261123) -> ColumnarHistory:
    """Realistic-looking batch: mostly good grades, some excellent, LĐTT for most,
    some CSTĐCS, sparse initiatives, a little discipline, 10% collectives."""
    rng = np.random.default_rng(seed)
    n, ny = n_subjects, years
    shape = (n, ny)
    kind = (rng.random(n) < 0.10).astype(np.int8)
    staff = np.where(kind == 1, C.STAFF_NONE, rng.choice([0, 1, 2, 3, 4], n,
                                                          p=[.1, .45, .35, .07, .03]))
    # staggered starts: ~15% joined during the window
    start = np.where(rng.random(n) < 0.15, rng.integers(1, ny, n), 0)
    present = np.arange(ny)[None, :] >= start[:, None]
    grade = rng.choice([C.EXCELLENT, C.GOOD, C.COMPLETE, C.INCOMPLETE], shape,
                       p=[.18, .70, .10, .02]).astype(np.int8)
    disc = np.where(rng.random(shape) < 0.015,
                    rng.choice([C.REPRIMAND, C.WARNING, C.DEMOTION, C.UNDER_REVIEW], shape),
                    C.DISC_NONE).astype(np.int8)
    grade = np.where((disc >= C.REPRIMAND) & (disc <= C.DISMISSAL), C.INCOMPLETE, grade)
    init_unit = (rng.random(shape) < 0.12).astype(np.int16) + (rng.random(shape) < 0.03)
    init_min = (rng.random(shape) < 0.02).astype(np.int16)
    init_nat = (rng.random(shape) < 0.002).astype(np.int16)
    good = grade >= C.GOOD
    ldtt = good & (rng.random(shape) < 0.92)
    cstdcs = ldtt & ((init_unit > 0) | (grade == C.EXCELLENT)) & (rng.random(shape) < 0.6)
    titles = np.zeros(shape, np.int32)
    titles |= np.where(ldtt & (kind[:, None] == 0), C.BIT["LDTT"], 0).astype(np.int32)
    titles |= np.where(cstdcs & (kind[:, None] == 0), C.BIT["CSTDCS"], 0).astype(np.int32)
    # CSTĐ bộ at the end of 3-year CSTĐCS runs for a few
    run3 = np.zeros(shape, bool)
    run3[:, 2:] = cstdcs[:, 2:] & cstdcs[:, 1:-1] & cstdcs[:, :-2]
    titles |= np.where(run3 & (rng.random(shape) < 0.5) & (kind[:, None] == 0),
                       C.BIT["CSTD_BO"], 0).astype(np.int32)
    coll = kind[:, None] == 1
    titles |= np.where(coll & good, C.BIT["TTLDTT"], 0).astype(np.int32)
    titles |= np.where(coll & (grade == C.EXCELLENT) & (rng.random(shape) < .5),
                       C.BIT["TTLDXS"], 0).astype(np.int32)
    awards = np.zeros(shape, np.int32)
    awards |= np.where(rng.random(shape) < 0.04, C.BIT["BK_BO"], 0).astype(np.int32)
    awards |= np.where(rng.random(shape) < 0.01, C.BIT["BK_TTG"], 0).astype(np.int32)
    awards |= np.where(rng.random(shape) < 0.10, C.BIT["GK"], 0).astype(np.int32)
    months = np.where(rng.random(shape) < 0.03, rng.integers(1, 12, shape), 12).astype(np.int8)
    leave = rng.choice([0, 0, 0, 5, 12, 45], shape).astype(np.int16)
    total = rng.integers(5, 60, n)[:, None].repeat(ny, 1)
    m_ldtt = (total * rng.uniform(0.4, 1.0, shape)).astype(np.int32)
    m_cst = np.minimum(m_ldtt, rng.integers(0, 4, shape)).astype(np.int32)
    m_comp = np.maximum(total - (rng.random(shape) < 0.2), 0)
    m_disc = (rng.random(shape) < 0.05).astype(np.int32)
    rank = rng.integers(1, 8, shape).astype(np.int32)
    ind = np.broadcast_to(kind[:, None] == 0, shape)
    neg = np.int32(-1)
    return ColumnarHistory(
        ids=[f"s{i}" for i in range(n)], kind=kind, year0=last_year - ny + 1, present=present,
        staff_type=staff, grade=grade, titles=titles, awards=awards,
        init_unit=init_unit, init_ministry=init_min, init_national=init_nat,
        discipline=disc, months_worked=np.where(ind, months, -1),
        leave_maternity=np.where(ind, 0, -1), leave_sick=np.where(ind, leave, -1),
        leave_unpaid=np.where(ind, 0, -1), leave_study=np.where(ind, 0, -1),
        leave_other=np.where(ind, 0, -1),
        m_total=np.where(ind, neg, total), m_completed=np.where(ind, neg, m_comp),
        m_ldtt=np.where(ind, neg, m_ldtt), m_cstdcs=np.where(ind, neg, m_cst),
        m_disciplined=np.where(ind, neg, m_disc),
        cluster_rank=np.where(ind, neg, rank), cluster_size=np.where(ind, neg, 8))


def columnar_to_subjects(col: ColumnarHistory) -> list[dict]:
    """Back to JSON-shaped dicts (for the JSON-path figure and for tests)."""
    grades = {v: k for k, v in C.GRADES.items()}
    discs = {v: k for k, v in C.DISCIPLINES.items()}
    kinds = {v: k for k, v in C.KINDS.items()}
    staff = {v: k for k, v in C.STAFF_TYPES.items()}
    codes_ = C.TITLES + C.FORMS
    out = []
    a = col.arrays
    for i in range(col.n):
        s = {"id": col.ids[i], "kind": kinds[int(col.kind[i])], "history": []}
        if int(col.staff_type[i]) in staff:
            s["staff_type"] = staff[int(col.staff_type[i])]
        for j, y in enumerate(col.years):
            if not col.present[i, j]:
                continue
            e: dict = {"year": y}
            if a["grade"][i, j]:
                e["grade"] = grades[int(a["grade"][i, j])]
            if a["titles_known"][i, j]:
                e["titles"] = [c for c in codes_[:len(C.TITLES)] if a["titles"][i, j] & C.BIT[c]]
            if a["awards_known"][i, j]:
                e["awards"] = [c for c in C.FORMS if a["awards"][i, j] & C.BIT[c]]
            if a["init_unit"][i, j] >= 0:
                e["initiatives"] = (
                    [{"level": "unit"}] * int(a["init_unit"][i, j])
                    + [{"level": "ministry"}] * int(a["init_ministry"][i, j])
                    + [{"level": "national"}] * int(a["init_national"][i, j]))
            d = int(a["discipline"][i, j])
            if d != C.DISC_UNKNOWN:
                e["discipline"] = discs.get(d)
            if a["months_worked"][i, j] >= 0:
                e["months_worked"] = int(a["months_worked"][i, j])
            if a["leave_sick"][i, j] >= 0:
                e["leave_days"] = {k: int(max(a["leave_" + k][i, j], 0)) for k in C.LEAVE_KINDS}
            if a["m_total"][i, j] >= 0:
                e["members"] = {k: int(a["m_" + k][i, j]) for k in C.MEMBER_FIELDS
                                if a["m_" + k][i, j] >= 0}
            if a["cluster_rank"][i, j] >= 1:
                e["cluster_rank"] = int(a["cluster_rank"][i, j])
                e["cluster_size"] = int(a["cluster_size"][i, j])
            s["history"].append(e)
        out.append(s)
    return out


def bench_engine(n_subjects: int = 100_000, years: int = 10, seed: int = 20261123, *,
                 repeat: int = 3, json_subjects: int = 10_000) -> dict:
    col = synthetic_columnar(n_subjects, years, seed=seed)
    year = col.year0 + years - 1
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = evaluate_matrix(col, ALL_TARGETS, year)
        times.append(time.perf_counter() - t0)
    answers = sum(int((v != 0).sum() >= 0) * v.size for v in res.values())
    out = {"eligibility.engine_100k_s": round(min(times), 4),
           "eligibility.engine_100k_runs_s": [round(t, 4) for t in times],
           "eligibility.engine_subjects": n_subjects, "eligibility.engine_years": years,
           "eligibility.engine_targets": len(res), "eligibility.engine_answers": answers}
    if json_subjects:
        small = col.take(np.arange(min(json_subjects, col.n)))
        subjects = columnar_to_subjects(small)
        questions = [{"subject": s["id"], "target": t.code, "year": year}
                     for s in subjects for t in TARGETS
                     if t.kind in ("both", s["kind"])]
        doc = {"subjects": subjects, "questions": questions}
        t0 = time.perf_counter()
        answer_document(doc)
        out["eligibility.engine_json_10k_s"] = round(time.perf_counter() - t0, 3)
        out["eligibility.engine_json_answers"] = len(questions)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 100_000
    print(json.dumps(bench_engine(n), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
