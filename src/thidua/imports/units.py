"""Importing units: validate the whole file (parents may come before or after children), then write."""
import re

from thidua.common.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.common.text import fold
from thidua.imports import reader as rd
from thidua.imports.layout import UNIT_COLUMNS
from thidua.imports.result import (
    MSG_CHOICE,
    MSG_DUP_IN_FILE,
    MSG_OUT_OF_SCOPE,
    MSG_REQUIRED,
    MSG_TOO_LONG,
    MSG_UNIT_CLOSED,
    MSG_UNIT_UNKNOWN,
    ImportResult,
)
from thidua.imports.writer import AuditLog, insert_rows, update_rows
from thidua.organizations.models import Unit, UnitKind

MSG_CODE_FORMAT = "mã đơn vị chỉ gồm chữ không dấu, số và các ký tự _ . - (tối đa 40 ký tự): {code}"
MSG_CYCLE = "đơn vị cấp trên tạo thành vòng lặp (đơn vị là cấp trên của chính nó)"
MSG_PARENT_CHANGE = ("đơn vị {code} đang trực thuộc {old}: không đổi đơn vị cấp trên qua nhập Excel, "
                     "hãy dùng chức năng chuyển đơn vị")
MSG_ROOT_ADMIN = "chỉ quản trị hệ thống được tạo đơn vị gốc (không có đơn vị cấp trên)"

CODE_RE = re.compile(r"^[A-Z0-9_.\-]{1,40}$")
H = {c.key: c.header for c in UNIT_COLUMNS}
KIND_BY_WORD = {**{fold(v): v for v in UnitKind.values}, **{fold(lab): v for v, lab in UnitKind.choices}}
FIELDS = ["code", "name", "name_folded", "short_name", "kind", "parent_id", "path", "depth",
          "has_legal_personality", "valid_from", "valid_to", "sort_order"]


def _parse(number: int, v: list, result: ImportResult) -> dict | None:
    ok = True

    def err(key, msg):
        nonlocal ok
        ok = False
        result.error(number, H[key], msg)

    code = rd.code(v[0])
    if not code:
        err("code", MSG_REQUIRED.format(label=H["code"]))
    elif not CODE_RE.match(code):
        err("code", MSG_CODE_FORMAT.format(code=code))
    name = rd.text(v[1])
    if not name:
        err("name", MSG_REQUIRED.format(label=H["name"]))
    elif len(name) > 255:
        err("name", MSG_TOO_LONG.format(label=H["name"], n=255))
    kind = KIND_BY_WORD.get(fold(rd.text(v[2])))
    if kind is None:
        err("kind", MSG_CHOICE.format(label=H["kind"], value=rd.text(v[2])) if v[2] is not None
            else MSG_REQUIRED.format(label=H["kind"]))
    out = {"row": number, "code": code, "name": name, "kind": kind, "parent": rd.code(v[3])}
    for key, i, parser in (("legal", 4, rd.flag), ("valid_from", 5, rd.date)):
        try:
            out[key] = parser(v[i], H[key].lower())
        except rd.CellError as exc:
            err(key, str(exc))
    return out if ok else None


def _load_existing(codes: set[str]) -> tuple[dict, dict]:
    by_code, by_id = {}, {}
    codes = list(codes)
    for i in range(0, len(codes), 10_000):
        for u in Unit.objects.filter(code__in=codes[i:i + 10_000]).values("id", *FIELDS):
            by_code[u["code"]] = u
            by_id[u["id"]] = u
    parent_ids = {u["parent_id"] for u in by_code.values() if u["parent_id"] and u["parent_id"] not in by_id}
    for u in Unit.objects.filter(id__in=parent_ids).values("id", *FIELDS):
        by_id[u["id"]] = u
    return by_code, by_id


def _check_parents(rows: dict, existing: dict, result: ImportResult) -> None:
    """Unknown/closed parents and cycles inside the file."""
    for r in list(rows.values()):
        p = r["parent"]
        if p and p not in rows and p not in existing:
            result.error(r["row"], H["parent"], MSG_UNIT_UNKNOWN.format(code=p))
            r["bad"] = True
        elif p and p not in rows and existing[p]["valid_to"] is not None:
            result.error(r["row"], H["parent"], MSG_UNIT_CLOSED.format(code=p))
            r["bad"] = True
    for r in rows.values():
        seen, node = set(), r
        while node is not None and node["parent"] in rows:
            if node["code"] in seen:
                result.error(r["row"], H["parent"], MSG_CYCLE)
                r["bad"] = True
                break
            seen.add(node["code"])
            node = rows[node["parent"]]


def _anchor(r: dict, rows: dict, existing: dict) -> dict | None:
    """The nearest existing ancestor of a new unit (None: it hangs at the root)."""
    node, hops = r, 0
    while node["parent"] in rows and hops <= len(rows):
        if node["parent"] in existing:
            return existing[node["parent"]]
        node, hops = rows[node["parent"]], hops + 1
    return existing.get(node["parent"])


def plan_units(scope: Scope, rows, result: ImportResult) -> dict:
    parsed, first = {}, {}
    for number, values in rows:
        r = _parse(number, values, result)
        if r is None:
            continue
        if r["code"] in first:
            result.error(number, H["code"], MSG_DUP_IN_FILE.format(what=f"mã đơn vị {r['code']}", row=first[r["code"]]))
            continue
        first[r["code"]] = number
        parsed[r["code"]] = r
    existing, by_id = _load_existing(set(parsed) | {r["parent"] for r in parsed.values() if r["parent"]})
    _check_parents(parsed, existing, result)
    plan = {"create": [], "update": []}
    for r in parsed.values():
        if r.get("bad"):
            continue
        cur = existing.get(r["code"])
        if cur is None:
            anchor = _anchor(r, parsed, existing)
            if anchor is None and not scope.is_admin:
                result.error(r["row"], H["parent"], MSG_ROOT_ADMIN)
            elif anchor is not None and not scope.can_unit(_U(anchor), "edit_units"):
                result.error(r["row"], H["parent"], MSG_OUT_OF_SCOPE.format(code=anchor["code"]))
            else:
                r["parent_id"] = existing[r["parent"]]["id"] if r["parent"] in existing else None
                plan["create"].append(r)
                result.count_row(True, False)
            continue
        _plan_update(scope, r, cur, by_id, plan, result)
    return plan


class _U:
    """A stand-in with `.path` for Scope.can_unit on a values() dict."""

    def __init__(self, row: dict):
        self.path = row["path"]


def _plan_update(scope: Scope, r: dict, cur: dict, by_id: dict, plan: dict, result: ImportResult) -> None:
    if not scope.can_unit(_U(cur), "edit_units"):
        result.error(r["row"], H["code"], MSG_OUT_OF_SCOPE.format(code=r["code"]))
        return
    old_parent = by_id[cur["parent_id"]]["code"] if cur["parent_id"] else ""
    if r["parent"] != old_parent:
        result.error(r["row"], H["parent"], MSG_PARENT_CHANGE.format(code=r["code"], old=old_parent or "—"))
        return
    new = dict(cur, name=r["name"], name_folded=fold(r["name"]), kind=r["kind"])
    new["has_legal_personality"] = bool(r["legal"])
    if r["valid_from"] is not None:
        new["valid_from"] = r["valid_from"]
    changed = any(new[k] != cur[k] for k in ("name", "kind", "has_legal_personality", "valid_from"))
    if changed:
        plan["update"].append((cur, new))
    result.count_row(False, changed)


def write_units(actor, plan: dict, result: ImportResult) -> None:
    log = AuditLog(actor)
    ids = {}
    pending = {r["code"]: r for r in plan["create"]}
    created = []
    while pending:   # parents first: a level at a time
        level = [r for r in pending.values() if r["parent"] not in pending or r["parent_id"]]
        rows = []
        for r in level:
            parent_id = r["parent_id"] or ids.get(r["parent"])
            rows.append({"code": r["code"], "name": r["name"], "name_folded": fold(r["name"]), "short_name": "",
                         "kind": r["kind"], "parent_id": parent_id, "path": "", "depth": 0,
                         "has_legal_personality": bool(r["legal"]),
                         "valid_from": r["valid_from"], "valid_to": None, "sort_order": 0})
        insert_rows(Unit, rows)
        for row in rows:
            ids[row["code"]] = row["id"]
            pending.pop(row["code"])
        created.extend(rows)
    _set_paths(created)
    for row in created:
        log.add(AuditEvent.CREATE, Unit, row, subject=f"organizations.unit:{row['id']}", repr_=row["name"])
    updates = [new for _, new in plan["update"]]
    update_rows(Unit, updates, ["name", "name_folded", "kind", "has_legal_personality", "valid_from"])
    for cur, new in plan["update"]:
        log.add(AuditEvent.UPDATE, Unit, new, before=cur, subject=f"organizations.unit:{cur['id']}", repr_=new["name"])
    result.count_object("create", "organizations.unit", len(created))
    result.count_object("update", "organizations.unit", len(updates))
    log.flush()


def _set_paths(created: list[dict]) -> None:
    parent_ids = {r["parent_id"] for r in created if r["parent_id"]}
    paths = dict(Unit.objects.filter(id__in=parent_ids).values_list("id", "path"))
    for row in created:   # created is in level order, so a parent's path is known before its children's
        base = paths.get(row["parent_id"], "/") if row["parent_id"] else "/"
        row["path"] = f"{base}{row['id']}/"
        row["depth"] = row["path"].count("/") - 2
        paths[row["id"]] = row["path"]
    update_rows(Unit, created, ["path", "depth"])
