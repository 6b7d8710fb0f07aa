import datetime

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_finds_a_person_without_accents_and_sees_history(live_server, browser_page, personas, people,
                                                                      system_actor, root_scope):
    from thidua.records import services as history
    from thidua.records.models import Award, YearRecord

    thang = people["thang"]
    history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=thang, year=2024,
                        grade="excellent")
    history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=thang, year=2024, code="CSTDCS",
                        decision_no="123/QĐ-BTP", decision_date=datetime.date(2025, 1, 10))
    page = browser_page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "matkhau-123")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/ca-nhan/")
    page.fill("#search-q", "nguyen van thang")
    page.wait_for_selector("text=Nguyễn Văn Thắng")
    assert "Trần Thị Lan" not in page.content()  # out of officer_a's scope
    page.click("text=Nguyễn Văn Thắng")
    page.wait_for_selector("#person-name")
    assert page.inner_text("#person-name") == "Nguyễn Văn Thắng"
    history_text = page.inner_text("table.history")
    assert "2024" in history_text and "Chiến sĩ thi đua cơ sở" in history_text and "123/QĐ-BTP" in history_text
    assert "Hoàn thành xuất sắc nhiệm vụ" in history_text
    page.screenshot(path="var/e2e-person.png", full_page=True)
