"""The demo's commendation fund: the Ministry of Justice (BTP) holds one, written through the fund services.

2025: allocation within its cap, a contribution, the bonuses of the year-end decision (computed from the
tables), award objects, the year-end meeting, then the balance carried over to 2026; 2026: allocation and
the bonuses of a January decision. The demo login `thiduabo` (emulation officer of BTP) writes it."""
import datetime

from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.fund import services as fund_services
from thidua.organizations.models import Unit
from thidua.people.models import Person

D = datetime.date


def build_fund(owner: Unit, *, actor: Actor, scope: Scope) -> None:
    people = list(Person.objects.filter(unit_path__startswith=owner.path).order_by("sort_key")
                  .values_list("full_name", flat=True)[:13])
    write = {"actor": actor, "scope": scope, "owner": owner}
    fund_services.fund_allocate(**write, year=2025, amount=300_000_000, cap_basis="salary_fund",
                                basis_amount=2_000_000_000, date=D(2025, 1, 20),
                                description="Dự toán năm 2025 giao cho quỹ thi đua, khen thưởng")
    fund_services.fund_contribute(**write, year=2025, amount=20_000_000, counterparty="Công đoàn Bộ Tư pháp",
                                  date=D(2025, 3, 10))
    decision = {"decision_no": "125/QĐ-BTP", "decision_date": D(2025, 12, 22), "decision_issuer": owner,
                "date": D(2025, 12, 29)}
    if people:
        fund_services.fund_pay_bonus(**write, year=2025, **decision, award_code="CSTDCS",
                                     subject_kind="individual", subjects=people[:3])
        fund_services.fund_pay_bonus(**write, year=2025, **decision, award_code="LDTT",
                                     subject_kind="individual", subjects=people[3:13] or people[:1])
    fund_services.fund_spend(**write, year=2025, kind="artifact_cost", amount=4_500_000,
                             description="In giấy chứng nhận, làm khung", date=D(2025, 12, 30))
    fund_services.fund_spend(**write, year=2025, kind="organising_cost", amount=15_000_000,
                             description="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
                             date=D(2025, 12, 30))
    fund_services.fund_carry_over(**write, year=2025)
    fund_services.fund_allocate(**write, year=2026, amount=250_000_000, cap_basis="salary_fund",
                                basis_amount=2_100_000_000, date=D(2026, 1, 15))
    if people:
        fund_services.fund_pay_bonus(**write, year=2026, decision_no="08/QĐ-BTP", decision_date=D(2026, 1, 20),
                                     decision_issuer=owner, date=D(2026, 1, 27), award_code="BK_BO",
                                     subject_kind="individual", subjects=people[:2])
