import json

import pytest
from django.test import Client


class ApiClient:
    """A test client that speaks JSON and carries a Bearer token (or a session)."""

    def __init__(self, token: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def _send(self, method, url, data=None, raw=None, **extra):
        body = raw if raw is not None else (json.dumps(data) if data is not None else "")
        return getattr(self.client, method)(url, data=body, content_type="application/json",
                                            **self.headers, **extra)

    def get(self, url, params=None, **extra):
        return self.client.get(url, params or {}, **self.headers, **extra)

    def post(self, url, data=None, **kw):
        return self._send("post", url, data, **kw)

    def patch(self, url, data=None, **kw):
        return self._send("patch", url, data, **kw)

    def put(self, url, data=None, **kw):
        return self._send("put", url, data, **kw)

    def delete(self, url, data=None, **kw):
        return self._send("delete", url, data, **kw)


@pytest.fixture
def token_for(actor_of):
    from thidua.accounts.services import api_token_create

    def make(user) -> str:
        return api_token_create(actor=actor_of(user), name="kiểm thử")[1]

    return make


@pytest.fixture
def api_as(personas, token_for):
    """api_as("officer_a") → an ApiClient with that persona's token."""
    return lambda name: ApiClient(token_for(personas[name]))
