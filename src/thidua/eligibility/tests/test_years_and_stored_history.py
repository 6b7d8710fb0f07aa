"""Years asked in a query string are used as asked or refused with a message (never clamped), and
no stored history makes a page answer 500."""
import ast
import io
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.eligibility import services as svc
from thidua.eligibility import views
from thidua.jobs.models import Job
from thidua.records.models import YearRecord
from thidua.rules.catalog import TARGETS_BY_CODE
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

ELIGIBILITY = Path(svc.__file__).parent


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _pages(person, unit_code="BO"):
    """(url, query) of the card, the unit table, the quota page and a table cell's explanation."""
    return [(f"/xet-danh-hieu/ca-nhan/{person.pk}/the/", {}), (f"/xet-danh-hieu/don-vi/{unit_code}/", {}),
            (f"/xet-danh-hieu/don-vi/{unit_code}/ti-le/", {}),
            ("/xet-danh-hieu/giai-thich/", {"subject": f"p-{person.pk}", "target": "LDTT"})]


@pytest.fixture
def graded(people):
    """Thắng graded good in 2024 and 2025: the default year is 2025."""
    for y in (2024, 2025):
        YearRecord.objects.create(person=people["thang"], year=y, grade="good", months_worked=12)
    return people["thang"]


# --- years in a query string --------------------------------------------------------------------

@pytest.mark.parametrize("raw,template", [
    ("abc", views.MSG_YEAR_MALFORMED),
    ("20x5", views.MSG_YEAR_MALFORMED),
    ("2025.5", views.MSG_YEAR_MALFORMED),
    ("9" * 5000, views.MSG_YEAR_MALFORMED),
    ("1995", views.MSG_YEAR_RANGE),
    (str(MIN_YEAR - 1), views.MSG_YEAR_RANGE),
    (str(MAX_YEAR + 1), views.MSG_YEAR_RANGE),
    ("-2025", views.MSG_YEAR_RANGE),
])
def test_a_refused_year_is_said_on_every_page_and_the_default_year_is_shown(graded, personas, raw, template):
    message = template.format(value=raw[:20], lo=MIN_YEAR, hi=MAX_YEAR, year=2025)
    c = _client(personas["admin"])
    for url, query in _pages(graded):
        resp = c.get(url, {**query, "year": raw})
        assert resp.status_code == 200, url
        html = resp.content.decode()
        assert 'id="year-error"' in html and message in html, url
    table = c.get("/xet-danh-hieu/don-vi/BO/", {"year": raw}).content.decode()
    assert "— năm 2025" in table and "year=2025" in table  # the links carry the year shown, not the refused one


@pytest.mark.parametrize("year", [MIN_YEAR, 2010, MAX_YEAR])
def test_a_year_in_range_is_used_as_asked(graded, personas, year):
    c = _client(personas["admin"])
    for url, query in _pages(graded):
        html = c.get(url, {**query, "year": year}).content.decode()
        assert 'id="year-error"' not in html, url
    assert f"— năm {year}" in c.get("/xet-danh-hieu/don-vi/BO/", {"year": year}).content.decode()
    assert f"năm {year}" in c.get(_pages(graded)[0][0], {"year": year}).content.decode()


def test_no_year_means_the_default_year_without_a_message(graded, personas):
    html = _client(personas["admin"]).get("/xet-danh-hieu/don-vi/BO/").content.decode()
    assert "— năm 2025" in html and 'id="year-error"' not in html


def test_a_refused_year_starts_no_job_and_exports_no_file(graded, personas):
    c = _client(personas["admin"])
    resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": "1995", "job": "1"})
    assert resp.status_code == 200 and 'id="year-error"' in resp.content.decode()
    assert not Job.objects.exists()
    resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": "abc", "format": "xlsx"})
    assert resp["Content-Type"].startswith("text/html") and 'id="year-error"' in resp.content.decode()


def test_a_refused_year_runs_no_quota_check(graded, personas):
    html = _client(personas["admin"]).get("/xet-danh-hieu/don-vi/VA/ti-le/",
                                          {"year": "3000", "excellent": 3, "good": 10}).content.decode()
    assert 'id="year-error"' in html and 'id="quota-check"' not in html


def test_year_inputs_carry_the_rules_range(graded, personas):
    c = _client(personas["admin"])
    for url in [u for u, _ in _pages(graded)[:3]] + ["/xet-danh-hieu/"]:
        assert f'min="{MIN_YEAR}" max="{MAX_YEAR}"' in c.get(url).content.decode(), url


# --- stored history the rules do not cover ----------------------------------------------------------

@pytest.fixture
def old_grade(people):
    """A 1995 grade (records accept years from 1990; the rules start in 2000)."""
    return YearRecord.objects.create(person=people["thang"], year=1995, grade="good")


@pytest.mark.parametrize("year", [None, "2010", "2005", str(MIN_YEAR), "1995"])
def test_a_1995_grade_breaks_no_page(old_grade, people, personas, year):
    c = _client(personas["admin"])
    params = {"year": year} if year else {}
    for url, query in _pages(people["thang"]):
        resp = c.get(url, {**query, **params})
        assert resp.status_code == 200, url
    if year == "2010":  # the history window 1995–2010 is read from 2000 on
        card = c.get(f"/xet-danh-hieu/ca-nhan/{people['thang'].pk}/the/", params).content.decode()
        assert "năm 2010" in card and "Dữ liệu đã lưu không hợp lệ" not in card


def test_a_1995_grade_is_never_the_default_year(old_grade, personas):
    assert svc.default_year() != 1995
    html = _client(personas["admin"]).get("/xet-danh-hieu/don-vi/BO/").content.decode()
    assert 'id="year-error"' not in html


def test_the_unit_table_job_ignores_a_1995_grade(old_grade, personas, django_capture_on_commit_callbacks):
    c = _client(personas["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2005, "job": "1"})
    job = Job.objects.get()
    assert job.status == "done" and job.result["rows"] >= 2


def test_history_the_engine_refuses_answers_unknown_with_the_reason_and_the_others_still_answer():
    good = {"id": "p-1", "kind": "individual", "staff_type": "civil_servant",
            "history": [{"year": 2025, "grade": "good", "titles": [], "awards": [], "initiatives": [],
                         "discipline": None, "months_worked": 12}]}
    bad = {"id": "p-2", "kind": "individual", "staff_type": "civil_servant",
           "history": [{"year": 2024, "grade": "good"}, {"year": 2025, "grade": "good", "months_worked": 13}]}
    questions = [{"subject": s, "target": t, "year": 2025} for s in ("p-2", "p-1") for t in ("LDTT", "GK")]
    answers = svc._answer([good, bad], questions)
    assert [(a["subject"], a["target"]) for a in answers] == [(q["subject"], q["target"]) for q in questions]
    refused = answers[0]
    assert refused["eligible"] is None and refused["error"] == refused["missing"][0]
    assert refused["error"].startswith("Dữ liệu đã lưu không hợp lệ (năm 2025, số tháng công tác)")
    assert answers[2]["eligible"] is True and "error" not in answers[2]


def test_a_stored_value_outside_the_contract_breaks_no_page(people, personas):
    # written past the services (an old import): 13 months in a year
    YearRecord.objects.create(person=people["thang"], year=2025, grade="good", months_worked=13)
    YearRecord.objects.create(person=people["lan"], year=2025, grade="good", months_worked=12)
    c = _client(personas["admin"])
    for url, query in _pages(people["thang"]):
        assert c.get(url, {**query, "year": 2025}).status_code == 200, url
    assert c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "format": "xlsx"}).status_code == 200


# --- one vocabulary -------------------------------------------------------------------------------

def test_target_lists_come_from_the_catalog():
    assert svc.INDIVIDUAL_TARGETS == ["LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3"]
    assert svc.ARMED_INDIVIDUAL_TARGETS == ["CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD3"]
    assert svc.COLLECTIVE_TARGETS == ["TTLDTT", "TTLDXS", "CO_BO", "CO_CP", "GK", "BK_BO", "BK_TTG", "HCLD3"]
    assert svc.COLLECTIVE_TITLES == ["TTLDTT", "TTLDXS", "CO_BO", "CO_CP"]
    for code in svc.TABLE_TARGETS:
        assert TARGETS_BY_CODE[code].category in ("title", "form")


def test_the_index_offers_the_same_targets_as_the_table(personas):
    html = _client(personas["admin"]).get("/xet-danh-hieu/").content.decode()
    assert "".join(f'<option value="{t}">{t} – {svc.target_label(t)}</option>' for t in svc.FILTER_TARGETS) in html


def test_the_page_export_is_the_service_table(graded, org, personas):
    c = _client(personas["admin"])
    resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "format": "xlsx"})
    assert resp["Content-Disposition"].endswith(f'"{svc.TABLE_FILE_NAME.format(code="BO", year=2025)}"')
    got = [list(r) for r in load_workbook(io.BytesIO(resp.content)).active.values]
    rows = svc.table_rows(svc.unit_answers(org["BO"], 2025), {"target": "", "status": ""})
    headers, body = svc.table_export(rows, svc.table_targets(rows))
    assert got[0] == headers and [[v or "" for v in r] for r in got[1:]] == body


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_the_job_imports_no_view_and_eligibility_imports_no_api():
    assert "thidua.eligibility.views" not in _imports(ELIGIBILITY / "tasks.py")
    for path in ELIGIBILITY.glob("*.py"):
        assert not any(m.startswith("thidua.api") for m in _imports(path)), path.name
