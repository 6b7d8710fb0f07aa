"""Importing the history sheet: grades (government and party track), titles and forms, initiatives,
discipline and a collective's member counts, one row per subject and year (more rows for the same
subject and year may add other awards or initiatives; the same fact twice is an error).

This module only reads: each row's cells become a records.bulk entry (words such as "HTXSNV" or
"Khiển trách" become their codes; several codes in a cell become a list), and each problem goes
back to its row and column. The rules, the permissions, the planning and the writing are
records.bulk.HistoryBulkWriter's, the same rules and messages as the single-row services."""
import re
from functools import lru_cache

from thidua.common.bulk import Problem
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.common.text import fold
from thidua.imports import reader
from thidua.imports.layout import GRADE_WORDS, HISTORY_COLUMNS, LEVEL_WORDS
from thidua.imports.result import ImportResult, cell_text
from thidua.records.bulk import STATS_FIELDS, HistoryBulkWriter, HistoryPlan
from thidua.records.models import AwardKind, DisciplineForm, Grade, InitiativeLevel, Source

HEADERS = {column.key: column.header for column in HISTORY_COLUMNS}
POSITIONS = {column.key: position for position, column in enumerate(HISTORY_COLUMNS)}
# the writer's entry field → the column its problems belong to (when the names differ)
COLUMN_OF_FIELD = {"unit_code": "unit", "months_worked": "months", "initiatives": "initiative",
                   "discipline_forms": "discipline"}
SEPARATORS = re.compile(r"[,;\n]+")
YEAR_LABEL, MONTHS_LABEL = HEADERS["year"], HEADERS["months"]
# the member counts are the layout's last columns, in STATS_FIELDS order
STATS_START = POSITIONS[STATS_FIELDS[0]]
STATS_END = STATS_START + len(STATS_FIELDS)
assert [POSITIONS[name] for name in STATS_FIELDS] == list(range(STATS_START, STATS_END))

# a code, its Vietnamese name or a usual abbreviation, folded, → the code (an unknown word goes to
# the rules as written, which name it)
GRADE_BY_WORD = {fold(code): code for code in Grade.values} | {fold(label): code for code, label in Grade.choices} | {
    word: grade for grade, words in GRADE_WORDS.items() for word in words}
LEVEL_BY_WORD = {fold(code): code for code in InitiativeLevel.values} | {
    fold(label): code for code, label in InitiativeLevel.choices} | {
    word: level for level, words in LEVEL_WORDS.items() for word in words}
DISCIPLINE_BY_WORD = {fold(code): code for code in DisciplineForm.values} | {
    fold(label): code for code, label in DisciplineForm.choices}
AWARD_KIND_BY_WORD = {fold(code): code for code in AwardKind.values} | {
    fold(label): code for code, label in AwardKind.choices} | {
    "thuong xuyen": "regular", "chuyen de": "thematic", "dot xuat": "one_off"}

folded = lru_cache(maxsize=50_000)(fold)


@lru_cache(maxsize=10_000)
def split_codes(cell) -> tuple[str, ...]:
    """The title or form codes of a cell ("LĐTT, CSTĐCS" → ("LDTT", "CSTDCS")); cached, cells repeat."""
    return tuple(code for code in (fold(part).upper().replace(" ", "_") for part in SEPARATORS.split(reader.text(cell)))
                 if code)


def _word(value, vocabulary: dict):
    """The code a cell names (None when blank); a word not in the vocabulary is kept as written."""
    if value is None:
        return None
    text = reader.text(value)
    return vocabulary.get(folded(text), text)


def last_rows(scan) -> dict[tuple, int]:
    """("person", CCCD) or ("unit", unit code) → number of the subject's last row, from `reader.Sheet.scan`."""
    last, subject_of_cells = {}, {}
    for number, cells in scan:
        subject = subject_of_cells.get(cells)
        if subject is None:
            citizen_id, unit_code = cells
            subject = subject_of_cells[cells] = (
                ("person", reader.citizen_id(citizen_id)) if citizen_id is not None
                else ("unit", reader.code(unit_code)) if unit_code is not None else ("", ""))
        last[subject] = number
    return last


class HistoryImport:
    def __init__(self, *, actor: Actor, scope: Scope, result: ImportResult, preload_people: bool = False,
                 last_rows: dict | None = None, file_name: str = ""):
        self.result = result
        self.last_citizen_id_cell, self.last_citizen_id = None, None
        self.writer = HistoryBulkWriter(actor=actor, scope=scope, source=Source.IMPORT, verb_prefix="import",
                                        file_name=file_name, last_row_of_subject=last_rows,
                                        preload_people=preload_people)

    @property
    def can_overlap(self) -> bool:
        """parse() reads no database when every person was loaded first, so it may run while the
        previous chunk is being written."""
        return self.writer.preloaded

    # --- reading ---------------------------------------------------------------------
    def _read(self, number: int, cells: list) -> tuple[dict, list[Problem]]:
        """The row's entry, and the cells that cannot be read (their value is None)."""
        unreadable = []
        citizen_id, unit_code, grade, party_grade = cells[0], cells[1], cells[3], cells[4]
        award_kind, level = cells[8], cells[13]
        if citizen_id is not None:   # a subject's rows follow each other: its CCCD is read once
            if citizen_id != self.last_citizen_id_cell:
                self.last_citizen_id_cell, self.last_citizen_id = citizen_id, reader.citizen_id(citizen_id)
            citizen_id = self.last_citizen_id
        entry = {"row": number, "citizen_id": citizen_id,
                 "unit_code": reader.code(unit_code) if unit_code is not None else None,
                 "grade": None if grade is None else _word(grade, GRADE_BY_WORD),
                 "party_grade": None if party_grade is None else _word(party_grade, GRADE_BY_WORD),
                 "award_kind": None if award_kind is None else _word(award_kind, AWARD_KIND_BY_WORD),
                 "decision_no": "" if cells[9] is None else reader.text(cells[9]),
                 "authority": "" if cells[11] is None else reader.text(cells[11]),
                 "initiative_level": None if level is None else _word(level, LEVEL_BY_WORD)}
        try:
            entry["year"] = reader.integer(cells[2], YEAR_LABEL)
        except reader.CellError as exc:
            entry["year"] = None
            unreadable.append(Problem(number, "year", str(exc)))
        entry["months_worked"] = None
        if cells[5] is not None:
            try:
                entry["months_worked"] = reader.integer(cells[5], MONTHS_LABEL)
            except reader.CellError as exc:
                unreadable.append(Problem(number, "months_worked", str(exc)))
        entry["decision_date"] = None
        if cells[10] is not None:
            try:
                entry["decision_date"] = reader.date(cells[10], HEADERS["decision_date"])
            except reader.CellError as exc:
                unreadable.append(Problem(number, "decision_date", str(exc)))
        titles, forms = cells[6], cells[7]
        entry["award_codes"] = ((split_codes(titles) if titles is not None else ())
                                + (split_codes(forms) if forms is not None else ()))
        entry["initiatives"] = [title for title in (part.strip() for part in reader.text(cells[12]).split(";"))
                                if title] if cells[12] is not None else []
        entry["discipline_forms"] = [DISCIPLINE_BY_WORD.get(folded(part), part.strip()) for part in
                                     SEPARATORS.split(reader.text(cells[14])) if part.strip()
                                     ] if cells[14] is not None else []
        stats_cells = cells[STATS_START:STATS_END]
        entry["stats"] = None if stats_cells.count(None) == len(STATS_FIELDS) else self._read_stats(
            number, stats_cells, unreadable)
        return entry, unreadable

    def _read_stats(self, number: int, stats_cells: list, unreadable: list) -> dict:
        """A collective's member counts (the row states at least one)."""
        stats = {}
        for name, value in zip(STATS_FIELDS, stats_cells):
            try:
                stats[name] = reader.integer(value, HEADERS[name])
            except reader.CellError as exc:
                unreadable.append(Problem(number, name, str(exc)))
                stats[name] = None
        return stats

    def _column(self, problem: Problem, cells: list) -> str:
        """The column key of a problem: a code belongs to the column that holds it (titles or forms)."""
        if problem.field == "award_codes":
            titles = cells[POSITIONS["titles"]]
            return "titles" if titles is not None and problem.value in split_codes(titles) else "forms"
        return COLUMN_OF_FIELD.get(problem.field, problem.field)

    def _report(self, cells: list, problems: list[Problem]) -> None:
        for problem in problems:
            column = self._column(problem, cells)
            value = problem.value if problem.value is not None else cells[POSITIONS[column]]
            self.result.error(problem.row, HEADERS[column], problem.message, cell_text(value))

    # --- the steps imports.services runs for each chunk ---------------------------------
    def parse(self, chunk: list) -> list[dict]:
        """The chunk's entries that break no rule (the others are reported)."""
        read = [(cells, *self._read(number, cells)) for number, cells in chunk]
        self.writer.load_people(self.writer.missing_people([entry for _, entry, _ in read]))
        entries = []
        check = self.writer.check
        for cells, entry, unreadable in read:
            problems = check(entry)
            if unreadable or problems:
                self._report(cells, unreadable + problems)
            else:
                entries.append(entry)
        return entries

    def lookup(self, entries: list[dict]) -> dict:
        return self.writer.lookup(entries)

    def plan_rows(self, chunk: list, entries: list[dict], stored: dict) -> HistoryPlan:
        plan = self.writer.plan(entries, stored, last_row=chunk[-1][0])
        if plan.problems:
            cells_of_row = dict(chunk)
            for problem in plan.problems:
                self._report(cells_of_row[problem.row], [problem])
        self.result.count_rows(plan.outcomes)
        return plan

    def write(self, plan: HistoryPlan) -> None:
        self.result.count_objects(self.writer.write(plan))

    def finish(self) -> None:
        """End of a written file: the audit events of the subjects still pending."""
        self.writer.finish()
