"""The commendation fund: `bench_fund()` (called by harness.py, step `fund`).

- `fund.bonus_compute_us`: one bonus computed by the pure rules (coefficient × dated base salary,
  rounded up to 10,000 đ), mean over 100,000 calls;
- `fund.pay_bonus_ms`: median time of one `fund_pay_bonus` (lock the owner-year row, derive the balance
  from the ledger, append, audit) on a ledger that already holds 2,000 entries;
- `fund.ledger_page_ms`: median server time of the ledger page of those 2,000 entries (Django test Client);
- `fund.concurrent_overspend` (PostgreSQL only): 8 threads pay at the same moment, 20 rounds, against a
  balance that fits 2 payments per round; payments accepted beyond the balance (must be 0).

A unit of its own (`BENCH-FUND`) holds the ledgers; they are removed afterwards through
`fund.services.fund_purge_demo` (the operator's scope), then the unit."""
import datetime
import statistics
import threading
import time

from django.contrib.auth.models import User
from django.db import connection, connections
from django.test import Client

from thidua.accounts.models import RoleAssignment
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.fund import selectors as fund_selectors
from thidua.fund import services as fund_services
from thidua.fund.models import FundYear
from thidua.organizations import services as organization_services
from thidua.organizations.models import Unit
from thidua.rules import bonus

ACTOR = Actor(user=None, request_id="bench-fund")
SYSTEM = Scope.system()
CODE = "BENCH-FUND"
D = datetime.date


def _bonus_compute_us(n: int = 100_000) -> float:
    days = [D(2024, 1, 1) + datetime.timedelta(days=i % 900) for i in range(n)]
    started = time.perf_counter()
    for day in days:
        bonus.compute_bonus(code="CSTDCS", decision_date=day)
    return (time.perf_counter() - started) / n * 1e6


def _pay(owner, year, i):
    return fund_services.fund_pay_bonus(actor=ACTOR, scope=SYSTEM, owner=owner, year=year, decision_no=f"{i}/QĐ-BENCH",
                                        decision_date=D(2025, 12, 20), decision_issuer=owner, award_code="LDTT",
                                        subject_kind="individual", subjects=[f"Người {i}"], date=D(2025, 12, 26))


def _big_ledger(owner) -> tuple[float, float]:
    fund_services.fund_allocate(actor=ACTOR, scope=SYSTEM, owner=owner, year=2025, amount=2_000_000_000,
                                cap_basis="salary_fund", basis_amount=10_000_000_000, date=D(2025, 1, 2))
    for i in range(1999):
        _pay(owner, 2025, i)
    times = []
    for i in range(2000, 2050):
        started = time.perf_counter()
        _pay(owner, 2025, i)
        times.append(time.perf_counter() - started)
    user, _ = User.objects.get_or_create(username="bench-fund-admin", defaults={"is_superuser": True})
    user.is_superuser = True
    user.save()
    RoleAssignment.objects.get_or_create(user=user, role="admin")
    client = Client()
    client.force_login(user)
    page_times = []
    for _ in range(7):
        started = time.perf_counter()
        answer = client.get(f"/quy/{CODE}/2025/")
        page_times.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.status_code
    user.delete()
    return statistics.median(times) * 1000, statistics.median(page_times) * 1000


def _concurrent_overspend(owner, rounds: int = 20, threads: int = 8) -> int:
    over = 0
    for r in range(rounds):
        year = 2030 + r
        fund_services.fund_allocate(actor=ACTOR, scope=SYSTEM, owner=owner, year=year, amount=1_500_000,
                                    cap_basis="salary_fund", basis_amount=100_000_000, date=D(year, 1, 2))
        barrier = threading.Barrier(threads)

        def pay(i, year=year, barrier=barrier):
            try:
                barrier.wait()
                fund_services.fund_pay_bonus(actor=ACTOR, scope=SYSTEM, owner=owner, year=year,
                                             decision_no=f"{i}/QĐ", decision_date=D(year, 1, 3),
                                             decision_issuer=owner, award_code="LDTT", subject_kind="individual",
                                             subjects=[f"Người {i}"], date=D(year, 1, 5))
            except Exception:  # noqa: BLE001 - a refusal is the expected answer past the balance
                pass
            finally:
                connections.close_all()

        workers = [threading.Thread(target=pay, args=(i,)) for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        balance = fund_selectors.balance_of(FundYear.objects.get(owner=owner, year=year))
        over += 1 if balance < 0 else 0
        paid = 1_500_000 - balance
        over += max(0, paid // 710_000 - 2)
    return over


def _cleanup() -> None:
    units = Unit.objects.filter(code=CODE)
    if units.exists():
        fund_services.fund_purge_demo(actor=ACTOR, scope=SYSTEM, owners=units)
        units.delete()


def bench_fund() -> dict:
    _cleanup()
    owner = organization_services.unit_create(actor=ACTOR, scope=SYSTEM, code=CODE, name="Đơn vị đo quỹ",
                                              kind="ministry")
    try:
        figures = {"fund.bonus_compute_us": round(_bonus_compute_us(), 2)}
        pay_ms, page_ms = _big_ledger(owner)
        figures["fund.pay_bonus_ms"] = round(pay_ms, 2)
        figures["fund.ledger_page_ms"] = round(page_ms, 1)
        if connection.vendor == "postgresql":
            figures["fund.concurrent_overspend"] = _concurrent_overspend(owner)
        return figures
    finally:
        _cleanup()
