"""List endpoints cost a constant number of queries, whatever the number of rows."""
import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.organizations import services as org_svc
from thidua.people import services as ppl


def _grow(org, actor, scope, n):
    for i in range(n):
        ppl.person_create(actor=actor, scope=scope, citizen_id=f"0020000{i:05d}", full_name=f"Người {i}",
                          unit=org["PA1"], staff_type="worker", start=datetime.date(2020, 1, 1))
        org_svc.unit_create(actor=actor, scope=scope, code=f"X{i}", name=f"Tổ {i}", kind="other", parent=org["VA"])


def _count(api, url):
    with CaptureQueriesContext(connection) as ctx:
        assert api.get(url).status_code == 200
    return len(ctx)


LISTS = ["/api/v1/people/", "/api/v1/units/", "/api/v1/clusters/", "/api/v1/party-orgs/",
         "/api/v1/people/?unit=VA&q=nguoi"]


def test_it_lists_in_constant_queries(api_as, org, people, system_actor, root_scope,
                                      django_assert_max_num_queries):
    api = api_as("officer_a")
    small = {url: _count(api, url) for url in LISTS}
    _grow(org, system_actor, root_scope, 15)
    for url in LISTS:
        with django_assert_max_num_queries(small[url]):
            r = api.get(url)
        assert r.status_code == 200
        assert small[url] <= 10, (url, small[url])
    assert api.get("/api/v1/people/").json()["count"] == 16
