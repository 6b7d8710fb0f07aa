"""Starting and running background jobs. A handler is registered per kind:

    @job_handler("import_people")
    def run(job, progress): ...   # progress(done, total=None, message=None)

The web request only creates the Job row and enqueues `run_job(job_id)` (django-tasks);
the worker (`thidua worker`, started by `make run`) executes it."""
import logging
import traceback

from django.db import transaction
from django.utils import timezone

from thidua.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
HANDLERS = {}
MSG_FAILED = "Tác vụ gặp lỗi: {err}"


def job_handler(kind: str):
    def deco(fn):
        HANDLERS[kind] = fn
        return fn
    return deco


def job_start(*, user, kind: str, params: dict, total: int = 0, message: str = "Đang chờ xử lý…") -> Job:
    job = Job.objects.create(kind=kind, params=params, created_by=user if getattr(user, "pk", None) else None,
                             total=total, message=message)
    from thidua.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_execute(job_id: int) -> Job:
    """Run a job in this process (the task body; also used by the CLI for synchronous runs)."""
    job = Job.objects.get(pk=job_id)
    handler = HANDLERS[job.kind]
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job.status = JobStatus.RUNNING

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        updates = {"done": done}
        if total is not None:
            updates["total"] = total
        if message is not None:
            updates["message"] = message[:500]
        Job.objects.filter(pk=job.pk).update(**updates)
        for k, v in updates.items():
            setattr(job, k, v)

    try:
        result = handler(job, progress) or {}
    except Exception as exc:  # the job page must show the failure, not hang
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=MSG_FAILED.format(err=exc)[:500],
            result={"traceback": traceback.format_exc()[-4000:]},
        )
    else:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now(), result=result,
                                             done=job.total or job.done)
    job.refresh_from_db()
    return job
