"""The OpenAPI schema and the docs page, served without any external URL."""
import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_serves_the_openapi_schema():
    r = Client().get("/api/schema/")
    assert r.status_code == 200
    schema = json.loads(r.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "thidua API"
    for path in ("/api/v1/units/", "/api/v1/units/{code}", "/api/v1/units/{code}/merge",
                 "/api/v1/people/", "/api/v1/people/{person_id}", "/api/v1/people/by-citizen-id/{citizen_id}",
                 "/api/v1/people/{person_id}/history/award", "/api/v1/history/yearrecord/{pk}",
                 "/api/v1/units/{code}/stats/{year}", "/api/v1/clusters/{code}/years/{year}",
                 "/api/v1/party-orgs/{code}", "/api/v1/people/{person_id}/audit"):
        assert path in schema["paths"], path
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    operation_ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))


def test_it_serves_the_docs_from_local_files():
    client = Client()
    r = client.get("/api/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), html
    assets = re.findall(r"""(?:src|href)="(/[^"]+)\"""", html)
    assert len(assets) == 5
    ours = [url for url in assets if url.startswith("/static/")]
    assert ours == ["/static/thidua/swagger-vi.js"]   # Swagger UI's fixed words in Vietnamese
    from django.contrib.staticfiles import finders

    assert finders.find("thidua/swagger-vi.js")
    for url in [url for url in assets if url not in ours]:
        resp = client.get(url)
        assert resp.status_code == 200, url
        body = b"".join(resp.streaming_content)
        assert len(body) > 100
        resp.close()
    assert client.get("/api/docs/static/settings.py").status_code == 404
    assert client.get("/api/docs/static/..%2F__init__.py").status_code == 404
