"""Swagger UI from the files inside the installed ninja package: no CDN, nothing vendored.

ninja falls back to a CDN template when "ninja" is not in INSTALLED_APPS; we render our own
page instead and serve ninja's static files from a small whitelisted view."""
import json
from pathlib import Path

import ninja
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from ninja.openapi.docs import DocsBase

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.png": "image/png",
}

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<link rel="icon" href="{icon}" type="image/png">
</head>
<body data-csrf-token="{csrf}" data-api-csrf="true">
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{bundle}"></script>
<script src="{init}"></script>
<script src="{vi}"></script>
</body>
</html>
"""


def asset(request, name: str):
    if name not in ASSETS:
        raise Http404()
    # FileResponse closes the file when the response is done
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


class LocalSwagger(DocsBase):
    def __init__(self, settings: dict | None = None):
        self.settings = {"layout": "BaseLayout", "deepLinking": True, **(settings or {})}

    def render_page(self, request, api, **kwargs) -> HttpResponse:
        def url(name):
            return reverse("api_docs_asset", kwargs={"name": name})

        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        html = PAGE.format(
            title=escape(api.title), css=url("swagger-ui.css"), icon=url("favicon.png"),
            bundle=url("swagger-ui-bundle.js"), init=url("swagger-ui-init.js"), vi=static("thidua/swagger-vi.js"), csrf=escape(get_token(request)),
            # "</" cannot close the script element from inside the JSON
            settings=json.dumps(settings).replace("</", "<\\/"),
        )
        return HttpResponse(html)
