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

from . import checks, codes, logic
from .logic import FALSE, UNKNOWN

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


def _target(code, kind, category):
    return Target(code, codes.NAMES[code], kind, category)


TARGETS: tuple[Target, ...] = (
    _target("LDTT", "individual", "title"), _target("CSTT", "individual", "title"),
    _target("CSTDCS", "individual", "title"), _target("CSTD_BO", "individual", "title"),
    _target("CSTD_TQ", "individual", "title"),
    _target("TTLDTT", "collective", "title"), _target("DVTT", "collective", "title"),
    _target("TTLDXS", "collective", "title"), _target("DVQT", "collective", "title"),
    _target("CO_BO", "collective", "title"), _target("CO_CP", "collective", "title"),
    _target("GK", "both", "form"), _target("BK_BO", "both", "form"), _target("BK_TTG", "both", "form"),
    _target("HCLD3", "both", "form"), _target("HCLD2", "both", "form"), _target("HCLD1", "both", "form"),
    _target("grade:excellent", "both", "grade"), _target("grade:good", "both", "grade"),
    _target("grade:complete", "both", "grade"), _target("grade:incomplete", "both", "grade"),
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


def rule(rule_id, fn, source=None, **options) -> Check:
    """A catalog row: `options` that are Check fields (level, verified, core, in_years,
    message) set the row; the others are the parameters passed to the rule function."""
    params = {k: options.pop(k) for k in list(options) if k not in Check.__dataclass_fields__}
    return Check(rule_id, fn, source, params=params, **options)


def info(rule_id, source=None, **options) -> Check:
    """A council judgement or a note: an `info` check that defaults to ok."""
    return rule(rule_id, checks.always_ok, source, level=options.pop("level", "info"), core=False, **options)


def _wrong_kind(ctx, **_):
    return checks.Result(logic.filled(ctx.size, FALSE))


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
        value = self.params[name]
        if isinstance(value, tuple):     # ((from, to, value), ...) by sub-version
            return next(v for lo, hi, v in value
                        if (lo is None or year >= lo) and (hi is None or year <= hi))
        return value

    def has_target(self, code: str) -> bool:
        return (code, codes.KIND_INDIVIDUAL) in self.rules or (code, codes.KIND_COLLECTIVE) in self.rules

    def rows_for(self, code: str, kind: int, year: int) -> list[Check]:
        """The checks of `code` for subjects of `kind` in target `year`."""
        rows = self.rules.get((code, kind))
        if rows is None:
            target = TARGETS_BY_CODE[code]
            return [Check("common.kind", _wrong_kind, "Luật Thi đua, khen thưởng",
                          params={}, message="common.kind")] if target.kind != "both" else []
        return [c for c in rows if c.applies(year)]

    def evaluate(self, ctx, code: str, *, core_only: bool = False,
                 with_checks: bool = False):
        """Three-valued eligibility for every subject of ctx (the AND of the target's checks);
        optionally the per-check results by kind of subject."""
        kinds = ctx.history.kind
        verdict = logic.filled(ctx.size, FALSE)
        missing: list = []
        per_kind = {}
        for kind in (codes.KIND_INDIVIDUAL, codes.KIND_COLLECTIVE):
            of_kind = kinds == kind
            if not of_kind.any():
                continue
            rows = self.rows_for(code, kind, ctx.year)
            if core_only:
                rows = [c for c in rows if c.core]
            results = [(c, c.fn(ctx, **c.params)) for c in rows]
            kind_verdict = (logic.and_(*[r.verdict for _, r in results]) if results
                            else logic.filled(ctx.size, UNKNOWN))
            verdict = np.where(of_kind, kind_verdict, verdict).astype(logic.TRI_DTYPE)
            if ctx.explain:
                for _, r in results:
                    missing += checks.only_where(r.missing, of_kind & (kind_verdict == UNKNOWN))
            if with_checks:
                per_kind[kind] = results
        result = checks.Result(verdict, missing=missing)
        return (result, per_kind) if with_checks else result

    def derive(self, *, id: str, name: str, valid_from: int, valid_to: int,
               params: dict | None = None, replace_rules: dict | None = None) -> Regime:
        """A new regime from this one: same rows except those replaced (for amendments)."""
        rules = dict(self.rules)
        rules.update(replace_rules or {})
        return Regime(id, name, valid_from, valid_to, {**self.params, **(params or {})}, rules)


INDIVIDUAL, COLLECTIVE = codes.KIND_INDIVIDUAL, codes.KIND_COLLECTIVE
LAW_2022 = "Luật Thi đua, khen thưởng 2022"
LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)"
DECREE_91 = "Nghị định 91/2017/NĐ-CP"
DECREE_65 = "Nghị định 65/2014/NĐ-CP"
DECREE_42 = "Nghị định 42/2010/NĐ-CP; Thông tư 02/2011/TT-BNV (chưa kiểm chứng)"


def _by_decree(decree_91: str, decree_65: str, decree_42: str = DECREE_42) -> tuple:
    return ((2017, None, decree_91), (2014, 2016, decree_65), (None, 2013, decree_42))


# ---- 2022 regime -------------------------------------------------------------------------
FREEZE_22 = rule("common.freeze", checks.freeze, "Nghị định 98/2023/NĐ-CP, Điều 4; Nghị định 152/2025/NĐ-CP",
              core=False)
GRADE_CONSISTENCY_22 = rule("common.grade_consistency", checks.grade_consistency,
               "Nghị định 90/2020/NĐ-CP, Điều 2, khoản 5 (bổ sung bởi Nghị định 48/2023/NĐ-CP)",
               core=False)


def _restart(window):
    return rule("common.discipline_restart", checks.discipline_restart,
             "Nghị định 152/2025/NĐ-CP (nguyên tắc: thành tích tính từ khi chấp hành xong kỷ luật)",
             core=False, in_years=(2025, None), window=window)


NO_THEMATIC_22 = info("common.no_thematic_basis", "Nghị định 98/2023/NĐ-CP, Điều 4, khoản 3",
                      level="warning")

LDTT_22 = [
    FREEZE_22, GRADE_CONSISTENCY_22,
    rule("ldtt.grade", checks.grade_at_least, f"{LAW_2022}, Điều 24, khoản 1, điểm a", min_grade=codes.GOOD),
    info("ldtt.spirit", f"{LAW_2022}, Điều 24, khoản 1, điểm b"),
    rule("ldtt.tenure", checks.tenure, "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d",
      min_months_param="ldtt_min_months"),
    info("ldtt.special_time", "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm a, b"),
]
CSTDCS_22 = [
    FREEZE_22, GRADE_CONSISTENCY_22,
    rule("cstdcs.has_ldtt", checks.has_title, f"{LAW_2022}, Điều 23, khoản 1", any_of=("LDTT", "CSTT")),
    rule("cstdcs.excellence_or_initiative", checks.excellence_or_initiative, f"{LAW_2022}, Điều 23, khoản 2"),
    info("cstdcs.cap", "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Thông tư "
         "01/2024/TT-BNV: không có tỷ lệ toàn quốc (chưa kiểm chứng)", verified=False),
]
CSTDBO_22 = [
    FREEZE_22,
    rule("cstdbo.chain", checks.title_run, f"{LAW_2022}, Điều 22", any_of=("CSTDCS",), years=3),
    rule("cstdbo.no_reuse", checks.not_held_recently, "Thông tư 07/2014/TT-BNV, Điều 4, khoản 3 (áp dụng "
      "tương tự)", verified=False, any_of=("CSTD_BO",), years=2),
    rule("cstdbo.initiative", checks.initiatives_in_window, f"{LAW_2022}, Điều 22",
      min_level=1, need=1, years=3),
    info("cstdbo.selection", f"{LAW_2022}, Điều 22"),
    _restart(3),
]


def _cstdtq_chain(ctx, **_):
    """CSTĐ bộ in the target year (the 2nd) and three years before (the 1st)."""
    now = ctx.title_at(ctx.year, ("CSTD_BO",))
    before = ctx.held(ctx.year - 3, ("CSTD_BO",))
    verdict = logic.and_(now.verdict, before)
    unknown = verdict == UNKNOWN
    return checks.Result(verdict, {}, checks.only_where(now.missing, unknown)
                         + ctx.missing_where(f"history[{ctx.year - 3}].titles", (before == UNKNOWN) & unknown))


CSTDTQ_22 = [
    FREEZE_22,
    rule("cstdtq.chain", _cstdtq_chain, f"{LAW_2022}, Điều 21"),
    rule("cstdtq.initiative", checks.initiatives_in_window, f"{LAW_2022}, Điều 21",
      min_level=2, need=1, years=6),
    info("cstdtq.timing", "Nghị định 91/2017/NĐ-CP, Điều 48, khoản 1, điểm a (áp dụng tương tự)",
         verified=False),
    _restart(6),
]
GK_22 = [
    FREEZE_22,
    rule("gk.grade", checks.grade_at_least, f"{LAW_2022}, Điều 75, khoản 2 (mặc định khi Bộ, ngành chưa "
      "quy định)", verified=False, message="gk.grade", min_grade=codes.GOOD),
    rule("gk.discipline", checks.no_discipline, f"{LAW_2022}, Điều 75, khoản 2 (mặc định)", verified=False,
      min_form=codes.REPRIMAND),
    info("gk.sector", f"{LAW_2022}, Điều 75, khoản 2"),
]
GK_C_22 = [
    FREEZE_22,
    rule("gk.grade", checks.grade_at_least, f"{LAW_2022}, Điều 75, khoản 2 (mặc định)", verified=False,
      min_grade=codes.GOOD),
    info("ttldtt.unity", f"{LAW_2022}, Điều 75, khoản 2 (mặc định)", verified=False),
]
def _after_prior_bkbo(source: str) -> Check:
    """BK_BO again: the 2-year window may not reuse the year of the previous BK_BO."""
    return rule("bkbo.after_prior", checks.not_held_before, source, any_of=("BK_BO",), field="awards",
             years=1, verified=False)


AFTER_BKBO_22 = _after_prior_bkbo("Nghị định 98/2023/NĐ-CP, Điều 30, khoản 9 (áp dụng cho lần "
                                  "đề nghị Bằng khen cấp bộ tiếp theo)")
AFTER_BKBO_13 = _after_prior_bkbo("Thông tư 08/2017/TT-BNV (thời gian đề nghị lần tiếp theo tính "
                                  "theo thời gian lập thành tích ghi trong quyết định lần trước)")

BKBO_22 = [
    FREEZE_22, GRADE_CONSISTENCY_22,
    rule("bkbo.chain", checks.bkbo_chain, f"{LAW_2022}, Điều 74, khoản 1, điểm d; Công văn "
         "1168/BNV-BTĐKT ngày 06/02/2026 (sáng kiến đã dùng để đạt Chiến sĩ thi đua cơ sở)",
         title_path=True, ledger=True),
    AFTER_BKBO_22,
    info("bkbo.initiative_ledger", "Công văn 1168/BNV-BTĐKT ngày 06/02/2026; Công văn "
         "5007/BNV-TĐKT, mục III.5.c", level="warning"),
    info("bkbo.same_kind", f"{LAW_2022}, Điều 74, khoản 1, điểm d (cách hiểu của Bộ Giáo dục và "
         "Đào tạo: 02 sáng kiến hoặc 02 đề tài, không ghép 01 sáng kiến với 01 đề tài)", verified=False),
    info("bkbo.exemplary", f"{LAW_2022}, Điều 74, khoản 1, điểm a–c"),
    _restart(2),
]
def _excellent_two_years(ctx, **_):
    """HTXSNV in the target year and the year before."""
    now = checks.grade_at_least(ctx, min_grade=codes.EXCELLENT)
    before = checks.grade_at_least(ctx, min_grade=codes.EXCELLENT, offset=1)
    verdict = logic.and_(now.verdict, before.verdict)
    return checks.Result(verdict, {}, checks.only_where(now.missing + before.missing, verdict == UNKNOWN))


BKBO_C_22 = [
    FREEZE_22,
    rule("bkbo.collective_chain", _excellent_two_years, f"{LAW_2022}, Điều 74, khoản 2", verified=False),
    AFTER_BKBO_22,
    info("ttldtt.unity", f"{LAW_2022}, Điều 74, khoản 2", verified=False),
]
BKTTG_22 = [
    FREEZE_22, GRADE_CONSISTENCY_22,
    rule("bkttg.chain", checks.after_award_run, f"{LAW_2022}, Điều 73, khoản 1, điểm b",
      prior=("BK_BO",), prior_field="awards", min_grade=codes.GOOD, run=5,
      needs=(("cstdcs", "title", ("CSTDCS",), 3),)),
    info("bkttg.window", "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 9", level="warning",
         verified=False),
    NO_THEMATIC_22,
    info("bkttg.movement", f"{LAW_2022}, Điều 73, khoản 1, điểm a"),
    info("bkttg.impact", f"{LAW_2022}, Điều 73, khoản 1, điểm c"),
    _restart(5),
]
BKTTG_C_22 = [
    FREEZE_22,
    rule("bkttg.collective_chain", checks.after_award_run, f"{LAW_2022}, Điều 73, khoản 2", verified=False,
      prior=("BK_BO",), prior_field="awards", min_grade=codes.GOOD, run=5,
      needs=(("ttldxs", "title", ("TTLDXS", "DVQT", "CO_BO"), 2),)),
    NO_THEMATIC_22,
]
HCLD3_22 = [
    FREEZE_22, GRADE_CONSISTENCY_22,
    rule("hcld3.chain", checks.after_award_run, f"{LAW_2022}, Điều 44, khoản 1, điểm e",
      prior=("BK_TTG",), prior_field="awards", min_grade=codes.GOOD, run=5,
      needs=(("excellent", "excellent", None, 1), ("cstdcs", "title", ("CSTDCS",), 3))),
    NO_THEMATIC_22,
    info("hcld3.other", f"{LAW_2022}, Điều 44, khoản 1, điểm a–d, g"),
    _restart(5),
]
HCLD3_C_22 = [
    FREEZE_22,
    rule("hcld3.collective_chain", checks.after_award_run, f"{LAW_2022}, Điều 44", verified=False,
      prior=("BK_TTG",), prior_field="awards", min_grade=codes.GOOD, run=5,
      needs=(("ttldxs", "title", ("TTLDXS", "DVQT"), 1),
             ("flag", "title", ("CO_BO", "CO_CP"), 1))),
    NO_THEMATIC_22,
]


def _hcld_pending(name: str, source: str, *, prior: str) -> list[Check]:
    """A Huân chương whose criterion text was not confirmed (legal-rules.md §4.4, §4.5): never
    true. Every reading shares a minimum: already holds `prior`, then >= 5 following consecutive
    years of at least "hoàn thành tốt nhiệm vụ" up to Y. When the known history rules that
    minimum out the answer is false; otherwise unknown, the comparison with the article missing."""
    return [rule(f"{name}.pending", checks.pending_after_award, source, verified=False,
                 missing_text=f"Cần đối chiếu tiêu chuẩn tại {source} (chưa kiểm chứng nội dung)",
                 prior=(prior,), prior_field="awards", min_grade=codes.GOOD, run=5)]


HCLD2_22 = _hcld_pending("hcld2", f"{LAW_2022}, Điều 43", prior="HCLD3")
HCLD1_22 = _hcld_pending("hcld1", f"{LAW_2022}, Điều 42", prior="HCLD2")

TTLDTT_22 = [
    FREEZE_22,
    rule("ttldtt.grade", checks.grade_at_least, f"{LAW_2022}, Điều 28", verified=False, min_grade=codes.GOOD),
    info("ttldtt.movement", f"{LAW_2022}, Điều 28", verified=False),
    rule("ttldtt.ldtt_share", checks.member_share, f"{LAW_2022}, Điều 28", verified=False,
      field="ldtt", ratio=0.5, strict=True),
    info("ttldtt.unity", f"{LAW_2022}, Điều 28", verified=False),
]
TTLDXS_22 = [
    FREEZE_22,
    rule("ttldxs.grade", checks.grade_at_least, f"{LAW_2022}, Điều 27, khoản 1", min_grade=codes.EXCELLENT),
    info("ttldxs.movement", f"{LAW_2022}, Điều 27, khoản 1"),
    rule("ttldxs.all_complete", checks.members_all_complete, f"{LAW_2022}, Điều 27, khoản 1"),
    rule("ttldxs.ldtt_share", checks.member_share, f"{LAW_2022}, Điều 27, khoản 1",
      field="ldtt", ratio=0.7, strict=False),
    rule("ttldxs.has_cstdcs", checks.members_at_least, f"{LAW_2022}, Điều 27, khoản 1",
      field="cstdcs", need=1),
    info("ttldxs.unity", f"{LAW_2022}, Điều 27, khoản 1"),
]
DVQT_22 = [c for c in TTLDXS_22 if c.id != "ttldxs.all_complete"]
COBO_22 = [
    FREEZE_22,
    rule("cobo.cluster_leader", checks.cluster_leader, f"{LAW_2022}, Điều 26, khoản 1–2"),
    rule("cobo.exceeds_targets", checks.grade_at_least, f"{LAW_2022}, Điều 26", verified=False,
      min_grade=codes.EXCELLENT),
    info("cobo.unity", f"{LAW_2022}, Điều 26", verified=False),
]
COCP_22 = [
    FREEZE_22,
    rule("cocp.cluster_leader", checks.cluster_leader, message="cobo.cluster_leader", source= f"{LAW_2022}, Điều 25, khoản 1"),
    rule("cocp.exceeds_targets", checks.grade_at_least, message="cobo.exceeds_targets", source= f"{LAW_2022}, Điều 25, khoản 1, điểm a",
      min_grade=codes.EXCELLENT),
    info("cocp.unity", message="cobo.unity", source= f"{LAW_2022}, Điều 25, khoản 1, điểm b"),
    info("cocp.selection", "Nghị định 98/2023/NĐ-CP (tỷ lệ mặc định 20% số tập thể dẫn đầu "
         "cụm, khối)", verified=False),
    info("cocp.other_routes", f"{LAW_2022}, Điều 25, khoản 2, 3"),
]

RULES_2022 = {
    ("LDTT", INDIVIDUAL): LDTT_22, ("CSTT", INDIVIDUAL): LDTT_22,
    ("CSTDCS", INDIVIDUAL): CSTDCS_22, ("CSTD_BO", INDIVIDUAL): CSTDBO_22, ("CSTD_TQ", INDIVIDUAL): CSTDTQ_22,
    ("GK", INDIVIDUAL): GK_22, ("GK", COLLECTIVE): GK_C_22,
    ("BK_BO", INDIVIDUAL): BKBO_22, ("BK_BO", COLLECTIVE): BKBO_C_22,
    ("BK_TTG", INDIVIDUAL): BKTTG_22, ("BK_TTG", COLLECTIVE): BKTTG_C_22,
    ("HCLD3", INDIVIDUAL): HCLD3_22, ("HCLD3", COLLECTIVE): HCLD3_C_22,
    ("HCLD2", INDIVIDUAL): HCLD2_22, ("HCLD2", COLLECTIVE): HCLD2_22,
    ("HCLD1", INDIVIDUAL): HCLD1_22, ("HCLD1", COLLECTIVE): HCLD1_22,
    ("TTLDTT", COLLECTIVE): TTLDTT_22, ("DVTT", COLLECTIVE): TTLDTT_22,
    ("TTLDXS", COLLECTIVE): TTLDXS_22, ("DVQT", COLLECTIVE): DVQT_22,
    ("CO_BO", COLLECTIVE): COBO_22, ("CO_CP", COLLECTIVE): COCP_22,
}

REGIME_2022 = Regime(
    "2022", "Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Nghị định 98/2023/NĐ-CP, "
    "Nghị định 152/2025/NĐ-CP, Thông tư 01/2024/TT-BNV", 2024, codes.MAX_YEAR,
    {"ldtt_min_months": 6}, RULES_2022)

# ---- 2013 regime -------------------------------------------------------------------------
FREEZE_13 = rule("common.freeze", checks.freeze, "Thông tư 08/2017/TT-BNV", core=False)
REGISTRATION_13 = info("common.registration", "Luật Thi đua, khen thưởng 2003, Điều 10, khoản 1, "
                       "điểm b (và quy định của Bộ, ngành)")

LDTT_13 = [
    FREEZE_13,
    rule("ldtt.grade", checks.grade_at_least, f"{LAW_2003}, Điều 24, khoản 1, điểm a", min_grade=codes.GOOD),
    info("ldtt.spirit", f"{LAW_2003}, Điều 24, khoản 1, điểm b"),
    info("ldtt.study", f"{LAW_2003}, Điều 24, khoản 1, điểm c"),
    info("ldtt.ethics", f"{LAW_2003}, Điều 24, khoản 1, điểm d"),
    rule("ldtt.tenure", checks.tenure, _by_decree(f"{DECREE_91}, Điều 10", f"{DECREE_65}, Điều 5, khoản 6"),
      min_months_param="ldtt_min_months"),
    rule("ldtt.discipline", checks.no_discipline, _by_decree(f"{DECREE_91}, Điều 10",
                                                    f"{DECREE_65}, Điều 5, khoản 6"),
      min_form=codes.REPRIMAND),
    rule("ldtt.leave", checks.leave_bar, ((2014, 2016, f"{DECREE_65}, Điều 5, khoản 6"), (None, 2013, DECREE_42)),
      in_years=(None, 2016), max_days_param="leave_max_days"),
    info("ldtt.special_time", _by_decree(f"{DECREE_91}, Điều 10, khoản 2, 4",
                                         f"{DECREE_65}, Điều 5", "Thông tư 02/2011/TT-BNV")),
    REGISTRATION_13,
]
CSTDCS_13 = [
    FREEZE_13,
    rule("cstdcs.has_ldtt", checks.has_title, _by_decree(
        f"{LAW_2003}, Điều 23, khoản 1; {DECREE_91}, Điều 9, khoản 3, điểm a", f"{LAW_2003}, Điều 23, khoản 1",
        f"{LAW_2003}, Điều 23, khoản 1"), any_of=("LDTT", "CSTT")),
    rule("cstdcs.initiative", checks.initiatives_in_window, _by_decree(
        f"{LAW_2003}, Điều 23, khoản 2; {DECREE_91}, Điều 9, khoản 3, điểm b", f"{LAW_2003}, Điều 23, khoản 2",
        f"{LAW_2003}, Điều 23, khoản 2"), min_level=0, need=1, years=1),
    info("cstdcs.cap", _by_decree(f"{DECREE_91}, Điều 9, khoản 3 (không quá 15% số Lao động tiên tiến)",
                                  "Thông tư 07/2014/TT-BNV, Điều 5 (không quá 15%)",
                                  "Thông tư 02/2011/TT-BNV (không quá 15%)")),
    REGISTRATION_13,
]
CSTDBO_13 = [
    FREEZE_13,
    rule("cstdbo.chain", checks.title_run, f"{LAW_2003}, Điều 22; {DECREE_91}, Điều 9, khoản 2",
      any_of=("CSTDCS",), years=3),
    rule("cstdbo.no_reuse", checks.not_held_recently, "Thông tư 07/2014/TT-BNV, Điều 4, khoản 3",
      any_of=("CSTD_BO",), years=2),
    rule("cstdbo.initiative", checks.initiatives_in_window, f"{DECREE_91}, Điều 9, khoản 2",
      min_level=1, need=1, years=3),
    info("cstdbo.selection", f"{LAW_2003}, Điều 22"),
]
CSTDTQ_13 = [
    FREEZE_13,
    rule("cstdtq.chain", _cstdtq_chain, f"{LAW_2003}, Điều 21; {DECREE_91}, Điều 9, khoản 1"),
    rule("cstdtq.initiative", checks.initiatives_in_window, f"{DECREE_65}, Điều 3, khoản 2",
      min_level=2, need=1, years=6),
    info("cstdtq.timing", f"{DECREE_91}, Điều 48, khoản 1, điểm a; Thông tư 07/2014/TT-BNV, Điều 4, "
         "khoản 3"),
]
GK_13 = [
    FREEZE_13,
    rule("gk.grade", checks.grade_at_least, f"{LAW_2003}; {DECREE_91} (Giấy khen, mặc định)", verified=False,
      min_grade=codes.GOOD),
    rule("gk.discipline", checks.no_discipline, f"{LAW_2003}; {DECREE_91} (Giấy khen, mặc định)", verified=False,
      min_form=codes.REPRIMAND),
]
GK_C_13 = [
    FREEZE_13,
    rule("gk.grade", checks.grade_at_least, f"{LAW_2003}; {DECREE_91} (Giấy khen, mặc định)", verified=False,
      min_grade=codes.GOOD),
    info("ttldtt.unity", f"{LAW_2003} (Giấy khen, mặc định)", verified=False),
]
BKBO_13 = [
    FREEZE_13,
    rule("bkbo.chain", checks.bkbo_chain, f"{DECREE_91} (Bằng khen cấp bộ; như Thông tư 07/2018/TT-BKHĐT, "
      "Điều 18, khoản 1)", title_path=False, ledger=False),
    AFTER_BKBO_13,
    info("bkbo.exemplary", f"{DECREE_91} (Bằng khen cấp bộ)"),
]
BKBO_C_13 = [
    FREEZE_13,
    rule("bkbo.collective_chain", _excellent_two_years, f"{DECREE_91} (Bằng khen cấp bộ cho tập thể; như "
      "Thông tư 08/2019/TT-BLĐTBXH, Điều 19)", verified=False),
    AFTER_BKBO_13,
    info("ttldtt.unity", f"{DECREE_91} (Bằng khen cấp bộ cho tập thể)", verified=False),
]
BKTTG_13 = [
    FREEZE_13,
    rule("bkttg.chain", checks.after_award_run, message="bkttg.chain_2013", source=
      ((2018, None, f"{DECREE_91}, Điều 38, khoản 1, điểm c"),
       (None, 2017, f"{DECREE_65}, Điều 23, khoản 1, điểm c")),
      prior=("BK_BO",), prior_field="awards", min_grade=codes.EXCELLENT, run=5,
      needs=(("init", "init", 0, 5),)),
    info("bkttg.window", "Thông tư 08/2017/TT-BNV (thời gian tính từ thành tích ghi trong quyết "
         "định lần trước)", level="warning"),
    info("common.no_thematic_basis", f"{DECREE_91}, Điều 3 (khen thưởng theo đợt, chuyên đề không "
         "làm căn cứ)", level="warning"),
    info("bkttg.movement", f"{DECREE_91}, Điều 38, khoản 1, điểm a"),
    info("bkttg.impact", f"{DECREE_91}, Điều 38, khoản 1, điểm b"),
]
BKTTG_C_13 = [
    FREEZE_13,
    rule("bkttg.collective_chain", checks.after_award_run, message="bkttg.collective_chain_2013", source=
      ((2018, None, f"{DECREE_91}, Điều 38 (tập thể; chưa kiểm chứng)"),
       (None, 2017, f"{DECREE_65}, Điều 23, khoản 3, điểm c")),
      verified=True, prior=("BK_BO",), prior_field="awards", min_grade=codes.EXCELLENT, run=5,
      needs=(("flag", "title", ("CO_BO",), 1),)),
    info("common.no_thematic_basis", f"{DECREE_91}, Điều 3", level="warning"),
]
HCLD3_C_13 = [
    FREEZE_13,
    rule("hcld3.collective_chain", checks.title_run, message="hcld3.collective_chain_2013", source= "Luật Thi đua, khen thưởng 2003, Điều 44, "
      "khoản 2 (văn bản 2003; bản sửa đổi chưa kiểm chứng)", verified=False,
      any_of=("TTLDXS", "DVQT"), years=5),
    rule("hcld3.collective_flag", checks.any_title_in_window, message="hcld3.collective_flag_2013", source= "Luật Thi đua, khen thưởng 2003, "
      "Điều 44, khoản 2", verified=False, any_of=("CO_BO", "BK_TTG"), field="titles", years=5),
]


def _flag_or_bkttg(ctx, **_):
    """A Cờ thi đua cấp bộ or a Bằng khen của Thủ tướng in the 5 years ending at Y."""
    flag = checks.any_title_in_window(ctx, any_of=("CO_BO",), field="titles", years=5)
    bkttg = checks.any_title_in_window(ctx, any_of=("BK_TTG",), field="awards", years=5)
    verdict = logic.or_(flag.verdict, bkttg.verdict)
    return checks.Result(verdict, {}, checks.only_where(flag.missing + bkttg.missing, verdict == UNKNOWN))


HCLD3_C_13[2] = replace(HCLD3_C_13[2], fn=_flag_or_bkttg, params={})

TTLDTT_13 = [
    FREEZE_13,
    rule("ttldtt.grade", checks.grade_at_least, f"{LAW_2003}, Điều 28, khoản 1, điểm a", min_grade=codes.GOOD),
    info("ttldtt.movement", f"{LAW_2003}, Điều 28, khoản 1, điểm b"),
    rule("ttldtt.ldtt_share", checks.member_share, f"{LAW_2003}, Điều 28, khoản 1, điểm c",
      field="ldtt", ratio=0.5, strict=True),
    rule("ttldtt.discipline", checks.members_none, f"{LAW_2003}, Điều 28, khoản 1, điểm c",
      field="disciplined"),
    info("ttldtt.unity", f"{LAW_2003}, Điều 28, khoản 1, điểm d"),
    REGISTRATION_13,
]
TTLDXS_13 = [
    FREEZE_13,
    rule("ttldxs.grade", checks.grade_at_least, f"{LAW_2003}, Điều 27", min_grade=codes.EXCELLENT),
    info("ttldxs.movement", f"{LAW_2003}, Điều 27"),
    rule("ttldxs.all_complete", checks.members_all_complete, f"{LAW_2003}, Điều 27"),
    rule("ttldxs.ldtt_share", checks.member_share, f"{LAW_2003}, Điều 27", field="ldtt", ratio=0.7,
      strict=False),
    rule("ttldxs.has_cstdcs", checks.members_at_least, f"{LAW_2003}, Điều 27", field="cstdcs", need=1),
    rule("ttldxs.discipline", checks.members_none, f"{LAW_2003}, Điều 27", field="disciplined"),
    info("ttldxs.unity", f"{LAW_2003}, Điều 27"),
    REGISTRATION_13,
]
COBO_13 = [
    FREEZE_13,
    rule("cobo.cluster_leader", checks.cluster_leader, f"{DECREE_91}, Điều 12"),
    rule("cobo.exceeds_targets", checks.grade_at_least, "Luật Thi đua, khen thưởng 2003, Điều 26",
      verified=False, min_grade=codes.EXCELLENT),
    info("cobo.new_models", "Luật Thi đua, khen thưởng 2003, Điều 26", verified=False),
    info("cobo.unity", "Luật Thi đua, khen thưởng 2003, Điều 26", verified=False),
]
COCP_13 = [
    FREEZE_13,
    rule("cocp.cluster_leader", checks.cluster_leader, message="cobo.cluster_leader", source= f"{DECREE_91}, Điều 11, khoản 1; Điều 12"),
    rule("cocp.exceeds_targets", checks.grade_at_least, message="cobo.exceeds_targets", source= "Luật Thi đua, khen thưởng 2003, Điều 25",
      min_grade=codes.EXCELLENT),
    info("cocp.unity", message="cobo.unity", source= "Luật Thi đua, khen thưởng 2003, Điều 25"),
    info("cocp.selection", f"{DECREE_91}, Điều 11, khoản 1 (không quá 20%)"),
    info("cocp.other_routes", f"{DECREE_91}, Điều 11, khoản 2, 3"),
]

HCLD3_13 = _hcld_pending("hcld3", f"{LAW_2003}, Điều 44; {DECREE_91}", prior="BK_TTG")
HCLD2_13 = _hcld_pending("hcld2", f"{LAW_2003}, Điều 43", prior="HCLD3")
HCLD1_13 = _hcld_pending("hcld1", f"{LAW_2003}, Điều 42", prior="HCLD2")

RULES_2013 = {
    ("LDTT", INDIVIDUAL): LDTT_13, ("CSTT", INDIVIDUAL): LDTT_13,
    ("CSTDCS", INDIVIDUAL): CSTDCS_13, ("CSTD_BO", INDIVIDUAL): CSTDBO_13, ("CSTD_TQ", INDIVIDUAL): CSTDTQ_13,
    ("GK", INDIVIDUAL): GK_13, ("GK", COLLECTIVE): GK_C_13,
    ("BK_BO", INDIVIDUAL): BKBO_13, ("BK_BO", COLLECTIVE): BKBO_C_13,
    ("BK_TTG", INDIVIDUAL): BKTTG_13, ("BK_TTG", COLLECTIVE): BKTTG_C_13,
    ("HCLD3", INDIVIDUAL): HCLD3_13, ("HCLD3", COLLECTIVE): HCLD3_C_13,
    ("HCLD2", INDIVIDUAL): HCLD2_13, ("HCLD2", COLLECTIVE): HCLD2_13,
    ("HCLD1", INDIVIDUAL): HCLD1_13, ("HCLD1", COLLECTIVE): HCLD1_13,
    ("TTLDTT", COLLECTIVE): TTLDTT_13, ("DVTT", COLLECTIVE): TTLDTT_13,
    ("TTLDXS", COLLECTIVE): TTLDXS_13, ("DVQT", COLLECTIVE): TTLDXS_13,
    ("CO_BO", COLLECTIVE): COBO_13, ("CO_CP", COLLECTIVE): COCP_13,
}

REGIME_2013 = Regime(
    "2013", "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP "
    "(Nghị định 65/2014/NĐ-CP đến 2016, Nghị định 42/2010/NĐ-CP trước đó)", codes.MIN_YEAR, 2023,
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
    for name, grade in codes.GRADES.items():
        rows_of_grade = [rule("grade.discipline", checks.grade_discipline, source_disc, grade=grade,
                              verified=verified)]
        if time_worked is not None:
            rows_of_grade.append(rule("grade.time_worked", checks.grade_time_worked, time_worked, grade=grade))
        if grade == codes.EXCELLENT:
            rows_of_grade.append(info("grade.cap", cap))
        rows_of_grade.append(info("grade.council", council))
        rows[(f"grade:{name}", INDIVIDUAL)] = rows_of_grade
        rows[(f"grade:{name}", COLLECTIVE)] = rows_of_grade
    return rows


GRADE_REGIMES: dict[str, Regime] = {
    "nd90": Regime("nd90", "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)",
                   codes.MIN_YEAR, codes.MAX_YEAR, {},
                   _grade_rows(((2023, None, ("Nghị định 90/2020/NĐ-CP, Điều 2, khoản 5 (bổ sung "
                                                     "bởi Nghị định 48/2023/NĐ-CP)")),
                                (2020, 2022, "Nghị định 90/2020/NĐ-CP, Điều 11, khoản 1, điểm c"),
                                (None, 2019, "Nghị định 56/2015/NĐ-CP (chưa kiểm chứng)")),
                               time_worked="Nghị định 90/2020/NĐ-CP, Điều 2, khoản 3",
                               cap="Nghị định 90/2020/NĐ-CP, Điều 2, khoản 6 (bổ sung bởi Nghị định "
                                   "48/2023/NĐ-CP); Hướng dẫn 21-HD/BTCTW, mục 2.3",
                               council="Nghị định 90/2020/NĐ-CP, Điều 3–15")),
    "nd335": Regime("nd335", "Nghị định 335/2025/NĐ-CP", 2026, codes.MAX_YEAR, {},
                    _grade_rows("Nghị định 335/2025/NĐ-CP, Điều 20, khoản 4, điểm c",
                                time_worked=None,
                                cap="Nghị định 335/2025/NĐ-CP, Điều 20, khoản 5, điểm a",
                                council="Nghị định 335/2025/NĐ-CP, Điều 20, khoản 1–4")),
    "qd132": Regime("qd132", "Quy định 132-QĐ/TW", codes.MIN_YEAR, 2022, {},
                    _grade_rows("Quy định 132-QĐ/TW; Hướng dẫn 21-HD/BTCTW", time_worked=None,
                                cap="Hướng dẫn 21-HD/BTCTW, mục 2.3",
                                council="Quy định 132-QĐ/TW", verified=False)),
    "qd124": Regime("qd124", "Quy định 124-QĐ/TW", 2023, 2024, {},
                    _grade_rows("Quy định 124-QĐ/TW (trường hợp không hoàn thành nhiệm vụ)",
                                time_worked=None, cap="Quy định 124-QĐ/TW (tỷ lệ chưa kiểm chứng)",
                                council="Quy định 124-QĐ/TW, Điều 12")),
    "qd366": Regime("qd366", "Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW", 2025, codes.MAX_YEAR, {},
                    _grade_rows("Quy định 366-QĐ/TW, Điều 11 (danh sách không hoàn thành nhiệm vụ "
                                "chưa đọc)", time_worked=None,
                                cap="Quy định 366-QĐ/TW (tỷ lệ chưa kiểm chứng)",
                                council="Quy định 366-QĐ/TW, Điều 11", verified=False)),
}


def grade_regime_ids(kind: np.ndarray, staff_type: np.ndarray, year: int) -> np.ndarray:
    """Per subject: which evaluation rule set applies (evaluation-rules.md §0)."""
    out = np.empty(len(kind), dtype=object)
    if year >= 2026:
        indiv = np.where(staff_type == codes.STAFF_TYPES["civil_servant"], "nd335", "nd90")
        coll = "nd335"
    else:
        indiv = "nd90"
        coll = "qd366" if year >= 2025 else ("qd124" if year >= 2023 else "qd132")
    out[:] = np.where(kind == codes.KIND_COLLECTIVE, coll, indiv)
    return out
