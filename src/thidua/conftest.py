"""Shared test personas and a small organisation, built through the services.

Tree:  BO (ministry) ─┬─ VA (department A) ── PA1 (division A1)
                      └─ VB (department B)
Party: DB (đảng bộ of BO) ─┬─ CBA (chi bộ of VA)
                           └─ CBB (chi bộ of VB)
Cluster K1: members VA, VB (2025), head VA.
"""
import datetime
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

D = datetime.date


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # most tests write and read in one uncommitted transaction, where the data version (raised at commit)
    # does not move: they run without the page cache; audit/tests/test_versioning.py turns it on
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def system_actor():
    from thidua.common.context import Actor

    return Actor(user=None, request_id="test")


@pytest.fixture
def root_scope():
    from thidua.common.scope import Scope

    return Scope(is_admin=True)


@pytest.fixture
def org(db, system_actor, root_scope):
    from thidua.organizations import services as org_svc

    a, s = system_actor, root_scope
    bo = org_svc.unit_create(actor=a, scope=s, code="BO", name="Bộ Tư pháp", kind="ministry")
    va = org_svc.unit_create(actor=a, scope=s, code="VA", name="Vụ Thi đua – Khen thưởng", kind="department", parent=bo)
    pa1 = org_svc.unit_create(actor=a, scope=s, code="PA1", name="Phòng Tổng hợp", kind="division", parent=va)
    vb = org_svc.unit_create(actor=a, scope=s, code="VB", name="Vụ Pháp chế", kind="department", parent=bo)
    db_ = org_svc.party_org_create(actor=a, scope=s, code="DB", name="Đảng bộ Bộ Tư pháp", kind="committee", unit=bo)
    cba = org_svc.party_org_create(actor=a, scope=s, code="CBA", name="Chi bộ Vụ TĐKT", kind="cell", parent=db_, unit=va)
    cbb = org_svc.party_org_create(actor=a, scope=s, code="CBB", name="Chi bộ Vụ Pháp chế", kind="cell", parent=db_, unit=vb)
    k1 = org_svc.cluster_create(actor=a, scope=s, code="K1", name="Khối thi đua số I", level="ministry", organizer=bo)
    org_svc.cluster_set_year(actor=a, scope=s, cluster=k1, year=2025, members=[va, vb], head=va, deputies=[vb])
    return {"BO": bo, "VA": va, "PA1": pa1, "VB": vb, "DB": db_, "CBA": cba, "CBB": cbb, "K1": k1}


@pytest.fixture
def people(org, system_actor, root_scope):
    from thidua.people import services as ppl

    a, s = system_actor, root_scope
    thang = ppl.person_create(actor=a, scope=s, citizen_id="001080000001", full_name="Nguyễn Văn Thắng",
                              unit=org["PA1"], staff_type="civil_servant", start=D(2018, 1, 1),
                              position="Chuyên viên", birth_date=D(1980, 5, 1))
    lan = ppl.person_create(actor=a, scope=s, citizen_id="001085000002", full_name="Trần Thị Lan",
                            unit=org["VB"], staff_type="civil_servant", start=D(2019, 3, 1), position="Vụ trưởng",
                            is_leader=True)
    ppl.party_membership_open(actor=a, scope=s, person=lan, party_org=org["CBB"], start=D(2010, 1, 1),
                              card_no="93000001")
    return {"thang": thang, "lan": lan}


def _user(username, role=None, **target):
    from django.contrib.auth.models import User

    from thidua.accounts.models import RoleAssignment

    user = User.objects.create_user(username=username, password="matkhau-123")
    if role:
        RoleAssignment.objects.create(user=user, role=role, **target)
    return user


@pytest.fixture
def personas(org, people):
    """admin; officers of VA (unit A) and VB; staff member linked to Thắng; party officer of CBB;
    council member and leader at BO; cluster head of K1; an outsider with no role."""
    admin = _user("admin", "admin")
    admin.is_superuser = True
    admin.save()
    staff = _user("thang")
    people["thang"].user = staff
    people["thang"].save(update_fields=["user"])
    return {
        "admin": admin,
        "officer_a": _user("officer_a", "emulation_officer", unit=org["VA"]),
        "personnel_a": _user("personnel_a", "personnel_officer", unit=org["VA"]),
        "officer_b": _user("officer_b", "emulation_officer", unit=org["VB"]),
        "party_b": _user("party_b", "party_officer", party_org=org["CBB"]),
        "council": _user("council", "council_member", unit=org["BO"]),
        "leader_a": _user("leader_a", "leader", unit=org["VA"]),
        "cluster_head": _user("cluster_head", "cluster_head", cluster=org["K1"]),
        "staff": staff,
        "outsider": _user("outsider"),
    }


@pytest.fixture
def actor_of():
    from thidua.common.context import Actor

    return lambda user: Actor(user=user, request_id="test")


@pytest.fixture
def scope_of():
    from thidua.accounts.scope import scope_for_user

    def get(user):
        user.__dict__.pop("_thidua_scope", None)
        return scope_for_user(user)

    return get
