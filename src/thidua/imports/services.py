"""Import services: one per kind. Each reads the file a chunk at a time and hands the rows to the
kind's bulk writer (people.bulk, records.bulk; units: imports.units), which checks the rules
and the permission (stored keys are read a chunk at a time, never a query per row), plans and
writes; the import writes only when the whole file is valid.

    result = import_people(actor=actor, scope=scope, rows=read_rows(path, "people"), dry_run=True)

`rows` yields (row number, values in the layout's column order) — `reader.read_rows` gives that.
An importer (PeopleImport, HistoryImport, UnitsImport) runs four steps per chunk: `parse(chunk)`
(read the cells, check the rules; pure Python when `can_overlap`), `lookup(parsed)` (the stored
rows the chunk is compared with: the only reads), `plan_rows(chunk, parsed, stored)` (pure Python)
and `write(plan)`; then `finish()` if it has one.
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

from thidua.common.context import Actor
from thidua.common.numbers import vn_number
from thidua.common.scope import Scope
from thidua.imports import reader
from thidua.imports.history import HistoryImport
from thidua.imports.history import last_rows as history_last_rows
from thidua.imports.people import PeopleImport
from thidua.imports.result import CHUNK, ImportResult
from thidua.imports.units import UnitsImport

MSG_CONFLICT = "Dữ liệu thay đổi trong lúc nhập (trùng khóa): {error}. Hãy nhập lại tệp."
MSG_VALIDATING = "Đang kiểm tra dòng {done}/{total}…"
MSG_WRITING = "Đang kiểm tra và ghi dòng {done}/{total}…"

Progress = Callable[[int, int, str], None]


class _Rollback(Exception):
    pass


def _chunks(rows: Iterable, size: int):
    remaining = iter(rows)
    while chunk := list(islice(remaining, size)):
        yield chunk


def _total(rows) -> int:
    return getattr(rows, "total", 0) or (len(rows) if hasattr(rows, "__len__") else 0)


def _run(importer, *, rows, dry_run: bool, progress: Progress | None, result: ImportResult,
         chunk_size: int | None = None) -> ImportResult:
    # An import keeps millions of small objects alive (fact keys, plans): the cyclic garbage
    # collector would walk all of them again and again (measured: +40 % at 100k people). They
    # hold no cycles worth collecting, so it is paused for the import.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_inner(importer, rows=rows, dry_run=dry_run, progress=progress, result=result,
                          chunk_size=chunk_size)
    finally:
        if was_enabled:
            gc.enable()


def _run_inner(importer, *, rows, dry_run: bool, progress: Progress | None, result: ImportResult,
               chunk_size: int | None = None) -> ImportResult:
    chunk_size = chunk_size or CHUNK
    if dry_run:   # nothing is written: no transaction, so the job's progress rows stay visible
        _loop(importer, rows, True, progress, result, chunk_size)
        return result
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":   # a crash right after commit loses the import, never half of it
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            _loop(importer, rows, False, progress, result, chunk_size)
            if result.ok and hasattr(importer, "finish"):
                importer.finish()
            if not result.ok:
                raise _Rollback
    except _Rollback:
        result.written = False
    except IntegrityError as exc:
        result.error(0, "", MSG_CONFLICT.format(error=str(exc).splitlines()[0]))
        result.written = False
    else:
        result.written = True
    return result


def _loop(importer, rows, dry_run, progress, result, chunk_size) -> None:
    if not dry_run and connection.vendor == "postgresql" and importer.can_overlap:
        return _loop_overlapped(importer, rows, progress, result, chunk_size)
    total, done = _total(rows), 0
    for chunk in _chunks(rows, chunk_size):
        parsed = importer.parse(chunk)
        plan = importer.plan_rows(chunk, parsed, importer.lookup(parsed))
        if not dry_run and result.ok:
            importer.write(plan)
        done += len(chunk)
        result.read += len(chunk)
        result.end_chunk()
        if progress:
            message = MSG_VALIDATING if dry_run or not result.ok else MSG_WRITING
            progress(done, max(total, done), message.format(done=vn_number(done), total=vn_number(max(total, done))))


def _in_thread(shared_connection, function, *args):
    """Runs in the writer thread, on the caller's connection (and so inside its transaction)."""
    connections[DEFAULT_DB_ALIAS] = shared_connection
    try:
        return function(*args)
    finally:
        del connections[DEFAULT_DB_ALIAS]


def _loop_overlapped(importer, rows, progress, result, chunk_size) -> None:
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
    shared_connection = connections[DEFAULT_DB_ALIAS]
    shared_connection.inc_thread_sharing()
    writes = []   # futures of the writes submitted, in order
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as writer_thread:
            try:
                ready = None   # the plan of the previous chunk, not yet submitted
                for chunk in _chunks(rows, chunk_size):
                    parsed = importer.parse(chunk)
                    looked_up = writer_thread.submit(_in_thread, shared_connection, importer.lookup, parsed)
                    if ready is not None and result.ok:
                        writes.append(writer_thread.submit(_in_thread, shared_connection, importer.write, ready))
                    ready = None
                    stored = looked_up.result()
                    for write in writes:   # the writes before that lookup are done: surface their errors
                        if write.done():
                            write.result()
                    plan = importer.plan_rows(chunk, parsed, stored)
                    if result.ok:
                        ready = plan
                    done += len(chunk)
                    result.read += len(chunk)
                    result.end_chunk()
                    if progress:
                        message = MSG_WRITING if result.ok else MSG_VALIDATING
                        progress(done, max(total, done), message.format(done=vn_number(done), total=vn_number(max(total, done))))
                if ready is not None and result.ok:
                    writes.append(writer_thread.submit(_in_thread, shared_connection, importer.write, ready))
                for write in writes:
                    write.result()
            finally:
                for write in writes:   # an error here: let the writer finish before the rollback
                    write.cancel()
                    try:
                        write.result()
                    except Exception:
                        pass
    finally:
        shared_connection.dec_thread_sharing()


def import_units(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Units are few: the whole file is validated at once (parents may be defined anywhere in it)."""
    result = ImportResult(kind="units")
    rows = list(rows)
    return _run(UnitsImport(actor=actor, scope=scope, result=result), rows=rows, dry_run=dry_run,
                progress=progress, result=result, chunk_size=max(len(rows), 1))


def import_people(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                  progress: Progress | None = None) -> ImportResult:
    result = ImportResult(kind="people")
    return _run(PeopleImport(actor=actor, scope=scope, result=result), rows=rows, dry_run=dry_run,
                progress=progress, result=result)


def import_history(*, actor: Actor, scope: Scope, rows, dry_run: bool = False,
                   progress: Progress | None = None) -> ImportResult:
    result = ImportResult(kind="history")
    subjects_last_rows = None
    if not dry_run and isinstance(rows, reader.Sheet):
        subjects_last_rows = history_last_rows(rows.scan([0, 1]))
    importer = HistoryImport(actor=actor, scope=scope, result=result, preload_people=_total(rows) > CHUNK,
                             last_rows=subjects_last_rows, file_name=getattr(rows, "name", ""))
    return _run(importer, rows=rows, dry_run=dry_run, progress=progress, result=result)


SERVICES = {"units": import_units, "people": import_people, "history": import_history}


def import_file(*, actor: Actor, scope: Scope, kind: str, source, dry_run: bool = False,
                progress: Progress | None = None) -> ImportResult:
    """Read `source` (path, bytes or file) and run the kind's service; file-level problems become errors."""
    try:
        rows = reader.read_rows(source, kind)
    except reader.FileInvalid as exc:
        result = ImportResult(kind=kind)
        for problem in exc.problems:
            result.error(problem.row, problem.column, problem.message)
        return result
    return SERVICES[kind](actor=actor, scope=scope, rows=rows, dry_run=dry_run, progress=progress)
