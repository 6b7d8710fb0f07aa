"""The pages: register, drafting, signing, downloads, templates, certificates; each with its refusals."""
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.documents import services as svc
from thidua.documents.models import Document, DocumentTemplate
from thidua.documents.tests.helpers import decision_data, docx_text, docx_with, pdf_text
from thidua.jobs.models import Job


@pytest.fixture
def draft(personas, org, actor_of, scope_of):
    user = personas["officer_a"]
    return svc.document_draft(actor=actor_of(user), scope=scope_of(user), kind="decision", issuer=org["VA"],
                              summary="Về việc tặng Bằng khen năm 2026", data=decision_data(),
                              recipients=["Như Điều 2"], signer_position="Vụ trưởng")


def _login(client, user):
    client.force_login(user)
    return client


def test_the_register_lists_documents_for_the_office(client, personas, draft):
    page = _login(client, personas["officer_a"]).get("/van-ban/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Về việc tặng Bằng khen năm 2026" in html and "Dự thảo" in html and 'href="/van-ban/"' in html


@pytest.mark.parametrize("who", ["staff", "outsider", "council"])
def test_the_register_is_refused_to_others_and_hidden_from_their_menu(client, personas, who):
    client = _login(client, personas[who])
    assert client.get("/van-ban/").status_code == 403
    assert 'href="/van-ban/"' not in client.get("/").content.decode()


def test_a_document_outside_the_scope_is_404(client, personas, draft):
    assert _login(client, personas["officer_b"]).get(f"/van-ban/{draft.pk}/").status_code == 404


def test_drafting_from_the_form(client, personas, org):
    client = _login(client, personas["officer_a"])
    assert client.get("/van-ban/soan/").status_code == 200
    response = client.post("/van-ban/soan/", {
        "kind": "decision", "issuer": "VA", "summary": "Về việc tặng Giấy khen", "citations": "Căn cứ Luật;",
        "articles": "Tặng Giấy khen.\nCó hiệu lực.", "annex_columns": "STT | Họ và tên",
        "annex_rows": "1 | Lê Thị Hồng\n2\tPhạm Văn Đông", "recipients": "Như Điều 2\nLưu: VT"})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/van-ban/{document.pk}/"
    assert document.data["annex"]["rows"] == [["1", "Lê Thị Hồng"], ["2", "Phạm Văn Đông"]]
    assert document.data["articles"] == ["Tặng Giấy khen.", "Có hiệu lực."]


def test_a_bad_annex_row_is_shown_at_the_field(client, personas):
    response = _login(client, personas["officer_a"]).post("/van-ban/soan/", {
        "kind": "decision", "issuer": "VA", "summary": "Về việc x", "annex_columns": "STT | Họ và tên",
        "annex_rows": "1 | A | thừa"})
    assert response.status_code == 200
    assert "Dòng 1 của phụ lục có 3 ô, cần 2 ô" in response.content.decode()
    assert not Document.objects.exists()


def test_signing_on_the_page_then_downloading(client, personas, draft):
    client = _login(client, personas["officer_a"])
    page = client.get(f"/van-ban/{draft.pk}/").content.decode()
    assert "Ký và cấp số" in page and "leader_a" in page
    response = client.post(f"/van-ban/{draft.pk}/ky/", {"signer": personas["leader_a"].pk,
                                                          "signed_on": "05/01/2026"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.number_label == "01/QĐ-VA" and draft.signed_on == datetime.date(2026, 1, 5)
    docx = client.get(f"/van-ban/{draft.pk}/tai-ve.docx")
    assert "Số: 01/QĐ-VA" in docx_text(docx.content)
    pdf = client.get(f"/van-ban/{draft.pk}/tai-ve.pdf")
    assert pdf["Content-Type"] == "application/pdf" and "Số: 01/QĐ-VA" in pdf_text(pdf.content)
    again = client.post(f"/van-ban/{draft.pk}/ky/", {"signer": personas["leader_a"].pk}, follow=True)
    assert "không cấp số lần thứ hai" in again.content.decode()
    assert client.get(f"/van-ban/{draft.pk}/sua/", follow=True).content.decode().count("không sửa được") == 1


def test_a_signer_without_authority_cannot_be_chosen(client, personas, draft):
    response = _login(client, personas["officer_a"]).post(f"/van-ban/{draft.pk}/ky/",
                                                           {"signer": personas["officer_b"].pk})
    assert response.status_code == 400
    assert "không có trong danh sách" in response.content.decode()
    draft.refresh_from_db()
    assert draft.number is None


def test_uploading_a_template_on_the_page(client, personas):
    client = _login(client, personas["officer_a"])
    assert client.get("/van-ban/mau/").status_code == 200
    bad = client.post("/van-ban/mau/", {"kind": "decision", "issuer": "VA",
                                        "file": SimpleUploadedFile("m.docx", docx_with("{{ khong_co }}"))})
    assert bad.status_code == 400 and "«khong_co»" in bad.content.decode()
    assert not DocumentTemplate.objects.exists()
    good = client.post("/van-ban/mau/", {"kind": "decision", "issuer": "VA",
                                         "file": SimpleUploadedFile("m.docx", docx_with("{{ issuer }}"))})
    assert good.status_code == 302 and DocumentTemplate.objects.get().version == 1
    assert client.get(f"/van-ban/mau/{DocumentTemplate.objects.get().pk}/tai-ve/").status_code == 200
    assert client.get("/van-ban/mau/mac-dinh/decision/").status_code == 200


def _rows(n):
    return [{"name": f"Đặng Thị Thu Hà {i}", "unit": "Phòng Tổng hợp", "achievement": "Đã có thành tích xuất sắc",
             "decision_number": "05/QĐ-VA", "decision_date": "05/01/2026", "golden_book": str(i), "place": "Hà Nội",
             "date": "05/01/2026", "signer_position": "Vụ trưởng", "signer_name": "Trần Văn Bình",
             "issuer": "Vụ trưởng Vụ Thi đua – Khen thưởng"} for i in range(1, n + 1)]


def test_certificates_preview_and_batch(client, personas, django_capture_on_commit_callbacks):
    client = _login(client, personas["officer_a"])
    assert client.get("/van-ban/in-bang/").status_code == 200
    upload = SimpleUploadedFile("ds.json", json.dumps(_rows(3)).encode())
    preview = client.post("/van-ban/in-bang/", {"form": "bang_khen", "file": upload, "action": "preview"})
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content)
    assert "Đặng Thị Thu Hà 1" in text and "Đặng Thị Thu Hà 2" not in text
    upload = SimpleUploadedFile("ds.json", json.dumps(_rows(3)).encode())
    with django_capture_on_commit_callbacks(execute=True):
        run = client.post("/van-ban/in-bang/", {"form": "giay_khen", "file": upload, "action": "run"})
    job = Job.objects.get(kind="certificates")
    job.refresh_from_db()
    assert run.status_code == 302 and run["Location"] == f"/tac-vu/{job.pk}/"
    assert job.status == "done" and job.done == 3
    result = client.get(f"/tac-vu/{job.pk}/tai-ve/")
    text = pdf_text(b"".join(result.streaming_content))
    assert "GIẤY KHEN" in text and "Đặng Thị Thu Hà 3" in text and "Số sổ vàng: 3" in text


def test_certificates_from_an_xlsx_list(client, personas):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên (hoặc tên tập thể)", "Chức vụ, đơn vị", "Số sổ vàng"])
    sheet.append(["Vũ Thị Mỹ Dung", "Phòng Tổng hợp", 17])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("ds.xlsx", out.getvalue())
    preview = _login(client, personas["officer_a"]).post("/van-ban/in-bang/", {
        "form": "danh_hieu", "file": upload, "action": "preview"})
    assert "Vũ Thị Mỹ Dung" in pdf_text(preview.content)


def test_a_bad_list_is_refused_with_its_row(client, personas):
    upload = SimpleUploadedFile("ds.json", json.dumps([{"unit": "x"}]).encode())
    response = _login(client, personas["officer_a"]).post("/van-ban/in-bang/", {
        "form": "bang_khen", "file": upload, "action": "run"})
    assert response.status_code == 400 and "Dòng 1: thiếu họ và tên." in response.content.decode()
    assert not Job.objects.exists()
    upload = SimpleUploadedFile("ds.csv", b"a,b")
    response = client.post("/van-ban/in-bang/", {"form": "bang_khen", "file": upload, "action": "run"})
    assert "phải là .xlsx hoặc .json" in response.content.decode()


def test_bad_inputs_on_the_pages_are_messages_not_errors(client, personas, draft):
    client = _login(client, personas["officer_a"])
    assert client.get("/van-ban/?issuer=KHONG-CO&state=zzz&kind=<b>").status_code == 200
    assert client.get("/van-ban/?issuer=%00x").status_code == 400   # NulByteMiddleware
    assert client.get(f"/van-ban/{draft.pk}/tai-ve.exe").status_code == 404
    assert client.get("/van-ban/999999/").status_code == 404
    assert client.get("/van-ban/mau/mac-dinh/khong-co/").status_code == 404
    bad_date = client.post(f"/van-ban/{draft.pk}/ky/", {"signer": personas["leader_a"].pk, "signed_on": "31/02/2026"})
    assert bad_date.status_code == 400
    draft.refresh_from_db()
    assert draft.number is None
    control = client.post("/van-ban/soan/", {"kind": "decision", "issuer": "VA", "summary": "Về việc x",
                                             "paragraphs": "a\x07b"})
    assert control.status_code == 200 and "ký tự điều khiển" in control.content.decode()
    wrong_issuer = client.post("/van-ban/soan/", {"kind": "decision", "issuer": "VB", "summary": "Về việc x"})
    assert wrong_issuer.status_code == 200 and "không có trong danh sách" in wrong_issuer.content.decode()
    assert Document.objects.count() == 1
