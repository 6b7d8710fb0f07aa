import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.jobs.models import JobStatus
from thidua.jobs.selectors import job_get_for_user, jobs_for_user
from thidua.jobs.services import MSG_RETRY_NOT_FAILED, job_retry, jobs_expire

# the page of each kind's jobs (the others: the generic progress page)
JOB_PAGES = {"import": "imports:job", "export": "imports:job"}


@login_required
def job_list(request):
    jobs_expire()
    return render(request, "jobs/job_list.html", {"jobs": jobs_for_user(request.user)})


@login_required
def job_detail(request, pk):
    jobs_expire()
    job = job_get_for_user(request.user, pk)
    template = "jobs/_progress.html" if request.htmx else "jobs/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = job_get_for_user(request.user, pk)
    if not job.result_file or not os.path.exists(job.result_file):
        raise Http404("Tác vụ chưa có tệp kết quả.")
    return FileResponse(open(job.result_file, "rb"), as_attachment=True,
                        filename=job.result_name or os.path.basename(job.result_file))


@login_required
@require_POST
def job_retry_view(request, pk):
    """"Chạy lại": a failed job starts again as a new job with the same parameters."""
    job = job_get_for_user(request.user, pk)
    if job.status != JobStatus.FAILED:
        messages.error(request, MSG_RETRY_NOT_FAILED)
        return redirect(JOB_PAGES.get(job.kind, "jobs:job_detail"), pk=job.pk)
    new = job_retry(job)
    return redirect(JOB_PAGES.get(new.kind, "jobs:job_detail"), pk=new.pk)
