"""Decisions from the council's passed list: drafting (citations, articles, annex, signer), signing (number,
yearly history, proposals decided), certificates with golden-book numbers, bonuses from the fund,
revocation (history, clawback, dependants flagged), and the bad inputs, each leaving nothing written."""
import datetime
import io
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from thidua.commendations import decisions as dec
from thidua.commendations.models import Decision, DecisionAward, Proposal
from thidua.documents.models import Document
from thidua.documents.services import document_render
from thidua.fund import services as fund
from thidua.fund.models import FundEntry
from thidua.records.models import Award

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _msg(exc) -> str:
    v = exc.value
    return " ".join(m for ms in v.message_dict.values() for m in ms) if hasattr(v, "error_dict") \
        else " ".join(v.messages)


@pytest.fixture
def draft(passed, ctx):
    return dec.decision_draft(**ctx("officer_a"), session=passed["session"])


@pytest.fixture
def signed(draft, ctx, actors):
    return dec.decision_sign(**ctx("officer_a"), decision=draft, signer=actors["leader_a"])


@pytest.fixture
def funded(org, ctx):
    return fund.fund_contribute(**ctx("officer_a"), owner=org["VA"], year=TODAY.year, amount=5_000_000,
                                counterparty="Đóng góp của đơn vị", date=TODAY)


def _text(document) -> str:
    pdf = document_render(document, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_the_draft_takes_the_passed_list_with_citations_articles_annex_and_signer(draft, passed):
    doc = draft.document
    assert draft.state == "draft" and doc.number is None and doc.kind == "decision"
    rows = {(a.name, a.form) for a in draft.awards.all()}
    assert rows == {("Lê Văn Minh", "LDTT"), ("Lê Văn Minh", "CSTDCS")}          # Hà failed: not in it
    data = doc.data
    assert any("Luật Thi đua, khen thưởng" in c for c in data["citations"])
    assert any("98/2023/NĐ-CP" in c for c in data["citations"])
    assert any(c.startswith("Xét đề nghị của") for c in data["citations"])
    assert any("biên bản họp Hội đồng" in c for c in data["citations"])
    assert data["articles"][0].startswith("Điều 1. Tặng Lao động tiên tiến, Chiến sĩ thi đua cơ sở cho 2 cá nhân")
    assert data["articles"][1].startswith("Điều 2.") and "Điều 11 khoản 4" in data["articles"][1]
    assert data["articles"][2].startswith("Điều 3.")
    assert [r[1] for r in data["annex"]["rows"]] == ["Lê Văn Minh", "Lê Văn Minh"]
    assert doc.signer_name and doc.signer_position.startswith("Thủ trưởng")
    text = _text(doc)
    assert "QUYẾT ĐỊNH" in text and "Lê Văn Minh" in text and "Điều 1." in text


def test_a_decision_for_someone_the_council_did_not_pass_is_refused(passed, ctx):
    with pytest.raises(ValidationError) as exc:
        dec.decision_draft(**ctx("officer_a"), session=passed["session"], proposals=[passed["ha"]])
    assert "Phạm Thu Hà" in _msg(exc) and "Hội đồng" in _msg(exc) and "thông qua" in _msg(exc)
    assert not Decision.objects.exists() and not Document.objects.exists()


def test_a_decision_before_the_vote_is_closed_is_refused(agenda, ctx):
    with pytest.raises(ValidationError) as exc:
        dec.decision_draft(**ctx("officer_a"), session=agenda["session"])
    assert "chưa kết thúc bỏ phiếu" in _msg(exc)


def test_an_officer_of_another_level_may_not_draft(passed, ctx):
    with pytest.raises(PermissionDenied):
        dec.decision_draft(**ctx("officer_b"), session=passed["session"])
    assert not Decision.objects.exists()


def test_signing_numbers_it_writes_the_history_and_decides_the_proposals(signed, passed, staff):
    doc = Document.objects.get(pk=signed.document_id)
    assert signed.state == "signed" and doc.number == 1 and doc.signed_on == TODAY
    awards = Award.objects.filter(person=staff["minh"], year=2025).order_by("code")
    assert [(a.code, a.decision_no, a.decision_date, a.kind) for a in awards] == [
        ("CSTDCS", doc.number_label, TODAY, "regular"), ("LDTT", doc.number_label, TODAY, "regular")]
    assert all(a.authority for a in awards)
    assert set(Proposal.objects.filter(pk__in=[passed["minh_ldtt"], passed["minh_cstd"]])
               .values_list("state", flat=True)) == {"decided"}
    assert Proposal.objects.get(pk=passed["ha"]).state == "failed"


def test_editing_a_signed_decision_is_refused(signed, ctx):
    with pytest.raises(ValidationError) as exc:
        dec.decision_update(**ctx("officer_a"), decision=signed, summary="Sửa lại")
    assert "đã ký" in _msg(exc) and "01/" in _msg(exc)
    assert Document.objects.get(pk=signed.document_id).summary.startswith("Về việc tặng")


def test_a_draft_can_be_edited(draft, ctx):
    dec.decision_update(**ctx("officer_a"), decision=draft, summary="Về việc tặng danh hiệu năm 2025")
    assert Document.objects.get(pk=draft.document_id).summary == "Về việc tặng danh hiệu năm 2025"


def test_signing_by_someone_without_authority_writes_nothing(draft, ctx, actors):
    with pytest.raises(ValidationError) as exc:
        dec.decision_sign(**ctx("officer_a"), decision=draft, signer=actors["officer_b"])
    assert "không có thẩm quyền ký" in _msg(exc)
    assert Decision.objects.get(pk=draft.pk).state == "draft"
    assert Document.objects.get(pk=draft.document_id).number is None
    assert not Award.objects.filter(decision_no__gt="").exists()


def test_a_second_signature_is_refused(signed, ctx, actors):
    with pytest.raises(ValidationError) as exc:
        dec.decision_sign(**ctx("officer_a"), decision=signed, signer=actors["leader_a"])
    assert "không cấp số lần thứ hai" in _msg(exc)
    assert Award.objects.filter(decision_no__gt="").count() == 2


def test_a_history_conflict_rolls_the_signature_back(draft, ctx, actors, staff, system_actor, root_scope):
    from thidua.records import services as history
    history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=staff["minh"], year=2025,
                        code="LDTT", kind="regular", decision_no="12/QĐ-CŨ")
    with pytest.raises(ValidationError):
        dec.decision_sign(**ctx("officer_a"), decision=draft, signer=actors["leader_a"])
    assert Document.objects.get(pk=draft.document_id).number is None
    assert Decision.objects.get(pk=draft.pk).state == "draft"
    assert Award.objects.filter(person=staff["minh"]).count() == 1


def test_certificates_get_golden_book_numbers_once_and_print_as_a_job(signed, ctx):
    jobs = dec.decision_certificates(**ctx("officer_a"), decision=signed)
    assert [j.kind for j in jobs] == ["certificates"]
    numbers = sorted(DecisionAward.objects.filter(decision=signed).values_list("golden_book", flat=True))
    assert numbers == [1, 2]
    dec.decision_certificates(**ctx("officer_a"), decision=signed)      # a reprint keeps the numbers
    assert sorted(DecisionAward.objects.filter(decision=signed).values_list("golden_book", flat=True)) == [1, 2]
    rows = jobs[0].params["rows"]
    assert rows[0]["decision_number"] == signed.document.number_label and rows[0]["golden_book"].startswith("00")
    pdf = dec.decision_certificate_preview(signed)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Lê Văn Minh" in text and signed.document.number_label in text


def test_certificates_of_a_draft_are_refused(draft, ctx):
    with pytest.raises(ValidationError) as exc:
        dec.decision_certificates(**ctx("officer_a"), decision=draft)
    assert "chưa ký" in _msg(exc)


def test_bonuses_are_computed_from_the_table_and_paid_from_the_level_fund(signed, ctx, funded):
    rows = dec.bonus_rows(signed)
    amounts = {r["award"].form: r["amount"] for r in rows}
    assert amounts == {"LDTT": 710_000, "CSTDCS": 2_340_000}
    total = dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed)
    assert total == 3_050_000
    entries = FundEntry.objects.filter(kind="bonus_payment")
    assert sorted(entries.values_list("amount", flat=True)) == [710_000, 2_340_000]
    assert set(entries.values_list("decision_no", flat=True)) == {signed.document.number_label}
    with pytest.raises(ValidationError) as exc:
        dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed)
    assert "đã được chi" in _msg(exc)


def test_a_bonus_that_does_not_match_the_table_is_refused(signed, ctx, funded):
    row = signed.awards.get(form="LDTT")
    with pytest.raises(ValidationError) as exc:
        dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed, amounts={row.pk: "500.000"})
    assert "không khớp bảng tiền thưởng" in _msg(exc) and "Lê Văn Minh" in _msg(exc)
    assert not FundEntry.objects.filter(kind="bonus_payment").exists()
    assert not DecisionAward.objects.filter(payment__isnull=False).exists()


def test_a_payment_past_the_balance_is_refused_and_nothing_is_paid(signed, ctx, org):
    fund.fund_contribute(**ctx("officer_a"), owner=org["VA"], year=TODAY.year, amount=1_000_000,
                         counterparty="Đóng góp", date=TODAY)
    with pytest.raises(ValidationError) as exc:
        dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed)
    assert "không đủ chi" in _msg(exc)
    assert not FundEntry.objects.filter(kind="bonus_payment").exists()


def test_a_fund_of_another_level_is_refused(signed, ctx, org, actors, actor_of, scope_of):
    with pytest.raises((ValidationError, PermissionDenied)):
        dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed, owner=org["BO"])
    admin = {"actor": actor_of(actors["admin"]), "scope": scope_of(actors["admin"])}
    with pytest.raises(ValidationError) as exc:
        dec.decision_pay_bonuses(**admin, decision=signed, owner=org["BO"])
    assert "cấp mình quản lý" in _msg(exc)
    assert not FundEntry.objects.filter(kind="bonus_payment").exists()


def test_revoking_without_grounds_is_refused(signed, ctx, actors):
    for code, text in (("", "Gian dối"), ("fraud", "  "), ("bogus", "Lý do")):
        with pytest.raises(ValidationError) as exc:
            dec.decision_revoke(**ctx("officer_a"), decision=signed, grounds_code=code, grounds=text,
                                signer=actors["leader_a"])
        assert "Điều 93" in _msg(exc)
    assert Decision.objects.count() == 1 and Document.objects.count() == 1
    assert not Award.objects.filter(revoked_on__isnull=False).exists()


def test_revocation_marks_the_award_claws_back_and_flags_dependants(signed, ctx, actors, funded, staff):
    dec.decision_pay_bonuses(**ctx("officer_a"), decision=signed)
    ldtt = signed.awards.get(form="LDTT")
    revocation = dec.decision_revoke(**ctx("officer_a"), decision=signed, grounds_code="forged",
                                     grounds="Kết luận thanh tra số 5/KL-TTr: hồ sơ không trung thực",
                                     signer=actors["leader_a"], rows=[ldtt.pk])
    assert revocation.revokes_id == signed.pk and revocation.state == "signed"
    assert revocation.document.number == 2 and "hủy bỏ" in revocation.document.summary
    award = Award.objects.get(pk=ldtt.award_id)
    assert award.revoked_on == TODAY and revocation.document.number_label in award.revoked_by
    claw = FundEntry.objects.get(kind="clawback")
    assert claw.amount == 710_000 and claw.reverses_id == ldtt.payment_id
    assert [f["form"] for f in revocation.flagged] == ["Chiến sĩ thi đua cơ sở"]
    assert Decision.objects.get(pk=signed.pk).state == "signed"          # one row still stands
    assert "Điều 1. Hủy bỏ Quyết định số" in revocation.document.data["articles"][0]


def test_a_revoked_award_no_longer_counts_for_eligibility(signed, ctx, actors, staff):
    from thidua.eligibility import adapter
    from thidua.eligibility.columnar_loader import load_people

    def counted():
        subject = adapter.people_subjects([staff["minh"].pk], years=(2025, 2025))[0]
        entry = next(h for h in subject["history"] if h["year"] == 2025)
        loaded = load_people(person_ids=[staff["minh"].pk], years=(2025, 2025))
        col = loaded.year0
        return sorted(entry.get("titles") or []), int(loaded.titles[0][2025 - col])
    titles, bits = counted()
    assert titles == ["CSTDCS", "LDTT"] and bits != 0
    dec.decision_revoke(**ctx("officer_a"), decision=signed, grounds_code="fraud", grounds="Gian dối thành tích",
                        signer=actors["leader_a"])
    assert counted() == ([], 0)
    assert Decision.objects.get(pk=signed.pk).state == "revoked"


@pytest.mark.parametrize("kind,title", [("vote_count", "BIÊN BẢN KIỂM PHIẾU"), ("minutes", "BIÊN BẢN")])
def test_the_session_papers_come_from_the_tally_only(passed, ctx, kind, title):
    doc = dec.session_paper_draft(**ctx("officer_a"), session=passed["session"], kind=kind)
    text = _text(doc)
    assert title in text.upper() and "Lê Văn Minh" in text and "Phạm Thu Hà" in text
    rows = {(r[1], r[2]): r for r in doc.data["annex"]["rows"]}
    assert rows[("Lê Văn Minh", "Lao động tiên tiến")][3:8] == ["4", "0", "0", "3", "Đạt"]
    assert rows[("Phạm Thu Hà", "Lao động tiên tiến")][3:8] == ["2", "2", "0", "3", "Không đạt"]
    # nothing names a member next to a choice: members appear only in the attendance list of the minutes
    for member in ("Thành viên 1", "Thành viên 2"):
        assert not any(member in " ".join(r) for r in doc.data["annex"]["rows"])
    again = dec.session_paper_draft(**ctx("officer_a"), session=passed["session"], kind=kind)
    assert again.pk == doc.pk                                   # redrafted while unsigned, not duplicated


def test_session_papers_before_the_close_or_of_an_unknown_kind_are_refused(agenda, passed, ctx):
    with pytest.raises(ValidationError) as exc:
        dec.session_paper_draft(**ctx("officer_a"), session=passed["session"], kind="report")
    assert "Biên bản kiểm phiếu" in _msg(exc)


def test_the_generic_signing_of_documents_refuses_a_decision_of_the_pipeline(draft, ctx, actors):
    from thidua.documents.services import document_sign
    with pytest.raises(ValidationError) as exc:
        document_sign(**ctx("officer_a"), document=draft.document, signer_user=actors["leader_a"])
    assert "Quyết định khen thưởng" in _msg(exc) and f"/khen-thuong/quyet-dinh/{draft.pk}/" in _msg(exc)
    assert Document.objects.get(pk=draft.document_id).number is None


def test_a_second_decision_for_the_same_rows_is_refused(signed, passed, ctx, actors):
    with pytest.raises(ValidationError) as exc:
        dec.decision_draft(**ctx("officer_a"), session=passed["session"])
    assert "Không còn trường hợp nào" in _msg(exc)
    with pytest.raises(ValidationError) as exc:
        dec.decision_draft(**ctx("officer_a"), session=passed["session"], proposals=[passed["minh_ldtt"]])
    assert "đã có trong quyết định khen thưởng khác" in _msg(exc)
    dec.decision_revoke(**ctx("officer_a"), decision=signed, grounds_code="fraud", grounds="Gian dối",
                        signer=actors["leader_a"])
    with pytest.raises(ValidationError):
        dec.decision_draft(**ctx("officer_a"), session=passed["session"])
    assert Decision.objects.count() == 2
