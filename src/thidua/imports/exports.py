"""Templates and exports in the import layout: an exported file re-imports unchanged.

Dates are written as dd/mm/yyyy text and CCCD as text (leading zeros kept)."""
import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.common.scope import Scope
from thidua.common.xlsx import safe_row
from thidua.imports import layout
from thidua.imports.layout import GRADE_ABBR
from thidua.organizations.models import Cluster, ClusterMembership, ClusterOffice, PartyOrg, Unit, UnitKind
from thidua.people.models import Gender, PartyMembership, Person, Posting, StaffType
from thidua.records.models import (
    Award,
    AwardKind,
    CollectiveStats,
    Discipline,
    DisciplineForm,
    Initiative,
    InitiativeLevel,
    YearRecord,
)

HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
TEMPLATE_ROWS = 5000
LISTS_SHEET = "Danh mục"
FILENAMES = {"units": "don-vi.xlsx", "people": "ca-nhan.xlsx", "history": "lich-su-thi-dua.xlsx",
             "clusters": "khoi-thi-dua.xlsx"}
LEVEL_LABEL = {"unit": "Cơ sở", "ministry": "Bộ", "national": "Toàn quốc"}


def _date_text(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


GENERAL_HELP = ("Dòng 1 là tiêu đề cột; mỗi dòng tiếp theo là một bản ghi. Nhập lại cùng một tệp không tạo bản ghi "
                "trùng. Ô để trống ở cột không bắt buộc: giữ nguyên dữ liệu đã có.")
LOOKUP_BATCH = 10_000
EXPORT_BATCH = 5000


def _help_sheet(workbook, kind: str, write_only: bool) -> None:
    """The "Hướng dẫn" sheet: each column's help, then the codes each vocabulary accepts."""
    sheet = workbook.create_sheet(layout.HELP_SHEET)
    lines = [("Cột", "Bắt buộc", "Hướng dẫn")]
    lines += [(column.header, "x" if column.required else "", column.help) for column in layout.COLUMNS[kind]]
    lines += [("", "", ""), (GENERAL_HELP, "", "")]
    for title, choices in layout.VOCABULARIES[kind]:
        lines += [("", "", ""), (title, "Ghi trong ô", "Ý nghĩa")]
        lines += [("", code, str(label)) for code, label in choices]
    for line in lines:
        sheet.append(safe_row(sheet, line))
    if write_only:   # a write-only sheet takes no widths or fonts after its rows
        return
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 100
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def template_bytes(kind: str) -> bytes:
    """An empty sheet with the header row, text columns, drop-downs, and the "Hướng dẫn" sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.SHEET_TITLES[kind]
    _help_sheet(workbook, kind, write_only=False)
    lists = workbook.create_sheet(LISTS_SHEET)   # the drop-downs' values (labels may hold commas)
    lists.sheet_state = "hidden"
    list_column = 0
    for position, column in enumerate(layout.COLUMNS[kind], start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            for row_number in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row_number, column=position).number_format = "@"
        if column.choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            for row_number, choice in enumerate(column.choices, start=1):
                lists.cell(row=row_number, column=list_column, value=choice)
            drop_down = DataValidation(
                type="list", formula1=f"'{LISTS_SHEET}'!${list_letter}$1:${list_letter}${len(column.choices)}",
                allow_blank=True, showErrorMessage=False)
            drop_down.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(drop_down)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


ERROR_HEADERS = ["Dòng", "Cột", "Giá trị trong ô", "Lỗi"]
# kinds outside the import layout: sheet title and headers (None: CLUSTER_COLUMNS)
EXTRA = {"clusters": ("Khối thi đua", None), "errors": ("Lỗi", ERROR_HEADERS)}


def write_xlsx(kind: str, rows, target=None) -> bytes | None:
    """Rows in the kind's layout to an .xlsx (bytes, or written to the `target` path)."""
    workbook = Workbook(write_only=True)
    title, headers = EXTRA.get(kind, (layout.SHEET_TITLES.get(kind), None))
    sheet = workbook.create_sheet(title)
    columns = layout.COLUMNS.get(kind) or headers or CLUSTER_COLUMNS
    for position, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = getattr(column, "width", 16)
    header_cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=getattr(column, "header", column))
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(safe_row(sheet, row))
    if kind in layout.COLUMNS:
        _help_sheet(workbook, kind, write_only=True)
    if target is not None:
        workbook.save(target)
        return None
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- rows ---------------------------------------------------------------------------------

def unit_rows(scope: Scope, unit: Unit | None = None):
    units = Unit.objects.filter(scope.units_q()).order_by("path")
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    code_of = dict(Unit.objects.values_list("id", "code"))
    for code, name, kind, parent_id, legal, valid_from in units.values_list(
            "code", "name", "kind", "parent_id", "has_legal_personality", "valid_from"):
        yield [code, name, UnitKind(kind).label if kind in UnitKind.values else kind, code_of.get(parent_id, ""), "x" if legal else "", _date_text(valid_from)]


def people_rows(scope: Scope, unit: Unit | None = None):
    persons = Person.objects.filter(scope.people_q()).order_by("unit_path", "sort_key", "id")
    if unit is not None:
        persons = persons.filter(unit_path__startswith=unit.path)
    names = {"unit_codes": dict(Unit.objects.values_list("id", "code")),
             "party_org_codes": dict(PartyOrg.objects.values_list("id", "code")),
             "genders": dict(Gender.choices), "staff_types": dict(StaffType.choices)}
    fields = ("id", "citizen_id", "full_name", "birth_date", "gender", "unit_id", "staff_type", "position",
              "is_leader", "recruited_on", "party_card_no", "party_org_id")
    batch = []
    for person in persons.values_list(*fields).iterator(chunk_size=EXPORT_BATCH):
        batch.append(person)
        if len(batch) == EXPORT_BATCH:
            yield from _people_batch(batch, **names)
            batch = []
    yield from _people_batch(batch, **names)


def _people_batch(batch, *, unit_codes, party_org_codes, genders, staff_types):
    person_ids = [person[0] for person in batch]
    open_postings = {person_id: (grade_group, start) for person_id, grade_group, start in Posting.objects.filter(
        person_id__in=person_ids, end__isnull=True, is_secondment=False).values_list(
        "person_id", "grade_group", "start")}
    joined_party = {}
    for person_id, start in PartyMembership.objects.filter(person_id__in=person_ids).values_list("person_id", "start"):
        joined_party[person_id] = min(start, joined_party.get(person_id, start))
    for (person_id, citizen_id, full_name, birth_date, gender, unit_id, staff_type, position, is_leader,
         recruited_on, party_card_no, party_org_id) in batch:
        grade_group, start = open_postings.get(person_id, ("", None))
        yield [citizen_id, full_name, _date_text(birth_date), genders.get(gender, ""), unit_codes.get(unit_id, ""),
               staff_types.get(staff_type, staff_type), position, "x" if is_leader else "", grade_group,
               _date_text(start), _date_text(recruited_on), party_card_no or "", party_org_codes.get(party_org_id, ""),
               _date_text(joined_party.get(person_id)) if party_org_id else ""]


def _subjects(scope: Scope, unit: Unit | None):
    people = Person.objects.filter(scope.people_q("view"))
    units = Unit.objects.filter(scope.units_q("view"))
    if unit is not None:
        people = people.filter(unit_path__startswith=unit.path)
        units = units.filter(path__startswith=unit.path)
    return people, units


def _subject_year_facts() -> dict:
    return {"grades": {}, "awards": defaultdict(list), "initiatives": defaultdict(list), "discipline": [],
            "stats": None}


def history_rows(scope: Scope, unit: Unit | None = None):
    """One row per subject and year, more when its awards came by several decisions or its
    initiatives are of several levels. A subject id is a person's id, or minus a unit's id."""
    people, units = _subjects(scope, unit)
    citizen_ids = dict(people.values_list("id", "citizen_id"))
    unit_codes = dict(units.values_list("id", "code"))
    facts = defaultdict(_subject_year_facts)   # (subject id, year) → its facts

    def load(model, fields):
        for attname, ids, sign in (("person_id", citizen_ids, 1), ("unit_id", unit_codes, -1)):
            keys = list(ids)
            for start in range(0, len(keys), LOOKUP_BATCH):
                yield from ((sign * found[0], *found[1:]) for found in model.objects.filter(
                    **{f"{attname}__in": keys[start:start + LOOKUP_BATCH]}).values_list(attname, *fields))

    for subject_id, year, track, grade, months in load(YearRecord, ("year", "track", "grade", "months_worked")):
        facts[(subject_id, year)]["grades"][track] = (grade, months)
    for subject_id, year, code, category, kind, decision_no, decision_date, authority in load(
            Award, ("year", "code", "category", "kind", "decision_no", "decision_date", "authority")):
        facts[(subject_id, year)]["awards"][(kind, decision_no, decision_date, authority)].append((code, category))
    for subject_id, year, title, level in load(Initiative, ("year", "title", "level")):
        facts[(subject_id, year)]["initiatives"][level].append(title)
    for subject_id, year, form, track in load(Discipline, ("year", "form", "track")):
        if track == "government":
            facts[(subject_id, year)]["discipline"].append(form)
    unit_ids = list(unit_codes)
    for start in range(0, len(unit_ids), LOOKUP_BATCH):
        for stats in CollectiveStats.objects.filter(unit_id__in=unit_ids[start:start + LOOKUP_BATCH]).values(
                "unit_id", "year", "total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank",
                "cluster_size"):
            facts[(-stats["unit_id"], stats["year"])]["stats"] = stats

    def in_file_order(key):   # people first (by CCCD), then units (by code), each by year
        subject_id, year = key
        return subject_id < 0, citizen_ids.get(subject_id, "") or unit_codes.get(-subject_id, ""), year

    for subject_id, year in sorted(facts, key=in_file_order):
        yield from _history_subject_rows(subject_id, year, facts[(subject_id, year)], citizen_ids, unit_codes)


def _history_subject_rows(subject_id, year, facts, citizen_ids, unit_codes):
    subject = [citizen_ids[subject_id], ""] if subject_id > 0 else ["", unit_codes[-subject_id]]
    decisions = sorted(facts["awards"].items(), key=lambda decision: (
        decision[0][0], decision[0][1], str(decision[0][2]), decision[0][3]))
    initiative_levels = sorted(facts["initiatives"].items())
    for line in range(max(1, len(decisions), len(initiative_levels))):
        row = subject + [year] + [""] * 19
        if line == 0:
            government, party = facts["grades"].get("government"), facts["grades"].get("party")
            row[3] = GRADE_ABBR.get(government[0], "") if government else ""
            row[4] = GRADE_ABBR.get(party[0], "") if party else ""
            row[5] = government[1] if government and government[1] is not None else ""
            row[14] = ", ".join(sorted(DisciplineForm(form).label if form in DisciplineForm.values else form
                                       for form in facts["discipline"]))
            stats = facts["stats"]
            if stats:
                row[15:22] = [stats["total"], stats["completed"], stats["ldtt"], stats["cstdcs"],
                              stats["disciplined"], stats["cluster_rank"] or "", stats["cluster_size"] or ""]
        if line < len(decisions):
            (kind, decision_no, decision_date, authority), awards = decisions[line]
            row[6] = ", ".join(sorted(code for code, category in awards if category == "title"))
            row[7] = ", ".join(sorted(code for code, category in awards if category == "form"))
            row[8] = "" if kind == "regular" else AwardKind(kind).label
            row[9], row[10], row[11] = decision_no, _date_text(decision_date), authority
        if line < len(initiative_levels):
            level, titles = initiative_levels[line]
            row[12] = "; ".join(sorted(titles))
            row[13] = LEVEL_LABEL.get(level, InitiativeLevel(level).label)
        yield row


CLUSTER_COLUMNS = ["Mã khối", "Tên khối, cụm thi đua", "Cấp tổ chức", "Mã cơ quan tổ chức", "Năm",
                   "Mã đơn vị thành viên", "Tên đơn vị thành viên", "Vai trò"]


def cluster_rows(scope: Scope):
    clusters = Cluster.objects.select_related("organizer").order_by("code")
    if not scope.is_admin:
        visible = scope.cluster_ids.get("view", set()) | scope.cluster_ids.get("edit_clusters", set())
        clusters = clusters.filter(pk__in=visible) | Cluster.objects.filter(scope.units_q(prefix="organizer__"))
    roles = {(office.cluster_id, office.unit_id, office.year): office.get_role_display()
             for office in ClusterOffice.objects.all()}
    members = defaultdict(list)
    for membership in ClusterMembership.objects.select_related("unit").order_by("year", "unit__code"):
        members[membership.cluster_id].append(membership)
    for cluster in clusters.distinct():
        for membership in members[cluster.pk] or [None]:
            organizer = cluster.organizer.code if cluster.organizer else ""
            if membership is None:
                yield [cluster.code, cluster.name, cluster.get_level_display(), organizer, "", "", "", ""]
                continue
            yield [cluster.code, cluster.name, cluster.get_level_display(), organizer, membership.year,
                   membership.unit.code, membership.unit.name,
                   roles.get((cluster.pk, membership.unit_id, membership.year), "")]


ROWS = {"units": unit_rows, "people": people_rows, "history": history_rows}


def export_bytes(kind: str, scope: Scope, unit: Unit | None = None) -> bytes:
    if kind == "clusters":
        return write_xlsx("clusters", cluster_rows(scope))
    return write_xlsx(kind, ROWS[kind](scope, unit))


def export_to(path, kind: str, scope: Scope, unit: Unit | None = None) -> None:
    rows = cluster_rows(scope) if kind == "clusters" else ROWS[kind](scope, unit)
    write_xlsx(kind, rows, target=path)


def count_history_rows(scope: Scope, unit: Unit | None = None) -> int:
    """A quick upper-bound estimate (grades) to decide whether an export should run as a job."""
    people, _units = _subjects(scope, unit)
    return YearRecord.objects.filter(person__in=people.values("id")).count()
