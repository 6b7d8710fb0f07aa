"""Validation of the eligibility JSON document: the first problem, with its JSON path."""
from __future__ import annotations

from . import codes


class InvalidDocument(ValueError):
    """The document breaks the contract. `.path` is a JSON path ($.subjects[0].id)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


E_OBJECT = "phải là một đối tượng JSON"
E_LIST = "phải là một danh sách"
E_REQUIRED = "thiếu trường bắt buộc"
E_STRING = "phải là chuỗi ký tự khác rỗng"
E_INT = "phải là số nguyên"
E_BOOL = "phải là true hoặc false"
E_YEAR = f"năm phải nằm trong khoảng {codes.MIN_YEAR}–{codes.MAX_YEAR} (ngoài phạm vi các quy định)"
E_DUP_YEAR = "năm bị trùng trong lịch sử của đối tượng"
E_DUP_ID = "mã đối tượng bị trùng"
E_KIND = "loại đối tượng không hợp lệ (individual hoặc collective)"
E_STAFF = "loại cán bộ không hợp lệ (cadre, civil_servant, public_employee, worker, armed_forces)"
E_GRADE = "mức xếp loại không hợp lệ (excellent, good, complete, incomplete)"
E_TITLE = "mã danh hiệu thi đua không hợp lệ"
E_AWARD = "mã hình thức khen thưởng không hợp lệ"
E_LEVEL = "cấp sáng kiến không hợp lệ (unit, ministry, national)"
E_DISC = ("hình thức kỷ luật không hợp lệ (null, reprimand, warning, demotion, "
          "dismissal_from_post, under_review)")
E_MONTHS = "số tháng công tác phải là số nguyên từ 0 đến 12"
E_NONNEG = "phải là số không âm"
E_LEAVE_KIND = f"loại ngày nghỉ không hợp lệ ({', '.join(codes.LEAVE_KINDS)})"
E_LEAVE_DAYS = "số ngày nghỉ phải là số từ 0 đến 366"
E_MEMBER_KEY = "trường thành viên không hợp lệ (total, completed, ldtt, cstdcs, disciplined)"
E_MEMBER_TOTAL = "không được lớn hơn tổng số thành viên (total)"
E_RANK = "thứ hạng phải là số nguyên dương"
E_RANK_SIZE = "thứ hạng không được lớn hơn số thành viên cụm, khối (cluster_size)"


def _fail(path, msg):
    raise InvalidDocument(path, msg)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _year(v, path):
    if not _is_int(v):
        _fail(path, E_INT)
    if not codes.MIN_YEAR <= v <= codes.MAX_YEAR:
        _fail(path, E_YEAR)


def _str(v, path):
    if not isinstance(v, str) or not v:
        _fail(path, E_STRING)


def _codes(v, path, allowed, err):
    if not isinstance(v, list):
        _fail(path, E_LIST)
    for k, c in enumerate(v):
        if not isinstance(c, str) or c not in allowed:
            _fail(f"{path}[{k}]", err)


def _entry(e, p):
    if not isinstance(e, dict):
        _fail(p, E_OBJECT)
    if "year" not in e:
        _fail(f"{p}.year", E_REQUIRED)
    _year(e["year"], f"{p}.year")
    for key in ("grade", "party_grade"):
        if e.get(key) is not None and (not isinstance(e[key], str) or e[key] not in codes.GRADES):
            _fail(f"{p}.{key}", E_GRADE)
    if e.get("titles") is not None:
        _codes(e["titles"], f"{p}.titles", codes.TITLES, E_TITLE)
    if e.get("awards") is not None:
        _codes(e["awards"], f"{p}.awards", codes.FORMS, E_AWARD)
    if e.get("initiatives") is not None:
        if not isinstance(e["initiatives"], list):
            _fail(f"{p}.initiatives", E_LIST)
        for k, it in enumerate(e["initiatives"]):
            ip = f"{p}.initiatives[{k}]"
            if not isinstance(it, dict):
                _fail(ip, E_OBJECT)
            if "level" not in it:
                _fail(f"{ip}.level", E_REQUIRED)
            if not isinstance(it["level"], str) or it["level"] not in codes.INITIATIVE_LEVELS:
                _fail(f"{ip}.level", E_LEVEL)
            if it.get("name") is not None and not isinstance(it["name"], str):
                _fail(f"{ip}.name", E_STRING)
    d = e.get("discipline")
    if d is not None and (not isinstance(d, str) or d not in codes.DISCIPLINES):
        _fail(f"{p}.discipline", E_DISC)
    m = e.get("months_worked")
    if m is not None and (not _is_int(m) or not 0 <= m <= 12):
        _fail(f"{p}.months_worked", E_MONTHS)
    ld = e.get("leave_days")
    if ld is not None:
        if not isinstance(ld, dict):
            _fail(f"{p}.leave_days", E_OBJECT)
        for k, v in ld.items():
            if k not in codes.LEAVE_KINDS:
                _fail(f"{p}.leave_days.{k}", E_LEAVE_KIND)
            if v is not None and (not _is_num(v) or not 0 <= v <= 366):
                _fail(f"{p}.leave_days.{k}", E_LEAVE_DAYS)
    if e.get("transferred_in") is not None and not isinstance(e["transferred_in"], bool):
        _fail(f"{p}.transferred_in", E_BOOL)
    mem = e.get("members")
    if mem is not None:
        if not isinstance(mem, dict):
            _fail(f"{p}.members", E_OBJECT)
        for k, v in mem.items():
            if k not in codes.MEMBER_FIELDS:
                _fail(f"{p}.members.{k}", E_MEMBER_KEY)
            if v is not None and (not _is_int(v) or v < 0):
                _fail(f"{p}.members.{k}", E_NONNEG)
        total = mem.get("total")
        if total is not None:
            for k in codes.MEMBER_FIELDS[1:]:
                if mem.get(k) is not None and mem[k] > total:
                    _fail(f"{p}.members.{k}", E_MEMBER_TOTAL)
    for key in ("cluster_rank", "cluster_size"):
        v = e.get(key)
        if v is not None and (not _is_int(v) or v < 1):
            _fail(f"{p}.{key}", E_RANK)
    if (e.get("cluster_rank") is not None and e.get("cluster_size") is not None
            and e["cluster_rank"] > e["cluster_size"]):
        _fail(f"{p}.cluster_rank", E_RANK_SIZE)


def _subject(s, p, seen_ids):
    if not isinstance(s, dict):
        _fail(p, E_OBJECT)
    if "id" not in s:
        _fail(f"{p}.id", E_REQUIRED)
    _str(s["id"], f"{p}.id")
    if s["id"] in seen_ids:
        _fail(f"{p}.id", E_DUP_ID)
    seen_ids.add(s["id"])
    if "kind" not in s:
        _fail(f"{p}.kind", E_REQUIRED)
    if not isinstance(s["kind"], str) or s["kind"] not in codes.KINDS:
        _fail(f"{p}.kind", E_KIND)
    st = s.get("staff_type")
    if st is not None and (not isinstance(st, str) or st not in codes.STAFF_TYPES):
        _fail(f"{p}.staff_type", E_STAFF)
    if s.get("is_leader") is not None and not isinstance(s["is_leader"], bool):
        _fail(f"{p}.is_leader", E_BOOL)
    hist = s.get("history", [])
    if hist is None:
        hist = []
    if not isinstance(hist, list):
        _fail(f"{p}.history", E_LIST)
    years = set()
    for j, e in enumerate(hist):
        _entry(e, f"{p}.history[{j}]")
        if e["year"] in years:
            _fail(f"{p}.history[{j}].year", E_DUP_YEAR)
        years.add(e["year"])


def validate_document(doc) -> None:
    """Raise InvalidDocument at the first problem; return None when the document is valid."""
    if not isinstance(doc, dict):
        _fail("$", E_OBJECT)
    for key in ("subjects", "questions"):
        if key not in doc:
            _fail(f"$.{key}", E_REQUIRED)
        if not isinstance(doc[key], list):
            _fail(f"$.{key}", E_LIST)
    seen: set = set()
    for i, s in enumerate(doc["subjects"]):
        _subject(s, f"$.subjects[{i}]", seen)
    for i, q in enumerate(doc["questions"]):
        p = f"$.questions[{i}]"
        if not isinstance(q, dict):
            _fail(p, E_OBJECT)
        for key in ("subject", "target"):
            if key not in q:
                _fail(f"{p}.{key}", E_REQUIRED)
            _str(q[key], f"{p}.{key}")
        if "year" not in q:
            _fail(f"{p}.year", E_REQUIRED)
        _year(q["year"], f"{p}.year")
