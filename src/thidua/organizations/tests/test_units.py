import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.organizations import services as svc
from thidua.organizations.models import Unit, UnitSuccession
from thidua.organizations.selectors import unit_lineage
from thidua.people import restructure
from thidua.people.models import Person, Posting
from thidua.records.models import Award
from thidua.records.selectors import history_for_units

D = datetime.date


def test_it_builds_materialized_paths(org):
    assert org["PA1"].path == f"/{org['BO'].pk}/{org['VA'].pk}/{org['PA1'].pk}/"
    assert org["PA1"].depth == 2
    assert set(Unit.objects.filter(path__startswith=org["VA"].path)) == {org["VA"], org["PA1"]}


def test_it_refuses_duplicate_code_with_vietnamese_message(org, system_actor, root_scope):
    with pytest.raises(ValidationError) as exc:
        svc.unit_create(actor=system_actor, scope=root_scope, code="va", name="Trùng", kind="department",
                        parent=org["BO"])
    assert exc.value.message_dict["code"] == [svc.MSG_CODE_TAKEN]


def test_it_merges_units_people_follow_and_history_stays_reachable(org, people, system_actor, root_scope):
    Award.objects.create(unit=org["VB"], year=2023, code="TTLDXS", category="title")
    new = restructure.unit_merge(actor=system_actor, scope=root_scope, units=[org["VA"], org["VB"]], date=D(2025, 7, 1),
                         new_code="VM", new_name="Vụ Tổng hợp – Pháp chế", new_kind="department")
    lan = Person.objects.get(pk=people["lan"].pk)
    assert lan.unit == new and lan.unit_path == new.path
    old = Posting.objects.get(person=lan, unit=org["VB"])
    assert old.end == D(2025, 6, 30)
    # the division of VA now hangs under the successor, and Thắng's path moved with it
    pa1 = Unit.objects.get(code="PA1")
    assert pa1.parent == new and pa1.path.startswith(new.path)
    assert Person.objects.get(pk=people["thang"].pk).unit_path.startswith(new.path)
    assert Unit.objects.get(code="VA").valid_to == D(2025, 7, 1)
    assert {u.code for u in unit_lineage(new)} == {"VM", "VA", "VB"}
    years = history_for_units(unit_lineage(new))
    assert [a.code for y in years if y["year"] == 2023 for a in y["awards"]] == ["TTLDXS"]
    assert UnitSuccession.objects.filter(successor=new, kind="merged").count() == 2


def test_it_refuses_dissolving_a_unit_with_people(org, people, system_actor, root_scope):
    with pytest.raises(ValidationError) as exc:
        svc.unit_dissolve(actor=system_actor, scope=root_scope, unit=org["VB"], date=D(2025, 1, 1))
    assert "còn 1 người" in exc.value.message_dict["unit"][0]
    assert Unit.objects.get(code="VB").valid_to is None


def test_it_splits_a_unit(org, people, system_actor, root_scope):
    parts = restructure.unit_split(actor=system_actor, scope=root_scope, unit=org["VB"], date=D(2025, 3, 1),
                           parts=[{"code": "VB1", "name": "Vụ B1"}, {"code": "VB2", "name": "Vụ B2"}],
                           assignments={people["lan"].pk: 1})
    assert Person.objects.get(pk=people["lan"].pk).unit == parts[1]
    assert {u.code for u in unit_lineage(parts[0])} == {"VB1", "VB"}


def test_it_renames_and_keeps_the_old_name(org, system_actor, root_scope):
    svc.unit_rename(actor=system_actor, scope=root_scope, unit=org["VB"], name="Vụ Pháp luật", date=D(2025, 1, 1))
    s = UnitSuccession.objects.get(predecessor=org["VB"], kind="renamed")
    assert "Vụ Pháp chế" in s.note
    ev = AuditEvent.objects.filter(verb="unit_rename").get()
    assert ev.before["name"] == "Vụ Pháp chế" and ev.after["name"] == "Vụ Pháp luật"


def test_it_refuses_unit_changes_out_of_scope(personas, org, actor_of, scope_of):
    officer = personas["personnel_a"]
    with pytest.raises(PermissionDenied):
        svc.unit_create(actor=actor_of(officer), scope=scope_of(officer), code="X1", name="X", kind="division",
                        parent=org["VB"])
    unit = svc.unit_create(actor=actor_of(officer), scope=scope_of(officer), code="X2", name="Phòng mới",
                           kind="division", parent=org["VA"])
    assert unit.parent == org["VA"]


def test_it_moves_a_subtree_without_cycles(org, system_actor, root_scope):
    with pytest.raises(ValidationError):
        restructure.unit_move(actor=system_actor, scope=root_scope, unit=org["VA"], new_parent=org["PA1"])
    restructure.unit_move(actor=system_actor, scope=root_scope, unit=org["VA"], new_parent=org["VB"])
    assert Unit.objects.get(code="PA1").path == f"/{org['BO'].pk}/{org['VB'].pk}/{org['VA'].pk}/{org['PA1'].pk}/"
    assert Unit.objects.get(code="PA1").depth == 3


def test_it_sets_cluster_head_only_among_members(org, system_actor, root_scope):
    with pytest.raises(ValidationError):
        svc.cluster_set_year(actor=system_actor, scope=root_scope, cluster=org["K1"], year=2026,
                             members=[org["VA"]], head=org["VB"])


def test_it_closes_a_party_org_moving_members(org, people, system_actor, root_scope, personas, actor_of, scope_of):
    from thidua.people.models import Person

    with pytest.raises(ValidationError):
        restructure.party_org_close(actor=system_actor, scope=root_scope, org=org["CBB"], date=D(2025, 7, 1))
    with pytest.raises(PermissionDenied):
        officer = personas["officer_a"]
        restructure.party_org_close(actor=actor_of(officer), scope=scope_of(officer), org=org["CBB"], date=D(2025, 7, 1),
                            successor=org["CBA"])
    restructure.party_org_close(actor=system_actor, scope=root_scope, org=org["CBB"], date=D(2025, 7, 1),
                        successor=org["CBA"])
    lan = Person.objects.get(pk=people["lan"].pk)
    assert lan.party_org == org["CBA"] and lan.party_path == org["CBA"].path
    org["CBB"].refresh_from_db()
    assert org["CBB"].valid_to == D(2025, 7, 1)


def test_party_close_page(personas, org, people):
    from django.test import Client

    c = Client()
    c.force_login(personas["admin"])
    resp = c.post("/to-chuc-dang/CBB/", {"date": "01/07/2025", "successor_code": "NOPE"})
    assert resp.status_code == 400 and "Mã tổ chức đảng không tồn tại." in resp.content.decode()
    assert c.post("/to-chuc-dang/CBB/", {"date": "01/07/2025", "successor_code": "cba"}).status_code == 302
    assert "hết hiệu lực từ" in c.get("/to-chuc-dang/CBB/").content.decode()


def test_party_org_create_page(personas, org):
    from django.test import Client

    from thidua.organizations.models import PartyOrg

    c = Client()
    c.force_login(personas["party_b"])
    resp = c.post("/to-chuc-dang/", {"code": "CBB2", "name": "Chi bộ 2", "kind": "cell", "parent_code": "CBB"})
    assert resp.status_code == 302 and PartyOrg.objects.get(code="CBB2").parent == org["CBB"]
    resp = c.post("/to-chuc-dang/", {"code": "CBA2", "name": "Chi bộ khác", "kind": "cell", "parent_code": "CBA"})
    assert resp.status_code == 403 and not PartyOrg.objects.filter(code="CBA2").exists()
    c.force_login(personas["admin"])
    resp = c.post("/to-chuc-dang/", {"code": "X", "name": "X", "kind": "cell", "parent_code": "NOPE"})
    assert resp.status_code == 400 and "không tồn tại" in resp.content.decode()
