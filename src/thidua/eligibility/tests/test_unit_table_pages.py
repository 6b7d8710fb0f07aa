"""The unit table is shown on screen at any size: paged (people in Vietnamese order, then collectives),
only the page's people answered in full, with totals per target over the whole unit."""
import datetime

import pytest
from django.test import Client

from thidua.eligibility import services as svc
from thidua.eligibility import views
from thidua.people import services as ppl


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def more_people(chain, org, system_actor, root_scope):
    for i, name in enumerate(["Đỗ Văn An", "Dương Văn An", "Lê Bình", "Hoàng Thị Đào", "Phạm Văn Cường"]):
        ppl.person_create(actor=system_actor, scope=root_scope, citizen_id=f"00109000020{i}", full_name=name,
                          unit=org["PA1"], staff_type="civil_servant", start=datetime.date(2020, 1, 1))


def test_pages_cover_every_subject_once_in_order(more_people, personas, org, monkeypatch):
    monkeypatch.setattr(svc, "TABLE_PAGE_SIZE", 3)
    full = svc.unit_answers(org["BO"], 2025)
    whole = svc.table_rows(full, {})
    seen, page = [], 1
    while True:
        table = svc.unit_table_page(org["BO"], 2025, {}, page)
        seen += [(r["id"], r["answers"]) for r in table["rows"]]
        if page == table["pages"]:
            break
        page += 1
    assert table["pages"] == -(-len(whole) // 3)
    assert sorted(s for s, _ in seen) == sorted(r["id"] for r in whole)
    assert dict(seen) == {r["id"]: r["answers"] for r in whole}  # the page's answers are the full ones
    names = [r["name"] for p in range(1, table["pages"] + 1)
             for r in svc.unit_table_page(org["BO"], 2025, {}, p)["rows"] if not r["collective"]]
    assert names[:3] == ["Dương Văn An", "Đỗ Văn An", "Lê Bình"]


def test_totals_count_the_whole_unit(more_people, org):
    table = svc.unit_table_page(org["BO"], 2025, {}, 1, size=2)
    full = svc.unit_answers(org["BO"], 2025)
    for row in table["totals"]:
        answers = [a for by_target in full["answers"].values() for t, a in by_target.items() if t == row["target"]]
        assert (row["yes"], row["no"], row["unknown"]) == (
            sum(a["eligible"] is True for a in answers), sum(a["eligible"] is False for a in answers),
            sum(a["eligible"] is None for a in answers)), row["target"]
        assert row["label"] and row["label"] != row["target"]


def test_a_large_unit_is_shown_on_screen_with_a_pager(more_people, personas, monkeypatch):
    monkeypatch.setattr(views, "INLINE_LIMIT", 2)
    monkeypatch.setattr(svc, "TABLE_PAGE_SIZE", 3)
    c = _client(personas["admin"])
    resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025})
    html = resp.content.decode()
    assert resp.status_code == 200 and 'id="totals"' in html and 'id="pager"' in html and "Trang 1/" in html
    assert "Dương Văn An" in html and "Nguyễn Văn Thắng" not in html
    html2 = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "page": 2}).content.decode()
    assert "Trang 2/" in html2 and "Dương Văn An" not in html2
    # a page out of range shows the last page, a malformed one the first
    html = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "page": "999"}).content.decode()
    assert "Không có trang “999”: đang hiển thị trang 4/4." in html
    html = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "page": "x"}).content.decode()
    assert "Trang 1/" in html and "Không có trang “x”" in html
    # the filter keeps working across pages: the people the columnar verdicts select
    html = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "target": "CSTDCS", "status": "yes"}).content.decode()
    assert "Nguyễn Văn Thắng" in html and "Dương Văn An" not in html


def test_the_quota_page_has_totals_and_explains_its_rounding(chain, personas, org, people, system_actor,
                                                             root_scope):
    html = _client(personas["admin"]).get("/xet-danh-hieu/don-vi/BO/ti-le/", {"year": 2025}).content.decode()
    assert 'id="quota-totals"' in html and 'id="rounding-note"' in html and "làm tròn xuống" in html
    assert svc.rounding_text(0.2, 13, "floor", 2) == "20% × 13 = 2,6, làm tròn xuống: tối đa 2."
    assert svc.rounding_text(0.2, 15, "floor", 3) == "20% × 15 = 3: tối đa 3."
    assert svc.rounding_text(0.15, 1234, "floor", 185) == "15% × 1.234 = 185,1, làm tròn xuống: tối đa 185."
