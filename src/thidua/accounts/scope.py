"""Builds a user's Scope from their role assignments (the Scope itself is `thidua.common.scope`)."""
from django.db.models import OuterRef, Subquery

from thidua.accounts.models import Role, RoleAssignment
from thidua.common.roles import CAPABILITIES
from thidua.common.scope import Scope
from thidua.organizations.models import Unit
from thidua.organizations.selectors import unit_lineage
from thidua.people.models import Person

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
    # the user's own person id comes with the role assignments (one query), alone for a user with no role
    own_person = Person.objects.filter(user_id=OuterRef("user_id")).values("pk")[:1]
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("unit", "party_org", "cluster")
                       .annotate(own_person_id=Subquery(own_person)))
    if assignments:
        scope.person_id = assignments[0].own_person_id
    else:
        scope.person_id = Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
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
