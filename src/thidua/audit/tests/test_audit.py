"""The audit log: append-only at every level, what audit_record/audit_bulk write, snapshots,
and the events shown on an object's page."""
import datetime
import decimal

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from thidua.audit.models import AuditEvent
from thidua.audit.selectors import audit_for_object
from thidua.audit.services import audit_bulk, audit_record, snapshot, subject_of
from thidua.common.context import Actor
from thidua.people.models import Posting
from thidua.records.models import YearRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(org, system_actor):
    return audit_record(actor=system_actor, action=AuditEvent.UPDATE, obj=org["VA"], before={"name": "Cũ"},
                        after={"name": "Mới"}, verb="unit_rename", reason="Quyết định 12/QĐ")


def _raw(sql: str, params: list):
    """Run raw SQL in a savepoint, so that a refusal leaves the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- append-only ---------------------------------------------------------------------------

def test_the_model_refuses_to_save_an_existing_event_again(event):
    event.reason = "sửa lại lịch sử"
    with pytest.raises(PermissionError, match="chỉ được ghi thêm"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == "Quyết định 12/QĐ"


def test_the_model_refuses_to_delete_an_event(event):
    with pytest.raises(PermissionError, match="không được xóa"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_queryset_refuses_update_and_delete(event):
    with pytest.raises(PermissionError, match="không được sửa"):
        AuditEvent.objects.filter(pk=event.pk).update(reason="khác")
    with pytest.raises(PermissionError, match="không được xóa"):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError), transaction.atomic():  # bulk_update goes through update()
        AuditEvent.objects.bulk_update([event], ["reason"])
    assert AuditEvent.objects.get(pk=event.pk).reason == "Quyết định 12/QĐ"


def test_the_database_refuses_a_raw_update(event):
    """The trigger of migration 0002, created again by 0003 (SQLite drops triggers when it rebuilds a table)."""
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["giả mạo", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "Quyết định 12/QĐ"


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite refuses only UPDATE in the database (the test runner flushes with DELETE)")
def test_postgresql_refuses_a_raw_delete(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_user_with_audit_events_cannot_be_deleted(org):
    user = User.objects.create_user("officer", password="matkhau-123")
    audit_record(actor=Actor(user=user), action=AuditEvent.CREATE, obj=org["PA1"])
    with pytest.raises(ProtectedError):
        user.delete()
    assert AuditEvent.objects.filter(actor=user).count() == 1


# --- writing -------------------------------------------------------------------------------

def test_audit_record_writes_who_what_and_why(org):
    user = User.objects.create_user("officer", password="matkhau-123")
    event = audit_record(actor=Actor(user=user, request_id="req-42"), action=AuditEvent.UPDATE, obj=org["VA"],
                         before={"name": "Cũ"}, after={"name": "Mới"}, verb="unit_rename", reason="Quyết định 12/QĐ")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_label, stored.request_id) == (user, "officer", "req-42")
    assert (stored.action, stored.verb, stored.reason) == ("update", "unit_rename", "Quyết định 12/QĐ")
    assert (stored.object_type, stored.object_id) == ("organizations.unit", str(org["VA"].pk))
    assert stored.object_repr == str(org["VA"]) and stored.subject == f"organizations.unit:{org['VA'].pk}"
    assert (stored.before, stored.after) == ({"name": "Cũ"}, {"name": "Mới"})
    assert stored.changes == [("name", "Cũ", "Mới")]
    assert stored.at is not None


def test_audit_record_for_the_system_has_no_user(event):
    assert event.actor is None and event.actor_label == "system" and event.request_id == "test"
    anonymous = audit_record(actor=Actor(user=None), action=AuditEvent.CREATE, obj=event)
    assert anonymous.actor_label == "system" and anonymous.object_type == "audit.auditevent"


def test_the_subject_of_a_related_row_is_its_person_or_unit(org, people):
    posting = Posting.objects.filter(person=people["thang"]).first()
    assert subject_of(people["thang"]) == f"people.person:{people['thang'].pk}"
    assert subject_of(posting) == f"people.person:{people['thang'].pk}"
    assert subject_of(YearRecord(unit=org["VB"], year=2024)) == f"organizations.unit:{org['VB'].pk}"
    assert subject_of(org["K1"]) == f"organizations.cluster:{org['K1'].pk}"
    assert subject_of(org["DB"]) == f"organizations.unit:{org['BO'].pk}"  # a party organisation: its unit's page
    assert subject_of(AuditEvent(pk=1, object_type="synth.generate")) == ""  # no person or unit behind it


def test_audit_bulk_stamps_the_actor_on_every_row(org):
    user = User.objects.create_user("importer", password="matkhau-123")
    rows = [AuditEvent(action=AuditEvent.CREATE, verb="import_people", object_type="people.person",
                       object_id=str(n), subject=f"people.person:{n}", after={"n": n}) for n in range(2500)]
    audit_bulk(actor=Actor(user=user, request_id="job-7"), rows=rows)
    written = AuditEvent.objects.filter(verb="import_people")
    assert written.count() == 2500  # more than one batch of 2,000
    assert set(written.values_list("actor", "actor_label", "request_id").distinct()) == {(user.pk, "importer", "job-7")}
    assert written.get(object_id="2499").after == {"n": 2499}


def test_snapshot_is_json_ready(people):
    record = YearRecord.objects.create(person=people["thang"], year=2024, grade="good",
                                       score=decimal.Decimal("92.50"), months_worked=12)
    values = snapshot(record)
    assert values["person_id"] == people["thang"].pk and values["unit_id"] is None
    assert values["score"] == "92.50" and values["year"] == 2024 and values["id"] == record.pk
    assert snapshot(record, ["grade", "months_worked"]) == {"grade": "good", "months_worked": 12}
    posting = Posting.objects.filter(person=people["thang"]).first()
    assert snapshot(posting, ["start", "end", "unit"]) == {"start": "2018-01-01", "end": None,
                                                          "unit_id": posting.unit_id}
    assert snapshot(people["thang"], ["birth_date"]) == {"birth_date": datetime.date(1980, 5, 1).isoformat()}


# --- reading -------------------------------------------------------------------------------

def test_audit_for_object_shows_the_person_and_their_rows_newest_first(people, system_actor):
    thang, lan = people["thang"], people["lan"]
    posting = Posting.objects.filter(person=thang).first()
    audit_record(actor=system_actor, action=AuditEvent.UPDATE, obj=posting, verb="posting_fix")
    events = audit_for_object(thang)
    assert events[0].verb == "posting_fix" and events[0].object_type == "people.posting"
    assert "person_create" in [e.verb for e in events]
    assert all(e.subject == f"people.person:{thang.pk}" for e in events)
    assert [e.pk for e in events] == sorted((e.pk for e in events), reverse=True)
    assert not {e.pk for e in events} & {e.pk for e in audit_for_object(lan)}
    assert len(audit_for_object(thang, limit=1)) == 1


def test_audit_for_object_of_a_unit(org, event):
    events = audit_for_object(org["VA"])
    assert event in events and all(e.subject == f"organizations.unit:{org['VA'].pk}" for e in events)
    assert event not in audit_for_object(org["VB"])
