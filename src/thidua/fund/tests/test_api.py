"""/api/v1/fund/: bonus computation, ledger, settlement, entries; refusals and scope."""
import pytest
from django.test import Client

from thidua.accounts.services import api_token_create
from thidua.fund.models import FundEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(actor_of):
    def make(user):
        token = api_token_create(actor=actor_of(user), name="test")[1]
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return make


def test_it_computes_a_bonus_with_its_explanation(personas, api_as):
    answer = api_as(personas["officer_a"]).get("/api/v1/fund/bonus", {
        "award_code": "TTLDTT", "subject_kind": "collective", "decision_date": "2025-12-20", "count": 2})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["per_subject"] == 1_880_000 and body["total"] == 3_760_000 and body["coefficient"] == "0,8"
    assert body["explanation"].startswith("hệ số 0,8 × mức lương cơ sở 2.340.000 đ = 1.872.000 đ")
    bad = api_as(personas["officer_a"]).get("/api/v1/fund/bonus", {
        "award_code": "LDTT", "subject_kind": "individual", "decision_date": "2010-01-01"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] in ("award_code", "decision_date")
    capped = api_as(personas["officer_a"]).get("/api/v1/fund/bonus", {
        "award_code": "KNC_BO", "decision_date": "2025-12-20", "coefficient": "0,5"})
    assert capped.json()["total"] == 1_170_000


def test_the_officer_writes_and_reads_the_ledger_and_settlement(org, officer_bo, api_as):
    client = api_as(officer_bo)
    answer = client.post("/api/v1/fund/BO/2025/allocations", {
        "amount": 10_000_000, "cap_basis": "salary_fund", "basis_amount": 100_000_000, "date": "2025-01-10"},
        content_type="application/json")
    assert answer.status_code == 201, answer.content
    payment = {"decision_no": "15/QĐ-BTP", "decision_date": "2025-12-20", "decision_issuer": "BO",
               "award_code": "CSTDCS", "subjects": ["Nguyễn Văn Thắng"], "date": "2025-12-26"}
    answer = client.post("/api/v1/fund/BO/2025/bonus-payments", payment, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["amount"] == 2_340_000
    ledger = client.get("/api/v1/fund/BO/2025").json()
    assert ledger["balance"] == 7_660_000 and [e["kind"] for e in ledger["entries"]] == ["allocation", "bonus_payment"]
    settlement = client.get("/api/v1/fund/BO/2025/settlement").json()
    assert settlement["received"] == 10_000_000 and settlement["paid"] == 2_340_000 and settlement["closing"] == 7_660_000

    over = client.post("/api/v1/fund/BO/2025/bonus-payments", {**payment, "award_code": "CSTD_TQ",
                                                               "subjects": ["A", "B"]}, content_type="application/json")
    assert over.status_code == 422 and "không đủ chi" in over.json()["detail"][0]["message"]
    wrong = client.post("/api/v1/fund/BO/2025/bonus-payments", {**payment, "subjects": ["C"], "amount": 2_000_000},
                        content_type="application/json")
    assert wrong.status_code == 422 and "2.340.000 đ" in wrong.json()["detail"][0]["message"]
    other = client.post("/api/v1/fund/BO/2025/bonus-payments", {**payment, "subjects": ["D"],
                                                                "decision_issuer": "VA"}, content_type="application/json")
    assert other.status_code == 422 and other.json()["detail"][0]["field"] == "decision_issuer"
    cap = client.post("/api/v1/fund/BO/2025/allocations", {
        "amount": 10_000_001, "cap_basis": "salary_fund", "basis_amount": 100_000_000, "date": "2025-01-10"},
        content_type="application/json")
    assert cap.status_code == 422 and "vượt mức tối đa" in cap.json()["detail"][0]["message"]
    assert FundEntry.objects.count() == 2


def test_scope_404_and_403(org, personas, officer_bo, api_as):
    assert api_as(personas["officer_a"]).get("/api/v1/fund/BO/2025").status_code == 404
    assert api_as(personas["outsider"]).get("/api/v1/fund/VA/2025").status_code == 404
    assert api_as(personas["leader_a"]).get("/api/v1/fund/VA/2025").status_code == 200
    answer = api_as(personas["leader_a"]).post("/api/v1/fund/VA/2025/contributions", {
        "amount": 1000, "counterparty": "X"}, content_type="application/json")
    assert answer.status_code == 403
    assert api_as(personas["officer_a"]).get("/api/v1/fund/VA/1999").status_code == 422


def test_spendings_clawbacks_and_carry_over(org, officer_bo, api_as):
    client = api_as(officer_bo)
    post = lambda path, body: client.post(f"/api/v1/fund/BO/2025/{path}", body, content_type="application/json")  # noqa: E731
    assert post("contributions", {"amount": 10_000_000, "counterparty": "Công đoàn", "date": "2025-02-01"}).status_code == 201
    paid = post("bonus-payments", {"decision_no": "15/QĐ-BTP", "decision_date": "2025-12-20", "decision_issuer": "BO",
                                   "award_code": "LDTT", "subjects": ["A", "B"], "date": "2025-12-26"}).json()
    meeting = post("spendings", {"kind": "organising_cost", "amount": 2_500_000, "description": "Họp Hội đồng",
                                 "date": "2025-12-27"})
    assert meeting.status_code == 201 and meeting.json()["warning"].startswith("Cảnh báo")
    back = post("clawbacks", {"payment": paid["id"], "reason": "QĐ hủy bỏ 3/QĐ-BTP", "amount": 710_000,
                              "date": "2025-12-30"})
    assert back.status_code == 201 and back.json()["signed_amount"] == 710_000
    again = post("clawbacks", {"payment": paid["id"], "reason": "lần hai", "amount": 710_001, "date": "2025-12-30"})
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "amount"
    closed = post("carry-over", {})
    assert closed.status_code == 200 and closed.json()["carried"] == 10_000_000 - 1_420_000 - 2_500_000 + 710_000
    assert client.get("/api/v1/fund/BO/2026/settlement").json()["opening"] == closed.json()["carried"]
    twice = post("carry-over", {})
    assert twice.status_code == 422 and "đã được chuyển" in twice.json()["detail"][0]["message"]
