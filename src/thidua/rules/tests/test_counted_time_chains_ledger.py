"""Issue "Ready for the workflows", part 5: the three kinds of answer found wrong against the
authorities' texts, each tested at its boundaries (legal-rules.md §2.6, §4.2–4.5, §6, §15).

1. Counted working time for the LĐTT tenure test (§2.6).
2. After-award chains: BK TTg, HCLĐ hạng Ba/Nhì/Nhất (§2.1, §4.3–4.5, §6).
3. Bằng khen bộ point d: initiatives used up by CSTĐCS (§2.2, §4.2)."""
import numpy as np
import pytest

from thidua.rules import ColumnarHistory, evaluate_matrix, explain_matrix

from .helpers import ask, check, person, unit, year

NO_LEAVE = {}                 # leave_days given, every kind 0 days


def _alone(y, months, **leave):
    """Only the target year is known (no entry for the year before), with its months and leave."""
    return person(year(y, "good", ["LDTT"], months_worked=months, leave_days=dict(leave)))


# -- 1. counted working time ----------------------------------------------------------------
@pytest.mark.parametrize("y", [2019, 2024])
def test_nd91_d10_k4_ten_months_worked_plus_two_of_maternity_satisfy_tenure(y):
    """NĐ 91/2017 Điều 10 khoản 4: "Thời gian nghỉ thai sản theo quy định được tính để bình xét
    tặng danh hiệu Lao động tiên tiến" (same under TT 01/2024/TT-BNV): 10 + 2 months."""
    a = ask(_alone(y, 10, maternity=61), "LDTT", y)
    assert check(a, "ldtt.tenure")["ok"] is True and a["eligible"] is True


@pytest.mark.parametrize("months,maternity_days,expected", [(8, 61, True), (7, 61, False)])
def test_nd91_d10_2013_counted_time_boundary_with_maternity(months, maternity_days, expected):
    """NĐ 91/2017 Điều 10: not newly recruited < 10 months; maternity counts (khoản 4):
    8 + 2 = 10 months satisfies, 7 + 2 = 9 does not."""
    a = ask(_alone(2020, months, maternity=maternity_days), "LDTT", 2020)
    assert check(a, "ldtt.tenure")["ok"] is expected and a["eligible"] is expected
    if not expected:
        assert "Cần thời gian công tác được tính đủ 10 tháng trong năm 2020" in a["missing"]


@pytest.mark.parametrize("months,expected", [(4, True), (3, False)])
def test_tt01_2024_d1_k5_b_agency_sent_study_counts_as_work_time(months, expected):
    """TT 01/2024/TT-BNV Điều 1 khoản 5 điểm b: "thời gian học tập được tính vào thời gian công
    tác tại cơ quan" and điểm d (< 6 months newly recruited): 4 + 2 study = 6, 3 + 2 = 5."""
    a = ask(_alone(2024, months, study=61), "LDTT", 2024)
    assert check(a, "ldtt.tenure")["ok"] is expected and a["eligible"] is expected


def test_nd91_era_study_counts_too_so_nine_plus_two_of_study_is_eleven_months():
    """Agency-sent study is combined with work time in the NĐ 91/2017 period as well (ministry
    circulars under NĐ 91, legal-rules.md §2.6): 9 + 2 = 11 >= 10 months."""
    a = ask(_alone(2020, 9, study=61), "LDTT", 2020)
    assert check(a, "ldtt.tenure")["ok"] is True


def test_ordinary_sick_leave_is_not_counted_nine_plus_two_of_sickness_fails():
    """legal-rules.md §2.6: ordinary sickness has no special rule (only injury in combat or
    while rescuing counts: NĐ 91/2017 Điều 10 khoản 2): 9 + 2 months of sick leave < 10."""
    a = ask(_alone(2020, 9, sick=61, unpaid=30), "LDTT", 2020)
    assert check(a, "ldtt.tenure")["ok"] is False and a["eligible"] is False


@pytest.mark.parametrize("months,expected", [(5, True), (4, False)])
def test_tt01_2024_d1_k5_a_injury_treatment_counts(months, expected):
    """TT 01/2024/TT-BNV Điều 1 khoản 5 điểm a: treatment of an injury got in combat or while
    rescuing people or property "được tính để bình xét": 5 + 1 = 6, 4 + 1 = 5."""
    a = ask(_alone(2024, months, injury=31), "LDTT", 2024)
    assert check(a, "ldtt.tenure")["ok"] is expected


def test_six_months_worked_and_180_days_of_maternity_are_a_full_year():
    """legal-rules.md §2.6 engine note: 6 months worked + 180 days of maternity leave."""
    a = ask(_alone(2020, 6, maternity=180), "LDTT", 2020)
    assert check(a, "ldtt.tenure")["ok"] is True
    assert "12 tháng" in check(a, "ldtt.tenure")["message"]


def test_short_months_with_unknown_leave_are_unknown_and_name_the_leave():
    """§2.6: the leave that counts is unknown, so a short `months_worked` decides nothing."""
    a = ask(person(year(2024, "good", ["LDTT"], months_worked=5)), "LDTT", 2024)
    assert a["eligible"] is None and a["missing"] == ["history[2024].leave_days"]


def test_a_missing_previous_year_is_not_evidence_of_recruitment():
    """§2.6: "A history with no entry for the previous year says nothing about recruitment":
    without months the answer is unknown, naming the missing fact; a transfer in the year is
    not a recruitment."""
    a = ask(person(year(2024, "good", ["LDTT"])), "LDTT", 2024)
    assert a["eligible"] is None and a["missing"] == ["history[2024].months_worked"]
    moved = person(year(2024, "good", ["LDTT"], months_worked=3, leave_days=NO_LEAVE, transferred_in=True))
    assert check(ask(moved, "LDTT", 2024), "ldtt.tenure")["ok"] is True


def test_counted_leave_reaches_the_cstdcs_and_chain_targets_through_ldtt():
    """CSTĐCS needs the LĐTT standard (Luật 2022 Điều 23 khoản 1): counted leave carries."""
    s = person(year(2024, "excellent", months_worked=2, leave_days={"maternity": 150}))
    assert ask(s, "CSTDCS", 2024)["eligible"] is True


def test_leave_bar_before_2017_ignores_injury_treatment():
    """NĐ 65/2014 Điều 5 khoản 6 (restated W19, W20): injury-treatment time is not days off."""
    s = person(year(2015), year(2016, leave_days={"injury": 60, "sick": 10}))
    assert check(ask(s, "LDTT", 2016), "ldtt.leave")["ok"] is True


# -- 2. after-award chains -----------------------------------------------------------------
def _good_years(first, last, cstdcs=(), **kw):
    return [year(y, "good", ["LDTT", "CSTDCS"] if y in cstdcs else ["LDTT"], **kw)
            for y in range(first, last + 1)]


def test_nd98_d30_k9_a_known_award_in_y0_rules_out_every_earlier_window():
    """NĐ 98/2023 Điều 30 khoản 9 (BNV, W5): the years counted start after the most recent award.
    BK bộ 2012 would qualify, but the BK bộ of 2021 leaves only 2022–2024."""
    hist = [year(2012, "good", ["LDTT"], awards=["BK_BO"])] + _good_years(2013, 2024, cstdcs=range(2013, 2025))
    hist[9]["awards"] = ["BK_BO"]                        # 2021
    a = ask(person(*hist), "BK_TTG", 2024)
    assert a["eligible"] is False
    assert "Cần thêm 02 năm liên tục hoàn thành tốt nhiệm vụ trở lên sau năm 2021 đến năm 2024" in a["missing"]


def test_luat_2022_d73_k1_b_known_years_without_a_bk_bo_decide_false():
    """Luật 2022 Điều 73 khoản 1 điểm b: "Đã được tặng Bằng khen cấp Bộ ..., 05 năm tiếp theo trở
    lên liên tục ... đến thời điểm đề nghị". 2016 breaks the run; 2016–2019 are known to hold no
    BK bộ, so no window can exist: false, not null."""
    hist = _good_years(2014, 2024, cstdcs=range(2020, 2025))
    hist[2]["grade"] = "complete"                       # 2016
    a = ask(person(*hist), "BK_TTG", 2024)
    assert a["eligible"] is False
    assert a["missing"][0].startswith("Cần được tặng Bằng khen cấp bộ")


def test_luat_2022_d73_k1_b_a_break_after_the_award_needs_a_new_award():
    """"05 năm tiếp theo trở lên liên tục": the years following the award up to the proposal run
    without a break; BK bộ 2012 then a "complete" 2015 does not carry to 2024."""
    hist = [year(2012, "good", ["LDTT"], awards=["BK_BO"])] + _good_years(2013, 2024, cstdcs=range(2020, 2025))
    hist[3]["grade"] = "complete"                       # 2015
    a = ask(person(*hist), "BK_TTG", 2024)
    assert a["eligible"] is False
    assert any("không liên tục" in m and "năm 2012" in m for m in a["missing"])


def test_an_open_window_names_the_year_before_the_known_history():
    """§2.1: a year missing from the input makes the answer unknown, never false: 2018–2024
    are good with 3 CSTĐCS and hold no BK bộ; a BK bộ in 2017 would qualify."""
    a = ask(person(*_good_years(2018, 2024, cstdcs=(2022, 2023, 2024))), "BK_TTG", 2024)
    assert a["eligible"] is None and a["missing"] == ["history[2017].awards"]


def test_nd91_d38_k1_c_2013_known_years_without_bk_bo_decide_false():
    """NĐ 91/2017 Điều 38 khoản 1 điểm c: BK bộ, then 05 following consecutive HTXSNV years with
    05 initiatives; 2014 is HTTNV and 2014–2015 hold no BK bộ."""
    hist = [year(y, "excellent", inits=["unit"]) for y in range(2013, 2021)]
    hist[1]["grade"] = "good"                           # 2014
    a = ask(person(*hist), "BK_TTG", 2020)
    assert a["eligible"] is False


def test_luat_2022_d44_k1_e_hcld3_known_bk_ttg_in_y0_rules_out_earlier_windows():
    """Luật 2022 Điều 44 khoản 1 điểm e (BNV): "Đã được tặng Bằng khen của Thủ tướng Chính phủ
    và sau đó 05 năm trở lên liên tục ... đến thời điểm đề nghị"."""
    hist = [year(2015, "excellent", ["LDTT", "CSTDCS"], awards=["BK_TTG"])]
    hist += [year(y, "excellent", ["LDTT", "CSTDCS"]) for y in range(2016, 2025)]
    assert ask(person(*hist), "HCLD3", 2024)["eligible"] is True
    hist[6]["awards"] = ["BK_TTG"]                      # 2021
    a = ask(person(*hist), "HCLD3", 2024)
    assert a["eligible"] is False


def test_collective_bkttg_and_hcld3_decide_from_known_years():
    """§6 (collective forms): the same windows for collectives."""
    hist = [year(y, "excellent", ["TTLDXS"]) for y in range(2014, 2025)]
    hist[3]["grade"] = "complete"                       # 2017 breaks; 2017–2019 hold no award
    assert ask(unit(*hist), "BK_TTG", 2024)["eligible"] is False
    assert ask(unit(*hist), "HCLD3", 2024)["eligible"] is False
    hist[3]["grade"] = "excellent"
    a = ask(unit(*hist), "HCLD3", 2024)
    assert a["eligible"] is None and "history[2013].awards" in a["missing"]


@pytest.mark.parametrize("code,prior", [("HCLD2", "HCLD3"), ("HCLD1", "HCLD2")])
@pytest.mark.parametrize("y", [2020, 2024])
def test_hcld2_hcld1_false_when_the_known_history_rules_out_the_prior_order(code, prior, y):
    """§4.5: whatever the exact text of Điều 42/43, the chain point needs the lower order first and
    then following consecutive years; known years without it and a break decide false."""
    hist = [year(v, "excellent", ["LDTT", "CSTDCS"]) for v in range(y - 10, y + 1)]
    hist[4]["grade"] = "complete"
    a = ask(person(*hist), code, y)
    assert a["eligible"] is False
    assert a["missing"][0].startswith("Cần được tặng Huân chương Lao động hạng")
    hist[5]["awards"] = [prior]                          # the lower order right after the break
    a = ask(person(*hist), code, y)
    assert a["eligible"] is None and any("Điều 4" in m for m in a["missing"])
    assert check(a, f"{code.lower()}.pending")["ok"] is None


def test_hcld3_2013_individual_pending_only_after_a_bk_ttg():
    """§4.4 (2013 regime, unverified shape): already holds BK TTg, then 05 consecutive years."""
    hist = [year(v, "excellent", ["LDTT", "CSTDCS"], inits=["ministry"]) for v in range(2012, 2021)]
    hist[2]["grade"] = "good"
    assert ask(person(*hist), "HCLD3", 2020)["eligible"] is None       # no break below "good"
    hist[2]["grade"] = "complete"                                      # 2014
    assert ask(person(*hist), "HCLD3", 2020)["eligible"] is False
    hist[3]["awards"] = ["BK_TTG"]                                     # 2015
    a = ask(person(*hist), "HCLD3", 2020)
    assert a["eligible"] is None and any("Điều 44" in m for m in a["missing"])


# -- 3. Bằng khen bộ point d: initiatives used up by CSTĐCS ---------------------------------
def test_cv1168_two_cstdcs_on_the_initiative_path_need_two_further_initiatives():
    """CV 1168/BNV-BTĐKT (W14) and the BNV answer (W40): "Ngoài 02 sáng kiến hoặc 02 đề tài đã
    được sử dụng" for CSTĐCS earned on HTTNV + initiative, two more are needed for point d."""
    used = person(year(2024, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
                  year(2025, "good", ["LDTT", "CSTDCS"], inits=["unit"]))
    a = ask(used, "BK_BO", 2025)
    assert a["eligible"] is False
    assert any("ngoài các sáng kiến đã dùng" in m for m in a["missing"])
    one_more = person(year(2024, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
                      year(2025, "good", ["LDTT", "CSTDCS"], inits=["unit", "unit"]))
    assert ask(one_more, "BK_BO", 2025)["eligible"] is False
    two_more = person(year(2024, "good", ["LDTT", "CSTDCS"], inits=["unit", "unit"]),
                      year(2025, "good", ["LDTT", "CSTDCS"], inits=["unit", "unit"]))
    assert ask(two_more, "BK_BO", 2025)["eligible"] is True


@pytest.mark.parametrize("inits_2025,expected", [(["unit", "unit"], True), (["unit"], False)])
def test_cv1168_one_cstdcs_on_the_initiative_path_is_enough_to_need_two_more(inits_2025, expected):
    """2024 CSTĐCS on HTTNV + initiative (used up), 2025 CSTĐCS on HTXSNV (uses none)."""
    s = person(year(2024, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2025, "excellent", ["LDTT", "CSTDCS"], inits=inits_2025))
    assert ask(s, "BK_BO", 2025)["eligible"] is expected


def test_cv1168_a_2013_regime_cstdcs_always_used_an_initiative():
    """Before 2024 the CSTĐCS standard required an initiative (Luật 2003 Điều 23 khoản 2; BTĐKT):
    a 2023 CSTĐCS used its initiative even in an HTXSNV year (compare the BNV answer where 2023
    was deliberately not proposed for CSTĐCS)."""
    s = person(year(2023, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2024, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]))
    assert ask(s, "BK_BO", 2024)["eligible"] is False
    s = person(year(2023, "excellent", ["LDTT"], inits=["unit"]),
               year(2024, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]))
    assert ask(s, "BK_BO", 2024)["eligible"] is True


def test_cv1168_unknown_cstdcs_leaves_the_ledger_unknown():
    """Whether the 2024 initiative was used depends on the 2024 titles: unknown, named."""
    e = year(2024, "good", inits=["unit", "unit"])
    del e["titles"]
    a = ask(person(e, year(2025, "excellent", ["LDTT", "CSTDCS"], inits=["unit"])), "BK_BO", 2025)
    assert a["eligible"] is None and "history[2024].titles" in a["missing"]


def test_bkbo_same_kind_reading_is_shown():
    """W41 (Bộ GD&ĐT): 01 initiative + 01 research work is not "02"; the input cannot tell
    them apart, so the reading is an info check."""
    s = person(year(2024, "excellent", ["LDTT", "CSTDCS"]), year(2025, "excellent", ["LDTT", "CSTDCS"]))
    c = check(ask(s, "BK_BO", 2025), "bkbo.same_kind")
    assert c["verified"] is False and "01 đề tài" in c["message"]


# -- robustness: years outside the engine's range ---------------------------------------------
def test_a_batch_reaching_before_2000_never_raises_and_agrees():
    """A columnar batch whose years start in 1995 (a stored 1995 grade) evaluates like one that
    starts in 2000: facts before the engine's range are never read by a rule."""
    s = person(year(1995, "excellent"), *_good_years(2016, 2024, cstdcs=range(2020, 2025)))
    wide = ColumnarHistory.from_subjects([s], years=range(1995, 2025))
    narrow = ColumnarHistory.from_subjects([s], years=range(2000, 2025))
    for target, verdicts in evaluate_matrix(wide, None, 2024).items():
        assert np.array_equal(verdicts, evaluate_matrix(narrow, [target], 2024)[target]), target
    verdicts, missing = explain_matrix(wide, ["BK_TTG"], 2024)["BK_TTG"]
    assert verdicts[0] == -1 and missing[0] == ["history[2015].awards"]
