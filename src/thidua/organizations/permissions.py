"""Who may change units, clusters and party organisations (see thidua.common.permissions)."""
import rules

from thidua.common.permissions import cluster_can, is_admin, party_can, permission, unit_can


@rules.predicate
def no_parent(scope, parent) -> bool:
    return parent is None


# A unit is created under a parent the user may edit; a root unit only by an administrator.
UNIT_CREATE = permission("unit.create", is_admin | (~no_parent & unit_can("edit_units")))
UNIT_EDIT = permission("unit.edit", unit_can("edit_units"))
# A cluster is organised by a unit the user may edit (the object is the organising unit).
CLUSTER_CREATE = permission("cluster.create", is_admin | (~no_parent & unit_can("edit_units")))
CLUSTER_EDIT = permission("cluster.edit", cluster_can("edit_clusters"))
# Party organisations: the party officer of the parent (or the organisation itself).
PARTY_ORG_CREATE = permission("party_org.create", is_admin | (~no_parent & party_can("edit_party")))
PARTY_ORG_EDIT = permission("party_org.edit", party_can("edit_party"))
