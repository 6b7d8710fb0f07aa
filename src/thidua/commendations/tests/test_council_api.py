"""The council API: councils and members, posting comments and the public list, ties at a cap; refusals as
field errors, out-of-scope callers answered 404 (or 403 when they see but may not write), nothing written."""
import datetime

import pytest
from django.test import Client

from thidua.api.tests.conftest import ApiClient
from thidua.audit.models import AuditEvent
from thidua.commendations import council as cs
from thidua.commendations import services as svc
from thidua.commendations.models import CouncilMember, PostingComment, Proposal, Runoff, Session

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _err(r) -> str:
    return " ".join(d["message"] for d in r.json()["detail"]) if isinstance(r.json().get("detail"), list) \
        else r.json()["detail"]


def test_councils_and_members_through_the_api(actors, token_for, org):
    a = ApiClient(token_for(actors["officer_a"]))
    r = a.post("/api/v1/commendations/councils", {"unit": "VA", "name": "Hội đồng TĐKT Vụ", "term": "2021–2026"})
    assert r.status_code == 201 and r.json()["complete"] is False and "thiếu Chủ tịch Hội đồng" in r.json()["gaps"]
    cid = r.json()["id"]
    url = f"/api/v1/commendations/councils/{cid}/members"
    assert a.post(url, {"username": "m1", "role": "chair"}).status_code == 201
    r = a.post(url, {"username": "m2", "role": "chair"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "role"
    assert "chỉ có một Chủ tịch" in _err(r)
    r = a.post(url, {"username": "ai-do", "role": "member"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "username"
    assert a.post(url, {"username": "m2", "role": "boss"}).status_code == 422
    for u, role in (("m2", "vice_chair"), ("m3", "member"), ("m4", "member"), ("m5", "member"),
                    ("thuky", "secretary")):
        assert a.post(url, {"username": u, "role": role}).status_code == 201
    c = a.get(f"/api/v1/commendations/councils/{cid}").json()
    assert c["complete"] is True and c["gaps"] == [] and len(c["members"]) == 6
    m5 = next(m for m in c["members"] if m["full_name"] == actors["m5"].get_full_name() or m["role"] == "member")
    r = a.post(f"{url}/{m5['id']}/remove", {"reason": "Chuyển công tác"})
    assert r.status_code == 200 and r.json()["active"] is False
    # out of scope: the lower unit's officer does not see the council, a member may not change it
    pa1 = ApiClient(token_for(actors["officer_pa1"]))
    before = AuditEvent.objects.count()
    assert pa1.get(f"/api/v1/commendations/councils/{cid}").status_code == 404
    assert pa1.post(url, {"username": "officer_b", "role": "member"}).status_code == 404
    assert pa1.post("/api/v1/commendations/councils", {"unit": "VA", "name": "X"}).status_code in (403, 404)
    assert AuditEvent.objects.count() == before and CouncilMember.objects.count() == 6


def test_comments_and_the_public_list(actors, token_for, propose, staff, ctx, rnd):
    p = propose("LDTT", staff["minh"])
    for t in ("receive", "appraise"):
        svc.proposal_transition(**ctx("officer_a"), proposal=p, transition=t)
    post = svc.posting_create(**ctx("officer_a"), round=rnd, proposals=[p], where="Cổng TTĐT", starts_on=TODAY)
    a = ApiClient(token_for(actors["officer_a"]))
    url = f"/api/v1/commendations/postings/{post.pk}/comments"
    late = (post.ends_on + datetime.timedelta(days=3)).isoformat()
    r = a.post(url, {"proposal": p.pk, "author": "Trần B", "text": "Muộn", "received_on": late})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "received_on"
    assert "ngoài thời gian lấy ý kiến" in _err(r)
    r = a.post(url, {"proposal": p.pk, "author": "Trần B", "text": "Đồng ý", "received_on": TODAY.isoformat()})
    assert r.status_code == 201 and r.json()["subject_name"] == "Lê Văn Minh"
    assert [c["text"] for c in a.get(url).json()] == ["Đồng ý"]
    pa1 = ApiClient(token_for(actors["officer_pa1"]))
    assert pa1.post(url, {"text": "x", "received_on": TODAY.isoformat()}).status_code == 404
    member = ApiClient(token_for(actors["m1"]))   # sees the level's posting, may not record comments
    assert [c["text"] for c in member.get(url).json()] == ["Đồng ý"]
    assert member.post(url, {"text": "x", "received_on": TODAY.isoformat()}).status_code == 403
    assert PostingComment.objects.count() == 1
    assert ApiClient(token_for(actors["officer_b"])).get(url).status_code == 404
    public = Client().get(f"/api/v1/commendations/public/postings/{post.public_token}")
    assert public.status_code == 200
    body = public.json()
    assert body["nominees"] == [{"name": "Lê Văn Minh", "form": "Lao động tiên tiến", "unit": "Phòng Tổng hợp"}]
    assert staff["minh"].citizen_id not in public.content.decode() and "Đồng ý" not in public.content.decode()
    assert Client().get("/api/v1/commendations/public/postings/khong-co").status_code == 404


def test_a_tie_through_the_api(actors, token_for, agenda, council, ctx):
    s = agenda["session"]
    Session.objects.filter(pk=s.pk).update(caps={"LDTT": 1})
    cs.session_attendance_set(**ctx("officer_a"), session=s, present=[m.pk for m in council["members"]])
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    ids = [str(p.pk) for p in agenda["proposals"]]
    for i in range(1, 6):
        cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={k: "agree" for k in ids})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    minh, _, ha = (p.pk for p in agenda["proposals"])
    a = ApiClient(token_for(actors["officer_a"]))
    ties = a.get(f"/api/v1/commendations/ties/{s.pk}").json()
    assert [(t["form"], t["seats"], len(t["nominees"])) for t in ties] == [("LDTT", 1, 2)]
    assert a.post(f"/api/v1/commendations/ties/{s.pk}/CSTDCS/runoff", {}).status_code == 422
    r = a.post(f"/api/v1/commendations/ties/{s.pk}/LDTT/runoff", {})
    assert r.status_code == 201
    rid = r.json()["id"]
    m = [ApiClient(token_for(actors[f"m{i}"])) for i in range(1, 6)]
    r = m[0].post(f"/api/v1/commendations/runoffs/{rid}/ballot", {"picks": [minh, ha]})
    assert r.status_code == 422 and "tối đa 1 người" in _err(r)
    assert ApiClient(token_for(actors["officer_pa1"])).post(
        f"/api/v1/commendations/runoffs/{rid}/ballot", {"picks": [minh]}).status_code == 404
    for i, client in enumerate(m[:4]):
        assert client.post(f"/api/v1/commendations/runoffs/{rid}/ballot",
                           {"picks": [minh] if i % 2 else [ha]}).status_code == 204
    assert m[0].post(f"/api/v1/commendations/runoffs/{rid}/ballot", {"picks": []}).status_code == 422
    # the second-ballot tally is not given while it runs
    assert all(n["runoff_votes"] is None for n in a.get(f"/api/v1/commendations/ties/{s.pk}").json()[0]["nominees"])
    sec = ApiClient(token_for(actors["secretary"]))
    member5 = council["members"][4].pk
    assert a.post(f"/api/v1/commendations/runoffs/{rid}/paper", {"member": member5, "picks": []}).status_code == 403
    assert sec.post(f"/api/v1/commendations/runoffs/{rid}/paper", {"member": member5, "picks": []}).status_code == 204
    r = a.post(f"/api/v1/commendations/runoffs/{rid}/close", {})
    assert r.status_code == 200 and r.json()["state"] == Runoff.TIED
    r = a.post(f"/api/v1/commendations/ties/{s.pk}/LDTT/decide", {"selected": [ha], "reason": "x"})
    assert r.status_code == 403
    chair = m[0]
    r = chair.post(f"/api/v1/commendations/ties/{s.pk}/LDTT/decide", {"selected": [], "reason": "x"})
    assert r.status_code == 422 and "đúng 1 người" in _err(r)
    r = chair.post(f"/api/v1/commendations/ties/{s.pk}/LDTT/decide",
                   {"selected": [ha], "reason": "Hội đồng thống nhất"})
    assert r.status_code == 200 and r.json() == []
    assert Proposal.objects.get(pk=ha).state == "passed" and Proposal.objects.get(pk=minh).state == "failed"
