"""Plain data for tests: a decision with an annex, as a workflow would pass it."""
import io
import subprocess
import tempfile

from docx import Document as DocxDocument


def decision_data(rows: int = 3) -> dict:
    return {
        "authority": "Bộ trưởng Bộ Tư pháp",
        "citations": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                      "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023;"],
        "articles": ["Tặng Bằng khen cho các cá nhân có tên trong danh sách kèm theo.",
                     "Quyết định này có hiệu lực kể từ ngày ký."],
        "annex": {"title": "Danh sách cá nhân được khen thưởng", "subtitle": "(Kèm theo Quyết định)",
                  "columns": ["STT", "Họ và tên", "Đơn vị"],
                  "rows": [[str(i), f"Nguyễn Thị Ánh Tuyết {i}", "Phòng Tổng hợp"] for i in range(1, rows + 1)]},
    }


def docx_text(content: bytes) -> str:
    document = DocxDocument(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True,
                              check=True).stdout


def docx_with(*lines: str) -> bytes:
    document = DocxDocument()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
