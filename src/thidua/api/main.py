"""The REST API object. Apps add their routers to ROUTERS (prefix, dotted path to a ninja Router).

Every router inherits the API's auth (Bearer token or session + CSRF) and error shapes."""
from typing import ClassVar

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from thidua.api import errors
from thidua.api.auth import AUTH
from thidua.api.docs import LocalSwagger

ROUTERS: list[tuple[str, str]] = [
    ("/v1/units/", "thidua.api.units.router"),
    ("/v1/clusters/", "thidua.api.clusters.router"),
    ("/v1/party-orgs/", "thidua.api.clusters.party_router"),
    ("/v1/people/", "thidua.api.people.router"),
    # routes under people/… and units/… that are not the two routers' own paths
    ("/v1/", "thidua.api.history.router"),
    ("/v1/", "thidua.api.audit.router"),
    ("/v1/eligibility/", "thidua.eligibility.api.router"),
]



class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as readable UTF-8 rather than \\u escapes."""

    json_dumps_params: ClassVar[dict] = {"ensure_ascii": False}


api = NinjaAPI(
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
