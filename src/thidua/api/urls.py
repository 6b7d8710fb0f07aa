from django.http import JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from thidua.api.docs import asset
from thidua.api.errors import MSG_NOT_FOUND
from thidua.api.main import api


@csrf_exempt  # writes nothing; the API's routes do their own CSRF check
def not_found(request, rest=""):
    """An /api/ address no route matches (e.g. a person id that is not a number): the API's own
    JSON 404, in Vietnamese, rather than the HTML page of the site."""
    return JsonResponse({"detail": MSG_NOT_FOUND}, status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("api/docs/static/<str:name>", asset, name="api_docs_asset"),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>(?s:.*))$", not_found),  # (?s: …): a newline (%0A) in the address too
]
