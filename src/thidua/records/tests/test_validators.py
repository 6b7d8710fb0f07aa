"""records.validators: one vocabulary with the rules engine (years, grades, codes per kind)."""
import datetime

import pytest

from thidua.records import codes as record_codes
from thidua.records import validators as rules
from thidua.rules import codes
from thidua.rules.catalog import TARGETS

D = datetime.date


def test_years_start_where_the_engine_starts_and_end_next_year_capped_by_the_engine():
    assert rules.year_range(D(2026, 12, 6)) == (codes.MIN_YEAR, 2027)
    assert rules.year_range(D(codes.MAX_YEAR, 6, 1)) == (codes.MIN_YEAR, codes.MAX_YEAR)
    bounds = rules.year_range(D(2026, 12, 6))
    assert rules.check_year(codes.MIN_YEAR, bounds) is None and rules.check_year(2027, bounds) is None
    assert rules.check_year(codes.MIN_YEAR - 1, bounds) == rules.check_year(2028, bounds) == "Năm phải trong khoảng 2000–2027."
    assert rules.check_year(None, bounds) == rules.MSG_YEAR_REQUIRED


def test_grades_levels_and_discipline_forms_are_the_engines():
    assert all(rules.check_grade(grade) is None for grade in codes.GRADES)
    assert rules.check_grade("") is None and rules.check_grade("perfect") == rules.MSG_GRADE
    assert all(rules.check_initiative_level(level) is None for level in codes.INITIATIVE_LEVELS)
    assert all(rules.check_discipline_form(form) is None for form in codes.DISCIPLINES)
    assert rules.check_discipline_form("scolding") == rules.MSG_DISCIPLINE_FORM


@pytest.mark.parametrize("target", [target for target in TARGETS if target.category in ("title", "form")],
                         ids=lambda target: target.code)
def test_who_may_hold_a_code_is_the_catalogs(target):
    for collective, kind in ((False, "individual"), (True, "collective")):
        allowed = target.kind in (kind, "both")
        assert (rules.check_award_code(target.code, collective) is None) is allowed
        assert record_codes.allowed_for(target.code, collective=collective) is allowed


def test_an_unknown_code_is_named_and_a_subject_unknown_checks_only_the_code():
    assert rules.check_award_code("XYZ", None) == "Mã danh hiệu/hình thức không hợp lệ: XYZ."
    assert rules.check_award_code("TTLDXS", None) is None


@pytest.mark.parametrize("stats,problems", [
    ({"total": 20, "completed": 20, "ldtt": 0, "cstdcs": 0, "disciplined": 0}, []),
    ({"total": None, "completed": 1, "ldtt": 0, "cstdcs": 0, "disciplined": 0}, ["total"]),
    ({"total": 20, "completed": 21, "ldtt": -1, "cstdcs": 0, "disciplined": 0}, ["completed", "ldtt"]),
    ({"total": 20, "completed": 1, "ldtt": 0, "cstdcs": 0, "disciplined": 0, "cluster_rank": 3, "cluster_size": 2},
     ["cluster_rank"]),
    ({"total": 20, "completed": 1, "ldtt": 0, "cstdcs": 0, "disciplined": 0, "cluster_rank": 0}, ["cluster_rank"]),
])
def test_member_counts_lie_between_zero_and_the_total(stats, problems):
    assert [field for field, _ in rules.stats_problems(**stats)] == problems
