"""A job whose worker died (kill -9) is seen as dead through its lease, shown failed in Vietnamese,
and offered "Chạy lại", which starts a new job with the same parameters (issue 14, part 9)."""
import datetime
import time

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.imports.people import PeopleImport
from thidua.imports.services import import_file
from thidua.imports.tests.helpers import person, xlsx
from thidua.jobs import runner
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.runner import MSG_LEASE_EXPIRED, job_execute, job_handler
from thidua.jobs.services import job_retry, jobs_expire
from thidua.people.models import Person

KIND = "test_lease"


@pytest.fixture
def ran():
    calls = []

    @job_handler(KIND)
    def handler(job, progress):
        calls.append(dict(job.params))
        if job.params.get("sleep"):
            time.sleep(job.params["sleep"])
        progress(1, total=1, message="xong")
        return {"ok": True}

    yield calls
    runner.HANDLERS.pop(KIND, None)


@pytest.fixture
def alice(db):
    return User.objects.create_user("alice", password="matkhau-123")


def _running(user, *, beat_seconds_ago, kind=KIND, params=None):
    beat = timezone.now() - datetime.timedelta(seconds=beat_seconds_ago)
    return Job.objects.create(kind=kind, status=JobStatus.RUNNING, params=params or {"n": 1}, created_by=user,
                              total=10, done=10, message="Đang ghi dòng 10/10…", started_at=beat, heartbeat_at=beat)


def test_a_job_whose_lease_expired_is_marked_failed_and_others_are_left(alice, settings):
    settings.JOB_LEASE_SECONDS = 60
    dead = _running(alice, beat_seconds_ago=61)
    alive = _running(alice, beat_seconds_ago=10)
    never_beat = _running(alice, beat_seconds_ago=0)
    Job.objects.filter(pk=never_beat.pk).update(heartbeat_at=None,
                                                started_at=timezone.now() - datetime.timedelta(minutes=5))
    done = Job.objects.create(kind=KIND, status=JobStatus.DONE, created_by=alice,
                              heartbeat_at=timezone.now() - datetime.timedelta(days=1))
    assert jobs_expire() == 2
    states = dict(Job.objects.values_list("pk", "status"))
    assert states == {dead.pk: "failed", alive.pk: "running", never_beat.pk: "failed", done.pk: "done"}
    dead.refresh_from_db()
    assert dead.message == MSG_LEASE_EXPIRED and dead.finished and dead.finished_at is not None


def test_running_renews_the_lease(alice, ran):
    job = Job.objects.create(kind=KIND, created_by=alice, params={})
    before = timezone.now()
    job = job_execute(job.pk)
    assert job.status == JobStatus.DONE and job.heartbeat_at >= before and job.started_at >= before


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_renews_the_lease_while_the_handler_works(ran, settings):
    settings.JOB_LEASE_SECONDS = 0.4   # a beat every 0.1 s
    user = User.objects.create_user("bob", password="matkhau-123")
    job = Job.objects.create(kind=KIND, created_by=user, params={"sleep": 0.6})
    seen = []
    real_sleep = time.sleep

    def watch(seconds):  # the handler's sleep, while the lease is read from the database
        for _ in range(6):
            real_sleep(seconds / 6)
            seen.append(Job.objects.get(pk=job.pk).heartbeat_at)

    runner_time = pytest.MonkeyPatch()
    runner_time.setattr(time, "sleep", watch)
    try:
        job_execute(job.pk)
    finally:
        runner_time.undo()
    assert len(set(seen)) >= 3   # renewed several times while the work ran
    assert jobs_expire() == 0


def test_the_job_page_shows_a_dead_job_failed_and_retry_starts_the_same_job(client, alice, ran, settings,
                                                                           django_capture_on_commit_callbacks):
    settings.JOB_LEASE_SECONDS = 60
    dead = _running(alice, beat_seconds_ago=3600, params={"n": 7})
    client.force_login(alice)
    page = client.get(reverse("jobs:job_detail", args=[dead.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Lỗi" in text and MSG_LEASE_EXPIRED.split("«")[0] in text
    assert reverse("jobs:job_retry", args=[dead.pk]) in text and "Chạy lại" in text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:job_retry", args=[dead.pk]))
    new = Job.objects.exclude(pk=dead.pk).get()
    assert response.status_code == 302 and response.url == reverse("jobs:job_detail", args=[new.pk])
    assert (new.kind, new.params, new.created_by, new.retry_of) == (KIND, {"n": 7}, alice, dead)
    new.refresh_from_db()
    assert new.status == JobStatus.DONE and ran == [{"n": 7}]   # the immediate backend of the tests ran it
    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED   # the failed job stays as it was


def test_retry_is_refused_for_a_job_that_did_not_fail_and_for_another_user(client, alice, ran):
    running = _running(alice, beat_seconds_ago=0)
    with pytest.raises(ValueError):
        job_retry(running)
    client.force_login(alice)
    assert client.get(reverse("jobs:job_retry", args=[running.pk])).status_code == 405
    client.post(reverse("jobs:job_retry", args=[running.pk]))
    assert Job.objects.count() == 1
    other = User.objects.create_user("eve", password="matkhau-123")
    Job.objects.filter(pk=running.pk).update(status=JobStatus.FAILED)
    client.force_login(other)
    assert client.post(reverse("jobs:job_retry", args=[running.pk])).status_code == 404
    assert Job.objects.count() == 1


def test_the_import_job_page_offers_retry_of_a_dead_import(client, personas, settings):
    settings.JOB_LEASE_SECONDS = 60
    admin = personas["admin"]
    dead = _running(admin, beat_seconds_ago=3600, kind="import",
                    params={"kind": "people", "path": "/nonexistent.xlsx", "dry_run": False, "user_id": admin.pk})
    client.force_login(admin)
    text = client.get(reverse("imports:job", args=[dead.pk])).content.decode()
    assert "Chạy lại" in text and reverse("jobs:job_retry", args=[dead.pk]) in text
    response = client.post(reverse("jobs:job_retry", args=[dead.pk]))
    new = Job.objects.exclude(pk=dead.pk).get()
    assert response.url == reverse("imports:job", args=[new.pk]) and new.retry_of == dead


def test_an_import_stopped_in_the_middle_writes_nothing(org, system_actor, root_scope, monkeypatch):
    """The commit is one transaction: a worker that dies after some chunks were written (here an
    escaping BaseException; kill -9 leaves the same uncommitted transaction) leaves no row of the file."""
    from thidua.imports import services

    class Killed(BaseException):
        pass

    monkeypatch.setattr(services, "CHUNK", 2)
    before, writes = Person.objects.count(), []
    real_write = PeopleImport.write

    def write_then_die(self, plan):
        real_write(self, plan)
        writes.append(Person.objects.count())
        if len(writes) == 2:
            raise Killed

    monkeypatch.setattr(PeopleImport, "write", write_then_die)
    rows = [person(f"0010900002{i:02d}", f"Người {i}", "VA") for i in range(7)]
    with pytest.raises(Killed):
        import_file(actor=system_actor, scope=root_scope, kind="people", source=xlsx("people", rows))
    assert writes[-1] > before   # rows had been written inside the transaction
    assert Person.objects.count() == before


def test_the_worker_marks_the_jobs_of_a_dead_worker_failed_before_it_starts(alice, settings):
    """`thidua worker` runs `expire_jobs` first: a job left "running" by a killed worker is failed and
    offered for retry; a job whose lease is fresh (another live worker) is left alone."""
    settings.JOB_LEASE_SECONDS = 60
    dead = _running(alice, beat_seconds_ago=600)
    alive = _running(alice, beat_seconds_ago=5)
    call_command("expire_jobs")
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, dead.message, alive.status) == (JobStatus.FAILED, MSG_LEASE_EXPIRED, JobStatus.RUNNING)
