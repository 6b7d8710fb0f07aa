"""Request and response shapes. Inputs refuse unknown fields so a typo never passes silently."""
import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, field_validator

from thidua.common.clean import MSG_CONTROL, code_problem, text_problem
from thidua.common.text import nfc
from thidua.organizations.models import ClusterLevel, PartyOrgKind, SuccessionKind, UnitKind
from thidua.people.models import Gender, LeaveKind, StaffType
from thidua.records import codes as record_codes
from thidua.records.models import (
    AwardKind,
    DisciplineForm,
    Grade,
    InitiativeKind,
    InitiativeLevel,
    Track,
)
from thidua.records.validators import MAX_COUNT, year_range
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

MSG_NUL = MSG_CONTROL
MAX_INT = 2**31 - 1  # the database's integer column
MSG_INT_RANGE = f"Số phải trong khoảng {-MAX_INT - 1:,} đến {MAX_INT:,}.".replace(",", ".")


def _no_nul(value):
    # PostgreSQL refuses NUL in text and Excel refuses control characters: say so as a field error
    # instead of failing in the database or in every later export; an integer beyond the database's
    # column is refused here rather than overflowing there
    if isinstance(value, str) and text_problem(value):
        raise ValueError(text_problem(value))
    if isinstance(value, int) and not isinstance(value, bool) and not -MAX_INT - 1 <= value <= MAX_INT:
        raise ValueError(MSG_INT_RANGE)
    return value


def _code_ok(value):
    """Codes of units (new or corrected): letters, digits, "-", "_", "." (common.clean)."""
    if value:
        problem = code_problem(nfc(value).upper())
        if problem:
            raise ValueError(problem)
    return value


# The rules above, written into the OpenAPI schema so that it says what is valid (schemathesis's
# positive_data_acceptance holds the API to it). Regular expressions in the common subset of
# ECMA-262 and Python.
# (lone surrogates, also refused, have no UTF-8 form and are not written in the pattern: a regex
# range of surrogates is no valid pattern for jsonschema-rs, schemathesis's validator)
_CTRL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
TEXT_PATTERN = f"^[^{_CTRL}]*$"  # common.clean.text_problem: no control character
# a required text: at least one character that is not white space (nfc folds white space away)
FILLED_PATTERN = f"^[^{_CTRL}]*[^\\s{_CTRL}][^{_CTRL}]*$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"  # common.clean.code_problem (upper-cased when stored)
CITIZEN_ID_PATTERN = r"^[0-9]{12}$"  # people.validators.CITIZEN_ID_PATTERN
DATE_RULE = ("từ 01/01/1950 đến hôm nay cộng 366 ngày (people.validators.date_range; "
             "JSON Schema không ghi được giới hạn của ngày)")


def _schema(**keywords):
    """Keywords for the OpenAPI schema only: the check itself (and its Vietnamese message) stays
    in the validators and services."""
    return {"json_schema_extra": keywords}


def code_field(default=..., *, max_length: int = 40, description: str | None = None):
    """A code (of a unit, cluster, party organisation): letters, digits, "-", "_", "."."""
    return Field(default, max_length=max_length, description=description, **_schema(pattern=CODE_PATTERN))


def filled_field(*, max_length: int, description: str | None = None):
    """A required text: not blank, no control character, at most the column's length."""
    return Field(..., max_length=max_length, description=description, **_schema(pattern=FILLED_PATTERN, minLength=1))


def _fact_years(schema: dict) -> None:
    first, last = year_range()  # computed when the schema is served: next year moves on 1 January
    schema.update(minimum=first, maximum=last)


FactYear = Annotated[int, Field(description="năm: từ năm đầu bộ quy tắc đọc đến năm sau (records.validators.year_range)",
                                json_schema_extra=_fact_years)]
AWARD_CODES = sorted(record_codes.ALL)
SCORE_PATTERN = r"^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$"


def _hundredths(value):
    """A JSON number is a binary float: 0.57 arrives as 0.5700000000000001. A float within float
    precision of a multiple of 0.01 (the schema's multipleOf) is that multiple; any other is kept
    as sent, and refused if it has more than two decimals."""
    if isinstance(value, float) and abs(value * 100 - round(value * 100)) < 1e-6:
        return Decimal(round(value * 100)) / 100
    return value


EngineYear = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"năm ({MIN_YEAR}–{MAX_YEAR})")]


def _document_rules(schema: dict, _model=None) -> None:
    """Every text property not otherwise constrained refuses control characters (TEXT_PATTERN),
    every integer one stays in the database column's range: the two rules `Clean` enforces."""

    def visit(node: dict, stated: bool = False) -> None:
        if not isinstance(node, dict) or "$ref" in node or "enum" in node or "const" in node:
            return
        stated = stated or "pattern" in node
        for alt in node.get("anyOf", []):
            visit(alt, stated)
        if node.get("type") == "string" and "format" not in node and not stated:
            node["pattern"] = TEXT_PATTERN
        if node.get("type") == "integer":
            node.setdefault("minimum", -MAX_INT - 1)
            node.setdefault("maximum", MAX_INT)
        if isinstance(node.get("items"), dict):
            visit(node["items"])
        if isinstance(node.get("additionalProperties"), dict):
            visit(node["additionalProperties"])

    for prop in schema.get("properties", {}).values():
        visit(prop)


class Clean(Schema):
    model_config = ConfigDict(json_schema_extra=_document_rules)

    @field_validator("*", mode="after")
    @classmethod
    def no_nul(cls, value):
        if isinstance(value, list):
            return [_no_nul(v) for v in value]
        if isinstance(value, dict):
            return {_no_nul(k): _no_nul(v) for k, v in value.items()}
        return _no_nul(value)


class In(Clean):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_document_rules)


class Message(Schema):
    detail: str


class FieldError(Schema):
    field: str
    message: str


class FieldErrors(Schema):
    detail: list[FieldError]


ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 422: FieldErrors}


def _code(obj) -> str | None:
    return obj.code if obj is not None else None


# --- units --------------------------------------------------------------------------------

class UnitRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: UnitKind
    parent: str | None
    depth: int
    has_legal_personality: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    is_active: bool

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return _code(obj.parent)


class LineageUnit(Schema):
    code: str
    name: str
    valid_to: datetime.date | None


class SuccessionOut(Schema):
    predecessor: str
    successor: str | None
    date: datetime.date
    kind: SuccessionKind
    decision_no: str
    note: str

    @staticmethod
    def resolve_predecessor(obj) -> str:
        return obj.predecessor.code

    @staticmethod
    def resolve_successor(obj) -> str | None:
        return _code(obj.successor)


class UnitDetail(UnitOut):
    path: str
    lineage: list[LineageUnit] = Field(..., description="các đơn vị tiền thân (hợp nhất, sáp nhập, chia tách, đổi tên)")
    came_from: list[SuccessionOut] = Field(..., description="thay đổi tạo nên đơn vị này (từ đơn vị khác)")
    went_to: list[SuccessionOut] = Field(..., description="thay đổi của đơn vị này sang đơn vị khác")


class UnitPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[UnitOut]


class UnitCreateIn(In):
    code: str = code_field()
    name: str = filled_field(max_length=255)
    kind: UnitKind
    parent: str | None = code_field(None, description="mã đơn vị cấp trên (phải có sẵn); bỏ trống: đơn vị gốc (chỉ quản trị)")
    short_name: str = Field("", max_length=80)
    has_legal_personality: bool = True
    valid_from: datetime.date | None = None

    _code = field_validator("code")(_code_ok)


class UnitPatchIn(In):
    """Either a rename (name + date, kept as a dated UnitSuccession) or attribute corrections."""

    name: str | None = Field(None, max_length=255, description="tên mới (đổi tên, cùng với date); không để trống",
                             **_schema(pattern=FILLED_PATTERN))
    date: datetime.date | None = None
    decision_no: str = Field("", max_length=80)
    code: str | None = code_field(None)
    kind: UnitKind | None = None
    short_name: str | None = Field(None, max_length=80)
    has_legal_personality: bool | None = None
    sort_order: int | None = None
    valid_from: datetime.date | None = None
    reason: str = Field("", max_length=500)

    _code = field_validator("code")(_code_ok)


class UnitMergeIn(In):
    others: list[Annotated[str, code_field()]] = Field(
        ..., description="mã các đơn vị (có sẵn) hợp nhất cùng đơn vị trên đường dẫn")
    into: str | None = code_field(None, description="sáp nhập vào đơn vị có sẵn; bỏ trống để lập đơn vị mới "
                                                      "(khi đó cần new_code, new_name)")
    new_code: str = Field("", max_length=40, **_schema(pattern=f"^$|{CODE_PATTERN}"))
    new_name: str = Field("", max_length=255)
    new_kind: UnitKind | None = None
    date: datetime.date
    decision_no: str = Field("", max_length=80)

    _code = field_validator("new_code")(_code_ok)


class SplitPart(In):
    code: str = code_field()
    name: str = filled_field(max_length=255)
    kind: UnitKind | None = None

    _code = field_validator("code")(_code_ok)


class UnitSplitIn(In):
    parts: list[SplitPart]
    date: datetime.date
    decision_no: str = Field("", max_length=80)
    assignments: dict[int, int] = Field(default_factory=dict, description="id cá nhân → chỉ số đơn vị mới (0…)",
                                        **_schema(propertyNames={"pattern": "^[0-9]{1,9}$"}))


class UnitDissolveIn(In):
    date: datetime.date
    decision_no: str = Field("", max_length=80)


# --- clusters, party organisations -------------------------------------------------------------

class ClusterOut(Schema):
    code: str
    name: str
    level: ClusterLevel
    organizer: str | None
    description: str
    n_members: int

    @staticmethod
    def resolve_organizer(obj) -> str | None:
        return _code(obj.organizer)


class ClusterYear(Schema):
    year: int
    members: list[UnitRef]
    head: UnitRef | None
    deputies: list[UnitRef]


class ClusterDetail(ClusterOut):
    years: list[ClusterYear]


class ClusterYearIn(In):
    members: list[Annotated[str, code_field()]] = Field(..., description="mã các đơn vị thành viên (có sẵn)")
    head: str | None = code_field(None, description="mã đơn vị trưởng khối (một thành viên)")
    deputies: list[Annotated[str, code_field()]] = Field(default_factory=list,
                                                         description="mã các đơn vị phó khối (thành viên)")


class PartyOrgOut(Schema):
    code: str
    name: str
    kind: PartyOrgKind
    parent: str | None
    depth: int
    unit: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return _code(obj.parent)

    @staticmethod
    def resolve_unit(obj) -> str | None:
        return _code(obj.unit)


# --- people --------------------------------------------------------------------------------

class PersonOut(Schema):
    id: int
    citizen_id: str
    full_name: str
    birth_date: datetime.date | None
    unit: UnitRef | None
    position: str
    staff_type: str
    is_leader: bool
    is_party_member: bool


class PostingOut(Schema):
    id: int
    unit: UnitRef
    position: str
    staff_type: StaffType
    is_leader: bool
    grade_group: str
    is_secondment: bool
    start: datetime.date
    end: datetime.date | None
    decision_no: str


class MembershipOut(Schema):
    id: int
    party_org: str
    card_no: str
    start: datetime.date
    end: datetime.date | None
    status: str

    @staticmethod
    def resolve_party_org(obj) -> str:
        return obj.party_org.code


class LeaveOut(Schema):
    id: int
    kind: LeaveKind
    start: datetime.date
    end: datetime.date
    note: str


class PersonDetail(PersonOut):
    party_card_no: str | None
    gender: str
    email: str
    phone: str
    recruited_on: datetime.date | None
    party_org: str | None
    postings: list[PostingOut]
    party_memberships: list[MembershipOut]
    leaves: list[LeaveOut]

    @staticmethod
    def resolve_party_org(obj) -> str | None:
        return _code(obj.party_org)

    # lists loaded once by the handler with their related rows (no query per posting)
    @staticmethod
    def resolve_postings(obj):
        return obj.postings_list

    @staticmethod
    def resolve_party_memberships(obj):
        return obj.memberships_list

    @staticmethod
    def resolve_leaves(obj):
        return obj.leaves_list


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PersonOut]


class PersonCreateIn(In):
    citizen_id: str = Field(..., description="số CCCD, 12 chữ số, chưa có trong hệ thống",
                            **_schema(pattern=CITIZEN_ID_PATTERN))
    full_name: str = filled_field(max_length=120)
    unit: str = code_field(description="mã đơn vị công tác (có sẵn, còn hiệu lực)")
    staff_type: StaffType
    start: datetime.date = Field(..., description=f"ngày bắt đầu công tác, {DATE_RULE}")
    position: str = Field("", max_length=120)
    is_leader: bool = False
    grade_group: str = Field("", max_length=60)
    birth_date: datetime.date | None = Field(None, description="từ 01/01/1900 đến trước hôm nay")
    gender: Gender | None = None
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    recruited_on: datetime.date | None = None
    party_card_no: str | None = Field(None, max_length=20)


class PersonPatchIn(In):
    full_name: str | None = Field(None, max_length=120, **_schema(pattern=FILLED_PATTERN))
    birth_date: datetime.date | None = Field(None, description="từ 01/01/1900 đến trước hôm nay")
    gender: Gender | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)
    recruited_on: datetime.date | None = Field(None, description=DATE_RULE)
    party_card_no: str | None = Field(None, max_length=20)
    reason: str = Field("", max_length=500)


class PostingIn(In):
    unit: str = code_field(description="mã đơn vị mới (có sẵn, còn hiệu lực)")
    staff_type: StaffType
    start: datetime.date = Field(..., description=f"sau ngày bắt đầu của quá trình công tác hiện tại, {DATE_RULE}")
    position: str = Field("", max_length=120)
    is_leader: bool = False
    grade_group: str = Field("", max_length=60)
    is_secondment: bool = False
    decision_no: str = Field("", max_length=80)


class LeaveIn(In):
    kind: LeaveKind
    start: datetime.date = Field(..., description=DATE_RULE)
    end: datetime.date = Field(..., description=f"từ ngày bắt đầu trở đi, {DATE_RULE}")
    note: str = Field("", max_length=255)


# --- history ---------------------------------------------------------------------------------

class FactOut(Schema):
    id: int
    year: int
    source: str
    unit: str | None = Field(None, description="với tập thể: đơn vị trong dòng kế thừa ghi nhận bản ghi")

    @staticmethod
    def resolve_unit(obj) -> str | None:
        return obj.unit.code if obj.unit_id else None


class YearRecordOut(FactOut):
    track: Track
    grade: str
    score: Decimal | None
    months_worked: int | None
    note: str


class AwardOut(FactOut):
    code: str
    category: str
    kind: AwardKind
    decision_no: str
    decision_date: datetime.date | None
    authority: str


class InitiativeOut(FactOut):
    title: str
    level: InitiativeLevel
    kind: InitiativeKind
    recognized_on: datetime.date | None
    decision_no: str


class DisciplineOut(FactOut):
    form: DisciplineForm
    track: Track
    decided_on: datetime.date | None
    served_from: datetime.date | None
    served_to: datetime.date | None
    decision_no: str


class StatsOut(Schema):
    unit: str
    year: int
    total: int
    completed: int
    ldtt: int
    cstdcs: int
    disciplined: int
    cluster_rank: int | None
    cluster_size: int | None
    source: str

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code


class HistoryYear(Schema):
    year: int
    records: list[YearRecordOut]
    awards: list[AwardOut]
    initiatives: list[InitiativeOut]
    disciplines: list[DisciplineOut]
    stats: list[StatsOut] = Field(default_factory=list)


class PersonHistory(Schema):
    person: int
    years: list[HistoryYear]


class UnitHistory(Schema):
    unit: str
    lineage: list[LineageUnit]
    years: list[HistoryYear]


class YearRecordIn(In):
    year: FactYear
    track: Track = Track.GOVERNMENT
    grade: Grade | None = None
    score: Annotated[Decimal | None, BeforeValidator(_hundredths)] = Field(
        None, max_digits=5, decimal_places=2, description="điểm từ 0 đến 100, tối đa hai chữ số thập phân",
        **_schema(anyOf=[{"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.01},
                         {"type": "string", "pattern": SCORE_PATTERN}, {"type": "null"}]))
    months_worked: int | None = Field(None, ge=0, le=12)
    note: str = Field("", max_length=255)


class AwardIn(In):
    year: FactYear
    code: str = Field(..., max_length=20, description="mã danh hiệu/hình thức (LDTT, CSTDCS, BK_BO…) dành cho "
                      "loại đối tượng (cá nhân hay tập thể)", **_schema(enum=AWARD_CODES))
    kind: AwardKind = AwardKind.REGULAR
    decision_no: str = Field("", max_length=80)
    decision_date: datetime.date | None = None
    authority: str = Field("", max_length=255)


class InitiativeIn(In):
    year: FactYear
    title: str = filled_field(max_length=500)
    level: InitiativeLevel
    kind: InitiativeKind = InitiativeKind.INITIATIVE
    recognized_on: datetime.date | None = None
    decision_no: str = Field("", max_length=80)


class DisciplineIn(In):
    year: FactYear
    form: DisciplineForm
    track: Track = Track.GOVERNMENT
    decided_on: datetime.date | None = None
    served_from: datetime.date | None = None
    served_to: datetime.date | None = None
    decision_no: str = Field("", max_length=80)


def _patch_of(schema: type[In], name: str) -> type[In]:
    """The same fields, all optional, plus the `reason` every correction needs."""
    import copy

    from pydantic import create_model

    fields = {}
    for n, f in schema.model_fields.items():
        optional = copy.copy(f)  # the same rules (lengths, patterns, ranges), null or absent allowed
        optional.default, optional.default_factory = None, None
        fields[n] = (f.annotation | None, optional)
    fields["reason"] = (str, Field(..., max_length=500, description="lý do sửa/xóa (ghi vào nhật ký)",
                                   **_schema(pattern=FILLED_PATTERN, minLength=1)))
    return create_model(name, __base__=In, **fields)


YearRecordPatch = _patch_of(YearRecordIn, "YearRecordPatch")
AwardPatch = _patch_of(AwardIn, "AwardPatch")
InitiativePatch = _patch_of(InitiativeIn, "InitiativePatch")
DisciplinePatch = _patch_of(DisciplineIn, "DisciplinePatch")


class ReasonIn(In):
    reason: str = Field(..., max_length=500, description="lý do xóa (ghi vào nhật ký)",
                        **_schema(pattern=FILLED_PATTERN, minLength=1))


class StatsIn(In):
    """Each count from 0 to `total`; cluster_rank at most cluster_size (records.validators.stats_problems)."""

    total: int = Field(..., ge=0, le=MAX_COUNT)
    completed: int = Field(..., ge=0, le=MAX_COUNT)
    ldtt: int = Field(..., ge=0, le=MAX_COUNT)
    cstdcs: int = Field(..., ge=0, le=MAX_COUNT)
    disciplined: int = Field(..., ge=0, le=MAX_COUNT)
    cluster_rank: int | None = Field(None, ge=1, le=MAX_COUNT)
    cluster_size: int | None = Field(None, ge=1, le=MAX_COUNT)


# --- audit --------------------------------------------------------------------------------

class AuditOut(Schema):
    id: int
    at: datetime.datetime
    actor: str = Field(..., alias="actor_label")
    action: str
    verb: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None
    reason: str
