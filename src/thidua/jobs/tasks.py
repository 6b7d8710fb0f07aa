from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from thidua.jobs.services import job_execute

    job_execute(job_id)
