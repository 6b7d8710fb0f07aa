"""The benchmark steps of `make bench`; bench/run.py sets Django up, then calls main().

    .venv/bin/python bench/run.py [--people 100000] [--years 10] [--units 2000] [--skip import,engine,db,pages] [--pages-seconds 60]

Each step adds figures (flat name → number) to bench/results.json and notes to its `meta`;
see bench/README.md for what each figure measures.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import commendations as awards_bench
import council
import decisions as decisions_bench
import documents
import eligibility_db
import engine
import fund
import imports
import notices
import pages
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from stats import percentile

from thidua.accounts.models import RoleAssignment
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.synth.generate import CCCD_PREFIX, PREFIX, Generator, delete_generated

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results.json"
RUN_SCRIPT = BENCH_DIR / "run.py"

SEARCH_QUERIES = [
    "nguyen van thang", "tran thi", "le minh", "pham thu", "hoang", "nguyen thi lan", "vo van", "dang",
    "bui thi hong", "do xuan", "ho", "ngo van tuan", "duong", "ly thi", "trinh", "dinh van", "lam",
    "mai thi", "nguyen duc", "tran quoc", "le thi thu", "pham van hung", "huynh thanh", "phan van",
    "vu thi ngoc", "nguyen huu", "tran thanh", "le cong", "nguyen xuan", "tran ngoc anh", "thang", "huong",
    "linh", "van dung", "thi mai", "minh tuan", "quang huy", "thu trang", "kim loan", "hai yen",
    "nguyen", "tran", "le", "nguyen van", "tran van", "thi hoa", "duc thang", "anh tuan", "ngoc ha",
    "bich", "dieu", "99000", "9900001", "99000123", "990005", "9900009999", "nguyen thi thanh huong",
    "Nguyễn Văn Thắng", "Trần Thị Hà", "Lê Minh", "xyzzy khong co",
]


def machine_meta() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpu_model": cpu, "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "loadavg_at_start": [round(x, 2) for x in load] if load else None}


def db_meta() -> dict:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            version = cur.fetchone()[0]
        elif connection.vendor == "sqlite":
            cur.execute("select sqlite_version()")
            version = cur.fetchone()[0]
        else:
            version = ""
    return {"vendor": connection.vendor, "version": version, "name": str(connection.settings_dict["NAME"])}


def ensure_data(people: int, years: int, units: int, meta: dict) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    n_people = Person.objects.filter(citizen_id__startswith=CCCD_PREFIX).count()
    n_units = Unit.objects.filter(code__startswith=PREFIX).count()
    if n_people == people and n_units >= units * 0.9:
        meta["generate"] = {"reused": True}
        return
    if n_people or n_units:
        delete_generated(log=print)
    print(f"generate --people {people} --years {years} --units {units} …", flush=True)
    summary = Generator(people=people, years=years, units=units, seed=1).run()
    meta["generate"] = {"reused": False, "seconds": summary["seconds"], "rows": summary["rows"]}


def bench_users():
    admin, _ = User.objects.get_or_create(username="bench_admin", defaults={"is_superuser": True, "is_staff": True})
    officer, created = User.objects.get_or_create(username="bench_officer")
    # a unit officer of one sở (its subtree: divisions and centres), the typical scoped user
    unit = Unit.objects.filter(code="G-S02").first() or Unit.objects.filter(code__startswith="G-S").first()
    if created or not RoleAssignment.objects.filter(user=officer).exists():
        RoleAssignment.objects.create(user=officer, role="emulation_officer", unit=unit)
    return admin, officer, unit


def timed_get(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def bench_search(figures: dict, meta: dict) -> None:
    admin, officer, unit = bench_users()
    detail = {}
    all_ms = []
    for label, user in (("admin", admin), ("officer", officer)):
        client = Client()
        client.force_login(user)
        for q in SEARCH_QUERIES[:3]:  # warm-up (connection, caches, templates)
            client.get("/ca-nhan/?" + urlencode({"q": q}))
        times, bad = [], []
        for q in SEARCH_QUERIES:
            ms, status = timed_get(client, "/ca-nhan/?" + urlencode({"q": q}))
            times.append(ms)
            if status != 200:
                bad.append((q, status))
        with CaptureQueriesContext(connection) as ctx:
            client.get("/ca-nhan/?" + urlencode({"q": "nguyen van thang"}))
        slowest = sorted(zip(times, SEARCH_QUERIES), reverse=True)[:5]
        detail[label] = {"n": len(times), "p50_ms": round(percentile(times, 50), 1),
                         "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1),
                         "slowest": [[q, round(t, 1)] for t, q in slowest], "non_200": bad,
                         "queries_per_request": len(ctx.captured_queries)}
        figures[f"search.people_100k_p95_ms.{label}"] = round(percentile(times, 95), 1)
        all_ms += times
    figures["search.people_100k_p95_ms"] = round(percentile(all_ms, 95), 1)
    meta["search"] = {"url": "/ca-nhan/?q=…", "queries": len(SEARCH_QUERIES), "officer_scope": unit.code if unit else None,
                      "timing": "in-process Django test Client, perf_counter around client.get (server time, "
                                "no network)", **detail}


TREE_URL = "/don-vi/?all=1"  # the whole tree (/don-vi/ alone shows its first two levels)


def bench_tree(figures: dict, meta: dict) -> None:
    admin, _officer, _unit = bench_users()
    client = Client()
    client.force_login(admin)
    for _ in range(2):
        client.get(TREE_URL)
    times = []
    status = None
    for _ in range(30):
        ms, status = timed_get(client, TREE_URL)
        times.append(ms)
    with CaptureQueriesContext(connection) as ctx:
        size = len(client.get(TREE_URL).content)
    figures["units.tree_2k_ms"] = round(percentile(times, 95), 1)
    figures["units.tree_2k_median_ms"] = round(statistics.median(times), 1)
    meta["tree"] = {"url": TREE_URL, "statistic": "p95 of 30 requests as admin after 2 warm-up requests (median also reported)",
                    "units_total": Unit.objects.count(), "units_active": Unit.objects.filter(valid_to__isnull=True).count(),
                    "status": status, "html_bytes": size, "queries_per_request": len(ctx.captured_queries),
                    "times_ms": [round(t, 1) for t in times]}


def bench_pages_step(figures: dict, meta: dict, duration: float) -> None:
    got, detail = pages.bench_pages(duration=duration)
    figures.update(got)
    meta["pages"] = detail


def _figures_from(result, default_name: str | None) -> dict:
    if isinstance(result, (int, float)) and default_name:
        return {default_name: float(result)}
    if isinstance(result, dict):
        return {k: v for k, v in result.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    raise TypeError(f"unexpected result {result!r}")


def run_external(name: str, function, kwargs: dict, default_name: str | None, figures: dict, meta: dict) -> None:
    """Call a benchmark function of engine.py, eligibility_db.py or imports.py and merge its figures;
    an exception is reported in meta.errors (the other figures are still written)."""
    started = time.perf_counter()
    try:
        got = _figures_from(function(**kwargs), default_name)
        figures.update(got)
        meta["external"][name] = {"call": f"{function.__module__}.{function.__name__}({kwargs})",
                                  "figures": sorted(got), "wall_s": round(time.perf_counter() - started, 1)}
    except Exception as exc:  # noqa: BLE001 - reported in meta, not hidden
        meta["errors"][name] = {"error": f"{type(exc).__name__}: {exc}",
                                "traceback": traceback.format_exc().splitlines()[-12:]}


def import_database_url() -> tuple[str, str]:
    """A fresh database for the import benchmark; returns (url, description)."""
    url = os.environ.get("THIDUA_DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_imp"
        env = dict(os.environ, PGPASSWORD=parts.password or "")
        conn = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
        subprocess.run(["dropdb", "--if-exists", *conn, name], check=True, env=env, capture_output=True)
        subprocess.run(["createdb", *conn, name], check=True, env=env, capture_output=True)
        return urlunsplit(parts._replace(path="/" + name)), f"fresh PostgreSQL database {name}"
    path = ROOT / "var" / "bench_imp.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}", f"fresh SQLite file {path}"


def bench_import_child(figures: dict, meta: dict, people: int, years: int) -> None:
    name = "import"
    url, where = import_database_url()
    env = dict(os.environ, THIDUA_DATABASE_URL=url)
    started = time.perf_counter()
    command = [sys.executable, str(RUN_SCRIPT), "--child-import", "--people", str(people), "--years", str(years)]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    out = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not out:
        meta["errors"][name] = {"error": f"child exited {proc.returncode}", "stderr": proc.stderr[-3000:]}
        return
    child = json.loads(out[-1])
    figures.update(child.get("figures", {}))
    meta["skipped"].update(child.get("skipped", {}))
    meta["errors"].update(child.get("errors", {}))
    meta["external"].update(child.get("external", {}))
    meta["external"].setdefault(name, {})["database"] = where
    meta["external"][name]["child_wall_s"] = round(time.perf_counter() - started, 1)


def child_import(people: int, years: int) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    figures, meta = {}, {"skipped": {}, "errors": {}, "external": {}}
    run_external("import", imports.bench_import, {"n_people": people, "years": years},
                 "import.people_100k_s", figures, meta)
    print(json.dumps({"figures": figures, **meta}, default=str))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--skip", default="", help="comma list of: search,tree,pages,import,engine,db,documents,fund,"
                                                   "notices,awards,council,decisions")
    parser.add_argument("--pages-seconds", type=float, default=60.0, help="length of the 50-user load (pages step)")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument("--child-import", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_import:
        child_import(args.people, args.years)
        return 0
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    t_start = time.perf_counter()
    figures: dict = {}
    meta: dict = {"machine": machine_meta(), "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                  "skipped": {s: "--skip" for s in skip}, "errors": {}, "external": {},
                  "note": "2-core machine shared with other engineers' work: concurrent CPU load may inflate figures"}
    meta["database"] = db_meta()
    ensure_data(args.people, args.years, args.units, meta)
    meta["people_count"] = Person.objects.count()
    meta["units_count"] = Unit.objects.count()
    steps = [
        ("search", lambda: bench_search(figures, meta)),
        ("tree", lambda: bench_tree(figures, meta)),
        ("pages", lambda: bench_pages_step(figures, meta, args.pages_seconds)),
        ("engine", lambda: run_external("engine", engine.bench_engine, {}, "eligibility.engine_100k_s",
                                        figures, meta)),
        ("db", lambda: run_external("db", eligibility_db.bench_db, {}, "eligibility.db_100k_s", figures, meta)),
        ("import", lambda: bench_import_child(figures, meta, args.people, args.years)),
        ("documents", lambda: run_external("documents", documents.bench_documents, {}, None, figures, meta)),
        ("fund", lambda: run_external("fund", fund.bench_fund, {}, None, figures, meta)),
        ("notices", lambda: run_external("notices", notices.bench_reminders, {}, "notices.reminders_100k_s",
                                         figures, meta)),
        ("awards", lambda: awards_bench.bench_awards_child(figures, meta)),
        ("council", lambda: run_external("council", council.bench_council, {}, None, figures, meta)),
        ("decisions", lambda: run_external("decisions", decisions_bench.bench_decisions, {}, None, figures, meta)),
    ]
    for name, step in steps:
        if name in skip:
            continue
        print(f"bench: {name} …", flush=True)
        if name in ("search", "tree", "pages"):
            try:
                step()
            except Exception as exc:  # noqa: BLE001 - reported in meta
                meta["errors"][name] = {"error": f"{type(exc).__name__}: {exc}",
                                        "traceback": traceback.format_exc().splitlines()[-12:]}
        else:
            step()
    meta["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    meta["wall_s"] = round(time.perf_counter() - t_start, 1)
    out = {**dict(sorted(figures.items())), "meta": meta}
    Path(args.output).write_text(json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n")
    print(json.dumps({k: v for k, v in out.items() if k != "meta"}, indent=2))
    print(f"→ {args.output}")
    return 0
