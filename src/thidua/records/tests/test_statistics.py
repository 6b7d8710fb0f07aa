"""Look-up and statistics of awards: counts by year, level, form and unit, the register of decisions,
within the user's scope; bad filters get a message at their field."""
import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.records import services as history
from thidua.records.models import Award
from thidua.records.statistics import LEVEL_LABELS, MSG_UNIT, MSG_YEARS

D = datetime.date
URL, REGISTER = "/thong-ke/khen-thuong/", "/thong-ke/quyet-dinh/"


@pytest.fixture
def awarded(org, people, system_actor, root_scope):
    def add(subject, year, code, no="", date=None):
        history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=subject, year=year, code=code,
                            decision_no=no, decision_date=date)

    thang, lan = people["thang"], people["lan"]
    add(thang, 2024, "LDTT", "12/QĐ-VTĐKT", D(2025, 1, 10))
    add(thang, 2024, "CSTDCS", "12/QĐ-VTĐKT", D(2025, 1, 10))
    add(thang, 2025, "BK_BO", "88/QĐ-BTP", D(2026, 2, 1))
    add(lan, 2025, "LDTT", "20/QĐ-VPC", D(2026, 1, 15))
    add(org["VA"], 2025, "TTLDTT", "88/QĐ-BTP", D(2026, 2, 1))
    return org


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_it_counts_by_year_level_form_and_unit(awarded, personas):
    r = _client(personas["admin"]).get(URL, {"year_from": 2024, "year_to": 2025, "unit": "BO"})
    assert r.status_code == 200
    data = r.context["data"]
    assert data.total == 5
    assert [(y["year"], y["individuals"], y["collectives"]) for y in data.by_year] == [(2024, 2, 0), (2025, 2, 1)]
    levels = {row["level"]: row["counts"] for row in data.by_level}
    assert levels == {"ministry": [0, 1], "base": [2, 2]}    # BK bộ; LĐTT, CSTĐCS, TTLĐTT
    forms = {row["code"]: row["total"] for row in data.by_form}
    assert forms == {"LDTT": 2, "CSTDCS": 1, "BK_BO": 1, "TTLDTT": 1}
    units = {row["unit"].code: (row["individuals"], row["collectives"]) for row in data.by_unit}
    assert units == {"VA": (3, 1), "VB": (1, 0)}
    html = r.content.decode()
    assert LEVEL_LABELS["ministry"] in html and "Bằng khen" in html and 'id="chart-years"' in html


def test_it_counts_only_what_the_user_may_see(awarded, personas):
    data = _client(personas["officer_a"]).get(URL, {"year_from": 2024, "year_to": 2025}).context["data"]
    assert data.total == 4                                   # Thắng's three and VA's collective, not Lan's
    assert [row["unit"].code for row in data.by_unit] == ["VA"]
    html = _client(personas["officer_a"]).get(URL, {"year_from": 2024, "year_to": 2025, "unit": "VB"})
    assert html.status_code == 400 and MSG_UNIT.format(code="VB") in html.content.decode()


@pytest.mark.parametrize("query, field", [
    ({"year_from": 2026, "year_to": 2024}, "year_to"),
    ({"year_from": "abc", "year_to": 2025}, "year_from"),
    ({"year_from": 1990, "year_to": 2025}, "year_from"),
    ({"year_from": 2024, "year_to": 2025, "unit": "KHONG-CO"}, "unit"),
    ({"year_from": 2024, "year_to": 2025, "unit": "<b>A B"}, "unit"),
])
def test_bad_filters_get_a_message_at_their_field(awarded, personas, query, field):
    r = _client(personas["admin"]).get(URL, query)
    html = r.content.decode()
    assert r.status_code == 400 and f'id="err-{field}"' in html and r.context["data"] is None
    assert _client(personas["admin"]).get(REGISTER, query).status_code == 400
    if field == "year_to":
        assert MSG_YEARS in html


def test_the_xlsx_has_a_sheet_per_table(awarded, personas):
    r = _client(personas["admin"]).get(URL, {"year_from": 2024, "year_to": 2025, "unit": "BO", "format": "xlsx"})
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Theo năm", "Theo cấp", "Theo hình thức", "Theo đơn vị"]
    forms = {row[1]: row[-1] for row in book["Theo hình thức"].iter_rows(min_row=2, values_only=True)}
    assert forms["LDTT"] == 2 and forms["BK_BO"] == 1
    assert list(book["Theo năm"].iter_rows(min_row=2, values_only=True)) == [(2024, 2, 0, 2), (2025, 2, 1, 3)]


def test_the_register_lists_each_decision_once_with_its_counts(awarded, personas):
    rows = _client(personas["admin"]).get(REGISTER, {"year_from": 2024, "year_to": 2025}).context["rows"]
    by_no = {r["decision_no"]: (r["individuals"], r["collectives"], r["codes"]) for r in rows}
    assert by_no == {"88/QĐ-BTP": (1, 1, ["BK_BO", "TTLDTT"]), "20/QĐ-VPC": (1, 0, ["LDTT"]),
                     "12/QĐ-VTĐKT": (2, 0, ["CSTDCS", "LDTT"])}
    assert [r["decision_no"] for r in rows][0] == "88/QĐ-BTP"   # newest first
    own = _client(personas["officer_b"]).get(REGISTER, {"year_from": 2024, "year_to": 2025}).context["rows"]
    assert [r["decision_no"] for r in own] == ["20/QĐ-VPC"]


def test_a_staff_member_without_view_is_refused(awarded, personas):
    assert _client(personas["staff"]).get(URL).status_code == 403


def test_the_api_answers_the_same_counts_and_field_errors(awarded, personas):
    c = _client(personas["admin"])
    body = c.get("/api/v1/statistics/awards", {"year_from": 2024, "year_to": 2025, "unit": "BO"}).json()
    assert body["total"] == 5 and {u["code"]: u["total"] for u in body["by_unit"]} == {"VA": 4, "VB": 1}
    bad = c.get("/api/v1/statistics/awards", {"year_from": 2026, "year_to": 2024})
    assert bad.status_code == 422 and bad.json()["detail"] == [{"field": "year_to", "message": MSG_YEARS}]
    register = c.get("/api/v1/statistics/decisions", {"year_from": 2024, "year_to": 2025}).json()
    assert register[0]["decision_no"] == "88/QĐ-BTP" and register[0]["codes"] == ["BK_BO", "TTLDTT"]
    assert _client(personas["staff"]).get("/api/v1/statistics/awards").status_code == 403
