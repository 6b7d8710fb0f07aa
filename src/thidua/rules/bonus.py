"""Bonus arithmetic (tiền thưởng): coefficient × mức lương cơ sở, as dated data, integer VND.

The rules (commendation-rules.md §5):
- the base salary is the one **in force on the decision date** (`BASE_SALARIES`, dated rows);
- the coefficient depends on the award code (the codes of `rules.codes`), individual or collective,
  and the regime period in force on the decision date (`COEFFICIENTS`, dated rows);
- the product is **rounded up to the next 10,000 đ** (`round_up_10k`);
- several awards of one subject in one decision: each is paid (2022 regimes; `PAY_EACH_AWARD`);
- posthumous (truy tặng): the forms (Bằng khen, Huân chương) carry the same bonus; titles are not
  conferred posthumously (refused by default).

Amounts are ints (đồng), coefficients are ints in hundredths (0,3 → 30): no float anywhere.
Nothing here imports Django; the fund app adds the base salaries an administrator enters
(`base_salary_table(extra_rows)`)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import codes

D = datetime.date
ROUNDING_STEP = 10_000
SOURCE_ROUNDING = ("NĐ 98/2023/NĐ-CP (tiền thưởng làm tròn số lên hàng chục nghìn đồng); "
                   "NĐ 91/2017/NĐ-CP Điều 68 khoản 2")
SOURCE_BASE_DATE = "NĐ 98/2023/NĐ-CP: tiền thưởng tính theo mức lương cơ sở có hiệu lực vào ngày ban hành quyết định"
SOURCE_PAYER = "Luật Thi đua, khen thưởng 2022, Điều 11 khoản 4"

INDIVIDUAL, COLLECTIVE = "individual", "collective"
KIND_NAMES = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể"}

# Codes the bonus tables know beyond rules.codes (same spelling rules: upper case, underscores).
EXTRA_NAMES = {"KNC_BO": "Kỷ niệm chương bộ, ban, ngành, tỉnh, tổ chức chính trị – xã hội"}

MSG_NO_BASE = "Chưa có mức lương cơ sở áp dụng cho ngày {date} (bảng bắt đầu từ {first})."
MSG_UNKNOWN_CODE = "Danh hiệu/hình thức “{code}” không có trong bảng hệ số tiền thưởng."
MSG_NO_COEF = "{name} không có hệ số tiền thưởng cho {kind} vào ngày {date}."
MSG_COUNT = "Số lượng phải là số nguyên từ 1 đến {max}."
MSG_POSTHUMOUS_TITLE = ("{name} là danh hiệu thi đua: không truy tặng, nên không có tiền thưởng truy tặng "
                        "(chỉ Bằng khen, Huân chương được “tặng hoặc truy tặng”: NĐ 98/2023 Điều 55, "
                        "NĐ 152/2025 Điều 54).")
MSG_COEF_NEEDED = ("{name}: bảng chỉ quy định mức tối đa (hệ số {cap}); hãy nhập hệ số do người quyết định "
                   "khen thưởng chọn.")
MSG_COEF_OVER = "Hệ số {given} vượt mức tối đa {cap} của {name} ({source})."
MSG_COEF_FIXED = "{name} có hệ số cố định {coef}: không nhập hệ số khác."
MAX_COUNT = 10_000


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở in force from `valid_from` to `valid_to` (inclusive; None: still in force)."""

    valid_from: datetime.date
    amount: int
    instrument: str
    valid_to: datetime.date | None = None
    source: str = ""


BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(D(2018, 7, 1), 1_390_000, "NĐ 72/2018/NĐ-CP", D(2019, 6, 30),
               source="commendation-rules.md §5.3 (verified, restated)"),
    BaseSalary(D(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP", D(2023, 6, 30),
               source="commendation-rules.md §5.3; mức 1.600.000 đ dự kiến từ 01/07/2020 không áp dụng"),
    BaseSalary(D(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP", D(2024, 6, 30),
               source="NĐ 24/2023/NĐ-CP ngày 14/5/2023"),
    BaseSalary(D(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP", None,
               source="NĐ 73/2024/NĐ-CP Điều 3 khoản 2"),
)


def base_salary_table(extra: list[BaseSalary] | tuple = ()) -> tuple[BaseSalary, ...]:
    """The shipped rows plus the ones an administrator entered; a row entered for the same start date
    replaces the shipped one. Each row ends the day before the next one starts."""
    by_start = {row.valid_from: row for row in BASE_SALARIES}
    for row in extra:
        by_start[row.valid_from] = row
    rows = sorted(by_start.values(), key=lambda r: r.valid_from)
    out = []
    for i, row in enumerate(rows):
        end = rows[i + 1].valid_from - datetime.timedelta(days=1) if i + 1 < len(rows) else None
        out.append(BaseSalary(row.valid_from, row.amount, row.instrument, end, row.source))
    return tuple(out)


def base_salary_on(day: datetime.date, table: tuple[BaseSalary, ...] = BASE_SALARIES) -> BaseSalary:
    for row in table:
        if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
            return row
    raise BonusError("decision_date", MSG_NO_BASE.format(date=vn_date(day), first=vn_date(table[0].valid_from)))


# -- coefficients ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    code: str
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    pay_each_award: bool   # a title and a form (or several) at the same time: each paid
    source: str


PERIODS = (
    Period("2013", "Luật 2013, NĐ 91/2017/NĐ-CP", D(2017, 10, 1), D(2023, 12, 31), True,
           "NĐ 91/2017/NĐ-CP Điều 69–73 (chưa kiểm chứng quy tắc nhận cả hai)"),
    Period("2022a", "Luật 2022, NĐ 98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30), True,
           "NĐ 98/2023/NĐ-CP Điều 53 khoản 7, Điều 54, 55, 58"),
    Period("2022b", "Luật 2022, NĐ 152/2025/NĐ-CP", D(2025, 7, 1), None, True,
           "NĐ 152/2025/NĐ-CP Điều 54"),
)


@dataclass(frozen=True)
class Coefficient:
    """One row of the table: `hundredths` × base salary for (code, kind) in `period`.
    `is_cap`: the law sets only a ceiling; the decider chooses the coefficient up to it."""

    code: str
    kind: str
    period: str
    hundredths: int
    source: str
    is_cap: bool = False
    verified: bool = True


def _rows(code, individual, collective, periods, source, *, verified=True, cap=False):
    out = []
    for period in periods:
        if individual is not None:
            out.append(Coefficient(code, INDIVIDUAL, period, individual, source, cap, verified))
        if collective is not None:
            out.append(Coefficient(code, COLLECTIVE, period, collective, source, cap, verified))
    return out


ALL = ("2013", "2022a", "2022b")
_TITLES = "Danh hiệu: NĐ 91/2017 Điều 69; NĐ 98/2023 Điều 54; NĐ 152/2025 (giữ nguyên, chưa kiểm chứng)"
_ORDERS = "Huân chương: NĐ 98/2023 Điều 55 khoản 1; tập thể gấp 2 lần: khoản 2"
COEFFICIENTS: tuple[Coefficient, ...] = tuple(
    _rows("LDTT", 30, None, ALL, _TITLES) + _rows("CSTT", 30, None, ALL, _TITLES)
    + _rows("CSTDCS", 100, None, ALL, _TITLES) + _rows("CSTD_BO", 300, None, ALL, _TITLES)
    + _rows("CSTD_TQ", 450, None, ALL, _TITLES)
    + _rows("TTLDTT", None, 80, ALL, _TITLES) + _rows("DVTT", None, 80, ALL, _TITLES)
    + _rows("TTLDXS", None, 150, ALL, _TITLES) + _rows("DVQT", None, 150, ALL, _TITLES)
    + _rows("CO_BO", None, 800, ALL, _TITLES) + _rows("CO_CP", None, 1200, ALL, _TITLES)
    + _rows("HCLD3", 450, 900, ALL, _ORDERS) + _rows("HCLD2", 750, 1500, ALL, _ORDERS)
    + _rows("HCLD1", 900, 1800, ALL, _ORDERS)
    + _rows("BK_TTG", 350, 700, ALL, "NĐ 91/2017 Điều 73; NĐ 98/2023 Điều 58 (chưa kiểm chứng); "
            "NĐ 152/2025 Điều 54 khoản 1; tập thể gấp 2 lần (chưa kiểm chứng)", verified=False)
    + _rows("BK_BO", 100, 200, ("2013", "2022a"), "NĐ 91/2017 Điều 73; NĐ 98/2023 Điều 58 (chưa kiểm chứng); "
            "tập thể gấp 2 lần", verified=False)
    + _rows("BK_BO", 150, 300, ("2022b",), "NĐ 152/2025 Điều 54 khoản 1; tập thể gấp 2 lần (chưa kiểm chứng)")
    + _rows("GK", 30, 60, ALL, "Luật 2022 Điều 75 khoản 1; NĐ 91/2017 Điều 73; NĐ 152/2025 Điều 54; "
            "tập thể gấp 2 lần (chưa kiểm chứng)", verified=False)
    + _rows("KNC_BO", 60, None, ("2022a", "2022b"), "NĐ 98/2023 Điều 58 khoản 1 điểm d; NĐ 152/2025 Điều 54",
            cap=True)
)
TITLE_CODES = frozenset(codes.TITLES)


def code_name(code: str) -> str:
    return codes.NAMES.get(code) or EXTRA_NAMES.get(code) or code


def period_on(day: datetime.date) -> Period | None:
    for period in PERIODS:
        if period.valid_from <= day and (period.valid_to is None or day <= period.valid_to):
            return period
    return None


def coefficient_for(code: str, kind: str, day: datetime.date) -> Coefficient:
    if code not in {row.code for row in COEFFICIENTS}:
        raise BonusError("award_code", MSG_UNKNOWN_CODE.format(code=code))
    period = period_on(day)
    for row in COEFFICIENTS:
        if period is not None and row.code == code and row.kind == kind and row.period == period.code:
            return row
    raise BonusError("award_code", MSG_NO_COEF.format(name=code_name(code), kind=KIND_NAMES.get(kind, kind),
                                                      date=vn_date(day)))


def award_codes() -> list[str]:
    """The codes of the table in the catalog's order, then the extra ones."""
    known = {row.code for row in COEFFICIENTS}
    ordered = [c for c in codes.TITLES + codes.FORMS if c in known]
    return ordered + sorted(known - set(ordered))


# -- arithmetic -----------------------------------------------------------------------------------

class BonusError(ValueError):
    """A bonus that cannot be computed: `field` names the input at fault, `message` says why (Vietnamese)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def round_up_10k(amount: int) -> int:
    """ceil(amount / 10,000) × 10,000 in integers (source: SOURCE_ROUNDING)."""
    return -(-amount // ROUNDING_STEP) * ROUNDING_STEP


@dataclass(frozen=True)
class Bonus:
    code: str
    kind: str
    decision_date: datetime.date
    count: int
    hundredths: int
    base: int
    instrument: str
    raw: int           # coefficient × base, before rounding, for one subject
    per_subject: int   # rounded up to 10,000 đ
    total: int         # per_subject × count
    coefficient_source: str
    rounding_source: str = SOURCE_ROUNDING

    @property
    def explanation(self) -> str:
        """"hệ số 1,0 × mức lương cơ sở 2.340.000 đ = 2.340.000 đ" (+ rounding, + count)."""
        text = f"hệ số {vn_coef(self.hundredths)} × mức lương cơ sở {vnd(self.base)} = {vnd(self.raw)}"
        if self.per_subject != self.raw:
            text += f", làm tròn lên hàng chục nghìn đồng: {vnd(self.per_subject)}"
        if self.count != 1:
            text += f"; × {vn_int(self.count)} {KIND_NAMES[self.kind]} = {vnd(self.total)}"
        return text

    @property
    def basis(self) -> str:
        return (f"Mức lương cơ sở theo {self.instrument} có hiệu lực ngày {vn_date(self.decision_date)}; "
                f"hệ số: {self.coefficient_source}; làm tròn: {self.rounding_source}.")


def compute_bonus(*, code: str, kind: str = INDIVIDUAL, decision_date: datetime.date, count: int = 1,
                  posthumous: bool = False, coefficient: int | None = None,
                  table: tuple[BaseSalary, ...] = BASE_SALARIES) -> Bonus:
    """The bonus of `count` subjects of `kind` given `code` by a decision of `decision_date`.

    `coefficient` (hundredths) only where the table sets a ceiling (Kỷ niệm chương)."""
    if kind not in KIND_NAMES:
        raise BonusError("subject_kind", f"Đối tượng phải là {KIND_NAMES[INDIVIDUAL]} hoặc {KIND_NAMES[COLLECTIVE]}.")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise BonusError("count", MSG_COUNT.format(max=vn_int(MAX_COUNT)))
    row = coefficient_for(code, kind, decision_date)
    if posthumous and code in TITLE_CODES:
        raise BonusError("posthumous", MSG_POSTHUMOUS_TITLE.format(name=code_name(code)))
    hundredths = _chosen_coefficient(row, coefficient)
    base = base_salary_on(decision_date, table)
    raw_times_100 = hundredths * base.amount
    raw = -(-raw_times_100 // 100)  # base is a multiple of 100 đ in every instrument; exact in practice
    per_subject = round_up_10k(raw)
    return Bonus(code, kind, decision_date, count, hundredths, base.amount, base.instrument, raw, per_subject,
                 per_subject * count, row.source)


def _chosen_coefficient(row: Coefficient, given: int | None) -> int:
    name = code_name(row.code)
    if not row.is_cap:
        if given is not None and given != row.hundredths:
            raise BonusError("coefficient", MSG_COEF_FIXED.format(name=name, coef=vn_coef(row.hundredths)))
        return row.hundredths
    if given is None:
        raise BonusError("coefficient", MSG_COEF_NEEDED.format(name=name, cap=vn_coef(row.hundredths)))
    if isinstance(given, bool) or not isinstance(given, int) or given <= 0 or given > row.hundredths:
        raise BonusError("coefficient", MSG_COEF_OVER.format(given=vn_coef(given) if isinstance(given, int) else given,
                                                             cap=vn_coef(row.hundredths), name=name, source=row.source))
    return given


@dataclass(frozen=True)
class AwardLine:
    """One award of one decision: `subject` identifies who receives it (a name, an id)."""

    subject: str
    code: str
    kind: str = INDIVIDUAL
    posthumous: bool = False
    coefficient: int | None = None


def decision_bonuses(lines: list[AwardLine], decision_date: datetime.date,
                     table: tuple[BaseSalary, ...] = BASE_SALARIES) -> dict[str, int]:
    """What each subject of one decision receives: every award's bonus (2013/2022 regimes, NĐ 98/2023
    Điều 53 khoản 7), or only the highest where a period says so."""
    period = period_on(decision_date)
    pay_each = period.pay_each_award if period else True
    out: dict[str, int] = {}
    for line in lines:
        amount = compute_bonus(code=line.code, kind=line.kind, decision_date=decision_date,
                               posthumous=line.posthumous, coefficient=line.coefficient, table=table).per_subject
        out[line.subject] = out.get(line.subject, 0) + amount if pay_each else max(out.get(line.subject, 0), amount)
    return out


# -- words and numbers for users (no Django here: the same format as common.numbers) --------------

def vn_int(number: int) -> str:
    sign = "-" if number < 0 else ""
    return sign + f"{abs(int(number)):,}".replace(",", ".")


def vnd(amount: int) -> str:
    return f"{vn_int(amount)} đ"


def vn_coef(hundredths: int) -> str:
    """30 → "0,3"; 100 → "1,0"; 15 → "0,15"; 3050 → "30,5"."""
    whole, rest = divmod(int(hundredths), 100)
    decimals = f"{rest:02d}".rstrip("0") or "0"
    return f"{vn_int(whole)},{decimals}"


def parse_coef(text: str) -> int | None:
    """"0,6" / "0.6" / "0,15" → hundredths; None when not a number with at most two decimals."""
    text = (text or "").strip().replace(",", ".")
    if not text or text.count(".") > 1 or not text.replace(".", "").isdigit() or len(text) > 12:
        return None
    whole, _, frac = text.partition(".")
    if len(frac) > 2:
        return None
    return int(whole or "0") * 100 + int((frac + "00")[:2])


def vn_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
