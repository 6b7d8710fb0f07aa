"""Bearer tokens and the browser session (with CSRF on writes) both work on every endpoint."""
from django.test import Client

from thidua.accounts.models import ApiToken
from thidua.accounts.services import api_token_revoke
from thidua.api.errors import MSG_CSRF, MSG_UNAUTHENTICATED
from thidua.api.tests.conftest import ApiClient
from thidua.records.models import YearRecord


def test_it_accepts_a_token(personas, token_for):
    r = ApiClient(token_for(personas["officer_a"])).get("/api/v1/units/VA")
    assert r.status_code == 200
    assert r.json()["code"] == "VA"
    assert ApiToken.objects.get(user=personas["officer_a"]).last_used_at is not None


def test_it_refuses_no_auth_with_a_vietnamese_message(org):
    for url in ("/api/v1/units/", "/api/v1/people/", "/api/v1/units/VA", "/api/v1/clusters/"):
        r = Client().get(url)
        assert r.status_code == 401
        assert r.json() == {"detail": MSG_UNAUTHENTICATED}
    assert Client().post("/api/v1/units/", "{}", content_type="application/json").status_code == 401


def test_it_refuses_a_revoked_or_unknown_token(personas, token_for, actor_of):
    raw = token_for(personas["admin"])
    api_token_revoke(actor=actor_of(personas["admin"]), token=ApiToken.objects.get(user=personas["admin"]))
    assert ApiClient(raw).get("/api/v1/units/").status_code == 401
    assert ApiClient("td_not-a-token").get("/api/v1/units/").status_code == 401


def test_it_refuses_a_token_of_an_inactive_user(personas, token_for):
    raw = token_for(personas["admin"])
    personas["admin"].is_active = False
    personas["admin"].save()
    assert ApiClient(raw).get("/api/v1/units/").status_code == 401


def test_it_accepts_the_session_and_needs_csrf_for_writes(personas, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer_a"])
    api = ApiClient(client=client)
    assert api.get(f"/api/v1/people/{people['thang'].pk}").status_code == 200
    url = f"/api/v1/people/{people['thang'].pk}/history/yearrecord"

    r = api.post(url, {"year": 2024, "grade": "good"})
    assert r.status_code == 403
    assert r.json() == {"detail": MSG_CSRF}
    assert not YearRecord.objects.exists()

    client.get("/api/docs")  # any page that issues the CSRF cookie
    token = client.cookies["csrftoken"].value
    r = api.post(url, {"year": 2024, "grade": "good"}, HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 201, r.content
    assert YearRecord.objects.get().grade == "good"


def test_it_needs_no_csrf_with_a_token(personas, people, token_for):
    client = Client(enforce_csrf_checks=True)
    api = ApiClient(token_for(personas["officer_a"]), client=client)
    r = api.post(f"/api/v1/people/{people['thang'].pk}/history/yearrecord", {"year": 2024, "grade": "good"})
    assert r.status_code == 201
