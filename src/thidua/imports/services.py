"""Import services: one per kind. Each validates every row (in bulk: existing keys are loaded a
chunk at a time, never a query per row) and writes only when the whole file is valid.

    result = import_people(actor=actor, scope=scope, rows=read_rows(path, "people"), dry_run=True)

`rows` yields (row number, values in the layout's column order) — `reader.read_rows` gives that.
On commit, validation and writes run chunk by chunk in one transaction; the first bad row stops
the writing and the transaction is rolled back at the end, so nothing is kept unless every row
was valid. A dry run (the preview) writes nothing. Re-importing the same file changes nothing:
rows are matched on their natural keys (unit code; CCCD; subject+year+track for grades;
subject+year+code+kind for awards; subject+year+title for initiatives).

Audit: one event per created or updated unit/person (a created person's posting and party
membership are in its event), one per updated fact (before/after), and for the yearly facts a
file creates one event per subject (person or unit): its "after" lists the facts.

On PostgreSQL a commit runs with synchronous_commit off, and the database work (lookups and
writes of chunk n) runs on a second thread while this one reads and parses chunk n+1 (see
_loop_overlapped)."""
import gc
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction

from thidua.common.scope import Scope
from thidua.common.context import Actor
from thidua.imports import reader
from thidua.imports.history import HistoryImport
from thidua.imports.history import last_rows as history_last_rows
from thidua.imports.people import PeopleImport
from thidua.imports.result import CHUNK, ImportResult
from thidua.imports.units import plan_units, write_units

MSG_CONFLICT = "Dữ liệu thay đổi trong lúc nhập (trùng khóa): {err}. Hãy nhập lại tệp."
MSG_VALIDATING = "Đang kiểm tra dòng {done}/{total}…"
MSG_WRITING = "Đang kiểm tra và ghi dòng {done}/{total}…"

Progress = Callable[[int, int, str], None]


class _Rollback(Exception):
    pass


def _chunks(rows: Iterable, size: int):
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _total(rows) -> int:
    return getattr(rows, "total", 0) or (len(rows) if hasattr(rows, "__len__") else 0)


def _run(importer, *, actor: Actor, rows, dry_run: bool, progress: Progress | None, result: ImportResult,
         chunk_size: int | None = None) -> ImportResult:
    # An import keeps millions of small objects alive (fact keys, plans): the cyclic garbage
    # collector would walk all of them again and again (measured: +40 % at 100k people). They
    # hold no cycles worth collecting, so it is paused for the import.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_inner(importer, actor=actor, rows=rows, dry_run=dry_run, progress=progress, result=result,
                          chunk_size=chunk_size)
    finally:
        if was_enabled:
            gc.enable()


def _run_inner(importer, *, actor: Actor, rows, dry_run: bool, progress: Progress | None, result: ImportResult,
               chunk_size: int | None = None) -> ImportResult:
    chunk_size = chunk_size or CHUNK
    if dry_run:   # nothing is written: no transaction, so the job's progress rows stay visible
        _loop(importer, actor, rows, True, progress, result, chunk_size)
        return result
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":   # a crash right after commit loses the import, never half of it
                with connection.cursor() as cur:
                    cur.execute("SET LOCAL synchronous_commit = off")
            _loop(importer, actor, rows, False, progress, result, chunk_size)
            if result.ok and hasattr(importer, "finish"):
                importer.finish(actor)
            if not result.ok:
                raise _Rollback
    except _Rollback:
        result.written = False
    except IntegrityError as exc:
        result.error(0, "", MSG_CONFLICT.format(err=str(exc).splitlines()[0]))
        result.written = False
    else:
        result.written = True
    return result


def _loop(importer, actor, rows, dry_run, progress, result, chunk_size) -> None:
    if not dry_run and connection.vendor == "postgresql" and getattr(importer, "can_overlap", False):
        return _loop_overlapped(importer, actor, rows, progress, result, chunk_size)
    total, done = _total(rows), 0
    for chunk in _chunks(rows, chunk_size):
        plan = importer.plan(chunk)
        if not dry_run and result.ok:
            importer.write(actor, plan)
        done += len(chunk)
        if progress:
            msg = MSG_VALIDATING if dry_run or not result.ok else MSG_WRITING
            progress(done, max(total, done), msg.format(done=done, total=max(total, done)))


def _in_thread(conn, fn, *args):
    """Runs in the writer thread, on the caller's connection (and so inside its transaction)."""
    connections[DEFAULT_DB_ALIAS] = conn
    try:
        return fn(*args)
    finally:
        del connections[DEFAULT_DB_ALIAS]


def _loop_overlapped(importer, actor, rows, progress, result, chunk_size) -> None:
    """Like _loop, with the database work (reads of planning, writes) on a second thread that shares
    the caller's connection and transaction, one task at a time in order, while this thread reads,
    parses and plans (pure Python; psycopg releases the GIL while it waits for the server):

        this thread:    parse n+1 ·············· plan n+1 ······ parse n+2 ···
        writer thread:  write n-1 ··· lookup n+1 · write n ··········· lookup n+2

    Chunk n+1's stored rows are looked up before chunk n is written: the same key in two chunks is
    a duplicate in the file, reported by the planning, so those reads do not depend on chunk n.
    Same guarantees: one transaction, nothing submitted for writing once a bad row was found, and
    the caller rolls back if any row was bad."""
    total, done = _total(rows), 0
    conn = connections[DEFAULT_DB_ALIAS]
    conn.inc_thread_sharing()
    futures = []
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as pool:
            try:
                ready = None   # the plan of the previous chunk, not yet submitted
                for chunk in _chunks(rows, chunk_size):
                    parsed = importer.parse(chunk)
                    looked = pool.submit(_in_thread, conn, importer.lookup, parsed)
                    if ready is not None and result.ok:
                        futures.append(pool.submit(_in_thread, conn, importer.write, actor, ready))
                    ready = None
                    found = looked.result()
                    for f in futures:   # the writes before that lookup are done: surface their errors
                        if f.done():
                            f.result()
                    plan = importer.plan_rows(chunk, parsed, found)
                    if result.ok:
                        ready = plan
                    done += len(chunk)
                    if progress:
                        msg = MSG_WRITING if result.ok else MSG_VALIDATING
                        progress(done, max(total, done), msg.format(done=done, total=max(total, done)))
                if ready is not None and result.ok:
                    futures.append(pool.submit(_in_thread, conn, importer.write, actor, ready))
                for f in futures:
                    f.result()
            finally:
                for f in futures:   # an error here: let the writer finish before the rollback
                    f.cancel()
                    try:
                        f.result()
                    except Exception:
                        pass
    finally:
        conn.dec_thread_sharing()


def import_units(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Units are few: the whole file is validated at once (parents may be defined anywhere in it)."""
    result = ImportResult(kind="units")
    rows = list(rows)

    class _Units:
        def plan(self, chunk):
            return plan_units(scope, chunk, result)

        def write(self, actor_, plan):
            write_units(actor_, plan, result)

    return _run(_Units(), actor=actor, rows=rows, dry_run=dry_run, progress=progress, result=result,
                chunk_size=max(len(rows), 1))


def import_people(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                  progress: Progress | None = None) -> ImportResult:
    result = ImportResult(kind="people")
    return _run(PeopleImport(scope, result), actor=actor, rows=rows, dry_run=dry_run, progress=progress,
                result=result)


def import_history(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                   progress: Progress | None = None) -> ImportResult:
    result = ImportResult(kind="history")
    scan = None
    if not dry_run and isinstance(rows, reader.Sheet):
        scan = history_last_rows(rows.scan([0, 1]))
    importer = HistoryImport(scope, result, preload_people=_total(rows) > CHUNK, last_rows=scan,
                             file_name=getattr(rows, "name", ""))
    return _run(importer, actor=actor, rows=rows, dry_run=dry_run, progress=progress, result=result)


SERVICES = {"units": import_units, "people": import_people, "history": import_history}


def import_file(*, actor: Actor, scope: Scope, kind: str, source, dry_run: bool = False,
                progress: Progress | None = None) -> ImportResult:
    """Read `source` (path, bytes or file) and run the kind's service; file-level problems become errors."""
    try:
        rows = reader.read_rows(source, kind)
    except reader.FileInvalid as exc:
        result = ImportResult(kind=kind)
        for p in exc.problems:
            result.error(p.row, p.column, p.message)
        return result
    return SERVICES[kind](actor=actor, scope=scope, rows=rows, dry_run=dry_run, progress=progress)
