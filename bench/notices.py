"""Reminders benchmark: `bench_reminders(n=100_000)` (called by bench/run.py after django.setup(),
or alone: `THIDUA_DATABASE_URL=postgres://… .venv/bin/python bench/notices.py`).

Setup (not timed): n users "bn…" (bulk insert, kept between runs), and for each user one open
deadline that is overdue or due within the reminder window, plus noise that the reminder must skip:
n/2 deadlines far in the future and n/5 done ones (bulk inserts; the previous run's bench
deadlines and digests are deleted first).

Timed:
- `notices.reminders_100k_s`: `digests_write(day)`: the day's overdue and due-soon steps of the n
  users read and grouped, one digest per user written (the work of `thidua remind` before mailing);
- `notices.digests_send_100k_s`: `digests_send(day)` through Django's locmem e-mail backend (the
  messages built, MIME-encoded and handed over in batches, each batch marked sent): what the cron
  costs on our side, a real SMTP server adds its own time;
- `notices.add_working_days_100k_s`: 100,000 calls of `add_working_days` + `working_days_between`
  over random dates and counts (the calendar cached per year)."""
import datetime
import os
import random
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    BENCH_DIR = Path(__file__).resolve().parent
    sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import transaction  # noqa: E402

from thidua.notices import calendar  # noqa: E402
from thidua.notices.models import Deadline, Digest  # noqa: E402
from thidua.notices.reminders import digests_send, digests_write  # noqa: E402
from thidua.notices.selectors import due_soon_limit  # noqa: E402

DAY = datetime.date(2026, 12, 7)
PREFIX = "bn"
KEY = "bench/notices/"
BATCH = 5000


def _users(n: int) -> list[int]:
    have = User.objects.filter(username__startswith=PREFIX).count()
    if have < n:
        rows = [User(username=f"{PREFIX}{i:07d}", email=f"{PREFIX}{i:07d}@example.gov.vn", first_name="Văn",
                     last_name=f"Nguyễn {i}", password="!") for i in range(n)]
        User.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return list(User.objects.filter(username__startswith=PREFIX).order_by("pk").values_list("pk", flat=True)[:n])


@transaction.atomic
def _deadlines(user_ids: list[int]) -> None:
    Deadline.objects.filter(key__startswith=KEY).delete()
    Digest.objects.filter(day=DAY, user_id__in=user_ids).delete()
    rng = random.Random(2026)
    limit = due_soon_limit(DAY)
    window = [d for d in (DAY + datetime.timedelta(days=i) for i in range(-20, 1 + (limit - DAY).days))]
    titles = ["Nộp hồ sơ đề nghị khen thưởng", "Chấm điểm thi đua khối", "Tự đánh giá, xếp loại cuối năm",
              "Họp Hội đồng Thi đua – Khen thưởng", "Báo cáo tổng kết phong trào thi đua"]
    rows = []
    for i, uid in enumerate(user_ids):
        due = rng.choice(window)
        rows.append(Deadline(key=f"{KEY}{i}", user_id=uid, title=rng.choice(titles), due=due, asked_due=due,
                             url="/viec-can-lam/"))
        if i % 2 == 0:
            far = DAY + datetime.timedelta(days=rng.randint(30, 300))
            rows.append(Deadline(key=f"{KEY}far/{i}", user_id=uid, title="Việc còn xa", due=far, asked_due=far))
        if i % 5 == 0:
            rows.append(Deadline(key=f"{KEY}done/{i}", user_id=uid, title="Việc đã xong", due=due, asked_due=due,
                                 status=Deadline.DONE))
    Deadline.objects.bulk_create(rows, batch_size=BATCH)


def _calendar_calls(n: int) -> float:
    rng = random.Random(7)
    starts = [datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 1460)) for _ in range(n)]
    counts = [rng.randint(-30, 60) for _ in range(n)]
    calendar.calendar_changed()
    t = time.perf_counter()
    for start, k in zip(starts, counts, strict=True):
        end = calendar.add_working_days(start, k)
        calendar.working_days_between(start, end)
    return time.perf_counter() - t


def bench_reminders(n: int = 100_000) -> dict:
    user_ids = _users(n)
    _deadlines(user_ids)
    calendar.calendar_changed()
    t = time.perf_counter()
    result = digests_write(DAY)
    write_s = time.perf_counter() - t
    assert result.written == n and result.deadlines == n, result
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    try:
        t = time.perf_counter()
        sent = digests_send(DAY)
        send_s = time.perf_counter() - t
    finally:
        settings.EMAIL_BACKEND = previous
        from django.core import mail
        mail.outbox = []
    assert sent == n, sent
    again = digests_write(DAY)
    assert again.written == 0
    return {"notices.reminders_100k_s": round(write_s, 2), "notices.digests_send_100k_s": round(send_s, 2),
            "notices.add_working_days_100k_s": round(_calendar_calls(100_000), 2)}


if __name__ == "__main__":
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    size = int(os.environ.get("BENCH_NOTICES_N", "100000"))
    print(bench_reminders(size))
