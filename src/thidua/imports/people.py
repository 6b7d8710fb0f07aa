"""Importing the people sheet, a chunk at a time.

This module only reads: each row's cells become the typed values of a people.bulk row (words such
as "Công chức" or "Nữ" become their codes), and each problem goes back to its row and column. The
rules, the permission, the planning and the writing are people.bulk.PeopleBulkWriter's, the same
rules and messages as the single-row services (people.validators)."""
from functools import lru_cache

from thidua.common.bulk import Problem
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.common.text import fold
from thidua.imports import reader
from thidua.imports.layout import PEOPLE_COLUMNS
from thidua.imports.result import ImportResult, cell_text
from thidua.people.bulk import PeopleBulkWriter, PeoplePlan, StoredPeople
from thidua.people.models import Gender, StaffType
from thidua.rules import codes

HEADERS = {column.key: column.header for column in PEOPLE_COLUMNS}
POSITIONS = {column.key: position for position, column in enumerate(PEOPLE_COLUMNS)}
# a code or its Vietnamese name, folded, → the code (an unknown word goes to the rules as written)
STAFF_TYPE_BY_WORD = {fold(code): code for code in codes.STAFF_TYPES} | {
    fold(label): code for code, label in StaffType.choices}
GENDER_BY_WORD = {fold(code): code for code in Gender.values} | {fold(label): code for code, label in Gender.choices}
DATE_COLUMNS = ("birth_date", "start", "recruited_on", "party_start")
folded = lru_cache(maxsize=10_000)(fold)


def _word(value, vocabulary: dict) -> str:
    """The code a cell names ("" when blank); a word not in the vocabulary is kept as written."""
    if value is None:
        return ""
    text = reader.text(value)
    return vocabulary.get(folded(text), text)


class PeopleImport:
    can_overlap = True   # parse() reads no database (units and party organisations are loaded first)

    def __init__(self, *, actor: Actor, scope: Scope, result: ImportResult):
        self.result = result
        self.writer = PeopleBulkWriter(actor=actor, scope=scope, verb_prefix="import")

    # --- reading ---------------------------------------------------------------------
    def _read(self, number: int, cells: list) -> tuple[dict, list[Problem]]:
        """The row's typed values, and the cells that cannot be read (their value is None)."""
        unreadable = []
        row = {"row": number, "citizen_id": reader.citizen_id(cells[POSITIONS["citizen_id"]]),
               "gender": _word(cells[POSITIONS["gender"]], GENDER_BY_WORD),
               "staff_type": _word(cells[POSITIONS["staff_type"]], STAFF_TYPE_BY_WORD),
               "unit_code": reader.code(cells[POSITIONS["unit"]]),
               "party_org_code": reader.code(cells[POSITIONS["party_org"]])}
        for name in ("full_name", "position", "grade_group", "party_card_no"):
            row[name] = reader.text(cells[POSITIONS[name]])
        for name in DATE_COLUMNS:
            try:
                row[name] = reader.date(cells[POSITIONS[name]], HEADERS[name])
            except reader.CellError as exc:
                row[name] = None
                unreadable.append(Problem(number, name, str(exc)))
        try:
            row["is_leader"] = reader.flag(cells[POSITIONS["is_leader"]], HEADERS["is_leader"])
        except reader.CellError as exc:
            row["is_leader"] = None
            unreadable.append(Problem(number, "is_leader", str(exc)))
        return row, unreadable

    def _report(self, cells: list, problems: list[Problem]) -> None:
        for problem in problems:
            # the writer's fields are the layout's column keys ("unit" is the unit code's column)
            value = problem.value if problem.value is not None else cells[POSITIONS[problem.field]]
            self.result.error(problem.row, HEADERS[problem.field], problem.message, cell_text(value))

    # --- the steps imports.services runs for each chunk ---------------------------------
    def parse(self, chunk: list) -> list[dict]:
        """The chunk's rows that break no rule (the others are reported)."""
        rows = []
        for number, cells in chunk:
            row, unreadable = self._read(number, cells)
            problems = self.writer.check(row)
            if unreadable or problems:
                self._report(cells, unreadable + problems)
            else:
                rows.append(row)
        return rows

    def lookup(self, rows: list[dict]) -> StoredPeople:
        return self.writer.lookup(rows)

    def plan_rows(self, chunk: list, rows: list[dict], stored: StoredPeople) -> PeoplePlan:
        plan = self.writer.plan(rows, stored)
        if plan.problems:
            cells_of_row = dict(chunk)
            for problem in plan.problems:
                self._report(cells_of_row[problem.row], [problem])
        self.result.count_rows(plan.outcomes)
        return plan

    def write(self, plan: PeoplePlan) -> None:
        self.result.count_objects(self.writer.write(plan))
