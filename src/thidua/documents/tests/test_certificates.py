"""Certificates: one PDF of A3 landscape pages read back; long lists only through the job."""
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from thidua.common.errors import PermissionDenied, ValidationError
from thidua.documents.certificates import certificates_preview, certificates_render
from thidua.documents.tasks import certificates_start
from thidua.documents.tests.helpers import pdf_text
from thidua.jobs.models import Job

ROW = {"name": "Phạm Thị Hường", "unit": "Chuyên viên Phòng Tổng hợp", "achievement": "Đã có thành tích xuất sắc",
       "decision_number": "05/QĐ-UBND", "decision_date": "05/01/2027", "golden_book": "1234", "place": "Hà Nội",
       "date": "05/01/2027", "signer_position": "Chủ tịch", "signer_name": "Lê Văn Quý",
       "issuer": "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"}


def test_one_pdf_with_one_a3_landscape_page_per_row():
    rows = [ROW, {**ROW, "name": "Đỗ Văn Ước", "golden_book": "1235"}]
    pdf = certificates_render("bang_khen", rows)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (420, 297)
    text = pdf_text(pdf)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BẰNG KHEN", "Phạm Thị Hường", "Đỗ Văn Ước",
                     "Quyết định số 05/QĐ-UBND, ngày 05/01/2027", "Số sổ vàng: 1235",
                     "Hà Nội, ngày 05 tháng 01 năm 2027", "Lê Văn Quý", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"):
        assert expected in text


def test_the_title_certificate_names_the_title():
    text = pdf_text(certificates_render("danh_hieu", [{**ROW, "title": "Chiến sĩ thi đua cơ sở"}]))
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in text and "CHỨNG NHẬN" in text


def test_the_preview_is_the_first_page_only():
    pdf = certificates_preview("giay_khen", [ROW, {**ROW, "name": "Người Thứ Hai"}])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


@pytest.mark.parametrize("rows, message", [
    ([], "Danh sách trống"), ([{"unit": "x"}], "Dòng 1: thiếu họ và tên."),
    ([{"name": "A", "ten": "x"}], "Dòng 1: cột «ten» không được hỗ trợ"),
    ([{"name": "A\x00"}], "ký tự điều khiển"),
])
def test_bad_lists(rows, message):
    with pytest.raises(ValidationError) as err:
        certificates_render("bang_khen", rows)
    assert message in err.value.message_dict["rows"][0]


def test_an_unknown_form():
    with pytest.raises(ValidationError) as err:
        certificates_render("huan_chuong", [ROW])
    assert "Mẫu bằng không hợp lệ" in err.value.message_dict["form"][0]


def test_ten_thousand_rows_go_to_the_job_not_the_request(client, personas):
    rows = [{**ROW, "name": f"Người thứ {i}", "golden_book": str(i)} for i in range(10_000)]
    client.force_login(personas["officer_a"])
    response = client.post("/van-ban/in-bang/", {"form": "bang_khen", "action": "run",
                                                 "file": SimpleUploadedFile("ds.json", json.dumps(rows).encode())})
    job = Job.objects.get(kind="certificates")
    assert response.status_code == 302 and response["Location"] == f"/tac-vu/{job.pk}/"
    assert job.status == "queued" and job.total == 10_000 and len(job.params["rows"]) == 10_000
    progress = client.get(f"/tac-vu/{job.pk}/").content.decode()
    assert "10.000" in progress and "In bằng khen, giấy khen" in progress


def test_printing_needs_an_office_role(personas, actor_of, scope_of):
    user = personas["council"]
    with pytest.raises(PermissionDenied):
        certificates_start(actor=actor_of(user), scope=scope_of(user), form="bang_khen", rows=[ROW])
    assert not Job.objects.exists()
