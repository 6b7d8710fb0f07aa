"""Import services: one per kind. Each validates every row (in bulk: existing keys are loaded a
chunk at a time, never a query per row) and writes only when the whole file is valid.

    result = import_people(actor=actor, scope=scope, rows=read_rows(path, "people"), dry_run=True)

`rows` yields (row number, values in the layout's column order) — `reader.read_rows` gives that.
On commit, validation and writes run chunk by chunk in one transaction; the first bad row stops
the writing and the transaction is rolled back at the end, so nothing is kept unless every row
was valid. A dry run (the preview) writes nothing. Re-importing the same file changes nothing:
rows are matched on their natural keys (unit code; CCCD; subject+year+track for grades;
subject+year+code+kind for awards; subject+year+title for initiatives)."""
from collections.abc import Callable, Iterable
from itertools import islice

from django.db import IntegrityError, transaction

from thidua.accounts.scope import Scope
from thidua.common.context import Actor
from thidua.imports import reader
from thidua.imports.history import HistoryImport
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
         chunk_size: int = CHUNK) -> ImportResult:
    if dry_run:   # nothing is written: no transaction, so the job's progress rows stay visible
        _loop(importer, actor, rows, True, progress, result, chunk_size)
        return result
    try:
        with transaction.atomic():
            _loop(importer, actor, rows, False, progress, result, chunk_size)
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
    total, done = _total(rows), 0
    for chunk in _chunks(rows, chunk_size):
        plan = importer.plan(chunk)
        if not dry_run and result.ok:
            importer.write(actor, plan)
        done += len(chunk)
        if progress:
            msg = MSG_VALIDATING if dry_run or not result.ok else MSG_WRITING
            progress(done, max(total, done), msg.format(done=done, total=max(total, done)))


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
    importer = HistoryImport(scope, result, preload_people=_total(rows) > CHUNK)
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
