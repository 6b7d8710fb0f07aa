"""Schemathesis over the API's own OpenAPI schema (/api/schema/), called in-process through the
WSGI application, as an administrator (Bearer token): no input answers 5xx, and every answer is
one the schema documents (status code, content type, body shape).

Bounded: a few examples per operation (THIDUA_SCHEMATHESIS_EXAMPLES to raise it locally)."""
import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from thidua.accounts.services import api_token_create
from thidua.api.main import api

EXAMPLES = int(os.environ.get("THIDUA_SCHEMATHESIS_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
schema.app = WSGIHandler()

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def admin_token(personas, actor_of):
    return api_token_create(actor=actor_of(personas["admin"]), name="schemathesis")[1]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as a server must; inside
    a test that would end the test's transaction (PostgreSQL). Django's test client does the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, admin_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"}, checks=CHECKS)
