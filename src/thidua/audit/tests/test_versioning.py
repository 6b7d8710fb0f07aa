"""The data version and the page cache under it: a committed change always shows on the next read."""
import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from thidua.audit.versioning import cache_key, cached, data_version
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.people import services as people_services

pytestmark = pytest.mark.django_db(transaction=True)
ACTOR, ROOT = Actor(user=None, request_id="test"), Scope(is_admin=True)


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "test-versioning"}}
    cache.clear()
    yield cache
    cache.clear()


def _new_person(org, name="Đỗ Thị Hạnh", cid="001090000099"):
    return people_services.person_create(actor=ACTOR, scope=ROOT, citizen_id=cid, full_name=name, unit=org["PA1"],
                                         staff_type="civil_servant", start=datetime.date(2020, 1, 1))


def test_it_rises_at_the_commit_of_a_change(org):
    before = data_version()
    _new_person(org)
    assert data_version() > before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite raises it per audit row")
def test_it_rises_once_per_transaction_on_postgresql(org):
    before = data_version()
    with transaction.atomic():
        _new_person(org, "Lê Văn An", "001090000101")
        _new_person(org, "Lê Văn Bình", "001090000102")
        inside = data_version()
    assert inside == before          # not before the commit: no reader sees it before the data
    assert data_version() == before + 1


def test_it_does_not_move_when_the_change_is_rolled_back(org):
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        _new_person(org)
        raise RuntimeError
    assert data_version() == before


def test_cached_computes_once_per_version(org, page_cache):
    calls = []
    compute = lambda: calls.append(1) or {"n": len(calls)}
    assert cached("test", ("a",), compute) == {"n": 1}
    assert cached("test", ("a",), compute) == {"n": 1} and len(calls) == 1
    assert cached("test", ("b",), compute) == {"n": 2}          # other parts, other entry
    _new_person(org)
    assert cached("test", ("a",), compute) == {"n": 3}          # a change: computed again


def test_the_unit_table_shows_a_change_at_once(personas, org, page_cache):
    c = Client()
    c.force_login(personas["council"])
    url, query = "/xet-danh-hieu/don-vi/BO/", {"year": 2025}
    first = c.get(url, query).content.decode()
    assert "Nguyễn Văn Thắng" in first and "Đỗ Thị Hạnh" not in first
    assert "Nguyễn Văn Thắng" in c.get(url, query).content.decode()  # served from the cache
    _new_person(org)
    assert "Đỗ Thị Hạnh" in c.get(url, query).content.decode()


def test_a_cached_table_is_still_closed_to_users_out_of_scope(personas, page_cache):
    admin, outsider = Client(), Client()
    admin.force_login(personas["admin"])
    outsider.force_login(personas["officer_b"])
    assert admin.get("/xet-danh-hieu/don-vi/VA/", {"year": 2025}).status_code == 200
    assert outsider.get("/xet-danh-hieu/don-vi/VA/", {"year": 2025}).status_code == 404
    assert outsider.get("/xet-danh-hieu/don-vi/VA/ti-le/", {"year": 2025}).status_code == 404


def test_keys_name_the_version_and_the_language(org):
    from django.utils import translation

    with translation.override("vi"):
        vi = cache_key("x", (1,), version=5)
    with translation.override("en"):
        en = cache_key("x", (1,), version=5)
    assert vi != en and ":5:" in vi and cache_key("x", (1,), version=6) != vi


def test_people_lists_and_home_counts_are_cached_per_reach(personas, org, page_cache):
    admin, officer = Client(), Client()
    admin.force_login(personas["admin"])
    officer.force_login(personas["officer_a"])
    everyone = admin.get("/ca-nhan/").content.decode()
    assert "Trần Thị Lan" in everyone and "Nguyễn Văn Thắng" in everyone
    own = officer.get("/ca-nhan/").content.decode()          # cached after the admin's: not the admin's list
    assert "Nguyễn Văn Thắng" in own and "Trần Thị Lan" not in own
    assert "Trần Thị Lan" not in officer.get("/ca-nhan/", {"q": "lan"}).content.decode()
    _new_person(org)                                         # in officer_a's unit
    assert "Đỗ Thị Hạnh" in officer.get("/ca-nhan/").content.decode()
    assert "Đỗ Thị Hạnh" in officer.get("/ca-nhan/", HTTP_HX_REQUEST="true").content.decode()


def test_scopes_with_the_same_reach_share_a_key_and_others_do_not(personas):
    from thidua.accounts.scope import scope_for_user

    a, b, personnel = (scope_for_user(personas[n]) for n in ("officer_a", "officer_b", "personnel_a"))
    assert a.view_key() != b.view_key()
    assert a.view_key() == personnel.view_key()   # both see unit VA's subtree


def test_the_person_page_shows_a_new_posting_at_once(personas, org, people, page_cache):
    from thidua.people.services import posting_open

    c = Client()
    c.force_login(personas["admin"])
    url = f"/ca-nhan/{people['thang'].pk}/"
    assert "Vụ Pháp chế" not in c.get(url).content.decode()
    posting_open(actor=ACTOR, scope=ROOT, person=people["thang"], unit=org["VB"], staff_type="civil_servant",
                 start=datetime.date(2026, 1, 1))
    assert "Vụ Pháp chế" in c.get(url).content.decode()
