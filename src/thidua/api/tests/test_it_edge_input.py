"""Inputs a fuzzer would try: never a 500 (PostgreSQL refuses NUL bytes and out-of-range numbers)."""
import pytest

from thidua.api.errors import MSG_DATA
from thidua.api.schemas import MSG_NUL
from thidua.records.models import YearRecord


@pytest.mark.parametrize("url", [
    "/api/v1/people/99999999999999999999",
    "/api/v1/people/?q=%00",
    "/api/v1/units/?q=a%00b",
    "/api/v1/people/?unit=V%00A",
])
def test_it_answers_odd_queries_without_error(api_as, people, url):
    r = api_as("admin").get(url)
    assert r.status_code in (404, 422)
    if r.status_code == 422:
        assert r.json()["detail"][0]["message"] == MSG_NUL


@pytest.mark.parametrize("url", ["/api/v1/units/V%00A", "/api/v1/people/by-citizen-id/%00"])
def test_it_answers_nul_in_a_path_with_4xx(api_as, people, url):
    r = api_as("admin").get(url)
    assert r.status_code in (404, 422)
    if r.status_code == 422:
        assert r.json()["detail"][0]["message"] == MSG_DATA


def test_it_refuses_nul_in_a_body(api_as, people):
    r = api_as("admin").post(f"/api/v1/people/{people['thang'].pk}/history/yearrecord",
                             {"year": 2024, "note": "a\x00b"})
    assert r.status_code == 422
    assert r.json()["detail"] == [{"field": "note", "message": MSG_NUL}]
    assert not YearRecord.objects.exists()


def test_it_refuses_a_cluster_year_out_of_range(api_as, org):
    r = api_as("admin").put("/api/v1/clusters/K1/years/99999999", {"members": ["VA"]})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "year"
