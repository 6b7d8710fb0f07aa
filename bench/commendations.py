"""Benchmarks of the commendation pipeline (issue 13): `make bench` calls `bench_awards_child` from
harness.py; alone: `.venv/bin/python bench/commendations.py` (prints the figures as JSON).

Runs in a child process on a PostgreSQL database of its own (`thidua_commendations_bench` on the server of
THIDUA_DATABASE_URL, created when missing), never on the harness's database:

- `awards.propose_eligible_5k_s`: a 5,000-person scope (`thidua generate --people 5000 --units 100`; its
  root set to a district, whose chairman confers LĐTT and CSTĐCS, Luật 2022 Điều 80; the 2025 LĐTT and
  CSTĐCS already generated are removed so they can be proposed): one `proposal_bulk_create` for LĐTT and
  CSTĐCS, each frozen answer stored. Wall time of the call (target ≤ 5 s).
- `awards.council_page_200_ms`: the council's session page (`/khen-thuong/phien-hop/<id>/`) with 200
  nominees, their papers' links and the live count of ballots, as the level's officer, in process (Django
  test client), p95 of 30 requests after 3 warm-ups (target ≤ 200 ms).
- `awards.ballot_concurrent_errors`: `thidua serve` (granian) on that database; 15 council members
  each send their ballot on the 200 nominees twice at the same moment (30 requests released together by
  a barrier, Bearer tokens on POST /api/v1/commendations/sessions/<id>/ballot), repeated 50 times; between
  rounds the receipts and tallies are cleared. Errors = lost or double ballots (receipts ≠ 15, or a
  nominee's tally ≠ the sum of the choices sent) + 5xx answers + answers other than 204/422 (target 0).
"""
import datetime
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DB_NAME = "thidua_commendations_bench"
PEOPLE, UNITS = 5000, 100
MEMBERS, NOMINEES, REPEATS = 15, 200, 50
YEAR = 2025


def _bench_url() -> str | None:
    url = os.environ.get("THIDUA_DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    parts = urlsplit(url)
    env = dict(os.environ, PGPASSWORD=parts.password or "")
    conn = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    subprocess.run(["createdb", *conn, DB_NAME], env=env, capture_output=True, check=False)  # exists: fine
    return urlunsplit(parts._replace(path="/" + DB_NAME))


def bench_awards_child(figures: dict, meta: dict) -> None:
    """The harness step: run this file in a child process on its own database and merge its figures."""
    url = _bench_url()
    if url is None:
        meta["skipped"]["awards"] = "needs PostgreSQL (THIDUA_DATABASE_URL=postgres://…)"
        return
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(Path(__file__))], env=dict(os.environ, THIDUA_DATABASE_URL=url),
                          capture_output=True, text=True, check=False)
    out = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not out:
        meta["errors"]["awards"] = {"error": f"child exited {proc.returncode}", "stderr": proc.stderr[-3000:]}
        return
    child = json.loads(out[-1])
    figures.update(child["figures"])
    meta["external"]["awards"] = {**child["meta"], "database": DB_NAME,
                                  "child_wall_s": round(time.perf_counter() - started, 1)}


# --- the child -------------------------------------------------------------------------------------------


def _setup():
    sys.path[:0] = [str(BENCH_DIR), str(ROOT / "src")]
    # the server started by pages._start_server runs this checkout's code, not an installed copy
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()


def _data(meta: dict):
    from django.core.management import call_command

    from thidua.organizations.models import Unit
    from thidua.people.models import Person
    from thidua.records.models import Award
    from thidua.synth.generate import CCCD_PREFIX, Generator

    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.filter(citizen_id__startswith=CCCD_PREFIX).count() != PEOPLE:
        _clear()
        Generator(people=PEOPLE, years=10, units=UNITS, seed=1, progress=False).run()
    root = Unit.objects.get(depth=0, code__startswith="G-")
    Unit.objects.filter(pk=root.pk).update(kind="district")
    removed = Award.objects.filter(year=YEAR, code__in=["LDTT", "CSTDCS"]).delete()[0]
    meta["data"] = {"people": PEOPLE, "units": Unit.objects.count(), "root": "district (set by the bench)",
                    "removed_2025_ldtt_cstdcs": removed}
    return Unit.objects.get(pk=root.pk)


def _clear():
    from thidua.commendations.models import Council, Posting, Proposal, Round, Session

    Session.objects.all().delete()
    Council.objects.all().delete()
    Proposal.objects.all().delete()
    Posting.objects.all().delete()
    Round.objects.all().delete()


def _users(root):
    from django.contrib.auth.models import User

    from thidua.accounts.models import RoleAssignment
    from thidua.accounts.services import api_token_create
    from thidua.common.context import Actor

    officer, _ = User.objects.get_or_create(username="bench_awards_officer")
    RoleAssignment.objects.get_or_create(user=officer, role="emulation_officer", unit=root)
    members, tokens = [], []
    for i in range(MEMBERS):
        user, _ = User.objects.get_or_create(username=f"bench_member_{i:02d}")
        RoleAssignment.objects.get_or_create(user=user, role="council_member", unit=root)
        members.append(user)
        tokens.append(api_token_create(actor=Actor(user=user), name="bench")[1])
    return officer, members, tokens


def propose(root, figures: dict, meta: dict):
    from thidua.commendations import services as svc
    from thidua.commendations.models import Proposal
    from thidua.common.context import Actor
    from thidua.common.scope import Scope

    w = {"actor": Actor(user=None, request_id="bench"), "scope": Scope.system()}
    rnd = svc.round_create(**w, unit=root, name="Bench: tổng kết năm 2025", kind="year_end", year=YEAR,
                           forms=["LDTT", "CSTDCS"], deadline=datetime.date.today() + datetime.timedelta(days=30))
    rnd = svc.round_transition(**w, round=rnd, transition="publish")
    started = time.perf_counter()
    out = svc.proposal_bulk_create(**w, round=rnd, proposing_unit=root, forms=["LDTT", "CSTDCS"])
    seconds = time.perf_counter() - started
    stored = Proposal.objects.filter(round=rnd, answer__answer__eligible=True).count()
    figures["awards.propose_eligible_5k_s"] = round(seconds, 2)
    meta["propose"] = {"created": out["created"], "skipped": len(out["skipped"]), "frozen_answers_stored": stored,
                       "by_form": {f: Proposal.objects.filter(round=rnd, form=f).count() for f in ("LDTT", "CSTDCS")}}
    return rnd, w


def council(rnd, w, officer, members):
    from thidua.commendations import council as cs
    from thidua.commendations.models import Proposal

    c = cs.council_create(**w, unit=rnd.unit, name="Hội đồng TĐKT (bench)")
    # a council sits only when complete (one chair, a secretary): the last member is also its secretary
    roles = ["chair"] + ["vice_chair"] * 2 + ["member"] * (MEMBERS - 4) + ["member_secretary"]
    cmembers = [cs.council_member_add(**w, council=c, user=u, role=r, full_name=f"Thành viên {i + 1}")
                for i, (u, r) in enumerate(zip(members, roles, strict=True))]
    picked = list(Proposal.objects.filter(round=rnd).order_by("pk")[:NOMINEES])
    # the routing steps are measured by the tests; here they only set the scene
    Proposal.objects.filter(pk__in=[p.pk for p in picked]).update(state="appraised")
    session = cs.session_create(**w, council=c, round=rnd, meets_on=rnd.opens_on)
    cs.session_attendance_set(**w, session=session, present=[m.pk for m in cmembers])
    cs.session_agenda_add(**w, session=session, proposals=list(Proposal.objects.filter(pk__in=[p.pk for p in picked])))
    cs.session_transition(**w, session=session, transition="open_vote")
    return session


def page(session, officer, figures: dict, meta: dict) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from stats import percentile

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(officer)
    url = f"/khen-thuong/phien-hop/{session.pk}/"
    for _ in range(3):
        client.get(url)
    times = []
    for _ in range(30):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    figures["awards.council_page_200_ms"] = round(percentile(times, 95), 1)
    meta["council_page"] = {"url": url, "status": response.status_code, "bytes": len(response.content),
                            "queries": len(ctx.captured_queries), "median_ms": round(percentile(times, 50), 1)}


def ballots(session, tokens, figures: dict, meta: dict) -> None:
    import pages
    import requests

    from thidua.commendations.models import BallotReceipt, Nominee, Session

    nominees = list(Nominee.objects.filter(session=session).values_list("proposal_id", flat=True))
    port = pages._free_port()
    server = pages._start_server(port)
    url = f"http://127.0.0.1:{port}/api/v1/commendations/sessions/{session.pk}/ballot"
    rng = random.Random(1)
    errors, statuses, wall = 0, {}, []
    try:
        for _ in range(REPEATS):
            BallotReceipt.objects.filter(session=session).delete()
            Nominee.objects.filter(session=session).update(agree=0, reject=0)
            Session.objects.filter(pk=session.pk).update(ballots=0)
            votes = [[{"proposal": p, "choice": rng.choice(["agree", "reject", ""])} for p in nominees]
                     for _ in range(MEMBERS)]
            expected = {p: [0, 0] for p in nominees}
            for ballot in votes:
                for v in ballot:
                    if v["choice"]:
                        expected[v["proposal"]][v["choice"] == "reject"] += 1
            sends = [(i % MEMBERS) for i in range(2 * MEMBERS)]   # each member's ballot twice, at once
            barrier = threading.Barrier(len(sends))
            answers = [None] * len(sends)

            def send(k, sends=sends, votes=votes, barrier=barrier, answers=answers):
                member = sends[k]
                body = json.dumps({"votes": votes[member]})
                headers = {"Authorization": f"Bearer {tokens[member]}", "Content-Type": "application/json"}
                barrier.wait()
                try:
                    answers[k] = requests.post(url, data=body, headers=headers, timeout=60).status_code
                except requests.RequestException:
                    answers[k] = -1

            started = time.perf_counter()
            threads = [threading.Thread(target=send, args=(k,)) for k in range(len(sends))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall.append(time.perf_counter() - started)
            for s in answers:
                statuses[s] = statuses.get(s, 0) + 1
            errors += sum(1 for s in answers if s not in (204, 422))
            errors += abs(answers.count(204) - MEMBERS)
            receipts = BallotReceipt.objects.filter(session=session).count()
            errors += abs(receipts - MEMBERS)
            got = {p: [a, r] for p, a, r in Nominee.objects.filter(session=session)
                   .values_list("proposal_id", "agree", "reject")}
            errors += sum(1 for p in nominees if got[p] != expected[p])
    finally:
        pages._stop_server(server)
    figures["awards.ballot_concurrent_errors"] = errors
    meta["ballots"] = {"members": MEMBERS, "nominees": len(nominees), "repeats": REPEATS,
                       "requests_per_repeat": 2 * MEMBERS, "statuses": {str(k): v for k, v in statuses.items()},
                       "repeat_wall_s_median": round(sorted(wall)[len(wall) // 2], 2)}


def main() -> None:
    global REPEATS
    REPEATS = int(os.environ.get("THIDUA_BENCH_BALLOT_REPEATS", REPEATS))
    _setup()
    figures, meta = {}, {}
    root = _data(meta)
    _clear()
    officer, members, tokens = _users(root)
    rnd, w = propose(root, figures, meta)
    session = council(rnd, w, officer, members)
    page(session, officer, figures, meta)
    ballots(session, tokens, figures, meta)
    print(json.dumps({"figures": figures, "meta": meta}, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
