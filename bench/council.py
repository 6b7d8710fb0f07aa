"""The council's ties and the public posting: `bench_council()` (called by harness.py, step `council`);
alone: `PYTHONPATH=src .venv/bin/python bench/council.py` (prints the figures as JSON).

A unit of its own (`BENCH-COUNCIL`, a district) with 200 people proposed for LĐTT, posted for public
comment, and a council of 15 voting members plus a secretary that passed all 200 unanimously under a cap
of 100: all 200 tie at the cap's edge (the scene is set with bulk rows and the services; only the figures
below are timed). Everything is removed afterwards.

- `council.public_posting_page_ms`: the public page of the 200-name posting (`/cong-khai/<token>/`, no
  login), Django test client, p95 of 30 requests after 3 warm-ups;
- `council.session_ties_page_ms`: the session page with 200 nominees tied at the cap (the ties section
  with its 200 names and the chair's decision form), as an admin, p95 of 30 requests after 3 warm-ups;
- `council.runoff_concurrent_errors` (PostgreSQL only): 15 members each send their second ballot twice at
  the same moment (30 threads released by a barrier, `runoff_cast`), repeated 20 times on a fresh second
  ballot; errors = receipts ≠ 15 + a candidate's tally ≠ the ballots that picked it + any other exception
  (target 0)."""
import datetime
import json
import os
import sys
import threading
import time
from pathlib import Path

from stats import percentile

if __name__ == "__main__":   # alone: set Django up as run.py does
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from thidua.accounts.models import RoleAssignment  # noqa: E402
from thidua.commendations import council as cs  # noqa: E402
from thidua.commendations import council_admin as ca  # noqa: E402
from thidua.commendations import services as svc  # noqa: E402
from thidua.commendations.models import (  # noqa: E402
    Council,
    Posting,
    Proposal,
    Round,
    Runoff,
    RunoffReceipt,
    Session,
)
from thidua.common.context import Actor  # noqa: E402
from thidua.common.scope import Scope  # noqa: E402
from thidua.organizations import services as organization_services  # noqa: E402
from thidua.organizations.models import Unit  # noqa: E402
from thidua.people.models import Person  # noqa: E402

ACTOR = Actor(user=None, request_id="bench-council")
SYSTEM = Scope.system()
W = {"actor": ACTOR, "scope": SYSTEM}
CODE, YEAR, NOMINEES, MEMBERS, REPEATS = "BENCH-COUNCIL", 2025, 200, 15, 20


def _cleanup() -> None:
    rounds = Round.objects.filter(unit__code=CODE)
    Session.objects.filter(round__in=rounds).delete()
    Council.objects.filter(unit__code=CODE).delete()
    Posting.objects.filter(round__in=rounds).delete()
    Proposal.objects.filter(round__in=rounds).delete()
    rounds.delete()
    Person.objects.filter(unit__code=CODE).delete()
    # the bench users stay (the audit names them) and are reused; their roles on the removed unit go
    RoleAssignment.objects.filter(user__username__startswith="bench_council_", unit__code=CODE).delete()
    Unit.objects.filter(code=CODE).delete()


def _scene() -> dict:
    unit = organization_services.unit_create(**W, code=CODE, name="Đơn vị đo Hội đồng", kind="district")
    people = Person.objects.bulk_create([
        Person(citizen_id=f"0990{i:08d}", full_name=f"Người đo {i:03d}", name_folded=f"nguoi do {i:03d}",
               unit=unit, unit_path=unit.path) for i in range(NOMINEES)])
    rnd = svc.round_create(**W, unit=unit, name="Bench: bình xét 2025", kind="year_end", year=YEAR, forms=["LDTT"],
                           deadline=datetime.date.today() + datetime.timedelta(days=20))
    rnd = svc.round_transition(**W, round=rnd, transition="publish")
    Proposal.objects.bulk_create([
        Proposal(round=rnd, person=p, proposing_unit=unit, form="LDTT", year=YEAR, state="appraised",
                 subject_name=p.full_name, created_by="bench") for p in people])
    proposals = list(Proposal.objects.filter(round=rnd))
    posting = svc.posting_create(**W, round=rnd, proposals=proposals, where="Cổng thông tin điện tử",
                                 starts_on=datetime.date.today())
    users = [User.objects.get_or_create(username=f"bench_council_{i:02d}")[0] for i in range(MEMBERS + 1)]
    for u in users:
        RoleAssignment.objects.create(user=u, role="council_member", unit=unit)
    admin = User.objects.get_or_create(username="bench_council_admin")[0]
    RoleAssignment.objects.get_or_create(user=admin, role="admin", unit=None)
    council = cs.council_create(**W, unit=unit, name="Hội đồng TĐKT (đo)")
    roles = ["chair"] + ["vice_chair"] * 2 + ["member"] * (MEMBERS - 3) + ["secretary"]
    members = [cs.council_member_add(**W, council=council, user=u, role=r, full_name=f"Thành viên {i + 1}")
               for i, (u, r) in enumerate(zip(users, roles, strict=True))]
    session = cs.session_create(**W, council=council, round=rnd, meets_on=datetime.date.today(),
                                caps={"LDTT": NOMINEES // 2})
    cs.session_agenda_add(**W, session=session, proposals=list(Proposal.objects.filter(round=rnd)))
    cs.session_attendance_set(**W, session=session, present=[m.pk for m in members if m.votes])
    cs.session_transition(**W, session=session, transition="open_vote")
    everyone = {str(p.pk): "agree" for p in proposals}
    for u in users[:MEMBERS]:
        cs.ballot_cast(actor=Actor(user=u), scope=_member_scope(u), session=session, choices=everyone)
    cs.session_transition(**W, session=session, transition="close_vote")
    return {"posting": posting, "session": Session.objects.get(pk=session.pk), "users": users[:MEMBERS],
            "admin": admin}


def _member_scope(user) -> Scope:
    from thidua.accounts.scope import scope_for_user

    return scope_for_user(user)


def _page_p95(client: Client, url: str) -> float:
    for _ in range(3):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(30):
        started = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200
    return percentile(times, 95)


def _runoff_errors(scene: dict) -> int:
    session, users = scene["session"], scene["users"]
    tied = list(session.nominees.filter(result="tie").values_list("proposal_id", flat=True))
    errors = 0
    for round_no in range(REPEATS):
        Runoff.objects.filter(session=session).delete()
        runoff = ca.runoff_open(**W, session=session, form="LDTT")
        picks = {u.pk: tied[(round_no + i) % len(tied):(round_no + i) % len(tied) + 1] for i, u in enumerate(users)}
        barrier = threading.Barrier(2 * len(users))
        outcomes = []

        def cast(user, barrier=barrier, runoff=runoff, picks=picks, outcomes=outcomes):
            try:
                barrier.wait()
                ca.runoff_cast(actor=Actor(user=user), scope=_member_scope(user), runoff=runoff, picks=picks[user.pk])
                outcomes.append("ok")
            except Exception as exc:  # noqa: BLE001 - counted
                outcomes.append("second" if "chỉ có một phiếu" in str(exc) else f"error: {exc}")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=cast, args=(u,)) for u in users for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        errors += sum(1 for o in outcomes if o.startswith("error"))
        errors += abs(RunoffReceipt.objects.filter(runoff=runoff).count() - len(users))
        expected = {}
        for p in picks.values():
            for pid in p:
                expected[pid] = expected.get(pid, 0) + 1
        got = {c.nominee.proposal_id: c.votes for c in runoff.candidates.select_related("nominee")}
        errors += sum(1 for pid, v in got.items() if v != expected.get(pid, 0))
    return errors


def bench_council() -> dict:
    _cleanup()
    try:
        scene = _scene()
        figures = {"council.public_posting_page_ms": round(_page_p95(
            Client(), f"/cong-khai/{scene['posting'].public_token}/"), 1)}
        client = Client()
        client.force_login(scene["admin"])
        page = client.get(f"/khen-thuong/phien-hop/{scene['session'].pk}/").content.decode()
        assert "200 người cùng 15 phiếu đồng ý cho 100 suất" in page, "the ties section is missing"
        figures["council.session_ties_page_ms"] = round(_page_p95(
            client, f"/khen-thuong/phien-hop/{scene['session'].pk}/"), 1)
        if connection.vendor == "postgresql":
            figures["council.runoff_concurrent_errors"] = _runoff_errors(scene)
        return figures
    finally:
        _cleanup()


if __name__ == "__main__":
    print(json.dumps(bench_council()))
