"""Writing .xlsx responses (streamed through openpyxl's write-only mode)."""
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(sheet_title: str, headers: list[str], rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 28
    from openpyxl.cell import WriteOnlyCell

    bold = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = Font(bold=True)
        bold.append(c)
    ws.append(bold)
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, sheet_title: str, headers: list[str], rows) -> HttpResponse:
    resp = HttpResponse(xlsx_bytes(sheet_title, headers, rows), content_type=XLSX_MIME)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
