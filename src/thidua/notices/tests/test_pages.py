"""The pages: the year's calendar (the administrator's form and its messages), "Việc cần làm" with
the header badge, notifications, the settings (e-mail off, the .ics address) and the feed."""
import datetime
import re

import pytest
from django.test import Client
from icalendar import Calendar

from thidua.notices import calendar
from thidua.notices.context_processors import SESSION_KEY
from thidua.notices.models import CalendarDay, NoticePreference, Notification
from thidua.notices.selectors import today
from thidua.notices.services import MSG_ALREADY_WORKING, MSG_DATE_YEARS, MSG_DUPLICATE, deadline_register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.calendar_changed()


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_calendar_page_names_holidays_in_vietnamese(personas):
    response = client_for(personas["staff"]).get("/lich-lam-viec/?nam=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lịch làm việc năm 2026" in html
    assert "Giao thừa Tết Nguyên Đán" in html and "Quốc khánh" in html
    assert "Ngày làm bù (đi làm)" in html          # the legend
    assert "249 ngày làm việc trong năm." in html
    assert 'id="form-khai-bao"' not in html        # staff: no form


@pytest.mark.parametrize("raw", ["abc", "1999", "99999999999999999999", "2026\x00"])
def test_a_bad_year_shows_this_year_with_a_message(personas, raw):
    response = client_for(personas["staff"]).get("/lich-lam-viec/", {"nam": raw})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "Năm không hợp lệ" in response.content.decode()


def test_the_administrator_declares_and_removes_a_make_up_day(personas):
    admin = client_for(personas["admin"])
    page = admin.get("/lich-lam-viec/?nam=2026").content.decode()
    assert 'id="form-khai-bao"' in page
    response = admin.post("/lich-lam-viec/khai-bao/", {"date": "05/12/2026", "kind": "workday",
                                                       "reason": "Làm bù cho ngày 31/12/2026"}, follow=True)
    html = response.content.decode()
    assert "Đã khai báo ngày làm bù ngày 05/12/2026." in html
    assert "Làm bù cho ngày 31/12/2026" in html
    assert calendar.is_working_day(D(2026, 12, 5))
    response = admin.post("/lich-lam-viec/khai-bao/2026-12-05/xoa/", follow=True)
    assert "Đã xóa khai báo ngày 05/12/2026." in response.content.decode()
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("data, message", [
    ({"date": "05/12/2026", "kind": "workday", "reason": "Làm bù"}, MSG_DUPLICATE.format(
        day="05/12/2026", existing="ngày làm bù")),
    ({"date": "07/12/2026", "kind": "workday", "reason": "Làm bù"}, MSG_ALREADY_WORKING.format(day="07/12/2026")),
    ({"date": "05/12/1999", "kind": "workday", "reason": "Làm bù"}, MSG_DATE_YEARS),
    ({"date": "31/02/2026", "kind": "workday", "reason": "Làm bù"}, "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."),
    ({"date": "06/12/2026", "kind": "khac", "reason": "Làm bù"}, "Hãy chọn loại ngày: ngày nghỉ hoặc ngày làm bù."),
    ({"date": "06/12/2026", "kind": "workday", "reason": ""}, "Hãy ghi lý do (ví dụ số thông báo hoán đổi ngày làm việc)."),
])
def test_bad_declarations_answer_at_the_field(personas, data, message):
    admin = client_for(personas["admin"])
    admin.post("/lich-lam-viec/khai-bao/", {"date": "05/12/2026", "kind": "workday", "reason": "Làm bù"})
    response = admin.post("/lich-lam-viec/khai-bao/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CalendarDay.objects.count() == 1


def test_an_officer_cannot_declare_or_remove(personas):
    CalendarDay.objects.create(date=D(2026, 12, 5), kind="workday", reason="Làm bù")
    officer = client_for(personas["officer_a"])
    assert officer.post("/lich-lam-viec/khai-bao/", {"date": "06/12/2026", "kind": "workday",
                                                      "reason": "x"}).status_code == 403
    assert officer.post("/lich-lam-viec/khai-bao/2026-12-05/xoa/").status_code == 403
    assert officer.post("/lich-lam-viec/khai-bao/khong-phai-ngay/xoa/").status_code == 404
    assert CalendarDay.objects.count() == 1


def _owe(personas, system_actor, root_scope, due, key="k1", title="Chấm điểm thi đua khối"):
    return deadline_register(actor=system_actor, scope=root_scope, key=key, title=title, due=due,
                             users=[personas["staff"]], url="/viec-can-lam/")


def test_todo_page_and_header_badge(personas, system_actor, root_scope):
    _owe(personas, system_actor, root_scope, calendar.add_working_days(today(), 1))
    _owe(personas, system_actor, root_scope, calendar.add_working_days(today(), 30), key="k2", title="Việc còn xa")
    c = client_for(personas["staff"])
    html = c.get("/viec-can-lam/").content.decode()
    assert "Chấm điểm thi đua khối" in html and "Còn 1 ngày làm việc" in html and "Còn 30 ngày làm việc" in html
    assert re.search(r'id="todo-badge"[^>]*>1<', html)
    other = client_for(personas["officer_a"]).get("/viec-can-lam/").content.decode()
    assert "Chấm điểm thi đua khối" not in other and 'id="todo-badge"' not in other


def test_a_moved_deadline_says_so_on_the_page(personas, system_actor, root_scope):
    _owe(personas, system_actor, root_scope, D(2100, 12, 25))   # a Saturday
    html = client_for(personas["staff"]).get("/viec-can-lam/").content.decode()
    assert "Hạn rơi vào ngày nghỉ (Thứ Bảy), đã chuyển sang thứ Hai 27/12/2100." in html


def test_notifications_read_and_unread(personas, system_actor, root_scope):
    _owe(personas, system_actor, root_scope, D(2026, 12, 23))
    c = client_for(personas["staff"])
    html = c.get("/thong-bao/").content.decode()
    assert "Việc mới: Chấm điểm thi đua khối" in html and "Chưa đọc (1)" in html
    n = Notification.objects.get()
    c.post("/thong-bao/da-doc/", {"id": n.pk})
    n.refresh_from_db()
    assert n.read_at is not None
    other = client_for(personas["officer_a"])
    _owe(personas, system_actor, root_scope, D(2026, 12, 23), key="k2")
    mine = Notification.objects.filter(read_at__isnull=True).get()
    other.post("/thong-bao/da-doc/", {"id": mine.pk})   # not theirs: nothing happens
    mine.refresh_from_db()
    assert mine.read_at is None
    c.post("/thong-bao/da-doc/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_settings_turn_mail_off_and_give_a_revocable_ics_address(personas, system_actor, root_scope):
    staff = personas["staff"]
    _owe(personas, system_actor, root_scope, D(2026, 2, 17))
    c = client_for(staff)
    assert c.get("/thong-bao/cai-dat/").status_code == 200
    c.post("/thong-bao/cai-dat/", {})                     # box unticked
    assert NoticePreference.objects.get(user=staff).email_digest is False
    c.post("/thong-bao/cai-dat/", {"email_digest": "on"})
    assert NoticePreference.objects.get(user=staff).email_digest is True
    html = c.post("/thong-bao/cai-dat/", {"action": "ics_create"}).content.decode()
    url = re.search(r'id="feed-url">([^<]+)<', html).group(1)
    path = url.replace("http://testserver", "")
    feed = Client().get(path)                             # no login: the token is the key
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Hạn: Chấm điểm thi đua khối"]
    c.post("/thong-bao/cai-dat/", {"action": "ics_revoke"})
    assert Client().get(path).status_code == 404
    assert Client().get("/lich-ics/khong-dung.ics").status_code == 404


def test_pages_need_a_login():
    for url in ("/lich-lam-viec/", "/viec-can-lam/", "/thong-bao/", "/thong-bao/cai-dat/"):
        assert Client().get(url).status_code == 302


@pytest.mark.parametrize("bad", ["²", "abc", "99999999999999999999999", ""])
def test_marking_a_bad_id_read_changes_nothing(personas, system_actor, root_scope, bad):
    _owe(personas, system_actor, root_scope, D(2026, 12, 23))
    response = client_for(personas["staff"]).post("/thong-bao/da-doc/", {"id": bad})
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_the_badge_is_counted_at_login_and_refreshed_by_the_todo_page(personas, system_actor, root_scope):
    _owe(personas, system_actor, root_scope, calendar.add_working_days(today(), 1))
    c = client_for(personas["staff"])
    assert c.session[SESSION_KEY][0] == 1
    _owe(personas, system_actor, root_scope, calendar.add_working_days(today(), 2), key="k2")
    c.get("/viec-can-lam/")
    assert c.session[SESSION_KEY][0] == 2
