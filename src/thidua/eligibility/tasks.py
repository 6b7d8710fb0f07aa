"""Background job: the eligibility table of a large scope (a province) written to .xlsx."""
from thidua.common.numbers import vn_number
from thidua.common.xlsx import xlsx_bytes
from thidua.eligibility import services as svc
from thidua.jobs.services import job_handler
from thidua.organizations.models import Unit
from thidua.people.models import Person

CHUNK = 5000
MSG_START = "Đang xét {total} người…"
MSG_PROGRESS = "Đã xét {done}/{total} người"
MSG_DONE = "Xong: {rows} đối tượng, {eligible} kết quả đủ điều kiện."


@job_handler("eligibility_table")
def run(job, progress):
    p = job.params
    unit, year = Unit.objects.get(pk=p["unit"]), int(p["year"])
    flt = {"target": p.get("target", ""), "status": p.get("status", "")}
    if flt["target"] and flt["status"] in svc.STATUS_FILTER:
        # one target and one status: the columnar path picks the people whose answer matches,
        # and only they are answered in full (with the missing facts for the export)
        progress(0, message="Đang lọc theo danh hiệu và kết quả…")
        ids = svc.people_with_verdict(unit, year, flt["target"], svc.STATUS_FILTER[flt["status"]])
    else:
        ids = list(Person.objects.filter(unit_path__startswith=unit.path).values_list("pk", flat=True))
    progress(0, total=len(ids), message=MSG_START.format(total=vn_number(len(ids))))
    rows = []
    for start in range(0, max(len(ids), 1), CHUNK):  # once at least: the collectives, even with nobody in scope
        chunk = ids[start:start + CHUNK]
        result = svc.unit_answers(unit, year, targets=[flt["target"]] if flt["target"] else None,
                                  include_collectives=start == 0, person_ids=chunk)
        rows += svc.table_rows(result, flt)
        progress(min(start + CHUNK, len(ids)), message=MSG_PROGRESS.format(done=vn_number(min(start + CHUNK, len(ids))),
                                                                      total=vn_number(len(ids))))
    targets = svc.table_targets(rows)
    path = svc.job_result_path(job.pk)
    with open(path, "wb") as fh:
        fh.write(xlsx_bytes(svc.TABLE_SHEET.format(year=year), *svc.table_export(rows, targets)))
    job.result_file, job.result_name = path, svc.TABLE_FILE_NAME.format(code=unit.code, year=year)
    job.save(update_fields=["result_file", "result_name"])
    eligible = sum(1 for r in rows for a in r["answers"].values() if a["eligible"] is True)
    progress(len(ids), message=MSG_DONE.format(rows=vn_number(len(rows)), eligible=vn_number(eligible)))
    return {"rows": len(rows), "eligible": eligible}
