import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from thidua.imports import views
from thidua.imports.layout import headers
from thidua.imports.reader import MSG_DATE
from thidua.imports.tests.helpers import person, xlsx
from thidua.jobs.models import Job
from thidua.people.models import Person
from thidua.people.validators import MSG_CCCD_FORMAT, MSG_UNIT_UNKNOWN


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, kind, data, name="tep.xlsx"):
    return client.post(reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("kind", ["units", "people", "history"])
def test_it_serves_templates_with_headers_and_help(client, personas, kind):
    client.force_login(personas["officer_a"])
    response = client.get(reverse("imports:template", args=[kind]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == "Hướng dẫn"
    assert [cell.value for cell in workbook.worksheets[0][1]] == headers(kind)


def test_it_previews_a_bad_file_with_row_messages(client, personas, org):
    client.force_login(personas["personnel_a"])
    data = xlsx("people", [person("001090000031", "An", "PA1", birth_date="30/02/1990"),
                           person("001090000032", "Bình", "KHONG_CO")])
    response = _upload(client, "people", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert ("<td>2</td><td>Ngày sinh</td><td>30/02/1990</td>"
            f"<td>{MSG_DATE}</td>") in html
    assert f"<td>3</td><td>Mã đơn vị</td><td>KHONG_CO</td><td>{MSG_UNIT_UNKNOWN}</td>" in html
    assert 'name="token"' not in html and Person.objects.count() == 2


def test_it_previews_then_commits_a_good_file(client, personas, org):
    client.force_login(personas["personnel_a"])
    response = _upload(client, "people", xlsx("people", [person("001090000031", "An", "PA1")]))
    assert response.status_code == 200 and Person.objects.count() == 2
    token = response.context["token"]
    response = client.post(reverse("imports:commit"), {"kind": "people", "token": token})
    assert response.status_code == 200 and response.context["result"].written
    assert Person.objects.filter(citizen_id="001090000031", unit=org["PA1"]).exists()


def test_it_refuses_users_without_the_capability(client, personas, org):
    client.force_login(personas["outsider"])
    assert _upload(client, "people", xlsx("people", [person("001090000031", "An", "PA1")])).status_code == 403
    client.force_login(personas["officer_a"])   # emulation officer: history only
    assert _upload(client, "units", xlsx("units", [])).status_code == 403
    other = client.post(reverse("imports:commit"), {"kind": "history", "token": f"{personas['admin'].pk}-" + "0" * 32})
    assert other.status_code == 404


def test_it_runs_large_files_as_a_job_to_done(client, personas, org, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(views, "INLINE_MAX_ROWS", 1)
    client.force_login(personas["personnel_a"])
    rows = [person(f"0010900001{i:02d}", f"Người {i}", "PA1") for i in range(5)] + [person("1", "Sai", "PA1")]
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "people", xlsx("people", rows))
    job = Job.objects.get(kind="import")
    assert response.status_code == 302 and response.url == reverse("imports:job", args=[job.pk])
    assert job.status == "done" and job.done == job.total == 6 and job.result["error_count"] == 1
    page = client.get(response.url)
    assert f"<td>7</td><td>Số CCCD</td><td>1</td><td>{MSG_CCCD_FORMAT}</td>" in page.content.decode()
    assert job.result_file
    with django_capture_on_commit_callbacks(execute=True):
        good = _upload(client, "people", xlsx("people", rows[:5]))
    token = client.get(good.url).context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:commit"), {"kind": "people", "token": token})
    commit = Job.objects.filter(kind="import").order_by("-pk").first()
    assert commit.status == "done" and commit.result["written"] and Person.objects.count() == 7


def test_it_exports_units_for_the_scope(client, personas, org):
    client.force_login(personas["officer_a"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("imports:export", args=["units"])).content))
    assert [line[0] for line in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)] == ["VA", "PA1"]
    assert client.get(reverse("imports:export", args=["units"]) + "?unit=VB").status_code == 404


def test_it_imports_from_the_command_line(org, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx("people", [person("12", "Sai", "VA")]))
    with pytest.raises(SystemExit) as exc:
        call_command("import", "people", str(bad))
    assert exc.value.code == 1 and "Dòng 2, cột Số CCCD" in capsys.readouterr().out
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx("people", [person("001090000041", "Đúng", "VA")]))
    call_command("import", "people", str(good), "--dry-run")
    assert not Person.objects.filter(citizen_id="001090000041").exists()
    call_command("import", "people", str(good))
    assert Person.objects.filter(citizen_id="001090000041").exists()
    out = tmp_path / "out.xlsx"
    call_command("export", "people", str(out), "--unit", "VA")
    call_command("template", "history", str(tmp_path / "mau.xlsx"))
    assert load_workbook(out).worksheets[0]["B2"].value == "Đúng"


def test_the_person_page_shows_the_history_import_event(client, personas, org, people):
    client.force_login(personas["admin"])
    rows = [{"citizen_id": "001080000001", "year": 2023, "grade": "HTXSNV", "titles": "LDTT"},
            {"citizen_id": "001080000001", "year": 2024, "grade": "HTTNV"}]
    response = _upload(client, "history", xlsx("history", rows))
    response = client.post(reverse("imports:commit"), {"kind": "history", "token": response.context["token"]})
    assert response.context["result"].written
    page = client.get(reverse("people:person_detail", args=[people["thang"].pk])).content.decode()
    assert "nhập từ Excel" in page and "LDTT" in page
