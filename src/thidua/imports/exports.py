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
from thidua.imports import layout
from thidua.imports.layout import GRADE_ABBR
from thidua.organizations.models import Cluster, ClusterMembership, ClusterOffice, PartyOrg, Unit
from thidua.people.models import Gender, PartyMembership, Person, Posting, StaffType
from thidua.records.models import (
    Award,
    CollectiveStats,
    Discipline,
    Initiative,
    InitiativeLevel,
    YearRecord,
)

HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
TEMPLATE_ROWS = 5000
FILENAMES = {"units": "don-vi.xlsx", "people": "ca-nhan.xlsx", "history": "lich-su-thi-dua.xlsx",
             "clusters": "khoi-thi-dua.xlsx"}
LEVEL_LABEL = {"unit": "Cơ sở", "ministry": "Bộ", "national": "Toàn quốc"}


def _d(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


GENERAL_HELP = ("Dòng 1 là tiêu đề cột; mỗi dòng tiếp theo là một bản ghi. Nhập lại cùng một tệp không tạo bản ghi "
                "trùng. Ô để trống ở cột không bắt buộc: giữ nguyên dữ liệu đã có.")


def _help_sheet(wb, kind: str, write_only: bool) -> None:
    ws = wb.create_sheet(layout.HELP_SHEET)
    rows = [("Cột", "Bắt buộc", "Hướng dẫn")]
    rows += [(c.header, "x" if c.required else "", c.help) for c in layout.COLUMNS[kind]]
    rows += [("", "", ""), (GENERAL_HELP, "", "")]
    for title, choices in layout.VOCABULARIES[kind]:
        rows += [("", "", ""), (title, "Mã", "Ý nghĩa")]
        rows += [("", code, str(label)) for code, label in choices]
    if write_only:
        for r in rows:
            ws.append(list(r))
        return
    for r in rows:
        ws.append(list(r))
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 100
    for cell in ws[1]:
        cell.font = Font(bold=True)


def template_bytes(kind: str) -> bytes:
    """An empty sheet with the header row, text columns, drop-downs, and the "Hướng dẫn" sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = layout.SHEET_TITLES[kind]
    for i, col in enumerate(layout.COLUMNS[kind], start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=r, column=i).number_format = "@"
        if col.choices and len(",".join(col.choices)) < 250:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                showErrorMessage=False)
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    _help_sheet(wb, kind, write_only=False)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ERROR_HEADERS = ["Dòng", "Cột", "Giá trị trong ô", "Lỗi"]
EXTRA = {"clusters": ("Khối thi đua", None), "errors": ("Lỗi", ERROR_HEADERS)}


def write_xlsx(kind: str, rows, target=None) -> bytes | None:
    """Rows in the kind's layout to an .xlsx (bytes, or written to the `target` path)."""
    wb = Workbook(write_only=True)
    title, cols = EXTRA.get(kind, (layout.SHEET_TITLES.get(kind), None))
    ws = wb.create_sheet(title)
    cols = layout.COLUMNS.get(kind) or cols or CLUSTER_COLUMNS
    for i, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = getattr(col, "width", 16)
    head = []
    for col in cols:
        c = WriteOnlyCell(ws, value=getattr(col, "header", col))
        c.font, c.fill = Font(bold=True), HEAD_FILL
        head.append(c)
    ws.append(head)
    for row in rows:
        ws.append(row)
    if kind in layout.COLUMNS:
        _help_sheet(wb, kind, write_only=True)
    if target is not None:
        wb.save(target)
        return None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- rows ---------------------------------------------------------------------------------

def _root_path(scope: Scope, unit: Unit | None) -> str:
    return unit.path if unit is not None else ""


def unit_rows(scope: Scope, unit: Unit | None = None):
    qs = Unit.objects.filter(scope.units_q()).order_by("path")
    if unit is not None:
        qs = qs.filter(path__startswith=unit.path)
    codes = dict(Unit.objects.values_list("id", "code"))
    for u in qs.values_list("code", "name", "kind", "parent_id", "has_legal_personality", "valid_from"):
        code, name, kind, parent_id, legal, valid_from = u
        yield [code, name, kind, codes.get(parent_id, ""), "x" if legal else "", _d(valid_from)]


def people_rows(scope: Scope, unit: Unit | None = None):
    qs = Person.objects.filter(scope.people_q()).order_by("unit_path", "name_folded", "id")
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    units = dict(Unit.objects.values_list("id", "code"))
    orgs = dict(PartyOrg.objects.values_list("id", "code"))
    genders, staff = dict(Gender.choices), dict(StaffType.choices)
    fields = ("id", "citizen_id", "full_name", "birth_date", "gender", "unit_id", "staff_type", "position",
              "is_leader", "recruited_on", "party_card_no", "party_org_id")
    batch = []
    for p in qs.values_list(*fields).iterator(chunk_size=5000):
        batch.append(p)
        if len(batch) == 5000:
            yield from _people_batch(batch, units, orgs, genders, staff)
            batch = []
    yield from _people_batch(batch, units, orgs, genders, staff)


def _people_batch(batch, units, orgs, genders, staff):
    ids = [p[0] for p in batch]
    postings = {pid: (g, s) for pid, g, s in Posting.objects.filter(
        person_id__in=ids, end__isnull=True, is_secondment=False).values_list("person_id", "grade_group", "start")}
    joined = {}
    for pid, start in PartyMembership.objects.filter(person_id__in=ids).values_list("person_id", "start"):
        joined[pid] = min(start, joined.get(pid, start))
    for pk, cccd, name, birth, gender, unit_id, st, pos, lead, rec, card, org_id in batch:
        group, start = postings.get(pk, ("", None))
        yield [cccd, name, _d(birth), genders.get(gender, ""), units.get(unit_id, ""), staff.get(st, st), pos,
               "x" if lead else "", group, _d(start), _d(rec), card or "", orgs.get(org_id, ""),
               _d(joined.get(pk)) if org_id else ""]


def _subjects(scope: Scope, unit: Unit | None):
    people = Person.objects.filter(scope.people_q("view"))
    units = Unit.objects.filter(scope.units_q("view"))
    if unit is not None:
        people = people.filter(unit_path__startswith=unit.path)
        units = units.filter(path__startswith=unit.path)
    return people, units


def history_rows(scope: Scope, unit: Unit | None = None):
    people, units = _subjects(scope, unit)
    cccd = dict(people.values_list("id", "citizen_id"))
    ucode = dict(units.values_list("id", "code"))
    facts = defaultdict(lambda: {"yr": {}, "awards": defaultdict(list), "init": defaultdict(list), "disc": [],
                                 "stats": None})

    def load(model, fields):
        for attr, ids, sign in (("person_id", cccd, 1), ("unit_id", ucode, -1)):
            keys = list(ids)
            for i in range(0, len(keys), 10_000):
                yield from ((sign * r[0], *r[1:]) for r in model.objects.filter(
                    **{f"{attr}__in": keys[i:i + 10_000]}).values_list(attr, *fields))

    for sid, year, track, grade, months in load(YearRecord, ("year", "track", "grade", "months_worked")):
        facts[(sid, year)]["yr"][track] = (grade, months)
    for sid, year, code, category, kind, no, date, auth in load(
            Award, ("year", "code", "category", "kind", "decision_no", "decision_date", "authority")):
        facts[(sid, year)]["awards"][(kind, no, date, auth)].append((code, category))
    for sid, year, title, level in load(Initiative, ("year", "title", "level")):
        facts[(sid, year)]["init"][level].append(title)
    for sid, year, form, track in load(Discipline, ("year", "form", "track")):
        if track == "government":
            facts[(sid, year)]["disc"].append(form)
    uids = list(ucode)
    for i in range(0, len(uids), 10_000):
        for s in CollectiveStats.objects.filter(unit_id__in=uids[i:i + 10_000]).values(
                "unit_id", "year", "total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank", "cluster_size"):
            facts[(-s["unit_id"], s["year"])]["stats"] = s
    for (sid, year) in sorted(facts, key=lambda k: (k[0] < 0, cccd.get(k[0], "") or ucode.get(-k[0], ""), k[1])):
        yield from _history_subject_rows(sid, year, facts[(sid, year)], cccd, ucode)


def _history_subject_rows(sid, year, f, cccd, ucode):
    subject = [cccd[sid], ""] if sid > 0 else ["", ucode[-sid]]
    groups = sorted(f["awards"].items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]), kv[0][3]))
    inits = sorted(f["init"].items())
    n = max(1, len(groups), len(inits))
    for i in range(n):
        row = subject + [year] + [""] * 19
        if i == 0:
            gov, party = f["yr"].get("government"), f["yr"].get("party")
            row[3] = GRADE_ABBR.get(gov[0], "") if gov else ""
            row[4] = GRADE_ABBR.get(party[0], "") if party else ""
            row[5] = gov[1] if gov and gov[1] is not None else ""
            row[14] = ", ".join(sorted(f["disc"]))
            s = f["stats"]
            if s:
                row[15:22] = [s["total"], s["completed"], s["ldtt"], s["cstdcs"], s["disciplined"],
                              s["cluster_rank"] or "", s["cluster_size"] or ""]
        if i < len(groups):
            (kind, no, date, auth), items = groups[i]
            row[6] = ", ".join(sorted(c for c, cat in items if cat == "title"))
            row[7] = ", ".join(sorted(c for c, cat in items if cat == "form"))
            row[8] = "" if kind == "regular" else kind
            row[9], row[10], row[11] = no, _d(date), auth
        if i < len(inits):
            level, titles = inits[i]
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
    roles = {(o.cluster_id, o.unit_id, o.year): o.get_role_display() for o in ClusterOffice.objects.all()}
    members = defaultdict(list)
    for m in ClusterMembership.objects.select_related("unit").order_by("year", "unit__code"):
        members[m.cluster_id].append(m)
    for c in clusters.distinct():
        for m in members[c.pk] or [None]:
            yield [c.code, c.name, c.get_level_display(), c.organizer.code if c.organizer else "",
                   m.year if m else "", m.unit.code if m else "", m.unit.name if m else "",
                   roles.get((c.pk, m.unit_id, m.year), "") if m else ""]


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
