"""The catalog: targets, and per regime the checks each target needs, as data.

A regime is a rule set with its valid years and parameters; a target's rule list is a list
of `Check` rows (rule id, function from checks.py, parameters, legal source, level,
verified). Adding a title = adding a `Target` and its rows; adding a regime = adding a
`Regime` (e.g. `REGIME_2022.derive(...)`) without editing the others.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from . import checks as K
from . import codes as C
from . import logic as L
from .codes import F, U

UNVERIFIED = " (chưa kiểm chứng)"

# -- targets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    code: str
    name: str
    kind: str          # individual | collective | both
    category: str      # title | form | grade

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "kind": self.kind,
                "category": self.category}


def _t(code, kind, category):
    return Target(code, C.NAMES[code], kind, category)


TARGETS: tuple[Target, ...] = (
    _t("LDTT", "individual", "title"), _t("CSTT", "individual", "title"),
    _t("CSTDCS", "individual", "title"), _t("CSTD_BO", "individual", "title"),
    _t("CSTD_TQ", "individual", "title"),
    _t("TTLDTT", "collective", "title"), _t("DVTT", "collective", "title"),
    _t("TTLDXS", "collective", "title"), _t("DVQT", "collective", "title"),
    _t("CO_BO", "collective", "title"), _t("CO_CP", "collective", "title"),
    _t("GK", "both", "form"), _t("BK_BO", "both", "form"), _t("BK_TTG", "both", "form"),
    _t("HCLD3", "both", "form"), _t("HCLD2", "both", "form"), _t("HCLD1", "both", "form"),
    _t("grade:excellent", "both", "grade"), _t("grade:good", "both", "grade"),
    _t("grade:complete", "both", "grade"), _t("grade:incomplete", "both", "grade"),
)
TARGETS_BY_CODE = {t.code: t for t in TARGETS}
catalog: list[dict] = [t.as_dict() for t in TARGETS]   # public listing for the UI

# -- checks ---------------------------------------------------------------------------------

Source = str | tuple  # a string, or ((from_year, to_year, text), ...) by sub-version


@dataclass(frozen=True)
class Check:
    id: str
    fn: Callable
    source: Source
    level: str = "error"          # error | warning | info
    verified: bool = True
    core: bool = True             # part of "meets the standard" (used by higher targets)
    in_years: tuple = (None, None)   # only for target years in this range
    params: dict = field(default_factory=dict)
    message: str | None = None    # messages.py key when it differs from id

    def applies(self, year: int) -> bool:
        lo, hi = self.in_years
        return (lo is None or year >= lo) and (hi is None or year <= hi)

    def source_for(self, year: int) -> str:
        src = self.source
        if isinstance(src, tuple):
            src = next(text for lo, hi, text in src
                       if (lo is None or year >= lo) and (hi is None or year <= hi))
        return src + (UNVERIFIED if not self.verified and UNVERIFIED not in src else "")


def R(rule_id, fn, source=None, **kw) -> Check:
    params = {k: kw.pop(k) for k in list(kw) if k not in Check.__dataclass_fields__}
    return Check(rule_id, fn, source, params=params, **kw)


def info(rule_id, source=None, **kw) -> Check:
    return R(rule_id, K.always_ok, source, level=kw.pop("level", "info"), core=False, **kw)


def _wrong_kind(ctx, **_):
    return K.Res(L.full(ctx.n, F))


# -- regimes --------------------------------------------------------------------------------


@dataclass
class Regime:
    id: str
    name: str
    valid_from: int
    valid_to: int
    params: dict
    rules: dict          # (target code, kind int) -> list[Check]
    notes: str = ""

    def covers(self, year: int) -> bool:
        return self.valid_from <= year <= self.valid_to

    def param(self, name: str, year: int):
        v = self.params[name]
        if isinstance(v, tuple):
            return next(val for lo, hi, val in v
                        if (lo is None or year >= lo) and (hi is None or year <= hi))
        return v

    def has_target(self, code: str) -> bool:
        return (code, C.KIND_INDIVIDUAL) in self.rules or (code, C.KIND_COLLECTIVE) in self.rules

    def checks(self, code: str, kind: int, year: int) -> list[Check]:
        rows = self.rules.get((code, kind))
        if rows is None:
            t = TARGETS_BY_CODE[code]
            return [Check("common.kind", _wrong_kind, "Luật Thi đua, khen thưởng",
                          params={}, message="common.kind")] if t.kind != "both" else []
        return [c for c in rows if c.applies(year)]

    def evaluate(self, ctx, code: str, *, core_only: bool = False,
                 with_checks: bool = False):
        """Tri eligibility for every subject of ctx; optionally the per-check results."""
        kinds = ctx.col.kind
        out = L.full(ctx.n, F)
        missing: list = []
        per_kind = {}
        for kind in (C.KIND_INDIVIDUAL, C.KIND_COLLECTIVE):
            sel = kinds == kind
            if not sel.any():
                continue
            rows = self.checks(code, kind, ctx.Y)
            if core_only:
                rows = [c for c in rows if c.core]
            results = [(c, c.fn(ctx, **c.params)) for c in rows]
            tri = L.and_(*[r.tri for _, r in results]) if results else L.full(ctx.n, U)
            out = np.where(sel, tri, out).astype(L.TRI)
            if ctx.explain:
                for _, r in results:
                    missing += [(lbl, m & sel & (tri == U)) for lbl, m in r.missing]
            if with_checks:
                per_kind[kind] = results
        res = K.Res(out, missing=missing)
        return (res, per_kind) if with_checks else res

    def derive(self, *, id: str, name: str, valid_from: int, valid_to: int,
               params: dict | None = None, replace_rules: dict | None = None) -> Regime:
        """A new regime from this one: same rows except those replaced (for amendments)."""
        rules = dict(self.rules)
        rules.update(replace_rules or {})
        return Regime(id, name, valid_from, valid_to, {**self.params, **(params or {})}, rules)


I, COLL = C.KIND_INDIVIDUAL, C.KIND_COLLECTIVE
L22 = "Luật Thi đua, khen thưởng 2022"
L03 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
ND91 = "Nghị định 91/2017/NĐ-CP"
ND65 = "Nghị định 65/2014/NĐ-CP"
ND42 = "Nghị định 42/2010/NĐ-CP; Thông tư 02/2011/TT-BNV (chưa kiểm chứng)"


def _by_decree(nd91: str, nd65: str, nd42: str = ND42) -> tuple:
    return ((2017, None, nd91), (2014, 2016, nd65), (None, 2013, nd42))


# ---- 2022 regime -------------------------------------------------------------------------
FREEZE_22 = R("common.freeze", K.freeze, "Nghị định 98/2023/NĐ-CP, Điều 4; Nghị định 152/2025/NĐ-CP",
              core=False)
CONSIST_22 = R("common.grade_consistency", K.grade_consistency,
               "Nghị định 90/2020/NĐ-CP, Điều 2, khoản 5 (bổ sung bởi Nghị định 48/2023/NĐ-CP)",
               core=False)


def _restart(window):
    return R("common.discipline_restart", K.discipline_restart,
             "Nghị định 152/2025/NĐ-CP (nguyên tắc: thành tích tính từ khi chấp hành xong kỷ luật)",
             core=False, in_years=(2025, None), window=window)


NO_THEMATIC_22 = info("common.no_thematic_basis", "Nghị định 98/2023/NĐ-CP, Điều 4, khoản 3",
                      level="warning")

LDTT_22 = [
    FREEZE_22, CONSIST_22,
    R("ldtt.grade", K.grade_at_least, f"{L22}, Điều 24, khoản 1, điểm a", min_grade=C.GOOD),
    info("ldtt.spirit", f"{L22}, Điều 24, khoản 1, điểm b"),
    R("ldtt.tenure", K.tenure, "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d",
      min_months_param="ldtt_min_months"),
    info("ldtt.special_time", "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm a, b"),
]
CSTDCS_22 = [
    FREEZE_22, CONSIST_22,
    R("cstdcs.has_ldtt", K.has_title, f"{L22}, Điều 23, khoản 1", codes=("LDTT", "CSTT")),
    R("cstdcs.excellence_or_initiative", K.excellence_or_initiative, f"{L22}, Điều 23, khoản 2"),
    info("cstdcs.cap", "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Thông tư "
         "01/2024/TT-BNV: không có tỷ lệ toàn quốc [unverified absence]", verified=False),
]
CSTDBO_22 = [
    FREEZE_22,
    R("cstdbo.chain", K.title_run, f"{L22}, Điều 22", codes=("CSTDCS",), years=3),
    R("cstdbo.no_reuse", K.not_held_recently, "Thông tư 07/2014/TT-BNV, Điều 4, khoản 3 (áp dụng "
      "tương tự)", verified=False, codes=("CSTD_BO",), years=2),
    R("cstdbo.initiative", K.initiatives_in_window, f"{L22}, Điều 22",
      min_level=1, need=1, years=3),
    info("cstdbo.selection", f"{L22}, Điều 22"),
    _restart(3),
]


def _cstdtq_chain(ctx, **_):
    now = ctx.title_at(ctx.Y, ("CSTD_BO",))
    before = ctx.held(ctx.Y - 3, ("CSTD_BO",))
    tri = L.and_(now.tri, before)
    return K.Res(tri, {}, [(l, m & (tri == U)) for l, m in now.missing]
                 + ctx.miss(f"history[{ctx.Y - 3}].titles", (before == U) & (tri == U)))


CSTDTQ_22 = [
    FREEZE_22,
    R("cstdtq.chain", _cstdtq_chain, f"{L22}, Điều 21"),
    R("cstdtq.initiative", K.initiatives_in_window, f"{L22}, Điều 21",
      min_level=2, need=1, years=6),
    info("cstdtq.timing", "Nghị định 91/2017/NĐ-CP, Điều 48, khoản 1, điểm a (áp dụng tương tự)",
         verified=False),
    _restart(6),
]
GK_22 = [
    FREEZE_22,
    R("gk.grade", K.grade_at_least, f"{L22}, Điều 75, khoản 2 (mặc định khi Bộ, ngành chưa "
      "quy định)", verified=False, message="gk.grade", min_grade=C.GOOD),
    R("gk.discipline", K.no_discipline, f"{L22}, Điều 75, khoản 2 (mặc định)", verified=False,
      min_form=C.REPRIMAND),
    info("gk.sector", f"{L22}, Điều 75, khoản 2"),
]
GK_C_22 = [
    FREEZE_22,
    R("gk.grade", K.grade_at_least, f"{L22}, Điều 75, khoản 2 (mặc định)", verified=False,
      min_grade=C.GOOD),
    info("ttldtt.unity", f"{L22}, Điều 75, khoản 2 (mặc định)", verified=False),
]
def _after_prior_bkbo(source: str) -> Check:
    """BK_BO again: the 2-year window may not reuse the year of the previous BK_BO."""
    return R("bkbo.after_prior", K.not_held_before, source, codes=("BK_BO",), field="awards",
             years=1, verified=False)


AFTER_BKBO_22 = _after_prior_bkbo("Nghị định 98/2023/NĐ-CP, Điều 30, khoản 9 (áp dụng cho lần "
                                  "đề nghị Bằng khen cấp bộ tiếp theo)")
AFTER_BKBO_13 = _after_prior_bkbo("Thông tư 08/2017/TT-BNV (thời gian đề nghị lần tiếp theo tính "
                                  "theo thời gian lập thành tích ghi trong quyết định lần trước)")

BKBO_22 = [
    FREEZE_22, CONSIST_22,
    R("bkbo.chain", K.bkbo_chain, f"{L22}, Điều 74, khoản 1, điểm d", title_path=True,
      ledger=True),
    AFTER_BKBO_22,
    info("bkbo.initiative_ledger", "Công văn 1168/BNV-BTĐKT ngày 06/02/2026; Công văn "
         "5007/BNV-TĐKT, mục III.5.c", level="warning"),
    info("bkbo.exemplary", f"{L22}, Điều 74, khoản 1, điểm a–c"),
    _restart(2),
]
def _excellent_two_years(ctx, **_):
    now = K.grade_at_least(ctx, min_grade=C.EXCELLENT)
    before = K.grade_at_least(ctx, min_grade=C.EXCELLENT, offset=1)
    tri = L.and_(now.tri, before.tri)
    return K.Res(tri, {}, [(l, m & (tri == U)) for l, m in now.missing + before.missing])


BKBO_C_22 = [
    FREEZE_22,
    R("bkbo.collective_chain", _excellent_two_years, f"{L22}, Điều 74, khoản 2", verified=False),
    AFTER_BKBO_22,
    info("ttldtt.unity", f"{L22}, Điều 74, khoản 2", verified=False),
]
BKTTG_22 = [
    FREEZE_22, CONSIST_22,
    R("bkttg.chain", K.after_award_run, f"{L22}, Điều 73, khoản 1, điểm b",
      prior=("BK_BO",), prior_field="awards", min_grade=C.GOOD, run=5,
      needs=(("cstdcs", "title", ("CSTDCS",), 3),)),
    info("bkttg.window", "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 9", level="warning",
         verified=False),
    NO_THEMATIC_22,
    info("bkttg.movement", f"{L22}, Điều 73, khoản 1, điểm a"),
    info("bkttg.impact", f"{L22}, Điều 73, khoản 1, điểm c"),
    _restart(5),
]
BKTTG_C_22 = [
    FREEZE_22,
    R("bkttg.collective_chain", K.after_award_run, f"{L22}, Điều 73, khoản 2", verified=False,
      prior=("BK_BO",), prior_field="awards", min_grade=C.GOOD, run=5,
      needs=(("ttldxs", "title", ("TTLDXS", "DVQT", "CO_BO"), 2),)),
    NO_THEMATIC_22,
]
HCLD3_22 = [
    FREEZE_22, CONSIST_22,
    R("hcld3.chain", K.after_award_run, f"{L22}, Điều 44, khoản 1, điểm e",
      prior=("BK_TTG",), prior_field="awards", min_grade=C.GOOD, run=5,
      needs=(("excellent", "excellent", None, 1), ("cstdcs", "title", ("CSTDCS",), 3))),
    NO_THEMATIC_22,
    info("hcld3.other", f"{L22}, Điều 44, khoản 1, điểm a–d, g"),
    _restart(5),
]
HCLD3_C_22 = [
    FREEZE_22,
    R("hcld3.collective_chain", K.after_award_run, f"{L22}, Điều 44", verified=False,
      prior=("BK_TTG",), prior_field="awards", min_grade=C.GOOD, run=5,
      needs=(("ttldxs", "title", ("TTLDXS", "DVQT"), 1),
             ("flag", "title", ("CO_BO", "CO_CP"), 1))),
    NO_THEMATIC_22,
]


def _pending(rule_id, source):
    return [R(rule_id, K.pending_text, source, verified=False)]


TTLDTT_22 = [
    FREEZE_22,
    R("ttldtt.grade", K.grade_at_least, f"{L22}, Điều 28", verified=False, min_grade=C.GOOD),
    info("ttldtt.movement", f"{L22}, Điều 28", verified=False),
    R("ttldtt.ldtt_share", K.member_share, f"{L22}, Điều 28", verified=False,
      field="ldtt", ratio=0.5, strict=True),
    info("ttldtt.unity", f"{L22}, Điều 28", verified=False),
]
TTLDXS_22 = [
    FREEZE_22,
    R("ttldxs.grade", K.grade_at_least, f"{L22}, Điều 27, khoản 1", min_grade=C.EXCELLENT),
    info("ttldxs.movement", f"{L22}, Điều 27, khoản 1"),
    R("ttldxs.all_complete", K.members_all_complete, f"{L22}, Điều 27, khoản 1"),
    R("ttldxs.ldtt_share", K.member_share, f"{L22}, Điều 27, khoản 1",
      field="ldtt", ratio=0.7, strict=False),
    R("ttldxs.has_cstdcs", K.members_at_least, f"{L22}, Điều 27, khoản 1",
      field="cstdcs", need=1),
    info("ttldxs.unity", f"{L22}, Điều 27, khoản 1"),
]
DVQT_22 = [c for c in TTLDXS_22 if c.id != "ttldxs.all_complete"]
COBO_22 = [
    FREEZE_22,
    R("cobo.cluster_leader", K.cluster_leader, f"{L22}, Điều 26, khoản 1–2"),
    R("cobo.exceeds_targets", K.grade_at_least, f"{L22}, Điều 26", verified=False,
      min_grade=C.EXCELLENT),
    info("cobo.unity", f"{L22}, Điều 26", verified=False),
]
COCP_22 = [
    FREEZE_22,
    R("cocp.cluster_leader", K.cluster_leader, message="cobo.cluster_leader", source= f"{L22}, Điều 25, khoản 1"),
    R("cocp.exceeds_targets", K.grade_at_least, message="cobo.exceeds_targets", source= f"{L22}, Điều 25, khoản 1, điểm a",
      min_grade=C.EXCELLENT),
    info("cocp.unity", message="cobo.unity", source= f"{L22}, Điều 25, khoản 1, điểm b"),
    info("cocp.selection", "Nghị định 98/2023/NĐ-CP (tỷ lệ mặc định 20% số tập thể dẫn đầu "
         "cụm, khối)", verified=False),
    info("cocp.other_routes", f"{L22}, Điều 25, khoản 2, 3"),
]

RULES_2022 = {
    ("LDTT", I): LDTT_22, ("CSTT", I): LDTT_22,
    ("CSTDCS", I): CSTDCS_22, ("CSTD_BO", I): CSTDBO_22, ("CSTD_TQ", I): CSTDTQ_22,
    ("GK", I): GK_22, ("GK", COLL): GK_C_22,
    ("BK_BO", I): BKBO_22, ("BK_BO", COLL): BKBO_C_22,
    ("BK_TTG", I): BKTTG_22, ("BK_TTG", COLL): BKTTG_C_22,
    ("HCLD3", I): HCLD3_22, ("HCLD3", COLL): HCLD3_C_22,
    ("HCLD2", I): _pending("hcld2.pending", f"{L22}, Điều 43"),
    ("HCLD2", COLL): _pending("hcld2.pending", f"{L22}, Điều 43"),
    ("HCLD1", I): _pending("hcld1.pending", f"{L22}, Điều 42"),
    ("HCLD1", COLL): _pending("hcld1.pending", f"{L22}, Điều 42"),
    ("TTLDTT", COLL): TTLDTT_22, ("DVTT", COLL): TTLDTT_22,
    ("TTLDXS", COLL): TTLDXS_22, ("DVQT", COLL): DVQT_22,
    ("CO_BO", COLL): COBO_22, ("CO_CP", COLL): COCP_22,
}

REGIME_2022 = Regime(
    "2022", "Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Nghị định 98/2023/NĐ-CP, "
    "Nghị định 152/2025/NĐ-CP, Thông tư 01/2024/TT-BNV", 2024, C.MAX_YEAR,
    {"ldtt_min_months": 6}, RULES_2022)

# ---- 2013 regime -------------------------------------------------------------------------
FREEZE_13 = R("common.freeze", K.freeze, "Thông tư 08/2017/TT-BNV", core=False)
REGISTRATION_13 = info("common.registration", "Luật Thi đua, khen thưởng 2003, Điều 10, khoản 1, "
                       "điểm b (và quy định của Bộ, ngành)")

LDTT_13 = [
    FREEZE_13,
    R("ldtt.grade", K.grade_at_least, f"{L03}, Điều 24, khoản 1, điểm a", min_grade=C.GOOD),
    info("ldtt.spirit", f"{L03}, Điều 24, khoản 1, điểm b"),
    info("ldtt.study", f"{L03}, Điều 24, khoản 1, điểm c"),
    info("ldtt.ethics", f"{L03}, Điều 24, khoản 1, điểm d"),
    R("ldtt.tenure", K.tenure, _by_decree(f"{ND91}, Điều 10", f"{ND65}, Điều 5, khoản 6"),
      min_months_param="ldtt_min_months"),
    R("ldtt.discipline", K.no_discipline, _by_decree(f"{ND91}, Điều 10",
                                                    f"{ND65}, Điều 5, khoản 6"),
      min_form=C.REPRIMAND),
    R("ldtt.leave", K.leave_bar, ((2014, 2016, f"{ND65}, Điều 5, khoản 6"), (None, 2013, ND42)),
      in_years=(None, 2016), max_days_param="leave_max_days"),
    info("ldtt.special_time", _by_decree(f"{ND91}, Điều 10, khoản 2, 4",
                                         f"{ND65}, Điều 5", "Thông tư 02/2011/TT-BNV")),
    REGISTRATION_13,
]
CSTDCS_13 = [
    FREEZE_13,
    R("cstdcs.has_ldtt", K.has_title, _by_decree(
        f"{L03}, Điều 23, khoản 1; {ND91}, Điều 9, khoản 3, điểm a", f"{L03}, Điều 23, khoản 1",
        f"{L03}, Điều 23, khoản 1"), codes=("LDTT", "CSTT")),
    R("cstdcs.initiative", K.initiatives_in_window, _by_decree(
        f"{L03}, Điều 23, khoản 2; {ND91}, Điều 9, khoản 3, điểm b", f"{L03}, Điều 23, khoản 2",
        f"{L03}, Điều 23, khoản 2"), min_level=0, need=1, years=1),
    info("cstdcs.cap", _by_decree(f"{ND91}, Điều 9, khoản 3 (không quá 15% số Lao động tiên tiến)",
                                  "Thông tư 07/2014/TT-BNV, Điều 5 (không quá 15%)",
                                  "Thông tư 02/2011/TT-BNV (không quá 15%)")),
    REGISTRATION_13,
]
CSTDBO_13 = [
    FREEZE_13,
    R("cstdbo.chain", K.title_run, f"{L03}, Điều 22; {ND91}, Điều 9, khoản 2",
      codes=("CSTDCS",), years=3),
    R("cstdbo.no_reuse", K.not_held_recently, "Thông tư 07/2014/TT-BNV, Điều 4, khoản 3",
      codes=("CSTD_BO",), years=2),
    R("cstdbo.initiative", K.initiatives_in_window, f"{ND91}, Điều 9, khoản 2",
      min_level=1, need=1, years=3),
    info("cstdbo.selection", f"{L03}, Điều 22"),
]
CSTDTQ_13 = [
    FREEZE_13,
    R("cstdtq.chain", _cstdtq_chain, f"{L03}, Điều 21; {ND91}, Điều 9, khoản 1"),
    R("cstdtq.initiative", K.initiatives_in_window, f"{ND65}, Điều 3, khoản 2",
      min_level=2, need=1, years=6),
    info("cstdtq.timing", f"{ND91}, Điều 48, khoản 1, điểm a; Thông tư 07/2014/TT-BNV, Điều 4, "
         "khoản 3"),
]
GK_13 = [
    FREEZE_13,
    R("gk.grade", K.grade_at_least, f"{L03}; {ND91} (Giấy khen, mặc định)", verified=False,
      min_grade=C.GOOD),
    R("gk.discipline", K.no_discipline, f"{L03}; {ND91} (Giấy khen, mặc định)", verified=False,
      min_form=C.REPRIMAND),
]
GK_C_13 = [
    FREEZE_13,
    R("gk.grade", K.grade_at_least, f"{L03}; {ND91} (Giấy khen, mặc định)", verified=False,
      min_grade=C.GOOD),
    info("ttldtt.unity", f"{L03} (Giấy khen, mặc định)", verified=False),
]
BKBO_13 = [
    FREEZE_13,
    R("bkbo.chain", K.bkbo_chain, f"{ND91} (Bằng khen cấp bộ; như Thông tư 07/2018/TT-BKHĐT, "
      "Điều 18, khoản 1)", title_path=False, ledger=False),
    AFTER_BKBO_13,
    info("bkbo.exemplary", f"{ND91} (Bằng khen cấp bộ)"),
]
BKBO_C_13 = [
    FREEZE_13,
    R("bkbo.collective_chain", _excellent_two_years, f"{ND91} (Bằng khen cấp bộ cho tập thể; như "
      "Thông tư 08/2019/TT-BLĐTBXH, Điều 19)", verified=False),
    AFTER_BKBO_13,
    info("ttldtt.unity", f"{ND91} (Bằng khen cấp bộ cho tập thể)", verified=False),
]
BKTTG_13 = [
    FREEZE_13,
    R("bkttg.chain", K.after_award_run, message="bkttg.chain_2013", source=
      ((2018, None, f"{ND91}, Điều 38, khoản 1, điểm c"),
       (None, 2017, f"{ND65}, Điều 23, khoản 1, điểm c")),
      prior=("BK_BO",), prior_field="awards", min_grade=C.EXCELLENT, run=5,
      needs=(("init", "init", 0, 5),)),
    info("bkttg.window", "Thông tư 08/2017/TT-BNV (thời gian tính từ thành tích ghi trong quyết "
         "định lần trước)", level="warning"),
    info("common.no_thematic_basis", f"{ND91}, Điều 3 (khen thưởng theo đợt, chuyên đề không "
         "làm căn cứ)", level="warning"),
    info("bkttg.movement", f"{ND91}, Điều 38, khoản 1, điểm a"),
    info("bkttg.impact", f"{ND91}, Điều 38, khoản 1, điểm b"),
]
BKTTG_C_13 = [
    FREEZE_13,
    R("bkttg.collective_chain", K.after_award_run, message="bkttg.collective_chain_2013", source=
      ((2018, None, f"{ND91}, Điều 38 (tập thể; chưa kiểm chứng)"),
       (None, 2017, f"{ND65}, Điều 23, khoản 3, điểm c")),
      verified=True, prior=("BK_BO",), prior_field="awards", min_grade=C.EXCELLENT, run=5,
      needs=(("flag", "title", ("CO_BO",), 1),)),
    info("common.no_thematic_basis", f"{ND91}, Điều 3", level="warning"),
]
HCLD3_C_13 = [
    FREEZE_13,
    R("hcld3.collective_chain", K.title_run, message="hcld3.collective_chain_2013", source= "Luật Thi đua, khen thưởng 2003, Điều 44, "
      "khoản 2 (văn bản 2003; bản sửa đổi chưa kiểm chứng)", verified=False,
      codes=("TTLDXS", "DVQT"), years=5),
    R("hcld3.collective_flag", K.any_title_in_window, message="hcld3.collective_flag_2013", source= "Luật Thi đua, khen thưởng 2003, "
      "Điều 44, khoản 2", verified=False, codes=("CO_BO", "BK_TTG"), field="titles", years=5),
]


def _flag_or_bkttg(ctx, **_):
    a = K.any_title_in_window(ctx, codes=("CO_BO",), field="titles", years=5)
    b = K.any_title_in_window(ctx, codes=("BK_TTG",), field="awards", years=5)
    tri = L.or_(a.tri, b.tri)
    return K.Res(tri, {}, [(l, m & (tri == U)) for l, m in a.missing + b.missing])


HCLD3_C_13[2] = replace(HCLD3_C_13[2], fn=_flag_or_bkttg, params={})

TTLDTT_13 = [
    FREEZE_13,
    R("ttldtt.grade", K.grade_at_least, f"{L03}, Điều 28, khoản 1, điểm a", min_grade=C.GOOD),
    info("ttldtt.movement", f"{L03}, Điều 28, khoản 1, điểm b"),
    R("ttldtt.ldtt_share", K.member_share, f"{L03}, Điều 28, khoản 1, điểm c",
      field="ldtt", ratio=0.5, strict=True),
    R("ttldtt.discipline", K.members_none, f"{L03}, Điều 28, khoản 1, điểm c",
      field="disciplined"),
    info("ttldtt.unity", f"{L03}, Điều 28, khoản 1, điểm d"),
    REGISTRATION_13,
]
TTLDXS_13 = [
    FREEZE_13,
    R("ttldxs.grade", K.grade_at_least, f"{L03}, Điều 27", min_grade=C.EXCELLENT),
    info("ttldxs.movement", f"{L03}, Điều 27"),
    R("ttldxs.all_complete", K.members_all_complete, f"{L03}, Điều 27"),
    R("ttldxs.ldtt_share", K.member_share, f"{L03}, Điều 27", field="ldtt", ratio=0.7,
      strict=False),
    R("ttldxs.has_cstdcs", K.members_at_least, f"{L03}, Điều 27", field="cstdcs", need=1),
    R("ttldxs.discipline", K.members_none, f"{L03}, Điều 27", field="disciplined"),
    info("ttldxs.unity", f"{L03}, Điều 27"),
    REGISTRATION_13,
]
COBO_13 = [
    FREEZE_13,
    R("cobo.cluster_leader", K.cluster_leader, f"{ND91}, Điều 12"),
    R("cobo.exceeds_targets", K.grade_at_least, "Luật Thi đua, khen thưởng 2003, Điều 26",
      verified=False, min_grade=C.EXCELLENT),
    info("cobo.new_models", "Luật Thi đua, khen thưởng 2003, Điều 26", verified=False),
    info("cobo.unity", "Luật Thi đua, khen thưởng 2003, Điều 26", verified=False),
]
COCP_13 = [
    FREEZE_13,
    R("cocp.cluster_leader", K.cluster_leader, message="cobo.cluster_leader", source= f"{ND91}, Điều 11, khoản 1; Điều 12"),
    R("cocp.exceeds_targets", K.grade_at_least, message="cobo.exceeds_targets", source= "Luật Thi đua, khen thưởng 2003, Điều 25",
      min_grade=C.EXCELLENT),
    info("cocp.unity", message="cobo.unity", source= "Luật Thi đua, khen thưởng 2003, Điều 25"),
    info("cocp.selection", f"{ND91}, Điều 11, khoản 1 (không quá 20%)"),
    info("cocp.other_routes", f"{ND91}, Điều 11, khoản 2, 3"),
]

RULES_2013 = {
    ("LDTT", I): LDTT_13, ("CSTT", I): LDTT_13,
    ("CSTDCS", I): CSTDCS_13, ("CSTD_BO", I): CSTDBO_13, ("CSTD_TQ", I): CSTDTQ_13,
    ("GK", I): GK_13, ("GK", COLL): GK_C_13,
    ("BK_BO", I): BKBO_13, ("BK_BO", COLL): BKBO_C_13,
    ("BK_TTG", I): BKTTG_13, ("BK_TTG", COLL): BKTTG_C_13,
    ("HCLD3", I): _pending("hcld3.pending", "Luật Thi đua, khen thưởng 2003, Điều 44; "
                           f"{ND91}"),
    ("HCLD3", COLL): HCLD3_C_13,
    ("HCLD2", I): _pending("hcld2.pending", "Luật Thi đua, khen thưởng 2003, Điều 43"),
    ("HCLD2", COLL): _pending("hcld2.pending", "Luật Thi đua, khen thưởng 2003, Điều 43"),
    ("HCLD1", I): _pending("hcld1.pending", "Luật Thi đua, khen thưởng 2003, Điều 42"),
    ("HCLD1", COLL): _pending("hcld1.pending", "Luật Thi đua, khen thưởng 2003, Điều 42"),
    ("TTLDTT", COLL): TTLDTT_13, ("DVTT", COLL): TTLDTT_13,
    ("TTLDXS", COLL): TTLDXS_13, ("DVQT", COLL): TTLDXS_13,
    ("CO_BO", COLL): COBO_13, ("CO_CP", COLL): COCP_13,
}

REGIME_2013 = Regime(
    "2013", "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP "
    "(Nghị định 65/2014/NĐ-CP đến 2016, Nghị định 42/2010/NĐ-CP trước đó)", C.MIN_YEAR, 2023,
    {"ldtt_min_months": 10, "leave_max_days": 40}, RULES_2013)

EMULATION_REGIMES: list[Regime] = [REGIME_2013, REGIME_2022]


def emulation_regime(year: int) -> Regime | None:
    for r in EMULATION_REGIMES:
        if r.covers(year):
            return r
    return None


# ---- evaluation (grade) regimes ---------------------------------------------------------------
def _grade_rows(source_disc: Source, *, time_worked: Source | None, cap: str, council: str,
                verified=True) -> dict:
    rows = {}
    for name, g in C.GRADES.items():
        checks = [R("grade.discipline", K.grade_discipline, source_disc, grade=g,
                    verified=verified)]
        if time_worked is not None:
            checks.append(R("grade.time_worked", K.grade_time_worked, time_worked, grade=g))
        if g == C.EXCELLENT:
            checks.append(info("grade.cap", cap))
        checks.append(info("grade.council", council))
        rows[(f"grade:{name}", I)] = checks
        rows[(f"grade:{name}", COLL)] = checks
    return rows


GRADE_REGIMES: dict[str, Regime] = {
    "nd90": Regime("nd90", "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)",
                   C.MIN_YEAR, C.MAX_YEAR, {},
                   _grade_rows(((2023, None, ("Nghị định 90/2020/NĐ-CP, Điều 2, khoản 5 (bổ sung "
                                                     "bởi Nghị định 48/2023/NĐ-CP)")),
                                (2020, 2022, "Nghị định 90/2020/NĐ-CP, Điều 11, khoản 1, điểm c"),
                                (None, 2019, "Nghị định 56/2015/NĐ-CP (chưa kiểm chứng)")),
                               time_worked="Nghị định 90/2020/NĐ-CP, Điều 2, khoản 3",
                               cap="Nghị định 90/2020/NĐ-CP, Điều 2, khoản 6 (bổ sung bởi Nghị định "
                                   "48/2023/NĐ-CP); Hướng dẫn 21-HD/BTCTW, mục 2.3",
                               council="Nghị định 90/2020/NĐ-CP, Điều 3–15")),
    "nd335": Regime("nd335", "Nghị định 335/2025/NĐ-CP", 2026, C.MAX_YEAR, {},
                    _grade_rows("Nghị định 335/2025/NĐ-CP, Điều 20, khoản 4, điểm c",
                                time_worked=None,
                                cap="Nghị định 335/2025/NĐ-CP, Điều 20, khoản 5, điểm a",
                                council="Nghị định 335/2025/NĐ-CP, Điều 20, khoản 1–4")),
    "qd132": Regime("qd132", "Quy định 132-QĐ/TW", C.MIN_YEAR, 2022, {},
                    _grade_rows("Quy định 132-QĐ/TW; Hướng dẫn 21-HD/BTCTW", time_worked=None,
                                cap="Hướng dẫn 21-HD/BTCTW, mục 2.3",
                                council="Quy định 132-QĐ/TW", verified=False)),
    "qd124": Regime("qd124", "Quy định 124-QĐ/TW", 2023, 2024, {},
                    _grade_rows("Quy định 124-QĐ/TW (trường hợp không hoàn thành nhiệm vụ)",
                                time_worked=None, cap="Quy định 124-QĐ/TW (tỷ lệ chưa kiểm chứng)",
                                council="Quy định 124-QĐ/TW, Điều 12")),
    "qd366": Regime("qd366", "Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW", 2025, C.MAX_YEAR, {},
                    _grade_rows("Quy định 366-QĐ/TW, Điều 11 (danh sách không hoàn thành nhiệm vụ "
                                "chưa đọc)", time_worked=None,
                                cap="Quy định 366-QĐ/TW (tỷ lệ chưa kiểm chứng)",
                                council="Quy định 366-QĐ/TW, Điều 11", verified=False)),
}


def grade_regime_ids(kind: np.ndarray, staff_type: np.ndarray, year: int) -> np.ndarray:
    """Per subject: which evaluation rule set applies (evaluation-rules.md §0)."""
    out = np.empty(len(kind), dtype=object)
    if year >= 2026:
        indiv = np.where(staff_type == C.STAFF_TYPES["civil_servant"], "nd335", "nd90")
        coll = "nd335"
    else:
        indiv = "nd90"
        coll = "qd366" if year >= 2025 else ("qd124" if year >= 2023 else "qd132")
    out[:] = np.where(kind == C.KIND_COLLECTIVE, coll, indiv)
    return out
