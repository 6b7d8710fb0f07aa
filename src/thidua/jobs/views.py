import os

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from thidua.jobs.selectors import job_get_for_user, jobs_for_user


@login_required
def job_list(request):
    return render(request, "jobs/job_list.html", {"jobs": jobs_for_user(request.user)})


@login_required
def job_detail(request, pk):
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
