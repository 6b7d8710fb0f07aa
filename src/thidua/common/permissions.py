"""Permissions as named predicates over (scope, object), built with the `rules` package.

Each app declares its permissions in its own `permissions.py`, e.g.

    UNIT_EDIT = permission("unit.edit", unit_can("edit_units"))

and its services call `require(scope, UNIT_EDIT, unit)` before validating and writing. A predicate
combines the role (`has_role`), the scope (`unit_can`, `person_can`, `party_can`, `cluster_can`),
the object itself and, for workflows, the phase the object is in (`thidua.common.workflow`).
Pages ask `allowed(scope, name, obj)` (or `{% can "unit.edit" unit as ok %}`) to show only what
a user may do. Predicates take the Scope, not the user, so the operator's commands
(`Scope.system()`) and users go through the same rules."""
import rules

from thidua.common.errors import MSG_FORBIDDEN, PermissionDenied

registry = rules.RuleSet()


def permission(name: str, predicate) -> str:
    """Declare a permission once; returns its name for services to `require`."""
    registry.add_rule(name, predicate)
    return name


def allowed(scope, name: str, obj=None) -> bool:
    if name not in registry:
        raise KeyError(f"unknown permission {name!r}")
    return registry.test_rule(name, scope, obj)


def require(scope, name: str, obj=None, message: str = MSG_FORBIDDEN) -> None:
    """Raise PermissionDenied (403, Vietnamese message) unless the scope may do `name` on `obj`."""
    if not allowed(scope, name, obj):
        raise PermissionDenied(message)


@rules.predicate
def is_admin(scope) -> bool:
    return bool(scope.is_admin)


def has_role(*roles: str):
    wanted = {str(r) for r in roles}

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def check(scope) -> bool:
        return scope.is_admin or bool(wanted & set(scope.roles))

    return check


def _reaches(check_name: str, cap: str, attr: str | None):
    """A predicate: `scope.<check_name>(target, cap)`, the target being the object or its `attr`."""

    @rules.predicate(name=f"{check_name}({cap})")
    def check(scope, obj) -> bool:
        target = getattr(obj, attr) if (attr and obj is not None) else obj
        return target is not None and getattr(scope, check_name)(target, cap)

    return check


def unit_can(cap: str, attr: str | None = None):
    """The object (or the unit at `obj.<attr>`) lies in a unit subtree the capability reaches."""
    return _reaches("can_unit", cap, attr)


def person_can(cap: str, attr: str | None = None):
    return _reaches("can_person", cap, attr)


def party_can(cap: str, attr: str | None = None):
    return _reaches("can_party", cap, attr)


def cluster_can(cap: str):
    return _reaches("can_cluster", cap, None)
