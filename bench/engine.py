"""Benchmark of the rules engine (pure Python + numpy, no Django): `python bench/engine.py [n]`
prints the figures as JSON; `bench/run.py` merges them into results.json.

eligibility.engine_100k_s: evaluate_matrix over every target for the last year, for 100k
synthetic subjects with 10 years of history (generation excluded; best of `repeat`).
eligibility.engine_json_10k_s: answer_document for 10k subjects, every target of their kind.
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np

from thidua.rules import codes
from thidua.rules.catalog import TARGETS
from thidua.rules.columnar import ColumnarHistory
from thidua.rules.engine import ALL_TARGETS, answer_document, evaluate_matrix


def synthetic_columnar(n_subjects: int = 100_000, years: int = 10, *, last_year: int = 2025,
                       seed: int = 20261123) -> ColumnarHistory:
    """Realistic-looking batch: mostly good grades, some excellent, LĐTT for most,
    some CSTĐCS, sparse initiatives, a little discipline, 10% collectives."""
    rng = np.random.default_rng(seed)
    n, n_years = n_subjects, years
    shape = (n, n_years)
    kind = (rng.random(n) < 0.10).astype(np.int8)
    staff = np.where(kind == 1, codes.STAFF_NONE, rng.choice([0, 1, 2, 3, 4], n,
                                                              p=[.1, .45, .35, .07, .03]))
    # staggered starts: ~15% joined during the window
    start = np.where(rng.random(n) < 0.15, rng.integers(1, n_years, n), 0)
    present = np.arange(n_years)[None, :] >= start[:, None]
    grade = rng.choice([codes.EXCELLENT, codes.GOOD, codes.COMPLETE, codes.INCOMPLETE], shape,
                       p=[.18, .70, .10, .02]).astype(np.int8)
    discipline = np.where(rng.random(shape) < 0.015,
                          rng.choice([codes.REPRIMAND, codes.WARNING, codes.DEMOTION, codes.UNDER_REVIEW], shape),
                          codes.DISC_NONE).astype(np.int8)
    grade = np.where((discipline >= codes.REPRIMAND) & (discipline <= codes.DISMISSAL), codes.INCOMPLETE, grade)
    init_unit = (rng.random(shape) < 0.12).astype(np.int16) + (rng.random(shape) < 0.03)
    init_ministry = (rng.random(shape) < 0.02).astype(np.int16)
    init_national = (rng.random(shape) < 0.002).astype(np.int16)
    good = grade >= codes.GOOD
    ldtt = good & (rng.random(shape) < 0.92)
    cstdcs = ldtt & ((init_unit > 0) | (grade == codes.EXCELLENT)) & (rng.random(shape) < 0.6)
    titles = np.zeros(shape, np.int32)
    titles |= np.where(ldtt & (kind[:, None] == 0), codes.BIT["LDTT"], 0).astype(np.int32)
    titles |= np.where(cstdcs & (kind[:, None] == 0), codes.BIT["CSTDCS"], 0).astype(np.int32)
    # CSTĐ bộ at the end of 3-year CSTĐCS runs for a few
    run3 = np.zeros(shape, bool)
    run3[:, 2:] = cstdcs[:, 2:] & cstdcs[:, 1:-1] & cstdcs[:, :-2]
    titles |= np.where(run3 & (rng.random(shape) < 0.5) & (kind[:, None] == 0),
                       codes.BIT["CSTD_BO"], 0).astype(np.int32)
    collective = kind[:, None] == 1
    titles |= np.where(collective & good, codes.BIT["TTLDTT"], 0).astype(np.int32)
    titles |= np.where(collective & (grade == codes.EXCELLENT) & (rng.random(shape) < .5),
                       codes.BIT["TTLDXS"], 0).astype(np.int32)
    awards = np.zeros(shape, np.int32)
    awards |= np.where(rng.random(shape) < 0.04, codes.BIT["BK_BO"], 0).astype(np.int32)
    awards |= np.where(rng.random(shape) < 0.01, codes.BIT["BK_TTG"], 0).astype(np.int32)
    awards |= np.where(rng.random(shape) < 0.10, codes.BIT["GK"], 0).astype(np.int32)
    months = np.where(rng.random(shape) < 0.03, rng.integers(1, 12, shape), 12).astype(np.int8)
    leave = rng.choice([0, 0, 0, 5, 12, 45], shape).astype(np.int16)
    total = rng.integers(5, 60, n)[:, None].repeat(n_years, 1)
    members_ldtt = (total * rng.uniform(0.4, 1.0, shape)).astype(np.int32)
    members_cstdcs = np.minimum(members_ldtt, rng.integers(0, 4, shape)).astype(np.int32)
    members_completed = np.maximum(total - (rng.random(shape) < 0.2), 0)
    members_disciplined = (rng.random(shape) < 0.05).astype(np.int32)
    rank = rng.integers(1, 8, shape).astype(np.int32)
    individual = np.broadcast_to(kind[:, None] == 0, shape)
    unknown = np.int32(-1)
    return ColumnarHistory(
        ids=[f"s{i}" for i in range(n)], kind=kind, year0=last_year - n_years + 1, present=present,
        staff_type=staff, grade=grade, titles=titles, awards=awards,
        init_unit=init_unit, init_ministry=init_ministry, init_national=init_national,
        discipline=discipline, months_worked=np.where(individual, months, -1),
        leave_maternity=np.where(individual, 0, -1), leave_sick=np.where(individual, leave, -1),
        leave_unpaid=np.where(individual, 0, -1), leave_study=np.where(individual, 0, -1),
        leave_other=np.where(individual, 0, -1),
        m_total=np.where(individual, unknown, total), m_completed=np.where(individual, unknown, members_completed),
        m_ldtt=np.where(individual, unknown, members_ldtt), m_cstdcs=np.where(individual, unknown, members_cstdcs),
        m_disciplined=np.where(individual, unknown, members_disciplined),
        cluster_rank=np.where(individual, unknown, rank), cluster_size=np.where(individual, unknown, 8))


def columnar_to_subjects(batch: ColumnarHistory) -> list[dict]:
    """Back to JSON-shaped dicts (for the JSON-path figure and for tests)."""
    grades = {value: name for name, value in codes.GRADES.items()}
    disciplines = {value: name for name, value in codes.DISCIPLINES.items()}
    kinds = {value: name for name, value in codes.KINDS.items()}
    staff_types = {value: name for name, value in codes.STAFF_TYPES.items()}
    arrays = batch.arrays
    subjects = []
    for i in range(batch.n):
        subject = {"id": batch.ids[i], "kind": kinds[int(batch.kind[i])], "history": []}
        if int(batch.staff_type[i]) in staff_types:
            subject["staff_type"] = staff_types[int(batch.staff_type[i])]
        for j, year in enumerate(batch.years):
            if not batch.present[i, j]:
                continue
            entry: dict = {"year": year}
            if arrays["grade"][i, j]:
                entry["grade"] = grades[int(arrays["grade"][i, j])]
            if arrays["titles_known"][i, j]:
                entry["titles"] = [code for code in codes.TITLES if arrays["titles"][i, j] & codes.BIT[code]]
            if arrays["awards_known"][i, j]:
                entry["awards"] = [code for code in codes.FORMS if arrays["awards"][i, j] & codes.BIT[code]]
            if arrays["init_unit"][i, j] >= 0:
                entry["initiatives"] = (
                    [{"level": "unit"}] * int(arrays["init_unit"][i, j])
                    + [{"level": "ministry"}] * int(arrays["init_ministry"][i, j])
                    + [{"level": "national"}] * int(arrays["init_national"][i, j]))
            discipline = int(arrays["discipline"][i, j])
            if discipline != codes.DISC_UNKNOWN:
                entry["discipline"] = disciplines.get(discipline)
            if arrays["months_worked"][i, j] >= 0:
                entry["months_worked"] = int(arrays["months_worked"][i, j])
            if arrays["leave_sick"][i, j] >= 0:
                entry["leave_days"] = {kind: int(max(arrays["leave_" + kind][i, j], 0)) for kind in codes.LEAVE_KINDS}
            if arrays["m_total"][i, j] >= 0:
                entry["members"] = {name: int(arrays["m_" + name][i, j]) for name in codes.MEMBER_FIELDS
                                    if arrays["m_" + name][i, j] >= 0}
            if arrays["cluster_rank"][i, j] >= 1:
                entry["cluster_rank"] = int(arrays["cluster_rank"][i, j])
                entry["cluster_size"] = int(arrays["cluster_size"][i, j])
            subject["history"].append(entry)
        subjects.append(subject)
    return subjects


def bench_engine(n_subjects: int = 100_000, years: int = 10, seed: int = 20261123, *,
                 repeat: int = 3, json_subjects: int = 10_000) -> dict:
    batch = synthetic_columnar(n_subjects, years, seed=seed)
    year = batch.year0 + years - 1
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        verdicts = evaluate_matrix(batch, ALL_TARGETS, year)
        times.append(time.perf_counter() - started)
    answers = sum(int((v != 0).sum() >= 0) * v.size for v in verdicts.values())
    out = {"eligibility.engine_100k_s": round(min(times), 4),
           "eligibility.engine_100k_runs_s": [round(t, 4) for t in times],
           "eligibility.engine_subjects": n_subjects, "eligibility.engine_years": years,
           "eligibility.engine_targets": len(verdicts), "eligibility.engine_answers": answers}
    if json_subjects:
        small = batch.take(np.arange(min(json_subjects, batch.n)))
        subjects = columnar_to_subjects(small)
        questions = [{"subject": s["id"], "target": t.code, "year": year}
                     for s in subjects for t in TARGETS
                     if t.kind in ("both", s["kind"])]
        document = {"subjects": subjects, "questions": questions}
        started = time.perf_counter()
        answer_document(document)
        out["eligibility.engine_json_10k_s"] = round(time.perf_counter() - started, 3)
        out["eligibility.engine_json_answers"] = len(questions)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n_subjects = int(argv[0]) if argv else 100_000
    print(json.dumps(bench_engine(n_subjects), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
