"""The council's arithmetic: quorum, the vote threshold of each form, selection under a cap.

Pure Python with integers only (commendation-rules.md §1.2–§1.3): "từ X% trở lên" is
`agree * 100 >= X * base`, "trên X%" is `agree * 100 > X * base`; the base is every voting member
of the council, present or not, and a blank or invalid ballot counts in the base but not as
agreement. Every rule carries its source; the `[unverified]` ones are parameters with a default."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Threshold:
    rule: str
    percent: int          # X of "X%"
    strict: bool          # True: "trên X%" (>), False: "từ X% trở lên" (>=)
    source: str
    secret_ballot: bool = True

    def words(self) -> str:
        return f"{'trên' if self.strict else 'từ'} {self.percent}%{'' if self.strict else ' trở lên'} tổng số thành viên"


@dataclass(frozen=True)
class Quorum:
    numerator: int = 2
    denominator: int = 3
    source: str = ("Quy chế Hội đồng TĐKT cấp tỉnh (Hà Giang, 2018), mặc định param.quorum = 2/3 tổng số "
                   "thành viên [chưa kiểm chứng với văn bản quốc gia]")


QUORUM = Quorum()
ABSENTEE_WRITTEN_OPINION = True   # param.absentee_written_opinion (commendation-rules.md §1.2)

_NINETY = Threshold("ballot.cstd_bo_tq_hero", 90, False,
                    "Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8 (mặc định cho chế độ 2022: param.threshold = 90%)")
_EIGHTY = Threshold("ballot.bk_ttg.unit", 80, False,
                    "Thông tư 25/2023/TT-NHNN (thủ tục tặng Bằng khen của Thủ tướng Chính phủ)")
_MAJORITY = Threshold("ballot.cstdcs", 50, True,
                      "Mặc định param.threshold.cstdcs = trên 1/2 tổng số thành viên "
                      "(commendation-rules.md §1.3, chưa có quy định quốc gia)")

THRESHOLDS: dict[str, Threshold] = {
    "CSTD_BO": _NINETY, "CSTD_TQ": _NINETY, "HCLD3": _NINETY, "HCLD2": _NINETY, "HCLD1": _NINETY,
    "BK_TTG": _EIGHTY,
}


def threshold_for(form: str) -> Threshold:
    return THRESHOLDS.get(form, _MAJORITY)


def has_quorum(present: int, members: int, quorum: Quorum = QUORUM) -> bool:
    """At least numerator/denominator of all members attend (integers: present*3 >= members*2)."""
    return members > 0 and present * quorum.denominator >= members * quorum.numerator


def required_votes(members: int, threshold: Threshold) -> int:
    """The least number of agreeing votes that passes, out of `members` (all members of the council)."""
    if members <= 0:
        return 1
    need = threshold.percent * members // 100
    return need + 1 if threshold.strict or need * 100 < threshold.percent * members else need


def passes(agree: int, members: int, threshold: Threshold) -> bool:
    if members <= 0:
        return False
    if threshold.strict:
        return agree * 100 > threshold.percent * members
    return agree * 100 >= threshold.percent * members


def select_within_cap(candidates: list[tuple[str, int]], cap: int | None) -> dict[str, str]:
    """Rank the passed candidates (id, agree) by agreeing votes; where a cap binds, those ranked within
    the cap are "selected", those after it "over_cap", and those tied across the cap's edge "tie" (the
    council decides: param.cap_tiebreak = "council_decides", commendation-rules.md §1.3)."""
    ranked = sorted(candidates, key=lambda c: -c[1])
    if cap is None or len(ranked) <= cap:
        return {cid: "selected" for cid, _ in ranked}
    edge = ranked[cap - 1][1] if cap > 0 else None
    out = {}
    for i, (cid, agree) in enumerate(ranked):
        if edge is not None and agree == edge and (i >= cap or ranked[cap][1] == edge):
            out[cid] = "tie"
        elif i < cap:
            out[cid] = "selected"
        else:
            out[cid] = "over_cap"
    return out


# --- council composition (commendation-rules.md §1.1) ----------------------------------------------

@dataclass(frozen=True)
class Composition:
    """What a council must have before it sits. National texts fix the composition only for the central
    and (2013) provincial councils; the rest are parameters with a default."""
    chairs: int = 1                    # exactly one Chủ tịch Hội đồng
    secretaries: int = 1               # exactly one Thư ký (or Ủy viên kiêm Thư ký)
    min_voting: int = 5                # [unverified] param.council.min_voting_members = 5
    province_vice_chairs: tuple[int, int] = (3, 4)   # NĐ 91/2017/NĐ-CP, Điều 63, khoản 2: 3 to 4 Phó Chủ tịch
    source: str = ("commendation-rules.md §1.1: một Chủ tịch, Thư ký; cấp tỉnh 3–4 Phó Chủ tịch (Nghị định "
                   "91/2017/NĐ-CP, Điều 63, khoản 2); tối thiểu 5 thành viên biểu quyết (mặc định "
                   "param.council.min_voting_members, chưa kiểm chứng)")


COMPOSITION = Composition()
CHAIR, VICE_CHAIR, SECRETARY_ROLES, VOTING = "chair", "vice_chair", ("secretary", "member_secretary"), \
    ("chair", "vice_chair", "member", "member_secretary")


def role_room(roles: list[str], new_role: str, *, province: bool = False, c: Composition = COMPOSITION) -> str | None:
    """Whether one more member with `new_role` fits the council whose members hold `roles`: the reason
    key it does not ("chair", "secretary", "vice_chair"), or None."""
    if new_role == CHAIR and roles.count(CHAIR) >= c.chairs:
        return "chair"
    if new_role in SECRETARY_ROLES and sum(r in SECRETARY_ROLES for r in roles) >= c.secretaries:
        return "secretary"
    if province and new_role == VICE_CHAIR and roles.count(VICE_CHAIR) >= c.province_vice_chairs[1]:
        return "vice_chair"
    return None


def composition_gaps(roles: list[str], *, province: bool = False, c: Composition = COMPOSITION) -> dict[str, int]:
    """What the council still lacks before it may sit: role key → how many more are needed."""
    gaps = {}
    if roles.count(CHAIR) < c.chairs:
        gaps["chair"] = c.chairs - roles.count(CHAIR)
    secretaries = sum(r in SECRETARY_ROLES for r in roles)
    if secretaries < c.secretaries:
        gaps["secretary"] = c.secretaries - secretaries
    if province and roles.count(VICE_CHAIR) < c.province_vice_chairs[0]:
        gaps["vice_chair"] = c.province_vice_chairs[0] - roles.count(VICE_CHAIR)
    voting = sum(r in VOTING for r in roles)
    if voting < c.min_voting:
        gaps["voting"] = c.min_voting - voting
    return gaps


# --- ties at a cap: the second secret ballot (commendation-rules.md §1.3, param.cap_tiebreak) --------

def seats_left(cap: int, selected: int) -> int:
    """The places a cap leaves for the tied nominees once those ranked clearly within it are selected."""
    return max(0, cap - selected)


def runoff_ballot_ok(picks: int, seats: int) -> bool:
    """A second-ballot paper may mark at most as many tied nominees as there are places (none is blank)."""
    return 0 <= picks <= seats


def resolve_runoff(votes: list[tuple[str, int]], seats: int) -> dict[str, str]:
    """The second ballot among tied nominees (id, votes received) for `seats` places: "selected",
    "over_cap", or "tie" again where the edge still ties (then the chair records the council's decision)."""
    return select_within_cap(votes, seats)


def decision_ok(chosen: int, seats: int) -> bool:
    """The council's recorded decision picks exactly the places left."""
    return chosen == seats
