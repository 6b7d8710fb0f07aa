"""What a user may see and change, as data: the paths and ids each capability reaches.

Built by `thidua.accounts.scope.scope_for_user` from the user's role assignments; every selector
filters with its querysets and every permission predicate (`thidua.common.permissions`) asks its
object checks. It knows no model: objects are read by their `path`/`unit_path`/`party_path`/`pk`.
The capabilities are listed in `thidua.common.roles.CAPABILITIES`."""
from dataclasses import dataclass, field

from django.db.models import Q


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

    def view_key(self) -> tuple:
        """What decides what this scope may read (not edit): equal keys see the same lists and counts, so
        a list cached for one user serves every user with the same reach (audit.versioning)."""
        return (self.is_admin, self.person_id, tuple(sorted(self.unit_paths.get("view", []))),
                tuple(sorted(self.party_paths.get("view", []))), tuple(sorted(self.cluster_ids.get("view", set()))))

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

    def can_party(self, org, cap: str = "view") -> bool:
        """A party organisation inside one of the party subtrees the capability reaches."""
        if self.is_admin:
            return True
        return org is not None and any(org.path.startswith(p) for p in self.party_paths.get(cap, []))

    def can_cluster(self, cluster, cap: str = "view") -> bool:
        if self.is_admin:
            return True
        return cluster.pk in self.cluster_ids.get(cap, set())

    def has(self, cap: str) -> bool:
        return self.is_admin or bool(
            self.unit_paths.get(cap) or self.party_paths.get(cap) or self.cluster_ids.get(cap)
        )

    @classmethod
    def system(cls) -> "Scope":
        """The whole database: for the operator's own commands (`thidua import`, `thidua demo`), never
        for a service acting on a user's behalf."""
        return cls(is_admin=True)
