"""The forms of the documents pages: drafting (plain lines in, the service's data out), signing,
uploading a template, printing certificates from a list."""
import io
import json

from django import forms
from python_calamine import CalamineWorkbook

from thidua.common.text import fold
from thidua.common.web import TypedInFull
from thidua.documents.certificates import FIELDS, FORMS
from thidua.documents.models import DocumentKind

MSG_ANNEX_COLUMNS = "Nhập tên các cột của phụ lục, cách nhau bởi dấu |, ví dụ: STT | Họ và tên | Đơn vị."
MSG_LIST_FILE = "Tệp danh sách phải là .xlsx hoặc .json."
MSG_LIST_UNREADABLE = "Không đọc được tệp danh sách: hãy lưu lại bằng Excel (.xlsx) hoặc gửi JSON là một mảng các dòng."
MSG_LIST_HEADER = "Dòng đầu của tệp phải là tên cột; không nhận ra cột «{name}» (các cột: {known})."
LIST_MAX_BYTES = 20 * 1024 * 1024
LINES_HELP = "Mỗi dòng một mục."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _cells(line: str) -> list[str]:
    separator = "\t" if "\t" in line else "|"
    return [cell.strip() for cell in line.split(separator)]


class DocumentForm(TypedInFull, forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", choices=DocumentKind.choices)
    issuer = forms.ChoiceField(label="Cơ quan ban hành")
    summary = forms.CharField(label="Trích yếu", max_length=500, help_text="Ví dụ: Về việc tặng Bằng khen năm 2026")
    place = forms.CharField(label="Địa danh", max_length=100, required=False, help_text="Mặc định: Hà Nội")
    series = forms.CharField(label="Sổ văn bản (để trống: sổ chung)", max_length=40, required=False)
    symbol = forms.CharField(label="Ký hiệu (để trống: tự đặt, ví dụ QĐ-UBND)", max_length=60, required=False)
    authority = forms.CharField(label="Thẩm quyền ban hành", max_length=300, required=False,
                                help_text="Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh")
    citations = forms.CharField(label="Căn cứ", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                help_text=LINES_HELP)
    paragraphs = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                 help_text=LINES_HELP)
    articles = forms.CharField(label="Các điều (quyết định)", widget=forms.Textarea(attrs={"rows": 4}),
                               required=False, help_text="Mỗi dòng một điều; \"Điều 1.\" được đánh số tự động.")
    annex_title = forms.CharField(label="Tên phụ lục", max_length=300, required=False,
                                  help_text="Ví dụ: Danh sách cá nhân được tặng Bằng khen")
    annex_columns = forms.CharField(label="Các cột của phụ lục", max_length=1000, required=False,
                                    help_text="Cách nhau bởi dấu |, ví dụ: STT | Họ và tên | Đơn vị")
    annex_rows = forms.CharField(label="Các dòng của phụ lục", widget=forms.Textarea(attrs={"rows": 5}),
                                 required=False, help_text="Mỗi dòng một người; các ô cách nhau bởi | hoặc dán từ Excel.")
    recipients = forms.CharField(label="Nơi nhận", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                 help_text=LINES_HELP)
    signer_authority = forms.CharField(label="Quyền hạn ký", max_length=200, required=False,
                                       help_text="Ví dụ: TM. Ủy ban nhân dân, KT. Chủ tịch")
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=200, required=False,
                                      help_text="Ví dụ: Phó Chủ tịch")

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [(u.code, u.name) for u in issuers]

    def clean(self):
        data = super().clean()
        if data.get("annex_rows") and not data.get("annex_columns"):
            self.add_error("annex_columns", MSG_ANNEX_COLUMNS)
        return data

    def document_data(self) -> dict:
        d = self.cleaned_data
        data = {"authority": d["authority"], "citations": _lines(d["citations"]),
                "paragraphs": _lines(d["paragraphs"]), "articles": _lines(d["articles"])}
        if d.get("annex_columns"):
            data["annex"] = {"title": d["annex_title"] or "Danh sách", "columns": _cells(d["annex_columns"]),
                             "rows": [_cells(line) for line in _lines(d["annex_rows"])]}
        return data

    @staticmethod
    def initial_from(document) -> dict:
        data = document.data or {}
        annex = data.get("annex") or {}
        return {"kind": document.kind, "issuer": document.issuer.code, "summary": document.summary,
                "place": document.place, "series": document.series, "symbol": document.symbol,
                "authority": data.get("authority", ""), "citations": "\n".join(data.get("citations", [])),
                "paragraphs": "\n".join(data.get("paragraphs", [])), "articles": "\n".join(data.get("articles", [])),
                "annex_title": annex.get("title", ""), "annex_columns": " | ".join(annex.get("columns", [])),
                "annex_rows": "\n".join(" | ".join(row) for row in annex.get("rows", [])),
                "recipients": "\n".join(document.recipients or []), "signer_authority": document.signer_authority,
                "signer_position": document.signer_position}


class SignForm(forms.Form):
    signer = forms.ChoiceField(label="Người ký")
    signed_on = forms.DateField(label="Ngày ký (để trống: hôm nay)", required=False,
                                input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text="dd/mm/yyyy")

    def __init__(self, *args, signers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = [("", "— Chọn người ký —")] + [(str(u.pk), name) for u, name in signers]


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", choices=DocumentKind.choices)
    issuer = forms.ChoiceField(label="Cơ quan ban hành")
    file = forms.FileField(label="Tệp mẫu .docx")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [(u.code, u.name) for u in issuers]


_HEADERS = {fold(label): key for key, label in FIELDS.items()} | {key: key for key in FIELDS}


def read_rows(upload) -> list[dict]:
    """The rows of an uploaded list: .json (an array of objects with FIELDS' keys) or .xlsx (first sheet,
    first row = column names, the keys or their Vietnamese labels)."""
    name = (upload.name or "").lower()
    if upload.size > LIST_MAX_BYTES:
        raise forms.ValidationError("Tệp danh sách quá lớn: tối đa 20 MB.")
    raw = upload.read()
    if name.endswith(".json"):
        try:
            rows = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(MSG_LIST_UNREADABLE) from None
        if not isinstance(rows, list):
            raise forms.ValidationError(MSG_LIST_UNREADABLE)
        return rows
    if not name.endswith(".xlsx"):
        raise forms.ValidationError(MSG_LIST_FILE)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(raw)).get_sheet_by_index(0).to_python()
    except Exception:  # calamine raises its own errors for a broken file
        raise forms.ValidationError(MSG_LIST_UNREADABLE) from None
    if not sheet:
        return []
    keys = []
    for cell in sheet[0]:
        key = _HEADERS.get(fold(str(cell)))
        if key is None and str(cell).strip():
            raise forms.ValidationError(MSG_LIST_HEADER.format(name=str(cell)[:40], known=", ".join(FIELDS.values())))
        keys.append(key)
    rows = []
    for values in sheet[1:]:
        row = {key: value for key, value in zip(keys, values) if key and value not in ("", None)}
        if row:
            rows.append(row)
    return rows


class CertificateForm(forms.Form):
    form = forms.ChoiceField(label="Mẫu bằng", choices=[(k, v["label"]) for k, v in FORMS.items()])
    file = forms.FileField(label="Danh sách (.xlsx hoặc .json)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = read_rows(upload)
        return upload
