"""The permission predicates and the workflow declaration (thidua.common.permissions, .workflow),
on real objects and scopes, and a party officer closing a party organisation with their own scope."""
import datetime

import pytest

from thidua.common.errors import PermissionDenied, ValidationError
from thidua.common.permissions import allowed, has_role, is_admin, party_can, permission, registry, unit_can
from thidua.common.roles import CAPABILITIES, Role
from thidua.common.scope import Scope
from thidua.common.workflow import Transition, Workflow, check_transition
from thidua.organizations.permissions import PARTY_ORG_EDIT, UNIT_CREATE, UNIT_EDIT
from thidua.people import restructure
from thidua.people.models import Person

D = datetime.date


def test_every_role_has_its_capabilities_and_admin_has_them_all():
    assert set(CAPABILITIES) == set(Role)
    assert set().union(*CAPABILITIES.values()) - {"view_own"} == CAPABILITIES[Role.ADMIN]


@pytest.mark.django_db
def test_scope_predicates_follow_the_subtree(org):
    va_officer = Scope(unit_paths={"edit_units": [org["VA"].path]}, roles=[Role.PERSONNEL_OFFICER])
    assert allowed(va_officer, UNIT_EDIT, org["PA1"]) and allowed(va_officer, UNIT_EDIT, org["VA"])
    assert not allowed(va_officer, UNIT_EDIT, org["VB"]) and not allowed(va_officer, UNIT_EDIT, org["BO"])
    # a root unit only by an administrator; under a parent, with edit_units on the parent
    assert not allowed(va_officer, UNIT_CREATE, None) and allowed(Scope.system(), UNIT_CREATE, None)
    assert allowed(va_officer, UNIT_CREATE, org["VA"]) and not allowed(va_officer, UNIT_CREATE, org["BO"])
    party_b = Scope(party_paths={"edit_party": [org["CBB"].path]}, roles=[Role.PARTY_OFFICER])
    assert party_b.can_party(org["CBB"], "edit_party") and not party_b.can_party(org["CBA"], "edit_party")
    assert allowed(party_b, PARTY_ORG_EDIT, org["CBB"]) and not allowed(party_b, PARTY_ORG_EDIT, org["DB"])
    assert not allowed(Scope(), UNIT_EDIT, org["VA"])


@pytest.mark.django_db
def test_predicates_combine_role_scope_and_object(org):
    name = permission("test.combined", is_admin | (has_role(Role.EMULATION_OFFICER) & unit_can("edit_history")))
    try:
        officer = Scope(unit_paths={"edit_history": [org["VA"].path]}, roles=[Role.EMULATION_OFFICER])
        party = Scope(unit_paths={"edit_history": [org["VA"].path]}, roles=[Role.PARTY_OFFICER])
        assert allowed(officer, name, org["PA1"]) and not allowed(officer, name, org["VB"])
        assert not allowed(party, name, org["PA1"])           # right scope, wrong role
        assert allowed(Scope.system(), name, org["VB"])
        assert not allowed(officer, name, None)
        with pytest.raises(KeyError):
            allowed(officer, "test.never_declared", org["VA"])
        with pytest.raises(KeyError):                         # declared once
            permission("test.combined", party_can("edit_party"))
    finally:
        registry.remove_rule(name)


def test_a_workflow_declaration_is_checked_when_declared():
    with pytest.raises(AssertionError):
        Workflow(name="w", label="W", states={"a": "A"}, initial="b", transitions=())
    with pytest.raises(AssertionError):
        Workflow(name="w", label="W", states={"a": "A"}, initial="a",
                 transitions=(Transition("go", ("a",), "z", "unit.edit", "Đi"),))
    with pytest.raises(AssertionError):
        Workflow(name="w", label="W", states={"a": "A"}, initial="a", transitions=(), phases={"z": {}})


@pytest.mark.django_db
def test_check_transition_refuses_undeclared_moves_missing_reasons_and_the_unpermitted(org):
    flow = Workflow(name="w", label="Thử", states={"a": "Mở", "b": "Đóng"}, initial="a",
                    transitions=(Transition("close", ("a",), "b", UNIT_EDIT, "Đóng"),
                                 Transition("open", ("b",), "a", UNIT_EDIT, "Mở lại", reason_required=True)))
    system = Scope.system()
    assert check_transition(flow, "close", scope=system, obj=org["VA"], state="a").target == "b"
    with pytest.raises(ValidationError) as wrong_state:
        check_transition(flow, "close", scope=system, obj=org["VA"], state="b")
    assert wrong_state.value.messages == ["Không thể đóng khi đang ở trạng thái “Đóng”."]
    with pytest.raises(ValidationError) as no_reason:
        check_transition(flow, "open", scope=system, obj=org["VA"], state="b", reason=" ")
    assert no_reason.value.message_dict == {"reason": ["Cần ghi lý do để mở lại."]}
    with pytest.raises(PermissionDenied):
        check_transition(flow, "close", scope=Scope(), obj=org["VA"], state="a")
    with pytest.raises(KeyError):
        check_transition(flow, "vanish", scope=system, obj=org["VA"], state="a")


@pytest.mark.django_db
def test_a_party_officer_closes_their_cell_with_their_own_scope(org, people, system_actor, root_scope):
    """No escalation: the officer of the Đảng bộ moves the members within their subtree; an officer of
    one cell cannot move members into a cell outside their reach."""
    cell_officer = Scope(party_paths={"edit_party": [org["CBB"].path]}, roles=[Role.PARTY_OFFICER])
    with pytest.raises(PermissionDenied):
        restructure.party_org_close(actor=system_actor, scope=cell_officer, org=org["CBB"], date=D(2025, 7, 1),
                                    successor=org["CBA"])
    assert Person.objects.get(pk=people["lan"].pk).party_org == org["CBB"]
    committee_officer = Scope(party_paths={"edit_party": [org["DB"].path]}, roles=[Role.PARTY_OFFICER])
    restructure.party_org_close(actor=system_actor, scope=committee_officer, org=org["CBB"], date=D(2025, 7, 1),
                                successor=org["CBA"])
    assert Person.objects.get(pk=people["lan"].pk).party_org == org["CBA"]
