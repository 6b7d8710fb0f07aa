"""The working calendar at its boundaries: weekends, Tết, substitute days, a make-up Saturday (the
package's and a declared one), a declared day off, year ends; and the property that ties
add_working_days to working_days_between."""
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.audit.models import AuditEvent
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.notices import calendar
from thidua.notices.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from thidua.notices.models import CalendarDay
from thidua.notices.services import (
    MSG_ALREADY_OFF,
    MSG_ALREADY_WORKING,
    MSG_DATE_YEARS,
    MSG_DUPLICATE,
    MSG_REASON_REQUIRED,
    calendar_day_add,
    calendar_day_remove,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.calendar_changed()
    yield
    calendar.calendar_changed()


def test_it_knows_weekends_holidays_and_tet():
    assert is_working_day(D(2026, 12, 4))            # Friday
    assert not is_working_day(D(2026, 12, 5))        # Saturday
    assert not is_working_day(D(2026, 12, 6))        # Sunday
    assert not is_working_day(D(2026, 1, 1))         # Tết Dương lịch
    for day in range(16, 21):                        # Tết Nguyên Đán 2026: 16–20/02 (Mon–Fri)
        assert not is_working_day(D(2026, 2, day))
    assert is_working_day(D(2026, 2, 23))
    assert not is_working_day(D(2026, 4, 27))        # Giỗ Tổ falls on Sunday 26/04: substitute Monday
    assert calendar.why_not_working(D(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert calendar.why_not_working(D(2026, 2, 17)) == "Tết Nguyên Đán"
    assert calendar.why_not_working(D(2026, 12, 5)) == "Thứ Bảy"


def test_it_counts_the_package_make_up_saturday_as_worked():
    # 2026: Monday 31/08 off (bridge to Quốc khánh), worked back on Saturday 22/08
    assert is_working_day(D(2026, 8, 22))
    assert not is_working_day(D(2026, 8, 31))
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)   # 31/08, 1–2/09 off


def test_next_working_day_is_the_day_itself_or_the_first_after():
    assert next_working_day(D(2026, 12, 4)) == D(2026, 12, 4)
    assert next_working_day(D(2026, 12, 5)) == D(2026, 12, 7)
    assert next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)     # Saturday before Tết → after Tết
    assert next_working_day(D(2027, 12, 31)) == D(2027, 12, 31)
    assert next_working_day(D(2028, 12, 30)) == D(2029, 1, 2)     # Sat → Sun → 01/01 → Tuesday


def test_add_working_days_starts_counting_the_day_after():
    assert add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)     # Friday + 1 → Monday
    assert add_working_days(D(2026, 12, 5), 1) == D(2026, 12, 7)     # Saturday + 1 → Monday
    assert add_working_days(D(2026, 12, 5), 0) == D(2026, 12, 7)
    assert add_working_days(D(2026, 12, 7), 0) == D(2026, 12, 7)
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)     # across Tết
    assert add_working_days(D(2026, 12, 30), 2) == D(2027, 1, 4)     # 31/12, (01/01 off, weekend) → 04/01
    assert add_working_days(D(2027, 1, 4), -1) == D(2026, 12, 31)    # back across the year end
    assert add_working_days(D(2027, 1, 4), -2) == D(2026, 12, 30)
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)    # back across Tết


def test_working_days_between_excludes_the_start_and_includes_the_end():
    assert working_days_between(D(2026, 12, 4), D(2026, 12, 4)) == 0
    assert working_days_between(D(2026, 12, 4), D(2026, 12, 7)) == 1
    assert working_days_between(D(2026, 12, 7), D(2026, 12, 4)) == -1
    assert working_days_between(D(2026, 12, 5), D(2026, 12, 6)) == 0        # a weekend
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 22)) == 0        # Tết and its weekends
    assert working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 249
    assert working_days_between(D(2025, 12, 31), D(2027, 12, 31)) == 249 + len(calendar.year_calendar(2027).working)


def test_a_declared_make_up_saturday_and_day_off_change_the_arithmetic(system_actor, root_scope):
    friday, saturday, monday = D(2026, 12, 4), D(2026, 12, 5), D(2026, 12, 7)
    assert add_working_days(friday, 1) == monday
    calendar_day_add(actor=system_actor, scope=root_scope, date=saturday, kind=CalendarDay.WORKDAY,
                     reason="Làm bù cho ngày 31/12")
    assert is_working_day(saturday)
    assert add_working_days(friday, 1) == saturday
    assert working_days_between(friday, monday) == 2
    calendar_day_add(actor=system_actor, scope=root_scope, date=D(2026, 12, 31), kind=CalendarDay.OFF,
                     reason="Nghỉ hoán đổi theo Thông báo của Bộ Nội vụ")
    assert not is_working_day(D(2026, 12, 31))
    assert calendar.why_not_working(D(2026, 12, 31)) == "Nghỉ hoán đổi theo Thông báo của Bộ Nội vụ"
    assert add_working_days(D(2026, 12, 30), 1) == D(2027, 1, 4)
    calendar_day_remove(actor=system_actor, scope=root_scope, day=CalendarDay.objects.get(date=saturday))
    assert not is_working_day(saturday)


@pytest.mark.parametrize("date, kind, reason, field, message", [
    (D(1999, 12, 31), CalendarDay.OFF, "Lý do", "date", MSG_DATE_YEARS),
    (D(2101, 1, 3), CalendarDay.WORKDAY, "Lý do", "date", MSG_DATE_YEARS),
    (D(2026, 12, 7), CalendarDay.WORKDAY, "Lý do", "date", MSG_ALREADY_WORKING.format(day="07/12/2026")),
    (D(2026, 8, 22), CalendarDay.WORKDAY, "Lý do", "date", MSG_ALREADY_WORKING.format(day="22/08/2026")),
    (D(2026, 12, 6), CalendarDay.OFF, "Lý do", "date", MSG_ALREADY_OFF.format(day="06/12/2026", why="Chủ nhật")),
    (D(2026, 12, 5), CalendarDay.WORKDAY, "   ", "reason", MSG_REASON_REQUIRED),
])
def test_bad_declarations_are_refused_with_a_message(system_actor, root_scope, date, kind, reason, field, message):
    with pytest.raises(ValidationError) as err:
        calendar_day_add(actor=system_actor, scope=root_scope, date=date, kind=kind, reason=reason)
    assert err.value.message_dict[field] == [message]
    assert not CalendarDay.objects.exists()


def test_a_duplicate_declaration_is_refused(system_actor, root_scope):
    calendar_day_add(actor=system_actor, scope=root_scope, date=D(2026, 12, 5), kind=CalendarDay.WORKDAY,
                     reason="Làm bù")
    with pytest.raises(ValidationError) as err:
        calendar_day_add(actor=system_actor, scope=root_scope, date=D(2026, 12, 5), kind=CalendarDay.WORKDAY,
                         reason="Làm bù lần hai")
    assert err.value.message_dict["date"] == [MSG_DUPLICATE.format(day="05/12/2026", existing="ngày làm bù")]
    assert CalendarDay.objects.count() == 1


def test_only_an_administrator_edits_the_calendar(personas, actor_of, scope_of):
    officer = personas["officer_a"]
    with pytest.raises(PermissionDenied):
        calendar_day_add(actor=actor_of(officer), scope=scope_of(officer), date=D(2026, 12, 5),
                         kind=CalendarDay.WORKDAY, reason="Làm bù")
    admin = personas["admin"]
    row = calendar_day_add(actor=actor_of(admin), scope=scope_of(admin), date=D(2026, 12, 5),
                           kind=CalendarDay.WORKDAY, reason="Làm bù")
    event = AuditEvent.objects.get(verb="calendar_day_add")
    assert event.object_id == str(row.pk) and event.actor == admin and event.reason == "Làm bù"


def test_out_of_range_dates_and_counts_are_refused():
    with pytest.raises(calendar.CalendarRangeError):
        is_working_day(D(1999, 1, 4))
    with pytest.raises(calendar.CalendarRangeError) as err:
        add_working_days(D(2026, 1, 5), calendar.MAX_DAYS + 1)
    assert err.value.field == "days"
    with pytest.raises(calendar.CalendarRangeError):
        add_working_days(D(2100, 12, 30), 5)


DATES = st.dates(min_value=D(2001, 1, 1), max_value=D(2097, 12, 31))   # + 600 working days stays ≤ 2100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=DATES, n=st.integers(min_value=1, max_value=600))
def test_property_add_lands_on_a_working_day_and_between_agrees(start, n):
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    assert working_days_between(start, end) == n
    assert working_days_between(start, end - datetime.timedelta(days=1)) == n - 1   # the first such day
    assert working_days_between(end, start) == -n


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(min_value=D(2004, 1, 1), max_value=D(2098, 12, 31)), n=st.integers(min_value=-600, max_value=0))
def test_property_counting_back_and_zero_land_on_working_days(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    if n == 0:
        assert end == next_working_day(start) and working_days_between(start, end) in (0, 1)
    else:
        assert end < start
        # the |n| working days before start: end is the |n|-th, counted back from the day before start
        assert working_days_between(end, start - datetime.timedelta(days=1)) == -n - 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(d1=DATES, d2=DATES)
def test_property_between_matches_a_day_by_day_count(d1, d2):
    lo, hi = min(d1, d2), max(d1, d2)
    if (hi - lo).days > 800:
        hi = lo + datetime.timedelta(days=800)
    count = sum(1 for i in range(1, (hi - lo).days + 1) if is_working_day(lo + datetime.timedelta(days=i)))
    assert working_days_between(lo, hi) == count
    assert working_days_between(hi, lo) == -count
