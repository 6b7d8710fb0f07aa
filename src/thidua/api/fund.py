"""/api/v1/fund/: the commendation fund — bonus computation, a ledger with its balance, the yearly
settlement, and the entries an officer writes (allocation, contribution, bonus payment)."""
import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema, Status

from thidua.api import helpers as h
from thidua.api.schemas import ERRORS, Clean, In
from thidua.fund import selectors as sel
from thidua.fund import services as svc
from thidua.fund.models import FundEntry
from thidua.rules import bonus as bonus_rules
from thidua.rules import fund as fund_rules
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

router = Router(tags=["fund"])

AwardCode = Literal[tuple(bonus_rules.award_codes())]  # type: ignore[valid-type]
SubjectKind = Literal["individual", "collective"]
CapBasis = Literal[tuple(b.code for b in fund_rules.CAP_BASES)]  # type: ignore[valid-type]
MSG_COEF = "Hệ số là một số có tối đa hai chữ số thập phân, ví dụ 0,6."
COEF_PATTERN = r"^\d{1,4}([.,]\d{1,2})?$"


class BonusQuery(Clean):
    award_code: AwardCode = Field(description="mã danh hiệu, hình thức (như trong danh mục xét danh hiệu)")
    subject_kind: SubjectKind = Field("individual", description="individual (cá nhân) | collective (tập thể)")
    decision_date: datetime.date = Field(description="ngày quyết định khen thưởng (mức lương cơ sở có hiệu lực ngày này)")
    count: int = Field(1, ge=1, le=bonus_rules.MAX_COUNT, description="số cá nhân hoặc tập thể")
    posthumous: bool = Field(False, description="truy tặng (chỉ với Bằng khen, Huân chương)")
    coefficient: str | None = Field(None, pattern=COEF_PATTERN,
                                    description="hệ số do người quyết định chọn, chỉ với hình thức có mức tối đa "
                                                "(Kỷ niệm chương), ví dụ 0,6")


class BonusOut(Schema):
    award_code: str
    award_name: str
    subject_kind: str
    decision_date: datetime.date
    count: int
    coefficient: str = Field(description="hệ số, viết kiểu Việt Nam (0,3)")
    base_salary: int = Field(description="mức lương cơ sở có hiệu lực ngày quyết định (đồng)")
    base_salary_instrument: str
    per_subject: int = Field(description="tiền thưởng mỗi đối tượng, đã làm tròn lên hàng chục nghìn đồng")
    total: int
    explanation: str
    basis: str


class EntryOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: datetime.date
    amount: int
    signed_amount: int = Field(description="dương: thu; âm: chi")
    description: str
    counterparty: str
    decision_no: str
    decision_date: datetime.date | None
    decision_issuer: str | None = Field(None, description="mã đơn vị ra quyết định")
    decision_ref: str
    award_code: str
    subject_kind: str
    subjects: list[str]
    per_subject: int | None
    basis: str
    warning: str
    created_by: str


class LedgerOut(Schema):
    owner: str = Field(description="mã đơn vị quản lý quỹ")
    owner_name: str
    year: int
    closed: bool = Field(description="đã chuyển số dư sang năm sau (không ghi thêm)")
    balance: int
    entries: list[EntryOut]


class SettlementLine(Schema):
    kind: str
    label: str
    amount: int


class SettlementOut(Schema):
    owner: str
    owner_name: str
    year: int
    opening: int = Field(description="số dư đầu năm (năm trước chuyển sang)")
    receipts: list[SettlementLine]
    received: int
    payments: list[SettlementLine]
    paid: int
    closing: int
    carried: int = Field(description="đã chuyển sang năm sau")
    closed: bool


class AllocationIn(In):
    amount: int = Field(ge=1, le=svc.MAX_AMOUNT, description="số tiền phân bổ (đồng)")
    cap_basis: CapBasis = Field(description="salary_fund (20% tổng quỹ lương) | recurrent_1_0 | recurrent_1_5 "
                                            "(1,0% / 1,5% chi thường xuyên)")
    basis_amount: int = Field(ge=1, le=svc.MAX_AMOUNT, description="giá trị căn cứ (đồng)")
    date: datetime.date | None = Field(None, description="ngày, trong năm của sổ (mặc định: hôm nay)")
    description: str = Field("", max_length=svc.TEXT_MAX)


class ContributionIn(In):
    amount: int = Field(ge=1, le=svc.MAX_AMOUNT)
    counterparty: str = Field(min_length=1, max_length=255, pattern=r"\S", description="đơn vị, cá nhân đóng góp")
    date: datetime.date | None = None
    description: str = Field("", max_length=svc.TEXT_MAX)


class BonusPaymentIn(In):
    decision_no: str = Field(min_length=1, max_length=80, pattern=r"\S")
    decision_date: datetime.date
    decision_issuer: str = Field(min_length=1, max_length=40, description="mã đơn vị ra quyết định: phải là đơn vị "
                                                                         "quản lý quỹ (Luật TĐKT 2022 Điều 11 khoản 4)")
    decision_ref: str = Field("", max_length=120, description="mã tham chiếu quyết định (để liên kết sau)")
    award_code: AwardCode
    subject_kind: SubjectKind = "individual"
    subjects: list[str] = Field(min_length=1, max_length=svc.SUBJECTS_MAX, description="tên từng người, tập thể")
    posthumous: bool = False
    coefficient: str | None = Field(None, pattern=COEF_PATTERN)
    amount: int | None = Field(None, description="để trống: tính theo bảng; nếu gửi phải khớp bảng")
    date: datetime.date | None = Field(None, description="ngày chi, trong năm của sổ (mặc định: hôm nay)")
    description: str = Field("", max_length=svc.TEXT_MAX)


def _coef(text: str | None) -> int | None:
    if text is None:
        return None
    value = bonus_rules.parse_coef(text)
    if value is None:
        raise ValidationError({"coefficient": MSG_COEF})
    return value


def _bonus_out(result: bonus_rules.Bonus) -> dict:
    return {"award_code": result.code, "award_name": bonus_rules.code_name(result.code),
            "subject_kind": result.kind, "decision_date": result.decision_date, "count": result.count,
            "coefficient": bonus_rules.vn_coef(result.hundredths), "base_salary": result.base,
            "base_salary_instrument": result.instrument, "per_subject": result.per_subject, "total": result.total,
            "explanation": result.explanation, "basis": result.basis}


def _entry_out(entry: FundEntry) -> dict:
    return {"id": entry.pk, "kind": entry.kind, "kind_label": entry.get_kind_display(), "date": entry.date,
            "amount": entry.amount, "signed_amount": entry.signed_amount, "description": entry.description,
            "counterparty": entry.counterparty, "decision_no": entry.decision_no,
            "decision_date": entry.decision_date,
            "decision_issuer": entry.decision_issuer.code if entry.decision_issuer_id else None,
            "decision_ref": entry.decision_ref, "award_code": entry.award_code, "subject_kind": entry.subject_kind,
            "subjects": [s for s in entry.subjects.splitlines() if s], "per_subject": entry.per_subject,
            "basis": entry.basis, "warning": entry.warning, "created_by": entry.created_by}


def _ledger_out(owner, ledger) -> dict:
    rows = sel.ledger_rows(ledger)
    return {"owner": owner.code, "owner_name": owner.name, "year": ledger.year, "closed": bool(ledger.closed_at),
            "balance": rows[-1]["balance"] if rows else 0, "entries": [_entry_out(r["entry"]) for r in rows]}


YEAR = Path(..., ge=MIN_YEAR, le=MAX_YEAR)


@router.get("/bonus", response={200: BonusOut, **ERRORS})
def compute_bonus(request, query: Query[BonusQuery]):
    """The bonus of an award from the tables in force on the decision date."""
    result = svc.compute_bonus(award_code=query.award_code, subject_kind=query.subject_kind,
                               decision_date=query.decision_date, count=query.count, posthumous=query.posthumous,
                               coefficient=_coef(query.coefficient))
    return _bonus_out(result)


@router.get("/{code}/{year}", response={200: LedgerOut, **ERRORS})
def get_ledger(request, code: str, year: int = YEAR):
    owner, ledger = sel.fund_get_for_user(h.scope(request), code, year)
    return _ledger_out(owner, ledger)


@router.get("/{code}/{year}/settlement", response={200: SettlementOut, **ERRORS})
def get_settlement(request, code: str, year: int = YEAR):
    owner, ledger = sel.fund_get_for_user(h.scope(request), code, year)
    data = sel.settlement(ledger)
    return {"owner": owner.code, "owner_name": owner.name, "year": ledger.year, "opening": data["opening"],
            "receipts": [{"kind": k, "label": label, "amount": a} for k, label, a in data["receipts"]],
            "received": data["received"],
            "payments": [{"kind": k, "label": label, "amount": a} for k, label, a in data["payments"]],
            "paid": data["paid"], "closing": data["closing"], "carried": data["carried"], "closed": data["closed"]}


@router.post("/{code}/{year}/allocations", response={201: EntryOut, **ERRORS})
def add_allocation(request, code: str, payload: AllocationIn, year: int = YEAR):
    owner, _ = sel.fund_get_for_user(h.scope(request), code, year)
    entry = svc.fund_allocate(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year,
                              **h.plain(payload))
    return Status(201, _entry_out(entry))


@router.post("/{code}/{year}/contributions", response={201: EntryOut, **ERRORS})
def add_contribution(request, code: str, payload: ContributionIn, year: int = YEAR):
    owner, _ = sel.fund_get_for_user(h.scope(request), code, year)
    entry = svc.fund_contribute(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year,
                                **h.plain(payload))
    return Status(201, _entry_out(entry))


@router.post("/{code}/{year}/bonus-payments", response={201: EntryOut, **ERRORS})
def add_bonus_payment(request, code: str, payload: BonusPaymentIn, year: int = YEAR):
    owner, _ = sel.fund_get_for_user(h.scope(request), code, year)
    data = h.plain(payload)
    data["decision_issuer"] = h.unit_by_code(data["decision_issuer"], "decision_issuer")
    data["coefficient"] = _coef(data["coefficient"])
    entry = svc.fund_pay_bonus(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year, **data)
    return Status(201, _entry_out(entry))


class SpendIn(In):
    kind: Literal["artifact_cost", "organising_cost"] = Field(
        description="artifact_cost (in, làm hiện vật khen thưởng) | organising_cost (tổ chức phong trào, họp xét: "
                    "cảnh báo khi vượt 20% quỹ của năm)")
    amount: int = Field(ge=1, le=svc.MAX_AMOUNT)
    description: str = Field(min_length=1, max_length=svc.TEXT_MAX, pattern=r"\S")
    counterparty: str = Field("", max_length=255)
    decision_no: str = Field("", max_length=80, description="số chứng từ, quyết định")
    date: datetime.date | None = None


class ClawbackIn(In):
    payment: int = Field(ge=1, le=2**62, description="id của khoản chi tiền thưởng được thu hồi (năm này hoặc trước)")
    reason: str = Field(min_length=1, max_length=svc.TEXT_MAX, pattern=r"\S",
                        description="căn cứ: quyết định hủy bỏ khen thưởng, lý do")
    amount: int | None = Field(None, ge=1, le=svc.MAX_AMOUNT, description="để trống: toàn bộ số còn lại")
    decision_no: str = Field("", max_length=80)
    decision_date: datetime.date | None = None
    date: datetime.date | None = None


@router.post("/{code}/{year}/spendings", response={201: EntryOut, **ERRORS})
def add_spending(request, code: str, payload: SpendIn, year: int = YEAR):
    owner, _ = sel.fund_get_for_user(h.scope(request), code, year)
    entry = svc.fund_spend(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year, **h.plain(payload))
    return Status(201, _entry_out(entry))


@router.post("/{code}/{year}/clawbacks", response={201: EntryOut, **ERRORS})
def add_clawback(request, code: str, payload: ClawbackIn, year: int = YEAR):
    owner, ledger = sel.fund_get_for_user(h.scope(request), code, year)
    data = h.plain(payload)
    payment_id = data.pop("payment")
    payment = next((p for p in sel.payments_of(ledger, limit=None) if p.pk == payment_id), None)
    entry = svc.fund_clawback(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year,
                              payment=payment, **data)
    return Status(201, _entry_out(entry))


@router.post("/{code}/{year}/carry-over", response={200: SettlementOut, **ERRORS})
def carry_over(request, code: str, year: int = YEAR):
    owner, _ = sel.fund_get_for_user(h.scope(request), code, year)
    svc.fund_carry_over(actor=h.actor(request), scope=h.scope(request), owner=owner, year=year)
    return get_settlement(request, code, year)
