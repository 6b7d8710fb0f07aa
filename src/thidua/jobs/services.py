"""Starting background jobs. The web request only creates the Job row and, once its transaction
commits, enqueues `run_job(job_id)` (django-tasks); the worker (`thidua worker`, started by
`make run`) executes it through `job_execute`.

Imports go one way: services → tasks → runner → models. `job_handler` and `job_execute` live in
`jobs.runner` and are re-exported here for the apps that register handlers."""
from django.db import transaction

from thidua.jobs.models import Job
from thidua.jobs.runner import HANDLERS, job_execute, job_handler
from thidua.jobs.tasks import enqueue_job

__all__ = ["job_start", "job_execute", "job_handler"]


def job_start(*, user, kind: str, params: dict, total: int = 0, message: str = "Đang chờ xử lý…") -> Job:
    """Create a queued job and enqueue it when the current transaction commits."""
    if kind not in HANDLERS:
        raise ValueError(f"no job handler registered for kind {kind!r}")
    job = Job.objects.create(kind=kind, params=params, created_by=user if getattr(user, "pk", None) else None,
                             total=total, message=message)
    transaction.on_commit(lambda: enqueue_job(job.pk))
    return job
