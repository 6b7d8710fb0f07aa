"""The working calendar and "Việc cần làm" in the browser: an administrator declares a make-up
Saturday on the calendar page (and sees a refusal for a day that is already worked); a user sees a
registered deadline in "Việc cần làm" and the header badge; both at 1280 and 390 px wide without
the page scrolling sideways."""
import datetime

import pytest

from thidua.e2e.helpers import login
from thidua.notices import calendar
from thidua.notices.models import CalendarDay
from thidua.notices.selectors import today
from thidua.notices.services import deadline_register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _no_sideways_scroll(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _next_saturday_off(start: datetime.date) -> datetime.date:
    d = start
    while d.weekday() != 5 or calendar.is_working_day(d):
        d += datetime.timedelta(days=1)
    return d


def test_admin_declares_a_make_up_day(live_server, browser_page, personas):
    calendar.calendar_changed()
    page, base = browser_page, live_server.url
    saturday = _next_saturday_off(today() + datetime.timedelta(days=3))
    login(page, base, "admin")
    page.goto(f"{base}/lich-lam-viec/?nam={saturday.year}")
    page.fill("#id_date", saturday.strftime("%d/%m/%Y"))
    page.select_option("#id_kind", "workday")
    page.fill("#id_reason", "Làm bù theo thông báo hoán đổi ngày làm việc")
    page.click("#form-khai-bao button:has-text('Khai báo')")
    page.wait_for_selector(f"text=Đã khai báo ngày làm bù ngày {saturday:%d/%m/%Y}.")
    assert CalendarDay.objects.filter(date=saturday, kind="workday").exists()
    cell = page.locator(f"#thang-{saturday.month} td.day-makeup")
    assert cell.count() >= 1
    # a Monday is already a working day: the refusal is at the field
    monday = saturday + datetime.timedelta(days=2)
    while not calendar.is_working_day(monday):
        monday += datetime.timedelta(days=7)
    page.fill("#id_date", monday.strftime("%d/%m/%Y"))
    page.select_option("#id_kind", "workday")
    page.fill("#id_reason", "Thử")
    page.click("#form-khai-bao button:has-text('Khai báo')")
    page.wait_for_selector("text=đã là ngày làm việc")
    for width in WIDTHS:
        page.goto(f"{base}/lich-lam-viec/?nam={saturday.year}")
        _no_sideways_scroll(page, width)
        page.screenshot(path=f"var/e2e-calendar-{width}.png", full_page=width == 390)


def test_user_sees_a_deadline_and_the_badge(live_server, browser_page, personas, system_actor, root_scope):
    calendar.calendar_changed()
    due = calendar.add_working_days(today(), 2)
    deadline_register(actor=system_actor, scope=root_scope, key="e2e/cham-diem", title="Chấm điểm thi đua khối",
                      due=due, users=[personas["staff"]], url="/viec-can-lam/")
    page, base = browser_page, live_server.url
    login(page, base, "thang")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/")
        assert page.inner_text("#todo-badge").strip() == "1"
        if width < 640:  # a phone: the badge is on the menu button, the link inside the menu
            assert page.inner_text("label[for=nav-toggle] .badge").strip() == "1"
            page.click("label[for=nav-toggle]")
        page.click("#todo-link")
        page.wait_for_selector("h1:has-text('Việc cần làm')")
        item = page.locator("#viec-con-han li", has_text="Chấm điểm thi đua khối")
        assert "Còn 2 ngày làm việc" in item.inner_text()
        assert due.strftime("%d/%m/%Y") in item.inner_text()
        _no_sideways_scroll(page, width)
        page.screenshot(path=f"var/e2e-todo-{width}.png", full_page=True)


def test_notifications_and_settings_fit_a_phone(live_server, browser_page, personas, system_actor, root_scope):
    calendar.calendar_changed()
    deadline_register(actor=system_actor, scope=root_scope, key="e2e/bao-cao",
                      title="Gửi báo cáo tổng kết phong trào thi đua năm và đề xuất khen thưởng của đơn vị",
                      due=datetime.date(2100, 12, 25), users=[personas["staff"]], url="/viec-can-lam/")
    page, base = browser_page, live_server.url
    login(page, base, "thang")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{base}/thong-bao/")
    assert "Việc mới: Gửi báo cáo tổng kết" in page.inner_text("main")
    _no_sideways_scroll(page, 390)
    page.goto(f"{base}/thong-bao/cai-dat/")
    page.click("button:has-text('Tạo địa chỉ lịch')")
    page.wait_for_selector("#feed-url")
    assert page.inner_text("#feed-url").endswith(".ics")
    _no_sideways_scroll(page, 390)
    page.screenshot(path="var/e2e-notices-settings-390.png", full_page=True)
    page.goto(f"{base}/viec-can-lam/")
    assert "đã chuyển sang thứ Hai 27/12/2100" in page.inner_text("#viec-con-han")
    _no_sideways_scroll(page, 390)
