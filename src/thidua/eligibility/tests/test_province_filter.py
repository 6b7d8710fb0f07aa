"""A province-sized table filtered to one target and status: the columnar path picks the people
whose answer matches (eligibility.services.people_with_verdict), and only they are answered in full.
Both paths must select the same people."""
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.eligibility import services
from thidua.jobs.models import Job

pytestmark = pytest.mark.django_db

TARGETS = ("LDTT", "CSTDCS", "CSTD_BO", "BK_BO", "BK_TTG", "HCLD3")


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_columnar_filter_selects_the_people_the_full_answers_select(chain, org, year):
    unit = org["BO"]
    full = services.unit_answers(unit, year, include_collectives=False)
    for target in TARGETS:
        for status, wanted in services.STATUS_FILTER.items():
            expected = {row["pk"] for row in services.table_rows(full, {"target": target, "status": status})}
            picked = set(services.people_with_verdict(unit, year, target, wanted))
            assert picked == expected, (target, status)


def test_the_job_filtered_to_a_target_and_status_writes_the_pages_rows(chain, personas, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(personas["admin"])
    query = {"year": 2025, "target": "CSTDCS", "status": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/xet-danh-hieu/don-vi/BO/", {**query, "job": "1"})
    job = Job.objects.get()
    assert job.status == "done", job.message
    download = client.get(f"/tac-vu/{job.pk}/tai-ve/")
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.values)
    page = client.get("/xet-danh-hieu/don-vi/BO/", {**query, "format": "xlsx"})
    assert rows == list(load_workbook(io.BytesIO(page.content)).active.values)
    assert any(r[0] == "Nguyễn Văn Thắng" for r in rows[1:])
