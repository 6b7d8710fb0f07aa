"""Reads of the commendation pipeline, scoped to the user: 404 where out of scope."""
from django.db.models import Count, Q
from django.http import Http404

from thidua.commendations import permissions  # noqa: F401  (declares decision.view)
from thidua.commendations.models import Council, CouncilMember, Decision, Proposal, Round, Session
from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.permissions import allowed
from thidua.common.scope import Scope


def _reaches_round(scope: Scope, rnd_path: str) -> bool:
    """The round's level is in the user's view, or above a unit the user works for (lower units see it)."""
    if scope.is_admin:
        return True
    paths = scope.unit_paths.get("view", [])
    return any(p.startswith(rnd_path) or rnd_path.startswith(p) for p in paths)


def round_list_for_user(scope: Scope) -> list[Round]:
    rounds = Round.objects.select_related("unit").annotate(n=Count("proposals")).order_by("-year", "-opens_on", "pk")
    return [r for r in rounds if _reaches_round(scope, r.unit.path)]


def round_get_for_user(scope: Scope, pk: int) -> Round:
    r = Round.objects.select_related("unit").filter(pk=pk).first()
    if r is None or not _reaches_round(scope, r.unit.path):
        raise Http404(MSG_NOT_FOUND)
    return r


def proposals_q(scope: Scope, rnd: Round) -> Q:
    """All the round's proposals for its level's people; a lower unit sees its own."""
    if scope.is_admin or scope.can_unit(rnd.unit, "view"):
        return Q()
    return scope.units_q("view", prefix="proposing_unit__")


def proposal_list_for_round(scope: Scope, rnd: Round):
    return (Proposal.objects.filter(round=rnd).filter(proposals_q(scope, rnd))
            .select_related("proposing_unit").order_by("proposing_unit__path", "subject_name", "form"))


def proposal_get_for_user(scope: Scope, pk: int) -> Proposal:
    p = Proposal.objects.select_related("round__unit", "proposing_unit", "person", "collective").filter(pk=pk).first()
    if p is None or not _reaches_round(scope, p.round.unit.path) or not (
            scope.is_admin or scope.can_unit(p.round.unit, "view") or scope.can_unit(p.proposing_unit, "view")):
        raise Http404(MSG_NOT_FOUND)
    return p


def member_of(scope: Scope, council: Council) -> CouncilMember | None:
    if not scope.user_id:
        return None
    return council.members.filter(user_id=scope.user_id).first()


def session_list_for_user(scope: Scope) -> list[Session]:
    qs = Session.objects.select_related("council__unit", "round").order_by("-meets_on", "pk")
    if scope.is_admin:
        return list(qs)
    mine = set(CouncilMember.objects.filter(user_id=scope.user_id).values_list("council_id", flat=True)) \
        if scope.user_id else set()
    return [s for s in qs if s.council_id in mine or scope.can_unit(s.council.unit, "edit_history")]


def session_get_for_user(scope: Scope, pk: int) -> Session:
    s = Session.objects.select_related("council__unit", "round__unit").filter(pk=pk).first()
    if s is None:
        raise Http404(MSG_NOT_FOUND)
    if not (scope.is_admin or scope.can_unit(s.council.unit, "edit_history") or member_of(scope, s.council)):
        raise Http404(MSG_NOT_FOUND)
    return s


def council_list_for_user(scope: Scope) -> list[Council]:
    qs = Council.objects.select_related("unit").prefetch_related("members")
    return [c for c in qs if scope.is_admin or scope.can_unit(c.unit, "edit_history")]


MSG_DECISION_NOT_FOUND = "Không tìm thấy quyết định."


def decision_get_for_user(scope: Scope, pk: int):
    """A decision whose conferring level the user can see (404 otherwise)."""
    from_db = Decision.objects.select_related("issuer", "document", "session__council", "round",
                                              "revokes__document").filter(pk=pk).first()
    if from_db is None or not allowed(scope, "decision.view", from_db):
        raise Http404(MSG_DECISION_NOT_FOUND)
    return from_db


def decision_list_for_user(scope: Scope, limit: int = 50) -> list:
    """The latest decisions of the conferring levels the user can see."""
    return list(Decision.objects.filter(scope.units_q("view", prefix="issuer__")).select_related("issuer", "document")
                .order_by("-pk")[:limit])
