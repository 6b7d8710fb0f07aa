"""Reads of organisations, always through the user's Scope."""
from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Count, Q
from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.scope import Scope
from thidua.organizations.models import Cluster, PartyOrg, Unit, UnitSuccession


def unit_list_for_user(scope: Scope, *, include_closed: bool = True):
    qs = Unit.objects.filter(scope.units_q())
    if not include_closed:
        qs = qs.filter(valid_to__isnull=True)
    return qs


def unit_get_for_user(scope: Scope, *, code: str | None = None, pk: int | None = None) -> Unit:
    lookup = {"code": code} if code is not None else {"pk": pk}
    unit = Unit.objects.filter(**lookup).select_related("parent").first()
    if unit is None or not scope.can_unit(unit):
        raise Http404(MSG_NOT_FOUND)
    return unit


def unit_tree_for_user(scope: Scope, *, include_closed: bool = False,
                       people_per_unit: dict[int, int] | None = None) -> list[dict]:
    """Flat list in tree order (by path) with depth relative to the visible roots and counts
    (`people_per_unit`: unit id → people posted there, from `people.selectors.people_count_by_unit`)."""
    units = [
        SimpleNamespace(**u) for u in unit_list_for_user(scope, include_closed=include_closed)
        .order_by("path").values("id", "code", "name", "name_folded", "depth", "parent_id", "valid_to")
    ]
    counts = people_per_unit or {}
    child_count = defaultdict(int)
    ids = {u.id for u in units}
    for u in units:
        if u.parent_id in ids:
            child_count[u.parent_id] += 1
    min_depth = min((u.depth for u in units), default=0)
    return [
        {"unit": u, "level": u.depth - min_depth, "people": counts.get(u.id, 0),
         "children": child_count[u.id]}
        for u in units
    ]


def unit_lineage(unit: Unit, successions: dict | None = None) -> list[Unit]:
    """The unit and every unit that became part of it (merged, absorbed, split, renamed).
    `successions`: the unit's own `unit_successions`, when the caller has them (one query fewer)."""
    seen = {unit.pk: unit}
    frontier = [unit.pk]
    if successions is not None:
        frontier = []
        for r in successions["from"]:
            if r.predecessor_id not in seen:
                seen[r.predecessor_id] = r.predecessor
                frontier.append(r.predecessor_id)
    while frontier:
        rows = list(
            UnitSuccession.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=list(seen))
            .select_related("predecessor")
        )
        frontier = []
        for r in rows:
            if r.predecessor_id not in seen:
                seen[r.predecessor_id] = r.predecessor
                frontier.append(r.predecessor_id)
    return list(seen.values())


def unit_successions(unit: Unit) -> dict:
    """What the unit came from and what it became, in one query."""
    rows = list(UnitSuccession.objects.filter(Q(successor=unit) | Q(predecessor=unit))
                .select_related("predecessor", "successor"))
    return {
        "from": [r for r in rows if r.successor_id == unit.pk and r.predecessor_id != unit.pk],
        "to": [r for r in rows if r.predecessor_id == unit.pk],
    }


def cluster_list_for_user(scope: Scope):
    qs = Cluster.objects.all()
    if not scope.is_admin:
        visible_units = Unit.objects.filter(scope.units_q()).values("id")
        ids = set(Cluster.objects.filter(memberships__unit__in=visible_units).values_list("id", flat=True))
        ids |= scope.cluster_ids.get("view", set())
        qs = qs.filter(id__in=ids)
    return qs.annotate(n_members=Count("memberships__unit", distinct=True)).order_by("code")


def cluster_get_for_user(scope: Scope, *, code: str) -> Cluster:
    cluster = cluster_list_for_user(scope).filter(code=code).first()
    if cluster is None:
        raise Http404(MSG_NOT_FOUND)
    return cluster


def cluster_years(cluster: Cluster) -> list[dict]:
    by_year: dict[int, dict] = defaultdict(lambda: {"members": [], "head": None, "deputies": []})
    for m in cluster.memberships.select_related("unit").order_by("-year", "unit__name"):
        by_year[m.year]["members"].append(m.unit)
    for o in cluster.offices.select_related("unit").order_by("-year", "role"):
        if o.role == "head":
            by_year[o.year]["head"] = o.unit
        else:
            by_year[o.year]["deputies"].append(o.unit)
    return [{"year": y, **v} for y, v in sorted(by_year.items(), reverse=True)]


def party_org_list_for_user(scope: Scope):
    return PartyOrg.objects.filter(scope.party_q()).select_related("unit").order_by("path")


def party_org_get_for_user(scope: Scope, *, code: str) -> PartyOrg:
    org = party_org_list_for_user(scope).filter(code=code).first()
    if org is None:
        raise Http404(MSG_NOT_FOUND)
    return org
