"""The pages of official papers: the register, a document (download, "Ký và cấp số"), drafting, the
templates and the printing of certificates. Views parse, call one service or selector, render."""
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.common.permissions import allowed, require
from thidua.common.web import actor_of, apply_errors, paginate, query_without_page
from thidua.documents import selectors as sel
from thidua.documents import services as svc
from thidua.documents.certificates import FIELDS, FORMS, INLINE_LIMIT, certificates_preview
from thidua.documents.forms import CertificateForm, DocumentForm, SignForm, TemplateUploadForm
from thidua.documents.models import DocumentKind, DocumentState
from thidua.documents.permissions import (
    CERTIFICATES_PRINT,
    DOCUMENT_EDIT,
    DOCUMENT_SIGN,
    DOCUMENTS_USE,
    TEMPLATE_UPLOAD,
)
from thidua.documents.placeholders import PLACEHOLDERS
from thidua.documents.render import default_template_bytes
from thidua.documents.tasks import certificates_start
from thidua.organizations.models import Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "pdf": "application/pdf"}
MSG_SIGNED = "Đã ký và cấp số {number}."
MSG_SAVED = "Đã lưu dự thảo."
MSG_UPLOADED = "Đã lưu mẫu {kind}, phiên bản {version}."
MSG_UNKNOWN_ISSUER = "Chọn cơ quan ban hành trong danh sách."


def _use(request):
    require(request.scope, DOCUMENTS_USE)


def _issuer(scope, code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not scope.can_unit(unit, "view"):
        raise ValidationError({"issuer": MSG_UNKNOWN_ISSUER})
    return unit


@login_required
def document_list(request):
    _use(request)
    scope = request.scope
    issuers = sel.issuers_for_user(scope)
    issuer = Unit.objects.filter(code=request.GET.get("issuer", "")).first()
    if issuer is not None and not scope.can_unit(issuer, "view"):
        issuer = None
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    qs = sel.documents_for_user(scope, issuer=issuer, state=state if state in DocumentState.values else "",
                                kind=kind if kind in DocumentKind.values else "")
    return render(request, "documents/document_list.html", {
        "nav": "documents", "page": paginate(request, qs), "issuers": issuers, "query": query_without_page(request),
        "filters": {"issuer": issuer.code if issuer else "", "state": state, "kind": kind},
        "states": DocumentState.choices, "kinds": DocumentKind.choices})


def _form_page(request, form, document=None):
    return render(request, "documents/document_form.html", {"nav": "documents", "form": form, "document": document})


@login_required
def document_create(request):
    _use(request)
    scope = request.scope
    form = DocumentForm(request.POST or None, issuers=sel.issuers_for_user(scope))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            document = svc.document_draft(
                actor=actor_of(request), scope=scope, kind=d["kind"], issuer=_issuer(scope, d["issuer"]),
                summary=d["summary"], data=form.document_data(), recipients=d["recipients"].splitlines(),
                signer_authority=d["signer_authority"], signer_position=d["signer_position"], place=d["place"],
                series=d["series"], symbol=d["symbol"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("documents:detail", pk=document.pk)
    return _form_page(request, form)


@login_required
def document_edit(request, pk):
    scope = request.scope
    document = sel.document_get_for_user(scope, pk)
    require(scope, DOCUMENT_EDIT, document)
    if document.is_signed:
        messages.error(request, svc.MSG_SIGNED_LOCKED.format(number=document.number_label))
        return redirect("documents:detail", pk=document.pk)
    form = DocumentForm(request.POST or None, issuers=[document.issuer], initial=DocumentForm.initial_from(document))
    form.fields["kind"].disabled = form.fields["issuer"].disabled = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            svc.document_update(actor=actor_of(request), scope=scope, document=document, summary=d["summary"],
                                data=form.document_data(), recipients=d["recipients"].splitlines(),
                                signer_authority=d["signer_authority"], signer_position=d["signer_position"],
                                place=d["place"] or document.place, series=d["series"],
                                symbol=d["symbol"] or document.symbol)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("documents:detail", pk=document.pk)
    return _form_page(request, form, document)


def _signers(document):
    return [(user, svc.signer_name_of(user)) for user in svc.leaders_of(document.issuer)]


@login_required
def document_detail(request, pk, sign_form=None):
    scope = request.scope
    document = sel.document_get_for_user(scope, pk)
    may_sign = not document.is_signed and allowed(scope, DOCUMENT_SIGN, document)
    if may_sign and sign_form is None:
        sign_form = SignForm(signers=_signers(document))
    data = document.data or {}
    annex = data.get("annex") or {}
    return render(request, "documents/document_detail.html", {
        "nav": "documents", "document": document, "sign_form": sign_form if may_sign else None,
        "may_edit": not document.is_signed and allowed(scope, DOCUMENT_EDIT, document),
        "data": data, "annex_rows": len(annex.get("rows", [])), "annex_preview": annex.get("rows", [])[:20],
        "annex_columns": annex.get("columns", [])}, status=400 if sign_form is not None and sign_form.errors else 200)


@login_required
@require_POST
def document_sign_view(request, pk):
    scope = request.scope
    document = sel.document_get_for_user(scope, pk)
    require(scope, DOCUMENT_SIGN, document)
    form = SignForm(request.POST, signers=_signers(document))
    if document.is_signed:
        messages.error(request, svc.MSG_ALREADY_SIGNED.format(number=document.number_label))
        return redirect("documents:detail", pk=document.pk)
    if form.is_valid():
        signer = get_user_model().objects.get(pk=int(form.cleaned_data["signer"]))
        try:
            document = svc.document_sign(actor=actor_of(request), scope=scope, document=document, signer_user=signer,
                                         signed_on=form.cleaned_data["signed_on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, MSG_SIGNED.format(number=document.number_label))
            return redirect("documents:detail", pk=document.pk)
    return document_detail(request, pk, sign_form=form)


@login_required
def document_download(request, pk, fmt):
    document = sel.document_get_for_user(request.scope, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        content = svc.document_render(document, fmt)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("documents:detail", pk=document.pk)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{svc.document_filename(document, fmt)}"'
    return response


@login_required
def template_list(request):
    _use(request)
    scope = request.scope
    issuers = [u for u in sel.issuers_for_user(scope) if allowed(scope, TEMPLATE_UPLOAD, u)]
    form = TemplateUploadForm(request.POST or None, request.FILES or None, issuers=issuers)
    status = 200
    if request.method == "POST":
        if not issuers:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                template = svc.template_upload(actor=actor_of(request), scope=scope, kind=d["kind"],
                                               issuer=_issuer(scope, d["issuer"]), content=d["file"].read(),
                                               name=d["file"].name, note=d["note"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, MSG_UPLOADED.format(kind=template.get_kind_display().lower(),
                                                              version=template.version))
                return redirect("documents:templates")
        status = 400
    return render(request, "documents/template_list.html", {
        "nav": "documents", "form": form if issuers else None, "templates": sel.templates_for_user(scope),
        "kinds": DocumentKind.choices, "placeholders": PLACEHOLDERS.items()}, status=status)


@login_required
def template_download(request, pk):
    template = sel.template_get_for_user(request.scope, pk)
    response = HttpResponse(bytes(template.content), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="mau-{template.kind}-v{template.version}.docx"'
    return response


@login_required
def template_default(request, kind):
    _use(request)
    if kind not in DocumentKind.values:
        raise Http404
    response = HttpResponse(default_template_bytes(kind), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="mau-mac-dinh-{kind}.docx"'
    return response


@login_required
def certificates(request):
    scope = request.scope
    require(scope, CERTIFICATES_PRINT)
    form = CertificateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if request.POST.get("action") == "preview":
                    pdf = certificates_preview(form.cleaned_data["form"], form.rows)
                    response = HttpResponse(pdf, content_type="application/pdf")
                    response["Content-Disposition"] = 'inline; filename="xem-truoc-bang.pdf"'
                    return response
                job = certificates_start(actor=actor_of(request), scope=scope, form=form.cleaned_data["form"],
                                         rows=form.rows)
            except ValidationError as exc:
                form.add_error("file", "; ".join(exc.messages))
            else:
                return redirect("jobs:job_detail", pk=job.pk)
        status = 400
    return render(request, "documents/certificates.html", {
        "nav": "documents", "form": form, "fields": FIELDS.items(), "forms": FORMS, "inline_limit": INLINE_LIMIT,
        "today": datetime.date.today()}, status=status)
