"""The Excel files speak Vietnamese: headers, drop-downs and the help sheet show labels, never the
internal values (ministry, civil_servant, one_off…), the exports write the same labels, and the
import takes them back."""
import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from thidua.imports import layout
from thidua.imports.exports import LISTS_SHEET, export_bytes, template_bytes
from thidua.imports.services import import_file
from thidua.imports.tests.helpers import xlsx
from thidua.organizations.models import Unit, UnitKind
from thidua.people.models import StaffType
from thidua.records.models import Award, AwardKind, DisciplineForm
from thidua.records.services import history_add

INTERNAL = set(UnitKind.values) | set(StaffType.values) | set(AwardKind.values) | set(DisciplineForm.values)


def _cells(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield from (str(value) for value in row if value is not None)


def _drop_downs(workbook) -> dict[str, list[str]]:
    """header → the values its drop-down offers."""
    sheet, lists = workbook.worksheets[0], workbook[LISTS_SHEET]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    out = {}
    for validation in sheet.data_validations.dataValidation:
        column = re.match(r"[A-Z]+", str(validation.sqref)).group(0)
        ref = re.search(r"\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)", validation.formula1)
        out[headers[column]] = [lists[f"{ref.group(1)}{i}"].value for i in range(1, int(ref.group(2)) + 1)]
    return out


@pytest.mark.parametrize("kind", layout.KINDS)
def test_templates_offer_vietnamese_labels_only(kind):
    workbook = load_workbook(io.BytesIO(template_bytes(kind)))
    assert workbook.sheetnames[:2] == [layout.SHEET_TITLES[kind], layout.HELP_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    words = {word for text in _cells(workbook) for word in re.findall(r"[a-z_]+", text)}
    assert not (words & INTERNAL), words & INTERNAL


def test_drop_downs_hold_the_labels_even_with_commas():
    units = _drop_downs(load_workbook(io.BytesIO(template_bytes("units"))))
    assert units["Loại đơn vị"] == list(UnitKind.labels)
    people = _drop_downs(load_workbook(io.BytesIO(template_bytes("people"))))
    assert people["Loại cán bộ"] == list(StaffType.labels)
    history = _drop_downs(load_workbook(io.BytesIO(template_bytes("history"))))
    assert history["Loại khen thưởng"] == list(AwardKind.labels)
    assert history["Kỷ luật"] == list(DisciplineForm.labels)


def test_labels_import_and_exports_write_labels(people, org, system_actor, root_scope):
    rows = [{"code": "SO_X", "name": "Sở X", "kind": "Sở, ban, ngành tỉnh", "parent": "BO"}]
    result = import_file(actor=system_actor, scope=root_scope, kind="units", source=xlsx("units", rows))
    assert result.ok, [str(e) for e in result.errors]
    assert Unit.objects.get(code="SO_X").kind == "provincial_department"
    history_add(actor=system_actor, scope=root_scope, model=Award, subject=people["thang"], year=2024, code="GK",
                kind="one_off", decision_no="7/QĐ", decision_date=datetime.date(2024, 5, 1))
    for kind in ("units", "people", "history"):
        texts = set(_cells(load_workbook(io.BytesIO(export_bytes(kind, root_scope)))))
        assert not (texts & INTERNAL), (kind, texts & INTERNAL)
    history = set(_cells(load_workbook(io.BytesIO(export_bytes("history", root_scope)))))
    assert "Đột xuất" in history
    units = set(_cells(load_workbook(io.BytesIO(export_bytes("units", root_scope)))))
    assert "Sở, ban, ngành tỉnh" in units
