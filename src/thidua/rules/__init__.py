"""thidua.rules: the legal rules engine (pure Python + numpy, no Django).

Public API (docs/rules.md):
    answer_document(doc) -> dict            the eligibility JSON contract
    validate_document(doc)                  raises InvalidDocument(.path, .message)
    cli_main(argv, stdin=None, stdout=None) -> int
    explain(subject, target, year) -> dict  one explained answer
    evaluate_matrix(columnar, targets, year) -> {target: int8 array (1/0/-1)}
    explain_matrix(columnar, targets, year) -> {target: (int8 array, missing fields per subject)}
    ColumnarHistory                         the columnar batch (from_subjects or arrays)
    catalog                                 list of targets for the UI
    forecast(subject, year, assumed=...)    what next year would need
    quota.check_grade_cap / quota.check_title_cap
"""
from . import quota
from .catalog import EMULATION_REGIMES, GRADE_REGIMES, TARGETS, catalog
from .cli import cli_main
from .columnar import ColumnarHistory
from .engine import ALL_TARGETS, answer_document, evaluate_matrix, explain, explain_matrix
from .forecast import forecast
from .validation import InvalidDocument, validate_document

__all__ = [
    "ALL_TARGETS",
    "EMULATION_REGIMES",
    "GRADE_REGIMES",
    "TARGETS",
    "ColumnarHistory",
    "InvalidDocument",
    "answer_document",
    "catalog",
    "cli_main",
    "evaluate_matrix",
    "explain",
    "explain_matrix",
    "forecast",
    "quota",
    "validate_document",
]
