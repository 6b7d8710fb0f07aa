import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from thidua.audit.models import AuditEvent
from thidua.people import services as svc
from thidua.people.models import Person, Posting
from thidua.records import services as history
from thidua.records.models import Award, YearRecord

D = datetime.date


def test_it_creates_a_person_with_folded_name_and_posting(people, org):
    thang = people["thang"]
    assert thang.name_folded == "nguyen van thang"
    assert thang.unit == org["PA1"] and thang.unit_path == org["PA1"].path
    assert Posting.objects.filter(person=thang, end__isnull=True).count() == 1
    assert AuditEvent.objects.filter(subject=f"people.person:{thang.pk}", verb="person_create").exists()


@pytest.mark.parametrize("cccd", ["12345", "00108000000A", "0010800000011", ""])
def test_it_refuses_a_bad_citizen_id(org, system_actor, root_scope, cccd):
    with pytest.raises(ValidationError) as exc:
        svc.person_create(actor=system_actor, scope=root_scope, citizen_id=cccd, full_name="A", unit=org["VA"],
                          staff_type="civil_servant", start=D(2020, 1, 1))
    assert exc.value.message_dict["citizen_id"] == [svc.MSG_CCCD_FORMAT]
    assert Person.objects.count() == 0


def test_it_never_duplicates_a_person(people, org, system_actor, root_scope):
    with pytest.raises(ValidationError) as exc:
        svc.person_create(actor=system_actor, scope=root_scope, citizen_id="001080000001", full_name="Khác",
                          unit=org["VB"], staff_type="civil_servant", start=D(2020, 1, 1))
    assert exc.value.message_dict["citizen_id"] == [svc.MSG_CCCD_TAKEN]


def test_it_transfers_keeping_history(people, org, system_actor, root_scope):
    thang = people["thang"]
    history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=thang, year=2023, code="CSTDCS")
    svc.posting_open(actor=system_actor, scope=root_scope, person=thang, unit=org["VB"], staff_type="civil_servant",
                     start=D(2026, 1, 15), position="Phó Vụ trưởng", is_leader=True)
    thang.refresh_from_db()
    assert thang.unit == org["VB"] and thang.is_leader and thang.position == "Phó Vụ trưởng"
    postings = list(Posting.objects.filter(person=thang).order_by("start"))
    assert [p.end for p in postings] == [D(2026, 1, 14), None]
    assert Award.objects.filter(person=thang, code="CSTDCS").count() == 1
    assert Person.objects.filter(citizen_id="001080000001").count() == 1


def test_it_refuses_a_transfer_dated_before_the_open_posting(people, org, system_actor, root_scope):
    with pytest.raises(ValidationError) as exc:
        svc.posting_open(actor=system_actor, scope=root_scope, person=people["thang"], unit=org["VB"],
                         staff_type="civil_servant", start=D(2017, 1, 1))
    assert "01/01/2018" in exc.value.message_dict["start"][0]
    assert Posting.objects.filter(person=people["thang"]).count() == 1


def test_it_refuses_a_transfer_into_a_closed_unit(people, org, system_actor, root_scope):
    from thidua.organizations.services import unit_dissolve

    unit_dissolve(actor=system_actor, scope=root_scope, unit=org["PA1"].__class__.objects.create(
        code="OLD", name="Cũ", kind="division", path="/999/"), date=D(2020, 1, 1))
    old = org["PA1"].__class__.objects.get(code="OLD")
    with pytest.raises(ValidationError):
        svc.posting_open(actor=system_actor, scope=root_scope, person=people["thang"], unit=old,
                         staff_type="civil_servant", start=D(2026, 1, 1))


def test_it_audits_history_corrections_with_before_after_and_reason(people, system_actor, root_scope):
    rec = history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"],
                              year=2024, grade="good")
    with pytest.raises(ValidationError):
        history.history_update(actor=system_actor, scope=root_scope, obj=rec, reason="", grade="excellent")
    history.history_update(actor=system_actor, scope=root_scope, obj=rec, reason="Sai sót khi nhập", grade="excellent")
    ev = AuditEvent.objects.filter(verb="yearrecord_update").get()
    assert (ev.before["grade"], ev.after["grade"], ev.reason) == ("good", "excellent", "Sai sót khi nhập")


def test_it_refuses_duplicate_history_and_bad_codes(people, system_actor, root_scope):
    history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"],
                        year=2024, grade="good")
    with pytest.raises(ValidationError) as exc:
        history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"],
                            year=2024, grade="excellent")
    assert "2024" in exc.value.message_dict["year"][0]
    with pytest.raises(ValidationError) as exc:
        history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=people["thang"],
                            year=2024, code="TTLDXS")
    assert exc.value.message_dict["code"] == [history.MSG_CODE_SUBJECT.format(code="TTLDXS", who="cá nhân")]
    with pytest.raises(ValidationError):
        history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"],
                            year=1800, grade="good")
    assert YearRecord.objects.count() == 1


def test_audit_is_append_only_even_in_raw_sql(people):
    ev = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        ev.save()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET reason = 'x'")
    assert not AuditEvent.objects.filter(reason="x").exists()


def test_it_refuses_person_changes_out_of_scope(personas, people, actor_of, scope_of):
    officer = personas["personnel_a"]
    with pytest.raises(PermissionDenied):
        svc.person_update(actor=actor_of(officer), scope=scope_of(officer), person=people["lan"], full_name="X")
    svc.person_update(actor=actor_of(officer), scope=scope_of(officer), person=people["thang"],
                      full_name="Nguyễn Văn Thắng", phone="0912345678")


def test_it_refuses_absurd_dates(people, org, system_actor, root_scope):
    with pytest.raises(ValidationError) as exc:
        svc.posting_open(actor=system_actor, scope=root_scope, person=people["thang"], unit=org["VB"],
                         staff_type="civil_servant", start=D(2999, 1, 1))
    assert "01/01/1950" in exc.value.message_dict["start"][0]
    with pytest.raises(ValidationError):
        svc.leave_add(actor=system_actor, scope=root_scope, person=people["thang"], kind="sick",
                      start=D(1800, 1, 1), end=D(1800, 1, 2))
    with pytest.raises(ValidationError):
        svc.person_update(actor=system_actor, scope=root_scope, person=people["thang"], birth_date=D(1850, 1, 1))
    assert Posting.objects.filter(person=people["thang"]).count() == 1
