from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.jobs.models import Job

LIST_LIMIT = 100


def job_get_for_user(user, pk: int) -> Job:
    """A job its creator (or a superuser) may see; 404 otherwise."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (user.is_superuser or job.created_by_id == user.pk):
        raise Http404(MSG_NOT_FOUND)
    return job


def jobs_for_user(user, limit: int = LIST_LIMIT):
    """The newest jobs: all of them for a superuser, the user's own otherwise."""
    jobs = Job.objects.all() if user.is_superuser else Job.objects.filter(created_by=user)
    return jobs.select_related("created_by")[:limit]
