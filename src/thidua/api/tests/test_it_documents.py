"""/api/v1/documents/: draft, read, sign, download, templates; with the refusals."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.audit.models import AuditEvent
from thidua.documents.models import Document, DocumentTemplate
from thidua.documents.tests.helpers import decision_data, docx_text, docx_with, pdf_text

BODY = {"kind": "decision", "issuer": "VA", "summary": "Về việc tặng Bằng khen", "data": decision_data(),
        "recipients": ["Như Điều 2", "Lưu: VT"], "signer_position": "Vụ trưởng"}


def test_it_drafts_signs_and_downloads(api_as, personas):
    api = api_as("officer_a")
    created = api.post("/api/v1/documents/", BODY)
    assert created.status_code == 201, created.content
    doc = created.json()
    assert doc["state"] == "draft" and doc["number"] is None and doc["number_label"] is None
    assert doc["issuer"] == {"code": "VA", "name": "Vụ Thi đua – Khen thưởng"}
    signed = api.post(f"/api/v1/documents/{doc['id']}/sign", {"signer": "leader_a", "signed_on": "2026-01-05"})
    assert signed.status_code == 200, signed.content
    assert signed.json()["number_label"] == "01/QĐ-VA" and signed.json()["signed_on"] == "2026-01-05"
    docx = api.get(f"/api/v1/documents/{doc['id']}/docx")
    assert docx.status_code == 200 and "Số: 01/QĐ-VA" in docx_text(docx.content)
    pdf = api.get(f"/api/v1/documents/{doc['id']}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and "Nguyễn Thị Ánh Tuyết 3" in pdf_text(pdf.content)
    listed = api.get("/api/v1/documents/", {"state": "signed"}).json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == 1


def test_it_refuses_a_second_number_and_edits_after_signature(api_as):
    api = api_as("officer_a")
    doc = api.post("/api/v1/documents/", BODY).json()
    api.post(f"/api/v1/documents/{doc['id']}/sign", {"signer": "leader_a", "signed_on": "2026-01-05"})
    again = api.post(f"/api/v1/documents/{doc['id']}/sign", {"signer": "leader_a"})
    assert again.status_code == 422
    assert again.json()["detail"][0]["message"].startswith("Văn bản đã được ký và cấp số 01/QĐ-VA")
    edit = api.patch(f"/api/v1/documents/{doc['id']}", {"summary": "Khác"})
    assert edit.status_code == 422 and "không sửa được" in edit.json()["detail"][0]["message"]


def test_a_signer_without_authority_is_a_field_error(api_as):
    api = api_as("officer_a")
    doc = api.post("/api/v1/documents/", BODY).json()
    response = api.post(f"/api/v1/documents/{doc['id']}/sign", {"signer": "officer_b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "signer"
    assert "không có thẩm quyền ký" in response.json()["detail"][0]["message"]
    assert Document.objects.get().number is None


def test_scope(api_as):
    doc = api_as("officer_a").post("/api/v1/documents/", BODY).json()
    assert api_as("officer_b").get(f"/api/v1/documents/{doc['id']}").status_code == 404
    assert api_as("officer_b").post("/api/v1/documents/", BODY).status_code == 403
    assert api_as("officer_b").get("/api/v1/documents/").json()["count"] == 0


def test_templates_upload_checks_and_versions(api_as, token_for, personas):
    api = api_as("officer_a")
    bad = api.client.post("/api/v1/documents/templates/", {
        "kind": "decision", "issuer": "VA", "file": SimpleUploadedFile("m.docx", docx_with("{{ la }}"))}, **api.headers)
    assert bad.status_code == 422 and "«la»" in bad.json()["detail"][0]["message"]
    good = api.client.post("/api/v1/documents/templates/", {
        "kind": "decision", "issuer": "VA", "file": SimpleUploadedFile("m.docx", docx_with("{{ issuer }}"))},
        **api.headers)
    assert good.status_code == 201 and good.json()["version"] == 1
    assert [t["version"] for t in api.get("/api/v1/documents/templates/").json()] == [1]
    assert DocumentTemplate.objects.count() == 1


#                 persona        read  write (a draft of VA)
DOCUMENT_MATRIX = {
    "admin":        (200, 200),
    "officer_a":    (200, 200),
    "personnel_a":  (200, 200),
    "leader_a":     (200, 200),
    "officer_b":    (404, 404),
    "party_b":      (404, 404),
    "council":      (200, 403),
    "cluster_head": (200, 403),
    "staff":        (404, 404),
    "outsider":     (404, 404),
}


@pytest.mark.parametrize("persona", sorted(DOCUMENT_MATRIX))
def test_it_reaches_documents_through_the_issuer_scope(api_as, personas, persona):
    doc = api_as("officer_a").post("/api/v1/documents/", BODY).json()
    read, write = DOCUMENT_MATRIX[persona]
    api = api_as(persona)
    assert api.get(f"/api/v1/documents/{doc['id']}").status_code == read
    assert api.get(f"/api/v1/documents/{doc['id']}/docx").status_code == read
    listed = api.get("/api/v1/documents/").json()["count"]
    assert listed == (1 if read == 200 else 0)
    before = AuditEvent.objects.count()
    assert api.patch(f"/api/v1/documents/{doc['id']}", {"summary": "Về việc khác"}).status_code == write
    if write != 200:
        signed = api.post(f"/api/v1/documents/{doc['id']}/sign", {"signer": "leader_a"})
        assert signed.status_code == write
        assert AuditEvent.objects.count() == before and Document.objects.get().number is None
    created = api.post("/api/v1/documents/", BODY)
    assert created.status_code == (201 if write == 200 else 403)
