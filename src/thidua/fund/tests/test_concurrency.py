"""Two officers paying at the same moment cannot both spend the same money (PostgreSQL: the owner-year
row is locked with SELECT … FOR UPDATE before the balance is read)."""
import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from thidua.fund import selectors as sel
from thidua.fund import services as svc
from thidua.fund.models import FundEntry, FundYear

D = datetime.date
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises writers)"),
]
THREADS = 8


def test_concurrent_payments_never_pass_the_balance(org, fund_writer):
    owner = org["BO"]
    # 5,000,000 đ: two CSTĐCS bonuses (2,340,000 each) fit, the third does not
    svc.fund_allocate(**fund_writer, owner=owner, year=2025, amount=5_000_000, cap_basis="salary_fund",
                      basis_amount=1_000_000_000, date=D(2025, 1, 2))
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def pay(i):
        try:
            barrier.wait()
            svc.fund_pay_bonus(**fund_writer, owner=owner, year=2025, decision_no=f"{i}/QĐ-BTP",
                               decision_date=D(2025, 12, 20), decision_issuer=owner, award_code="CSTDCS",
                               subject_kind="individual", subjects=[f"Người {i}"], date=D(2025, 12, 26))
            outcomes.append("paid")
        except ValidationError as error:
            outcomes.append(" ".join(error.message_dict.get("amount", ["?"])))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("paid") == 2, outcomes
    assert all("không đủ chi" in o for o in outcomes if o != "paid"), outcomes
    ledger = FundYear.objects.get(owner=owner, year=2025)
    assert sel.balance_of(ledger) == 5_000_000 - 2 * 2_340_000
    assert FundEntry.objects.filter(kind="bonus_payment").count() == 2


def test_concurrent_first_writes_create_one_ledger(org, fund_writer):
    owner = org["BO"]
    barrier = threading.Barrier(THREADS)
    errors = []

    def give(i):
        try:
            barrier.wait()
            svc.fund_contribute(**fund_writer, owner=owner, year=2027, amount=1_000_000, counterparty=f"Đơn vị {i}",
                                date=D(2027, 3, 1))
        except Exception as error:  # noqa: BLE001 - any failure is the test's answer
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=give, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert FundYear.objects.filter(owner=owner, year=2027).count() == 1
    assert sel.balance_of(FundYear.objects.get(owner=owner, year=2027)) == THREADS * 1_000_000
