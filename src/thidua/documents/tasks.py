"""Job handler `certificates`: a long list of certificates printed in the worker, with progress."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.accounts.scope import scope_for_user
from thidua.common.context import Actor
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.common.numbers import vn_number
from thidua.common.permissions import require
from thidua.documents.certificates import FORMS, INLINE_LIMIT, certificates_render, clean_rows
from thidua.documents.permissions import CERTIFICATES_PRINT
from thidua.jobs.models import Job
from thidua.jobs.services import job_handler, job_start

MSG_DONE = "Đã in {rows} bằng vào một tệp PDF."
MSG_QUEUED = "Đang chờ in {rows} bằng…"
MSG_PROGRESS = "Đã dàn trang {done}/{total} bằng…"


def certificates_dir():
    path = settings.MEDIA_ROOT / "certificates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def certificates_start(*, actor: Actor, scope, form: str, rows) -> Job:
    """Queue the printing of a list as a background job (any length; always for long lists)."""
    require(scope, CERTIFICATES_PRINT)
    if form not in FORMS:
        raise ValidationError({"form": "Mẫu bằng không hợp lệ: chọn Bằng khen, Giấy khen hoặc Bằng chứng nhận "
                                       "danh hiệu."})
    rows = clean_rows(rows)
    return job_start(user=actor.user, kind="certificates", params={"form": form, "rows": rows,
                                                                   "user_id": getattr(actor.user, "pk", None)},
                     total=len(rows), message=MSG_QUEUED.format(rows=vn_number(len(rows))))


def must_use_job(rows) -> bool:
    return len(rows) > INLINE_LIMIT


@job_handler("certificates")
def run_certificates(job, progress):
    user = get_user_model().objects.filter(pk=job.params.get("user_id")).first()
    if user is not None and not scope_for_user(user).is_admin:
        try:
            require(scope_for_user(user), CERTIFICATES_PRINT)
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from None
    rows = job.params["rows"]

    def step(done, total):
        progress(done, total, MSG_PROGRESS.format(done=vn_number(done), total=vn_number(total)))

    pdf = certificates_render(job.params["form"], rows, progress=step)
    path = certificates_dir() / f"bang-{job.pk}.pdf"
    path.write_bytes(pdf)
    Job.objects.filter(pk=job.pk).update(result_file=str(path), result_name=f"in-bang-{job.pk}.pdf")
    progress(len(rows), len(rows), MSG_DONE.format(rows=vn_number(len(rows))))
    return {"rows": len(rows), "link": reverse("jobs:job_download", args=[job.pk])}
