"""Who may read and write a fund (see thidua.common.permissions). The object is the owner unit.

The fund of a level is managed by that level's emulation and commendation body together with its
finance body (NĐ 91/2017 Điều 67 khoản 1; 2022: assumed the same). The roles have no finance
officer yet, so the ledger is written by the owner unit's own emulation officers (a role assigned on
that very unit, not on a unit above it) or an administrator."""
import rules

from thidua.common.permissions import has_role, is_admin, permission, unit_can
from thidua.common.roles import Role


@rules.predicate
def holds_owner_unit(scope, owner) -> bool:
    """The scope's `edit_history` reach starts at the owner unit itself (its own officers)."""
    return owner is not None and owner.path in scope.unit_paths.get("edit_history", [])


FUND_VIEW = permission("fund.view", is_admin | (
    has_role(Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER, Role.LEADER, Role.COUNCIL_MEMBER) & unit_can("view")))
FUND_WRITE = permission("fund.write", is_admin | (has_role(Role.EMULATION_OFFICER) & holds_owner_unit))
FUND_TABLES_EDIT = permission("fund.tables.edit", is_admin)
