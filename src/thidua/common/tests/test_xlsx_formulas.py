"""Exported cells that start like a formula ("=", "+", "-", "@") are text, never formulas; real
negative numbers stay numbers (issue 14, part 8)."""
import io

import pytest
from openpyxl import load_workbook

from thidua.common.xlsx import xlsx_bytes
from thidua.organizations.models import Unit
from thidua.people.models import Person

EVIL = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]


def _cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_no_formula(content: bytes, expected: list[str]) -> None:
    cells = list(_cells(content))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for value in expected:
        assert value in by_value, value
        assert by_value[value].data_type == "s" and by_value[value].quotePrefix


def test_helper_escapes_strings_only():
    content = xlsx_bytes("T", ["a", "b", "c"], [[EVIL[0], -5, -1.5], ["-", "x", 0]])
    _assert_no_formula(content, [EVIL[0], "-"])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B2"].value == -5 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == -1.5 and sheet["C2"].data_type == "n"


@pytest.fixture
def evil_names(people, org):
    Person.objects.filter(pk=people["thang"].pk).update(full_name=EVIL[0], position=EVIL[3])
    Person.objects.filter(pk=people["lan"].pk).update(full_name=EVIL[1], position=EVIL[2])
    Unit.objects.filter(pk=org["PA1"].pk).update(name=EVIL[2])
    Unit.objects.filter(pk=org["VB"].pk).update(name=EVIL[3])


def test_person_list_export(client, personas, evil_names):
    client.force_login(personas["admin"])
    response = client.get("/ca-nhan/xuat-excel/")
    assert response.status_code == 200
    _assert_no_formula(response.content, EVIL)


@pytest.mark.parametrize("kind, expected", [("people", EVIL), ("units", [EVIL[2], EVIL[3]])])
def test_import_layout_exports(client, personas, evil_names, kind, expected):
    client.force_login(personas["admin"])
    response = client.get(f"/nhap-xuat/xuat/{kind}/")
    assert response.status_code == 200
    _assert_no_formula(response.content, expected)


def test_eligibility_table_export(client, personas, evil_names):
    client.force_login(personas["admin"])
    response = client.get("/xet-danh-hieu/don-vi/BO/?year=2025&format=xlsx")
    assert response.status_code == 200
    _assert_no_formula(response.content, [EVIL[0], EVIL[1], EVIL[2], EVIL[3]])
