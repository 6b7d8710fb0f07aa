"""The pages: a round from proposal to result through the forms, out-of-scope answers, bad input."""
import datetime

import pytest

from thidua.commendations import council as cs
from thidua.commendations.models import BallotReceipt, Proposal, Round, Session

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_the_flow_through_the_pages(client, actors, org, staff, rnd, council):
    client.force_login(actors["officer_pa1"])
    page = client.get(f"/khen-thuong/dot/{rnd.pk}/")
    assert page.status_code == 200 and "Đề nghị tất cả trường hợp đủ điều kiện" in page.content.decode()
    r = client.post(f"/khen-thuong/dot/{rnd.pk}/de-nghi-hang-loat/", {"unit": "PA1", "forms": ["LDTT"]}, follow=True)
    assert "Đã đề nghị 2 trường hợp đủ điều kiện" in r.content.decode()
    r = client.post(f"/khen-thuong/dot/{rnd.pk}/de-nghi/", {"unit": "PA1", "citizen_id": staff["tùng"].citizen_id,
                                                             "form": "LDTT"}, follow=True)
    assert "đang bị xem xét kỷ luật" in r.content.decode()
    r = client.post(f"/khen-thuong/dot/{rnd.pk}/de-nghi/", {"unit": "PA1", "citizen_id": "999", "form": "LDTT"},
                    follow=True)
    assert "Không tìm thấy cá nhân" in r.content.decode()
    client.force_login(actors["officer_a"])
    for p in Proposal.objects.all():
        for t in ("receive", "appraise"):
            assert client.post(f"/khen-thuong/ho-so/{p.pk}/{t}/").status_code == 302
    assert set(Proposal.objects.values_list("state", flat=True)) == {"appraised"}
    detail = client.get(f"/khen-thuong/ho-so/{p.pk}/").content.decode()
    assert "Kết quả xét điều kiện khi đề nghị" in detail and "Luật Thi đua, khen thưởng 2022" in detail
    r = client.post(f"/khen-thuong/dot/{rnd.pk}/phien-hop/", {"council": council["council"].pk,
                                                               "meets_on": TODAY.strftime("%d/%m/%Y")})
    s = Session.objects.get()
    assert r.url == f"/khen-thuong/phien-hop/{s.pk}/"
    ids = [str(p.pk) for p in Proposal.objects.all()]
    client.post(f"/khen-thuong/phien-hop/{s.pk}/chuong-trinh/", {"proposals": ids})
    r = client.post(f"/khen-thuong/phien-hop/{s.pk}/open_vote/", follow=True)
    assert "Chưa đủ số thành viên dự họp" in r.content.decode()
    attend = {f"m_{m.pk}": "present" for m in council["members"]}
    client.post(f"/khen-thuong/phien-hop/{s.pk}/du-hop/", attend)
    client.post(f"/khen-thuong/phien-hop/{s.pk}/open_vote/")
    for i in range(1, 6):
        client.force_login(actors[f"m{i}"])
        page = client.get(f"/khen-thuong/phien-hop/{s.pk}/phieu/").content.decode()
        assert "Phiếu bầu kín" in page and "Đồng ý" in page
        r = client.post(f"/khen-thuong/phien-hop/{s.pk}/phieu/", {f"n_{pid}": "agree" for pid in ids}, follow=True)
        assert "Đã ghi nhận phiếu của bạn" in r.content.decode()
    assert ">5/5<" in client.get(f"/khen-thuong/phien-hop/{s.pk}/so-phieu/").content.decode()
    r = client.post(f"/khen-thuong/phien-hop/{s.pk}/phieu/", {f"n_{ids[0]}": "agree"}, follow=True)
    assert "đã bỏ phiếu" in r.content.decode()
    assert BallotReceipt.objects.count() == 5
    client.force_login(actors["officer_a"])
    r = client.post(f"/khen-thuong/phien-hop/{s.pk}/close_vote/", follow=True)
    page = r.content.decode()
    assert "Danh sách được Hội đồng thông qua" in page and "Phạm Thu Hà" in page
    assert cs.session_result(s)["passed"][0]["agree"] == 5


def test_out_of_scope_pages_are_404(client, actors, rnd, agenda):
    client.force_login(actors["outsider"])
    for url in (f"/khen-thuong/dot/{rnd.pk}/", f"/khen-thuong/ho-so/{agenda['proposals'][0].pk}/",
                f"/khen-thuong/phien-hop/{agenda['session'].pk}/", f"/khen-thuong/phien-hop/{agenda['session'].pk}/phieu/",
                f"/khen-thuong/phien-hop/{agenda['session'].pk}/so-phieu/"):
        assert client.get(url).status_code == 404
    client.force_login(actors["officer_b"])
    assert client.get(f"/khen-thuong/phien-hop/{agenda['session'].pk}/").status_code == 404
    assert client.get("/khen-thuong/dot/999999/").status_code == 404


def test_round_form_errors_at_the_field(client, actors, org):
    client.force_login(actors["officer_a"])
    r = client.post("/khen-thuong/dot/moi/", {"name": "Đợt", "kind": "year_end", "year": "2025", "forms": ["LDTT"],
                                              "unit": org["VA"].pk})
    assert r.status_code == 200 and "Cần nhập hạn nộp hồ sơ" in r.content.decode()
    assert not Round.objects.exists()
    r = client.post("/khen-thuong/dot/moi/", {"name": "Đợt", "kind": "year_end", "year": "2025", "forms": ["LDTT"],
                                              "deadline": "31/12/2099", "unit": org["VA"].pk})
    assert r.status_code == 302 and Round.objects.get().name == "Đợt"
    client.force_login(actors["staff"])
    assert client.get("/khen-thuong/dot/moi/").status_code == 403


def test_a_bad_transition_name_is_404_and_a_bad_date_a_message(client, actors, rnd, council):
    client.force_login(actors["officer_a"])
    assert client.post(f"/khen-thuong/dot/{rnd.pk}/nope/").status_code == 404
    r = client.post(f"/khen-thuong/dot/{rnd.pk}/phien-hop/", {"council": council["council"].pk, "meets_on": "32/13"},
                    follow=True)
    assert "Ngày họp không hợp lệ" in r.content.decode()


def test_out_of_scope_writes_change_nothing(client, actors, rnd, agenda):
    from thidua.audit.models import AuditEvent
    p, s = agenda["proposals"][0].pk, agenda["session"].pk
    posts = [f"/khen-thuong/dot/{rnd.pk}/close/", f"/khen-thuong/dot/{rnd.pk}/de-nghi/",
             f"/khen-thuong/dot/{rnd.pk}/de-nghi-hang-loat/", f"/khen-thuong/dot/{rnd.pk}/tu-excel/",
             f"/khen-thuong/dot/{rnd.pk}/cong-khai/", f"/khen-thuong/dot/{rnd.pk}/phien-hop/",
             f"/khen-thuong/ho-so/{p}/return/", f"/khen-thuong/ho-so/{p}/dinh-kem/",
             f"/khen-thuong/phien-hop/{s}/du-hop/", f"/khen-thuong/phien-hop/{s}/chuong-trinh/",
             f"/khen-thuong/phien-hop/{s}/phieu/", f"/khen-thuong/phien-hop/{s}/phieu-giay/",
             f"/khen-thuong/phien-hop/{s}/open_vote/"]
    for who in ("outsider", "officer_b", "staff"):
        client.force_login(actors[who])
        before = AuditEvent.objects.count()
        for url in posts:
            assert client.post(url, {"unit": "PA1", "reason": "x", "reason_code": "violation"}).status_code in (403, 404), (who, url)
        assert AuditEvent.objects.count() == before


def test_the_unit_edits_its_dossier_report_and_minutes(client, actors, propose, staff):
    p = propose("LDTT", staff["minh"])
    client.force_login(actors["officer_pa1"])
    r = client.post(f"/khen-thuong/ho-so/{p.pk}/ho-so/", {"report": "Báo cáo mới", "minutes_total": "9",
                                                          "minutes_present": "8", "minutes_agree": "9",
                                                          "minutes_date": "10/12/2025"}, follow=True)
    assert "số đồng ý ≤ số có mặt ≤ tổng số thành viên" in r.content.decode()
    r = client.post(f"/khen-thuong/ho-so/{p.pk}/ho-so/", {"report": "Báo cáo mới", "minutes_total": "9",
                                                          "minutes_present": "8", "minutes_agree": "7",
                                                          "minutes_date": "10/12/2025"}, follow=True)
    page = r.content.decode()
    assert "Đã lưu hồ sơ" in page and "Họp ngày 10/12/2025: 7/8 đồng ý" in page
    p.refresh_from_db()
    assert p.report == "Báo cáo mới" and p.minutes == {"total": 9, "present": 8, "agree": 7, "date": "2025-12-10"}
    client.force_login(actors["officer_b"])   # another unit neither reads nor edits it
    assert client.post(f"/khen-thuong/ho-so/{p.pk}/ho-so/", {"report": "x"}).status_code == 404
    p.refresh_from_db()
    assert p.report == "Báo cáo mới"
