"""The import preview and the job result say exactly what will happen, each figure once, in one
number format (1.234,5), and say so when the list of errors is cut."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from thidua.imports import result as result_module
from thidua.imports import views
from thidua.imports.reader import MSG_DATE
from thidua.imports.result import ImportResult
from thidua.imports.tests.helpers import person, xlsx
from thidua.jobs.models import Job, JobStatus


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, kind, data):
    return client.post(reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile("tep.xlsx", data)})


def _cells(html: str, table_class: str = "counts") -> str:
    start = html.index(f'<table class="{table_class}">')
    return html[start:html.index("</table>", start)]


def test_the_preview_of_a_bad_file_counts_rows_read_and_rows_with_problems(client, personas, org):
    client.force_login(personas["personnel_a"])
    rows = [person("001090000031", "An", "PA1"),
            person("001090000032", "Bình", "KHONG_CO", birth_date="30/02/1990"),   # one row, two problems
            person("1", "Sai", "PA1")]
    html = _upload(client, "people", xlsx("people", rows)).content.decode()
    counts = _cells(html)
    assert "Dòng đã đọc" in counts and "Dòng có lỗi" in counts and "Số lỗi" in counts
    assert "<td>3</td><td>2</td><td>1</td><td>3</td>" in counts   # read, with problems, without, errors
    assert "Tạo mới" not in counts   # nothing will be created: the file is refused
    assert "Tệp có 3 lỗi" in html
    # the message says what is wrong; row, column and value are in their own columns
    assert f"<td>3</td><td>Ngày sinh</td><td>30/02/1990</td><td>{MSG_DATE}</td>" in html
    assert "Ngày sinh không hợp lệ" not in html


def test_the_preview_of_a_good_file_says_what_will_happen_then_what_happened(client, personas, org):
    client.force_login(personas["personnel_a"])
    rows = [person("001090000031", "An", "PA1"), person("001090000033", "Chi", "PA1")]
    response = _upload(client, "people", xlsx("people", rows))
    counts = _cells(response.content.decode())
    assert "Sẽ tạo mới" in counts and "Sẽ cập nhật" in counts and "Không thay đổi" in counts
    assert "<td>2</td><td>2</td><td>0</td><td>0</td>" in counts
    committed = client.post(reverse("imports:commit"), {"kind": "people", "token": response.context["token"]})
    counts = _cells(committed.content.decode())
    assert "Đã tạo mới" in counts and "<td>2</td><td>2</td><td>0</td><td>0</td>" in counts
    again = _upload(client, "people", xlsx("people", rows))
    assert "<td>2</td><td>0</td><td>0</td><td>2</td>" in _cells(again.content.decode())


def test_counts_are_written_1_234_once():
    result = ImportResult(kind="people", read=12345, rows=12345, created=12000, updated=300, unchanged=45)
    html = render_to_string("imports/_result.html", {"result": result})
    assert "<td>12.345</td><td>12.000</td><td>300</td><td>45</td>" in html and "12345" not in html
    bad = ImportResult(kind="people", read=12345, rows=10000)
    for row in range(2, 2347):
        bad.error(row, "Số CCCD", "x", "1")
    html = render_to_string("imports/_result.html", {"result": bad})
    assert "Tệp có 2.345 lỗi" in html and "<td>12.345</td><td>2.345</td><td>10.000</td><td>2.345</td>" in html


def test_an_inline_preview_says_when_the_list_is_cut(client, personas, org, monkeypatch):
    monkeypatch.setattr(result_module, "SHOWN_ERRORS", 2)
    client.force_login(personas["personnel_a"])
    rows = [person(str(i), f"Người {i}", "PA1") for i in range(3)]
    html = _upload(client, "people", xlsx("people", rows)).content.decode()
    assert "Hiển thị 2 lỗi đầu tiên trên tổng số 3." in html
    assert html.count('<td>Số CCCD</td>') == 2
    few = _upload(client, "people", xlsx("people", rows[:2])).content.decode()
    assert 'id="errors-cut"' not in few


def _bad_file_as_job(client, monkeypatch, capture, n):
    monkeypatch.setattr(views, "INLINE_MAX_ROWS", 1)
    rows = [person(str(i), f"Người {i}", "PA1") for i in range(n)]
    with capture(execute=True):
        response = _upload(client, "people", xlsx("people", rows))
    return Job.objects.get(kind="import"), client.get(response.url).content.decode()


def test_a_job_says_when_the_list_is_cut_and_offers_the_errors_file(client, personas, org, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    monkeypatch.setattr(result_module, "SHOWN_ERRORS", 2)
    client.force_login(personas["personnel_a"])
    job, html = _bad_file_as_job(client, monkeypatch, django_capture_on_commit_callbacks, 4)
    assert job.status == JobStatus.DONE and job.result_file and len(job.result["errors"]) == 2
    assert "Hiển thị 2 lỗi đầu tiên trên tổng số 4; tải tệp lỗi để xem đủ." in html
    assert reverse("jobs:job_download", args=[job.pk]) in html
    assert job.message == "Đã kiểm tra 4 dòng: 4 dòng có lỗi (4 lỗi), chưa ghi gì vào hệ thống."


def test_a_job_over_the_kept_limit_says_the_file_holds_the_first_ones(client, personas, org, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    monkeypatch.setattr(result_module, "SHOWN_ERRORS", 2)
    monkeypatch.setattr(result_module, "MAX_ERRORS", 3)
    client.force_login(personas["personnel_a"])
    job, html = _bad_file_as_job(client, monkeypatch, django_capture_on_commit_callbacks, 5)
    assert job.result["error_count"] == 5 and job.result["errors_kept"] == 3
    assert "Hiển thị 2 lỗi đầu tiên trên tổng số 5; tệp lỗi ghi 3 lỗi đầu tiên." in html


def test_the_job_result_page_shows_each_figure_once(client, personas):
    user = personas["personnel_a"]
    data = ImportResult(kind="people", read=12345, rows=12345, created=12345, written=True).as_dict()
    job = Job.objects.create(kind="import", created_by=user, total=12345, done=12345, status=JobStatus.DONE,
                             message="Đã nhập 12.345 dòng: 12.345 tạo mới, 0 cập nhật, 0 không thay đổi.",
                             params={"kind": "people", "dry_run": False}, result=data)
    client.force_login(user)
    html = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "12345" not in html and "12,345" not in html
    assert "<td>12.345</td><td>12.345</td><td>0</td><td>0</td>" in html
    assert html.count("12.345") == 2   # rows read and created, in the table only
    generic = client.get(reverse("jobs:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert generic.count("Đã nhập 12.345 dòng") == 1 and "12.345 / 12.345" not in generic
