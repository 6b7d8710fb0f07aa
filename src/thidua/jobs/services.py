"""Starting background jobs. The web request only creates the Job row and, once its transaction
commits, enqueues `run_job(job_id)` (django-tasks); the worker (`thidua worker`, started by
`make run`) executes it through `job_execute`.

Imports go one way: services → tasks → runner → models. `job_handler` and `job_execute` live in
`jobs.runner` and are re-exported here for the apps that register handlers."""
from django.db import transaction

from thidua.jobs.models import Job, JobStatus
from thidua.jobs.runner import HANDLERS, job_execute, job_handler, jobs_expire
from thidua.jobs.tasks import enqueue_job

__all__ = ["job_start", "job_retry", "job_execute", "job_handler", "jobs_expire"]
MSG_RETRY_NOT_FAILED = "Chỉ chạy lại được tác vụ đã lỗi."
MSG_RETRY = "Chạy lại tác vụ #{pk}: đang chờ xử lý…"


def job_start(*, user, kind: str, params: dict, total: int = 0, message: str = "Đang chờ xử lý…",
              retry_of: Job | None = None) -> Job:
    """Create a queued job and enqueue it when the current transaction commits."""
    if kind not in HANDLERS:
        raise ValueError(f"no job handler registered for kind {kind!r}")
    job = Job.objects.create(kind=kind, params=params, created_by=user if getattr(user, "pk", None) else None,
                             total=total, message=message, retry_of=retry_of)
    transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


def job_retry(job: Job) -> Job:
    """A new job with the same kind, parameters and creator as a failed one (the "Chạy lại" button).

    The failed job stays as it was (its row says what happened); the new one points back to it."""
    if job.status != JobStatus.FAILED:
        raise ValueError(MSG_RETRY_NOT_FAILED)
    return job_start(user=job.created_by, kind=job.kind, params=dict(job.params or {}), total=job.total,
                     message=MSG_RETRY.format(pk=job.pk), retry_of=job)
