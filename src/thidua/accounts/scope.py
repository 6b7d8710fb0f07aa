"""What a user may see and change. Every selector and service goes through a Scope.

Capabilities:
- view: read people, units, history inside the scope;
- edit_people: people, postings, leave, party membership;
- edit_history: yearly grades, titles, awards, initiatives, discipline, collective stats;
- edit_units: create/rename/merge/split/dissolve units below the scoped unit;
- edit_clusters: clusters, their members and offices.
"""
from dataclasses import dataclass, field

from django.db.models import Q

from thidua.accounts.models import Role, RoleAssignment

CAPS = {
    Role.ADMIN: {"view", "edit_people", "edit_history", "edit_units", "edit_clusters", "edit_party"},
    Role.PERSONNEL_OFFICER: {"view", "edit_people", "edit_history", "edit_units"},
    Role.EMULATION_OFFICER: {"view", "edit_history"},
    Role.PARTY_OFFICER: {"view", "edit_party", "edit_history"},
    Role.COUNCIL_MEMBER: {"view"},
    Role.LEADER: {"view"},
    Role.CLUSTER_HEAD: {"view", "edit_clusters"},
    Role.STAFF: {"view_own"},
}


@dataclass
class Scope:
    user_id: int | None = None
    is_admin: bool = False
    person_id: int | None = None
    # capability -> list of unit path prefixes / party path prefixes / cluster ids
    unit_paths: dict[str, list[str]] = field(default_factory=dict)
    party_paths: dict[str, list[str]] = field(default_factory=dict)
    cluster_ids: dict[str, set[int]] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)

    # --- querysets -------------------------------------------------------------------
    def people_q(self, cap: str = "view") -> Q:
        if self.is_admin:
            return Q()
        q = Q(pk__in=[])
        for p in self.unit_paths.get(cap, []):
            q |= Q(unit_path__startswith=p)
        for p in self.party_paths.get(cap, []):
            q |= Q(party_path__startswith=p)
        if cap == "view" and self.person_id:
            q |= Q(pk=self.person_id)
        return q

    def units_q(self, cap: str = "view", prefix: str = "") -> Q:
        if self.is_admin:
            return Q()
        q = Q(pk__in=[])
        for p in self.unit_paths.get(cap, []):
            q |= Q(**{f"{prefix}path__startswith": p})
        return q

    def party_q(self, cap: str = "view") -> Q:
        if self.is_admin:
            return Q()
        q = Q(pk__in=[])
        for p in self.party_paths.get(cap, []):
            q |= Q(path__startswith=p)
        for p in self.unit_paths.get(cap, []):
            q |= Q(unit__path__startswith=p)
        return q

    # --- object checks ---------------------------------------------------------------
    def can_person(self, person, cap: str = "view") -> bool:
        if self.is_admin:
            return True
        if cap == "view" and self.person_id and person.pk == self.person_id:
            return True
        if any(person.unit_path.startswith(p) for p in self.unit_paths.get(cap, []) if person.unit_path):
            return True
        if any(person.party_path.startswith(p) for p in self.party_paths.get(cap, []) if person.party_path):
            return True
        return False

    def can_unit(self, unit, cap: str = "view") -> bool:
        if self.is_admin:
            return True
        return any(unit.path.startswith(p) for p in self.unit_paths.get(cap, []))

    def can_cluster(self, cluster, cap: str = "view") -> bool:
        if self.is_admin:
            return True
        return cluster.pk in self.cluster_ids.get(cap, set())

    def has(self, cap: str) -> bool:
        return self.is_admin or bool(
            self.unit_paths.get(cap) or self.party_paths.get(cap) or self.cluster_ids.get(cap)
        )


def _lineage_paths(unit) -> list[str]:
    """A unit's own path plus the paths of every predecessor (merged units' history)."""
    from thidua.organizations.selectors import unit_lineage

    return [u.path for u in unit_lineage(unit)]


def _cluster_member_paths(cluster_id: int) -> list[str]:
    from thidua.organizations.models import Unit

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
    for ra in assignments:
        scope.roles.append(ra.role)
        if ra.role == Role.ADMIN:
            scope.is_admin = True
        for cap in CAPS.get(ra.role, ()):
            if ra.unit_id:
                scope.unit_paths.setdefault(cap, []).extend(_lineage_paths(ra.unit))
            if ra.party_org_id:
                scope.party_paths.setdefault(cap, []).append(ra.party_org.path)
            if ra.cluster_id:
                scope.cluster_ids.setdefault(cap, set()).add(ra.cluster_id)
                if cap == "view":
                    scope.unit_paths.setdefault(cap, []).extend(_cluster_member_paths(ra.cluster_id))
    user._thidua_scope = scope
    return scope
