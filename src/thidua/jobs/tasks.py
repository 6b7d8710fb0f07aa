"""The django-tasks task the worker (`thidua worker`) runs for every job."""
from django_tasks import task

from thidua.jobs.runner import job_execute


@task()
def run_job(job_id: int) -> None:
    job_execute(job_id)


def enqueue_job(job_id: int) -> None:
    """Queue the job for the worker (the immediate backend of the tests runs it at once)."""
    run_job.enqueue(job_id)
