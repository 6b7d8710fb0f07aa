"""/api/v1/calendar/… and /api/v1/me/…: working-day arithmetic, the year's calendar, the caller's
deadlines and notifications (only their own), with Vietnamese messages for bad input."""
import datetime

import pytest

from thidua.notices import calendar
from thidua.notices.models import Notification
from thidua.notices.services import deadline_register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.calendar_changed()


def test_it_adds_and_counts_working_days(api_as):
    api = api_as("staff")
    r = api.get("/api/v1/calendar/add-working-days", {"from": "2026-02-13", "days": 1})
    assert r.status_code == 200, r.content
    assert r.json() == {"start": "2026-02-13", "days": 1, "date": "2026-02-23", "label": "thứ Hai 23/02/2026"}
    r = api.get("/api/v1/calendar/working-days", {"from": "2025-12-31", "to": "2026-12-31"}).json()
    assert r["working_days"] == 249 and "from < d ≤ to" in r["definition"]
    assert api.get("/api/v1/calendar/working-days", {"from": "2026-12-07", "to": "2026-12-04"}).json()[
        "working_days"] == -1


@pytest.mark.parametrize("params, field, message", [
    ({"from": "1999-01-04", "days": 1}, "from", calendar.MSG_YEAR_RANGE),
    ({"from": "2100-12-30", "days": 30}, "from", calendar.MSG_YEAR_RANGE),
    ({"from": "2026-01-05", "days": 10001}, "days", None),
    ({"from": "05/01/2026", "days": 1}, "from", None),
    ({"days": 1}, "from", None),
])
def test_bad_working_day_questions_answer_422_in_vietnamese(api_as, params, field, message):
    r = api_as("staff").get("/api/v1/calendar/add-working-days", params)
    assert r.status_code == 422, r.content
    errors = r.json()["detail"]
    assert errors[0]["field"] == field
    if message:
        assert errors[0]["message"] == message


def test_it_gives_the_year(api_as):
    r = api_as("staff").get("/api/v1/calendar/2026").json()
    assert r["working_days"] == 249
    tet = [d for d in r["days"] if d["date"] == "2026-02-17"][0]
    assert tet == {"date": "2026-02-17", "kind": "holiday", "working": False, "name": "Tết Nguyên Đán"}
    makeup = [d for d in r["days"] if d["date"] == "2026-08-22"][0]
    assert makeup["kind"] == "makeup" and makeup["working"] is True
    assert api_as("staff").get("/api/v1/calendar/1999").status_code == 422


def test_my_deadlines_and_notifications_are_mine_only(api_as, personas, system_actor, root_scope):
    deadline_register(actor=system_actor, scope=root_scope, key="k", title="Nộp hồ sơ", due=D(2026, 2, 17),
                      users=[personas["staff"]])
    staff, other = api_as("staff"), api_as("officer_a")
    mine = staff.get("/api/v1/me/deadlines").json()
    assert [(d["title"], d["due"], d["asked_due"]) for d in mine] == [("Nộp hồ sơ", "2026-02-23", "2026-02-17")]
    assert "Tết Nguyên Đán" in mine[0]["moved_note"]
    assert staff.get("/api/v1/me/deadlines", {"status": "done"}).json() == []
    assert staff.get("/api/v1/me/deadlines", {"status": "xyz"}).status_code == 422
    assert other.get("/api/v1/me/deadlines").json() == []
    page = staff.get("/api/v1/me/notifications", {"unread": "true"}).json()
    assert page["count"] == 1
    nid = page["items"][0]["id"]
    assert other.post(f"/api/v1/me/notifications/{nid}/read").status_code == 404
    assert staff.post(f"/api/v1/me/notifications/{nid}/read").json() == {"read": 1}
    assert Notification.objects.get().read_at is not None
    assert staff.post("/api/v1/me/notifications/read-all").json() == {"read": 0}


def test_it_needs_credentials():
    from django.test import Client
    assert Client().get("/api/v1/me/deadlines").status_code == 401
