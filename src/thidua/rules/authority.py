"""Who may confer what (legal-rules.md §8, Luật Thi đua, khen thưởng 2022, Điều 80 and Điều 83):
the levels of authority, the titles and forms each confers, and which forms must be publicly posted
before the council (commendation-rules.md §2.4). Pure data; the apps map their units onto a level."""
from dataclasses import dataclass

COMMUNE, BASE, MINISTRY, GOVERNMENT, STATE = "commune", "base", "ministry", "government", "state"
ORDER = (COMMUNE, BASE, MINISTRY, GOVERNMENT, STATE)

LEVEL_NAMES = {
    COMMUNE: "Chủ tịch UBND cấp xã",
    BASE: "Thủ trưởng cơ quan, đơn vị cơ sở",
    MINISTRY: "Bộ trưởng, Thủ trưởng cơ quan trung ương, Chủ tịch UBND tỉnh",
    GOVERNMENT: "Thủ tướng Chính phủ",
    STATE: "Chủ tịch nước",
}
SOURCE = "Luật Thi đua, khen thưởng 2022, Điều 80; Điều 83 khoản 1–2"

CONFERS: dict[str, frozenset[str]] = {
    COMMUNE: frozenset({"LDTT", "GK"}),
    BASE: frozenset({"LDTT", "CSTT", "CSTDCS", "TTLDTT", "DVTT", "GK"}),
    MINISTRY: frozenset({"CSTD_BO", "CO_BO", "TTLDXS", "DVQT", "BK_BO"}),
    GOVERNMENT: frozenset({"CSTD_TQ", "CO_CP", "BK_TTG"}),
    STATE: frozenset({"HCLD3", "HCLD2", "HCLD1"}),
}


@dataclass(frozen=True)
class Posting:
    working_days: int
    source: str


# Forms whose candidates are published for public comment before the ministry/province council.
POSTED: dict[str, Posting] = {
    **{code: Posting(10, "Nghị định 98/2023/NĐ-CP, Điều 46, khoản 2 (ít nhất 10 ngày làm việc trước họp Hội đồng)")
       for code in ("HCLD3", "HCLD2", "HCLD1")},
    "CSTD_TQ": Posting(10, "param.publish.cstd_tq = true, 10 ngày làm việc (commendation-rules.md §2.4, chưa "
                           "kiểm chứng cho chế độ 2022)"),
}


def conferring_level(code: str, at_least: str = COMMUNE) -> str | None:
    """The lowest level from `at_least` upward that confers `code`."""
    for level in ORDER[ORDER.index(at_least):]:
        if code in CONFERS[level]:
            return level
    return None


def may_confer(level: str, code: str) -> bool:
    return code in CONFERS.get(level, frozenset())


def may_propose(level: str, code: str) -> bool:
    """A level proposes what it or a level above confers (titles are reviewed from the base upward)."""
    return level in ORDER and any(code in CONFERS[lv] for lv in ORDER[ORDER.index(level):])


def posting_for(code: str) -> Posting | None:
    return POSTED.get(code)
