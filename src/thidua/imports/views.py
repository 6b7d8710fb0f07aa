"""Import/export pages: templates, upload → preview → commit, exports. Thin: parse, call, render."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.common.web import actor_of, scope_of
from thidua.common.xlsx import XLSX_MIME
from thidua.imports import exports, storage
from thidua.imports.forms import CommitForm, UploadForm
from thidua.imports.layout import KIND_LABELS, KINDS
from thidua.imports.reader import count_rows
from thidua.imports.result import ImportResult
from thidua.imports.services import SERVICES, import_file
from thidua.jobs.selectors import job_get_for_user
from thidua.jobs.services import job_start, jobs_expire
from thidua.organizations.selectors import unit_get_for_user

INLINE_MAX_ROWS = 2000          # larger files go to a background job with a progress bar
INLINE_MAX_UNCOMPRESSED = 40 * 1024 * 1024   # above this the rows are not even counted in the request
EXPORT_INLINE_MAX_ROWS = 20_000
CAPS = {"units": "edit_units", "people": "edit_people", "history": "edit_history"}


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _kinds_for(scope) -> list[tuple[str, str]]:
    return [(k, KIND_LABELS[k]) for k in KINDS if scope.has(CAPS[k])]


def _require_capability(scope, kind: str) -> None:
    if kind not in CAPS:
        raise Http404
    if not scope.has(CAPS[kind]):
        raise PermissionDenied


def _page_context(request, **extra) -> dict:
    scope = scope_of(request)
    return {"nav": "imports", "kinds": KIND_LABELS.items(), "import_kinds": _kinds_for(scope),
            "form": extra.pop("form", None) or UploadForm(), **extra}


@login_required
def index(request):
    return render(request, "imports/index.html", _page_context(request))


def _rows_in(path, kind: str) -> int:
    return count_rows(path, kind)


@login_required
@require_POST
def upload(request):
    scope = scope_of(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "imports/index.html", _page_context(request, form=form), status=400)
    kind = form.cleaned_data["kind"]
    _require_capability(scope, kind)
    upload_file = form.cleaned_data["file"]
    token = storage.save_upload(request.user, upload_file)
    path = storage.upload_path(request.user, token)
    if getattr(upload_file, "uncompressed_size", 0) > INLINE_MAX_UNCOMPRESSED or _rows_in(path, kind) > INLINE_MAX_ROWS:
        job = job_start(user=request.user, kind="import", params={
            "kind": kind, "path": str(path), "token": token, "dry_run": True, "user_id": request.user.pk})
        return redirect("imports:job", pk=job.pk)
    result = import_file(actor=actor_of(request), scope=scope, kind=kind, source=path, dry_run=True)
    if not result.ok:   # a refused file cannot be committed: nothing of it stays on disk
        storage.discard_upload(request.user, token)
    return render(request, "imports/preview.html", _page_context(
        request, result=result, kind=kind, kind_label=KIND_LABELS[kind], token=token,
        filename=form.cleaned_data["file"].name))


@login_required
@require_POST
def commit(request):
    scope = scope_of(request)
    form = CommitForm(request.POST)
    if not form.is_valid():
        raise Http404
    kind = form.cleaned_data["kind"]
    _require_capability(scope, kind)
    path = storage.upload_path(request.user, form.cleaned_data["token"])
    if path is None:
        raise Http404
    if _rows_in(path, kind) > INLINE_MAX_ROWS:
        job = job_start(user=request.user, kind="import", params={
            "kind": kind, "path": str(path), "dry_run": False, "user_id": request.user.pk})
        return redirect("imports:job", pk=job.pk)
    result = import_file(actor=actor_of(request), scope=scope, kind=kind, source=path, dry_run=False)
    return render(request, "imports/preview.html", _page_context(
        request, result=result, kind=kind, kind_label=KIND_LABELS[kind], committed=True))


@login_required
def template_download(request, kind):
    if kind not in KINDS:
        raise Http404
    return _xlsx(exports.template_bytes(kind), f"mau-{exports.FILENAMES[kind]}")


@login_required
def export(request, kind):
    if kind not in exports.FILENAMES:
        raise Http404
    scope = scope_of(request)
    if not scope.has("view"):
        raise PermissionDenied
    code = request.GET.get("unit", "").strip().upper()
    unit = unit_get_for_user(scope, code=code) if code else None
    if kind == "history" and exports.count_history_rows(scope, unit) > EXPORT_INLINE_MAX_ROWS:
        job = job_start(user=request.user, kind="export", params={
            "kind": kind, "unit": code, "user_id": request.user.pk})
        return redirect("imports:job", pk=job.pk)
    return _xlsx(exports.export_bytes(kind, scope, unit), exports.FILENAMES[kind])


@login_required
def job_page(request, pk):
    jobs_expire()
    job = job_get_for_user(request.user, pk)
    if job.kind not in ("import", "export"):
        raise Http404
    result = ImportResult.from_dict(job.result) if job.finished and job.result and "kind" in job.result else None
    params = job.params or {}
    template = "imports/_job.html" if request.htmx else "imports/job.html"
    return render(request, template, _page_context(
        request, job=job, result=result, kind=params.get("kind"), kind_label=KIND_LABELS.get(params.get("kind"), ""),
        token=params.get("token", ""), dry_run=params.get("dry_run", False)))


__all__ = ["SERVICES"]
