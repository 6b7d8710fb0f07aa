"""Who may change the working calendar and register deadlines (see thidua.common.permissions).

One calendar serves the whole deployment: the days off and make-up days are declared nationally
(the yearly "hoán đổi ngày làm việc" notices apply to every agency of the public sector), so only an
administrator edits it; per-unit calendars would let two units count the same statutory period
differently."""
import rules

from thidua.common.permissions import is_admin, permission
from thidua.common.roles import Role

ROLES_THAT_REGISTER = [r for r in Role if r != Role.STAFF]


@rules.predicate
def holds_a_role(scope) -> bool:
    roles = {str(r) for r in getattr(scope, "roles", ())}
    return bool(roles & {str(r) for r in ROLES_THAT_REGISTER})


CALENDAR_EDIT = permission("calendar.edit", is_admin)
# A workflow registers the steps its users owe while an officer (or the system) moves it on.
DEADLINE_REGISTER = permission("deadline.register", is_admin | holds_a_role)
