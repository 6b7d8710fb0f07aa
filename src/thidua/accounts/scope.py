"""Builds a user's Scope from their role assignments (the Scope itself is `thidua.common.scope`)."""
from thidua.accounts.models import Role, RoleAssignment
from thidua.common.roles import CAPABILITIES
from thidua.common.scope import Scope
from thidua.organizations.models import Unit
from thidua.organizations.selectors import unit_lineage

__all__ = ["Scope", "scope_for_user"]


def _lineage_paths(unit) -> list[str]:
    """A unit's own path plus the paths of every predecessor (merged units' history)."""
    return [u.path for u in unit_lineage(unit)]


def _cluster_member_paths(cluster_id: int) -> list[str]:
    return list(
        Unit.objects.filter(cluster_memberships__cluster_id=cluster_id).values_list("path", flat=True).distinct()
    )


def scope_for_user(user) -> Scope:
    if user is None or not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user_id=user.pk, is_admin=user.is_superuser)
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    scope.person_id = person.pk if person else None
    assignments = RoleAssignment.objects.filter(user=user).select_related("unit", "party_org", "cluster")
    lineages: dict[int, list[str]] = {}  # one lineage query per assigned unit, not one per capability
    for ra in assignments:
        scope.roles.append(ra.role)
        if ra.role == Role.ADMIN:
            scope.is_admin = True
        if ra.unit_id and ra.unit_id not in lineages:
            lineages[ra.unit_id] = _lineage_paths(ra.unit)
        for cap in CAPABILITIES.get(ra.role, ()):
            if ra.unit_id:
                scope.unit_paths.setdefault(cap, []).extend(lineages[ra.unit_id])
            if ra.party_org_id:
                scope.party_paths.setdefault(cap, []).append(ra.party_org.path)
            if ra.cluster_id:
                scope.cluster_ids.setdefault(cap, set()).add(ra.cluster_id)
                if cap == "view":
                    scope.unit_paths.setdefault(cap, []).extend(_cluster_member_paths(ra.cluster_id))
    user._thidua_scope = scope
    return scope
