"""Filling a .docx template (docxtpl) and turning that same .docx into a PDF (LibreOffice headless).

One rendering path for both formats: the PDF is the converted .docx, so an agency's uploaded
template looks the same in both. LibreOffice runs with a private profile per process (two
conversions sharing a profile would block each other) under a lock and a timeout."""
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from thidua.common.errors import ValidationError
from thidua.documents.builder import TEMPLATE_DIR

SOFFICE_TIMEOUT_S = int(os.environ.get("THIDUA_SOFFICE_TIMEOUT", "180"))
MSG_NO_SOFFICE = ("Máy chủ chưa cài LibreOffice (lệnh soffice) nên chưa tạo được tệp PDF; tệp .docx vẫn tải được. "
                  "Quản trị hệ thống cài gói libreoffice-writer-nogui (scripts/system-packages.sh).")
MSG_SOFFICE_FAILED = "Không chuyển được văn bản sang PDF (LibreOffice báo lỗi). Hãy thử lại hoặc tải tệp .docx."
MSG_SOFFICE_TIMEOUT = "Chuyển văn bản sang PDF quá {seconds} giây nên đã dừng. Hãy thử lại sau hoặc tải tệp .docx."
MSG_RENDER_FAILED = ("Không điền được dữ liệu vào mẫu văn bản của cơ quan (mẫu dùng trường theo cách dữ liệu này "
                     "không có). Hãy sửa mẫu và tải lên phiên bản mới.")
_soffice_lock = threading.Lock()


def date_text(day: datetime.date | None) -> str:
    """"ngày 05 tháng 01 năm 2027" (a day below 10 and the months 1 and 2 take a leading 0: Phụ lục I);
    blanks before signature, for the hand-written date of a paper draft."""
    if day is None:
        return "ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def default_template_bytes(kind: str) -> bytes:
    return (TEMPLATE_DIR / f"{kind}.docx").read_bytes()


def template_environment() -> SandboxedEnvironment:
    """Jinja for templates an office uploads: sandboxed (no attribute starting with "_", no unsafe call:
    a template cannot reach Python's internals), autoescaped ("&" and "<" in the data stay text)."""
    return SandboxedEnvironment(autoescape=True)


def fill_docx_raw(template: bytes, context: dict) -> bytes:
    """The template filled with the context, in the sandbox (Jinja's own errors pass through)."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=template_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def fill_docx(template: bytes, context: dict) -> bytes:
    """As `fill_docx_raw`, a template's failure on this data being a Vietnamese ValidationError."""
    try:
        return fill_docx_raw(template, context)
    except TemplateError:
        raise ValidationError({"format": MSG_RENDER_FAILED}) from None


def soffice_path() -> str | None:
    return shutil.which(os.environ.get("THIDUA_SOFFICE", "soffice"))


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx through `soffice --headless --convert-to pdf` (ValidationError in Vietnamese
    when LibreOffice is missing, fails or overruns its timeout)."""
    binary = soffice_path()
    if not binary:
        raise ValidationError({"format": MSG_NO_SOFFICE})
    profile = Path(tempfile.gettempdir()) / f"thidua-soffice-{os.getpid()}"
    with _soffice_lock, tempfile.TemporaryDirectory(prefix="thidua-pdf-") as work:
        source = Path(work) / "van-ban.docx"
        source.write_bytes(docx)
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", work, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT_S, check=False,
                           env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise ValidationError({"format": MSG_SOFFICE_TIMEOUT.format(seconds=SOFFICE_TIMEOUT_S)}) from None
        target = Path(work) / "van-ban.pdf"
        if not target.exists():
            raise ValidationError({"format": MSG_SOFFICE_FAILED})
        return target.read_bytes()
