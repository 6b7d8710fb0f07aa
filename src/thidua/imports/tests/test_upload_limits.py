"""Uploads: a size limit, a zip bomb refused in seconds with bounded memory before anything is written,
and a refused file leaves nothing on disk (issue 14, part 8)."""
import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.imports import storage
from thidua.imports.tests.helpers import person, xlsx
from thidua.jobs.models import Job

MB = 1024 * 1024


def deflate_zeros(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MB of zeros, about 1 KB per MB (full-flush blocks repeat)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + block * (megabytes - 1) + compressor.flush(zlib.Z_FINISH)


def zip_bomb(megabytes: int, declared: int | None = None) -> bytes:
    """An .xlsx-looking zip whose sheet inflates to `megabytes` MB; `declared` lies about its size."""
    name, data = b"xl/worksheets/sheet1.xml", deflate_zeros(megabytes)
    size = megabytes * MB if declared is None else declared
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(data), size, len(name), 0) + name
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, 0, len(data), size, len(name),
                          0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    return local + data + central + end


def _files_on_disk():
    return sorted(path.name for path in storage.root().iterdir())


def _upload(client, data, kind="people"):
    return client.post(reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile("tep.xlsx", data)})


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas["admin"])
    return client


def test_a_bomb_that_declares_gigabytes_is_refused_at_once(admin_client):
    bomb = zip_bomb(2048)   # 2 GB of sheet in about 2 MB
    assert len(bomb) < 3 * MB
    before, started = _files_on_disk(), time.perf_counter()
    response = _upload(admin_client, bomb)
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    limit = storage.max_uncompressed_bytes() // MB
    assert storage.MSG_INFLATES_TOO_MUCH.format(limit=limit) in response.content.decode()
    assert _files_on_disk() == before and not Job.objects.exists()


def test_a_bomb_whose_directory_lies_is_caught_while_inflating_with_bounded_memory(admin_client, settings):
    bomb = zip_bomb(1024, declared=1000)   # says 1 KB, inflates to 1 GB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(storage.UploadRefused):
            storage.check_upload(io.BytesIO(bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5 and peak < 5 * MB + len(bomb)
    before = _files_on_disk()
    response = _upload(admin_client, bomb)
    assert response.status_code == 400 and "khi giải nén vượt quá" in response.content.decode()
    assert _files_on_disk() == before


def test_a_file_over_the_size_limit_is_refused_with_a_message(admin_client, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    before = _files_on_disk()
    response = _upload(admin_client, b"PK\x03\x04" + bytes(range(256)) * (6 * 1024))   # 1.5 MB
    assert response.status_code == 400
    assert storage.MSG_TOO_BIG.format(size=1.5, limit=1) in response.content.decode()
    assert _files_on_disk() == before


def test_a_good_file_passes_and_its_uncompressed_size_is_known(org):
    data = xlsx("people", [person("001090000031", "An", "PA1")])
    assert storage.check_upload(io.BytesIO(data)) > len(data)
    assert storage.check_upload(io.BytesIO(b"not a zip")) == 0   # the reader reports it


@pytest.mark.parametrize("data", [b"", b"chu khong phai excel", None])
def test_a_refused_preview_leaves_nothing_on_disk(admin_client, org, data):
    if data is None:   # a real .xlsx with a bad row
        data = xlsx("people", [person("12", "Sai", "PA1")])
    before = _files_on_disk()
    response = _upload(admin_client, data)
    assert response.status_code == 200 and not response.context["result"].ok
    assert _files_on_disk() == before


def test_a_good_preview_keeps_the_file_for_the_commit(admin_client, org):
    before = _files_on_disk()
    response = _upload(admin_client, xlsx("people", [person("001090000031", "An", "PA1")]))
    token = response.context["token"]
    assert response.context["result"].ok and _files_on_disk() == sorted(before + [f"{token}.xlsx"])
    storage.discard_upload(response.wsgi_request.user, token)


def test_a_refused_preview_in_a_job_leaves_nothing_on_disk(admin_client, org, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    from thidua.imports import views

    monkeypatch.setattr(views, "INLINE_MAX_ROWS", 0)
    before = _files_on_disk()
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, xlsx("people", [person("12", "Sai", "PA1")]))
    job = Job.objects.get()
    assert response.status_code == 302 and job.status == "done" and job.result["error_count"] == 1
    assert [name for name in _files_on_disk() if name not in before] == [f"errors-{job.pk}.xlsx"]
    storage.errors_path(job.pk).unlink()


def test_a_member_compressed_in_a_way_that_cannot_be_counted_is_refused():
    """bzip2/lzma members are not what Excel writes, and their inflated size cannot be counted: refused."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x/>" * 1000)
    with pytest.raises(storage.UploadRefused) as refused:
        storage.check_upload(io.BytesIO(buffer.getvalue()))
    assert str(refused.value) == storage.MSG_UNKNOWN_COMPRESSION
