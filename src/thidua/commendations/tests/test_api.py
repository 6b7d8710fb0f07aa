"""The commendation API: a round from proposal to the council's result, refusals as field errors."""
import datetime

import pytest

from thidua.api.tests.conftest import ApiClient
from thidua.commendations.models import BallotReceipt, Session

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_it_runs_a_round_through_the_api(actors, token_for, org, staff, council):
    a = ApiClient(token_for(actors["officer_a"]))
    pa1 = ApiClient(token_for(actors["officer_pa1"]))
    r = a.post("/api/v1/commendations/rounds", {"unit": "VA", "name": "Tổng kết 2025", "kind": "year_end",
                                                "year": 2025, "forms": ["LDTT", "CSTDCS"],
                                                "deadline_working_days": 10})
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    assert a.post(f"/api/v1/commendations/rounds/{rid}/publish", {}).json()["state"] == "open"
    bulk = pa1.post(f"/api/v1/commendations/rounds/{rid}/proposals/bulk", {"unit": "PA1", "forms": ["LDTT"]})
    assert bulk.status_code == 200 and bulk.json()["created"] == 2
    bad = pa1.post(f"/api/v1/commendations/rounds/{rid}/proposals",
                   {"unit": "PA1", "form": "LDTT", "person_id": staff["tùng"].pk})
    assert bad.status_code == 422 and "đang bị xem xét kỷ luật" in bad.json()["detail"][0]["message"]
    one = pa1.post(f"/api/v1/commendations/rounds/{rid}/proposals",
                   {"unit": "PA1", "form": "CSTDCS", "person_id": staff["minh"].pk})
    assert one.status_code == 201 and one.json()["eligible"] is True and one.json()["regime"] == "2022"
    props = a.get(f"/api/v1/commendations/rounds/{rid}/proposals").json()
    assert len(props) == 3
    for p in props:
        for t in ("receive", "appraise"):
            assert a.post(f"/api/v1/commendations/proposals/{p['id']}/{t}", {}).status_code == 200
    ret = a.post(f"/api/v1/commendations/proposals/{props[0]['id']}/return", {"reason": ""})
    assert ret.status_code == 422
    councils = a.get("/api/v1/commendations/councils").json()
    assert [c["name"] for c in councils] == ["Hội đồng Thi đua – Khen thưởng Vụ"]
    members = [m["id"] for m in councils[0]["members"] if m["votes"]]
    created = a.post("/api/v1/commendations/sessions", {"council": councils[0]["id"], "round": rid,
                                                        "meets_on": TODAY.isoformat(), "caps": {"LDTT": 10}})
    assert created.status_code == 201, created.content
    s = Session.objects.get(pk=created.json()["id"])
    assert s.caps == {"LDTT": 10}
    agenda = a.post(f"/api/v1/commendations/sessions/{s.pk}/agenda", {"proposals": [p["id"] for p in props]})
    assert agenda.status_code == 200 and len(agenda.json()["nominees"]) == 3
    no_quorum = a.post(f"/api/v1/commendations/sessions/{s.pk}/open_vote", {})
    assert no_quorum.status_code == 422 and "Chưa đủ số thành viên" in no_quorum.json()["detail"][0]["message"]
    present = a.post(f"/api/v1/commendations/sessions/{s.pk}/attendance", {"present": members[:4],
                                                                           "written": members[4:]})
    assert present.json()["present"] == 4 and present.json()["written"] == 1
    assert a.post(f"/api/v1/commendations/sessions/{s.pk}/open_vote", {}).json()["state"] == "voting"
    secretary = ApiClient(token_for(actors["secretary"]))
    written = secretary.post(f"/api/v1/commendations/sessions/{s.pk}/paper-ballots", {
        "how": "written", "members": members[4:],
        "ballots": [{"votes": [{"proposal": p["id"], "choice": "agree"} for p in props]}]})
    assert written.status_code == 204, written.content
    for i in range(1, 5):
        m = ApiClient(token_for(actors[f"m{i}"]))
        assert m.post(f"/api/v1/commendations/sessions/{s.pk}/ballot",
                      {"votes": [{"proposal": p["id"], "choice": "agree"} for p in props]}).status_code == 204
    again = m.post(f"/api/v1/commendations/sessions/{s.pk}/ballot", {"votes": []})
    assert again.status_code == 422 and "đã bỏ phiếu" in again.json()["detail"][0]["message"]
    outsider = ApiClient(token_for(actors["officer_b"]))
    assert outsider.post(f"/api/v1/commendations/sessions/{s.pk}/ballot", {"votes": []}).status_code == 404
    voting = a.get(f"/api/v1/commendations/sessions/{s.pk}").json()
    assert voting["ballots"] == 5 and all(n["agree"] is None for n in voting["nominees"])
    closed = a.post(f"/api/v1/commendations/sessions/{s.pk}/close_vote", {}).json()
    assert {n["result"] for n in closed["nominees"]} == {"passed"} and closed["nominees"][0]["agree"] == 5
    assert BallotReceipt.objects.count() == 5


def test_bad_round_input_is_a_vietnamese_field_error(actors, token_for, org):
    a = ApiClient(token_for(actors["officer_a"]))
    r = a.post("/api/v1/commendations/rounds", {"unit": "VA", "name": "X", "kind": "year_end", "year": 2025,
                                                "forms": ["LDTT"]})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "deadline"
    r = a.post("/api/v1/commendations/rounds", {"unit": "NOPE", "name": "X", "kind": "year_end", "year": 2025,
                                                "forms": ["LDTT"], "deadline": "2099-01-01"})
    assert r.status_code == 422
    r = ApiClient(token_for(actors["officer_b"])).post("/api/v1/commendations/rounds", {
        "unit": "VA", "name": "X", "kind": "year_end", "year": 2025, "forms": ["LDTT"], "deadline": "2099-01-01"})
    assert r.status_code == 403


def test_out_of_scope_objects_are_404_and_writes_change_nothing(actors, token_for, agenda, rnd):
    from thidua.audit.models import AuditEvent
    p, s = agenda["proposals"][0], agenda["session"]
    for who in ("outsider", "officer_b", "staff"):
        api = ApiClient(token_for(actors[who]))
        before = AuditEvent.objects.count()
        assert api.get(f"/api/v1/commendations/proposals/{p.pk}").status_code == 404
        assert api.get(f"/api/v1/commendations/sessions/{s.pk}").status_code == 404
        assert api.post(f"/api/v1/commendations/proposals/{p.pk}/return",
                        {"reason": "x", "reason_code": "violation"}).status_code == 404
        assert api.post(f"/api/v1/commendations/rounds/{rnd.pk}/close", {}).status_code in (403, 404)
        assert api.post(f"/api/v1/commendations/sessions/{s.pk}/open_vote", {}).status_code == 404
        assert "Lê Văn Minh" not in api.get("/api/v1/commendations/rounds").content.decode()
        assert AuditEvent.objects.count() == before
