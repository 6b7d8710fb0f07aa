"""Rounds, proposals (one by one and in bulk), the refusals with the rule named, routing up the levels."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.audit.models import AuditEvent
from thidua.commendations import services as svc
from thidua.commendations.models import Attachment, Proposal, ProposalEvent, Round
from thidua.notices.calendar import add_working_days

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _msg(exc) -> str:
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms) if hasattr(exc.value, "error_dict") \
        else " ".join(exc.value.messages)


def test_it_opens_a_round_with_a_deadline_in_working_days(org, ctx):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    r = svc.round_create(**ctx("officer_a"), unit=org["VA"], name="Phong trào chuyển đổi số", kind="thematic",
                         year=2025, forms=["GK"], opens_on=monday, deadline_working_days=10)
    assert r.deadline == add_working_days(monday, 10) and r.state == "draft"
    assert AuditEvent.objects.filter(verb="round_create", object_id=str(r.pk)).exists()


@pytest.mark.parametrize("field,kw,message", [
    ("forms", {"forms": ["LDTT"], "unit": "BO"}, "thẩm quyền theo Luật Thi đua, khen thưởng 2022, Điều 80"),
    ("forms", {"forms": []}, svc.MSG_FORMS_REQUIRED),
    ("forms", {"forms": ["XYZ"]}, "XYZ"),
    ("name", {"name": "  "}, svc.MSG_NAME_REQUIRED),
    ("deadline", {"deadline": TODAY - datetime.timedelta(days=1)}, svc.MSG_DEADLINE_BEFORE),
    ("year", {"year": "abc"}, svc.MSG_YEAR),
])
def test_it_refuses_a_bad_round(org, ctx, field, kw, message):
    args = {"unit": org["VA"], "name": "Đợt", "kind": "year_end", "year": 2025, "forms": ["LDTT"],
            "deadline": TODAY + datetime.timedelta(days=5)}
    args.update(kw)
    if kw.get("unit"):
        args["unit"] = org[kw["unit"]]
        ctx_name = "officer_bo"
    else:
        ctx_name = "officer_a"
    with pytest.raises(ValidationError) as exc:
        svc.round_create(**ctx(ctx_name), **args)
    assert field in exc.value.message_dict and message in _msg(exc)
    assert not Round.objects.exists()


def test_only_the_levels_officer_opens_a_round(org, ctx):
    with pytest.raises(PermissionDenied):
        svc.round_create(**ctx("officer_b"), unit=org["VA"], name="Đợt", kind="year_end", year=2025,
                         forms=["LDTT"], deadline=TODAY)


def test_it_proposes_an_eligible_person_and_freezes_the_answer(propose, staff):
    p = propose("CSTDCS", staff["minh"], minutes={"total": 10, "present": 9, "agree": 9, "date": "2025-12-10"})
    assert p.state == "submitted" and p.regime == "2022"
    assert p.answer["answer"]["eligible"] is True
    assert any(c["source"] for c in p.answer["answer"]["checks"])
    assert p.answer["facts"]["history"]               # the facts the engine read, as they were
    assert "Lê Văn Minh" in p.report and "Hoàn thành xuất sắc nhiệm vụ" in p.report
    assert p.minutes["agree"] == 9
    assert ProposalEvent.objects.filter(proposal=p, transition="create").exists()


@pytest.mark.parametrize("case", ["ineligible", "frozen", "duplicate", "second_form", "not_in_round",
                                  "after_deadline", "closed", "outside", "minutes", "ground"])
def test_it_refuses_with_the_rule_named_and_writes_nothing(propose, staff, people, rnd, ctx, case):
    if case in ("duplicate",):
        propose("LDTT", staff["minh"])
    if case == "second_form":
        rnd.forms = rnd.forms + ["GK"]
        rnd.save()
        # Minh is not eligible for BK_BO, so record a GK proposal directly as the earlier form
        Proposal.objects.create(round=rnd, person=staff["minh"], proposing_unit=rnd.unit, form="GK", year=2025,
                                subject_name="Lê Văn Minh")
    if case == "after_deadline":
        Round.objects.filter(pk=rnd.pk).update(deadline=TODAY - datetime.timedelta(days=1))
        rnd.refresh_from_db()
    if case == "closed":
        svc.round_transition(**ctx("officer_a"), round=rnd, transition="close")
    before = (Proposal.objects.count(), AuditEvent.objects.count())
    args = {
        "ineligible": ("CSTDCS", staff["hà"], {}, "chưa đủ điều kiện Chiến sĩ thi đua cơ sở"),
        "frozen": ("LDTT", staff["tùng"], {}, "đang bị xem xét kỷ luật"),
        "duplicate": ("LDTT", staff["minh"], {}, "không khen thưởng nhiều lần cho một thành tích"),
        "second_form": ("BK_BO", staff["minh"], {}, "không khen thưởng nhiều hình thức cho một thành tích"),
        "not_in_round": ("GK", staff["minh"], {}, "Đợt này không nhận đề nghị Giấy khen"),
        "after_deadline": ("LDTT", staff["minh"], {}, "Đã quá hạn nộp hồ sơ"),
        "closed": ("LDTT", staff["minh"], {}, None),
        "outside": ("LDTT", people["lan"], {}, "không thuộc Phòng Tổng hợp"),
        "minutes": ("LDTT", staff["minh"], {"minutes": {"total": 5, "present": 6, "agree": 1}}, "Biên bản"),
        "ground": ("LDTT", staff["minh"], {"simplified_ground": "xyz"}, "Điều 85"),
    }[case]
    exc_type = PermissionDenied if case == "closed" else ValidationError
    with pytest.raises(exc_type) as exc:
        propose(args[0], args[1], **args[2])
    if args[3]:
        assert args[3] in _msg(exc)
    assert (Proposal.objects.count(), AuditEvent.objects.count()) == before


def test_a_unit_outside_the_round_may_not_propose(rnd, org, staff, ctx, people):
    with pytest.raises(PermissionDenied):
        svc.proposal_create(**ctx("officer_b"), round=rnd, proposing_unit=org["VB"], form="LDTT",
                            person=people["lan"])


def test_bulk_proposes_everyone_eligible_in_one_action(rnd, org, staff, ctx, propose):
    propose("LDTT", staff["hà"])   # already proposed: left out, named
    out = svc.proposal_bulk_create(**ctx("officer_pa1"), round=rnd, proposing_unit=org["PA1"],
                                   forms=["LDTT", "CSTDCS"])
    made = {(p.subject_name, p.form) for p in Proposal.objects.filter(answer__answer__eligible=True)}
    assert made == {("Phạm Thu Hà", "LDTT"), ("Lê Văn Minh", "LDTT"), ("Lê Văn Minh", "CSTDCS")}
    assert out["created"] == 2 and [s["name"] for s in out["skipped"]] == ["Phạm Thu Hà"]
    bulk = Proposal.objects.get(subject_name="Lê Văn Minh", form="CSTDCS")
    assert bulk.answer["answer"]["regime"] == "2022" and bulk.answer["facts"]["id"] == f"p-{staff['minh'].pk}"
    assert AuditEvent.objects.filter(verb="proposal_create", object_id=str(bulk.pk)).exists()
    # the frozen (Tùng) and ineligible (Hà for CSTĐCS) are never proposed
    assert not Proposal.objects.filter(person=staff["tùng"]).exists()


def test_routing_receive_return_resubmit_appraise_forward(propose, staff, ctx, rnd):
    p = propose("LDTT", staff["minh"])
    with pytest.raises(PermissionDenied):   # the proposing unit does not receive its own dossier
        svc.proposal_transition(**ctx("officer_pa1"), proposal=p, transition="receive")
    p = svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="receive")
    with pytest.raises(ValidationError) as exc:
        svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="return", reason="")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="return", reason="Thiếu biên bản")
    assert svc.MSG_REASON_CODE in _msg(exc)
    p = svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="return", reason="Thiếu biên bản",
                                reason_code="dossier_incomplete")
    assert p.state == "returned"
    p = svc.proposal_transition(**ctx("officer_pa1"), proposal=p, transition="resubmit")
    p = svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="receive")
    p = svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="appraise")
    history = list(p.events.values_list("transition", "reason_code", "reason"))
    assert history[2] == ("return", "dossier_incomplete", "Thiếu biên bản")   # the returned dossier keeps it
    assert [h[0] for h in history] == ["create", "receive", "return", "resubmit", "receive", "appraise"]
    with pytest.raises(ValidationError):     # not from appraised
        svc.proposal_transition(**ctx("officer_a"), proposal=p, transition="forward")


def test_withdraw_needs_a_reason_and_frees_the_achievement(propose, staff, ctx):
    p = propose("LDTT", staff["minh"])
    with pytest.raises(ValidationError):
        svc.proposal_transition(**ctx("officer_pa1"), proposal=p, transition="withdraw")
    svc.proposal_transition(**ctx("officer_pa1"), proposal=p, transition="withdraw", reason="Nhầm người")
    assert propose("LDTT", staff["minh"]).state == "submitted"


def test_attachments_are_checked_before_anything_is_written(propose, staff, ctx, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = propose("LDTT", staff["minh"])
    for upload, message in [(SimpleUploadedFile("a.exe", b"x"), svc.MSG_FILE_KIND),
                            (SimpleUploadedFile("a.pdf", b""), svc.MSG_FILE_EMPTY),
                            (SimpleUploadedFile("a.pdf", b"x" * (svc.ATTACH_MAX_MB * 1048576 + 1)), "quá lớn")]:
        with pytest.raises(ValidationError) as exc:
            svc.proposal_attach(**ctx("officer_pa1"), proposal=p, upload=upload)
        assert message in _msg(exc)
    assert not Attachment.objects.exists() and not any(tmp_path.rglob("*.*"))
    att = svc.proposal_attach(**ctx("officer_pa1"), proposal=p, upload=SimpleUploadedFile("sang-kien.pdf", b"%PDF"))
    assert att.size == 4 and any(tmp_path.rglob("*.pdf"))


def test_public_posting_before_the_council(propose, staff, ctx, rnd, council):
    from thidua.commendations import council as cs
    p = Proposal.objects.create(round=rnd, person=staff["minh"], proposing_unit=rnd.unit, form="HCLD3", year=2025,
                                subject_name="Lê Văn Minh", state="appraised")
    session = cs.session_create(**ctx("officer_a"), council=council["council"], round=rnd,
                                meets_on=TODAY + datetime.timedelta(days=30))
    with pytest.raises(ValidationError) as exc:
        cs.session_agenda_add(**ctx("officer_a"), session=session, proposals=[p])
    assert "Huân chương Lao động hạng Ba phải được đăng công khai" in _msg(exc)
    with pytest.raises(ValidationError) as exc:
        svc.posting_create(**ctx("officer_a"), round=rnd, proposals=[p], where="Cổng TTĐT", starts_on=TODAY,
                           working_days=5)
    assert "10 ngày làm việc" in _msg(exc)
    posting = svc.posting_create(**ctx("officer_a"), round=rnd, proposals=[p], where="Cổng TTĐT", starts_on=TODAY)
    assert posting.working_days == 10 and posting.ends_on == add_working_days(TODAY, 10)
    p.refresh_from_db()
    assert p.state == "posted"
    c = svc.posting_comment_add(**ctx("officer_a"), posting=posting, proposal=p, author="Nguyễn A",
                                text="Đồng ý đề nghị.")
    assert c.proposal == p
    with pytest.raises(ValidationError):
        svc.posting_comment_add(**ctx("officer_a"), posting=posting, author="X", text="  ")
    assert cs.session_agenda_add(**ctx("officer_a"), session=session, proposals=[p]) == 1


def _xlsx(rows) -> SimpleUploadedFile:
    import io

    from openpyxl import Workbook
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("de-nghi.xlsx", buf.getvalue())


def test_proposals_from_an_xlsx_list_all_or_nothing(rnd, org, staff, ctx):
    header = ["Số CCCD", "Danh hiệu, hình thức"]
    bad = _xlsx([header, [staff["minh"].citizen_id, "Lao động tiên tiến"], [staff["tùng"].citizen_id, "LDTT"],
                 ["000000000000", "LDTT"], [staff["hà"].citizen_id, "Không có"]])
    with pytest.raises(ValidationError) as exc:
        svc.proposal_import(**ctx("officer_pa1"), round=rnd, proposing_unit=org["PA1"], upload=bad)
    text = _msg(exc)
    assert "Không đề nghị được 3 dòng" in text and "Dòng 3:" in text and "đang bị xem xét kỷ luật" in text
    assert "Dòng 4:" in text and "Dòng 5:" in text
    assert not Proposal.objects.exists()
    good = _xlsx([header, [staff["minh"].citizen_id, "Lao động tiên tiến"], [staff["minh"].citizen_id, "CSTDCS"]])
    assert svc.proposal_import(**ctx("officer_pa1"), round=rnd, proposing_unit=org["PA1"], upload=good) == 2
    with pytest.raises(ValidationError) as exc:
        svc.proposal_import(**ctx("officer_pa1"), round=rnd, proposing_unit=org["PA1"],
                            upload=SimpleUploadedFile("x.xlsx", b"not a zip"))
    assert svc.MSG_XLSX_UNREADABLE in _msg(exc)


def test_opening_a_round_registers_its_deadline_for_the_proposing_officers(rnd, actors, ctx):
    from thidua.notices.models import Deadline

    owed = Deadline.objects.filter(key=f"commendations.round:{rnd.pk}")
    assert {d.user.username for d in owed} == {"officer_pa1"}      # VA's own officer proposes nothing to VA
    assert all(d.status == Deadline.OPEN and d.due >= rnd.deadline for d in owed)
    svc.round_transition(**ctx("officer_a"), round=rnd, transition="close")
    assert set(owed.values_list("status", flat=True)) == {Deadline.CANCELLED}
    svc.round_transition(**ctx("officer_a"), round=rnd, transition="reopen", reason="Gia hạn")
    assert set(owed.values_list("status", flat=True)) == {Deadline.OPEN}


def test_a_deadline_in_working_days_skips_public_holidays(org, ctx):
    r = svc.round_create(**ctx("officer_a"), unit=org["VA"], name="Đợt dịp Quốc khánh", kind="ad_hoc", year=2025,
                         forms=["GK"], opens_on=datetime.date(2025, 8, 29), deadline_working_days=2)
    # 30/8 and 31/8 a weekend, 1/9 and 2/9 the National Day holiday: the 2nd working day is 04/09
    assert r.deadline == datetime.date(2025, 9, 4)
