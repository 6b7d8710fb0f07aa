"""The day's reminders: one e-mail digest per user (never one mail per item), for a cron.

`remind(day)` runs in two steps so that running it twice sends nothing twice:
1. `digests_write(day)`: the open deadlines that are overdue or due within
   `DUE_SOON_WORKING_DAYS` working days, read in one query ordered by user, become one `Digest`
   row per user and day (unique; a user who already has the day's digest is skipped). A user who
   turned the digest off, or has no e-mail address, gets a row without an address (nothing to send).
2. `digests_send(day)`: the day's unsent digests with an address go out through Django's e-mail
   backend in batches over one connection; each batch is marked sent after the backend accepted it,
   so a mail server that fails halfway leaves the rest for the next run."""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.notices import calendar
from thidua.notices.models import Deadline, Digest
from thidua.notices.selectors import days_left_label, due_soon_limit

SEND_BATCH = 500
WRITE_BATCH = 5000


@dataclass
class RemindResult:
    day: datetime.date
    deadlines: int = 0      # open deadlines overdue or due soon
    users: int = 0          # users owing at least one of them
    written: int = 0        # digests written by this run
    sent: int = 0           # e-mails sent by this run

    def summary(self) -> str:
        return (f"Ngày {self.day:%d/%m/%Y}: {self.deadlines} việc quá hạn hoặc sắp đến hạn của {self.users} người; "
                f"đã lập {self.written} thư nhắc việc, đã gửi {self.sent} thư.")


def _site() -> str:
    return getattr(settings, "THIDUA_SITE_URL", "").rstrip("/")


def _link(url: str) -> str:
    return f"{_site()}{url}" if url.startswith("/") else url


def _digest_text(name: str, day: datetime.date, items: list[tuple]) -> tuple[str, str]:
    overdue = [i for i in items if i[3] < 0]
    soon = [i for i in items if i[3] >= 0]
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} việc quá hạn")
    if soon:
        parts.append(f"{len(soon)} việc sắp đến hạn")
    subject = f"Nhắc việc ngày {day:%d/%m/%Y}: {', '.join(parts)}"
    lines = [f"Kính gửi {name},", ""]
    for heading, group in (("Việc quá hạn", overdue), ("Việc sắp đến hạn", soon)):
        if not group:
            continue
        lines.append(f"{heading} ({len(group)}):")
        for title, due, url, left in group:
            line = f"- {title}: hạn {calendar.day_label(due)}, {days_left_label(left).lower()}."
            lines.append(line + (f" {_link(url)}" if url else ""))
        lines.append("")
    lines += [f"Xem tất cả việc cần làm: {_site()}/viec-can-lam/",
              f"Không muốn nhận thư này: tắt ở {_site()}/thong-bao/cai-dat/", "",
              "Thư gửi tự động từ hệ thống thi đua, khen thưởng."]
    return subject, "\n".join(lines)


def _recipients(day: datetime.date, limit: datetime.date) -> dict[int, tuple[str, str]]:
    """user id → (name, address or "") of the users owing something and without the day's digest."""
    owing = Deadline.objects.filter(status=Deadline.OPEN, due__lte=limit).values("user_id")
    done = Digest.objects.filter(day=day).values("user_id")
    users = (get_user_model().objects.filter(pk__in=owing, is_active=True).exclude(pk__in=done)
             .values_list("pk", "first_name", "last_name", "username", "email", "notice_preference__email_digest"))
    out = {}
    for pk, first, last, username, email, wants in users:
        name = f"{last} {first}".strip() or username
        out[pk] = (name, email if (email and wants is not False) else "")
    return out


@transaction.atomic
def digests_write(day: datetime.date) -> RemindResult:
    limit = due_soon_limit(day)
    result = RemindResult(day=day)
    recipients = _recipients(day, limit)
    rows = (Deadline.objects.filter(status=Deadline.OPEN, due__lte=limit)
            .order_by("user_id", "due", "pk").values_list("user_id", "title", "due", "url"))
    left: dict[datetime.date, int] = {}
    batch, current, items = [], None, []

    def close():
        if current in recipients and items:
            name, email = recipients[current]
            subject, body = _digest_text(name, day, items)
            batch.append(Digest(user_id=current, day=day, email=email, subject=subject, body=body, items=len(items)))

    users = set()
    for user_id, title, due, url in rows.iterator(chunk_size=WRITE_BATCH):
        result.deadlines += 1
        users.add(user_id)
        if user_id != current:
            close()
            current, items = user_id, []
            if len(batch) >= WRITE_BATCH:
                Digest.objects.bulk_create(batch, ignore_conflicts=True)
                result.written += len(batch)
                batch = []
        if due not in left:
            left[due] = calendar.working_days_between(day, due)
        items.append((title, due, url, left[due]))
    close()
    Digest.objects.bulk_create(batch, ignore_conflicts=True)
    result.written += len(batch)
    result.users = len(users)
    return result


def digests_send(day: datetime.date) -> int:
    """Send the day's unsent digests; returns how many the backend accepted."""
    sent = 0
    sender = settings.DEFAULT_FROM_EMAIL
    pending = Digest.objects.filter(day=day, sent_at__isnull=True).filter(~Q(email="")).order_by("pk")
    with mail.get_connection() as connection:
        while True:
            chunk = list(pending.values_list("pk", "email", "subject", "body")[:SEND_BATCH])
            if not chunk:
                return sent
            messages = [mail.EmailMessage(subject, body, sender, [email], connection=connection)
                        for _, email, subject, body in chunk]
            accepted = connection.send_messages(messages) or 0
            Digest.objects.filter(pk__in=[c[0] for c in chunk]).update(sent_at=timezone.now())
            sent += accepted


def remind(day: datetime.date) -> RemindResult:
    result = digests_write(day)
    result.sent = digests_send(day)
    return result
