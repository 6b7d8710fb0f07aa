"""Who may change yearly facts (see thidua.common.permissions and records.workflows)."""
import rules

from thidua.common.permissions import has_role, is_admin, permission
from thidua.common.roles import Role
from thidua.common.workflow import phase_allows
from thidua.records.models import GradeYear
from thidua.records.workflows import EDIT_GRADE, GRADE_YEAR, LOCKED, OPEN


def _subject_path(fact) -> str:
    if getattr(fact, "person_id", None):
        return fact.person.unit_path or ""
    return fact.unit.path


@rules.predicate
def subject_in_history_scope(scope, fact) -> bool:
    """The person or unit the fact is about lies in the scope's `edit_history` reach."""
    if fact is None:
        return False
    if getattr(fact, "person_id", None):
        return scope.can_person(fact.person, "edit_history")
    return scope.can_unit(fact.unit, "edit_history")


def locked_unit_paths(year: int) -> list[str]:
    """The paths of the units whose grading of `year` is locked (one query)."""
    return list(GradeYear.objects.filter(year=year, state=LOCKED).values_list("unit__path", flat=True))


def grade_state(fact) -> str:
    """The grading phase a grade falls in: locked when its subject lies under a locked unit."""
    path = _subject_path(fact)
    if path and any(path.startswith(p) for p in locked_unit_paths(int(fact.year))):
        return LOCKED
    return OPEN


@rules.predicate
def unit_in_history_scope(scope, grade_year) -> bool:
    return scope.can_unit(grade_year.unit, "edit_history")


@rules.predicate
def parent_in_history_scope(scope, grade_year) -> bool:
    """The level above the unit: who may reopen what a unit has locked."""
    parent = grade_year.unit.parent
    return parent is not None and scope.can_unit(parent, "edit_history")


HISTORY_EDIT = permission("history.edit", subject_in_history_scope)
GRADE_EDIT = permission("history.grade.edit",
                        subject_in_history_scope & phase_allows(GRADE_YEAR, EDIT_GRADE, grade_state))
# The unit's own officers lock their year; the level above (or an administrator) reopens it.
GRADES_LOCK = permission("grades.lock", is_admin | (
    has_role(Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER) & unit_in_history_scope))
GRADES_REOPEN = permission("grades.reopen", is_admin | (
    has_role(Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER) & parent_in_history_scope))

MSG_GRADES_LOCKED = ("Xếp loại năm {year} của đơn vị đã khóa: không thể thêm, sửa hoặc xóa. "
                     "Đề nghị cấp trên mở khóa nếu cần điều chỉnh.")
