"""Quota checks an officer runs on a unit's slate before deciding (pure functions).

Caps limit how many in a scope may get a grade or title; they are never a per-person rule.
Ratio, base, rounding and scope are rule-set parameters (tables below), not constants in
code. Every answer is a plain dict with a Vietnamese message, the rule id and its source.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import codes

UNVERIFIED = " (chưa kiểm chứng)"


@dataclass(frozen=True)
class CapRule:
    rule: str
    ratio: float | None      # None: no cap
    base: str                # what the ratio is taken of
    rounding: str            # floor | round | ceil
    scope: str
    source: str
    verified: bool = True
    note: str = ""

    def allowed(self, base_count: int) -> int | None:
        if self.ratio is None:
            return None
        raw = self.ratio * base_count
        eps = 1e-9   # 0.2 * 15 must be 3, not 2.9999
        return {"floor": math.floor(raw + eps), "ceil": math.ceil(raw - eps),
                "round": math.floor(raw + 0.5)}[self.rounding]


# -- top grade (HTXS) caps, evaluation-rules.md §1.5, §2.4, §3.4 ---------------------------
GRADE_CAP_RULES = {
    "nd335": CapRule("grade.cap", 0.20, "good", "floor",
                     "cùng cơ quan, đơn vị và nhóm công chức có nhiệm vụ tương đồng",
                     "Nghị định 335/2025/NĐ-CP, Điều 20, khoản 5, điểm a",
                     note="làm tròn xuống: văn bản không quy định cách làm tròn (chưa kiểm chứng)"),
    "nd90": CapRule("grade.cap", 0.20, "good", "floor",
                    "cùng cơ quan, đơn vị và nhóm có nhiệm vụ tương đồng",
                    "Nghị định 90/2020/NĐ-CP, Điều 2, khoản 6 (bổ sung bởi Nghị định "
                    "48/2023/NĐ-CP); Hướng dẫn 21-HD/BTCTW, mục 2.3 (20% số hoàn thành tốt)",
                    note="tỷ lệ lấy theo tỷ lệ đảng viên; cấp có thẩm quyền có thể quyết định "
                         "tỷ lệ khác cho đơn vị có thành tích xuất sắc"),
    "qd132": CapRule("grade.cap", 0.20, "good", "floor", "từng tổ chức cơ sở đảng",
                     "Hướng dẫn 21-HD/BTCTW, mục 2.3"),
    "qd124": CapRule("grade.cap", 0.20, "good", "floor", "từng tổ chức cơ sở đảng",
                     "Quy định 124-QĐ/TW (tỷ lệ mặc định 20%)", verified=False),
    "qd366": CapRule("grade.cap", 0.20, "good", "floor", "từng tổ chức cơ sở đảng",
                     "Quy định 366-QĐ/TW (tỷ lệ mặc định 20%)", verified=False),
}


def grade_cap_regime(year: int, *, track: str = "government",
                     staff_type: str | None = "civil_servant") -> str:
    if track == "party":
        return "qd366" if year >= 2025 else ("qd124" if year >= 2023 else "qd132")
    if year >= 2026 and staff_type in (None, "civil_servant"):
        return "nd335"
    return "nd90"


MSG_GRADE_OK = ("Đề xuất {proposed} hoàn thành xuất sắc nhiệm vụ, tối đa {allowed} (20% của "
                "{base} hoàn thành tốt nhiệm vụ): còn được thêm {remaining}")
MSG_GRADE_OVER = ("Đề xuất {proposed} hoàn thành xuất sắc nhiệm vụ, tối đa {allowed} (20% của "
                  "{base} hoàn thành tốt nhiệm vụ): vượt {over}")


def check_grade_cap(grades: Iterable[str] | Mapping[str, int], *, year: int,
                    track: str = "government", staff_type: str | None = "civil_servant",
                    ratio: float | None = None) -> dict:
    """Top-grade cap for ONE scope group (unit × similar-task group, or party organisation).

    grades: the proposed grades (codes), or counts by grade code. The cap counts
    excellent against the number graded `good` (not "good and above")."""
    counts = dict(grades) if isinstance(grades, Mapping) else _count(grades)
    rid = grade_cap_regime(year, track=track, staff_type=staff_type)
    rule = GRADE_CAP_RULES[rid]
    if ratio is not None:
        rule = CapRule(rule.rule, ratio, rule.base, rule.rounding, rule.scope,
                       rule.source + f"; tỷ lệ {ratio:.0%} theo quyết định của cấp có thẩm quyền")
    base = int(counts.get("good", 0))
    proposed = int(counts.get("excellent", 0))
    allowed = rule.allowed(base)
    ok = proposed <= allowed
    fmt = dict(proposed=proposed, allowed=allowed, base=base,
               remaining=max(allowed - proposed, 0), over=max(proposed - allowed, 0))
    return {
        "rule": rule.rule, "regime": rid, "year": year, "ok": ok,
        "ratio": rule.ratio, "base": base, "base_grade": rule.base, "rounding": rule.rounding,
        "scope": rule.scope, "allowed": allowed, "proposed": proposed,
        "remaining": fmt["remaining"], "over": fmt["over"],
        "message": (MSG_GRADE_OK if ok else MSG_GRADE_OVER).format(**fmt),
        "source": rule.source + ("" if rule.verified else UNVERIFIED),
        "verified": rule.verified, "note": rule.note,
    }


def check_grade_caps(groups: Mapping, **kw) -> dict:
    """check_grade_cap for every (unit, similar-task group) key of `groups`."""
    return {key: check_grade_cap(grades, **kw) for key, grades in groups.items()}


def _count(grades: Iterable[str]) -> dict:
    """{grade: how many} of a list of grade names."""
    out: dict = {}
    for grade in grades:
        if grade not in codes.GRADES:
            raise ValueError(f"mức xếp loại không hợp lệ: {grade!r}")
        out[grade] = out.get(grade, 0) + 1
    return out


# -- title caps, legal-rules.md §2.7, §9 ---------------------------------------------------
TITLE_CAP_RULES = {
    ("CSTDCS", "2013"): CapRule("cstdcs.cap", 0.15, "LDTT", "floor", "đơn vị",
                                "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3 (không quá 15% số cá "
                                "nhân đạt Lao động tiên tiến, Chiến sĩ tiên tiến)",
                                note="làm tròn xuống (chưa kiểm chứng); Bộ, ngành, tỉnh có thể quy "
                                     "định tỷ lệ thấp hơn"),
    ("CSTDCS", "2022"): CapRule("cstdcs.cap", None, "LDTT", "floor", "đơn vị",
                                "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Thông tư "
                                "01/2024/TT-BNV (chưa kiểm chứng: không tìm thấy tỷ lệ toàn quốc)", verified=False,
                                note="không tìm thấy tỷ lệ toàn quốc; áp dụng tỷ lệ của Bộ, ngành "
                                     "nếu có"),
    ("CO_CP", "2013"): CapRule("cocp.cap", 0.20, "cluster_leaders", "floor",
                               "Bộ, ban, ngành, tỉnh",
                               "Nghị định 91/2017/NĐ-CP, Điều 11, khoản 1; Công văn "
                               "5007/BNV-TĐKT (20% số tập thể dẫn đầu cụm, khối)"),
    ("CO_CP", "2022"): CapRule("cocp.cap", 0.20, "cluster_leaders", "floor",
                               "Bộ, ban, ngành, tỉnh",
                               "Nghị định 98/2023/NĐ-CP (mặc định 20% số tập thể dẫn đầu cụm, "
                               "khối)", verified=False),
    ("CO_BO", "2013"): CapRule("cobo.flags_per_cluster", None, "cluster", "floor", "cụm, khối",
                               "Nghị định 91/2017/NĐ-CP, Điều 12 (mặc định 01 cờ mỗi cụm, khối)",
                               verified=False),
    ("CO_BO", "2022"): CapRule("cobo.flags_per_cluster", None, "cluster", "floor", "cụm, khối",
                               "Luật Thi đua, khen thưởng 2022, Điều 26 (mặc định 01 cờ mỗi cụm, "
                               "khối)", verified=False),
}
FLAGS_PER_CLUSTER = 1
BASE_WORDS = {"LDTT": "số Lao động tiên tiến", "cluster_leaders": "số tập thể dẫn đầu cụm, khối",
              "cluster": "cụm, khối"}


def check_title_cap(title: str, *, year: int, proposed: int, base: int | None = None,
                    flags_per_cluster: int = FLAGS_PER_CLUSTER) -> dict:
    """Cap on a title in one scope. base: LĐTT count of the unit (CSTDCS), number of
    cluster leaders (CO_CP); for CO_BO the scope is one cluster and `base` is unused."""
    regime = "2022" if year >= 2024 else "2013"
    key = (title, regime)
    if key not in TITLE_CAP_RULES:
        return {"rule": "common.cap", "title": title, "regime": regime, "year": year,
                "ok": True, "allowed": None, "proposed": proposed,
                "message": f"Không có tỷ lệ tối đa toàn quốc cho {codes.NAMES.get(title, title)}",
                "source": "", "verified": True}
    rule = TITLE_CAP_RULES[key]
    if title == "CO_BO":
        allowed = flags_per_cluster
    else:
        allowed = rule.allowed(int(base or 0))
    name = codes.NAMES[title]
    if allowed is None:
        msg = (f"Không có tỷ lệ tối đa toàn quốc cho {name} năm {year} (chưa kiểm chứng); "
               "áp dụng tỷ lệ của Bộ, ngành nếu có")
        ok, over, remaining = True, 0, None
    else:
        ok = proposed <= allowed
        over, remaining = max(proposed - allowed, 0), max(allowed - proposed, 0)
        what = (f"{rule.ratio:.0%} {BASE_WORDS[rule.base]} ({base})" if rule.ratio is not None
                else f"{allowed} mỗi cụm, khối")
        msg = (f"Đề xuất {proposed} {name}, tối đa {allowed} ({what}): "
               + (f"còn được thêm {remaining}" if ok else f"vượt {over}"))
    return {"rule": rule.rule, "title": title, "regime": regime, "year": year, "ok": ok,
            "ratio": rule.ratio, "base": base, "rounding": rule.rounding, "scope": rule.scope,
            "allowed": allowed, "proposed": proposed, "remaining": remaining, "over": over,
            "message": msg, "source": rule.source + ("" if rule.verified else UNVERIFIED),
            "verified": rule.verified, "note": rule.note}
