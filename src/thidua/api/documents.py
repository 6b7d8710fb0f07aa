"""/api/v1/documents/: official papers as files with their metadata (list, detail, .docx/.pdf, draft,
change a draft, sign and number) and the agencies' templates (list, upload a new version)."""
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from thidua.api import helpers as h
from thidua.api.schemas import CODE_PATTERN, ERRORS, FILLED_PATTERN, TEXT_PATTERN, Clean, In, code_field, filled_field
from thidua.documents import selectors as sel
from thidua.documents import services as svc
from thidua.documents.models import DocumentKind, DocumentState
from thidua.documents.placeholders import MAX_TEMPLATE_BYTES

router = Router(tags=["documents"])
MSG_UNKNOWN_SIGNER = "Không có tài khoản «{name}»."
MSG_TEMPLATE_TOO_BIG = "Tệp mẫu quá lớn: tối đa 5 MB."
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


def _binary(content_type: str) -> dict:
    return {"responses": {200: {"description": "Tệp", "content": {content_type: {
        "schema": {"type": "string", "format": "binary"}}}}}}


class AnnexIn(In):
    title: str = Field("Danh sách", max_length=300)
    subtitle: str = Field("", max_length=300)
    columns: list[str] = Field(..., min_length=1, max_length=30)
    rows: list[list[str]] = Field(default_factory=list, max_length=svc.MAX_ANNEX_ROWS,
                                  description="mỗi dòng đủ số ô như số cột")


class DataIn(In):
    authority: str = Field("", max_length=300, description="thẩm quyền ban hành, ví dụ Chủ tịch UBND tỉnh")
    citations: list[str] = Field(default_factory=list, description="các căn cứ")
    paragraphs: list[str] = Field(default_factory=list, description="các đoạn nội dung")
    articles: list[str] = Field(default_factory=list, description="các điều (Điều 1. … đánh số tự động)")
    annex: AnnexIn | None = None
    fields: dict[str, str] = Field(default_factory=dict, description="trường riêng cho mẫu của cơ quan: data.ten",
                                   json_schema_extra={"propertyNames": {"pattern": TEXT_PATTERN, "maxLength": 60}})


class DocumentIn(In):
    kind: DocumentKind
    issuer: str = code_field(description="mã đơn vị ban hành")
    summary: str = filled_field(max_length=500, description="trích yếu, ví dụ Về việc tặng Bằng khen")
    data: DataIn = Field(default_factory=DataIn)
    recipients: list[str] = Field(default_factory=list, description="nơi nhận")
    signer_authority: str = Field("", max_length=200, description="TM., KT., TL., TUQ. …")
    signer_position: str = Field("", max_length=200)
    place: str = Field("", max_length=100, description="địa danh (mặc định Hà Nội)")
    series: str = Field("", max_length=40, description="sổ văn bản (trống: sổ chung)")
    symbol: str = Field("", max_length=60, description="ký hiệu (trống: tự đặt, ví dụ QĐ-UBND)")


class DocumentPatchIn(In):
    summary: str | None = Field(None, max_length=500, json_schema_extra={"pattern": FILLED_PATTERN})
    data: DataIn | None = None
    recipients: list[str] | None = None
    signer_authority: str | None = Field(None, max_length=200)
    signer_position: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=100)


class SignIn(In):
    signer: str = Field(..., max_length=150, description="tên đăng nhập của người ký (lãnh đạo cơ quan ban hành)")
    signed_on: datetime.date | None = Field(None, description="ngày ký (mặc định hôm nay; không sau hôm nay)")


class IssuerOut(Schema):
    code: str
    name: str


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    issuer: IssuerOut
    issuer_name: str
    superior_name: str
    state: str
    state_label: str
    number: int | None
    number_label: str | None
    year: int | None
    signed_on: datetime.date | None
    title: str
    summary: str
    place: str
    symbol: str
    series: str
    recipients: list[str]
    signer_authority: str
    signer_position: str
    signer_name: str
    template_version: int = Field(description="0: mẫu mặc định; n: phiên bản mẫu của cơ quan")
    data: dict
    docx_url: str
    pdf_url: str


class DocumentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DocumentOut]


class TemplateOut(Schema):
    id: int
    kind: str
    issuer: IssuerOut
    version: int
    name: str
    placeholders: list[str]
    note: str
    uploaded_at: datetime.datetime


class DocumentFilters(Clean):
    issuer: str | None = Field(None, max_length=40, description="mã đơn vị ban hành")
    state: DocumentState | None = None
    kind: DocumentKind | None = None
    limit: int = Field(50, ge=1, le=h.MAX_LIMIT)
    offset: int = Field(0, ge=0)


def _out(document) -> dict:
    return {
        "id": document.pk, "kind": document.kind, "kind_label": document.get_kind_display(),
        "issuer": document.issuer, "issuer_name": document.issuer_name, "superior_name": document.superior_name,
        "state": document.state, "state_label": document.get_state_display(), "number": document.number,
        "number_label": document.number_label if document.number else None, "year": document.year,
        "signed_on": document.signed_on, "title": document.title, "summary": document.summary,
        "place": document.place, "symbol": document.symbol, "series": document.series,
        "recipients": document.recipients, "signer_authority": document.signer_authority,
        "signer_position": document.signer_position, "signer_name": document.signer_name,
        "template_version": document.template_version, "data": document.data,
        "docx_url": f"/api/v1/documents/{document.pk}/docx", "pdf_url": f"/api/v1/documents/{document.pk}/pdf",
    }


def _issuer(code: str):
    unit = h.unit_by_code(code, "issuer")
    if unit is None:
        raise ValidationError({"issuer": svc.MSG_REQUIRED})
    return unit


@router.get("/", response={200: DocumentPage, **ERRORS})
def list_documents(request, filters: Query[DocumentFilters]):
    scope = h.scope(request)
    issuer = h.unit_by_code(filters.issuer, "issuer") if filters.issuer else None
    qs = sel.documents_for_user(scope, issuer=issuer, state=filters.state.value if filters.state else "",
                                kind=filters.kind.value if filters.kind else "")
    data = h.page(qs, limit=filters.limit, offset=filters.offset)
    data["items"] = [_out(d) for d in data["items"]]
    return data


@router.post("/", response={201: DocumentOut, **ERRORS})
def draft_document(request, payload: DocumentIn):
    data = payload.model_dump()
    document = svc.document_draft(
        actor=h.actor(request), scope=h.scope(request), kind=payload.kind.value, issuer=_issuer(payload.issuer),
        summary=payload.summary, data=_data(data["data"]), recipients=payload.recipients,
        signer_authority=payload.signer_authority, signer_position=payload.signer_position, place=payload.place,
        series=payload.series, symbol=payload.symbol)
    return Status(201, _out(document))


def _data(data: dict | None) -> dict | None:
    if data is not None and data.get("annex") is None:
        data.pop("annex", None)
    return data


@router.get("/templates/", response={200: list[TemplateOut], **ERRORS})
def list_templates(request):
    return list(sel.templates_for_user(h.scope(request)))


KIND_FIELD = Form(...)
ISSUER_FIELD = Form(..., min_length=1, max_length=40, pattern=CODE_PATTERN, description="mã đơn vị ban hành")
NOTE_FIELD = Form("", max_length=300, pattern=TEXT_PATTERN)


@router.post("/templates/", response={201: TemplateOut, **ERRORS})
def upload_template(request, file: File[UploadedFile], kind: DocumentKind = KIND_FIELD, issuer: str = ISSUER_FIELD,
                    note: str = NOTE_FIELD):
    if file.size and file.size > MAX_TEMPLATE_BYTES:
        raise ValidationError({"file": MSG_TEMPLATE_TOO_BIG})
    template = svc.template_upload(actor=h.actor(request), scope=h.scope(request), kind=kind.value,
                                   issuer=_issuer(issuer), content=file.read(), name=file.name or "", note=note)
    return Status(201, template)


@router.get("/{document_id}", response={200: DocumentOut, **ERRORS})
def get_document(request, document_id: int):
    return _out(sel.document_get_for_user(h.scope(request), document_id))


@router.patch("/{document_id}", response={200: DocumentOut, **ERRORS})
def patch_document(request, document_id: int, payload: DocumentPatchIn):
    document = sel.document_get_for_user(h.scope(request), document_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    if "data" in changes:
        changes["data"] = _data(changes["data"])
    document = svc.document_update(actor=h.actor(request), scope=h.scope(request), document=document, **changes)
    return _out(document)


@router.post("/{document_id}/sign", response={200: DocumentOut, **ERRORS})
def sign_document(request, document_id: int, payload: SignIn):
    document = sel.document_get_for_user(h.scope(request), document_id)
    signer = get_user_model().objects.filter(username=payload.signer).first()
    if signer is None:
        raise ValidationError({"signer": MSG_UNKNOWN_SIGNER.format(name=payload.signer[:60])})
    document = svc.document_sign(actor=h.actor(request), scope=h.scope(request), document=document,
                                 signer_user=signer, signed_on=payload.signed_on)
    return _out(document)


def _file(request, document_id: int, fmt: str):
    document = sel.document_get_for_user(h.scope(request), document_id)
    response = HttpResponse(svc.document_render(document, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{svc.document_filename(document, fmt)}"'
    return response


@router.get("/{document_id}/docx", response={**ERRORS}, openapi_extra=_binary(CONTENT_TYPES["docx"]))
def document_docx(request, document_id: int):
    return _file(request, document_id, "docx")


@router.get("/{document_id}/pdf", response={**ERRORS}, openapi_extra=_binary(CONTENT_TYPES["pdf"]))
def document_pdf(request, document_id: int):
    return _file(request, document_id, "pdf")
