"""Deadlines: registration (moved off days off, idempotent per key and user), done, cancel, the
badge and "Việc cần làm" lists, the .ics feed parsed back, the daily digests."""
import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from thidua.audit.models import AuditEvent
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.notices import calendar
from thidua.notices.ics import deadlines_ics
from thidua.notices.models import CalendarDay, Deadline, Digest, Notification
from thidua.notices.reminders import remind
from thidua.notices.selectors import badge_count, deadlines_for_user, user_for_ics_token
from thidua.notices.services import (
    MSG_DUE_REQUIRED,
    MSG_TITLE_REQUIRED,
    MSG_UNKNOWN_DEADLINE,
    MSG_URL,
    MSG_USERS_REQUIRED,
    calendar_day_add,
    deadline_cancel,
    deadline_done,
    deadline_register,
    ics_token_create,
    ics_token_revoke,
    preference_set,
    token_hash,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.calendar_changed()


@pytest.fixture
def users(db):
    return [User.objects.create_user(username=f"u{i}", email=f"u{i}@example.gov.vn", first_name="Văn",
                                      last_name=f"Nguyễn {i}") for i in range(3)]


def register(system_actor, root_scope, users, due, key="dot-1/vong-1", title="Nộp hồ sơ đề nghị khen thưởng"):
    return deadline_register(actor=system_actor, scope=root_scope, key=key, title=title, due=due, users=users,
                             url="/viec-can-lam/", source="Đợt khen thưởng năm 2026")


def test_a_due_date_on_tet_moves_to_the_next_working_day_and_says_so(system_actor, root_scope, users):
    result = register(system_actor, root_scope, users[:1], D(2026, 2, 17))
    assert result.moved and result.due == D(2026, 2, 23) and result.asked_due == D(2026, 2, 17)
    assert result.note == "Hạn rơi vào ngày nghỉ (Tết Nguyên Đán), đã chuyển sang thứ Hai 23/02/2026"
    row = Deadline.objects.get()
    assert (row.due, row.asked_due, row.moved_note) == (D(2026, 2, 23), D(2026, 2, 17), result.note)


def test_a_due_date_on_a_working_day_stays(system_actor, root_scope, users):
    result = register(system_actor, root_scope, users, D(2026, 12, 23))
    assert not result.moved and result.note == "" and result.created == 3
    assert Notification.objects.filter(title="Việc mới: Nộp hồ sơ đề nghị khen thưởng").count() == 3
    assert AuditEvent.objects.filter(verb="deadline_register").count() == 3


def test_registering_again_is_idempotent_per_key_and_user(system_actor, root_scope, users):
    register(system_actor, root_scope, users[:2], D(2026, 12, 23))
    deadline_done(key="dot-1/vong-1", user=users[0])
    again = register(system_actor, root_scope, users, D(2026, 12, 24), title="Nộp hồ sơ (gia hạn)")
    assert again.created == 1
    assert Deadline.objects.count() == 3
    assert set(Deadline.objects.values_list("due", flat=True)) == {D(2026, 12, 24)}
    assert Deadline.objects.get(user=users[0]).status == Deadline.DONE     # done stays done
    assert Notification.objects.count() == 3                              # one per newly owed user


def test_done_and_cancel(system_actor, root_scope, users):
    register(system_actor, root_scope, users, D(2026, 12, 23))
    deadline_done(key="dot-1/vong-1", user=users[1])
    deadline_done(key="dot-1/vong-1", user=users[1])      # twice: nothing more
    assert AuditEvent.objects.filter(verb="deadline_done").count() == 1
    assert deadline_cancel(key="dot-1/vong-1") == 2
    assert list(Deadline.objects.order_by("user_id").values_list("status", flat=True)) == [
        Deadline.CANCELLED, Deadline.DONE, Deadline.CANCELLED]
    with pytest.raises(ValidationError) as err:
        deadline_done(key="khong-co", user=users[0])
    assert err.value.message_dict["key"] == [MSG_UNKNOWN_DEADLINE]
    register(system_actor, root_scope, users[:1], D(2026, 12, 23))      # a cancelled step reopens
    assert Deadline.objects.get(user=users[0]).status == Deadline.OPEN


@pytest.mark.parametrize("changes, field, message", [
    ({"title": "  "}, "title", MSG_TITLE_REQUIRED),
    ({"due": "23/12/2026"}, "due", MSG_DUE_REQUIRED),
    ({"due": None}, "due", MSG_DUE_REQUIRED),
    ({"users": []}, "users", MSG_USERS_REQUIRED),
    ({"url": "javascript:alert(1)"}, "url", MSG_URL),
    ({"url": "//evil.example/"}, "url", MSG_URL),
    ({"due": D(1990, 1, 1)}, "due", calendar.MSG_YEAR_RANGE),
    ({"title": "Nộp\x00hồ sơ"}, "title", None),
])
def test_bad_registrations_are_refused_and_write_nothing(system_actor, root_scope, users, changes, field, message):
    args = {"key": "k", "title": "Nộp hồ sơ", "due": D(2026, 12, 23), "users": users, "url": ""} | changes
    with pytest.raises(ValidationError) as err:
        deadline_register(actor=system_actor, scope=root_scope, **args)
    assert field in err.value.message_dict
    if message:
        assert err.value.message_dict[field] == [message]
    assert not Deadline.objects.exists() and not Notification.objects.exists()


def test_staff_without_a_role_cannot_register(personas, actor_of, scope_of, users):
    staff = personas["staff"]
    with pytest.raises(PermissionDenied):
        deadline_register(actor=actor_of(staff), scope=scope_of(staff), key="k", title="Việc", due=D(2026, 12, 23),
                          users=users)
    officer = personas["officer_a"]
    deadline_register(actor=actor_of(officer), scope=scope_of(officer), key="k", title="Việc", due=D(2026, 12, 23),
                      users=users)


def test_the_lists_and_the_badge_count_in_working_days(system_actor, root_scope, users):
    u = users[0]
    register(system_actor, root_scope, [u], D(2026, 12, 3), key="a", title="Quá hạn")      # Thursday
    register(system_actor, root_scope, [u], D(2026, 12, 9), key="b", title="Sắp đến hạn")   # Wednesday
    register(system_actor, root_scope, [u], D(2026, 12, 31), key="c", title="Còn xa")
    register(system_actor, root_scope, [u], D(2026, 12, 8), key="d", title="Đã xong")
    deadline_done(key="d", user=u)
    today = D(2026, 12, 7)   # Monday
    lists = deadlines_for_user(u, day=today)
    assert [(v.deadline.key, v.days_left) for v in lists["overdue"]] == [("a", -2)]
    assert [(v.deadline.key, v.days_left) for v in lists["due"]] == [("b", 2), ("c", 18)]
    assert lists["overdue"][0].left_label == "Quá hạn 2 ngày làm việc"
    assert [d.key for d in lists["done"]] == ["d"]
    assert badge_count(u, day=today) == 2     # overdue + due within 3 working days
    assert badge_count(users[1], day=today) == 0


def test_the_ics_feed_parses_back(system_actor, root_scope, users):
    u = users[0]
    register(system_actor, root_scope, [u], D(2026, 2, 17), key="a", title="Nộp báo cáo")
    register(system_actor, root_scope, [u], D(2026, 12, 23), key="b", title="Họp hội đồng")
    feed = deadlines_ics(u, now=datetime.datetime(2026, 12, 7, 8, tzinfo=datetime.UTC))
    cal = Calendar.from_ical(feed)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Hạn: Nộp báo cáo", "Hạn: Họp hội đồng"}
    tet = events["Hạn: Nộp báo cáo"]
    assert tet.decoded("dtstart") == D(2026, 2, 23)
    assert "Tết Nguyên Đán" in str(tet["description"])
    assert str(tet["url"]).endswith("/viec-can-lam/")


def test_the_ics_token_is_secret_and_revocable(system_actor, users):
    u = users[0]
    token = ics_token_create(actor=system_actor, user=u)
    assert user_for_ics_token(token_hash(token)) == u
    newer = ics_token_create(actor=system_actor, user=u)
    assert user_for_ics_token(token_hash(token)) is None
    ics_token_revoke(actor=system_actor, user=u)
    assert user_for_ics_token(token_hash(newer)) is None
    assert user_for_ics_token(token_hash("")) is None


# --- the daily digest -----------------------------------------------------------------------

def test_one_digest_per_user_and_nothing_sent_twice(system_actor, root_scope, users):
    register(system_actor, root_scope, users[:2], D(2026, 12, 3), key="a", title="Nộp báo cáo tổng kết")
    register(system_actor, root_scope, users[:1], D(2026, 12, 8), key="b", title="Chấm điểm khối thi đua")
    register(system_actor, root_scope, users[2:], D(2027, 3, 1), key="c", title="Còn xa")
    day = D(2026, 12, 7)
    first = remind(day)
    assert (first.deadlines, first.users, first.written, first.sent) == (3, 2, 2, 2)
    assert len(mail.outbox) == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    m0 = by_to["u0@example.gov.vn"]
    assert m0.subject == "Nhắc việc ngày 07/12/2026: 1 việc quá hạn, 1 việc sắp đến hạn"
    assert "Kính gửi Nguyễn 0 Văn," in m0.body
    assert "- Nộp báo cáo tổng kết: hạn thứ Năm 03/12/2026, quá hạn 2 ngày làm việc." in m0.body
    assert "- Chấm điểm khối thi đua: hạn thứ Ba 08/12/2026, còn 1 ngày làm việc." in m0.body
    second = remind(day)
    assert (second.written, second.sent) == (0, 0)
    assert len(mail.outbox) == 2
    out = []
    call_command("remind", "--date", "07/12/2026", stdout=_Sink(out))
    assert len(mail.outbox) == 2 and "đã gửi 0 thư" in out[0]


def test_turned_off_or_no_address_means_no_mail(system_actor, root_scope, users):
    preference_set(actor=system_actor, user=users[0], email_digest=False)
    users[1].email = ""
    users[1].save()
    register(system_actor, root_scope, users, D(2026, 12, 8))
    result = remind(D(2026, 12, 7))
    assert result.written == 3 and result.sent == 1
    assert [m.to for m in mail.outbox] == [["u2@example.gov.vn"]]
    assert Digest.objects.filter(email="").count() == 2


def test_a_failing_mail_server_leaves_the_rest_for_the_next_run(settings, system_actor, root_scope, users):
    register(system_actor, root_scope, users, D(2026, 12, 8))
    settings.EMAIL_BACKEND = "thidua.notices.tests.test_deadlines.FailingBackend"
    with pytest.raises(OSError):
        remind(D(2026, 12, 7))
    assert Digest.objects.filter(sent_at__isnull=True).count() == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(D(2026, 12, 7)).sent == 3


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("remind", "--date", "31/02/2026")


class _Sink:
    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.append(text)

    def flush(self):
        pass


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        raise OSError("máy chủ thư không trả lời")


def test_declaring_a_day_off_moves_the_open_deadlines_due_that_day(system_actor, root_scope, users):
    register(system_actor, root_scope, users[:2], D(2026, 12, 31))
    deadline_done(key="dot-1/vong-1", user=users[1])
    calendar_day_add(actor=system_actor, scope=root_scope, date=D(2026, 12, 31), kind=CalendarDay.OFF,
                     reason="Nghỉ hoán đổi cuối năm")
    moved = Deadline.objects.get(user=users[0])
    assert moved.due == D(2027, 1, 4) and moved.asked_due == D(2026, 12, 31)
    assert moved.moved_note == ("Hạn rơi vào ngày nghỉ (Nghỉ hoán đổi cuối năm), đã chuyển sang "
                                "thứ Hai 04/01/2027")
    assert Deadline.objects.get(user=users[1]).due == D(2026, 12, 31)     # done: left as it was
    assert AuditEvent.objects.filter(verb="deadline_move").count() == 1
