"""thidua demo: loads once, is idempotent, its logins have the right scope, lineage works."""
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from thidua.accounts.scope import scope_for_user
from thidua.audit.models import AuditEvent
from thidua.organizations.models import Cluster, Unit
from thidua.organizations.selectors import unit_lineage
from thidua.people.models import Person, Posting
from thidua.records.models import Award, CollectiveStats, Discipline, YearRecord
from thidua.synth import demo_data
from thidua.synth.demo import PASSWORD

pytestmark = pytest.mark.django_db

SMALL = 40  # people: keeps the test fast; the default demo has ~220


def _counts():
    return [model.objects.count() for model in (Unit, Person, Posting, YearRecord, Award, Discipline, CollectiveStats,
                                        AuditEvent)]


@pytest.fixture
def demo(django_user_model):
    out = io.StringIO()
    call_command("demo", people=SMALL, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_loads_and_is_idempotent(demo):
    assert "canbo" in demo and PASSWORD in demo
    before = _counts()
    out = io.StringIO()
    call_command("demo", people=SMALL, stdout=out, stderr=io.StringIO())
    assert _counts() == before
    assert "không thay đổi" in out.getvalue()


def test_it_loads_the_seed_agencies_clusters_and_people(demo):
    assert Unit.objects.get(code="TTCP-TTTT").parent.code == "TTCP"
    thang = Person.objects.get(full_name="Nguyễn Đức Thắng")
    assert thang.unit.code == "TTCP-TTTT" and thang.is_leader and thang.is_party_member
    ban_dang = Cluster.objects.get(code="KTD-BANDANG")
    assert ban_dang.memberships.filter(year=2017).count() == 8
    assert ban_dang.offices.get(year=2017, role="head").unit.code == "BNCTW"
    assert ban_dang.offices.get(year=2018, role="head").unit.code == "BKTTW"
    khoi2 = Cluster.objects.get(code="KTD-II")
    assert sorted(khoi2.memberships.filter(year=2017).values_list("unit__code", flat=True)) == sorted(demo_data.KHOI_II_MEMBERS)


def test_it_keeps_titles_consistent_with_grades(demo):
    grades = {(record.person_id, record.year): record.grade
              for record in YearRecord.objects.filter(person__isnull=False, track="government")}
    for award in Award.objects.filter(person__isnull=False, code__in=["LDTT", "CSTT", "CSTDCS"]):
        assert grades[(award.person_id, award.year)] in ("good", "excellent"), (award.person_id, award.year, award.code)
    assert Discipline.objects.filter(form="under_review", year=2025).exists()
    assert Discipline.objects.filter(form="reprimand", year=2021).exists()


def test_it_answers_the_lineage_question(demo):
    ward = Unit.objects.get(code=demo_data.NEW_WARD[0])
    assert ward.parent.code == "DTP" and ward.valid_to is None
    lineage = {unit.code for unit in unit_lineage(ward)}
    assert set(demo_data.MERGED_COMMUNES) <= lineage
    predecessors = Unit.objects.filter(code__in=demo_data.MERGED_COMMUNES)
    assert all(unit.valid_to == demo_data.MERGE_DATE for unit in predecessors)
    assert YearRecord.objects.filter(unit__in=predecessors, year=2023).count() == len(demo_data.MERGED_COMMUNES)
    assert CollectiveStats.objects.filter(unit__in=predecessors, year=2023).count() == len(demo_data.MERGED_COMMUNES)
    # the people who worked there in 2023 are reachable through their postings, history kept
    people_2023 = Person.objects.filter(postings__unit__in=predecessors).distinct()
    assert people_2023.exists()
    assert YearRecord.objects.filter(person__in=people_2023, year=2023).exists()
    tam = Person.objects.get(full_name="Huỳnh Thanh Tâm")
    assert tam.unit.code == "DTP-SNV"
    assert list(tam.postings.values_list("unit__code", flat=True)) == ["DTP-CL-P3", demo_data.NEW_WARD[0], "DTP-SNV"]
    assert Unit.objects.get(code=demo_data.DISTRICT).valid_to == demo_data.MERGE_DATE


def test_it_creates_logins_with_the_right_scope(demo, client, django_user_model):
    for username in ("admin", "thiduabo", "tochuc", "capuy", "hoidong", "khoitruong", "lanhdao", "canbo"):
        assert client.login(username=username, password=PASSWORD), username
        client.logout()
    tochuc = scope_for_user(django_user_model.objects.get(username="tochuc"))
    assert tochuc.can_unit(Unit.objects.get(code="TTCP-PC"), "edit_people")
    assert not tochuc.can_unit(Unit.objects.get(code="BTP-VP"))
    assert scope_for_user(django_user_model.objects.get(username="admin")).is_admin


def test_it_shows_canbo_only_their_own_record(demo, client):
    own = Person.objects.get(user__username="canbo")
    other = Person.objects.exclude(pk=own.pk).first()
    client.login(username="canbo", password=PASSWORD)
    listing = client.get("/ca-nhan/")
    # a plain staff member's list is their own record
    assert listing.status_code == 302 and listing["Location"] == f"/ca-nhan/{own.pk}/"
    assert client.get(f"/ca-nhan/{own.pk}/").status_code == 200
    assert client.get(f"/ca-nhan/{other.pk}/").status_code == 404


def test_it_registers_the_year_end_deadlines_of_the_seed(demo, client):
    canbo = User.objects.get(username="canbo")
    client.force_login(canbo)
    html = client.get("/viec-can-lam/").content.decode()
    assert "Hoàn thành tổng kết chính quyền năm" in html and "Hoàn thành tổng kết công tác Đảng năm" in html
