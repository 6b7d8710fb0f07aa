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


def _fail(path, message):
    raise InvalidDocument(path, message)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _year(value, path):
    if not _is_int(value):
        _fail(path, E_INT)
    if not codes.MIN_YEAR <= value <= codes.MAX_YEAR:
        _fail(path, E_YEAR)


def _str(value, path):
    if not isinstance(value, str) or not value:
        _fail(path, E_STRING)


def _codes(value, path, allowed, error):
    if not isinstance(value, list):
        _fail(path, E_LIST)
    for k, code in enumerate(value):
        if not isinstance(code, str) or code not in allowed:
            _fail(f"{path}[{k}]", error)


def _initiatives(initiatives, path):
    if not isinstance(initiatives, list):
        _fail(path, E_LIST)
    for k, initiative in enumerate(initiatives):
        at = f"{path}[{k}]"
        if not isinstance(initiative, dict):
            _fail(at, E_OBJECT)
        if "level" not in initiative:
            _fail(f"{at}.level", E_REQUIRED)
        if not isinstance(initiative["level"], str) or initiative["level"] not in codes.INITIATIVE_LEVELS:
            _fail(f"{at}.level", E_LEVEL)
        if initiative.get("name") is not None and not isinstance(initiative["name"], str):
            _fail(f"{at}.name", E_STRING)


def _leave_days(leave_days, path):
    if not isinstance(leave_days, dict):
        _fail(path, E_OBJECT)
    for kind, days in leave_days.items():
        if kind not in codes.LEAVE_KINDS:
            _fail(f"{path}.{kind}", E_LEAVE_KIND)
        if days is not None and (not _is_number(days) or not 0 <= days <= 366):
            _fail(f"{path}.{kind}", E_LEAVE_DAYS)


def _members(members, path):
    if not isinstance(members, dict):
        _fail(path, E_OBJECT)
    for name, count in members.items():
        if name not in codes.MEMBER_FIELDS:
            _fail(f"{path}.{name}", E_MEMBER_KEY)
        if count is not None and (not _is_int(count) or count < 0):
            _fail(f"{path}.{name}", E_NONNEG)
    total = members.get("total")
    if total is not None:
        for name in codes.MEMBER_FIELDS[1:]:
            if members.get(name) is not None and members[name] > total:
                _fail(f"{path}.{name}", E_MEMBER_TOTAL)


def _entry(entry, path):
    """One history entry at JSON path `path`."""
    if not isinstance(entry, dict):
        _fail(path, E_OBJECT)
    if "year" not in entry:
        _fail(f"{path}.year", E_REQUIRED)
    _year(entry["year"], f"{path}.year")
    for key in ("grade", "party_grade"):
        if entry.get(key) is not None and (not isinstance(entry[key], str) or entry[key] not in codes.GRADES):
            _fail(f"{path}.{key}", E_GRADE)
    if entry.get("titles") is not None:
        _codes(entry["titles"], f"{path}.titles", codes.TITLES, E_TITLE)
    if entry.get("awards") is not None:
        _codes(entry["awards"], f"{path}.awards", codes.FORMS, E_AWARD)
    if entry.get("initiatives") is not None:
        _initiatives(entry["initiatives"], f"{path}.initiatives")
    form = entry.get("discipline")
    if form is not None and (not isinstance(form, str) or form not in codes.DISCIPLINES):
        _fail(f"{path}.discipline", E_DISC)
    months = entry.get("months_worked")
    if months is not None and (not _is_int(months) or not 0 <= months <= 12):
        _fail(f"{path}.months_worked", E_MONTHS)
    if entry.get("leave_days") is not None:
        _leave_days(entry["leave_days"], f"{path}.leave_days")
    if entry.get("transferred_in") is not None and not isinstance(entry["transferred_in"], bool):
        _fail(f"{path}.transferred_in", E_BOOL)
    if entry.get("members") is not None:
        _members(entry["members"], f"{path}.members")
    for key in ("cluster_rank", "cluster_size"):
        value = entry.get(key)
        if value is not None and (not _is_int(value) or value < 1):
            _fail(f"{path}.{key}", E_RANK)
    if (entry.get("cluster_rank") is not None and entry.get("cluster_size") is not None
            and entry["cluster_rank"] > entry["cluster_size"]):
        _fail(f"{path}.cluster_rank", E_RANK_SIZE)


def _subject(subject, path, seen_ids):
    """One subject at JSON path `path`; `seen_ids` collects the ids met so far."""
    if not isinstance(subject, dict):
        _fail(path, E_OBJECT)
    if "id" not in subject:
        _fail(f"{path}.id", E_REQUIRED)
    _str(subject["id"], f"{path}.id")
    if subject["id"] in seen_ids:
        _fail(f"{path}.id", E_DUP_ID)
    seen_ids.add(subject["id"])
    if "kind" not in subject:
        _fail(f"{path}.kind", E_REQUIRED)
    if not isinstance(subject["kind"], str) or subject["kind"] not in codes.KINDS:
        _fail(f"{path}.kind", E_KIND)
    staff_type = subject.get("staff_type")
    if staff_type is not None and (not isinstance(staff_type, str) or staff_type not in codes.STAFF_TYPES):
        _fail(f"{path}.staff_type", E_STAFF)
    if subject.get("is_leader") is not None and not isinstance(subject["is_leader"], bool):
        _fail(f"{path}.is_leader", E_BOOL)
    history = subject.get("history", [])
    if history is None:
        history = []
    if not isinstance(history, list):
        _fail(f"{path}.history", E_LIST)
    years = set()
    for j, entry in enumerate(history):
        _entry(entry, f"{path}.history[{j}]")
        if entry["year"] in years:
            _fail(f"{path}.history[{j}].year", E_DUP_YEAR)
        years.add(entry["year"])


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
    for i, subject in enumerate(doc["subjects"]):
        _subject(subject, f"$.subjects[{i}]", seen)
    for i, question in enumerate(doc["questions"]):
        path = f"$.questions[{i}]"
        if not isinstance(question, dict):
            _fail(path, E_OBJECT)
        for key in ("subject", "target"):
            if key not in question:
                _fail(f"{path}.{key}", E_REQUIRED)
            _str(question[key], f"{path}.{key}")
        if "year" not in question:
            _fail(f"{path}.year", E_REQUIRED)
        _year(question["year"], f"{path}.year")
