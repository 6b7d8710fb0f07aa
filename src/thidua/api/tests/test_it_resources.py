"""The endpoints do what the pages do: through the services, audited, dates in ISO."""
import pytest

from thidua.audit.models import AuditEvent
from thidua.organizations.models import Unit


@pytest.fixture
def admin(api_as):
    return api_as("admin")


def test_it_lists_and_filters_units(admin, org):
    r = admin.get("/api/v1/units/", {"parent": "BO"}).json()
    assert [u["code"] for u in r["items"]] == ["VA", "VB"]
    assert r["items"][0]["parent"] == "BO"
    assert [u["code"] for u in admin.get("/api/v1/units/", {"q": "vu thi dua"}).json()["items"]] == ["VA"]
    assert [u["code"] for u in admin.get("/api/v1/units/", {"kind": "division"}).json()["items"]] == ["PA1"]
    page = admin.get("/api/v1/units/", {"limit": 2, "offset": 2}).json()
    assert page["count"] == 4 and len(page["items"]) == 2


def test_it_creates_renames_and_corrects_a_unit(api_as, org):
    api = api_as("personnel_a")
    r = api.post("/api/v1/units/", {"code": "pa2", "name": "Phòng  Nghiệp vụ", "kind": "division",
                                    "parent": "VA", "valid_from": "2025-01-01"})
    assert r.status_code == 201, r.content
    assert r.json()["code"] == "PA2" and r.json()["name"] == "Phòng Nghiệp vụ"
    assert r.json()["valid_from"] == "2025-01-01" and r.json()["depth"] == 2

    r = api.patch("/api/v1/units/PA2", {"name": "Phòng Nghiệp vụ 1", "date": "2025-06-01", "decision_no": "12/QĐ"})
    assert r.status_code == 200
    assert r.json()["went_to"][0]["kind"] == "renamed"
    r = api.patch("/api/v1/units/PA2", {"short_name": "NV1", "reason": "bổ sung"})
    assert r.json()["short_name"] == "NV1"
    r = api.patch("/api/v1/units/PA2", {"short_name": "NV", "name": "X", "date": "2025-07-01"})
    assert r.status_code == 422
    verbs = [e["verb"] for e in api.get("/api/v1/units/PA2/audit").json()]
    assert verbs == ["unit_update", "unit_rename", "unit_create"]


def test_it_merges_and_the_successor_keeps_the_history(admin, people):
    admin.post("/api/v1/units/VB/history/award", {"year": 2023, "code": "TTLDXS", "decision_no": "5/QĐ",
                                                  "decision_date": "2024-01-10", "authority": "Bộ trưởng"})
    r = admin.post("/api/v1/units/VA/merge", {"others": ["VB"], "new_code": "VAB", "new_name": "Vụ hợp nhất",
                                              "date": "2025-07-01", "decision_no": "99/QĐ"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["code"] == "VAB"
    assert {u["code"] for u in body["lineage"]} == {"VA", "VB"}
    assert {s["predecessor"] for s in body["came_from"]} == {"VA", "VB"}
    history = admin.get("/api/v1/units/VAB/history").json()
    award = history["years"][0]["awards"][0]
    assert history["years"][0]["year"] == 2023
    assert award == {**award, "code": "TTLDXS", "unit": "VB", "decision_date": "2024-01-10",
                     "authority": "Bộ trưởng", "kind": "regular"}
    assert admin.get(f"/api/v1/people/{people['lan'].pk}").json()["unit"]["code"] == "VAB"
    assert admin.get("/api/v1/units/VB").json()["is_active"] is False


def test_it_splits_and_dissolves(admin, people):
    r = admin.post("/api/v1/units/VB/split", {
        "parts": [{"code": "VB1", "name": "Vụ B1"}, {"code": "VB2", "name": "Vụ B2"}], "date": "2025-07-01",
        "assignments": {str(people["lan"].pk): 1},
    })
    assert r.status_code == 200, r.content
    assert [u["code"] for u in r.json()] == ["VB1", "VB2"]
    assert admin.get(f"/api/v1/people/{people['lan'].pk}").json()["unit"]["code"] == "VB2"
    r = admin.post("/api/v1/units/VB2/dissolve", {"date": "2025-08-01"})
    assert r.status_code == 422  # Lan still works there
    assert "người đang công tác" in r.json()["detail"][0]["message"]
    r = admin.post("/api/v1/units/VB1/dissolve", {"date": "2025-08-01"})
    assert r.json()["valid_to"] == "2025-08-01"


def test_it_creates_updates_transfers_a_person(api_as, org):
    api = api_as("personnel_a")
    r = api.post("/api/v1/people/", {"citizen_id": "001090000099", "full_name": "Nguyễn Đức Thắng",
                                     "unit": "PA1", "staff_type": "civil_servant", "start": "2020-01-01",
                                     "birth_date": "1990-02-03", "gender": "male"})
    assert r.status_code == 201, r.content
    person = r.json()
    assert person["birth_date"] == "1990-02-03" and person["postings"][0]["unit"]["code"] == "PA1"
    pk = person["id"]
    assert api.get("/api/v1/people/", {"q": "nguyen duc thang"}).json()["items"][0]["id"] == pk
    assert api.get("/api/v1/people/by-citizen-id/001090000099").json()["id"] == pk

    r = api.patch(f"/api/v1/people/{pk}", {"phone": "0912345678", "reason": "cập nhật"})
    assert r.json()["phone"] == "0912345678"
    r = api.post(f"/api/v1/people/{pk}/postings", {"unit": "VA", "staff_type": "civil_servant",
                                                   "start": "2026-01-01", "position": "Phó Vụ trưởng",
                                                   "is_leader": True})
    assert r.status_code == 201, r.content
    detail = api.get(f"/api/v1/people/{pk}").json()
    assert [p["end"] for p in detail["postings"]] == [None, "2025-12-31"]
    assert detail["is_leader"] is True and detail["unit"]["code"] == "VA"
    r = api.post(f"/api/v1/people/{pk}/leaves", {"kind": "sick", "start": "2026-02-01", "end": "2026-01-01"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "end"
    r = api.post(f"/api/v1/people/{pk}/leaves", {"kind": "sick", "start": "2026-02-01", "end": "2026-02-10"})
    assert r.status_code == 201
    verbs = {e["verb"] for e in api.get(f"/api/v1/people/{pk}/audit").json()}
    assert {"person_create", "person_update", "posting_open", "posting_close", "leave_add"} <= verbs


def test_it_filters_people(admin, people):
    def ids(**params):
        return {p["id"] for p in admin.get("/api/v1/people/", params).json()["items"]}

    thang, lan = people["thang"].pk, people["lan"].pk
    assert ids(unit="VA") == {thang}
    assert ids(leader="true") == {lan}
    assert ids(party="false") == {thang}
    assert ids(party_org="DB") == {lan}
    assert ids(position="chuyên") == {thang}
    assert ids(q="0010850") == {lan}
    assert ids(staff_type="worker") == set()


def test_it_adds_corrects_and_deletes_history(api_as, people):
    api = api_as("officer_a")
    pk = people["thang"].pk
    for kind, body in [
        ("yearrecord", {"year": 2024, "grade": "excellent", "score": "92.5", "months_worked": 12}),
        ("award", {"year": 2024, "code": "cstdcs", "decision_no": "1/QĐ", "decision_date": "2025-01-15"}),
        ("initiative", {"year": 2024, "title": "Số hóa hồ sơ", "level": "unit", "recognized_on": "2024-11-01"}),
        ("discipline", {"year": 2021, "form": "reprimand", "decided_on": "2021-05-01"}),
    ]:
        r = api.post(f"/api/v1/people/{pk}/history/{kind}", body)
        assert r.status_code == 201, (kind, r.content)
    years = api.get(f"/api/v1/people/{pk}/history").json()["years"]
    assert [y["year"] for y in years] == [2024, 2021]
    y2024 = years[0]
    assert y2024["records"][0]["grade"] == "excellent" and y2024["records"][0]["score"] == "92.50"
    assert y2024["awards"][0]["code"] == "CSTDCS" and y2024["awards"][0]["category"] == "title"
    assert y2024["initiatives"][0]["recognized_on"] == "2024-11-01"
    record_id = y2024["records"][0]["id"]

    r = api.patch(f"/api/v1/history/yearrecord/{record_id}", {"grade": "good", "reason": "sai khi nhập"})
    assert r.status_code == 200 and r.json()["grade"] == "good"
    r = api.delete(f"/api/v1/history/yearrecord/{record_id}", {"reason": "trùng"})
    assert r.status_code == 204
    event = AuditEvent.objects.filter(verb="yearrecord_delete").get()
    assert event.reason == "trùng" and event.actor.username == "officer_a"
    # a record of someone outside the scope is not found
    lan_record = api_as("admin").post(f"/api/v1/people/{people['lan'].pk}/history/yearrecord",
                                      {"year": 2024, "grade": "good"}).json()["id"]
    assert api.patch(f"/api/v1/history/yearrecord/{lan_record}", {"grade": "excellent",
                                                                  "reason": "x"}).status_code == 404
    assert api_as("leader_a").patch(f"/api/v1/history/award/{y2024['awards'][0]['id']}",
                                    {"authority": "x", "reason": "x"}).status_code == 403


def test_it_sets_collective_stats(api_as, org):
    api = api_as("officer_a")
    body = {"total": 20, "completed": 19, "ldtt": 15, "cstdcs": 3, "disciplined": 0}
    r = api.put("/api/v1/units/VA/stats/2024", body)
    assert r.status_code == 200 and r.json()["total"] == 20
    r = api.put("/api/v1/units/VA/stats/2024", {**body, "ldtt": 25})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "ldtt"
    assert api.get("/api/v1/units/VA/history").json()["years"][0]["stats"][0]["ldtt"] == 15
    assert api.put("/api/v1/units/VB/stats/2024", body).status_code == 404
    assert api_as("leader_a").put("/api/v1/units/VA/stats/2024", body).status_code == 403


def test_it_shows_clusters_and_party_orgs(api_as, org):
    api = api_as("council")
    clusters = api.get("/api/v1/clusters/").json()
    assert clusters == [{"code": "K1", "name": "Khối thi đua số I", "level": "ministry", "organizer": "BO",
                         "description": "", "n_members": 2}]
    year = api.get("/api/v1/clusters/K1").json()["years"][0]
    assert year["year"] == 2025 and year["head"]["code"] == "VA"
    assert [d["code"] for d in year["deputies"]] == ["VB"]
    r = api_as("cluster_head").put("/api/v1/clusters/K1/years/2026", {"members": ["VA"], "head": "VB"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "head"
    org_ = api.get("/api/v1/party-orgs/CBB").json()
    assert org_["parent"] == "DB" and org_["unit"] == "VB" and org_["kind"] == "cell"


def test_it_creates_a_root_unit_only_as_admin(api_as, org):
    body = {"code": "BO2", "name": "Bộ Tài chính", "kind": "ministry"}
    assert api_as("personnel_a").post("/api/v1/units/", body).status_code == 403
    assert api_as("admin").post("/api/v1/units/", body).status_code == 201
    assert Unit.objects.get(code="BO2").parent is None
