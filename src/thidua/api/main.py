"""The REST API object. Every router lives in this package (`thidua/api/<name>.py`) and is mounted
from ROUTERS: (prefix, ninja Router).

Every router inherits the API's auth (Bearer token or session + CSRF) and error shapes."""
from typing import ClassVar

from ninja import NinjaAPI, Router
from ninja.renderers import JSONRenderer

from thidua.api import (
    audit,
    clusters,
    commendations,
    commendations_council,
    documents,
    eligibility,
    errors,
    fund,
    history,
    notices,
    people,
    statistics,
    units,
)
from thidua.api.auth import AUTH
from thidua.api.docs import LocalSwagger
from thidua.api.openapi_vi import vietnamese

ROUTERS: list[tuple[str, Router]] = [
    ("/v1/units/", units.router),
    ("/v1/clusters/", clusters.router),
    ("/v1/party-orgs/", clusters.party_router),
    ("/v1/people/", people.router),
    # routes under people/… and units/… that are not the two routers' own paths
    ("/v1/", history.router),
    ("/v1/", audit.router),
    ("/v1/eligibility/", eligibility.router),
    ("/v1/documents/", documents.router),
    ("/v1/fund/", fund.router),
    ("/v1/", notices.router),      # calendar/…
    ("/v1/", notices.me_router),   # me/deadlines, me/notifications
    ("/v1/commendations/", commendations.router),
    ("/v1/commendations/", commendations_council.router),   # councils, posting comments, ties
    ("/v1/", statistics.router),
]


class VietnameseAPI(NinjaAPI):
    """The OpenAPI document in Vietnamese (summaries, descriptions, tags, responses): api/openapi_vi.py."""

    def get_openapi_schema(self, *args, **kwargs):
        return vietnamese(super().get_openapi_schema(*args, **kwargs))


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as readable UTF-8 rather than \\u escapes."""

    json_dumps_params: ClassVar[dict] = {"ensure_ascii": False}


api = VietnameseAPI(
    title="thidua API",
    version="1",
    description="API của hệ thống thi đua, khen thưởng. Xác thực: `Authorization: Bearer td_…` "
                "(tạo mã ở /tai-khoan/ma-api/) hoặc phiên đăng nhập kèm X-CSRFToken.",
    urls_namespace="api",
    auth=AUTH,
    openapi_url="/schema/",
    docs_url="/docs",
    docs=LocalSwagger(),
    renderer=Utf8JSONRenderer(),
)
errors.install(api)

for prefix, router in ROUTERS:
    api.add_router(prefix, router)
