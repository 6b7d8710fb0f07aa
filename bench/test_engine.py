"""Tests of the engine benchmark (engine.py: numpy and thidua.rules, no Django). Run them with
`.venv/bin/python -m pytest bench`; `make test` collects only src/."""
import subprocess
import sys
from pathlib import Path

import numpy as np
from engine import bench_engine, columnar_to_subjects, synthetic_columnar

from thidua.rules import ColumnarHistory, answer_document, evaluate_matrix


def test_bench_runs_small_and_reports_figures():
    out = bench_engine(2000, json_subjects=200, repeat=1)
    assert out["eligibility.engine_100k_s"] > 0 and out["eligibility.engine_json_10k_s"] > 0
    assert out["eligibility.engine_targets"] == 21
    assert out["eligibility.engine_subjects"] == 2000 and out["eligibility.engine_json_answers"] > 0


def test_synthetic_batch_roundtrips_through_dicts():
    batch = synthetic_columnar(300, 6, seed=3)
    subjects = columnar_to_subjects(batch)
    again = ColumnarHistory.from_subjects(subjects, years=batch.years)
    for target in ("LDTT", "CSTDCS", "BK_TTG", "TTLDXS", "grade:excellent"):
        assert np.array_equal(evaluate_matrix(batch, [target], 2025)[target],
                              evaluate_matrix(again, [target], 2025)[target]), target
    out = answer_document({"subjects": subjects[:20], "questions": [
        {"subject": subject["id"], "target": "GK", "year": 2025} for subject in subjects[:20]]})
    assert len(out["answers"]) == 20


def test_the_engine_benchmark_needs_no_django():
    bench_dir = Path(__file__).resolve().parent
    code = "import sys, engine; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=bench_dir,
                         env={"PYTHONPATH": f"{bench_dir}:{bench_dir.parent / 'src'}", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
