"""people.validators: the bounds of each rule, on both sides of the edge."""
import datetime

import pytest

from thidua.common.errors import ValidationError
from thidua.people import validators as rules

D = datetime.date
TODAY = D(2026, 12, 6)


@pytest.mark.parametrize("value,ok", [
    ("001090000011", True), ("0010900000", False), ("00109000001A", False), ("0010900000111", False), ("", False)])
def test_a_cccd_is_twelve_digits(value, ok):
    assert (rules.check_citizen_id(value) is None) is ok


def test_a_cccd_is_typed_with_or_without_spaces():
    assert rules.normalize_citizen_id(" 001 090 000 011 ") == "001090000011"


@pytest.mark.parametrize("value,ok", [
    (D(1950, 1, 1), True), (D(1949, 12, 31), False), (D(2027, 12, 7), True), (D(2027, 12, 8), False),
    (D(2090, 1, 1), False), (None, True)])
def test_postings_and_leave_run_from_1950_to_one_year_ahead(value, ok):
    bounds = rules.date_range(TODAY)
    assert bounds == (D(1950, 1, 1), D(2027, 12, 7))
    message = rules.check_date(value, bounds)
    assert (message is None) is ok
    if not ok:
        assert message == "Ngày phải trong khoảng 01/01/1950 đến 07/12/2027 (quyết định có thể ghi trước tối đa một năm)."


@pytest.mark.parametrize("value,ok", [
    (D(1900, 1, 1), True), (D(1899, 12, 31), False), (D(2026, 12, 5), True), (TODAY, False), (None, True)])
def test_a_birth_date_is_from_1900_and_before_today(value, ok):
    assert (rules.check_birth_date(value, TODAY) is None) is ok


def test_staff_types_are_the_rules_engines():
    assert rules.check_staff_type("armed_forces") is None
    assert rules.check_staff_type("king") == rules.MSG_STAFF_TYPE
    assert rules.check_staff_type("") == rules.MSG_STAFF_TYPE_REQUIRED


def test_text_limits_follow_the_columns():
    assert rules.check_length("full_name", "Đ" * 120) is None
    assert rules.check_length("full_name", "Đ" * 121) == "Họ và tên dài quá 120 ký tự."
    assert rules.check_length("grade_group", "x" * 61) == "Nhóm nhiệm vụ tương đồng dài quá 60 ký tự."


def test_a_leave_ends_on_or_after_its_start():
    assert rules.leave_problems(start=D(2024, 3, 2), end=D(2024, 3, 1)) == [("end", rules.MSG_LEAVE_ORDER)]
    assert rules.leave_problems(start=D(2024, 3, 1), end=D(2024, 3, 1)) == []


def test_raise_problems_names_every_field_once_and_skips_passed_checks():
    with pytest.raises(ValidationError) as refused:
        rules.raise_problems([("start", None), ("start", "first"), ("start", "second"), ("end", "third")])
    assert refused.value.message_dict == {"start": ["first"], "end": ["third"]}
    rules.raise_problems([("start", None)])
