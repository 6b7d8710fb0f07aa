"""The decision pages: from the closed session to a signed decision, certificates, a paid bonus and a
revocation, through the forms; bad input comes back as a Vietnamese message and writes nothing."""
import datetime
import re

import pytest

from thidua.commendations.models import Decision, DecisionAward
from thidua.fund import services as fund
from thidua.fund.models import FundEntry
from thidua.jobs.models import Job
from thidua.records.models import Award

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_from_the_session_to_a_signed_decision_certificates_and_bonuses(client, actors, passed, org, ctx):
    client.force_login(actors["officer_a"])
    page = client.get(f"/khen-thuong/phien-hop/{passed['session'].pk}/").content.decode()
    assert "Soạn quyết định khen thưởng" in page and "Soạn biên bản kiểm phiếu" in page
    r = client.post(f"/khen-thuong/phien-hop/{passed['session'].pk}/quyet-dinh/")
    d = Decision.objects.get()
    assert r.url == f"/khen-thuong/quyet-dinh/{d.pk}/"
    page = client.get(r.url).content.decode()
    assert "(dự thảo)" in page and "Ký và cấp số" in page and "Lê Văn Minh" in page
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/ky/", {"signer": "officer_b"}, follow=True)
    assert "không có thẩm quyền ký" in _messages(r)
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/ky/", {"signer": "leader_a", "signed_on": "31/02/2026"},
                    follow=True)
    assert "dd/mm/yyyy" in _messages(r)
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/ky/", {"signer": "leader_a"}, follow=True)
    page = r.content.decode()
    assert "số 01/QĐ-VA" in page and Award.objects.filter(decision_no="01/QĐ-VA").count() == 2
    assert "710.000 đ" in page and "2.340.000 đ" in page and "3.050.000 đ" in page
    pdf = client.get(f"/khen-thuong/quyet-dinh/{d.pk}/tai-ve.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # the fund is empty: refused with the fund's message
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/chi-thuong/", {}, follow=True)
    assert "không đủ chi" in _messages(r) and not FundEntry.objects.filter(kind="bonus_payment").exists()
    fund.fund_contribute(**ctx("officer_a"), owner=org["VA"], year=TODAY.year, amount=5_000_000,
                         counterparty="Đóng góp", date=TODAY)
    row = DecisionAward.objects.get(form="LDTT")
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/chi-thuong/", {f"amount_{row.pk}": "700.000"}, follow=True)
    assert "không khớp bảng tiền thưởng" in _messages(r)
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/chi-thuong/", {"date": TODAY.strftime("%d/%m/%Y")}, follow=True)
    assert "Đã chi tiền thưởng 3.050.000 đ" in _messages(r)
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/in-bang/")
    job = Job.objects.get(kind="certificates")
    assert r.url == f"/tac-vu/{job.pk}/"
    preview = client.get(f"/khen-thuong/quyet-dinh/{d.pk}/xem-truoc-bang/")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    page = client.get(f"/khen-thuong/quyet-dinh/{d.pk}/").content.decode()
    assert "001/" in page and "Đã chi thưởng" in page
    assert not re.search(r"\bdecision\b|\bpassed\b", page)
    # revoking without grounds, then with
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/huy-bo/", {"signer": "leader_a", "grounds": "x"}, follow=True)
    assert "Điều 93" in _messages(r) and Decision.objects.count() == 1
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/huy-bo/", {"signer": "leader_a", "grounds_code": "fraud",
                                                                 "grounds": "Kết luận thanh tra", "rows": [row.pk]})
    revocation = Decision.objects.get(revokes=d)
    assert r.url == f"/khen-thuong/quyet-dinh/{revocation.pk}/"
    page = client.get(r.url).content.decode()
    assert "Danh sách hủy bỏ" in page and "Chiến sĩ thi đua cơ sở" in page and "Kết luận thanh tra" in page
    assert FundEntry.objects.get(kind="clawback").amount == 710_000


def test_the_session_papers_from_the_page(client, actors, passed):
    client.force_login(actors["officer_a"])
    r = client.post(f"/khen-thuong/phien-hop/{passed['session'].pk}/bien-ban/vote_count/")
    assert r.status_code == 302 and r.url.startswith("/van-ban/")
    assert client.post(f"/khen-thuong/phien-hop/{passed['session'].pk}/bien-ban/khac/").status_code == 404


def test_out_of_scope_users_see_nothing_and_change_nothing(client, actors, passed, ctx):
    from thidua.commendations import decisions as dec
    d = dec.decision_draft(**ctx("officer_a"), session=passed["session"])
    client.force_login(actors["officer_b"])
    assert client.get(f"/khen-thuong/quyet-dinh/{d.pk}/").status_code == 404
    assert client.post(f"/khen-thuong/quyet-dinh/{d.pk}/ky/", {"signer": "leader_a"}).status_code == 404
    client.force_login(actors["leader_a"])
    page = client.get(f"/khen-thuong/quyet-dinh/{d.pk}/")
    assert page.status_code == 200 and "Ký và cấp số" not in page.content.decode()
    r = client.post(f"/khen-thuong/quyet-dinh/{d.pk}/ky/", {"signer": "leader_a"}, follow=True)
    assert "quyền" in _messages(r)
    assert Decision.objects.get(pk=d.pk).state == "draft"


def test_the_index_lists_the_decisions_in_scope(client, actors, passed, ctx):
    from thidua.commendations import decisions as dec
    dec.decision_draft(**ctx("officer_a"), session=passed["session"])
    client.force_login(actors["officer_a"])
    page = client.get("/khen-thuong/").content.decode()
    assert "Quyết định khen thưởng" in page and "Về việc tặng Lao động tiên tiến" in page and "Dự thảo" in page
    client.force_login(actors["officer_b"])
    assert "Về việc tặng Lao động tiên tiến" not in client.get("/khen-thuong/").content.decode()
