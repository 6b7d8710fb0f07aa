"""/api/v1/calendar/… (working days) and /api/v1/me/… (the caller's deadlines and notifications)."""
import datetime
from enum import Enum

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from thidua.api.schemas import ERRORS, Clean
from thidua.notices import calendar
from thidua.notices.models import Deadline, Notification
from thidua.notices.selectors import deadlines_qs_for_user, notifications_for_user, today
from thidua.notices.services import notifications_mark_read

router = Router(tags=["calendar"])
me_router = Router(tags=["me"])

DEFINITION = ("Số ngày làm việc d với from < d ≤ to (không tính ngày bắt đầu, tính ngày kết thúc); âm khi to "
              "trước from.")
MSG_NOTIFICATION_UNKNOWN = "Không có thông báo này."


def _range(exc: calendar.CalendarRangeError) -> ValidationError:
    """The calendar's refusal at the request's field ("date" is the start date, `from`)."""
    return ValidationError({"from" if exc.field == "date" else exc.field: exc.message})


class AddWorkingDaysQuery(Clean):
    start: datetime.date = Field(alias="from", description=f"ngày bắt đầu (năm {calendar.MIN_YEAR}–{calendar.MAX_YEAR})")
    days: int = Field(ge=-calendar.MAX_DAYS, le=calendar.MAX_DAYS,
                      description="số ngày làm việc; 0: chính ngày đó nếu là ngày làm việc, nếu không thì ngày làm "
                                  "việc kế tiếp; âm: đếm lùi")


class AddWorkingDaysOut(Schema):
    start: datetime.date
    days: int
    date: datetime.date
    label: str


class BetweenQuery(Clean):
    start: datetime.date = Field(alias="from", description=f"từ ngày (không tính; năm {calendar.MIN_YEAR}–"
                                                           f"{calendar.MAX_YEAR})")
    end: datetime.date = Field(alias="to", description="đến ngày (có tính)")


class BetweenOut(Schema):
    start: datetime.date
    end: datetime.date
    working_days: int
    definition: str


class DayKind(str, Enum):
    HOLIDAY = "holiday"
    OFF = "off"
    MAKEUP = "makeup"


class CalendarDayOut(Schema):
    date: datetime.date
    kind: DayKind = Field(description="holiday: ngày lễ, Tết, nghỉ bù; off: ngày nghỉ cơ quan khai báo; "
                                      "makeup: ngày làm bù (đi làm)")
    working: bool
    name: str


class YearOut(Schema):
    year: int
    working_days: int
    days: list[CalendarDayOut]


@router.get("/calendar/add-working-days", response={200: AddWorkingDaysOut, **ERRORS})
def add_working_days(request, query: Query[AddWorkingDaysQuery]):
    try:
        result = calendar.add_working_days(query.start, query.days)
    except calendar.CalendarRangeError as exc:
        raise _range(exc) from exc
    return {"start": query.start, "days": query.days, "date": result, "label": calendar.day_label(result)}


@router.get("/calendar/working-days", response={200: BetweenOut, **ERRORS})
def working_days(request, query: Query[BetweenQuery]):
    try:
        n = calendar.working_days_between(query.start, query.end)
    except calendar.CalendarRangeError as exc:
        raise _range(exc) from exc
    return {"start": query.start, "end": query.end, "working_days": n, "definition": DEFINITION}


@router.get("/calendar/{int:year}", response={200: YearOut, **ERRORS})
def calendar_year(request, year: int = Path(..., ge=calendar.MIN_YEAR, le=calendar.MAX_YEAR)):
    if not calendar.MIN_YEAR <= year <= calendar.MAX_YEAR:
        raise ValidationError({"year": calendar.MSG_YEAR_RANGE})
    days = [{"date": c.date, "kind": c.kind, "working": c.working, "name": c.name}
            for c in calendar.non_working_days(year)]
    return {"year": year, "working_days": len(calendar.year_calendar(year).working), "days": days}


class DeadlineStatus(str, Enum):
    OPEN = Deadline.OPEN
    DONE = Deadline.DONE
    CANCELLED = Deadline.CANCELLED


class DeadlineFilters(Clean):
    status: DeadlineStatus | None = None


class DeadlineOut(Schema):
    key: str
    title: str
    due: datetime.date
    asked_due: datetime.date
    moved_note: str
    url: str
    source: str
    status: DeadlineStatus
    days_left: int = Field(description="ngày làm việc từ hôm nay đến hạn (âm: quá hạn)")


class NotificationFilters(Clean):
    unread: bool = False
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=2**31 - 1)


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[NotificationOut]


class ReadOut(Schema):
    read: int


@me_router.get("/me/deadlines", response={200: list[DeadlineOut], **ERRORS})
def my_deadlines(request, filters: Query[DeadlineFilters]):
    day = today()
    rows = list(deadlines_qs_for_user(request.auth, filters.status.value if filters.status else None))
    memo: dict[datetime.date, int] = {}
    for d in rows:
        if d.due not in memo:
            memo[d.due] = calendar.working_days_between(day, d.due)
        d.days_left = memo[d.due]
    return rows


@me_router.get("/me/notifications", response={200: NotificationPage, **ERRORS})
def my_notifications(request, filters: Query[NotificationFilters]):
    qs = notifications_for_user(request.auth, unread_only=filters.unread)
    return {"count": qs.count(), "limit": filters.limit, "offset": filters.offset,
            "items": list(qs[filters.offset:filters.offset + filters.limit])}


@me_router.post("/me/notifications/read-all", response={200: ReadOut, **ERRORS})
def read_all_notifications(request):
    return {"read": notifications_mark_read(user=request.auth)}


@me_router.post("/me/notifications/{int:notification_id}/read", response={200: ReadOut, **ERRORS})
def read_notification(request, notification_id: int):
    if not Notification.objects.filter(pk=notification_id, user=request.auth).exists():
        raise Http404(MSG_NOTIFICATION_UNKNOWN)
    return {"read": notifications_mark_read(user=request.auth, ids=[notification_id])}
