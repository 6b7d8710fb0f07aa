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


# --- every OpenAPI operation, every role, reading and writing --------------------------------------
# Each operation of the OpenAPI schema has a case: the subject its path (or body) names. A new
# endpoint without a case fails test_it_every_operation_has_a_scope_case. For each persona, objects
# out of its scope answer 403/404, leak no name, and a write changes nothing (no audit event, no row).
from thidua.audit.models import AuditEvent  # noqa: E402
from thidua.organizations.models import Unit  # noqa: E402
from thidua.people.models import Person  # noqa: E402
from thidua.records.models import Discipline, Initiative  # noqa: E402

SUBJECT_OF_PARAMETER = {"person_id": "person", "citizen_id": "citizen_id", "pk": "record"}
# operations about no one object: lists (checked for leaks), creations and questions whose body names
# the object (checked with an out-of-scope body), pure computations
API_GLOBAL = {
    ("get", "/api/v1/units/"): "list", ("get", "/api/v1/clusters/"): "list",
    ("get", "/api/v1/party-orgs/"): "list", ("get", "/api/v1/people/"): "list",
    ("get", "/api/v1/statistics/awards"): "list", ("get", "/api/v1/statistics/decisions"): "list",
    ("post", "/api/v1/units/"): "body_unit", ("post", "/api/v1/people/"): "body_unit",
    ("post", "/api/v1/eligibility/scope/"): "body_unit",
    ("post", "/api/v1/eligibility/"): "document", ("post", "/api/v1/eligibility/quota/grade/"): "pure",
    ("post", "/api/v1/eligibility/quota/title/"): "pure",
    # official papers: their own matrix per persona in api/tests/test_it_documents.py (a document is
    # reached through its issuer unit)
    ("get", "/api/v1/documents/"): "list", ("post", "/api/v1/documents/"): "documents",
    ("get", "/api/v1/documents/{document_id}"): "documents", ("patch", "/api/v1/documents/{document_id}"): "documents",
    ("post", "/api/v1/documents/{document_id}/sign"): "documents",
    ("get", "/api/v1/documents/{document_id}/docx"): "documents",
    ("get", "/api/v1/documents/{document_id}/pdf"): "documents",
    ("get", "/api/v1/documents/templates/"): "documents", ("post", "/api/v1/documents/templates/"): "documents",
    ("get", "/api/v1/fund/bonus"): "pure",
    # notices: the calendar holds no one's data; /me/… answers the caller's own rows only
    # (another user's notification is a 404: api/tests/test_it_notices.py)
    ("get", "/api/v1/calendar/add-working-days"): "pure", ("get", "/api/v1/calendar/working-days"): "pure",
    ("get", "/api/v1/calendar/{year}"): "pure", ("get", "/api/v1/me/deadlines"): "own",
    ("get", "/api/v1/me/notifications"): "own", ("post", "/api/v1/me/notifications/read-all"): "own",
    ("post", "/api/v1/me/notifications/{notification_id}/read"): "own",
    # the commendation pipeline: its objects' scope cases are in commendations/tests/test_api.py
    ("get", "/api/v1/commendations/rounds"): "list", ("post", "/api/v1/commendations/rounds"): "body_unit",
    ("get", "/api/v1/commendations/councils"): "list", ("post", "/api/v1/commendations/sessions"): "commendations",
    **{(m, "/api/v1/commendations/" + p): "commendations" for m, p in [
        ("post", "rounds/{round_id}/{transition}"), ("get", "rounds/{round_id}/proposals"),
        ("post", "rounds/{round_id}/proposals"), ("post", "rounds/{round_id}/proposals/bulk"),
        ("get", "proposals/{proposal_id}"), ("post", "proposals/{proposal_id}/{transition}"),
        ("get", "sessions/{session_id}"), ("post", "sessions/{session_id}/ballot"),
        ("post", "sessions/{session_id}/attendance"), ("post", "sessions/{session_id}/agenda"),
        ("post", "sessions/{session_id}/paper-ballots"),
        ("post", "sessions/{session_id}/{transition}")]},
    # councils, posting comments, ties (api/commendations_council.py): scope cases in
    # commendations/tests/test_council_api.py; the public posting is reached by its unguessable token only
    ("post", "/api/v1/commendations/councils"): "body_unit",
    ("get", "/api/v1/commendations/public/postings/{token}"): "pure",
    **{(m, "/api/v1/commendations/" + p): "commendations" for m, p in [
        ("get", "councils/{council_id}"), ("post", "councils/{council_id}/members"),
        ("post", "councils/{council_id}/members/{member_id}/remove"),
        ("get", "postings/{posting_id}/comments"), ("post", "postings/{posting_id}/comments"),
        ("get", "ties/{session_id}"), ("post", "ties/{session_id}/{form}/runoff"),
        ("post", "ties/{session_id}/{form}/decide"), ("post", "runoffs/{runoff_id}/ballot"),
        ("post", "runoffs/{runoff_id}/paper"), ("post", "runoffs/{runoff_id}/close")]},
    # decisions: test_decision_api.py
    **{(m, "/api/v1/commendations/" + p): "commendations" for m, p in [
        ("post", "decisions"), ("post", "sessions/{session_id}/papers/{kind}"),
        ("get", "decisions/{decision_id}"), ("post", "decisions/{decision_id}/sign"),
        ("post", "decisions/{decision_id}/certificates"), ("post", "decisions/{decision_id}/bonuses"),
        ("post", "decisions/{decision_id}/revoke")]},
}
API_OUT_OF_SCOPE = {
    "officer_a": {"person": ["lan"], "unit": ["VB", "BO"]},
    "personnel_a": {"person": ["lan"], "unit": ["VB", "BO"]},
    "leader_a": {"person": ["lan"], "unit": ["VB", "BO"]},
    "officer_b": {"person": ["thang"], "unit": ["VA", "PA1", "BO"]},
    "party_b": {"person": ["thang"], "unit": ["VA", "VB", "BO"], "party": ["CBA"]},
    "cluster_head": {"unit": ["BO"]},
    "staff": {"person": ["lan"], "unit": ["VA", "VB", "BO", "PA1"]},
    "outsider": {"person": ["thang", "lan"], "unit": ["VA", "VB", "BO", "PA1"], "party": ["CBA", "CBB"],
                 "cluster": ["K1"]},
}
API_HIDDEN = {
    "officer_a": ["Trần Thị Lan", "001085000002"], "personnel_a": ["Trần Thị Lan", "001085000002"],
    "leader_a": ["Trần Thị Lan", "001085000002"], "staff": ["Trần Thị Lan", "001085000002"],
    "officer_b": ["Nguyễn Văn Thắng", "001080000001"], "party_b": ["Nguyễn Văn Thắng", "001080000001"],
    "outsider": ["Nguyễn Văn Thắng", "001080000001", "Trần Thị Lan", "001085000002"],
}
# a valid body for each write (so that only the scope can refuse it), by the path's last segments
WRITE_BODIES = {
    ("patch", "/api/v1/units/{code}"): {"name": "Đổi tên", "date": "2025-01-01"},
    ("post", "/api/v1/units/{code}/merge"): {"others": ["PA1"], "date": "2025-01-01", "new_code": "GOP1",
                                             "new_name": "Hợp nhất", "new_kind": "division"},
    ("post", "/api/v1/units/{code}/split"): {"parts": [{"code": "TACH1", "name": "Tách 1", "kind": "division"},
                                                       {"code": "TACH2", "name": "Tách 2", "kind": "division"}],
                                             "date": "2025-01-01"},
    ("post", "/api/v1/units/{code}/dissolve"): {"date": "2025-01-01"},
    ("post", "/api/v1/units/{code}/grade-years/{year}/{transition}"): {},
    ("put", "/api/v1/clusters/{code}/years/{year}"): {"members": ["VA", "VB"], "head": "VA"},
    ("patch", "/api/v1/people/{person_id}"): {"phone": "0900000000", "reason": "thử"},
    ("post", "/api/v1/people/{person_id}/postings"): {"unit": "PA1", "staff_type": "civil_servant",
                                                      "start": "2025-01-01"},
    ("post", "/api/v1/people/{person_id}/leaves"): {"kind": "maternity", "start": "2025-01-01", "end": "2025-06-01"},
    ("put", "/api/v1/units/{code}/stats/{year}"): {"total": 5, "completed": 5, "ldtt": 4, "cstdcs": 1,
                                                   "disciplined": 0},
    ("post", "/api/v1/fund/{code}/{year}/allocations"): {"amount": 1_000_000, "cap_basis": "salary_fund",
                                                         "basis_amount": 100_000_000, "date": "2024-02-01"},
    ("post", "/api/v1/fund/{code}/{year}/contributions"): {"amount": 1_000_000, "counterparty": "Công đoàn",
                                                           "date": "2024-02-01"},
    ("post", "/api/v1/fund/{code}/{year}/bonus-payments"): {"decision_no": "1/QĐ", "decision_date": "2024-01-10",
                                                            "decision_issuer": "VB", "award_code": "LDTT",
                                                            "subjects": ["Nguyễn Văn Thắng"], "date": "2024-02-01"},
    ("post", "/api/v1/fund/{code}/{year}/spendings"): {"kind": "artifact_cost", "amount": 1_000_000,
                                                       "description": "Khung bằng", "date": "2024-02-01"},
    ("post", "/api/v1/fund/{code}/{year}/clawbacks"): {"payment": 1, "reason": "QĐ hủy bỏ", "date": "2024-02-01"},
    ("post", "/api/v1/fund/{code}/{year}/carry-over"): {},
}
HISTORY_BODIES = {"yearrecord": {"year": 2024, "grade": "excellent"}, "award": {"year": 2024, "code": "LDTT"},
                  "initiative": {"year": 2024, "title": "Sáng kiến", "level": "unit"},
                  "discipline": {"year": 2024, "form": "reprimand"}}


def _write_body(method, path):
    if (method, path) in WRITE_BODIES:
        return WRITE_BODIES[(method, path)]
    kind = path.split("/history/")[1].split("/")[0]
    if method == "post":
        body = dict(HISTORY_BODIES[kind])
        return {**body, "code": "TTLDXS"} if kind == "award" and "/units/" in path else body
    patches = {"yearrecord": {"note": "sửa"}, "award": {"decision_no": "01/QĐ"}, "initiative": {"title": "Sửa"},
               "discipline": {"decision_no": "02/QĐ"}}
    return {"reason": "thử", **patches[kind]} if method == "patch" else {"reason": "thử"}


def _operations():
    from django.test import Client

    paths = Client().get("/api/schema/").json()["paths"]   # the schema as served
    return {(method, path) for path, operations in paths.items() for method in operations}


def _subject(method, path):
    if path.startswith("/api/v1/clusters/{code}"):
        return "cluster"
    if path.startswith("/api/v1/party-orgs/{code}"):
        return "party"
    if "{code}" in path:
        return "unit"
    for parameter, subject in SUBJECT_OF_PARAMETER.items():
        if "{" + parameter + "}" in path:
            return subject
    return None


def test_it_every_operation_has_a_scope_case(db):
    uncovered = {op for op in _operations() if _subject(*op) is None and op not in API_GLOBAL}
    assert uncovered == set(), "a new endpoint needs a subject (path parameter) or a case in API_GLOBAL"
    assert set(API_GLOBAL) <= _operations()


@pytest.fixture
def api_world(people, org):
    """History records of each kind for both people (the {pk} of /history/<kind>/{pk})."""
    records = {}
    for who in ("thang", "lan"):
        person = people[who]
        records[who] = {
            "yearrecord": YearRecord.objects.create(person=person, year=2023, grade="good").pk,
            "award": Award.objects.create(person=person, year=2023, code="LDTT", category="title").pk,
            "initiative": Initiative.objects.create(person=person, year=2023, title="Sáng kiến", level="unit").pk,
            "discipline": Discipline.objects.create(person=person, year=2023, form="reprimand").pk,
        }
    return records


def _api_url(path, subject, key, people, records):
    kind = path.split("/history/")[1].split("/")[0] if "/history/" in path else None
    values = {"code": key, "year": "2024", "transition": "lock"}
    if subject in ("person", "citizen_id", "record"):
        values.update(person_id=people[key].pk, citizen_id=people[key].citizen_id,
                      pk=records[key][kind] if subject == "record" else "")
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value))
    return path


def _api_state():
    return (AuditEvent.objects.count(), Person.objects.count(), Unit.objects.count(), YearRecord.objects.count(),
            Award.objects.count(), Initiative.objects.count(), Discipline.objects.count())


def _api_out_of_scope_cases():
    operations = sorted(_schema_operations_static())
    for persona, subjects in API_OUT_OF_SCOPE.items():
        for method, path in operations:
            subject = _subject(method, path)
            reach = {"citizen_id": "person", "record": "person"}.get(subject, subject)
            for key in subjects.get(reach, []):
                yield persona, method, path, key


def _schema_operations_static():
    from thidua.api.main import api

    schema = api.get_openapi_schema()
    return {(method, path) for path, operations in schema["paths"].items() for method in operations}


@pytest.mark.parametrize("persona,method,path,key", list(_api_out_of_scope_cases()))
def test_it_out_of_scope_objects_are_neither_read_nor_written(api_as, people, org, api_world, persona, method,
                                                               path, key):
    subject = _subject(method, path)
    url = _api_url(path, subject, key, people, api_world)
    api = api_as(persona)
    before = _api_state()
    response = api.get(url) if method == "get" else getattr(api, method)(url, _write_body(method, path))
    assert response.status_code in (403, 404), (method, url, response.status_code, response.content[:300])
    assert _api_state() == before
    text = response.content.decode()
    assert not [name for name in API_HIDDEN.get(persona, []) if name in text]


@pytest.mark.parametrize("persona", sorted(API_HIDDEN))
def test_it_lists_and_body_named_objects_leak_nothing(api_as, people, org, api_world, persona):
    api = api_as(persona)
    for (_method, path), case in API_GLOBAL.items():
        if case == "list":
            text = api.get(path).content.decode()
            assert not [name for name in API_HIDDEN[persona] if name in text], path
    for unit in API_OUT_OF_SCOPE[persona].get("unit", []):
        before = _api_state()
        scope_answer = api.post("/api/v1/eligibility/scope/", {"unit": unit, "year": 2024})
        assert scope_answer.status_code in (403, 404), (unit, scope_answer.status_code)
        created = api.post("/api/v1/units/", {"code": "MOI1", "name": "Phòng mới", "kind": "division",
                                              "parent": unit})
        hired = api.post("/api/v1/people/", {"citizen_id": "001099000099", "full_name": "Người Mới", "unit": unit,
                                             "staff_type": "civil_servant", "start": "2025-01-01"})
        assert created.status_code in (403, 404) and hired.status_code in (403, 404, 422), (unit, hired.content)
        assert _api_state() == before


FUND_RULE_REFUSALS = {("post", "/api/v1/fund/{code}/{year}/bonus-payments"): "amount",
                      ("post", "/api/v1/fund/{code}/{year}/spendings"): "amount",
                      ("post", "/api/v1/fund/{code}/{year}/clawbacks"): "payment"}
WRITES_IN_SCOPE = sorted(op for op in _schema_operations_static() if op[0] != "get" and _subject(*op))


@pytest.mark.parametrize("method,path", WRITES_IN_SCOPE)
def test_it_write_bodies_are_valid_so_only_the_scope_refuses_them(api_as, people, org, api_world, method, path):
    """The admin's same request is not refused as malformed (422): the out-of-scope 403/404 above come
    from the scope, not from the body."""
    subject = _subject(method, path)
    key = {"unit": "VB", "cluster": "K1", "party": "CBB"}.get(subject, "lan")
    response = getattr(api_as("admin"), method)(_api_url(path, subject, key, people, api_world),
                                                _write_body(method, path))
    if (method, path) == ("post", "/api/v1/units/{code}/dissolve"):   # VB still has Lan: the rule, not the body
        assert response.status_code == 422 and response.json()["detail"][0]["field"] == "unit"
        return
    if (method, path) in FUND_RULE_REFUSALS:   # VB's fund is empty: the balance (or no payment to claw back)
        assert response.status_code == 422
        assert response.json()["detail"][0]["field"] == FUND_RULE_REFUSALS[(method, path)]
        return
    assert response.status_code != 422, (method, path, response.content[:300])
