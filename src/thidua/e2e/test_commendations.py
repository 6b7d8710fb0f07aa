"""The commendation pipeline in the browser, each step by the role that does it: the division's
officer proposes (one by one and everyone eligible), the department's officer receives, appraises,
calls the council and puts the dossiers on its agenda; members vote on their ballots (one on a
390 px phone), the secretary enters a paper ballot, the officer closes the vote; the result shows
who passed; the officer drafts the decision, has the leader's signature numbered, prints the
certificates (a PDF) and pays the bonuses from the department's fund."""
import datetime
import io

import pytest
from pypdf import PdfReader

from thidua.commendations.models import BallotReceipt, Decision, Proposal, Session
from thidua.commendations.tests.conftest import actors, council, ctx, rnd, staff  # noqa: F401  (fixtures)
from thidua.e2e.helpers import login
from thidua.fund import services as fund

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _vote_all_agree(page, base, session):
    page.goto(f"{base}/khen-thuong/phien-hop/{session.pk}/phieu/")
    for radio in page.locator("input[type=radio][value=agree]").all():
        radio.check()
    page.click("button:has-text('Gửi phiếu')")
    page.wait_for_selector("text=Đã ghi nhận phiếu của bạn")


def test_from_proposal_to_the_councils_result(live_server, browser_page, staff, rnd, council, ctx, org):  # noqa: F811
    page, base = browser_page, live_server.url
    today = datetime.date.today().strftime("%d/%m/%Y")

    login(page, base, "officer_pa1")
    page.goto(f"{base}/khen-thuong/")
    page.click(f"text={rnd.name}")
    form = page.locator("form:has(button:has-text('Đề nghị tất cả'))")
    form.locator("input[value=LDTT]").check()
    form.locator("button").click()
    page.wait_for_selector("text=Đã đề nghị 2 trường hợp đủ điều kiện")
    one = page.locator("form:has(#one-cid)")
    one.locator("#one-cid").fill(staff["tùng"].citizen_id)
    one.locator("button").click()
    page.wait_for_selector("text=đang bị xem xét kỷ luật")
    one = page.locator("form:has(#one-cid)")
    one.locator("#one-cid").fill(staff["minh"].citizen_id)
    one.locator("#one-form").select_option("CSTDCS")
    one.locator("button").click()
    page.wait_for_selector("text=Đã đề nghị Lê Văn Minh: Chiến sĩ thi đua cơ sở")

    login(page, base, "officer_a")
    for p in Proposal.objects.order_by("pk"):
        page.goto(f"{base}/khen-thuong/ho-so/{p.pk}/")
        page.click("button:has-text('Tiếp nhận')")
        page.wait_for_selector("text=Đã cập nhật hồ sơ")
        page.click("button:has-text('Thẩm định đạt')")
        page.wait_for_selector("text=Đã thẩm định")
    page.goto(f"{base}/khen-thuong/dot/{rnd.pk}/")
    page.fill("#meets_on", today)
    page.click("button:has-text('Tạo phiên họp')")
    page.wait_for_selector("text=Danh sách xét (0)")
    session = Session.objects.get()
    members = council["members"]
    for m in members[:4]:
        page.select_option(f"select[name=m_{m.pk}]", "present")
    page.click("button:has-text('Lưu thành phần dự họp')")
    page.wait_for_selector("text=Đã ghi nhận thành phần dự họp")
    page.click("button:has-text('Đưa ra Hội đồng')")
    page.wait_for_selector("text=Danh sách xét (3)")
    page.click("button:has-text('Mở bỏ phiếu')")
    page.wait_for_selector("text=Đang bỏ phiếu")

    for username in ("m1", "m2"):
        login(page, base, username)
        _vote_all_agree(page, base, session)
    login(page, base, "m3")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/khen-thuong/phien-hop/{session.pk}/phieu/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="var/e2e-ballot-390.png", full_page=True)
    _vote_all_agree(page, base, session)
    page.set_viewport_size({"width": 1280, "height": 900})

    login(page, base, "thuky")
    page.goto(f"{base}/khen-thuong/phien-hop/{session.pk}/")
    paper = page.locator("form:has(#pb-member)")
    paper.locator("#pb-member").select_option(str(members[3].pk))
    for radio in paper.locator("input[type=radio][value=reject]").all():
        radio.check()
    paper.locator("button").click()
    page.wait_for_selector("text=Đã nhập phiếu")
    assert BallotReceipt.objects.filter(session=session).count() == 4

    login(page, base, "officer_a")
    page.goto(f"{base}/khen-thuong/phien-hop/{session.pk}/")
    page.click("button:has-text('Kết thúc bỏ phiếu')")
    page.wait_for_selector("text=Danh sách được Hội đồng thông qua")
    passed = page.inner_text("ul:below(h2:has-text('Danh sách được Hội đồng thông qua'))")
    assert "Lê Văn Minh – Chiến sĩ thi đua cơ sở (3/5 phiếu đồng ý)" in passed
    assert "Phạm Thu Hà – Lao động tiên tiến" in passed
    page.screenshot(path="var/e2e-council-result.png", full_page=True)
    assert set(Proposal.objects.values_list("state", flat=True)) == {"passed"}

    page.set_viewport_size({"width": 390, "height": 844})   # the officer's pages on a phone too
    for url in (f"/khen-thuong/phien-hop/{session.pk}/", f"/khen-thuong/dot/{rnd.pk}/",
                f"/khen-thuong/ho-so/{Proposal.objects.first().pk}/", "/khen-thuong/"):
        page.goto(base + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url

    # the decision: drafted from the passed list, signed by the leader (number at signature), certificates, bonuses
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/khen-thuong/phien-hop/{session.pk}/")
    page.click("button:has-text('Soạn quyết định khen thưởng')")
    page.wait_for_selector("text=Đã soạn dự thảo quyết định khen thưởng")
    decision = Decision.objects.get()
    page.select_option("#signer", "leader_a")
    page.click("button:has-text('Ký và cấp số')")
    page.wait_for_selector("text=số 01/QĐ-VA")
    assert Proposal.objects.filter(state="decided").count() == 3
    fund.fund_contribute(**ctx("officer_a"), owner=org["VA"], year=datetime.date.today().year, amount=10_000_000,
                         counterparty="Đóng góp của các đơn vị", date=datetime.date.today())
    page.reload()
    page.click("button:has-text('Chi tiền thưởng')")
    page.wait_for_selector("text=Đã chi tiền thưởng 3.760.000 đ")
    page.click("button:has-text('In bằng')")
    page.wait_for_selector("text=Tải kết quả")
    with page.expect_download() as download:
        page.click("text=Tải kết quả")
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) == 3 and "01/QĐ-VA" in text
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/khen-thuong/quyet-dinh/{decision.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="var/e2e-decision-390.png", full_page=True)
