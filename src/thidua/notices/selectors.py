"""Reads of the notices app, always for one user: their deadlines (with working days left), the
header badge, their notifications, and the owner of an .ics token."""
import datetime
from dataclasses import dataclass

from django.utils import timezone

from thidua.notices import calendar
from thidua.notices.models import Deadline, NoticePreference, Notification

DUE_SOON_WORKING_DAYS = 3   # "sắp đến hạn": due within this many working days (the badge, the digest)
DONE_SHOWN = 50


def today() -> datetime.date:
    return timezone.localdate()


def due_soon_limit(day: datetime.date) -> datetime.date:
    """The last due date counted as "sắp đến hạn" on `day`."""
    return calendar.add_working_days(day, DUE_SOON_WORKING_DAYS)


@dataclass
class DeadlineView:
    deadline: Deadline
    days_left: int          # working days from today to the due date (negative: overdue)

    @property
    def overdue(self) -> bool:
        return self.deadline.status == Deadline.OPEN and self.days_left < 0

    @property
    def left_label(self) -> str:
        return days_left_label(self.days_left)


def days_left_label(n: int) -> str:
    if n == 0:
        return "Đến hạn hôm nay"
    if n > 0:
        return f"Còn {n} ngày làm việc"
    return f"Quá hạn {-n} ngày làm việc"


def deadlines_for_user(user, *, day: datetime.date | None = None) -> dict:
    """The user's open deadlines split into overdue and due (soonest first), and the latest done."""
    day = day or today()
    open_rows = list(Deadline.objects.filter(user=user, status=Deadline.OPEN).order_by("due", "pk"))
    done = list(Deadline.objects.filter(user=user, status=Deadline.DONE).order_by("-done_at", "-pk")[:DONE_SHOWN])
    memo: dict[datetime.date, int] = {}

    def view(d):
        if d.due not in memo:
            memo[d.due] = calendar.working_days_between(day, d.due)
        return DeadlineView(d, memo[d.due])

    views = [view(d) for d in open_rows]
    return {"overdue": [v for v in views if v.days_left < 0], "due": [v for v in views if v.days_left >= 0],
            "done": done, "soon_limit": due_soon_limit(day), "today": day}


def deadlines_qs_for_user(user, status: str | None = None):
    qs = Deadline.objects.filter(user=user).order_by("due", "pk")
    return qs.filter(status=status) if status else qs


def badge_count(user, *, day: datetime.date | None = None) -> int:
    """Open deadlines that are overdue or due within DUE_SOON_WORKING_DAYS working days: one query."""
    return Deadline.objects.filter(user=user, status=Deadline.OPEN,
                                   due__lte=due_soon_limit(day or today())).count()


def notifications_for_user(user, *, unread_only: bool = False):
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def user_for_ics_token(token_hash: str):
    pref = (NoticePreference.objects.select_related("user")
            .filter(ics_token_hash=token_hash, user__is_active=True).exclude(ics_token_hash="").first())
    return pref.user if pref else None
