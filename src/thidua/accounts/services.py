from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.text import nfc

MSG_TOKEN_NAME = "Cần đặt tên cho mã API."


@transaction.atomic
def api_token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """Create a token for the acting user; the raw key is shown once and never stored."""
    name = nfc(name)
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
