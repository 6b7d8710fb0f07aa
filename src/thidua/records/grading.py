"""The yearly lock of a unit's grades: the GRADE_YEAR workflow's transitions and reads.

`grade_year_transition` is the one service for every transition: it checks the declared move and
its permission (`common.workflow.check_transition`), validates, writes and audits in one transaction."""
from django.db import transaction

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.scope import Scope
from thidua.common.workflow import check_transition
from thidua.organizations.models import Unit
from thidua.records.models import GradeYear
from thidua.records.validators import check_year
from thidua.records.workflows import GRADE_YEAR

REASON_MAX_LENGTH = 500

__all__ = ["GRADE_YEAR", "grade_year_get", "grade_years_for_unit", "grade_year_transition"]


def grade_year_get(unit: Unit, year: int) -> GradeYear:
    """The unit's grading of `year` (an unsaved row in the initial state when never moved)."""
    found = GradeYear.objects.filter(unit=unit, year=year).first()
    return found or GradeYear(unit=unit, year=year, state=GRADE_YEAR.initial)


def grade_years_for_unit(unit: Unit, years: list[int]) -> list[dict]:
    """The state of each year, with the units above that lock it too (a lock covers the subtree)."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/")]
    rows = GradeYear.objects.filter(unit_id__in=ancestors, year__in=years).select_related("unit")
    own = {r.year: r for r in rows if r.unit_id == unit.pk}
    above = {}
    for r in rows:
        if r.unit_id != unit.pk and r.state == "locked":
            above.setdefault(r.year, r.unit)
    out = []
    for year in years:
        row = own.get(year) or GradeYear(unit=unit, year=year, state=GRADE_YEAR.initial)
        out.append({"year": year, "row": row, "state_label": GRADE_YEAR.states[row.state],
                    "locked_by_parent": above.get(year),
                    "transitions": GRADE_YEAR.available(row.state)})
    return out


@transaction.atomic
def grade_year_transition(*, actor: Actor, scope: Scope, unit: Unit, year: int, transition: str,
                          reason: str = "") -> GradeYear:
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    problem = check_year(year)
    if problem:
        raise ValidationError({"year": problem})
    row = GradeYear.objects.select_for_update().filter(unit=unit, year=year).first() \
        or GradeYear(unit=unit, year=year, state=GRADE_YEAR.initial)
    reason = clean_text(reason or "", "reason", REASON_MAX_LENGTH)
    move = check_transition(GRADE_YEAR, transition, scope=scope, obj=row, state=row.state, reason=reason)
    before = {"state": row.state}
    row.state = move.target
    row.reason = (reason or "").strip()
    row.changed_by = actor.label
    row.save()
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before,
                 after={"year": year, "state": row.state}, verb=f"grade_year_{move.name}", reason=row.reason)
    return row
