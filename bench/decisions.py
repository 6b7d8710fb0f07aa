"""Decisions of the commendation pipeline: `bench_decisions()` (called by harness.py, step `decisions`);
alone: `.venv/bin/python bench/decisions.py` (prints the figures as JSON).

A ministry-level unit of its own (`BENCH-DEC`) with 500 people, a closed council session whose 500
nominees passed for Bằng khen cấp bộ, and its leader; everything runs inside one transaction that is
rolled back at the end (nothing is left, not even the append-only fund entries):

- `decisions.draft_500_s`: `decision_draft` of the 500 passed nominees (citations, articles, the annex
  of 500 rows, the document drafted);
- `decisions.sign_500_s`: `decision_sign` (number, 500 awards written through `records.services.history_add`,
  500 proposals decided, audited);
- `decisions.pay_500_s`: `decision_pay_bonuses` (500 `fund.services.fund_pay_bonus`, each locking the
  owner-year row and deriving the balance).
"""
import datetime
import json
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
N = 500
CODE = "BENCH-DEC"


class _Rollback(Exception):
    pass


def bench_decisions() -> dict:
    from django.contrib.auth.models import User
    from django.db import transaction

    from thidua.accounts.models import RoleAssignment
    from thidua.commendations import decisions as dec
    from thidua.commendations.models import Council, Nominee, Proposal, Round, Session
    from thidua.common.context import Actor
    from thidua.common.scope import Scope
    from thidua.fund import services as fund
    from thidua.organizations import services as organizations
    from thidua.people import services as people

    actor, scope = Actor(user=None, request_id="bench-decisions"), Scope.system()
    today = datetime.date.today()
    figures = {}
    try:
        with transaction.atomic():
            root = organizations.unit_create(actor=actor, scope=scope, code=CODE, name="Bộ đo quyết định",
                                             kind="ministry")
            child = organizations.unit_create(actor=actor, scope=scope, code=CODE + "-1", name="Vụ đo quyết định",
                                              kind="department", parent=root)
            leader = User.objects.create_user(username="bench-dec-leader", password="x" * 16)
            RoleAssignment.objects.create(user=leader, role="leader", unit=root)
            persons = [people.person_create(actor=actor, scope=scope, citizen_id=f"0019{i:08d}",
                                            full_name=f"Người đo {i}", unit=child, staff_type="civil_servant",
                                            start=datetime.date(2015, 1, 1), position="Chuyên viên")
                       for i in range(N)]
            rnd = Round.objects.create(unit=root, name="Đợt đo", kind="year_end", year=2025, forms=["BK_BO"],
                                       opens_on=today, deadline=today, state="closed")
            council = Council.objects.create(unit=root, name="Hội đồng đo")
            session = Session.objects.create(council=council, round=rnd, meets_on=today, state="closed",
                                             members_total=5, present=5, ballots=5)
            props = Proposal.objects.bulk_create([
                Proposal(round=rnd, person=p, proposing_unit=child, form="BK_BO", year=2025, state="passed",
                         subject_name=p.full_name) for p in persons])
            Nominee.objects.bulk_create([Nominee(session=session, proposal=p, agree=5, result="passed")
                                         for p in props])
            fund.fund_contribute(actor=actor, scope=scope, owner=root, year=today.year, amount=10_000_000_000,
                                 counterparty="Đo", date=today)
            started = time.perf_counter()
            d = dec.decision_draft(actor=actor, scope=scope, session=session)
            figures["decisions.draft_500_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            d = dec.decision_sign(actor=actor, scope=scope, decision=d, signer=leader)
            figures["decisions.sign_500_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            dec.decision_pay_bonuses(actor=actor, scope=scope, decision=d, date=today)
            figures["decisions.pay_500_s"] = round(time.perf_counter() - started, 2)
            raise _Rollback
    except _Rollback:
        pass
    return figures


if __name__ == "__main__":
    sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    print(json.dumps(bench_decisions()))
