"""Every write to a fund ledger: one service per kind of entry, each in one transaction that locks the
owner-year row, checks `fund.write`, validates, appends the entry and audits it.

The balance is derived from the entries (`selectors.balance_of`); no stored total can drift. A payment
is checked against the balance while the owner-year row is locked (SELECT … FOR UPDATE), so two
payments at the same moment cannot both spend the same money on PostgreSQL."""
import datetime

from django.db import connection, transaction
from django.db.models import Sum

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN, PermissionDenied, ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.fund.models import BaseSalaryRate, EntryKind, FundEntry, FundYear, SubjectKind
from thidua.fund.permissions import FUND_TABLES_EDIT, FUND_WRITE
from thidua.fund.selectors import balance_of, base_salary_table, year_receipts
from thidua.organizations.models import Unit
from thidua.rules import bonus as bonus_rules
from thidua.rules import fund as fund_rules
from thidua.rules.bonus import BonusError, vn_date, vnd
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

MAX_AMOUNT = 10**13  # ten thousand billion đồng: far above any fund, below every integer column's limit
TEXT_MAX = 500
SUBJECTS_MAX = 500

MSG_YEAR = f"Năm phải là số nguyên từ {MIN_YEAR} đến {MAX_YEAR}."
MSG_AMOUNT = "Số tiền phải là số nguyên dương (đồng), tối đa {max}.".format(max=vnd(MAX_AMOUNT))
MSG_DATE = "Ngày không hợp lệ."
MSG_DATE_YEAR = "Ngày {date} không thuộc năm {year} của sổ quỹ."
MSG_CLOSED = ("Sổ quỹ năm {year} đã chuyển số dư sang năm {next} ngày {date}: không ghi thêm vào năm đã quyết toán; "
              "hãy ghi vào sổ năm {next}.")
MSG_OVER_BALANCE = ("Số dư quỹ năm {year} của {owner} còn {balance}, không đủ chi {amount} "
                    "(không được chi quá số dư quỹ).")
MSG_OVER_CAP = ("Phân bổ vượt mức tối đa: {explained}; đã phân bổ {allocated}, còn được phân bổ {room}.")
MSG_CAP_BASIS = "Hãy chọn căn cứ tính mức tối đa (tổng quỹ tiền lương hoặc chi thường xuyên)."
MSG_BASIS_AMOUNT = "Giá trị căn cứ phải là số nguyên dương (đồng)."
MSG_REQUIRED = "Trường này là bắt buộc."
MSG_OTHER_LEVEL = ("Quyết định do {issuer} ban hành: người ra quyết định khen thưởng chi thưởng từ quỹ thi đua, "
                   "khen thưởng do cấp mình quản lý ({source}), nên quỹ của {owner} không chi cho khen thưởng của "
                   "cấp khác.")
MSG_DECISION_AFTER = "Ngày quyết định {decision} sau ngày chi {date}: chỉ chi thưởng theo quyết định đã ban hành."
MSG_NOT_TABLE = ("Số tiền {given} không khớp bảng tiền thưởng: {explained} (tổng {total}). "
                 "Hãy để trống để hệ thống tính, hoặc nhập đúng {total}.")
MSG_SUBJECTS = "Hãy ghi tên từng người, tập thể được khen (mỗi dòng một tên)."
MSG_SUBJECTS_MANY = f"Tối đa {SUBJECTS_MAX} người, tập thể trong một lần chi."
MSG_ALREADY_PAID = ("Đã chi thưởng {name} theo quyết định số {no} ngày {date} cho: {who}. "
                    "Không chi hai lần cho cùng một khen thưởng.")
MSG_SPEND_KIND = "Loại chi không hợp lệ."
MSG_CLAWBACK_TARGET = "Chỉ thu hồi được một khoản chi tiền thưởng của chính sổ quỹ này."
MSG_CLAWBACK_OVER = "Số thu hồi {amount} vượt số còn có thể thu hồi của khoản chi này ({room})."
MSG_CLAWBACK_REASON = "Hãy ghi căn cứ thu hồi (quyết định hủy bỏ khen thưởng, lý do)."
MSG_CARRY_TWICE = "Số dư năm {year} đã được chuyển sang năm {next}."
MSG_BASE_EXISTS = "Đã có mức lương cơ sở áp dụng từ ngày {date}."
MSG_BASE_AMOUNT = "Mức lương cơ sở phải là số nguyên dương (đồng/tháng), là bội số của 1.000 đ."
MSG_BASE_DATE = "Ngày áp dụng phải sau ngày bắt đầu của mức lương cơ sở đầu tiên ({first})."
MSG_INSTRUMENT = "Hãy ghi căn cứ pháp lý (số, ngày văn bản)."

SUBJECT_KINDS = {SubjectKind.INDIVIDUAL: bonus_rules.INDIVIDUAL, SubjectKind.COLLECTIVE: bonus_rules.COLLECTIVE}


# -- validation helpers ---------------------------------------------------------------------------

def _year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": MSG_YEAR}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": MSG_YEAR})
    return year


def _amount(value, field: str = "amount", message: str = MSG_AMOUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_AMOUNT:
        raise ValidationError({field: message})
    return value


def _date_in_year(day, year: int, field: str = "date") -> datetime.date:
    if day is None:
        return min(datetime.date.today(), datetime.date(year, 12, 31))
    if not isinstance(day, datetime.date):
        raise ValidationError({field: MSG_DATE})
    if day.year != year:
        raise ValidationError({field: MSG_DATE_YEAR.format(date=vn_date(day), year=year)})
    return day


def _text(value, field: str, required: bool = False, max_length: int = TEXT_MAX) -> str:
    text = clean_text(value or "", field, max_length).strip()
    if required and not text:
        raise ValidationError({field: MSG_REQUIRED})
    return text


def _ledger(scope: Scope, owner: Unit, year) -> FundYear:
    """The owner-year row, created when first written and locked for the rest of the transaction."""
    require(scope, FUND_WRITE, owner)
    year = _year(year)
    FundYear.objects.get_or_create(owner=owner, year=year)
    ledger = FundYear.objects.select_for_update().select_related("owner").get(owner=owner, year=year)
    if ledger.closed_at:
        raise ValidationError({"year": MSG_CLOSED.format(year=year, next=year + 1,
                                                         date=ledger.closed_at.strftime("%d/%m/%Y"))})
    return ledger


def _append(actor: Actor, ledger: FundYear, *, kind: str, **fields) -> FundEntry:
    entry = FundEntry(fund_year=ledger, kind=kind, created_by=actor.label, **fields)
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=entry, after=snapshot(entry), verb=f"fund_{kind}",
                 reason=entry.description)
    return entry


def _check_balance(ledger: FundYear, amount: int) -> None:
    balance = balance_of(ledger)
    if amount > balance:
        raise ValidationError({"amount": MSG_OVER_BALANCE.format(year=ledger.year, owner=ledger.owner.name,
                                                                 balance=vnd(balance), amount=vnd(amount))})


# -- receipts -------------------------------------------------------------------------------------

@transaction.atomic
def fund_allocate(*, actor: Actor, scope: Scope, owner: Unit, year: int, amount: int, cap_basis: str,
                  basis_amount: int, date: datetime.date | None = None, description: str = "") -> FundEntry:
    """The year's budget allocation, refused above the cap computed from its basis (§6 fund.sources)."""
    ledger = _ledger(scope, owner, year)
    amount = _amount(amount)
    if cap_basis not in fund_rules.CAP_BASES_BY_CODE:
        raise ValidationError({"cap_basis": MSG_CAP_BASIS})
    basis_amount = _amount(basis_amount, "basis_amount", MSG_BASIS_AMOUNT)
    day = _date_in_year(date, ledger.year)
    cap = fund_rules.allocation_cap(cap_basis, basis_amount)
    allocated = ledger.entries.filter(kind=EntryKind.ALLOCATION).aggregate(s=Sum("amount"))["s"] or 0
    if allocated + amount > cap:
        raise ValidationError({"amount": MSG_OVER_CAP.format(
            explained=fund_rules.cap_explanation(cap_basis, basis_amount), allocated=vnd(allocated),
            room=vnd(max(cap - allocated, 0)))})
    return _append(actor, ledger, kind=EntryKind.ALLOCATION, date=day, amount=amount,
                   description=_text(description, "description") or "Dự toán ngân sách giao cho quỹ",
                   cap_basis=cap_basis, basis_amount=basis_amount, cap_amount=cap,
                   basis=fund_rules.cap_explanation(cap_basis, basis_amount))


@transaction.atomic
def fund_contribute(*, actor: Actor, scope: Scope, owner: Unit, year: int, amount: int, counterparty: str,
                    date: datetime.date | None = None, description: str = "") -> FundEntry:
    """A contribution (đóng góp của cá nhân, tổ chức trong và ngoài nước; nộp từ đơn vị cấp dưới)."""
    ledger = _ledger(scope, owner, year)
    amount = _amount(amount)
    counterparty = _text(counterparty, "counterparty", required=True, max_length=255)
    return _append(actor, ledger, kind=EntryKind.CONTRIBUTION, date=_date_in_year(date, ledger.year), amount=amount,
                   counterparty=counterparty, description=_text(description, "description") or "Đóng góp cho quỹ")


# -- payments -------------------------------------------------------------------------------------

def compute_bonus(*, award_code: str, subject_kind: str, decision_date, count: int = 1, posthumous: bool = False,
                  coefficient: int | None = None) -> bonus_rules.Bonus:
    """The table's bonus with the base salaries an administrator added; a BonusError becomes a field error."""
    if not isinstance(decision_date, datetime.date):
        raise ValidationError({"decision_date": MSG_DATE})
    try:
        return bonus_rules.compute_bonus(code=str(award_code or "").upper(),
                                         kind=SUBJECT_KINDS.get(subject_kind, subject_kind or ""),
                                         decision_date=decision_date, count=count, posthumous=bool(posthumous),
                                         coefficient=coefficient, table=base_salary_table())
    except BonusError as error:
        raise ValidationError({error.field: error.message}) from None


def _subjects(subjects) -> list[str]:
    if isinstance(subjects, str):
        subjects = subjects.splitlines()
    names = []
    for i, name in enumerate(subjects or []):
        name = _text(name, "subjects", max_length=255)
        if name and name not in names:
            names.append(name)
        if i > SUBJECTS_MAX * 2:
            break
    if not names:
        raise ValidationError({"subjects": MSG_SUBJECTS})
    if len(names) > SUBJECTS_MAX:
        raise ValidationError({"subjects": MSG_SUBJECTS_MANY})
    return names


def _not_paid_twice(ledger, *, issuer, decision_no, decision_date, code, names) -> None:
    earlier = FundEntry.objects.filter(kind=EntryKind.BONUS_PAYMENT, fund_year__owner=ledger.owner,
                                       decision_issuer=issuer, decision_no__iexact=decision_no,
                                       decision_date=decision_date, award_code=code)
    for entry in earlier:
        again = [n for n in names if n.casefold() in {p.casefold() for p in entry.subjects.splitlines()}]
        if again:
            raise ValidationError({"subjects": MSG_ALREADY_PAID.format(
                name=bonus_rules.code_name(code), no=decision_no, date=vn_date(decision_date), who=", ".join(again))})


@transaction.atomic
def fund_pay_bonus(*, actor: Actor, scope: Scope, owner: Unit, year: int, decision_no: str,
                   decision_date: datetime.date, decision_issuer: Unit | None, award_code: str,
                   subject_kind: str, subjects, decision_ref: str = "", posthumous: bool = False,
                   coefficient: int | None = None, amount: int | None = None,
                   date: datetime.date | None = None, description: str = "") -> FundEntry:
    """The bonuses of one award of one decision, for one or more subjects of one kind.

    The amount is computed from the tables (coefficient × base salary on the decision date, rounded up
    to 10,000 đ, × the number of subjects); an amount typed by hand must equal it. The decision must be
    one of the fund owner's level (Luật 2022 Điều 11 khoản 4), and the payment must fit the balance."""
    ledger = _ledger(scope, owner, year)
    decision_no = _text(decision_no, "decision_no", required=True, max_length=80)
    decision_ref = _text(decision_ref, "decision_ref", max_length=120)
    if decision_issuer is None:
        raise ValidationError({"decision_issuer": MSG_REQUIRED})
    if decision_issuer.pk != ledger.owner_id:
        raise ValidationError({"decision_issuer": MSG_OTHER_LEVEL.format(
            issuer=decision_issuer.name, owner=ledger.owner.name, source=bonus_rules.SOURCE_PAYER)})
    day = _date_in_year(date, ledger.year)
    if not isinstance(decision_date, datetime.date):
        raise ValidationError({"decision_date": MSG_DATE})
    if decision_date > day:
        raise ValidationError({"decision_date": MSG_DECISION_AFTER.format(decision=vn_date(decision_date),
                                                                          date=vn_date(day))})
    names = _subjects(subjects)
    computed = compute_bonus(award_code=award_code, subject_kind=subject_kind, decision_date=decision_date,
                             count=len(names), posthumous=posthumous, coefficient=coefficient)
    if amount is not None and amount != computed.total:
        given = vnd(amount) if isinstance(amount, int) and not isinstance(amount, bool) else str(amount)[:30]
        raise ValidationError({"amount": MSG_NOT_TABLE.format(given=given, explained=computed.explanation,
                                                              total=vnd(computed.total))})
    _not_paid_twice(ledger, issuer=decision_issuer, decision_no=decision_no, decision_date=decision_date,
                    code=computed.code, names=names)
    _check_balance(ledger, computed.total)
    name = bonus_rules.code_name(computed.code)
    return _append(
        actor, ledger, kind=EntryKind.BONUS_PAYMENT, date=day, amount=computed.total,
        description=_text(description, "description") or f"Chi thưởng {name} theo quyết định số {decision_no}",
        decision_no=decision_no, decision_date=decision_date, decision_issuer=decision_issuer,
        decision_ref=decision_ref, award_code=computed.code, subject_kind=subject_kind, subjects="\n".join(names),
        subject_count=len(names), posthumous=bool(posthumous), coefficient=computed.hundredths,
        base_salary=computed.base, per_subject=computed.per_subject,
        basis=f"{computed.explanation}. {computed.basis}")


SPEND_KINDS = (EntryKind.ARTIFACT_COST, EntryKind.ORGANISING_COST)


@transaction.atomic
def fund_spend(*, actor: Actor, scope: Scope, owner: Unit, year: int, kind: str, amount: int, description: str,
               date: datetime.date | None = None, counterparty: str = "", decision_no: str = "") -> FundEntry:
    """Award objects (bằng, khung, cờ, huy hiệu) or organising costs (phát động, sơ kết, tổng kết, họp
    xét). Organising costs above their share of the year's fund are recorded with a warning (§6)."""
    ledger = _ledger(scope, owner, year)
    if kind not in SPEND_KINDS:
        raise ValidationError({"kind": MSG_SPEND_KIND})
    amount = _amount(amount)
    description = _text(description, "description", required=True)
    day = _date_in_year(date, ledger.year)
    _check_balance(ledger, amount)
    warning = ""
    if kind == EntryKind.ORGANISING_COST:
        spent = ledger.entries.filter(kind=kind).aggregate(s=Sum("amount"))["s"] or 0
        warning = fund_rules.organising_warning(spent + amount, year_receipts(ledger))
    return _append(actor, ledger, kind=kind, date=day, amount=amount, description=description,
                   counterparty=_text(counterparty, "counterparty", max_length=255),
                   decision_no=_text(decision_no, "decision_no", max_length=80), warning=warning)


@transaction.atomic
def fund_clawback(*, actor: Actor, scope: Scope, owner: Unit, year: int, payment: FundEntry, reason: str,
                  amount: int | None = None, decision_no: str = "", decision_date: datetime.date | None = None,
                  date: datetime.date | None = None) -> FundEntry:
    """Money of a revoked award claimed back (§3.2): a receipt tied to the bonus payment it reverses."""
    ledger = _ledger(scope, owner, year)
    if payment is None or payment.kind != EntryKind.BONUS_PAYMENT or payment.fund_year.owner_id != ledger.owner_id:
        raise ValidationError({"payment": MSG_CLAWBACK_TARGET})
    reason = _text(reason, "reason", max_length=TEXT_MAX)
    if not reason:
        raise ValidationError({"reason": MSG_CLAWBACK_REASON})
    back = payment.clawbacks.aggregate(s=Sum("amount"))["s"] or 0
    room = payment.amount - back
    amount = room if amount is None else _amount(amount)
    if amount <= 0 or amount > room:
        raise ValidationError({"amount": MSG_CLAWBACK_OVER.format(amount=vnd(amount), room=vnd(room))})
    if decision_date is not None and not isinstance(decision_date, datetime.date):
        raise ValidationError({"decision_date": MSG_DATE})
    return _append(actor, ledger, kind=EntryKind.CLAWBACK, date=_date_in_year(date, ledger.year), amount=amount,
                   description=reason, reverses=payment, award_code=payment.award_code,
                   decision_no=_text(decision_no, "decision_no", max_length=80), decision_date=decision_date,
                   subjects=payment.subjects, subject_kind=payment.subject_kind)


@transaction.atomic
def fund_carry_over(*, actor: Actor, scope: Scope, owner: Unit, year: int) -> FundYear:
    """Close the year: its balance becomes the next year's opening balance (carry_out / carry_in), and the
    year takes no more entries (quyết toán)."""
    try:
        ledger = _ledger(scope, owner, year)
    except ValidationError as error:
        if FundYear.objects.filter(owner=owner, year=year, closed_at__isnull=False).exists():
            raise ValidationError({"year": MSG_CARRY_TWICE.format(year=year, next=int(year) + 1)}) from error
        raise
    balance = balance_of(ledger)
    next_year = _year(ledger.year + 1)
    following = _ledger(scope, owner, next_year)
    if balance > 0:
        text = f"Số dư năm {ledger.year} chuyển sang năm {next_year}"
        _append(actor, ledger, kind=EntryKind.CARRY_OUT, date=datetime.date(ledger.year, 12, 31), amount=balance,
                description=text)
        _append(actor, following, kind=EntryKind.CARRY_IN, date=datetime.date(next_year, 1, 1), amount=balance,
                description=text)
    before = {"closed_at": None}
    ledger.closed_at = datetime.datetime.now(datetime.timezone.utc)
    ledger.closed_by = actor.label
    ledger.save(update_fields=["closed_at", "closed_by"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=ledger, before=before,
                 after={"closed_at": ledger.closed_at.isoformat(), "balance": balance}, verb="fund_carry_over")
    return ledger


# -- tables ---------------------------------------------------------------------------------------

@transaction.atomic
def base_salary_add(*, actor: Actor, scope: Scope, valid_from: datetime.date, amount: int,
                    instrument: str) -> BaseSalaryRate:
    """A new base salary from `valid_from` (the previous one ends the day before). Amounts already paid
    keep the base they were computed with (stored on each payment)."""
    require(scope, FUND_TABLES_EDIT)
    if not isinstance(valid_from, datetime.date):
        raise ValidationError({"valid_from": MSG_DATE})
    first = bonus_rules.BASE_SALARIES[0].valid_from
    if valid_from <= first:
        raise ValidationError({"valid_from": MSG_BASE_DATE.format(first=vn_date(first))})
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT or amount % 1000:
        raise ValidationError({"amount": MSG_BASE_AMOUNT})
    instrument = _text(instrument, "instrument", required=True, max_length=255)
    if BaseSalaryRate.objects.filter(valid_from=valid_from).exists():
        raise ValidationError({"valid_from": MSG_BASE_EXISTS.format(date=vn_date(valid_from))})
    row = BaseSalaryRate(valid_from=valid_from, amount=amount, instrument=instrument, created_by=actor.label)
    row.full_clean()
    row.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=row, after=snapshot(row), verb="fund_base_salary_add",
                 reason=instrument)
    return row


@transaction.atomic
def fund_purge_demo(*, actor: Actor, scope: Scope, owners) -> int:
    """Remove the ledgers of the demo's units (`thidua demo --reset` only: the operator's system scope).

    The one way around the append-only rule, for demo data the operator reloads; audited."""
    if not scope.is_admin or scope.user_id is not None:
        raise PermissionDenied(MSG_FORBIDDEN)
    entries = FundEntry.objects.filter(fund_year__owner__in=owners)
    count = entries.count()
    ids = list(entries.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL thidua.fund_purge = 'demo'")
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            # clawbacks first: they point at the payments they reverse
            cursor.execute(f"DELETE FROM fund_fundentry WHERE reverses_id IS NOT NULL AND id IN ({','.join(['%s'] * len(chunk))})", chunk)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor.execute(f"DELETE FROM fund_fundentry WHERE id IN ({','.join(['%s'] * len(chunk))})", chunk)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL thidua.fund_purge = ''")
    FundYear.objects.filter(owner__in=owners).delete()
    audit_record(actor=actor, action=AuditEvent.DELETE, obj=Unit(pk=0, code="DEMO", name="Dữ liệu mẫu"),
                 verb="fund_purge_demo", before={"entries": count})
    return count
