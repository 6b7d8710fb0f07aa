"""Writing .xlsx responses (streamed through openpyxl's write-only mode)."""
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thidua.common.clean import strip_control, text_problem

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A cell that holds `value` as text, never a formula, even once edited in Excel (quote prefix)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_row(sheet, row) -> list:
    """The row with every string that starts like a formula ("=", "+", "-", "@") written as text.

    Only strings: a real negative number stays a number. A control character (which no stored text
    should hold, common.clean) is dropped rather than let openpyxl refuse the whole file."""
    out = list(row)
    for position, value in enumerate(out):
        if type(value) is str and text_problem(value):
            out[position] = value = strip_control(value)
        if type(value) is str and value.startswith(FORMULA_STARTS):
            out[position] = text_cell(sheet, value)
    return out


def xlsx_bytes(sheet_title: str, headers: list[str], rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 28
    bold = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = Font(bold=True)
        bold.append(c)
    ws.append(bold)
    for row in rows:
        ws.append(safe_row(ws, row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, sheet_title: str, headers: list[str], rows) -> HttpResponse:
    resp = HttpResponse(xlsx_bytes(sheet_title, headers, rows), content_type=XLSX_MIME)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def xlsx_book_response(filename: str, sheets: list[tuple[str, list[str], list]]) -> HttpResponse:
    """One workbook of several sheets: (title, headers, rows) each, written like `xlsx_bytes`."""
    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.column_dimensions["A"].width = 28
        head = []
        for h in headers:
            c = WriteOnlyCell(ws, value=h)
            c.font = Font(bold=True)
            head.append(c)
        ws.append(head)
        for row in rows:
            ws.append(safe_row(ws, row))
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX_MIME)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
