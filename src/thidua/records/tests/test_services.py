"""Adding and correcting yearly history through records.services: validation, corrections with a
reason, the audit trail, and the scope (an officer writes only inside their subtree)."""
import decimal

import pytest

from thidua.audit.models import AuditEvent
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.records import services
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.records.services import (
    MSG_CODE,
    MSG_CODE_SUBJECT,
    MSG_DUPLICATE,
    MSG_MONTHS,
    MSG_REASON,
    MSG_SCORE,
    MSG_YEAR,
    collective_stats_set,
    history_add,
    history_delete,
    history_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_write(personas, actor_of, scope_of):
    """Keyword arguments of a write by the superuser."""
    return {"actor": actor_of(personas["admin"]), "scope": scope_of(personas["admin"])}


@pytest.fixture
def officer_a(personas, actor_of, scope_of):
    """An emulation officer of VA (VA and PA1, where Thắng works)."""
    return {"actor": actor_of(personas["officer_a"]), "scope": scope_of(personas["officer_a"])}


@pytest.fixture
def grade_2024(people, admin_write):
    return history_add(**admin_write, model=YearRecord, subject=people["thang"], year=2024, grade="good",
                       months_worked=12)


def _messages(excinfo) -> dict:
    return excinfo.value.message_dict


def _events(obj) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id"))


# --- adding --------------------------------------------------------------------------------

def test_adding_a_grade_writes_the_row_and_its_audit_event(people, officer_a):
    record = history_add(**officer_a, model=YearRecord, subject=people["thang"], year=2024, grade="excellent",
                         score=decimal.Decimal("95.5"), months_worked=12, note="Tu\u0300 đánh giá")
    stored = YearRecord.objects.get(pk=record.pk)
    assert (stored.person, stored.unit, stored.year, stored.grade, stored.source) == (
        people["thang"], None, 2024, "excellent", "officer")
    assert stored.note == "Tù đánh giá"  # stored NFC
    [event] = _events(record)
    assert (event.action, event.verb, event.actor_label) == ("create", "yearrecord_add", "officer_a")
    assert event.subject == f"people.person:{people['thang'].pk}"
    assert event.after["grade"] == "excellent" and event.after["score"] == "95.5" and event.before is None


def test_adding_an_award_normalises_the_code_and_sets_its_category(people, org, officer_a):
    award = history_add(**officer_a, model=Award, subject=people["thang"], year=2024, code="ldtt")
    assert (award.code, award.category, award.kind) == ("LDTT", "title", "regular")
    form = history_add(**officer_a, model=Award, subject=people["thang"], year=2024, code="gk")
    assert (form.code, form.category) == ("GK", "form")
    collective = history_add(**officer_a, model=Award, subject=org["VA"], year=2024, code="TTLDTT")
    assert collective.unit == org["VA"] and collective.person is None and collective.category == "title"


@pytest.mark.parametrize("data,field,message", [
    ({"model": YearRecord, "year": 1989, "grade": "good"}, "year", MSG_YEAR),
    ({"model": YearRecord, "year": services.MAX_YEAR + 1, "grade": "good"}, "year", MSG_YEAR),
    ({"model": YearRecord, "year": 2024, "grade": "good", "months_worked": 13}, "months_worked", MSG_MONTHS),
    ({"model": YearRecord, "year": 2024, "grade": "good", "score": 101}, "score", MSG_SCORE),
    ({"model": Award, "year": 2024, "code": "NOPE"}, "code", MSG_CODE.format(code="NOPE")),
    ({"model": Award, "year": 2024, "code": "TTLDTT"}, "code", MSG_CODE_SUBJECT.format(code="TTLDTT", who="cá nhân")),
    ({"model": YearRecord, "year": 2024, "grade": "tot"}, "grade", None),
    ({"model": Initiative, "year": 2024, "title": "Sáng kiến", "level": "galaxy"}, "level", None),
])
def test_adding_refuses_invalid_facts(people, officer_a, data, field, message):
    with pytest.raises(ValidationError) as excinfo:
        history_add(**officer_a, subject=people["thang"], **data)
    assert field in _messages(excinfo)
    if message:
        assert _messages(excinfo)[field] == [message]
    assert not data["model"].objects.exists() and not AuditEvent.objects.filter(verb__endswith="_add").exists()


def test_adding_a_field_that_is_not_editable_names_it(people, officer_a):
    with pytest.raises(ValidationError) as excinfo:
        history_add(**officer_a, model=Initiative, subject=people["thang"], year=2024, title="X", level="unit",
                    used_for="CSTDCS")
    assert list(_messages(excinfo)) == ["used_for"]
    with pytest.raises(ValidationError) as excinfo:  # the subject is given as `subject`, never as a field
        history_add(**officer_a, model=YearRecord, subject=people["thang"], year=2024, person=people["lan"])
    assert list(_messages(excinfo)) == ["person"] and not YearRecord.objects.exists()


def test_a_collective_title_for_a_person_and_an_individual_title_for_a_unit_are_refused(people, org, officer_a):
    with pytest.raises(ValidationError) as excinfo:
        history_add(**officer_a, model=Award, subject=org["VA"], year=2024, code="CSTDCS")
    assert _messages(excinfo)["code"] == [MSG_CODE_SUBJECT.format(code="CSTDCS", who="tập thể")]


def test_a_duplicate_fact_is_refused_and_the_transaction_stays_usable(people, officer_a, grade_2024):
    with pytest.raises(ValidationError) as excinfo:
        history_add(**officer_a, model=YearRecord, subject=people["thang"], year=2024, grade="excellent")
    assert _messages(excinfo)["year"] == [MSG_DUPLICATE.format(year=2024)]
    party = history_add(**officer_a, model=YearRecord, subject=people["thang"], year=2024, track="party",
                        grade="excellent")  # another track of the same year is a different fact
    assert YearRecord.objects.filter(person=people["thang"], year=2024).count() == 2 and party.pk


# --- correcting ----------------------------------------------------------------------------

@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(officer_a, grade_2024, reason):
    with pytest.raises(ValidationError) as excinfo:
        history_update(**officer_a, obj=grade_2024, reason=reason, grade="excellent")
    assert _messages(excinfo)["reason"] == [MSG_REASON]
    with pytest.raises(ValidationError):
        history_delete(**officer_a, obj=grade_2024, reason=reason)
    assert YearRecord.objects.get(pk=grade_2024.pk).grade == "good"
    assert [e.action for e in _events(grade_2024)] == ["create"]


def test_a_correction_keeps_before_after_and_reason(officer_a, grade_2024):
    fixed = history_update(**officer_a, obj=grade_2024, reason="Quyết định 45/QĐ điều chỉnh", grade="excellent",
                           months_worked=10)
    assert YearRecord.objects.get(pk=grade_2024.pk).grade == "excellent" and fixed.months_worked == 10
    create, update = _events(grade_2024)
    assert (update.action, update.verb, update.reason) == ("update", "yearrecord_update", "Quyết định 45/QĐ điều chỉnh")
    assert update.before["grade"] == "good" and update.after["grade"] == "excellent"
    assert ("months_worked", 12, 10) in update.changes


def test_a_correction_is_validated_like_an_addition(people, officer_a, grade_2024):
    with pytest.raises(ValidationError) as excinfo:
        history_update(**officer_a, obj=grade_2024, reason="sửa", months_worked=14)
    assert _messages(excinfo)["months_worked"] == [MSG_MONTHS]
    with pytest.raises(ValidationError) as excinfo:
        history_update(**officer_a, obj=grade_2024, reason="sửa", person=people["lan"])
    assert "person" in _messages(excinfo)
    assert YearRecord.objects.get(pk=grade_2024.pk).person == people["thang"]
    other = history_add(**officer_a, model=YearRecord, subject=people["thang"], year=2023, grade="good")
    with pytest.raises(ValidationError) as excinfo:
        history_update(**officer_a, obj=other, reason="sửa năm", year=2024)
    assert _messages(excinfo)["year"] == [MSG_DUPLICATE.format(year=2024)]
    assert [e.action for e in _events(grade_2024)] == ["create"]


def test_correcting_an_award_code_recomputes_its_category(people, officer_a):
    award = history_add(**officer_a, model=Award, subject=people["thang"], year=2024, code="GK")
    history_update(**officer_a, obj=award, reason="Nhầm mã", code="cstdcs")
    stored = Award.objects.get(pk=award.pk)
    assert (stored.code, stored.category) == ("CSTDCS", "title")


def test_deleting_a_fact_keeps_its_last_state_in_the_log(people, officer_a):
    discipline = history_add(**officer_a, model=Discipline, subject=people["thang"], year=2023, form="reprimand")
    pk = discipline.pk
    history_delete(**officer_a, obj=discipline, reason="Quyết định kỷ luật bị hủy")
    assert not Discipline.objects.filter(pk=pk).exists()
    deleted = AuditEvent.objects.get(object_type="records.discipline", object_id=str(pk), action="delete")
    assert (deleted.verb, deleted.reason) == ("discipline_delete", "Quyết định kỷ luật bị hủy")
    assert deleted.before["form"] == "reprimand" and deleted.after is None
    assert deleted.subject == f"people.person:{people['thang'].pk}"


# --- scope ---------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["officer_b", "council", "leader_a", "staff", "outsider"])
def test_writes_outside_the_scope_are_refused(people, personas, actor_of, scope_of, grade_2024, who):
    user = personas[who]
    write = {"actor": actor_of(user), "scope": scope_of(user)}
    with pytest.raises(PermissionDenied):
        history_add(**write, model=YearRecord, subject=people["thang"], year=2023, grade="good")
    with pytest.raises(PermissionDenied):
        history_update(**write, obj=grade_2024, reason="thử", grade="excellent")
    with pytest.raises(PermissionDenied):
        history_delete(**write, obj=grade_2024, reason="thử")
    assert list(YearRecord.objects.values_list("year", "grade")) == [(2024, "good")]
    assert [e.action for e in _events(grade_2024)] == ["create"]
    assert not AuditEvent.objects.filter(actor=user).exists()


def test_an_officer_writes_to_units_of_their_subtree_only(org, officer_a):
    assert history_add(**officer_a, model=YearRecord, subject=org["PA1"], year=2024, grade="good").unit == org["PA1"]
    with pytest.raises(PermissionDenied):
        history_add(**officer_a, model=YearRecord, subject=org["VB"], year=2024, grade="good")
    with pytest.raises(PermissionDenied):
        collective_stats_set(**officer_a, unit=org["VB"], year=2024, total=5, completed=5, ldtt=4, cstdcs=1,
                             disciplined=0)
    assert not CollectiveStats.objects.exists()


def test_a_party_officer_writes_the_history_of_their_cell_members(people, personas, actor_of, scope_of):
    write = {"actor": actor_of(personas["party_b"]), "scope": scope_of(personas["party_b"])}
    lan = history_add(**write, model=YearRecord, subject=people["lan"], year=2024, track="party", grade="good")
    assert lan.person == people["lan"]
    with pytest.raises(PermissionDenied):  # Thắng is not a party member of CBB
        history_add(**write, model=YearRecord, subject=people["thang"], year=2024, track="party", grade="good")


# --- collective stats ----------------------------------------------------------------------

def test_collective_stats_are_created_then_updated_with_audit(org, officer_a):
    first = collective_stats_set(**officer_a, unit=org["VA"], year=2024, total=10, completed=9, ldtt=8, cstdcs=2,
                                 disciplined=0, cluster_rank=1, cluster_size=2)
    again = collective_stats_set(**officer_a, unit=org["VA"], year=2024, total=10, completed=10, ldtt=9, cstdcs=2,
                                 disciplined=0)
    assert again.pk == first.pk and CollectiveStats.objects.get().ldtt == 9 and again.cluster_rank is None
    created, updated = _events(first)
    assert (created.action, updated.action) == ("create", "update")
    assert updated.before["ldtt"] == 8 and updated.after["ldtt"] == 9


@pytest.mark.parametrize("counts,field", [
    ({"total": 5, "completed": 6, "ldtt": 1, "cstdcs": 0, "disciplined": 0}, "completed"),
    ({"total": 5, "completed": 5, "ldtt": -1, "cstdcs": 0, "disciplined": 0}, "ldtt"),
    ({"total": 5, "completed": 5, "ldtt": 5, "cstdcs": 0, "disciplined": 0, "cluster_rank": 4, "cluster_size": 3},
     "cluster_rank"),
])
def test_collective_stats_must_be_consistent(org, officer_a, counts, field):
    with pytest.raises(ValidationError) as excinfo:
        collective_stats_set(**officer_a, unit=org["VA"], year=2024, **counts)
    assert field in _messages(excinfo)
    assert not CollectiveStats.objects.exists()
