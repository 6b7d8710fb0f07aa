"""The council in the browser: the level's officer sets up its council (a second chair is refused at the
field, then the composition is complete), the council meets, two nominees tie at the edge of a cap, and
the members resolve the tie by a second secret ballot on a 390 px phone page; the officer closes it and the
result is final."""
import datetime

import pytest

from thidua.commendations import council as cs
from thidua.commendations import services as svc
from thidua.commendations.models import Council, Proposal, Runoff, Session
from thidua.commendations.tests.conftest import actors, ctx, rnd, staff  # noqa: F401  (fixtures)
from thidua.e2e.helpers import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_officer_sets_up_a_council_and_a_tie_is_resolved_by_a_second_ballot(
        live_server, browser_page, org, staff, rnd, ctx):  # noqa: F811
    page, base = browser_page, live_server.url
    login(page, base, "officer_a")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/khen-thuong/")
    page.click("text=Hội đồng Thi đua – Khen thưởng >> nth=0")
    page.select_option("#id_unit", str(org["VA"].pk))
    page.fill("#id_name", "Hội đồng Thi đua – Khen thưởng Vụ")
    page.fill("#id_term", "2021–2026")
    page.click("button:has-text('Lập Hội đồng')")
    page.wait_for_selector("text=Chưa đủ để họp")
    _fits(page)
    for username, role in (("m1", "chair"), ("m2", "chair")):
        page.fill("#id_username", username)
        page.select_option("#id_role", role)
        page.click("button:has-text('Thêm thành viên')")
        page.wait_for_load_state()
    page.wait_for_selector("#member-form .errorlist >> text=chỉ có một Chủ tịch")
    for username, role in (("m2", "vice_chair"), ("m3", "member"), ("m4", "member"), ("m5", "member"),
                           ("thuky", "secretary")):
        page.fill("#id_username", username)
        page.select_option("#id_role", role)
        page.click("button:has-text('Thêm thành viên')")
        page.wait_for_selector("text=Đã thêm")
    page.wait_for_selector("#composition >> text=Đủ thành phần")
    _fits(page)
    page.screenshot(path="var/e2e-council-390.png", full_page=True)
    council = Council.objects.get()
    members = list(council.members.filter(role__in=["chair", "vice_chair", "member"]).order_by("pk"))

    # the council meets on LĐTT capped at one place; Minh and Hà both get every vote: a tie
    props = [svc.proposal_create(**ctx("officer_pa1"), round=rnd, proposing_unit=org["PA1"], form="LDTT",
                                 person=staff[n]) for n in ("minh", "hà")]
    for p in props:
        for t in ("receive", "appraise"):
            svc.proposal_transition(**ctx("officer_a"), proposal=p, transition=t)
    s = cs.session_create(**ctx("officer_a"), council=council, round=rnd, meets_on=datetime.date.today(),
                          caps={"LDTT": 1})
    cs.session_agenda_add(**ctx("officer_a"), session=s, proposals=props)
    cs.session_attendance_set(**ctx("officer_a"), session=s, present=[m.pk for m in members])
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    for i in range(1, 6):
        cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={str(p.pk): "agree" for p in props})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")

    page.goto(f"{base}/khen-thuong/phien-hop/{s.pk}/")
    page.wait_for_selector("text=2 người cùng 5 phiếu đồng ý cho 1 suất còn lại")
    _fits(page)
    page.click("button:has-text('Bỏ phiếu kín vòng hai')")
    page.wait_for_selector("text=Đã mở bỏ phiếu vòng hai (1 suất)")
    minh, ha = props
    for i in range(1, 6):
        login(page, base, f"m{i}")
        page.goto(f"{base}/khen-thuong/phien-hop/{s.pk}/")
        page.click("a:has-text('Bỏ phiếu vòng hai')")
        page.wait_for_selector("text=Phiếu bầu kín vòng hai")
        _fits(page)
        if i == 1:
            page.screenshot(path="var/e2e-runoff-390.png", full_page=True)
        pick = ha if i <= 3 else minh
        page.check(f"input[name=picks][value='{pick.pk}']")
        page.click("button:has-text('Gửi phiếu vòng hai')")
        page.wait_for_selector("text=Đã ghi nhận phiếu vòng hai")
    login(page, base, "officer_a")
    page.goto(f"{base}/khen-thuong/phien-hop/{s.pk}/")
    page.click("button:has-text('Kết thúc bỏ phiếu vòng hai')")
    page.wait_for_selector("text=Đã kết thúc bỏ phiếu vòng hai")
    _fits(page)
    assert Runoff.objects.get().state == Runoff.DONE
    assert Proposal.objects.get(pk=ha.pk).state == "passed" and Proposal.objects.get(pk=minh.pk).state == "failed"
    assert page.locator("text=Bằng phiếu ở chỉ tiêu").count() == 0
    assert Session.objects.get(pk=s.pk).state == "closed"
