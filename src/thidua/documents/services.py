"""Writing official papers: draft, update (drafts only), sign (number and date at signature), upload a
template version. Each service checks its permission, validates, writes and audits in one transaction.

Plain data in: the workflows (commendations, reviews, clusters) pass a dict and know nothing of
.docx; documents knows nothing of them."""
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from thidua.accounts.scope import scope_for_user
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.clean import clean_text, text_problem
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import allowed, require
from thidua.common.scope import Scope
from thidua.documents.models import (
    KIND_ABBREVIATIONS,
    KIND_TITLES,
    Document,
    DocumentCounter,
    DocumentKind,
    DocumentState,
    DocumentTemplate,
)
from thidua.documents.permissions import (
    DOCUMENT_EDIT,
    DOCUMENT_SIGN,
    DOCUMENT_SIGNER,
    TEMPLATE_UPLOAD,
    issuer_leaders,
)
from thidua.documents.placeholders import template_check
from thidua.documents.render import date_text, default_template_bytes, docx_to_pdf, fill_docx
from thidua.organizations.models import Unit
from thidua.people.models import Person

MSG_KIND = "Loại văn bản không hợp lệ: chọn Quyết định, Biên bản, Biên bản kiểm phiếu, Báo cáo hoặc Kế hoạch."
MSG_REQUIRED = "Không được để trống."
MSG_SIGNED_LOCKED = "Văn bản đã ký và cấp số {number} nên không sửa được. Muốn thay đổi, hãy ban hành văn bản mới."
MSG_ALREADY_SIGNED = "Văn bản đã được ký và cấp số {number}: không cấp số lần thứ hai."
MSG_NO_AUTHORITY = ("{name} không có thẩm quyền ký văn bản của {issuer}: người ký phải là lãnh đạo của cơ quan "
                    "ban hành (hoặc của cơ quan cấp trên).")
MSG_SIGNER_REQUIRED = "Chọn người ký."
MSG_SIGNED_FUTURE = "Ngày ký không được sau ngày hôm nay."
MSG_DATA = "Nội dung phải là một đối tượng JSON (citations, paragraphs, articles, annex…)."
MSG_LIST = "Phải là danh sách các đoạn văn bản."
MSG_DATA_KEY = "Trường «{key}» không được hỗ trợ trong nội dung văn bản."
MSG_ANNEX = "Phụ lục phải có columns (tên các cột) và rows (các dòng, mỗi dòng đủ số cột)."
MSG_ANNEX_ROW = "Dòng {row} của phụ lục có {got} ô, cần {want} ô như số cột."
MSG_ANNEX_TOO_BIG = "Phụ lục quá lớn: tối đa {limit} dòng."
MSG_FORMAT = "Định dạng phải là docx hoặc pdf."
MSG_MANAGED = "Văn bản này thuộc quy trình “{workflow}”: hãy ký tại trang của quy trình ({url})."
MSG_TEMPLATE_KIND = "Mẫu này không thuộc loại văn bản và cơ quan ban hành đã chọn."
MAX_ANNEX_ROWS = 20_000
TEXT_LIMIT = 5_000
DATA_KEYS = {"authority", "citations", "paragraphs", "articles", "annex", "fields"}
EDITABLE = ("summary", "data", "recipients", "place", "title", "symbol", "series", "superior_name",
            "signer_authority", "signer_position", "signer_name")


def _check_text(value, field: str, limit: int = TEXT_LIMIT) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValidationError({field: "Phải là chuỗi ký tự."})
    return clean_text(str(value), field, limit)


def _check_lines(value, field: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise ValidationError({field: MSG_LIST})
    return [_check_text(line, field) for line in value if str(line).strip()]


def clean_data(data) -> dict:
    """The document's body as plain, checked data: lists of paragraphs and an annex table."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValidationError({"data": MSG_DATA})
    for key in data:
        if key not in DATA_KEYS:
            raise ValidationError({"data": MSG_DATA_KEY.format(key=str(key)[:40])})
    out = {"authority": _check_text(data.get("authority") or "", "data.authority", 300)}
    for key in ("citations", "paragraphs", "articles"):
        out[key] = _check_lines(data.get(key), f"data.{key}")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ValidationError({"data.fields": MSG_DATA})
    out["fields"] = {_check_text(k, "data.fields", 60): _check_text(v, "data.fields") for k, v in fields.items()}
    annex = data.get("annex")
    out["annex"] = _clean_annex(annex) if annex else None
    return out


def _clean_annex(annex) -> dict:
    if not isinstance(annex, dict) or not isinstance(annex.get("columns"), list) \
            or not isinstance(annex.get("rows"), list) or not annex["columns"]:
        raise ValidationError({"data.annex": MSG_ANNEX})
    columns = [_check_text(c, "data.annex", 200) for c in annex["columns"]]
    if len(annex["rows"]) > MAX_ANNEX_ROWS:
        raise ValidationError({"data.annex": MSG_ANNEX_TOO_BIG.format(limit=f"{MAX_ANNEX_ROWS:,}".replace(",", "."))})
    rows = []
    for number, row in enumerate(annex["rows"], start=1):
        if not isinstance(row, (list, tuple)) or len(row) != len(columns):
            got = len(row) if isinstance(row, (list, tuple)) else 1
            raise ValidationError({"data.annex": MSG_ANNEX_ROW.format(row=number, got=got, want=len(columns))})
        cells = ["" if cell is None else str(cell) for cell in row]
        for cell in cells:
            if text_problem(cell):
                raise ValidationError({"data.annex": f"Dòng {number}: {text_problem(cell)}"})
        rows.append(cells)
    return {"title": _check_text(annex.get("title") or "Danh sách", "data.annex", 300),
            "subtitle": _check_text(annex.get("subtitle") or "", "data.annex", 300),
            "columns": columns, "rows": rows}


def _lines(value, field: str) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return _check_lines(value, field)


def template_current(kind: str, issuer: Unit) -> DocumentTemplate | None:
    """The issuer's latest uploaded template of `kind` (None: the repository's default)."""
    return DocumentTemplate.objects.filter(kind=kind, issuer=issuer).order_by("-version").first()


def _symbol(kind: str, issuer: Unit) -> str:
    return f"{KIND_ABBREVIATIONS[kind]}-{issuer.short_name or issuer.code}".upper().replace(" ", "")


def _issuer_superior(issuer: Unit) -> str:
    return issuer.parent.name if issuer.parent_id else ""


@transaction.atomic
def document_draft(*, actor: Actor, scope: Scope, kind: str, issuer: Unit, summary: str, data: dict | None = None,
                   recipients=(), signer_authority: str = "", signer_position: str = "", signer_name: str = "",
                   place: str = "", title: str = "", symbol: str = "", series: str = "",
                   superior_name: str | None = None, managed_by: str = "", managed_url: str = "") -> Document:
    """A new draft (no number, no date) of `kind` for `issuer`, filled from plain data. A workflow that
    signs the paper itself (its signature writes more than the number) names itself in `managed_by`."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": MSG_KIND})
    document = Document(kind=kind, issuer=issuer, issuer_name=issuer.name, created_by=_user(actor))
    require(scope, DOCUMENT_EDIT, document)
    values = {"summary": summary, "data": data, "recipients": recipients, "signer_authority": signer_authority,
              "signer_position": signer_position, "signer_name": signer_name,
              "place": place or _default_place(issuer), "title": title or KIND_TITLES[kind],
              "symbol": symbol or _symbol(kind, issuer), "series": series,
              "superior_name": _issuer_superior(issuer) if superior_name is None else superior_name}
    _apply(document, values)
    document.managed_by, document.managed_url = str(managed_by)[:120], str(managed_url)[:200]
    document.template = template_current(kind, issuer)
    document.full_clean(exclude=["issuer", "template", "signer", "created_by"])
    document.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=document, verb="document_draft",
                 after={"kind": kind, "issuer": issuer.code, "summary": document.summary})
    return document


def _default_place(issuer: Unit) -> str:
    return getattr(settings, "THIDUA_DOCUMENT_PLACE", "Hà Nội")


def _user(actor: Actor):
    return actor.user if getattr(actor.user, "pk", None) else None


def _apply(document: Document, values: dict) -> None:
    for key, value in values.items():
        if key == "data":
            document.data = clean_data(value)
        elif key == "recipients":
            document.recipients = _lines(value, "recipients")
        elif key == "summary":
            document.summary = _check_text(value or "", "summary", 500)
            if not document.summary:
                raise ValidationError({"summary": MSG_REQUIRED})
        elif key in ("symbol", "series"):
            setattr(document, key, _check_text(value or "", key, 60).upper().replace(" ", ""))
        elif key in EDITABLE:
            limit = Document._meta.get_field(key).max_length
            setattr(document, key, _check_text(value or "", key, limit))
    if not document.symbol:
        raise ValidationError({"symbol": MSG_REQUIRED})
    if not document.place:
        raise ValidationError({"place": MSG_REQUIRED})


@transaction.atomic
def document_update(*, actor: Actor, scope: Scope, document: Document, **changes) -> Document:
    """Change a draft (any of EDITABLE); a signed document is locked."""
    document = Document.objects.select_for_update().select_related("issuer").get(pk=document.pk)
    require(scope, DOCUMENT_EDIT, document)
    if document.is_signed:
        raise ValidationError({"__all__": MSG_SIGNED_LOCKED.format(number=document.number_label)})
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "Trường này không sửa được."})
    before = {key: getattr(document, key) for key in changes}
    _apply(document, changes)
    document.template = template_current(document.kind, document.issuer)
    document.save()
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=document, verb="document_update",
                 before=before, after={key: getattr(document, key) for key in changes})
    return document


def signer_name_of(user) -> str:
    person = Person.objects.filter(user=user).first()
    return (person.full_name if person else "") or user.get_full_name() or user.username


def leaders_of(issuer: Unit) -> list:
    """The users who may sign for the issuer (a leader role on it or above it), by user name."""
    users = issuer_leaders(issuer).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=users, is_active=True).order_by("username"))


@transaction.atomic
def document_sign(*, actor: Actor, scope: Scope, document: Document, signer_user=None,
                  signed_on: datetime.date | None = None, by_workflow: bool = False) -> Document:
    """Signature: the signer's authority is checked, then the next number of the issuer's counter for
    the year and series is taken (the counter row locked until commit) with the date; locked after."""
    document = Document.objects.select_for_update().select_related("issuer").get(pk=document.pk)
    require(scope, DOCUMENT_SIGN, document)
    if document.is_signed:
        raise ValidationError({"number": MSG_ALREADY_SIGNED.format(number=document.number_label)})
    if document.managed_by and not by_workflow:
        raise ValidationError({"signer": MSG_MANAGED.format(workflow=document.managed_by, url=document.managed_url)})
    if signer_user is None:
        raise ValidationError({"signer": MSG_SIGNER_REQUIRED})
    if not allowed(scope_for_user(signer_user), DOCUMENT_SIGNER, document):
        raise ValidationError({"signer": MSG_NO_AUTHORITY.format(name=signer_name_of(signer_user),
                                                                 issuer=document.issuer_name)})
    signed_on = signed_on or datetime.date.today()
    if signed_on > datetime.date.today():
        raise ValidationError({"signed_on": MSG_SIGNED_FUTURE})
    document.number = counter_next(document.issuer, signed_on.year, document.series)
    document.year, document.signed_on, document.state = signed_on.year, signed_on, DocumentState.SIGNED
    document.signer = signer_user
    document.signer_name = document.signer_name or signer_name_of(signer_user)
    document.template = template_current(document.kind, document.issuer)
    document.save()
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=document, verb="document_sign",
                 before={"state": DocumentState.DRAFT},
                 after={"state": document.state, "number": document.number_label, "signed_on": signed_on.isoformat(),
                        "signer": document.signer_name})
    return document


def counter_next(issuer: Unit, year: int, series: str) -> int:
    """The next number: the counter row is created if missing (a concurrent creation is ignored), then
    locked with SELECT … FOR UPDATE, so two signatures never get the same number."""
    DocumentCounter.objects.bulk_create([DocumentCounter(issuer=issuer, year=year, series=series)],
                                        ignore_conflicts=True)
    counter = DocumentCounter.objects.select_for_update().get(issuer=issuer, year=year, series=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def render_context(document: Document) -> dict:
    data = document.data or {}
    return {
        "superior": document.superior_name, "issuer": document.issuer_name, "number_label": document.number_label,
        "place": document.place, "date_text": date_text(document.signed_on), "title": document.title,
        "summary": document.summary, "authority": data.get("authority", ""),
        "citations": data.get("citations", []), "paragraphs": data.get("paragraphs", []),
        "articles": data.get("articles", []), "annex": data.get("annex"), "recipients": document.recipients,
        "signer_authority": document.signer_authority, "signer_position": document.signer_position,
        "signer_name": document.signer_name, "data": data.get("fields", {}),
    }


def document_render(document: Document, fmt: str) -> bytes:
    """The document as .docx or .pdf, from the template version it keeps (an earlier document comes
    out as it was issued even after a newer template was uploaded)."""
    if fmt not in ("docx", "pdf"):
        raise ValidationError({"format": MSG_FORMAT})
    template = bytes(document.template.content) if document.template_id else default_template_bytes(document.kind)
    docx = fill_docx(template, render_context(document))
    return docx if fmt == "docx" else docx_to_pdf(docx)


def document_filename(document: Document, fmt: str) -> str:
    label = f"so-{document.number:02d}-{document.year}" if document.number else f"du-thao-{document.pk}"
    return f"{document.kind}-{label}.{fmt}"


@transaction.atomic
def template_upload(*, actor: Actor, scope: Scope, kind: str, issuer: Unit, content: bytes, name: str,
                    note: str = "") -> DocumentTemplate:
    """A new version of the issuer's template of `kind`, stored only when it passes `template_check`."""
    require(scope, TEMPLATE_UPLOAD, issuer)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": MSG_KIND})
    placeholders = template_check(content)
    last = DocumentTemplate.objects.select_for_update().filter(kind=kind, issuer=issuer) \
        .aggregate(last=Max("version"))["last"] or 0
    template = DocumentTemplate.objects.create(
        kind=kind, issuer=issuer, version=last + 1, name=clean_text(name or f"{kind}.docx", "file", 200)[:200],
        content=content, placeholders=placeholders, note=clean_text(note or "", "note", 300),
        uploaded_by=_user(actor))
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=template, verb="document_template_upload",
                 after={"kind": kind, "issuer": issuer.code, "version": template.version})
    return template
