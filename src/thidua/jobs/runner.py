"""Running a job in this process: the registry of handlers per kind and `job_execute`.

    @job_handler("import")
    def run(job, progress): ...   # progress(done, total=None, message=None)

Handlers register when their module is imported (eligibility/apps.py and imports/apps.py
import their tasks modules in ready()). This module imports neither the task module nor the
services: `jobs.tasks` runs `job_execute`, `jobs.services` enqueues through `jobs.tasks`."""
import logging
import traceback

from django.utils import timezone

from thidua.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
HANDLERS = {}
MSG_FAILED = "Tác vụ gặp lỗi: {err}"
MSG_UNKNOWN_KIND = "Không có cách xử lý cho loại tác vụ «{kind}»."


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
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job.status = JobStatus.RUNNING

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        updates = {"done": done}
        if total is not None:
            updates["total"] = total
        if message is not None:
            updates["message"] = message[:500]
        Job.objects.filter(pk=job.pk).update(**updates)
        for name, value in updates.items():
            setattr(job, name, value)

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
