"""Bad input is a 4xx with a Vietnamese message naming the field, and nothing is written."""
import pytest

from thidua.api.errors import MSG_BAD_JSON, MSG_UNKNOWN_UNIT
from thidua.audit.models import AuditEvent
from thidua.common.errors import MSG_NOT_FOUND
from thidua.people.models import Person, Posting
from thidua.people.services import MSG_CCCD_FORMAT, MSG_CCCD_TAKEN
from thidua.records.models import YearRecord
from thidua.records.services import MSG_DUPLICATE, MSG_REASON, MSG_YEAR

NEW_PERSON = {"citizen_id": "001090000099", "full_name": "Lê Văn Mới", "unit": "PA1",
              "staff_type": "civil_servant", "start": "2025-01-01"}


@pytest.fixture
def admin(api_as):
    return api_as("admin")


def fields(r) -> dict:
    return {e["field"]: e["message"] for e in r.json()["detail"]}


def assert_nothing_written(before: int):
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("change,field,message", [
    ({"citizen_id": "12345"}, "citizen_id", MSG_CCCD_FORMAT),
    ({"citizen_id": "00108000000A"}, "citizen_id", MSG_CCCD_FORMAT),
    ({"citizen_id": "001080000001"}, "citizen_id", MSG_CCCD_TAKEN),
    ({"unit": "KHONGCO"}, "unit", MSG_UNKNOWN_UNIT.format(codes="KHONGCO")),
    ({"start": "2025-13-01"}, "start", "Ngày không hợp lệ, cần dạng YYYY-MM-DD."),
    ({"start": "01/02/2025"}, "start", "Ngày không hợp lệ, cần dạng YYYY-MM-DD."),
    ({"staff_type": "king"}, "staff_type", None),
    ({"full_name": None}, "full_name", None),
    ({"nickname": "x"}, "nickname", "Trường không được hỗ trợ."),
])
def test_it_refuses_a_bad_person(admin, people, change, field, message):
    before = AuditEvent.objects.count()
    r = admin.post("/api/v1/people/", {**NEW_PERSON, **change})
    assert r.status_code == 422, r.content
    errors = fields(r)
    assert field in errors
    if message:
        assert errors[field] == message
    assert errors[field]  # always a message
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()
    assert_nothing_written(before)


def test_it_refuses_a_missing_field_and_a_future_birth_date(admin, people):
    body = {k: v for k, v in NEW_PERSON.items() if k != "full_name"}
    assert fields(admin.post("/api/v1/people/", body)) == {"full_name": "Thiếu trường bắt buộc."}
    r = admin.post("/api/v1/people/", {**NEW_PERSON, "birth_date": "2999-01-01"})
    assert fields(r) == {"birth_date": "Ngày sinh không hợp lệ."}


def test_it_refuses_malformed_json(admin, people):
    before = AuditEvent.objects.count()
    r = admin.post("/api/v1/people/", raw='{"citizen_id": "0010')
    assert r.status_code == 400
    assert r.json() == {"detail": MSG_BAD_JSON}
    r = admin.post("/api/v1/people/", raw='["not", "an", "object"]')
    assert r.status_code == 422
    assert_nothing_written(before)


def test_it_refuses_duplicate_history(admin, people):
    url = f"/api/v1/people/{people['thang'].pk}/history/yearrecord"
    assert admin.post(url, {"year": 2024, "grade": "excellent"}).status_code == 201
    before = AuditEvent.objects.count()
    r = admin.post(url, {"year": 2024, "grade": "good"})
    assert r.status_code == 422
    assert fields(r) == {"year": MSG_DUPLICATE.format(year=2024)}
    assert YearRecord.objects.get().grade == "excellent"
    assert_nothing_written(before)


@pytest.mark.parametrize("body,field", [
    ({"year": 1800, "grade": "good"}, "year"),
    ({"year": 2024, "grade": "perfect"}, "grade"),
    ({"year": 2024, "months_worked": 13}, "months_worked"),
    ({"year": 2024, "score": "abc"}, "score"),
    ({"year": "hai nghìn"}, "year"),
])
def test_it_refuses_bad_year_records(admin, people, body, field):
    r = admin.post(f"/api/v1/people/{people['thang'].pk}/history/yearrecord", body)
    assert r.status_code == 422
    assert field in fields(r)
    assert not YearRecord.objects.exists()
    if field == "year" and body["year"] == 1800:
        assert fields(r)["year"] == MSG_YEAR


def test_it_refuses_a_collective_title_for_a_person(admin, people):
    r = admin.post(f"/api/v1/people/{people['thang'].pk}/history/award", {"year": 2024, "code": "TTLDXS"})
    assert r.status_code == 422
    assert fields(r)["code"] == "Danh hiệu TTLDXS không dành cho cá nhân."


def test_it_needs_a_reason_to_correct_or_delete_history(admin, people):
    pk = admin.post(f"/api/v1/people/{people['thang'].pk}/history/yearrecord",
                    {"year": 2024, "grade": "good"}).json()["id"]
    r = admin.patch(f"/api/v1/history/yearrecord/{pk}", {"grade": "excellent"})
    assert fields(r) == {"reason": "Thiếu trường bắt buộc."}
    r = admin.patch(f"/api/v1/history/yearrecord/{pk}", {"grade": "excellent", "reason": "  "})
    assert fields(r) == {"reason": MSG_REASON}
    r = admin.delete(f"/api/v1/history/yearrecord/{pk}", {"reason": ""})
    assert fields(r) == {"reason": MSG_REASON}
    assert YearRecord.objects.get().grade == "good"


def test_it_answers_404_in_vietnamese(admin, people):
    for url in ("/api/v1/units/KHONGCO", "/api/v1/people/999999", "/api/v1/people/by-citizen-id/000000000000",
                "/api/v1/history/award/999999", "/api/v1/clusters/KX", "/api/v1/party-orgs/KX"):
        r = admin.get(url) if "history" not in url else admin.patch(url, {"reason": "x"})
        assert r.status_code == 404, url
        assert r.json() == {"detail": MSG_NOT_FOUND}


def test_it_refuses_a_transfer_to_an_unknown_unit_and_a_bad_query(admin, people):
    r = admin.post(f"/api/v1/people/{people['thang'].pk}/postings",
                   {"unit": "KHONGCO", "staff_type": "civil_servant", "start": "2026-01-01"})
    assert fields(r) == {"unit": MSG_UNKNOWN_UNIT.format(codes="KHONGCO")}
    assert Posting.objects.filter(person=people["thang"]).count() == 1
    r = admin.get("/api/v1/people/", {"limit": "nhiều"})
    assert r.status_code == 422
    assert fields(r) == {"limit": "Phải là số nguyên."}


def test_it_refuses_a_merge_with_an_unknown_unit(admin, org):
    r = admin.post("/api/v1/units/VA/merge", {"others": ["VB", "VX"], "into": "VB", "date": "2025-07-01"})
    assert fields(r) == {"others": MSG_UNKNOWN_UNIT.format(codes="VX")}
    r = admin.patch("/api/v1/units/VA", {"name": "Vụ mới"})
    assert fields(r) == {"date": "Cần ngày hiệu lực."}


def test_an_unknown_choice_lists_the_choices_in_vietnamese():
    """Pydantic's 'expected' text joins the choices with the English "or": the message says "hoặc"."""
    from thidua.api.errors import _pydantic_message

    message = _pydantic_message({"type": "enum", "ctx": {"expected": "'government' or 'party'"}})
    assert " or " not in message and "'government' hoặc 'party'" in message
