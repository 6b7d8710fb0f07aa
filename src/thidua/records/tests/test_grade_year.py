"""The yearly lock of a unit's grades: the first workflow declared as data (records.workflows),
carried out by one service (records.grading) and enforced by the history permissions."""
import pytest
from django.contrib.auth.models import User

from thidua.accounts.models import RoleAssignment
from thidua.audit.models import AuditEvent
from thidua.common.errors import PermissionDenied, ValidationError
from thidua.common.permissions import allowed, registry
from thidua.common.roles import Role
from thidua.records.grading import grade_year_get, grade_year_transition, grade_years_for_unit
from thidua.records.models import Award, YearRecord
from thidua.records.permissions import GRADE_EDIT, MSG_GRADES_LOCKED
from thidua.records.services import history_add, history_delete, history_update
from thidua.records.workflows import GRADE_YEAR, LOCKED, OPEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry_officer(org):
    """A personnel officer of the ministry BO: the level above VA and VB."""
    user = User.objects.create_user(username="tochuc_bo", password="matkhau-123")
    RoleAssignment.objects.create(user=user, role=Role.PERSONNEL_OFFICER, unit=org["BO"])
    return user


def _as(user, actor_of, scope_of):
    return {"actor": actor_of(user), "scope": scope_of(user)}


def test_the_declaration_is_consistent():
    for transition in GRADE_YEAR.transitions:
        assert transition.permission in registry, transition.name
    for state, actions in GRADE_YEAR.phases.items():
        for roles in actions.values():
            assert roles <= set(Role.values), state
    assert GRADE_YEAR.roles_for(LOCKED, "grade.edit") == frozenset()
    assert [t.name for t in GRADE_YEAR.available(OPEN)] == ["lock"]
    assert [t.name for t in GRADE_YEAR.available(LOCKED)] == ["reopen"]


def test_an_officer_locks_the_year_and_nobody_can_then_change_a_grade(org, people, personas, actor_of, scope_of):
    officer = _as(personas["officer_a"], actor_of, scope_of)
    grade = history_add(**officer, model=YearRecord, subject=people["thang"], year=2025, grade="good")
    row = grade_year_transition(**officer, unit=org["VA"], year=2025, transition="lock")
    assert (row.state, row.changed_by) == (LOCKED, "officer_a")
    event = AuditEvent.objects.filter(verb="grade_year_lock").get()
    assert (event.object_id, event.before, event.after) == (str(org["VA"].pk), {"state": "open"},
                                                            {"year": 2025, "state": "locked"})
    message = MSG_GRADES_LOCKED.format(year=2025)
    admin = _as(personas["admin"], actor_of, scope_of)
    # Thắng works in PA1, below VA: the lock covers the subtree, for every role, administrators included.
    for who in (officer, admin):
        with pytest.raises(ValidationError) as add:
            history_add(**who, model=YearRecord, subject=people["thang"], year=2025, grade="excellent",
                        track="party")
        assert add.value.message_dict == {"year": [message]}
        with pytest.raises(ValidationError) as update:
            history_update(**who, obj=grade, reason="Sửa theo kết luận", grade="excellent")
        assert update.value.message_dict == {"year": [message]}
        with pytest.raises(ValidationError):
            history_delete(**who, obj=grade, reason="Nhập nhầm")
    assert YearRecord.objects.get(pk=grade.pk).grade == "good"
    # Other years and other facts stay open; moving a grade into the locked year is refused too.
    older = history_add(**officer, model=YearRecord, subject=people["thang"], year=2024, grade="good")
    history_add(**officer, model=Award, subject=people["thang"], year=2025, code="LDTT")
    with pytest.raises(ValidationError):
        history_update(**officer, obj=older, reason="Sai năm", year=2025)
    assert YearRecord.objects.get(pk=older.pk).year == 2024


def test_a_lock_reaches_only_the_units_subtree(org, people, personas, actor_of, scope_of):
    grade_year_transition(**_as(personas["officer_a"], actor_of, scope_of), unit=org["VA"], year=2025,
                          transition="lock")
    officer_b = _as(personas["officer_b"], actor_of, scope_of)
    record = history_add(**officer_b, model=YearRecord, subject=people["lan"], year=2025, grade="excellent")
    assert record.pk
    assert allowed(officer_b["scope"], GRADE_EDIT, record)


def test_only_the_level_above_reopens_and_with_a_reason(org, people, personas, ministry_officer, actor_of, scope_of):
    officer = _as(personas["officer_a"], actor_of, scope_of)
    grade_year_transition(**officer, unit=org["VA"], year=2025, transition="lock")
    with pytest.raises(PermissionDenied):
        grade_year_transition(**officer, unit=org["VA"], year=2025, transition="reopen", reason="Sửa sai")
    above = _as(ministry_officer, actor_of, scope_of)
    with pytest.raises(ValidationError) as no_reason:
        grade_year_transition(**above, unit=org["VA"], year=2025, transition="reopen", reason="   ")
    assert no_reason.value.message_dict == {"reason": ["Cần ghi lý do để mở khóa."]}
    assert grade_year_get(org["VA"], 2025).state == LOCKED
    row = grade_year_transition(**above, unit=org["VA"], year=2025, transition="reopen",
                                reason="Kết luận thanh tra: điều chỉnh xếp loại")
    assert (row.state, row.reason) == (OPEN, "Kết luận thanh tra: điều chỉnh xếp loại")
    assert history_add(**officer, model=YearRecord, subject=people["thang"], year=2025, grade="good").pk


def test_transitions_not_declared_from_the_state_and_roles_without_the_right_are_refused(
        org, personas, actor_of, scope_of):
    officer = _as(personas["officer_a"], actor_of, scope_of)
    grade_year_transition(**officer, unit=org["VA"], year=2025, transition="lock")
    with pytest.raises(ValidationError) as twice:
        grade_year_transition(**officer, unit=org["VA"], year=2025, transition="lock")
    assert twice.value.messages == ["Không thể khóa xếp loại khi đang ở trạng thái “Đã khóa xếp loại”."]
    for name in ("council", "leader_a", "cluster_head", "officer_b", "staff", "outsider"):
        with pytest.raises(PermissionDenied):
            grade_year_transition(**_as(personas[name], actor_of, scope_of), unit=org["VA"], year=2024,
                                  transition="lock")
    with pytest.raises(ValidationError) as bad_year:
        grade_year_transition(**officer, unit=org["VA"], year=1995, transition="lock")
    assert list(bad_year.value.message_dict) == ["year"]
    assert grade_year_get(org["VA"], 2024).state == OPEN


def test_a_childs_page_shows_the_lock_of_the_level_above(org, personas, ministry_officer, actor_of, scope_of):
    grade_year_transition(**_as(ministry_officer, actor_of, scope_of), unit=org["BO"], year=2025,
                          transition="lock")
    [entry] = grade_years_for_unit(org["PA1"], [2025])
    assert (entry["row"].state, entry["locked_by_parent"]) == (OPEN, org["BO"])


def test_the_unit_page_and_the_api_lock_and_reopen(client, org, personas, ministry_officer):
    client.force_login(personas["officer_a"])
    page = client.get("/don-vi/VA/")
    assert "Khóa xếp loại 2025" in page.content.decode()
    response = client.post("/don-vi/VA/xep-loai/2025/lock/")
    assert response.status_code == 302
    assert grade_year_get(org["VA"], 2025).state == LOCKED
    after = client.get("/don-vi/VA/").content.decode()
    assert "Đã khóa xếp loại" in after and "Mở khóa 2025" not in after  # the officer cannot reopen
    api = client.get("/api/v1/units/VA/grade-years/2025").json()
    assert (api["state"], api["allowed_transitions"]) == ("locked", [])

    client.force_login(ministry_officer)
    refused = client.post("/api/v1/units/VA/grade-years/2025/reopen", data={}, content_type="application/json")
    assert refused.status_code == 422
    assert "lý do" in refused.content.decode()
    unknown = client.post("/api/v1/units/VA/grade-years/2025/close", data={}, content_type="application/json")
    assert unknown.status_code == 422
    extra = client.post("/api/v1/units/VA/grade-years/2025/reopen", data={"reason": "x", "force": True},
                        content_type="application/json")
    assert extra.status_code == 422
    done = client.post("/api/v1/units/VA/grade-years/2025/reopen", data={"reason": "Điều chỉnh theo kết luận"},
                       content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "open"
    assert grade_year_get(org["VA"], 2025).state == OPEN


def test_a_reason_too_long_or_with_control_characters_is_refused_at_its_field(org, personas, ministry_officer,
                                                                               actor_of, scope_of):
    grade_year_transition(**_as(personas["officer_a"], actor_of, scope_of), unit=org["VA"], year=2025,
                          transition="lock")
    above = _as(ministry_officer, actor_of, scope_of)
    for reason in ("x" * 501, "Sửa\x07 sai"):
        with pytest.raises(ValidationError) as refused:
            grade_year_transition(**above, unit=org["VA"], year=2025, transition="reopen", reason=reason)
        assert list(refused.value.message_dict) == ["reason"]
    assert grade_year_get(org["VA"], 2025).state == LOCKED
