"""/api/v1/clusters/ (khối thi đua, members and offices per year) and /api/v1/party-orgs/."""
from ninja import Path, Router

from thidua.api import helpers as h
from thidua.api.schemas import ERRORS, ClusterDetail, ClusterOut, ClusterYearIn, PartyOrgOut
from thidua.organizations import selectors as sel
from thidua.organizations import services as svc
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

router = Router(tags=["clusters"])
party_router = Router(tags=["party-orgs"])
YEAR = Path(..., ge=MIN_YEAR, le=MAX_YEAR)


def cluster_detail(scope, code: str):
    cluster = sel.cluster_get_for_user(scope, code=code.upper())
    cluster.years = sel.cluster_years(cluster)
    return cluster


@router.get("/", response={200: list[ClusterOut], **ERRORS})
def list_clusters(request):
    return sel.cluster_list_for_user(h.scope(request)).select_related("organizer")


@router.get("/{code}", response={200: ClusterDetail, **ERRORS})
def get_cluster(request, code: str):
    return cluster_detail(h.scope(request), code)


@router.put("/{code}/years/{year}", response={200: ClusterDetail, **ERRORS})
def set_cluster_year(request, code: str, payload: ClusterYearIn, year: int = YEAR):
    """Replace the members, the head and the deputies of the cluster for one year."""
    scope = h.scope(request)
    cluster = sel.cluster_get_for_user(scope, code=code.upper())
    svc.cluster_set_year(
        actor=h.actor(request), scope=scope, cluster=cluster, year=year,
        members=h.units_by_codes(payload.members, "members"), head=h.unit_by_code(payload.head, "head"),
        deputies=h.units_by_codes(payload.deputies, "deputies"),
    )
    return cluster_detail(scope, code)


@party_router.get("/", response={200: list[PartyOrgOut], **ERRORS})
def list_party_orgs(request):
    return sel.party_org_list_for_user(h.scope(request)).select_related("parent")


@party_router.get("/{code}", response={200: PartyOrgOut, **ERRORS})
def get_party_org(request, code: str):
    return sel.party_org_get_for_user(h.scope(request), code=code.upper())
