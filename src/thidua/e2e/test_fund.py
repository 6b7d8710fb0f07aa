"""The commendation fund in the browser: the ministry's emulation officer allocates the year's budget,
computes a bonus, records its payment, sees the balance and the settlement report; a payment past the
balance shows the refusal at its field. At 390 px the ledger does not scroll sideways."""
import pytest
from django.contrib.auth.models import User

from thidua.accounts.models import RoleAssignment
from thidua.common.roles import Role
from thidua.e2e.helpers import login
from thidua.fund.models import FundEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_allocate_pay_a_computed_bonus_see_balance_and_settlement(live_server, browser_page, org):
    officer = User.objects.create_user(username="thidua_bo", password="matkhau-123")
    RoleAssignment.objects.create(user=officer, role=Role.EMULATION_OFFICER, unit=org["BO"])
    page, base = browser_page, live_server.url
    login(page, base, "thidua_bo")

    page.click("nav.mainnav a:has-text('Quỹ thi đua')")
    page.select_option("#id_owner", "BO")
    page.fill("#id_year", "2025")
    page.click("#mo-so-quy button")
    page.wait_for_selector("h1:has-text('Sổ quỹ thi đua, khen thưởng năm 2025')")

    page.click("#ghi-allocation summary")
    page.fill("#id_allocation-amount", "5.000.000")
    page.select_option("#id_allocation-cap_basis", "salary_fund")
    page.fill("#id_allocation-basis_amount", "100.000.000")
    page.fill("#id_allocation-date", "15/01/2025")
    page.click("#ghi-allocation button")
    page.wait_for_selector("#so-du:has-text('5.000.000 đ')")

    # the calculator explains the figure before paying it
    page.goto(f"{base}/quy/tinh-tien-thuong/")
    page.select_option("#id_award_code", "CSTDCS")
    page.fill("#id_decision_date", "20/12/2025")
    page.fill("#id_count", "1")
    page.click("#may-tinh button")
    page.wait_for_selector("#cach-tinh")
    assert "hệ số 1,0 × mức lương cơ sở 2.340.000 đ = 2.340.000 đ" in page.inner_text("#cach-tinh")

    page.goto(f"{base}/quy/BO/2025/")
    page.click("#ghi-bonus summary")
    page.fill("#id_bonus-decision_no", "15/QĐ-BTP")
    page.fill("#id_bonus-decision_date", "20/12/2025")
    page.select_option("#id_bonus-award_code", "CSTDCS")
    page.fill("#id_bonus-subjects", "Nguyễn Văn Thắng")
    page.fill("#id_bonus-date", "26/12/2025")
    page.click("#ghi-bonus button")
    page.wait_for_selector("#so-du:has-text('2.660.000 đ')")
    assert "hệ số 1,0 × mức lương cơ sở 2.340.000 đ" in page.inner_text("#bang-so-quy")

    # past the balance: refused at the amount, nothing written
    page.click("#ghi-bonus summary")
    page.fill("#id_bonus-decision_no", "16/QĐ-BTP")
    page.fill("#id_bonus-decision_date", "20/12/2025")
    page.select_option("#id_bonus-award_code", "CSTD_BO")
    page.fill("#id_bonus-subjects", "Trần Thị Lan")
    page.fill("#id_bonus-date", "27/12/2025")
    page.click("#ghi-bonus button")
    page.wait_for_selector("#ghi-bonus .errorlist")
    assert "không đủ chi 7.020.000 đ" in page.inner_text("#ghi-bonus .errorlist")
    assert FundEntry.objects.filter(kind="bonus_payment").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/quy/BO/2025/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="var/e2e-fund-ledger-390.png", full_page=True)
    page.click("a:has-text('Quyết toán năm 2025')")
    page.wait_for_selector("#quyet-toan")
    assert page.inner_text("#tong-thu") == "5.000.000" and page.inner_text("#tong-chi") == "2.340.000"
    assert page.inner_text("#cuoi-nam") == "2.660.000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_download() as download:
        page.click("a:has-text('Tải tệp Excel')")
    assert download.value.suggested_filename == "quyet-toan-quy-BO-2025.xlsx"
    for path in ("/quy/", "/quy/tinh-tien-thuong/", "/quy/bang-tien-thuong/"):
        page.goto(f"{base}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.screenshot(path="var/e2e-fund-tables-390.png", full_page=True)
