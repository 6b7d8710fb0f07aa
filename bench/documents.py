"""Official papers: `bench_documents()` (called by harness.py, step `documents`).

- `documents.decision_docx_500_s`: a decision with a 500-row annex filled into the default .docx
  template (docxtpl), median of 3 (target ≤ 5);
- `documents.decision_pdf_500_s`: the same decision as PDF: the .docx converted by LibreOffice
  headless, the process's profile already created (one warm-up conversion first), median of 3 (≤ 15);
- `documents.certificates_1000_s`: 1,000 Bằng khen (A3 landscape) as one PDF with WeasyPrint, once
  (≤ 60).
Nothing is written to the database: the documents are unsaved `Document` objects. Alone:
    PYTHONPATH=src:bench DJANGO_SETTINGS_MODULE=thidua.settings .venv/bin/python -c \
        "import django; django.setup(); import documents; print(documents.bench_documents())"
"""
import datetime
import statistics
import time

from thidua.documents.certificates import certificates_render
from thidua.documents.models import Document
from thidua.documents.services import clean_data, document_render


def decision(rows: int = 500) -> Document:
    data = clean_data({
        "authority": "Chủ tịch Ủy ban nhân dân tỉnh",
        "citations": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
                      "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                      "Căn cứ Nghị định số 152/2025/NĐ-CP;"],
        "articles": ["Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 500 cá nhân có tên trong danh sách "
                     "kèm theo, vì đã có thành tích xuất sắc trong công tác năm 2026.",
                     "Tiền thưởng kèm theo Bằng khen chi từ quỹ thi đua, khen thưởng của tỉnh.",
                     "Chánh Văn phòng, Giám đốc Sở Nội vụ và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
                     "hành Quyết định này."],
        "annex": {"title": "Danh sách cá nhân được tặng Bằng khen", "subtitle": "(Kèm theo Quyết định số 05/QĐ-UBND)",
                  "columns": ["STT", "Họ và tên", "Chức vụ, đơn vị"],
                  "rows": [[str(i), f"Nguyễn Thị Ánh Tuyết {i}", "Chuyên viên Phòng Tổng hợp, Sở Nội vụ"]
                           for i in range(1, rows + 1)]}})
    return Document(kind="decision", issuer_name="Ủy ban nhân dân tỉnh Hà Nam", superior_name="", symbol="QĐ-UBND",
                    place="Hà Nam", title="Quyết định", summary="Về việc tặng Bằng khen năm 2026", data=data,
                    recipients=["Như Điều 3", "Lưu: VT, NV"], signer_authority="KT. Chủ tịch",
                    signer_position="Phó Chủ tịch", signer_name="Trần Văn Đức", number=5, year=2027,
                    signed_on=datetime.date(2027, 1, 5), state="signed")


def certificate_rows(n: int) -> list[dict]:
    return [{"name": f"Nguyễn Thị Ngọc Ánh {i}", "unit": "Phòng Tổng hợp, Sở Nội vụ",
             "achievement": "Đã có thành tích xuất sắc trong công tác năm 2026", "decision_number": "05/QĐ-UBND",
             "decision_date": "05/01/2027", "golden_book": str(i), "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam",
             "place": "Hà Nam", "date": "05/01/2027", "signer_position": "Chủ tịch", "signer_name": "Trần Văn Đức"}
            for i in range(1, n + 1)]


def _median(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def bench_documents() -> dict:
    document = decision(500)
    figures = {"documents.decision_docx_500_s": _median(lambda: document_render(document, "docx"))}
    document_render(decision(1), "pdf")   # creates this process's LibreOffice profile
    figures["documents.decision_pdf_500_s"] = _median(lambda: document_render(document, "pdf"))
    rows = certificate_rows(1000)
    started = time.perf_counter()
    certificates_render("bang_khen", rows)
    figures["documents.certificates_1000_s"] = round(time.perf_counter() - started, 3)
    return figures

