"""Who may read and write what through the API: the same scope as the pages.

Derived from accounts/scope.py CAPS:
- emulation officer: view + edit_history on the unit subtree;
- personnel officer: + edit_people, edit_units;
- party officer: view + edit_history over the party subtree (people only: no unit paths);
- council member, leader: view only; cluster head: view of the members' subtrees + edit_clusters;
- staff: their own record only, read-only; outsider: nothing.
Objects outside the read scope are 404; visible but not writable is 403.
Fixture: Thắng in PA1 (under VA), Lan in VB and party cell CBB; K1 = {VA, VB} in 2025.
"""
import pytest

from thidua.records.models import Award, YearRecord

PERSONAS = ["admin", "officer_a", "personnel_a", "officer_b", "party_b", "council", "leader_a",
            "cluster_head", "staff", "outsider"]

#                 persona          Thắng  Lan
PEOPLE_READ = {
    "admin":        (200, 200),
    "officer_a":    (200, 404),
    "personnel_a":  (200, 404),
    "officer_b":    (404, 200),
    "party_b":      (404, 200),
    "council":      (200, 200),
    "leader_a":     (200, 404),
    "cluster_head": (200, 200),
    "staff":        (200, 404),
    "outsider":     (404, 404),
}
# PATCH /people/{id}
PEOPLE_WRITE = {
    "admin":        (200, 200),
    "officer_a":    (403, 404),
    "personnel_a":  (200, 404),
    "officer_b":    (404, 403),
    "party_b":      (404, 403),
    "council":      (403, 403),
    "leader_a":     (403, 404),
    "cluster_head": (403, 403),
    "staff":        (403, 404),
    "outsider":     (404, 404),
}
# POST /people/{id}/history/yearrecord
PERSON_HISTORY_WRITE = {
    "admin":        (201, 201),
    "officer_a":    (201, 404),
    "personnel_a":  (201, 404),
    "officer_b":    (404, 201),
    "party_b":      (404, 201),
    "council":      (403, 403),
    "leader_a":     (403, 404),
    "cluster_head": (403, 403),
    "staff":        (403, 404),
    "outsider":     (404, 404),
}
#                 persona           VA    VB
UNITS_READ = {
    "admin":        (200, 200),
    "officer_a":    (200, 404),
    "personnel_a":  (200, 404),
    "officer_b":    (404, 200),
    "party_b":      (404, 404),
    "council":      (200, 200),
    "leader_a":     (200, 404),
    "cluster_head": (200, 200),
    "staff":        (404, 404),
    "outsider":     (404, 404),
}
# POST /units/ with parent VA / VB (the parent is named in the body: out of scope is 403)
UNITS_WRITE = {
    "admin":        (201, 201),
    "officer_a":    (403, 403),
    "personnel_a":  (201, 403),
    "officer_b":    (403, 403),
    "party_b":      (403, 403),
    "council":      (403, 403),
    "leader_a":     (403, 403),
    "cluster_head": (403, 403),
    "staff":        (403, 403),
    "outsider":     (403, 403),
}
# POST /units/{code}/history/award
UNIT_HISTORY_WRITE = {
    "admin":        (201, 201),
    "officer_a":    (201, 404),
    "personnel_a":  (201, 404),
    "officer_b":    (404, 201),
    "party_b":      (404, 404),
    "council":      (403, 403),
    "leader_a":     (403, 404),
    "cluster_head": (403, 403),
    "staff":        (404, 404),
    "outsider":     (404, 404),
}
#                 persona        people  units
LIST_COUNTS = {
    "admin":        (2, 4),
    "officer_a":    (1, 2),
    "personnel_a":  (1, 2),
    "officer_b":    (1, 1),
    "party_b":      (1, 0),
    "council":      (2, 4),
    "leader_a":     (1, 2),
    "cluster_head": (2, 3),
    "staff":        (1, 0),
    "outsider":     (0, 0),
}
TARGET_PEOPLE = ["thang", "lan"]
TARGET_UNITS = ["VA", "VB"]


def cases(table, targets):
    return [(p, t, table[p][i]) for p in PERSONAS for i, t in enumerate(targets)]


def test_it_tables_cover_every_persona():
    for table in (PEOPLE_READ, PEOPLE_WRITE, PERSON_HISTORY_WRITE, UNITS_READ, UNITS_WRITE,
                  UNIT_HISTORY_WRITE, LIST_COUNTS):
        assert set(table) == set(PERSONAS)


@pytest.mark.parametrize("persona,target,expected", cases(PEOPLE_READ, TARGET_PEOPLE))
def test_it_reads_people(api_as, people, persona, target, expected):
    api = api_as(persona)
    pk = people[target].pk
    assert api.get(f"/api/v1/people/{pk}").status_code == expected
    assert api.get(f"/api/v1/people/{pk}/history").status_code == expected
    assert api.get(f"/api/v1/people/{pk}/audit").status_code == expected
    assert api.get(f"/api/v1/people/by-citizen-id/{people[target].citizen_id}").status_code == expected


@pytest.mark.parametrize("persona,target,expected", cases(PEOPLE_WRITE, TARGET_PEOPLE))
def test_it_writes_people(api_as, people, persona, target, expected):
    r = api_as(persona).patch(f"/api/v1/people/{people[target].pk}", {"phone": "0900000000", "reason": "sửa"})
    assert r.status_code == expected, r.content
    people[target].refresh_from_db()
    assert (people[target].phone == "0900000000") == (expected == 200)
    if expected == 403:
        assert r.json()["detail"].startswith("Bạn không có quyền")


@pytest.mark.parametrize("persona,target,expected", cases(PERSON_HISTORY_WRITE, TARGET_PEOPLE))
def test_it_writes_person_history(api_as, people, persona, target, expected):
    r = api_as(persona).post(f"/api/v1/people/{people[target].pk}/history/yearrecord",
                             {"year": 2024, "grade": "excellent"})
    assert r.status_code == expected, r.content
    assert YearRecord.objects.filter(person=people[target]).count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("persona,target,expected", cases(UNITS_READ, TARGET_UNITS))
def test_it_reads_units(api_as, org, persona, target, expected):
    api = api_as(persona)
    assert api.get(f"/api/v1/units/{target}").status_code == expected
    assert api.get(f"/api/v1/units/{target}/history").status_code == expected
    assert api.get(f"/api/v1/units/{target}/audit").status_code == expected


@pytest.mark.parametrize("persona,target,expected", cases(UNITS_WRITE, TARGET_UNITS))
def test_it_writes_units(api_as, org, persona, target, expected):
    code = f"NEW{target}"
    r = api_as(persona).post("/api/v1/units/", {"code": code, "name": "Phòng mới", "kind": "division",
                                                "parent": target})
    assert r.status_code == expected, r.content
    assert (api_as("admin").get(f"/api/v1/units/{code}").status_code == 200) == (expected == 201)


@pytest.mark.parametrize("persona,target,expected", cases(UNIT_HISTORY_WRITE, TARGET_UNITS))
def test_it_writes_unit_history(api_as, org, persona, target, expected):
    r = api_as(persona).post(f"/api/v1/units/{target}/history/award", {"year": 2024, "code": "TTLDXS"})
    assert r.status_code == expected, r.content
    assert Award.objects.filter(unit=org[target]).count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_only_the_scope(api_as, people, persona):
    api = api_as(persona)
    n_people, n_units = LIST_COUNTS[persona]
    assert api.get("/api/v1/people/").json()["count"] == n_people
    assert api.get("/api/v1/units/").json()["count"] == n_units


def test_it_cluster_year_is_for_the_cluster_head(api_as, org):
    body = {"members": ["VA", "VB"], "head": "VB", "deputies": ["VA"]}
    assert api_as("cluster_head").put("/api/v1/clusters/K1/years/2026", body).status_code == 200
    r = api_as("officer_a").put("/api/v1/clusters/K1/years/2027", body)
    assert r.status_code == 403
    assert api_as("outsider").put("/api/v1/clusters/K1/years/2027", body).status_code == 404
    years = api_as("admin").get("/api/v1/clusters/K1").json()["years"]
    assert [y["year"] for y in years] == [2026, 2025]
    assert years[0]["head"]["code"] == "VB"


def test_it_party_orgs_follow_the_party_scope(api_as, org):
    assert [o["code"] for o in api_as("party_b").get("/api/v1/party-orgs/").json()] == ["CBB"]
    assert api_as("party_b").get("/api/v1/party-orgs/CBA").status_code == 404
    assert len(api_as("council").get("/api/v1/party-orgs/").json()) == 3
    assert api_as("outsider").get("/api/v1/party-orgs/").json() == []
    assert api_as("outsider").get("/api/v1/clusters/").json() == []
