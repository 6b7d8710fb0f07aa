"""Background jobs: large imports (preview and commit) and large exports."""
import os

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse

from thidua.accounts.scope import scope_for_user
from thidua.common.context import Actor
from thidua.common.numbers import vn_number
from thidua.imports import exports, storage
from thidua.imports.services import import_file
from thidua.jobs.models import Job
from thidua.jobs.services import job_handler
from thidua.organizations.models import Unit

MSG_DONE_PREVIEW = "Đã kiểm tra {rows} dòng, không có lỗi: {created} sẽ tạo mới, {updated} sẽ cập nhật, {unchanged} không thay đổi."
MSG_DONE_IMPORT = "Đã nhập {rows} dòng: {created} tạo mới, {updated} cập nhật, {unchanged} không thay đổi."
MSG_DONE_INVALID = "Đã kiểm tra {rows} dòng: {error_rows} dòng có lỗi ({errors} lỗi), chưa ghi gì vào hệ thống."
MSG_DONE_EXPORT = "Đã xuất tệp."


def _user(job):
    return get_user_model().objects.filter(pk=job.params.get("user_id")).first()


@job_handler("import")
def run_import(job, progress):
    params, user = job.params, _user(job)
    scope = scope_for_user(user)
    actor = Actor(user=user, request_id=f"job-{job.pk}")
    live, close = _live_progress(job, progress)
    try:
        result = import_file(actor=actor, scope=scope, kind=params["kind"], source=params["path"],
                             dry_run=params.get("dry_run", True), progress=live)
    finally:
        close()
    data = result.as_dict()
    if not result.ok and params.get("dry_run", True) and params.get("token"):
        storage.discard_upload(user, params["token"])   # a refused file cannot be committed: not kept
    if result.errors:
        path = storage.errors_path(job.pk)
        exports.write_xlsx("errors", error_rows(result.errors), target=path)
        Job.objects.filter(pk=job.pk).update(result_file=str(path), result_name=f"loi-nhap-{job.pk}.xlsx")
    data["errors"] = data["errors"][:len(result.shown_errors)]   # the page lists these; the file holds errors_kept
    data["link"] = reverse("imports:job", args=[job.pk])
    figures = {"rows": vn_number(result.read), "error_rows": vn_number(result.error_rows),
               "errors": vn_number(result.error_count), "created": vn_number(result.created),
               "updated": vn_number(result.updated), "unchanged": vn_number(result.unchanged)}
    if not result.ok:
        msg = MSG_DONE_INVALID.format(**figures)
    elif params.get("dry_run", True):
        msg = MSG_DONE_PREVIEW.format(**figures)
    else:
        msg = MSG_DONE_IMPORT.format(**figures)
    progress(job.done, job.total or job.done, msg)
    return data


@job_handler("export")
def run_export(job, progress):
    params, user = job.params, _user(job)
    scope = scope_for_user(user)
    unit = Unit.objects.filter(code=params.get("unit")).first() if params.get("unit") else None
    progress(0, 1, "Đang xuất…")
    path = storage.export_path(job.pk)
    exports.export_to(path, params["kind"], scope, unit)
    Job.objects.filter(pk=job.pk).update(result_file=str(path), result_name=exports.FILENAMES[params["kind"]])
    progress(1, 1, MSG_DONE_EXPORT)
    return {"file": os.path.basename(path)}


def _live_progress(job, progress):
    """A commit writes inside one transaction: progress rows written there would stay invisible to the
    polling page until the end. On PostgreSQL they go through a second (autocommit) connection."""
    if connection.vendor != "postgresql":
        return progress, lambda: None
    progress_connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def live(done, total=None, message=None):
        with progress_connection.cursor() as cursor:
            cursor.execute("UPDATE jobs_job SET done = %s, total = COALESCE(%s, total), message = COALESCE(%s, message) "
                        "WHERE id = %s", [done, total, (message or None) and message[:500], job.pk])
        job.done = done
        if total is not None:
            job.total = total

    return live, progress_connection.close


def error_rows(errors):
    """The rows of the errors workbook (exports.ERROR_HEADERS)."""
    for error in errors:
        yield [error.row or "", error.column, error.value, error.message]
