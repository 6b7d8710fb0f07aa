from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken, Role, RoleAssignment
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN, PermissionDenied, ValidationError
from thidua.common.text import nfc
from thidua.organizations.models import Cluster, PartyOrg, Unit
from thidua.people.models import Person

MSG_TOKEN_NAME = "Cần đặt tên cho mã API."


@transaction.atomic
def api_token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """Create a token for the acting user; the raw key is shown once and never stored."""
    name = clean_text(name, "name", max_length=ApiToken._meta.get_field("name").max_length)
    if not name:
        raise ValidationError({"name": MSG_TOKEN_NAME})
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(user=actor.user, name=name, key_hash=ApiToken.hash(raw), prefix=raw[:8])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=token, after={"name": name, "prefix": token.prefix},
                 verb="api_token_create")
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    token.revoked = True
    token.save(update_fields=["revoked"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=token, before={"revoked": False},
                 after={"revoked": True}, verb="api_token_revoke")


def api_token_authenticate(raw: str):
    token = ApiToken.objects.filter(key_hash=ApiToken.hash(raw), revoked=False).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# --- users and roles -----------------------------------------------------------------------

MSG_USERNAME_TAKEN = "Tên đăng nhập đã tồn tại."
MSG_ROLE_TARGET = "Vai trò {role} cần phạm vi: mã đơn vị, mã tổ chức đảng hoặc mã khối thi đua."
MSG_TARGET_UNKNOWN = "Không tìm thấy {what} có mã {code}."
MSG_PASSWORD_SHORT = "Mật khẩu cần ít nhất 8 ký tự."
MSG_PERSON_UNKNOWN = "Không tìm thấy cá nhân có số CCCD này."


def _resolve_target(*, unit_code="", party_code="", cluster_code=""):
    out = {}
    for key, model, code, what in (("unit", Unit, unit_code, "đơn vị"), ("party_org", PartyOrg, party_code, "tổ chức đảng"),
                                   ("cluster", Cluster, cluster_code, "khối thi đua")):
        code = nfc(code).upper()
        if code:
            obj = model.objects.filter(code=code).first()
            if obj is None:
                raise ValidationError({key: MSG_TARGET_UNKNOWN.format(what=what, code=code)})
            out[key] = obj
    return out


@transaction.atomic
def role_assign(*, actor: Actor, scope, user, role: str, unit_code: str = "", party_code: str = "",
                cluster_code: str = ""):
    if not scope.is_admin:
        raise PermissionDenied(MSG_FORBIDDEN)
    if role not in Role.values:
        raise ValidationError({"role": f"Vai trò không hợp lệ: {role}."})
    target = _resolve_target(unit_code=unit_code, party_code=party_code, cluster_code=cluster_code)
    if role not in (Role.ADMIN, Role.STAFF) and not target:
        raise ValidationError({"unit": MSG_ROLE_TARGET.format(role=Role(role).label)})
    ra = RoleAssignment.objects.create(user=user, role=role, **target)
    if role == Role.ADMIN and not user.is_superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=ra, verb="role_assign",
                 after={"user": user.username, "role": role, **{k: v.code for k, v in target.items()}})
    return ra


@transaction.atomic
def user_create(*, actor: Actor, scope, username: str, password: str, full_name: str = "", role: str = "",
                unit_code: str = "", party_code: str = "", cluster_code: str = "", citizen_id: str = ""):
    """Create a login; optionally give it a role and link it to a person (staff see their own record)."""
    if not scope.is_admin:
        raise PermissionDenied(MSG_FORBIDDEN)
    username = clean_text(username, "username", max_length=User._meta.get_field("username").max_length)
    full_name = clean_text(full_name, "full_name", max_length=User._meta.get_field("first_name").max_length)
    if not username:
        raise ValidationError({"username": "Cần tên đăng nhập."})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": MSG_USERNAME_TAKEN})
    if len(password or "") < 8:
        raise ValidationError({"password": MSG_PASSWORD_SHORT})
    person = None
    if citizen_id:
        person = Person.objects.filter(citizen_id=nfc(citizen_id)).first()
        if person is None:
            raise ValidationError({"citizen_id": MSG_PERSON_UNKNOWN})
    first, _, last = nfc(full_name).rpartition(" ")
    user = User.objects.create_user(username=username, password=password, first_name=first, last_name=last)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=user, verb="user_create",
                 after={"username": username, "full_name": nfc(full_name)})
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    if role:
        role_assign(actor=actor, scope=scope, user=user, role=role, unit_code=unit_code, party_code=party_code,
                    cluster_code=cluster_code)
    return user
