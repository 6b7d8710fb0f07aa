import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client

from thidua.accounts import services as svc
from thidua.accounts.models import RoleAssignment
from thidua.audit.models import AuditEvent


def test_it_creates_a_user_with_a_scoped_role_and_links_a_person(personas, people, actor_of, scope_of):
    admin = personas["admin"]
    user = svc.user_create(actor=actor_of(admin), scope=scope_of(admin), username="vana", password="mat-khau-dai",
                           full_name="Nguyễn Văn A", role="emulation_officer", unit_code="vb",
                           citizen_id=people["lan"].citizen_id)
    ra = RoleAssignment.objects.get(user=user)
    assert ra.unit.code == "VB" and ra.role == "emulation_officer"
    people["lan"].refresh_from_db()
    assert people["lan"].user == user
    assert AuditEvent.objects.filter(verb="role_assign").exists()
    assert scope_of(user).can_person(people["lan"], "edit_history")


def test_it_refuses_bad_user_input_and_writes_nothing(personas, actor_of, scope_of):
    admin = personas["admin"]
    n = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.user_create(actor=actor_of(admin), scope=scope_of(admin), username="x", password="ngan")
    assert exc.value.message_dict["password"] == [svc.MSG_PASSWORD_SHORT]
    with pytest.raises(ValidationError) as exc:
        svc.user_create(actor=actor_of(admin), scope=scope_of(admin), username="y", password="du-dai-roi",
                        role="emulation_officer", unit_code="KHONGCO")
    assert "KHONGCO" in exc.value.message_dict["unit"][0]
    with pytest.raises(ValidationError):
        svc.user_create(actor=actor_of(admin), scope=scope_of(admin), username="z", password="du-dai-roi",
                        role="leader")
    assert User.objects.count() == n


def test_only_admin_manages_users(personas, actor_of, scope_of):
    officer = personas["officer_a"]
    with pytest.raises(PermissionDenied):
        svc.user_create(actor=actor_of(officer), scope=scope_of(officer), username="q", password="du-dai-roi")
    c = Client()
    c.force_login(officer)
    assert c.get("/tai-khoan/nguoi-dung/").status_code == 403
    c.force_login(personas["admin"])
    assert c.get("/tai-khoan/nguoi-dung/").status_code == 200


def test_createuser_command(org):
    call_command("createuser", "--username", "cb1", "--password", "mat-khau-dai", "--role", "personnel_officer",
                 "--unit", "VA")
    assert RoleAssignment.objects.get(user__username="cb1").unit.code == "VA"
