"""Certificates (Bằng khen, Giấy khen, title certificates) printed in batch as one PDF with WeasyPrint.

A form is an HTML/CSS template (`templates/documents/certificates/`, A3 landscape by default, after
the layout of Nghị định 50/2006 Điều 28: Quốc hiệu, Tiêu ngữ, issuer in red, "Tặng", the form, the name,
unit, achievement; bottom left the decision number and date and the golden-book number; bottom
right place, date, signer title and name with 35 mm for the signature and seal). A form may have a template of its own
(`documents/certificates/<form>.html`, e.g. in an installation's template folder); otherwise the
shared layout takes the form's label and colour from FORMS. A list of rows (plain dicts) fills it. Small lists render in the request (`certificates_render`); long ones go
through a job (`certificates_start`, handler in `documents.tasks`)."""
import datetime
import io

from django.template.loader import render_to_string

from thidua.common.clean import text_problem
from thidua.common.errors import ValidationError
from thidua.documents.render import date_text

FORMS = {
    "bang_khen": {"label": "Bằng khen", "color": "#b3171d", "give": "TẶNG", "title_label": ""},
    "giay_khen": {"label": "Giấy khen", "color": "#0b4f9c", "give": "TẶNG", "title_label": ""},
    "danh_hieu": {"label": "Bằng chứng nhận", "color": "#b3171d", "give": "CHỨNG NHẬN",
                  "title_label": "Danh hiệu được tặng cho"},
}
FIELDS = {
    "name": "Họ và tên (hoặc tên tập thể)", "unit": "Chức vụ, đơn vị", "achievement": "Thành tích",
    "title": "Danh hiệu (bằng chứng nhận danh hiệu)", "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định", "golden_book": "Số sổ vàng", "issuer": "Cơ quan, người tặng",
    "place": "Địa danh", "date": "Ngày ký", "signer_position": "Chức vụ người ký", "signer_name": "Người ký",
}
# a list at most this long renders in the request; longer lists always go through a job
INLINE_LIMIT = 200
MAX_ROWS = 20_000
MSG_FORM = "Mẫu bằng không hợp lệ: chọn Bằng khen, Giấy khen hoặc Bằng chứng nhận danh hiệu."
MSG_EMPTY = "Danh sách trống: cần ít nhất một dòng có họ và tên."
MSG_TOO_MANY = "Danh sách quá dài: tối đa {limit} dòng mỗi lần in."
MSG_ROW = "Dòng {row}: {message}"
MSG_NAME = "thiếu họ và tên."
MSG_UNKNOWN_FIELD = "cột «{name}» không được hỗ trợ (các cột: {known})."
MSG_TOO_INLINE = "Danh sách có {rows} dòng: quá {limit} dòng phải in bằng tác vụ nền."


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    try:  # an ISO date from a .json list is printed the Vietnamese way, like a date cell of an .xlsx
        return datetime.date.fromisoformat(text).strftime("%d/%m/%Y") if len(text) == 10 else text
    except ValueError:
        return text


def clean_rows(rows) -> list[dict]:
    """The list as dicts of text, each with a name; the first problem as a ValidationError at `rows`."""
    if not isinstance(rows, (list, tuple)):
        raise ValidationError({"rows": MSG_EMPTY})
    if len(rows) > MAX_ROWS:
        raise ValidationError({"rows": MSG_TOO_MANY.format(limit=f"{MAX_ROWS:,}".replace(",", "."))})
    out = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ValidationError({"rows": MSG_ROW.format(row=number, message=MSG_NAME)})
        extra = [k for k in row if k not in FIELDS]
        if extra:
            raise ValidationError({"rows": MSG_ROW.format(row=number, message=MSG_UNKNOWN_FIELD.format(
                name=str(extra[0])[:40], known=", ".join(FIELDS)))})
        clean = {key: _text(row.get(key)) for key in FIELDS}
        for value in clean.values():
            if text_problem(value):
                raise ValidationError({"rows": MSG_ROW.format(row=number, message=text_problem(value))})
        if not clean["name"]:
            raise ValidationError({"rows": MSG_ROW.format(row=number, message=MSG_NAME)})
        out.append(clean)
    if not out:
        raise ValidationError({"rows": MSG_EMPTY})
    return out


def _dated(row: dict) -> dict:
    """"Hà Nội, ngày 05 tháng 01 năm 2027" from a dd/mm/yyyy or ISO date; other text is printed as given."""
    value = row["date"]
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            row = {**row, "date": date_text(datetime.datetime.strptime(value, pattern).date())}
            break
        except ValueError:
            continue
    return row


def certificates_html(form: str, rows: list[dict]) -> str:
    if form not in FORMS:
        raise ValidationError({"form": MSG_FORM})
    spec = FORMS[form]
    return render_to_string([f"documents/certificates/{form}.html", "documents/certificates/base.html"], {
        "rows": [_dated(r) for r in rows], "form_label": spec["label"], "color": spec["color"],
        "give": spec["give"], "title_label": spec["title_label"]})


def certificates_render(form: str, rows, progress=None, chunk: int = 100) -> bytes:
    """One PDF of all the rows' certificates. WeasyPrint lays the pages out in chunks (bounded memory,
    progress between chunks); the chunks' pages are joined into one document."""
    import weasyprint  # noqa: PLC0415  (heavy: imported only when a certificate is printed)

    if form not in FORMS:
        raise ValidationError({"form": MSG_FORM})
    rows = clean_rows(rows)
    documents, done = [], 0
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        documents.append(weasyprint.HTML(string=certificates_html(form, part)).render())
        done += len(part)
        if progress:
            progress(done, len(rows))
    first = documents[0]
    pages = [page for document in documents for page in document.pages]
    out = io.BytesIO()
    first.copy(pages).write_pdf(out)
    return out.getvalue()


def certificates_preview(form: str, rows) -> bytes:
    """The first certificate alone, as a one-page PDF (shown before the batch runs)."""
    rows = clean_rows(rows)
    return certificates_render(form, rows[:1])
