"""Who may do what in the commendation pipeline (see thidua.common.permissions)."""
import rules

from thidua.commendations.workflows import PROPOSE, ROUND
from thidua.common.permissions import has_role, is_admin, permission
from thidua.common.roles import Role
from thidua.common.workflow import phase_allows

officer = has_role(Role.EMULATION_OFFICER)


@rules.predicate
def round_level_in_scope(scope, round_) -> bool:
    """The level the round belongs to lies in the officer's reach (a round, or a proposal's round)."""
    target = getattr(round_, "round", round_)
    return target is not None and scope.can_unit(target.unit, "edit_history")


@rules.predicate
def proposing_unit_in_scope(scope, proposal) -> bool:
    return proposal is not None and scope.can_unit(proposal.proposing_unit, "edit_history")


@rules.predicate
def round_reaches_unit(scope, proposal) -> bool:
    """The proposing unit lies under the round's level (lower units propose to the level above)."""
    return proposal.proposing_unit.path.startswith(proposal.round.unit.path)


@rules.predicate
def council_level_in_scope(scope, obj) -> bool:
    council = getattr(obj, "council", obj)
    return council is not None and scope.can_unit(council.unit, "edit_history")


@rules.predicate
def is_council_secretary(scope, obj) -> bool:
    from_obj = getattr(obj, "council", obj)
    return scope.user_id is not None and from_obj.members.filter(
        user_id=scope.user_id, role__in=["secretary", "member_secretary"], removed_at__isnull=True).exists()


def _round_state(proposal) -> str:
    return proposal.round.state


ROUND_MANAGE = permission("round.manage", is_admin | (officer & round_level_in_scope))
PROPOSAL_CREATE = permission(PROPOSE, (is_admin | (officer & proposing_unit_in_scope)) & round_reaches_unit
                             & phase_allows(ROUND, PROPOSE, _round_state))
PROPOSAL_OWN = permission("proposal.own", is_admin | (officer & proposing_unit_in_scope))
PROPOSAL_ROUTE = permission("proposal.route", is_admin | (officer & round_level_in_scope))
COUNCIL_MANAGE = permission("council.manage", is_admin | (officer & council_level_in_scope))
SESSION_MANAGE = permission("session.manage", is_admin | (officer & council_level_in_scope) | is_council_secretary)
PAPER_BALLOTS = permission("session.paper_ballots", is_admin | is_council_secretary)


@rules.predicate
def is_council_chair(scope, obj) -> bool:
    council = getattr(obj, "council", obj)
    return scope.user_id is not None and council.members.filter(
        user_id=scope.user_id, role="chair", removed_at__isnull=True).exists()


# the chair records the council's decision between nominees still tied after the second ballot
TIE_DECIDE = permission("session.tie_decide", is_admin | is_council_chair)


@rules.predicate
def issuer_in_scope(scope, obj) -> bool:
    """The conferring level of a decision (or of a session's council) lies in the officer's reach."""
    unit = _issuer(obj)
    return unit is not None and scope.can_unit(unit, "edit_history")


@rules.predicate
def issuer_visible(scope, obj) -> bool:
    unit = _issuer(obj)
    return unit is not None and scope.can_unit(unit, "view")


def _issuer(obj):
    if obj is None:
        return None
    unit = getattr(obj, "issuer", None) or getattr(getattr(obj, "council", None), "unit", None)
    if unit is None and getattr(obj, "round", None) is not None:
        unit = obj.round.unit
    return unit


DECISION_MANAGE = permission("decision.manage", is_admin | (officer & issuer_in_scope))
DECISION_VIEW = permission("decision.view", is_admin | issuer_visible)
