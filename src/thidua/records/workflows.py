"""The workflows of the records app, declared as data (see thidua.common.workflow)."""
from thidua.common.roles import Role
from thidua.common.workflow import Transition, Workflow

OPEN, LOCKED = "open", "locked"
EDIT_GRADE = "grade.edit"

# Who may enter or correct grades while a unit's year is open; nobody once it is locked.
GRADE_EDITORS = frozenset({Role.ADMIN, Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER, Role.PARTY_OFFICER})

GRADE_YEAR = Workflow(
    name="grade_year",
    label="Xếp loại năm của đơn vị",
    states={OPEN: "Đang nhập xếp loại", LOCKED: "Đã khóa xếp loại"},
    initial=OPEN,
    transitions=(
        Transition("lock", sources=(OPEN,), target=LOCKED, permission="grades.lock", label="Khóa xếp loại"),
        Transition("reopen", sources=(LOCKED,), target=OPEN, permission="grades.reopen", label="Mở khóa",
                   reason_required=True),
    ),
    phases={
        OPEN: {EDIT_GRADE: GRADE_EDITORS},
        LOCKED: {EDIT_GRADE: frozenset()},
    },
)
