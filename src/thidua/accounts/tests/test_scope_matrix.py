"""Role × in scope / out of scope × read / write, through the pages (service layer behind them)."""
import pytest
from django.test import Client

# persona, person key, can read?, can write history?
MATRIX = [
    ("admin", "thang", True, True), ("admin", "lan", True, True),
    ("officer_a", "thang", True, True), ("officer_a", "lan", False, False),
    ("personnel_a", "thang", True, True), ("personnel_a", "lan", False, False),
    ("officer_b", "thang", False, False), ("officer_b", "lan", True, True),
    ("party_b", "lan", True, True), ("party_b", "thang", False, False),
    ("council", "thang", True, False), ("council", "lan", True, False),
    ("leader_a", "thang", True, False), ("leader_a", "lan", False, False),
    ("cluster_head", "thang", True, False), ("cluster_head", "lan", True, False),
    ("staff", "thang", True, False), ("staff", "lan", False, False),
    ("outsider", "thang", False, False), ("outsider", "lan", False, False),
]


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("persona,who,can_read,can_write", MATRIX)
def test_person_page_read_and_history_write(personas, people, persona, who, can_read, can_write):
    from thidua.records.models import YearRecord

    c = _client(personas[persona])
    person = people[who]
    assert c.get(f"/ca-nhan/{person.pk}/").status_code == (200 if can_read else 404)
    resp = c.post(f"/ca-nhan/{person.pk}/lich-su/them/yearrecord/",
                  {"year": 2024, "track": "government", "grade": "good"})
    written = YearRecord.objects.filter(person=person, year=2024).exists()
    assert written == can_write
    assert resp.status_code == (302 if can_write else (403 if can_read else 404))


@pytest.mark.parametrize("persona,visible", [
    ("admin", {"thang", "lan"}), ("officer_a", {"thang"}), ("officer_b", {"lan"}), ("party_b", {"lan"}),
    ("council", {"thang", "lan"}), ("leader_a", {"thang"}), ("cluster_head", {"thang", "lan"}),
])
def test_person_list_shows_only_the_scope(personas, people, persona, visible):
    c = _client(personas[persona])
    html = c.get("/ca-nhan/").content.decode()
    shown = {k for k, p in people.items() if p.full_name in html}
    assert shown == visible


def test_staff_member_sees_only_own_record(personas, people):
    c = _client(personas["staff"])
    resp = c.get("/ca-nhan/")
    assert resp.status_code == 302 and resp["Location"] == f"/ca-nhan/{people['thang'].pk}/"
    assert c.get("/").status_code == 302


@pytest.mark.parametrize("persona,unit,status", [
    ("officer_a", "VA", 200), ("officer_a", "PA1", 200), ("officer_a", "VB", 404), ("officer_a", "BO", 404),
    ("council", "VB", 200), ("outsider", "VA", 404), ("cluster_head", "VB", 200), ("cluster_head", "BO", 404),
])
def test_unit_page_scope(personas, org, persona, unit, status):
    assert _client(personas[persona]).get(f"/don-vi/{unit}/").status_code == status


@pytest.mark.parametrize("persona,allowed", [("personnel_a", True), ("officer_a", False), ("leader_a", False)])
def test_unit_change_needs_edit_units(personas, org, persona, allowed):
    from thidua.organizations.models import Unit

    resp = _client(personas[persona]).post("/don-vi/VA/thao-tac/create/", {
        "create-code": "PA9", "create-name": "Phòng mới", "create-kind": "division"})
    assert Unit.objects.filter(code="PA9").exists() == allowed
    assert resp.status_code == (302 if allowed else 403)
