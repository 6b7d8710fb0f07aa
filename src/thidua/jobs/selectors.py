from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.jobs.models import Job


def job_get_for_user(user, pk: int) -> Job:
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (user.is_superuser or job.created_by_id == user.pk):
        raise Http404(MSG_NOT_FOUND)
    return job
