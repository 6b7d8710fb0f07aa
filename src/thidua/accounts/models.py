import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.common.roles import Role
from thidua.organizations.models import Cluster, PartyOrg, Unit

__all__ = ["Role", "RoleAssignment", "ApiToken"]


class RoleAssignment(models.Model):
    """A user's role over a scope: a unit subtree, a party-org subtree or a cluster."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    party_org = models.ForeignKey(PartyOrg, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(Cluster, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role="admin") | Q(role="staff") | Q(unit__isnull=False)
                | Q(party_org__isnull=False) | Q(cluster__isnull=False),
                name="role_has_scope",
            )
        ]

    def __str__(self):
        target = self.unit or self.party_org or self.cluster or ""
        return f"{self.get_role_display()} – {target}".rstrip(" –")


class ApiToken(models.Model):
    """Bearer token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def new_raw() -> str:
        return "td_" + secrets.token_urlsafe(32)
