"""The council's pages: councils and members (messages at the field), comments on a posting and its public
page (no login, nothing internal), ties at a cap on the session page, and "Đề nghị khen thưởng" from the
eligibility table (the per-user button outside the cached body)."""
import datetime
import re

import pytest
from django.core.cache import cache

from thidua.commendations import council as cs
from thidua.commendations import services as svc
from thidua.commendations.models import (
    Council,
    CouncilMember,
    PostingComment,
    Proposal,
    Round,
    Runoff,
    RunoffReceipt,
    Session,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _text(r) -> str:
    return r.content.decode()


def test_the_officer_sets_up_a_council_with_messages_at_the_field(client, actors, org):
    client.force_login(actors["officer_a"])
    assert "Hội đồng Thi đua – Khen thưởng" in _text(client.get("/khen-thuong/"))
    r = client.post("/khen-thuong/hoi-dong/", {"unit": org["VA"].pk, "name": "  ", "term": "2021–2026"})
    assert r.status_code == 200 and "errorlist" in _text(r) and not Council.objects.exists()
    r = client.post("/khen-thuong/hoi-dong/", {"unit": org["VA"].pk, "name": "Hội đồng TĐKT Vụ", "term": "2021–2026"})
    c = Council.objects.get()
    assert r.url == f"/khen-thuong/hoi-dong/{c.pk}/"
    page = _text(client.get(r.url))
    assert "Chưa đủ để họp" in page and "thiếu Chủ tịch Hội đồng" in page
    url = r.url
    r = client.post(url, {"username": "không-có", "role": "chair"})
    assert "Không tìm thấy tài khoản" in _text(r)
    assert client.post(url, {"username": "m1", "role": "chair", "full_name": "Nguyễn Chủ Tịch"}).status_code == 302
    r = client.post(url, {"username": "m2", "role": "chair"})
    body = _text(r)
    assert "chỉ có một Chủ tịch" in body and body.index("chỉ có một Chủ tịch") > body.index('id="member-form"')
    for u, role in (("m2", "vice_chair"), ("m3", "member"), ("m4", "member"), ("m5", "member"), ("thuky", "secretary")):
        assert client.post(url, {"username": u, "role": role}).status_code == 302
    assert "Đủ thành phần" in _text(client.get(url)) and CouncilMember.objects.count() == 6
    m5 = CouncilMember.objects.get(user=actors["m5"])
    r = client.post(f"/khen-thuong/hoi-dong/thanh-vien/{m5.pk}/thoi/", {"reason": "Chuyển công tác"}, follow=True)
    assert "đã thôi tham gia" in _text(r) and "cần thêm 1 thành viên biểu quyết" in _text(r)


def test_a_lower_officer_cannot_manage_a_council_of_the_level(client, actors, council):
    client.force_login(actors["officer_pa1"])
    assert client.get(f"/khen-thuong/hoi-dong/{council['council'].pk}/").status_code == 404
    m = council["members"][0]
    assert client.post(f"/khen-thuong/hoi-dong/thanh-vien/{m.pk}/thoi/").status_code == 404
    client.force_login(actors["m1"])
    assert client.get("/khen-thuong/hoi-dong/").status_code == 403


@pytest.fixture
def posting(propose, staff, ctx, rnd):
    p = propose("LDTT", staff["minh"])
    for t in ("receive", "appraise"):
        svc.proposal_transition(**ctx("officer_a"), proposal=p, transition=t)
    return svc.posting_create(**ctx("officer_a"), round=rnd, proposals=[p], where="Cổng TTĐT của Bộ",
                              starts_on=TODAY)


def test_comments_are_recorded_in_the_period_and_shown_on_the_papers(client, actors, posting, staff):
    client.force_login(actors["officer_a"])
    url = f"/khen-thuong/cong-khai/{posting.pk}/"
    page = _text(client.get(url))
    assert "Lê Văn Minh" in page and f"/cong-khai/{posting.public_token}/" in page
    p = posting.proposals.get()
    late = (posting.ends_on + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    r = client.post(url, {"proposal": p.pk, "author": "Trần B", "received_on": late, "text": "Ý kiến muộn"})
    assert "nằm ngoài thời gian lấy ý kiến" in _text(r) and not PostingComment.objects.exists()
    r = client.post(url, {"proposal": p.pk, "author": "Trần B", "received_on": "31/02/2025", "text": "x"})
    assert "Ngày không hợp lệ" in _text(r) and not PostingComment.objects.exists()
    r = client.post(url, {"proposal": p.pk, "author": "Trần B", "received_on": TODAY.strftime("%d/%m/%Y"),
                          "text": "Anh Minh có nhiều đóng góp."})
    assert r.status_code == 302 and PostingComment.objects.count() == 1
    assert "Anh Minh có nhiều đóng góp." in _text(client.get(f"/khen-thuong/ho-so/{p.pk}/"))
    # a council member reads the comment on the nominee's papers
    client.force_login(actors["m1"])
    assert "Anh Minh có nhiều đóng góp." in _text(client.get(f"/khen-thuong/ho-so/{p.pk}/"))
    # only the officer of the level records comments
    client.force_login(actors["officer_pa1"])
    assert client.post(url, {"received_on": TODAY.strftime("%d/%m/%Y"), "text": "x"}).status_code in (403, 404)
    assert PostingComment.objects.count() == 1


def test_the_public_page_needs_no_login_and_shows_nothing_internal(client, posting, staff):
    r = client.get(f"/cong-khai/{posting.public_token}/")
    body = _text(r)
    assert r.status_code == 200 and "Lê Văn Minh" in body and "Lao động tiên tiến" in body
    assert posting.ends_on.strftime("%d/%m/%Y") in body
    assert staff["minh"].citizen_id not in body and "Anh Minh" not in body
    assert not re.search(r"/ho-so/\d+|/khen-thuong/", body)
    assert client.get("/cong-khai/doan-bua/").status_code == 404
    assert len(posting.public_token) >= 32


@pytest.fixture
def tied_session(agenda, council, ctx):
    s = agenda["session"]
    Session.objects.filter(pk=s.pk).update(caps={"LDTT": 1})
    cs.session_attendance_set(**ctx("officer_a"), session=s, present=[m.pk for m in council["members"]])
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    ids = [str(p.pk) for p in agenda["proposals"]]
    for i in range(1, 6):
        cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={k: "agree" for k in ids})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    return s


def test_a_tie_is_shown_and_resolved_by_a_second_ballot_through_the_pages(client, actors, tied_session, agenda):
    s = tied_session
    minh, _, ha = agenda["proposals"]
    client.force_login(actors["officer_a"])
    page = _text(client.get(f"/khen-thuong/phien-hop/{s.pk}/"))
    assert "Bằng phiếu ở chỉ tiêu" in page and "2 người cùng 5 phiếu đồng ý cho 1 suất" in page
    r = client.post(f"/khen-thuong/phien-hop/{s.pk}/bang-phieu/LDTT/vong-hai/", follow=True)
    assert "Đã mở bỏ phiếu vòng hai (1 suất)" in _text(r)
    runoff = Runoff.objects.get()
    for i in range(1, 6):
        client.force_login(actors[f"m{i}"])
        if i == 1:
            assert "Bỏ phiếu vòng hai" in _text(client.get(f"/khen-thuong/phien-hop/{s.pk}/"))
            r = client.post(f"/khen-thuong/vong-hai/{runoff.pk}/", {"picks": [minh.pk, ha.pk]})
            assert "tối đa 1 người" in _text(r) and not RunoffReceipt.objects.exists()
        r = client.post(f"/khen-thuong/vong-hai/{runoff.pk}/", {"picks": [ha.pk if i <= 3 else minh.pk]})
        assert r.status_code == 302
    r = client.post(f"/khen-thuong/vong-hai/{runoff.pk}/", {"picks": [ha.pk]}, follow=True)
    assert "Bạn đã bỏ phiếu vòng hai" in _text(r)
    client.force_login(actors["officer_a"])
    r = client.post(f"/khen-thuong/vong-hai/{runoff.pk}/ket-thuc/", follow=True)
    assert "Đã kết thúc bỏ phiếu vòng hai" in _text(r) and "Bằng phiếu ở chỉ tiêu" not in _text(r)
    assert Proposal.objects.get(pk=ha.pk).state == "passed" and Proposal.objects.get(pk=minh.pk).state == "failed"


def test_the_chair_records_the_decision_on_the_page(client, actors, tied_session, agenda):
    s = tied_session
    minh, _, ha = agenda["proposals"]
    client.force_login(actors["m1"])
    page = _text(client.get(f"/khen-thuong/phien-hop/{s.pk}/"))
    assert "Ghi quyết định của Hội đồng" in page
    url = f"/khen-thuong/phien-hop/{s.pk}/bang-phieu/LDTT/quyet-dinh/"
    r = client.post(url, {"selected": [minh.pk], "reason": ""}, follow=True)
    assert "Cần ghi lý do" in _text(r) and Proposal.objects.get(pk=minh.pk).state == "on_agenda"
    r = client.post(url, {"selected": [minh.pk], "reason": "Có sáng kiến cấp cơ sở"}, follow=True)
    assert "Kết quả đã chốt" in _text(r) and Proposal.objects.get(pk=minh.pk).state == "passed"
    client.force_login(actors["m2"])
    assert "Ghi quyết định của Hội đồng" not in _text(client.get(f"/khen-thuong/phien-hop/{s.pk}/"))


def test_propose_everyone_eligible_from_the_table(client, actors, org, staff, rnd):
    cache.clear()
    table = "/xet-danh-hieu/don-vi/PA1/?year=2025&target=LDTT&status=yes"
    client.force_login(actors["officer_pa1"])
    page = _text(client.get(table))
    assert "/khen-thuong/de-nghi-tu-bang/PA1/" in page
    button = _text(client.get("/khen-thuong/de-nghi-tu-bang/PA1/?year=2025&target=LDTT&status=yes"))
    assert "Đề nghị khen thưởng" in button and rnd.name in button
    # the cached table is the same for everyone: the button is loaded apart, never inside it
    assert 'id="propose-from-table"' not in page
    client.force_login(actors["m1"])
    assert "/khen-thuong/de-nghi-tu-bang/PA1/" in _text(client.get(table))
    # no button without the "eligible" filter, for a form the round does not accept, or for a viewer
    client.force_login(actors["officer_pa1"])
    assert "<form" not in _text(client.get("/khen-thuong/de-nghi-tu-bang/PA1/?year=2025&target=LDTT&status=no"))
    assert "<form" not in _text(client.get("/khen-thuong/de-nghi-tu-bang/PA1/?year=2025&target=CSTD_TQ&status=yes"))
    assert "<form" not in _text(client.get("/khen-thuong/de-nghi-tu-bang/PA1/?year=2024&target=LDTT&status=yes"))
    r = client.post("/khen-thuong/de-nghi-tu-bang/PA1/", {"year": "2025", "target": "LDTT", "status": "yes",
                                                         "round": rnd.pk}, follow=True)
    assert "Đã đề nghị 2 trường hợp đủ điều kiện" in _text(r) and "bỏ qua 0 trường hợp" in _text(r)
    assert Proposal.objects.filter(round=rnd, form="LDTT").count() == 2
    r = client.post("/khen-thuong/de-nghi-tu-bang/PA1/", {"year": "2025", "target": "LDTT", "status": "yes",
                                                         "round": rnd.pk}, follow=True)
    assert "Đã đề nghị 0 trường hợp" in _text(r) and "bỏ qua 2 trường hợp" in _text(r)
    assert "đã được đề nghị" in _text(r) or "đã có hồ sơ" in _text(r)
    Round.objects.filter(pk=rnd.pk).update(state="closed")
    r = client.post("/khen-thuong/de-nghi-tu-bang/PA1/", {"year": "2025", "target": "LDTT", "status": "yes",
                                                         "round": rnd.pk}, follow=True)
    assert "Không có đợt khen thưởng đang mở" in _text(r)
    client.force_login(actors["m1"])
    assert "<form" not in _text(client.get("/khen-thuong/de-nghi-tu-bang/VA/?year=2025&target=LDTT&status=yes"))


@pytest.mark.parametrize("url, data", [
    ("/khen-thuong/phien-hop/{s}/bang-phieu/KHONG-CO/vong-hai/", {}),
    ("/khen-thuong/phien-hop/{s}/bang-phieu/LDTT%00/vong-hai/", {}),
    ("/khen-thuong/phien-hop/{s}/bang-phieu/LDTT/quyet-dinh/", {"selected": ["abc", "99999999999999999999"],
                                                                 "reason": "x\x07"}),
    ("/khen-thuong/vong-hai/999999/", {"picks": ["1"]}),
    ("/khen-thuong/vong-hai/999999/ket-thuc/", {}),
    ("/khen-thuong/hoi-dong/thanh-vien/999999/thoi/", {}),
    ("/khen-thuong/de-nghi-tu-bang/KHONG-CO/", {"target": "LDTT", "status": "yes", "year": "2025"}),
    ("/khen-thuong/de-nghi-tu-bang/PA1/", {"target": "x" * 300, "status": "yes", "year": "99999", "round": "x"}),
    ("/cong-khai/%00/", {}),
])
def test_bad_input_never_answers_500(client, actors, tied_session, url, data):
    client.force_login(actors["m1"])
    r = client.post(url.format(s=tied_session.pk), data)
    assert r.status_code in (302, 400, 403, 404, 405)
    r = client.get(url.format(s=tied_session.pk))
    assert r.status_code in (200, 302, 400, 403, 404, 405)


def test_bad_member_and_comment_input_is_answered_at_the_field(client, actors, council, posting):
    client.force_login(actors["officer_a"])
    url = f"/khen-thuong/hoi-dong/{council['council'].pk}/"
    r = client.post(url, {"username": "officer_b", "role": "member", "full_name": "Tên\x07lạ"})
    assert r.status_code == 200 and "errorlist" in _text(r)
    r = client.post(f"/khen-thuong/cong-khai/{posting.pk}/", {"received_on": TODAY.strftime("%d/%m/%Y"),
                                                             "text": "nội dung\x00", "proposal": "abc"})
    assert r.status_code in (200, 400) and not PostingComment.objects.exists()
