"""The commendation fund's ceilings (commendation-rules.md §6), integer VND, no Django.

- allocation cap: 20% of the yearly salary fund by grade and step (ministries, central bodies,
  provincial departments) or 1.0% / 1.5% of the budget level's recurrent spending (provinces and
  communes; 1.5% for mountain, midland, Central Highlands, remote and island areas);
- organising costs (launching, directing, reviewing movements, council meetings): up to 20% of the
  year's fund — a warning, not a refusal (the share is a ceiling on the use, not a rule that voids a
  payment; `param.organising_share_max`)."""
from __future__ import annotations

from dataclasses import dataclass

from .bonus import vnd


@dataclass(frozen=True)
class CapBasis:
    code: str
    name: str
    percent_tenths: int  # 200 = 20,0%; 10 = 1,0%; 15 = 1,5%
    source: str

    @property
    def percent_label(self) -> str:
        whole, tenth = divmod(self.percent_tenths, 10)
        return f"{whole},{tenth}%"


CAP_BASES = (
    CapBasis("salary_fund", "tổng quỹ tiền lương theo ngạch, bậc (cơ quan trung ương, bộ, ngành)", 200,
             "NĐ 98/2023/NĐ-CP Điều 50; NĐ 91/2017/NĐ-CP Điều 65"),
    CapBasis("recurrent_1_0", "chi thường xuyên của ngân sách cấp mình (đồng bằng, thành phố trực thuộc trung ương)",
             10, "NĐ 152/2025/NĐ-CP Điều 46 khoản 3 điểm b"),
    CapBasis("recurrent_1_5", "chi thường xuyên của ngân sách cấp mình (miền núi, trung du, Tây Nguyên, "
             "vùng sâu, vùng xa, hải đảo)", 15, "NĐ 152/2025/NĐ-CP Điều 46 khoản 3 điểm b"),
)
CAP_BASES_BY_CODE = {basis.code: basis for basis in CAP_BASES}

ORGANISING_SHARE_PERCENT = 20
ORGANISING_SOURCE = "NĐ 98/2023/NĐ-CP (20% quỹ của mỗi cấp cho tổ chức phong trào, họp xét); TT 71/2011/TT-BTC"
MSG_ORGANISING_OVER = ("Cảnh báo: chi tổ chức phong trào, họp xét năm nay là {spent}, vượt {share}% quỹ của năm "
                       "({limit} trên tổng thu {fund}) — {source}.")


def allocation_cap(basis_code: str, basis_amount: int) -> int:
    """The most a year's allocation may reach: floor(basis × percent)."""
    basis = CAP_BASES_BY_CODE[basis_code]
    return basis_amount * basis.percent_tenths // 1000


def cap_explanation(basis_code: str, basis_amount: int) -> str:
    basis = CAP_BASES_BY_CODE[basis_code]
    return (f"{basis.percent_label} × {basis.name} {vnd(basis_amount)} = "
            f"{vnd(allocation_cap(basis_code, basis_amount))} ({basis.source})")


def organising_limit(year_receipts: int) -> int:
    return year_receipts * ORGANISING_SHARE_PERCENT // 100


def organising_warning(spent: int, year_receipts: int) -> str:
    """The warning when organising costs (including the new one) pass their share; "" otherwise."""
    limit = organising_limit(year_receipts)
    if spent <= limit:
        return ""
    return MSG_ORGANISING_OVER.format(spent=vnd(spent), share=ORGANISING_SHARE_PERCENT, limit=vnd(limit),
                                      fund=vnd(year_receipts), source=ORGANISING_SOURCE)
