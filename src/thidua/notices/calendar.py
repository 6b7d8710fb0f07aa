"""The working calendar: which days are worked, and the arithmetic every workflow's deadlines use.

A day is a working day unless it is a Saturday or Sunday, or a public holiday of the `holidays`
package (`holidays.VN`, names in Vietnamese: Bộ luật Lao động 2019, Điều 112, with Tết from the
lunar calendar, the substitute days off "nghỉ bù" and the swaps the Government announced), with two
corrections: the Saturdays the package knows were worked to make up for a bridge day
(`weekend_workdays`) are working days, and the days the agency declares (`CalendarDay`: a day off,
or a worked make-up day) override everything else.

Definitions (tested at weekends, Tết, make-up Saturdays, declared days off and year ends):

- `is_working_day(d)`.
- `next_working_day(d)`: d itself when it is a working day, otherwise the first working day after it
  (where a deadline falling on d moves to).
- `add_working_days(d, n)`: for n ≥ 1 the n-th working day after d, counting from the day after d
  (d itself never counts, as in "trong N ngày làm việc kể từ ngày D"); n = 0 is `next_working_day(d)`;
  n ≤ -1 the |n|-th working day before d.
- `working_days_between(d1, d2)`: the working days d with d1 < d ≤ d2 (start excluded, end included),
  negative when d2 < d1, so that `working_days_between(d, add_working_days(d, n)) == n` for n ≥ 1.

Each year's working days are computed once per process (a sorted tuple of ordinals, bisected) and
dropped when a declared day changes in this process (`calendar_changed`) or after `CACHE_SECONDS`,
so another process sees an administrator's change within a minute."""
import bisect
import datetime
import threading
import time
from dataclasses import dataclass

import holidays

from thidua.notices.models import CalendarDay

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_DAYS = 10_000
CACHE_SECONDS = 60

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
MONTHS = [f"Tháng {m}" for m in range(1, 13)]

MSG_YEAR_RANGE = f"Lịch làm việc chỉ tính cho các năm từ {MIN_YEAR} đến {MAX_YEAR}."
MSG_DAYS_RANGE = f"Số ngày làm việc phải nằm trong khoảng từ -{MAX_DAYS:,} đến {MAX_DAYS:,}.".replace(",", ".")


class CalendarRangeError(ValueError):
    """A date or a count the calendar does not cover; `.field` names the argument at fault."""

    def __init__(self, message: str, field: str = "date"):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class YearCalendar:
    year: int
    working: tuple[int, ...]                 # ordinals of the working days, ascending
    working_set: frozenset[int]
    holidays: dict[datetime.date, str]       # public holidays (Vietnamese names), substitutes included
    package_workdays: frozenset[datetime.date]  # Saturdays the package knows were worked
    declared: dict[datetime.date, CalendarDay]  # the agency's days


_lock = threading.Lock()
_years: dict[int, tuple[float, YearCalendar]] = {}


def calendar_changed() -> None:
    """Forget every computed year (called after a declared day is added or removed)."""
    with _lock:
        _years.clear()


def _check_year(year: int, field: str = "date") -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(MSG_YEAR_RANGE, field)


def _build(year: int) -> YearCalendar:
    national = holidays.VN(years=year, language="vi")
    names = {d: str(name) for d, name in national.items() if d.year == year}
    package_workdays = frozenset(d for d in national.weekend_workdays if d.year == year)
    declared = {row.date: row for row in CalendarDay.objects.filter(date__year=year)}
    working = []
    day, one = datetime.date(year, 1, 1), datetime.timedelta(days=1)
    while day.year == year:
        row = declared.get(day)
        if row is not None:
            works = row.kind == CalendarDay.WORKDAY
        else:
            works = day in package_workdays or (day.weekday() < 5 and day not in names)
        if works:
            working.append(day.toordinal())
        day += one
    return YearCalendar(year, tuple(working), frozenset(working), names, package_workdays, declared)


def year_calendar(year: int) -> YearCalendar:
    _check_year(year)
    now = time.monotonic()
    hit = _years.get(year)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    built = _build(year)
    with _lock:
        _years[year] = (now, built)
    return built


def is_working_day(d: datetime.date) -> bool:
    return d.toordinal() in year_calendar(d.year).working_set


def _first_working_at_or_after(ordinal: int, year: int) -> int:
    while True:
        cal = year_calendar(year)
        i = bisect.bisect_left(cal.working, ordinal)
        if i < len(cal.working):
            return cal.working[i]
        year += 1
        _check_year(year)


def next_working_day(d: datetime.date) -> datetime.date:
    """d when it is a working day, otherwise the first working day after it."""
    return datetime.date.fromordinal(_first_working_at_or_after(d.toordinal(), d.year))


def _check_days(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or abs(n) > MAX_DAYS:
        raise CalendarRangeError(MSG_DAYS_RANGE, "days")
    return n


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (n ≥ 1, `start` not counted); n = 0: `next_working_day`;
    n < 0: the |n|-th working day before `start`."""
    n = _check_days(n)
    _check_year(start.year)
    if n == 0:
        return next_working_day(start)
    year, ordinal = start.year, start.toordinal()
    if n > 0:
        cal = year_calendar(year)
        i = bisect.bisect_right(cal.working, ordinal) + n - 1   # index of the answer in this year's list
        while i >= len(cal.working):
            i -= len(cal.working)
            year += 1
            _check_year(year)
            cal = year_calendar(year)
        return datetime.date.fromordinal(cal.working[i])
    cal = year_calendar(year)
    i = bisect.bisect_left(cal.working, ordinal) + n           # n < 0: count back from before `start`
    while i < 0:
        year -= 1
        _check_year(year)
        cal = year_calendar(year)
        i += len(cal.working)
    return datetime.date.fromordinal(cal.working[i])


def _working_up_to(d: datetime.date, base_year: int) -> int:
    """Working days from 1 January of `base_year` to d inclusive (d.year ≥ base_year)."""
    total = sum(len(year_calendar(y).working) for y in range(base_year, d.year))
    return total + bisect.bisect_right(year_calendar(d.year).working, d.toordinal())


def working_days_between(d1: datetime.date, d2: datetime.date) -> int:
    """Working days d with d1 < d ≤ d2; the negative of (d2, d1] when d2 < d1; 0 when equal."""
    if d2 < d1:
        return -working_days_between(d2, d1)
    _check_year(d1.year, "from")
    _check_year(d2.year, "to")
    return _working_up_to(d2, d1.year) - _working_up_to(d1, d1.year)


def day_label(d: datetime.date) -> str:
    """"thứ Hai 16/02/2026"."""
    return f"{WEEKDAYS[d.weekday()]} {d:%d/%m/%Y}"


def why_not_working(d: datetime.date) -> str:
    """The name of the day off (a holiday's name, the agency's reason, "Thứ Bảy", "Chủ nhật"); "" when worked."""
    cal = year_calendar(d.year)
    if d.toordinal() in cal.working_set:
        return ""
    row = cal.declared.get(d)
    if row is not None:
        return row.reason
    if d in cal.holidays:
        return cal.holidays[d]
    name = WEEKDAYS[d.weekday()]
    return name[0].upper() + name[1:]


@dataclass(frozen=True)
class DayCell:
    date: datetime.date
    working: bool
    kind: str       # "work", "weekend", "holiday", "off" (declared), "makeup" (declared or known worked Saturday)
    name: str


def _cell(cal: YearCalendar, d: datetime.date) -> DayCell:
    working = d.toordinal() in cal.working_set
    row = cal.declared.get(d)
    if row is not None:
        return DayCell(d, working, "makeup" if working else "off", row.reason)
    if d in cal.package_workdays:
        return DayCell(d, True, "makeup", "Ngày làm bù")
    if d in cal.holidays:
        return DayCell(d, False, "holiday", cal.holidays[d])
    if d.weekday() >= 5:
        return DayCell(d, False, "weekend", "")
    return DayCell(d, True, "work", "")


def month_grid(year: int) -> list[dict]:
    """The twelve months of a year, each as weeks (Monday first) of day cells or None."""
    cal = year_calendar(year)
    months = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        weeks, week = [], [None] * first.weekday()
        d = first
        while d.month == month:
            week.append(_cell(cal, d))
            if len(week) == 7:
                weeks.append(week)
                week = []
            d += datetime.timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        worked = sum(1 for w in weeks for c in w if c and c.working)
        months.append({"month": month, "name": MONTHS[month - 1], "weeks": weeks, "working_days": worked})
    return months


def non_working_days(year: int) -> list[DayCell]:
    """The year's days off other than ordinary weekends, and its worked make-up days, in date order."""
    cal = year_calendar(year)
    out = []
    d = datetime.date(year, 1, 1)
    while d.year == year:
        cell = _cell(cal, d)
        if cell.kind in ("holiday", "off", "makeup"):
            out.append(cell)
        d += datetime.timedelta(days=1)
    return out
