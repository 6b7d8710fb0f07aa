"""Drafting, numbering at signature, locking, templates: real documents rendered and read back."""
import datetime

import pytest

from thidua.audit.models import AuditEvent
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.documents import services as svc
from thidua.documents.models import Document, DocumentCounter, DocumentTemplate
from thidua.documents.tests.helpers import decision_data, docx_text, docx_with, pdf_text

D = datetime.date


@pytest.fixture
def office(personas, actor_of, scope_of):
    user = personas["officer_a"]
    return {"actor": actor_of(user), "scope": scope_of(user)}


def _draft(office, org, **extra):
    values = {"kind": "decision", "issuer": org["VA"], "summary": "Về việc tặng Bằng khen năm 2026",
              "data": decision_data(), "recipients": ["Như Điều 2", "Lưu: VT, TĐKT"],
              "signer_authority": "KT. Vụ trưởng", "signer_position": "Phó Vụ trưởng", **extra}
    return svc.document_draft(actor=office["actor"], scope=office["scope"], **values)


def test_it_renders_a_draft_without_number_or_date(office, org):
    document = _draft(office, org)
    text = docx_text(svc.document_render(document, "docx"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BỘ TƯ PHÁP" in text and "VỤ THI ĐUA – KHEN THƯỞNG" in text
    assert "Số:       /QĐ-VA" in text
    assert "Hà Nội, ngày      tháng      năm" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc tặng Bằng khen năm 2026" in text
    assert "Điều 1. Tặng Bằng khen" in text and "Điều 2. Quyết định này" in text
    assert "Căn cứ Luật Thi đua, khen thưởng" in text
    assert "Nguyễn Thị Ánh Tuyết 3" in text and "- Như Điều 2;" in text
    assert document.number is None and document.signed_on is None


def test_it_numbers_and_dates_at_signature(office, org, personas):
    document = _draft(office, org)
    signed = svc.document_sign(actor=office["actor"], scope=office["scope"], document=document,
                               signer_user=personas["leader_a"], signed_on=D(2026, 1, 5))
    assert (signed.number, signed.year, signed.number_label) == (1, 2026, "01/QĐ-VA")
    text = docx_text(svc.document_render(signed, "docx"))
    assert "Số: 01/QĐ-VA" in text and "Hà Nội, ngày 05 tháng 01 năm 2026" in text
    assert "KT. VỤ TRƯỞNG" in text and "PHÓ VỤ TRƯỞNG" in text and "leader_a" in text
    second = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                               signer_user=personas["leader_a"], signed_on=D(2026, 3, 1))
    assert second.number_label == "02/QĐ-VA"
    next_year = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                                  signer_user=personas["leader_a"], signed_on=D(2025, 12, 31))
    assert next_year.number_label == "01/QĐ-VA" and next_year.year == 2025
    other_series = svc.document_sign(actor=office["actor"], scope=office["scope"],
                                     document=_draft(office, org, series="HĐ", symbol="QĐ-HĐTĐKT"),
                                     signer_user=personas["leader_a"], signed_on=D(2026, 2, 1))
    assert other_series.number_label == "01/QĐ-HĐTĐKT"
    assert AuditEvent.objects.filter(verb="document_sign").count() == 4


def test_it_gives_no_second_number(office, org, personas):
    document = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                                 signer_user=personas["leader_a"], signed_on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as err:
        svc.document_sign(actor=office["actor"], scope=office["scope"], document=document,
                          signer_user=personas["leader_a"])
    assert err.value.message_dict["number"] == [svc.MSG_ALREADY_SIGNED.format(number="01/QĐ-VA")]
    assert DocumentCounter.objects.get().last == 1
    document.refresh_from_db()
    assert document.signed_on == D(2026, 1, 5)


def test_it_refuses_to_edit_a_signed_document(office, org, personas):
    document = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                                 signer_user=personas["leader_a"], signed_on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as err:
        svc.document_update(actor=office["actor"], scope=office["scope"], document=document, summary="Khác")
    assert err.value.message_dict["__all__"] == [svc.MSG_SIGNED_LOCKED.format(number="01/QĐ-VA")]
    assert Document.objects.get(pk=document.pk).summary == "Về việc tặng Bằng khen năm 2026"


def test_it_updates_a_draft(office, org):
    document = _draft(office, org)
    document = svc.document_update(actor=office["actor"], scope=office["scope"], document=document,
                                   summary="Về việc tặng Giấy khen")
    assert "Về việc tặng Giấy khen" in docx_text(svc.document_render(document, "docx"))


def test_a_signer_without_authority_is_refused(office, org, personas):
    document = _draft(office, org)
    for who in ("officer_a", "leader_a_other"):
        signer = personas.get(who) or personas["council"]
        with pytest.raises(ValidationError) as err:
            svc.document_sign(actor=office["actor"], scope=office["scope"], document=document, signer_user=signer)
        assert "không có thẩm quyền ký văn bản của Vụ Thi đua – Khen thưởng" in err.value.message_dict["signer"][0]
    document.refresh_from_db()
    assert document.number is None and not DocumentCounter.objects.filter(last__gt=0).exists()


def test_a_leader_of_another_unit_cannot_sign(office, org, personas, actor_of, scope_of):
    from thidua.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=personas["officer_b"], role="leader", unit=org["VB"])
    with pytest.raises(ValidationError):
        svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                          signer_user=personas["officer_b"])


def test_outsiders_cannot_draft_or_sign(org, personas, actor_of, scope_of, office):
    for who in ("officer_b", "staff", "outsider", "council"):
        user = personas[who]
        with pytest.raises(PermissionDenied):
            svc.document_draft(actor=actor_of(user), scope=scope_of(user), kind="decision", issuer=org["VA"],
                               summary="Về việc x", data={})
    document = _draft(office, org)
    with pytest.raises(PermissionDenied):
        svc.document_sign(actor=actor_of(personas["officer_b"]), scope=scope_of(personas["officer_b"]),
                          document=document, signer_user=personas["leader_a"])


@pytest.mark.parametrize("data, field, message", [
    ({"annex": {"columns": ["A", "B"], "rows": [["1"]]}}, "data.annex", "Dòng 1 của phụ lục có 1 ô, cần 2 ô"),
    ({"citations": "x"}, "data.citations", svc.MSG_LIST),
    ({"body": []}, "data", "Trường «body» không được hỗ trợ"),
    ({"paragraphs": ["a\x07b"]}, "data.paragraphs", "ký tự điều khiển"),
    ([1, 2], "data", svc.MSG_DATA),
])
def test_bad_data_is_refused_at_its_field(office, org, data, field, message):
    with pytest.raises(ValidationError) as err:
        _draft(office, org, data=data)
    assert message in err.value.message_dict[field][0]
    assert not Document.objects.exists()


def test_an_empty_summary_is_refused(office, org):
    with pytest.raises(ValidationError) as err:
        _draft(office, org, summary="  ")
    assert err.value.message_dict["summary"] == [svc.MSG_REQUIRED]


def test_the_date_of_signature_cannot_be_in_the_future(office, org, personas):
    with pytest.raises(ValidationError) as err:
        svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                          signer_user=personas["leader_a"], signed_on=datetime.date.today() + datetime.timedelta(1))
    assert err.value.message_dict["signed_on"] == [svc.MSG_SIGNED_FUTURE]
    assert not DocumentCounter.objects.filter(last__gt=0).exists()


def test_templates_are_checked_versioned_and_kept_per_document(office, org, personas):
    with pytest.raises(ValidationError) as err:
        svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                            content=docx_with("Kính gửi {{ nguoi_nhan }}"), name="mau.docx")
    assert "«nguoi_nhan»" in err.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as err:
        svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                            content=docx_with("Số {{ number_label }"), name="mau.docx")
    assert "cú pháp ở «{{ number_label }»" in err.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as err:
        svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                            content=b"not a docx", name="mau.docx")
    assert err.value.message_dict["file"] == [svc.template_check.__globals__["MSG_NOT_DOCX"]]
    assert not DocumentTemplate.objects.exists()

    first = svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                                content=docx_with("MẪU MỘT {{ issuer }} Số: {{ number_label }} {{ signer_name }}"),
                                name="mau1.docx")
    early = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                              signer_user=personas["leader_a"], signed_on=D(2026, 1, 5))
    second = svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                                 content=docx_with("MẪU HAI {{ issuer }} {{ number_label }}"), name="mau2.docx")
    assert (first.version, second.version) == (1, 2)
    later = _draft(office, org)
    assert "MẪU MỘT Vụ Thi đua – Khen thưởng Số: 01/QĐ-VA" in docx_text(svc.document_render(early, "docx"))
    assert early.template_version == 1
    assert "MẪU HAI" in docx_text(svc.document_render(later, "docx"))


def test_officers_of_another_unit_cannot_upload_templates(org, personas, actor_of, scope_of):
    user = personas["officer_b"]
    with pytest.raises(PermissionDenied):
        svc.template_upload(actor=actor_of(user), scope=scope_of(user), kind="decision", issuer=org["VA"],
                            content=docx_with("{{ issuer }}"), name="mau.docx")


def test_the_pdf_reads_the_same_as_the_docx(office, org, personas):
    document = svc.document_sign(actor=office["actor"], scope=office["scope"], document=_draft(office, org),
                                 signer_user=personas["leader_a"], signed_on=D(2026, 1, 5))
    text = pdf_text(svc.document_render(document, "pdf"))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do - Hạnh phúc", "Số: 01/QĐ-VA",
                     "Hà Nội, ngày 05 tháng 01 năm 2026", "Nguyễn Thị Ánh Tuyết 3", "leader_a", "Điều 1."):
        assert expected in text


def test_the_other_kinds_render(office, org):
    for kind, title in (("minutes", "BIÊN BẢN"), ("vote_count", "BIÊN BẢN KIỂM PHIẾU"), ("report", "BÁO CÁO"),
                        ("plan", "KẾ HOẠCH")):
        document = svc.document_draft(actor=office["actor"], scope=office["scope"], kind=kind, issuer=org["VA"],
                                      summary="Họp Hội đồng Thi đua - Khen thưởng",
                                      data={"paragraphs": ["Thời gian: 8 giờ 00 ngày 05/01/2027."]})
        text = docx_text(svc.document_render(document, "docx"))
        assert title in text and "Thời gian: 8 giờ 00 ngày 05/01/2027." in text


def test_an_uploaded_template_cannot_reach_python_internals(office, org):
    content = docx_with("{{ issuer.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ValidationError) as err:
        svc.template_upload(actor=office["actor"], scope=office["scope"], kind="decision", issuer=org["VA"],
                            content=content, name="mau.docx")
    assert "thành phần nội bộ" in err.value.message_dict["file"][0]
    assert not DocumentTemplate.objects.exists()


def test_text_with_markup_characters_stays_text(office, org):
    document = _draft(office, org, summary="Về việc <khen> & thưởng")
    assert "Về việc <khen> & thưởng" in docx_text(svc.document_render(document, "docx"))


def test_without_libreoffice_the_pdf_is_a_clear_message(office, org, monkeypatch):
    monkeypatch.setenv("THIDUA_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ValidationError) as err:
        svc.document_render(_draft(office, org), "pdf")
    assert "chưa cài LibreOffice" in err.value.message_dict["format"][0]
