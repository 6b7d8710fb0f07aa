"""The yearly lock of a unit's grades, walked in the browser by the role that does each step:
the unit's emulation officer locks, then cannot enter a grade; the ministry's personnel officer
reopens with a reason; the officer enters the grade. Also at 390 px without sideways scrolling."""
import pytest
from django.contrib.auth.models import User

from thidua.accounts.models import RoleAssignment
from thidua.common.roles import Role
from thidua.e2e.helpers import login
from thidua.records.models import YearRecord
from thidua.records.permissions import MSG_GRADES_LOCKED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_grade(page, base, person, year):
    page.goto(f"{base}/ca-nhan/{person.pk}/lich-su/them/yearrecord/")
    page.fill("#id_year", str(year))
    page.select_option("#id_grade", "good")
    page.click("form.card button:has-text('Lưu')")
    page.wait_for_load_state()


def test_lock_refuse_reopen_and_enter(live_server, browser_page, org, people, personas):
    ministry = User.objects.create_user(username="tochuc_bo", password="matkhau-123")
    RoleAssignment.objects.create(user=ministry, role=Role.PERSONNEL_OFFICER, unit=org["BO"])
    page, base, thang = browser_page, live_server.url, people["thang"]

    login(page, base, "officer_a")
    page.goto(f"{base}/don-vi/VA/")
    page.click("button:has-text('Khóa xếp loại 2025')")
    page.wait_for_selector("text=Năm 2025: đã khóa xếp loại.")
    assert page.locator("button:has-text('Mở khóa 2025')").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/don-vi/VA/#xep-loai")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="var/e2e-grade-year-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    _add_grade(page, base, thang, 2025)
    assert MSG_GRADES_LOCKED.format(year=2025) in page.inner_text("form.card")
    assert not YearRecord.objects.filter(person=thang, year=2025).exists()

    login(page, base, "tochuc_bo")
    page.goto(f"{base}/don-vi/VA/")
    form = page.locator("form:has(button:has-text('Mở khóa 2025'))")
    form.locator("input[name=reason]").fill("Kết luận thanh tra: điều chỉnh xếp loại")
    form.locator("button").click()
    page.wait_for_selector("text=Năm 2025: đang nhập xếp loại.")
    page.screenshot(path="var/e2e-grade-year-reopened.png", full_page=True)

    login(page, base, "officer_a")
    _add_grade(page, base, thang, 2025)
    assert YearRecord.objects.filter(person=thang, year=2025, grade="good").exists()
