"""The named placeholders a .docx template may use, and the check an uploaded template passes.

The same names for every kind: the header and signer block come from the `Document`, the body from
its plain `data` (citations, paragraphs, articles, annex). An upload is refused, with the name in
Vietnamese, when a tag is malformed (Jinja syntax) or names a placeholder outside this list."""
import io
import re
import zipfile

from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError
from jinja2.exceptions import SecurityError

from thidua.common.errors import ValidationError
from thidua.documents.render import fill_docx_raw, template_environment

PLACEHOLDERS = {
    "superior": "Tên cơ quan chủ quản (dòng trên tên cơ quan ban hành)",
    "issuer": "Tên cơ quan, tổ chức ban hành",
    "number_label": "Số, ký hiệu (ví dụ 05/QĐ-UBND; để trống khi chưa ký)",
    "place": "Địa danh",
    "date_text": "Thời gian ban hành (ngày 05 tháng 01 năm 2027)",
    "title": "Tên loại văn bản (Quyết định, Biên bản…)",
    "summary": "Trích yếu nội dung",
    "authority": "Thẩm quyền ban hành (dòng trên các căn cứ)",
    "citations": "Các căn cứ (danh sách)",
    "paragraphs": "Các đoạn nội dung (danh sách)",
    "articles": "Các điều (danh sách; \"Điều 1.\" đánh số tự động)",
    "annex": "Phụ lục kèm theo: annex.title, annex.subtitle, annex.columns, annex.rows",
    "recipients": "Nơi nhận (danh sách)",
    "signer_authority": "Quyền hạn ký (TM., KT., TL., TUQ. …)",
    "signer_position": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "data": "Các trường riêng của quy trình (data.ten_truong)",
}

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MSG_NOT_DOCX = "Tệp không phải văn bản Word .docx hợp lệ (hãy lưu mẫu bằng Word hoặc LibreOffice dưới dạng .docx)."
MSG_TOO_BIG = "Tệp mẫu quá lớn: tối đa 5 MB."
MSG_SYNTAX = "Mẫu có thẻ viết sai cú pháp{where}: {reason} Hãy sửa thẻ rồi tải lên lại."
MSG_UNSAFE = ("Mẫu có thẻ truy cập vào thành phần nội bộ (tên bắt đầu bằng dấu gạch dưới hoặc lời gọi không được "
              "phép): chỉ dùng các trường trong danh sách.")
MSG_UNKNOWN = ("Mẫu dùng trường không có trong danh sách: {names}. Các trường được dùng: {known}.")
SYNTAX_REASONS = [
    ("unexpected end of template", "thiếu thẻ đóng ({% endfor %} hoặc {% endif %})."),
    ("unknown tag", "có thẻ lệnh không hợp lệ hoặc thẻ đóng thừa."),
    ("expected token", "biểu thức trong thẻ không đầy đủ."),
    ("unexpected", "có ký tự không mong đợi trong thẻ (ví dụ thiếu hoặc thừa dấu ngoặc)."),
    ("no filter named", "dùng bộ lọc không có."),
]
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[{%][^{}]*$|\{[{%][^}]*\}(?!\})")


def _reason(exc: TemplateError) -> str:
    text = str(getattr(exc, "message", "") or exc).lower()
    for needle, reason in SYNTAX_REASONS:
        if needle in text:
            return reason
    return "một thẻ {{ … }} hoặc {% … %} không đúng cú pháp."


def _broken_tag(content: bytes) -> str:
    """The first tag, read in the document's own text, that Jinja cannot parse alone (a hint for the
    message: the error's line number points into the XML, not at what the author typed)."""
    env = Environment()
    document = DocxTemplate(io.BytesIO(content)).get_docx()
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    for line in lines:
        for tag in _TAG.findall(line):
            if tag.startswith("{%") and not tag.startswith(("{%p", "{%tr", "{%tc", "{%r")):
                continue   # block tags are only whole with their end tag
            probe = tag.replace("{%p ", "{% ").replace("{%tr ", "{% ").replace("{%tc ", "{% ").replace("{%r ", "{% ")
            if probe.startswith("{{"):
                try:
                    env.parse(probe)
                except TemplateError:
                    return tag
            elif not probe.endswith("%}") and not probe.endswith("}}"):
                return tag
    return ""


def sample_context() -> dict:
    """Values for a trial render of an uploaded template (one of each list, a small annex)."""
    context = {name: f"[{name}]" for name in PLACEHOLDERS}
    context.update(citations=["Căn cứ …"], paragraphs=["Nội dung …"], articles=["Điều khoản …"],
                   recipients=["Như trên", "Lưu: VT"], data={},
                   annex={"title": "Danh sách", "subtitle": "", "columns": ["STT", "Họ và tên"], "rows": [["1", "A"]]})
    return context


def template_check(content: bytes) -> list[str]:
    """The placeholders an uploaded .docx template uses, or a ValidationError at `file` naming what is
    wrong (not a .docx, a malformed tag, an unknown placeholder). A trial render must succeed too."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError({"file": MSG_TOO_BIG})
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ValidationError({"file": MSG_NOT_DOCX})
    try:
        template = DocxTemplate(io.BytesIO(content))
        template.get_docx()
    except Exception:  # python-docx refuses a zip that is not a Word document
        raise ValidationError({"file": MSG_NOT_DOCX}) from None
    try:
        names = template.get_undeclared_template_variables(jinja_env=template_environment())
    except TemplateError as exc:
        tag = _broken_tag(content)
        where = f" ở «{tag}»" if tag else ""
        raise ValidationError({"file": MSG_SYNTAX.format(where=where, reason=_reason(exc))}) from None
    unknown = sorted(set(names) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError({"file": MSG_UNKNOWN.format(
            names=", ".join(f"«{name}»" for name in unknown), known=", ".join(PLACEHOLDERS))})
    try:
        fill_docx_raw(content, sample_context())
    except SecurityError:
        raise ValidationError({"file": MSG_UNSAFE}) from None
    except TemplateError as exc:
        raise ValidationError({"file": MSG_SYNTAX.format(where="", reason=_reason(exc))}) from None
    except Exception:
        raise ValidationError({"file": MSG_SYNTAX.format(where="", reason="không điền thử được dữ liệu mẫu.")}) \
            from None
    return sorted(names)
