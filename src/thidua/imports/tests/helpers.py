import io

from openpyxl import Workbook

from thidua.imports import layout


def xlsx(kind: str, rows: list[dict], headers: list[str] | None = None) -> bytes:
    """A workbook in the kind's layout; rows are {column key: value}."""
    wb = Workbook()
    ws = wb.active
    cols = layout.COLUMNS[kind]
    ws.append(headers or [c.header for c in cols])
    for r in rows:
        ws.append([r.get(c.key) for c in cols])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def person(cccd, name, unit, **kw):
    return {"citizen_id": cccd, "full_name": name, "unit": unit, "staff_type": "Công chức", **kw}
