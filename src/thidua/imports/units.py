"""Importing units: validate the whole file (parents may come before or after children), then write.

The permissions are organizations.permissions' (UNIT_CREATE under the nearest stored ancestor,
UNIT_EDIT for a stored unit) with their message; a closed parent is refused with the service's
message. The other checks are the file's own (a code's format, cycles and parents within the
file). Units have no bulk writer in organizations yet: the writing is here, with the shared
low-level helpers of people.bulk."""
import re
from types import SimpleNamespace

from thidua.audit.bulk import AuditLog
from thidua.audit.models import AuditEvent
from thidua.common.bulk import insert_rows, update_rows
from thidua.common.clean import text_problem
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN
from thidua.common.permissions import allowed
from thidua.common.scope import Scope
from thidua.common.text import fold
from thidua.imports import reader
from thidua.imports.layout import UNIT_COLUMNS
from thidua.imports.result import ImportResult, cell_text
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.permissions import UNIT_CREATE, UNIT_EDIT
from thidua.organizations.services import MSG_PARENT_CLOSED

MSG_REQUIRED = "Cần ghi ô này."
MSG_TOO_LONG = "Dài quá {limit} ký tự."
MSG_CHOICE = "Không có trong danh sách chọn của cột này."
MSG_CODE_FORMAT = "Mã đơn vị chỉ gồm chữ không dấu, số và các ký tự _ . - (tối đa 40 ký tự)."
MSG_PARENT_UNKNOWN = "Mã đơn vị cấp trên không có trong hệ thống, cũng không có trong tệp."
MSG_REPEATED = "Mã đơn vị trùng với dòng {row}."
MSG_CYCLE = "Đơn vị cấp trên tạo thành vòng lặp (đơn vị là cấp trên của chính nó)."
MSG_PARENT_CHANGE = ("Đơn vị {code} đang trực thuộc {old}: không đổi đơn vị cấp trên qua nhập Excel, "
                     "hãy dùng chức năng chuyển đơn vị.")

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]{0,39}$")  # the rule of common.clean.code_problem, 40 at most
NAME_LIMIT = Unit._meta.get_field("name").max_length
HEADERS = {column.key: column.header for column in UNIT_COLUMNS}
POSITIONS = {column.key: position for position, column in enumerate(UNIT_COLUMNS)}
KIND_BY_WORD = {fold(code): code for code in UnitKind.values} | {fold(label): code for code, label in UnitKind.choices}
COLUMNS = ["code", "name", "name_folded", "short_name", "kind", "parent_id", "path", "depth",
           "has_legal_personality", "valid_from", "valid_to", "sort_order"]
UPDATED_COLUMNS = ["name", "name_folded", "kind", "has_legal_personality", "valid_from"]
LOOKUP_BATCH = 10_000


class UnitsImport:
    """The whole file is one chunk: parse it, read the stored units it names, plan, write."""
    can_overlap = False

    def __init__(self, *, actor: Actor, scope: Scope, result: ImportResult):
        self.actor, self.scope, self.result = actor, scope, result

    def _error(self, number: int, column: str, message: str, cells: list) -> None:
        self.result.error(number, HEADERS[column], message, cell_text(cells[POSITIONS[column]]))

    # --- reading ---------------------------------------------------------------------
    def _read(self, number: int, cells: list) -> dict | None:
        """The row's values, or None when a cell is missing or unreadable (reported)."""
        problems = []
        code = reader.code(cells[0])
        if not code:
            problems.append(("code", MSG_REQUIRED))
        elif not CODE_PATTERN.match(code):
            problems.append(("code", MSG_CODE_FORMAT))
        name = reader.text(cells[1])
        if not name:
            problems.append(("name", MSG_REQUIRED))
        elif len(name) > NAME_LIMIT:
            problems.append(("name", MSG_TOO_LONG.format(label=HEADERS["name"], limit=NAME_LIMIT)))
        elif text_problem(name):
            problems.append(("name", text_problem(name)))
        kind = KIND_BY_WORD.get(fold(reader.text(cells[2])))
        if kind is None:
            problems.append(("kind", MSG_CHOICE if cells[2] is not None
                             else MSG_REQUIRED))
        row = {"row": number, "cells": cells, "code": code, "name": name, "kind": kind,
               "parent": reader.code(cells[3])}
        for column, parse in (("legal", reader.flag), ("valid_from", reader.date)):
            try:
                row[column] = parse(cells[POSITIONS[column]], HEADERS[column])
            except reader.CellError as exc:
                problems.append((column, str(exc)))
        for column, message in problems:
            self._error(number, column, message, cells)
        return None if problems else row

    def parse(self, chunk: list) -> dict[str, dict]:
        """Code → row, for the readable rows (a code twice: the later row is reported)."""
        rows, first_row = {}, {}
        for number, cells in chunk:
            row = self._read(number, cells)
            if row is None:
                continue
            if row["code"] in first_row:
                self._error(number, "code", MSG_REPEATED.format(row=first_row[row["code"]]), cells)
                continue
            first_row[row["code"]] = number
            rows[row["code"]] = row
        return rows

    def lookup(self, rows: dict[str, dict]) -> tuple[dict, dict]:
        """The stored units the file names (as codes or parents), by code and by id (with their parents)."""
        codes = list(set(rows) | {row["parent"] for row in rows.values() if row["parent"]})
        by_code, by_id = {}, {}
        for start in range(0, len(codes), LOOKUP_BATCH):
            for unit in Unit.objects.filter(code__in=codes[start:start + LOOKUP_BATCH]).values("id", *COLUMNS):
                by_code[unit["code"]] = unit
                by_id[unit["id"]] = unit
        parent_ids = {unit["parent_id"] for unit in by_code.values()
                      if unit["parent_id"] and unit["parent_id"] not in by_id}
        for unit in Unit.objects.filter(id__in=parent_ids).values("id", *COLUMNS):
            by_id[unit["id"]] = unit
        return by_code, by_id

    # --- planning --------------------------------------------------------------------
    def _check_parents(self, rows: dict, stored: dict) -> None:
        """Unknown or closed parents, and cycles inside the file (the row is marked "bad")."""
        for row in rows.values():
            parent = row["parent"]
            if parent and parent not in rows and parent not in stored:
                self._error(row["row"], "parent", MSG_PARENT_UNKNOWN, row["cells"])
                row["bad"] = True
            elif parent and parent not in rows and stored[parent]["valid_to"] is not None:
                self._error(row["row"], "parent", MSG_PARENT_CLOSED, row["cells"])
                row["bad"] = True
        for row in rows.values():
            visited, node = set(), row
            while node is not None and node["parent"] in rows:
                if node["code"] in visited:
                    self._error(row["row"], "parent", MSG_CYCLE, row["cells"])
                    row["bad"] = True
                    break
                visited.add(node["code"])
                node = rows[node["parent"]]

    @staticmethod
    def _stored_ancestor(row: dict, rows: dict, stored: dict) -> dict | None:
        """The nearest stored ancestor of a new unit (None: it hangs at the root)."""
        node, hops = row, 0
        while node["parent"] in rows and hops <= len(rows):
            if node["parent"] in stored:
                return stored[node["parent"]]
            node, hops = rows[node["parent"]], hops + 1
        return stored.get(node["parent"])

    def plan_rows(self, chunk: list, rows: dict, found: tuple) -> dict:
        stored, stored_by_id = found
        self._check_parents(rows, stored)
        plan = {"create": [], "update": []}
        for row in rows.values():
            if row.get("bad"):
                continue
            current = stored.get(row["code"])
            if current is not None:
                self._plan_update(row, current, stored_by_id, plan)
                continue
            ancestor = self._stored_ancestor(row, rows, stored)
            under = SimpleNamespace(path=ancestor["path"]) if ancestor is not None else None
            if not allowed(self.scope, UNIT_CREATE, under):
                self._error(row["row"], "parent", MSG_FORBIDDEN, row["cells"])
                continue
            row["parent_id"] = stored[row["parent"]]["id"] if row["parent"] in stored else None
            plan["create"].append(row)
            self.result.count_row(True, False)
        return plan

    def _plan_update(self, row: dict, current: dict, stored_by_id: dict, plan: dict) -> None:
        if not allowed(self.scope, UNIT_EDIT, SimpleNamespace(path=current["path"])):
            self._error(row["row"], "code", MSG_FORBIDDEN, row["cells"])
            return
        old_parent = stored_by_id[current["parent_id"]]["code"] if current["parent_id"] else ""
        if row["parent"] != old_parent:
            message = MSG_PARENT_CHANGE.format(code=row["code"], old=old_parent or "—")
            self._error(row["row"], "parent", message, row["cells"])
            return
        changed = dict(current, name=row["name"], name_folded=fold(row["name"]), kind=row["kind"],
                       has_legal_personality=bool(row["legal"]))
        if row["valid_from"] is not None:
            changed["valid_from"] = row["valid_from"]
        differs = any(changed[name] != current[name] for name in ("name", "kind", "has_legal_personality",
                                                                   "valid_from"))
        if differs:
            plan["update"].append((current, changed))
        self.result.count_row(False, differs)

    # --- writing ---------------------------------------------------------------------
    def write(self, plan: dict) -> None:
        audit = AuditLog(self.actor, "import")
        ids_by_code = {}
        pending = {row["code"]: row for row in plan["create"]}
        created = []
        while pending:   # parents first: a level at a time
            level = [row for row in pending.values() if row["parent"] not in pending or row["parent_id"]]
            new_units = []
            for row in level:
                new_units.append({
                    "code": row["code"], "name": row["name"], "name_folded": fold(row["name"]), "short_name": "",
                    "kind": row["kind"], "parent_id": row["parent_id"] or ids_by_code.get(row["parent"]),
                    "path": "", "depth": 0, "has_legal_personality": bool(row["legal"]),
                    "valid_from": row["valid_from"], "valid_to": None, "sort_order": 0})
            insert_rows(Unit, new_units)
            for unit in new_units:
                ids_by_code[unit["code"]] = unit["id"]
                pending.pop(unit["code"])
            created.extend(new_units)
        _set_paths(created)
        for unit in created:
            audit.add(AuditEvent.CREATE, Unit, unit, subject=f"organizations.unit:{unit['id']}", label=unit["name"])
        update_rows(Unit, [changed for _, changed in plan["update"]], UPDATED_COLUMNS)
        for current, changed in plan["update"]:
            audit.add(AuditEvent.UPDATE, Unit, changed, before=current, subject=f"organizations.unit:{current['id']}",
                      label=changed["name"])
        self.result.count_object("create", "organizations.unit", len(created))
        self.result.count_object("update", "organizations.unit", len(plan["update"]))
        audit.flush()


def _set_paths(created: list[dict]) -> None:
    parent_ids = {unit["parent_id"] for unit in created if unit["parent_id"]}
    paths = dict(Unit.objects.filter(id__in=parent_ids).values_list("id", "path"))
    for unit in created:   # created is in level order, so a parent's path is known before its children's
        base = paths.get(unit["parent_id"], "/") if unit["parent_id"] else "/"
        unit["path"] = f"{base}{unit['id']}/"
        unit["depth"] = unit["path"].count("/") - 2
        paths[unit["id"]] = unit["path"]
    update_rows(Unit, created, ["path", "depth"])
