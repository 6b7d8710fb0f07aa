import io

from openpyxl import Workbook

from thidua.imports import layout


def xlsx(kind: str, rows: list[dict], headers: list[str] | None = None) -> bytes:
    """A workbook in the kind's layout; rows are {column key: value}."""
    workbook = Workbook()
    sheet = workbook.active
    columns = layout.COLUMNS[kind]
    sheet.append(headers or [column.header for column in columns])
    for row in rows:
        sheet.append([row.get(column.key) for column in columns])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def person(citizen_id, name, unit, **cells):
    return {"citizen_id": citizen_id, "full_name": name, "unit": unit, "staff_type": "Công chức", **cells}
