"""The day's reminders: one e-mail digest per user (never one mail per item), for a cron.

`remind(day)` runs in two steps so that running it twice sends nothing twice:
1. `digests_write(day)`: the open deadlines that are overdue or due within
   `DUE_SOON_WORKING_DAYS` working days, read in one query ordered by user, become one `Digest`
   row per user and day (unique; a user who already has the day's digest is skipped; COPY on
   PostgreSQL; two runs at once take turns on an advisory lock). A user who
   turned the digest off, or has no e-mail address, gets a row without an address (nothing to send).
2. `digests_send(day)`: the day's unsent digests with an address go out through Django's e-mail
   backend in batches over one connection; each batch is marked sent after the backend accepted it,
   so a mail server that fails halfway leaves the rest for the next run."""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from thidua.common.bulk import insert_rows, is_postgresql
from thidua.notices import calendar
from thidua.notices.models import Deadline, Digest
from thidua.notices.selectors import days_left_label, due_soon_limit

SEND_BATCH = 500
WRITE_BATCH = 5000
LOCK_CLASS = 7_301   # pg_advisory_xact_lock(class, day): the reminders of one day


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


def _footer(site: str) -> str:
    return (f"Xem tất cả việc cần làm: {site}/viec-can-lam/\n"
            f"Không muốn nhận thư này: tắt ở {site}/thong-bao/cai-dat/\n\n"
            "Thư gửi tự động từ hệ thống thi đua, khen thưởng.")


def _digest_text(name: str, day_text: str, items: list[tuple], site: str, footer: str) -> tuple[str, str]:
    """items: (title, url, working days left, "hạn … còn/quá hạn …") of one user, soonest first."""
    overdue = [i for i in items if i[2] < 0]
    soon = [i for i in items if i[2] >= 0]
    parts = []
    if overdue:
        parts.append(f"{len(overdue)} việc quá hạn")
    if soon:
        parts.append(f"{len(soon)} việc sắp đến hạn")
    subject = f"Nhắc việc ngày {day_text}: {', '.join(parts)}"
    lines = [f"Kính gửi {name},", ""]
    for heading, group in (("Việc quá hạn", overdue), ("Việc sắp đến hạn", soon)):
        if not group:
            continue
        lines.append(f"{heading} ({len(group)}):")
        for title, url, _, when in group:
            link = (f" {site}{url}" if url.startswith("/") else f" {url}") if url else ""
            lines.append(f"- {title}: {when}{link}")
        lines.append("")
    lines.append(footer)
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


def _lock_day(day: datetime.date) -> None:
    """Two runs for one day at once (two crons) take turns on PostgreSQL: the second sees the first's
    digests and writes none. (SQLite writes one transaction at a time anyway.)"""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, day.toordinal()])


@transaction.atomic
def digests_write(day: datetime.date) -> RemindResult:
    _lock_day(day)
    limit = due_soon_limit(day)
    result = RemindResult(day=day)
    recipients = _recipients(day, limit)
    rows = (Deadline.objects.filter(status=Deadline.OPEN, due__lte=limit)
            .order_by("user_id", "due", "pk").values_list("user_id", "title", "due", "url"))
    when: dict[datetime.date, tuple[int, str]] = {}   # due date → (working days left, its words)
    now, site, day_text = timezone.now(), _site(), f"{day:%d/%m/%Y}"
    footer = _footer(site)
    batch, current, items, users = [], None, [], set()

    def close():
        if current in recipients and items:
            name, email = recipients[current]
            subject, body = _digest_text(name, day_text, items, site, footer)
            batch.append({"user_id": current, "day": day, "email": email, "subject": subject, "body": body,
                          "items": len(items), "created_at": now, "sent_at": None})

    for user_id, title, due, url in rows.iterator(chunk_size=WRITE_BATCH):
        result.deadlines += 1
        users.add(user_id)
        if user_id != current:
            close()
            current, items = user_id, []
            if len(batch) >= WRITE_BATCH:
                insert_rows(Digest, batch)
                result.written += len(batch)
                batch = []
        if due not in when:
            left = calendar.working_days_between(day, due)
            when[due] = (left, f"hạn {calendar.day_label(due)}, {days_left_label(left).lower()}.")
        items.append((title, url, *when[due]))
    close()
    insert_rows(Digest, batch)
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
