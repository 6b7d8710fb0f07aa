"""Jobs: starting on commit, running a handler with progress, failures, the pages."""
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from thidua.jobs import runner
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.runner import MSG_UNKNOWN_KIND, job_execute, job_handler
from thidua.jobs.services import job_start

pytestmark = pytest.mark.django_db

KIND = "test_counting"


@pytest.fixture
def seen():
    """Registers a handler for KIND that counts to three, reporting progress; removed afterwards."""
    observed = []

    @job_handler(KIND)
    def count(job, progress):
        row = Job.objects.get(pk=job.pk)
        observed.append(("started", row.status, row.started_at is not None))
        progress(0, total=3, message="Bắt đầu đếm")
        for step in (1, 2, 3):
            progress(step, message=f"Đã đếm {step}/3")
            row = Job.objects.get(pk=job.pk)
            observed.append((row.done, row.total, row.message))
        if job.params.get("fail"):
            raise ValueError("số không hợp lệ")
        return {"counted": 3}

    yield observed
    runner.HANDLERS.pop(KIND, None)


@pytest.fixture
def alice():
    return User.objects.create_user("alice", password="matkhau-123")


@pytest.fixture
def bob():
    return User.objects.create_user("bob", password="matkhau-123")


def test_job_start_creates_the_row_and_enqueues_only_on_commit(seen, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_start(user=alice, kind=KIND, params={"n": 3}, total=3)
    job.refresh_from_db()
    assert (job.status, job.created_by, job.params, job.message) == (JobStatus.QUEUED, alice, {"n": 3},
                                                                     "Đang chờ xử lý…")
    assert len(callbacks) == 1 and seen == []  # nothing ran before the commit
    callbacks[0]()  # the commit: the immediate task backend of the tests runs the job now
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"counted": 3} and job.percent == 100
    assert seen[0] == ("started", JobStatus.RUNNING, True)


def test_job_start_for_the_system_has_no_creator(seen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(user=None, kind=KIND, params={})
    job.refresh_from_db()
    assert job.created_by is None and job.status == JobStatus.DONE


def test_job_start_refuses_an_unknown_kind(alice):
    with pytest.raises(ValueError, match="khong_co"):
        job_start(user=alice, kind="khong_co", params={})
    assert not Job.objects.exists()


def test_job_execute_runs_the_handler_with_progress(seen, alice):
    job = Job.objects.create(kind=KIND, created_by=alice)
    done = job_execute(job.pk)
    assert seen == [("started", JobStatus.RUNNING, True), (1, 3, "Đã đếm 1/3"), (2, 3, "Đã đếm 2/3"),
                    (3, 3, "Đã đếm 3/3")]
    stored = Job.objects.get(pk=job.pk)
    assert (stored.status, stored.done, stored.total, stored.result) == (JobStatus.DONE, 3, 3, {"counted": 3})
    assert stored.started_at <= stored.finished_at and stored.finished
    assert (done.status, done.result) == (stored.status, stored.result)


def test_job_execute_records_a_failure_in_vietnamese(seen, alice):
    job = Job.objects.create(kind=KIND, created_by=alice, params={"fail": True})
    failed = job_execute(job.pk)
    assert failed.status == JobStatus.FAILED and failed.finished_at is not None
    assert failed.message == "Tác vụ gặp lỗi: số không hợp lệ"
    assert "ValueError" in failed.result["traceback"]
    assert (failed.done, failed.total) == (3, 3)  # the progress made before the failure stays
    assert failed.percent == 100 and failed.finished


def test_job_execute_of_an_unknown_kind_fails_instead_of_hanging(alice):
    job = Job.objects.create(kind="da_bo", created_by=alice)
    failed = job_execute(job.pk)
    assert failed.status == JobStatus.FAILED and failed.finished
    assert failed.message == MSG_UNKNOWN_KIND.format(kind="da_bo")
    assert failed.started_at is None


def test_the_handlers_of_the_apps_are_registered():
    assert {"import", "export", "eligibility_table"} <= set(runner.HANDLERS)
    assert set(Job.KIND_LABELS) <= set(runner.HANDLERS)


def test_the_progress_fragment_polls_until_finished(client, alice):
    job = Job.objects.create(kind="import", created_by=alice, total=8, done=2, status=JobStatus.RUNNING,
                             message="Đang kiểm tra dòng 2")
    client.force_login(alice)
    url = reverse("jobs:job_detail", args=[job.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert fragment.status_code == 200 and [t.name for t in fragment.templates][0] == "jobs/_progress.html"
    assert "<html" not in html and 'id="job-progress"' in html
    assert f'hx-get="{url}"' in html and "(25%)" in html and "Đang kiểm tra dòng 2" in html
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=8, message="Xong")
    finished = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in finished and "Xong" in finished
    assert "8 / 8" not in finished and "(100%)" not in finished   # done: the message states the figures, once
    page = client.get(url)
    assert page.templates[0].name == "jobs/job_detail.html" and "Nhập Excel" in page.content.decode()


def test_a_job_is_visible_to_its_creator_and_superusers_only(client, alice, bob):
    job = Job.objects.create(kind="export", created_by=alice)
    url = reverse("jobs:job_detail", args=[job.pk])
    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404
    admin = User.objects.create_superuser("root", password="matkhau-123")
    client.force_login(admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("jobs:job_detail", args=[job.pk + 1000])).status_code == 404


def test_the_job_list_shows_own_jobs_and_all_to_admins(client, alice, bob):
    own = Job.objects.create(kind="import", created_by=alice, message="của alice")
    other = Job.objects.create(kind="eligibility_table", created_by=bob, message="của bob")
    client.force_login(alice)
    response = client.get(reverse("jobs:job_list"))
    assert list(response.context["jobs"]) == [own]
    assert "của bob" not in response.content.decode() and "Nhập Excel" in response.content.decode()
    admin = User.objects.create_superuser("root", password="matkhau-123")
    client.force_login(admin)
    response = client.get(reverse("jobs:job_list"))
    assert list(response.context["jobs"]) == [other, own]  # newest first
    assert "Bảng xét danh hiệu" in response.content.decode()
    client.logout()
    assert client.get(reverse("jobs:job_list")).status_code == 302  # login required


def test_the_result_file_downloads_once_written(client, alice, tmp_path):
    job = Job.objects.create(kind="export", created_by=alice, status=JobStatus.DONE)
    client.force_login(alice)
    url = reverse("jobs:job_download", args=[job.pk])
    assert client.get(url).status_code == 404  # no file yet
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(b"PK-noi-dung")
    Job.objects.filter(pk=job.pk).update(result_file=str(path), result_name="don-vi.xlsx")
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK-noi-dung"
    assert 'filename="don-vi.xlsx"' in response["Content-Disposition"]
    fragment = client.get(reverse("jobs:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert url in fragment


def test_an_internal_error_is_not_shown_to_the_user():
    internal = runner.MSG_FAILED_INTERNAL.format(pk=7)
    assert runner.failure_message(7, ZeroDivisionError("division by zero")) == internal
    assert runner.failure_message(7, KeyError("unit_id")) == internal
    assert runner.failure_message(7, ValueError("số không hợp lệ")) == "Tác vụ gặp lỗi: số không hợp lệ"
