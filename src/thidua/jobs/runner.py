"""Running a job in this process: the registry of handlers per kind and `job_execute`.

    @job_handler("import")
    def run(job, progress): ...   # progress(done, total=None, message=None)

Handlers register when their module is imported (eligibility/apps.py and imports/apps.py
import their tasks modules in ready()). This module imports neither the task module nor the
services: `jobs.tasks` runs `job_execute`, `jobs.services` enqueues through `jobs.tasks`."""
import datetime
import logging
import re
import threading
import traceback

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from thidua.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
HANDLERS = {}
MSG_FAILED = "Tác vụ gặp lỗi: {err}"
MSG_FAILED_INTERNAL = ("Tác vụ gặp lỗi hệ thống nên không hoàn thành; chi tiết đã được ghi lại cho quản trị hệ "
                       "thống (tác vụ số {pk}). Bấm «Chạy lại» để thử lại.")
# A failure's own text is shown only when it was written for users (Vietnamese); a Python error's
# English text ("division by zero", a KeyError's key…) is an internal detail: the log keeps it.
_VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
MSG_UNKNOWN_KIND = "Không có cách xử lý cho loại tác vụ «{kind}»."
MSG_LEASE_EXPIRED = ("Tác vụ đã bị ngắt giữa chừng (tiến trình xử lý nền dừng đột ngột) nên không hoàn thành; "
                     "dữ liệu không bị ghi dở. Bấm «Chạy lại» để chạy lại tác vụ.")


def failure_message(pk: int, exc: Exception) -> str:
    """What the job page says about a failure: the error's own message when it is Vietnamese."""
    messages = getattr(exc, "messages", None) or [str(exc)]
    text = "; ".join(str(message) for message in messages)
    if text and _VIETNAMESE.search(text):
        return MSG_FAILED.format(err=text)
    return MSG_FAILED_INTERNAL.format(pk=pk)


def lease_seconds() -> int:
    return int(getattr(settings, "JOB_LEASE_SECONDS", 120))


def jobs_expire(now: datetime.datetime | None = None) -> int:
    """Mark failed every running job whose lease (heartbeat) expired: its worker died (kill -9,
    power loss) without recording an end. A job never renewed counts from its start. Returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=lease_seconds())
    expired = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    return Job.objects.filter(expired, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, finished_at=now, message=MSG_LEASE_EXPIRED)


class _Heartbeat:
    """Renews a running job's lease from a thread of its own: the thread has its own database connection
    in autocommit, so the renewal is seen while the job's work runs inside one long transaction."""

    def __init__(self, job_id: int):
        self.job_id, self.stop = job_id, threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)

    def _run(self) -> None:
        interval = max(lease_seconds() / 4, 0.05)
        try:
            while not self.stop.wait(interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
                except Exception:  # a locked SQLite file: the next beat tries again
                    log.warning("job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def job_handler(kind: str):
    """Register the decorated function as the handler of jobs of `kind`."""
    def register(handler):
        HANDLERS[kind] = handler
        return handler
    return register


def job_execute(job_id: int) -> Job:
    """Run a job in this process (the task body; also usable for synchronous runs).

    The handler's return value becomes `Job.result`; an exception marks the job failed with a
    Vietnamese message (the traceback goes to `result`) so the progress page stops polling."""
    job = Job.objects.get(pk=job_id)
    handler = HANDLERS.get(job.kind)
    if handler is None:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, finished_at=timezone.now(),
                                             message=MSG_UNKNOWN_KIND.format(kind=job.kind)[:500])
        job.refresh_from_db()
        return job
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now)
    job.status = JobStatus.RUNNING

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        updates = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            updates["total"] = total
        if message is not None:
            updates["message"] = message[:500]
        Job.objects.filter(pk=job.pk).update(**updates)
        for name, value in updates.items():
            setattr(job, name, value)

    try:
        with _Heartbeat(job.pk):
            result = handler(job, progress) or {}
    except Exception as exc:  # the job page must show the failure, not hang
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=failure_message(job.pk, exc)[:500],
            result={"traceback": traceback.format_exc()[-4000:]},
        )
    else:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now(), result=result,
                                             done=job.total or job.done)
    job.refresh_from_db()
    return job
