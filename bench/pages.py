"""Pages under load: `bench_pages()` (called by harness.py, step `pages`).

1. In-process (Django test Client, no network): each page of the mix as admin and as a unit officer,
   its SQL query count (CaptureQueriesContext) and median server time → `pages.queries_max`,
   `pages.<page>.queries`, `pages.<page>.median_ms`.
2. `thidua serve` (granian, its default workers) on a free port of 127.0.0.1 against the same database;
   50 simulated users log in through the login form (half admin, half officer), then each requests
   the mix in turn, waiting 1 s after every answer, for `duration` seconds → `pages.p95_50users_ms`
   (client-side latency, all pages) and `pages.<page>.p95_50users_ms`.
3. Throughput: 50 connections with no wait, `burst` seconds per page, the anonymous login page first;
   `pages.<page>.throughput_ratio` = requests/s of the page ÷ requests/s of the login page,
   `pages.throughput_ratio_min` the smallest.

The client is Python threads with `requests` in this process, on the same 2 shared cores as the
server: it takes CPU from the server, so the login page's rate (and so each ratio's denominator) is a
lower bound of what the server can do.
"""
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from stats import percentile

from thidua.accounts.models import RoleAssignment
from thidua.organizations.models import Unit
from thidua.people.models import Person

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
LOGIN_PATH = "/tai-khoan/dang-nhap/"
PASSWORD = "bench-pages-password-1"  # noqa: S105 - local benchmark accounts on 127.0.0.1 only
OFFICER_UNIT = "G-S02"
TARGET_UNIT_PEOPLE = 300
USERS = 50
WAIT_S = 1.0
MAX_REQUESTS_PER_USER = 200
TIMEOUT_S = 30


def _users():
    admin, _ = User.objects.get_or_create(username="bench_admin", defaults={"is_superuser": True, "is_staff": True})
    officer, _ = User.objects.get_or_create(username="bench_officer")
    unit = Unit.objects.filter(code=OFFICER_UNIT).first() or Unit.objects.filter(code__startswith="G-S").first()
    if not RoleAssignment.objects.filter(user=officer).exists():
        RoleAssignment.objects.create(user=officer, role="emulation_officer", unit=unit)
    for user in (admin, officer):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return admin, officer, RoleAssignment.objects.filter(user=officer).select_related("unit").first().unit


def _mix(officer_unit: Unit) -> tuple[dict, str, int]:
    """The page mix; the unit pages use the unit of the officer's subtree whose people (whole subtree)
    are closest to TARGET_UNIT_PEOPLE without being fewer, so that both users see every page."""
    units = list(Unit.objects.filter(path__startswith=officer_unit.path, valid_to__isnull=True).values("code", "path"))
    counts = {u["code"]: Person.objects.filter(unit_path__startswith=u["path"]).count() for u in units}
    bigger = {c: n for c, n in counts.items() if n >= TARGET_UNIT_PEOPLE} or counts
    code = min(bigger, key=lambda c: (abs(bigger[c] - TARGET_UNIT_PEOPLE), c))
    person = Person.objects.filter(unit_path__startswith=officer_unit.path).order_by("id").first()
    return {"home": "/", "people": "/ca-nhan/", "person": f"/ca-nhan/{person.pk}/", "search": "/ca-nhan/?q=nguyen",
            "units": "/don-vi/", "unit": f"/don-vi/{code}/", "eligibility": f"/xet-danh-hieu/don-vi/{code}/",
            "quota": f"/xet-danh-hieu/don-vi/{code}/ti-le/"}, code, counts[code]


def in_process(mix: dict, users: dict, figures: dict, meta: dict) -> None:
    detail = {}
    for label, user in users.items():
        client = Client()
        client.force_login(user)
        for name, url in mix.items():
            client.get(url)  # warm-up
            times = []
            for _ in range(5):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            detail.setdefault(name, {})[label] = {"status": response.status_code, "queries": len(ctx.captured_queries),
                                                  "median_ms": round(statistics.median(times), 1),
                                                  "html_kb": round(len(response.content) / 1024, 1)}
    for name, per_user in detail.items():
        figures[f"pages.{name}.queries"] = max(d["queries"] for d in per_user.values())
        figures[f"pages.{name}.median_ms"] = round(max(d["median_ms"] for d in per_user.values()), 1)
    figures["pages.queries_max"] = max(figures[f"pages.{name}.queries"] for name in detail)
    meta["in_process"] = detail


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    env = dict(os.environ, THIDUA_SECRET_KEY=os.environ.get("THIDUA_SECRET_KEY") or "bench-pages-" + os.urandom(16).hex(),
               THIDUA_SECURE_COOKIES="0", THIDUA_DEBUG="0", THIDUA_HSTS_SECONDS="0")
    env.pop("THIDUA_WORKERS", None)  # the default workers
    thidua = Path(sys.executable).with_name("thidua")
    command = [str(thidua) if thidua.exists() else sys.executable, *([] if thidua.exists() else ["-m", "thidua.cli"]),
               "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"thidua serve exited {proc.returncode}: {proc.stderr.read()[-2000:]!r}")
        try:
            if requests.get(f"http://127.0.0.1:{port}{LOGIN_PATH}", timeout=2).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.3)
    _stop_server(proc)
    raise RuntimeError("thidua serve did not answer within 60 s")


def _stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(5)


def _login(base: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(base + LOGIN_PATH, timeout=TIMEOUT_S)
    response = session.post(base + LOGIN_PATH, timeout=TIMEOUT_S, allow_redirects=False,
                            data={"username": username, "password": PASSWORD, "next": "/",
                                  "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")},
                            headers={"Referer": base + LOGIN_PATH})
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} answered {response.status_code}")
    return session


def _run_threads(n: int, target) -> None:
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def load(base: str, mix: dict, sessions: list, duration: float) -> dict:
    """Each user requests the mix in turn (starting at a different page), waiting WAIT_S after each answer."""
    names = list(mix)
    samples: dict[str, list[float]] = {name: [] for name in names}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def user(i):
        session = sessions[i]
        time.sleep(i * WAIT_S / len(sessions))  # spread the first clicks over one wait
        for k in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline:
                return
            name = names[(i + k) % len(names)]
            started = time.perf_counter()
            try:
                response = session.get(base + mix[name], timeout=TIMEOUT_S, allow_redirects=False)
                ok = response.status_code == 200
            except requests.RequestException as exc:
                ok, response = False, exc
            ms = (time.perf_counter() - started) * 1000
            with lock:
                samples[name].append(ms)
                if not ok:
                    errors.append(f"{name}: {getattr(response, 'status_code', response)}")
            time.sleep(WAIT_S)

    started = time.monotonic()
    _run_threads(len(sessions), user)
    return {"samples": samples, "errors": errors, "wall_s": time.monotonic() - started}


def burst(base: str, url: str, sessions: list, seconds: float) -> dict:
    """`len(sessions)` connections requesting `url` with no wait for `seconds`: requests per second."""
    count = [0] * len(sessions)
    bad = [0] * len(sessions)
    deadline = time.monotonic() + seconds

    def worker(i):
        session = sessions[i]
        while time.monotonic() < deadline:
            try:
                ok = session.get(base + url, timeout=TIMEOUT_S, allow_redirects=False).status_code == 200
            except requests.RequestException:
                ok = False
            count[i] += ok
            bad[i] += not ok

    started = time.monotonic()
    _run_threads(len(sessions), worker)
    wall = time.monotonic() - started
    return {"rps": sum(count) / wall, "requests": sum(count), "failed": sum(bad), "wall_s": round(wall, 1)}


def bench_pages(duration: float = 60.0, burst_s: float = 5.0, users: int = USERS) -> tuple[dict, dict]:
    """Returns (figures, meta)."""
    figures, meta = {}, {}
    admin, officer, officer_unit = _users()
    mix, code, n_people = _mix(officer_unit)
    meta.update({"mix": mix, "unit": code, "unit_people": n_people, "officer_scope": officer_unit.code,
                 "users": users, "wait_s": WAIT_S, "duration_s": duration, "burst_s": burst_s,
                 "note": "client = Python threads (requests) in the bench process on the same shared 2 cores as the "
                         "server: latency includes client CPU contention, the login page's rate is a lower bound. "
                         "Timings are noisy (other engineers' work on the machine)."})
    in_process(mix, {"admin": admin, "officer": officer}, figures, meta)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(port)
    try:
        names = [admin.username if i % 2 == 0 else officer.username for i in range(users)]
        sessions: list = [None] * users

        def log_in(i):
            sessions[i] = _login(base, names[i])
        for start in range(0, users, 10):  # 10 logins at a time (password hashing is slow on purpose)
            batch = list(range(start, min(users, start + 10)))
            threads = [threading.Thread(target=log_in, args=(i,)) for i in batch]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        if any(s is None for s in sessions):
            raise RuntimeError("some logins failed")
        result = load(base, mix, sessions, duration)
        every = [ms for values in result["samples"].values() for ms in values]
        figures["pages.p95_50users_ms"] = round(percentile(every, 95), 1)
        per_page = {}
        for name, values in result["samples"].items():
            figures[f"pages.{name}.p95_50users_ms"] = round(percentile(values, 95), 1)
            per_page[name] = {"n": len(values), "p50_ms": round(percentile(values, 50), 1),
                              "p95_ms": round(percentile(values, 95), 1), "max_ms": round(max(values, default=0), 1)}
        meta["load"] = {"requests": len(every), "wall_s": round(result["wall_s"], 1), "errors": result["errors"][:20],
                        "n_errors": len(result["errors"]), "per_page": per_page}
        anonymous = [requests.Session() for _ in range(users)]
        login_rate = burst(base, LOGIN_PATH, anonymous, burst_s)
        rates = {"login": login_rate}
        for name, url in mix.items():
            rates[name] = burst(base, url, sessions, burst_s)
            ratio = rates[name]["rps"] / login_rate["rps"] if login_rate["rps"] else 0.0
            figures[f"pages.{name}.throughput_ratio"] = round(ratio, 3)
        figures["pages.login_rps"] = round(login_rate["rps"], 1)
        figures["pages.throughput_ratio_min"] = min(figures[f"pages.{name}.throughput_ratio"] for name in mix)
        meta["throughput"] = {name: {**r, "rps": round(r["rps"], 1)} for name, r in rates.items()}
    finally:
        _stop_server(server)
    meta["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return figures, meta
