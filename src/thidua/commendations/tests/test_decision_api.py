"""The decision API: draft from the closed session, sign, certificates, bonuses, revoke; refusals are 422
with the rule in Vietnamese, out of scope is 404, and nothing is written by a refused call."""
import datetime

import pytest

from thidua.api.tests.conftest import ApiClient
from thidua.commendations.models import Decision
from thidua.fund import services as fund
from thidua.fund.models import FundEntry
from thidua.records.models import Award

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _message(r) -> str:
    return " ".join(e["message"] for e in r.json()["detail"])


def test_a_decision_through_the_api(actors, token_for, passed, org, ctx):
    a = ApiClient(token_for(actors["officer_a"]))
    sid = passed["session"].pk
    bad = a.post("/api/v1/commendations/decisions", {"session": sid, "proposals": [passed["ha"]]})
    assert bad.status_code == 422 and "Phạm Thu Hà" in _message(bad) and "thông qua" in _message(bad)
    r = a.post("/api/v1/commendations/decisions", {"session": sid})
    assert r.status_code == 201, r.content
    d = r.json()
    assert d["state"] == "draft" and d["number"] == "" and {row["form"] for row in d["rows"]} == {"LDTT", "CSTDCS"}
    did = d["id"]
    r = a.post(f"/api/v1/commendations/decisions/{did}/sign", {"signer": "officer_b"})
    assert r.status_code == 422 and "không có thẩm quyền ký" in _message(r)
    r = a.post(f"/api/v1/commendations/decisions/{did}/sign", {"signer": "khong-co"})
    assert r.status_code == 422 and "Không có tài khoản" in _message(r)
    r = a.post(f"/api/v1/commendations/decisions/{did}/sign", {"signer": "leader_a"})
    assert r.status_code == 200 and r.json()["number"] == "01/QĐ-VA" and r.json()["bonus_due"] == 3_050_000
    r = a.post(f"/api/v1/commendations/decisions/{did}/sign", {"signer": "leader_a"})
    assert r.status_code == 422 and "lần thứ hai" in _message(r)
    r = a.post(f"/api/v1/commendations/decisions/{did}/bonuses", {})
    assert r.status_code == 422 and "không đủ chi" in _message(r)
    fund.fund_contribute(**ctx("officer_a"), owner=org["VA"], year=TODAY.year, amount=5_000_000,
                         counterparty="Đóng góp", date=TODAY)
    row = next(x for x in r.json().get("rows", []) or a.get(f"/api/v1/commendations/decisions/{did}").json()["rows"]
               if x["form"] == "LDTT")
    r = a.post(f"/api/v1/commendations/decisions/{did}/bonuses", {"amounts": {str(row["id"]): 1}})
    assert r.status_code == 422 and "không khớp bảng tiền thưởng" in _message(r)
    r = a.post(f"/api/v1/commendations/decisions/{did}/bonuses", {"date": TODAY.isoformat()})
    assert r.status_code == 200 and r.json()["bonus_paid"] == 3_050_000
    r = a.post(f"/api/v1/commendations/decisions/{did}/certificates", {})
    assert r.status_code == 200 and r.json()["progress"][0].startswith("/tac-vu/")
    assert all(x["golden_book"] for x in a.get(f"/api/v1/commendations/decisions/{did}").json()["rows"])
    r = a.post(f"/api/v1/commendations/decisions/{did}/revoke", {"signer": "leader_a", "grounds_code": "fraud",
                                                                 "grounds": "   "})
    assert r.status_code == 422 and "Điều 93" in _message(r)
    r = a.post(f"/api/v1/commendations/decisions/{did}/revoke", {"signer": "leader_a", "grounds_code": "fraud",
                                                                 "grounds": "Kết luận thanh tra", "rows": [row["id"]]})
    assert r.status_code == 201 and r.json()["revokes"] == did and r.json()["flagged"]
    assert FundEntry.objects.filter(kind="clawback").count() == 1
    assert Award.objects.filter(revoked_on__isnull=False).count() == 1
    r = a.post(f"/api/v1/commendations/sessions/{sid}/papers/vote_count", {})
    assert r.status_code == 201 and r.json()["title"] == "Biên bản kiểm phiếu"


def test_out_of_scope_decisions_are_404_and_unchanged(actors, token_for, passed, ctx):
    from thidua.commendations import decisions as dec
    d = dec.decision_draft(**ctx("officer_a"), session=passed["session"])
    b = ApiClient(token_for(actors["officer_b"]))
    assert b.get(f"/api/v1/commendations/decisions/{d.pk}").status_code == 404
    assert b.post(f"/api/v1/commendations/decisions/{d.pk}/sign", {"signer": "leader_a"}).status_code == 404
    assert b.post("/api/v1/commendations/decisions", {"session": passed["session"].pk}).status_code == 404
    assert Decision.objects.count() == 1 and Decision.objects.get().state == "draft"
