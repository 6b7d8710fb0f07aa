"""Individual titles and forms, each rule at its boundaries, both regimes."""
import pytest

from .helpers import ask, check, person, year

# -- LĐTT ----------------------------------------------------------------------------------


@pytest.mark.parametrize("grade,expected", [("excellent", True), ("good", True),
                                            ("complete", False), ("incomplete", False)])
@pytest.mark.parametrize("y", [2020, 2024])
def test_ldtt_needs_grade_good_or_better(grade, expected, y):
    s = person(year(y - 1), year(y, grade))
    a = ask(s, "LDTT", y)
    assert a["eligible"] is expected
    assert check(a, "ldtt.grade")["ok"] is expected
    if not expected:
        assert a["missing"] == [f"Cần xếp loại hoàn thành tốt nhiệm vụ trở lên năm {y}"]


@pytest.mark.parametrize("y,months,expected", [
    (2024, 5, False), (2024, 6, True),          # TT 01/2024: < 6 months newly recruited
    (2020, 9, False), (2020, 10, True),         # NĐ 91/2017 Điều 10: < 10 months
])
def test_ldtt_tenure_boundary_for_the_newly_recruited(y, months, expected):
    s = person(year(y, months_worked=months, leave_days={}))      # no leave in the year
    a = ask(s, "LDTT", y)
    assert check(a, "ldtt.tenure")["ok"] is expected
    assert a["eligible"] is expected


def test_ldtt_tenure_is_met_by_a_previous_year_and_unknown_without_months():
    assert ask(person(year(2023), year(2024)), "LDTT", 2024)["eligible"] is True
    a = ask(person(year(2024)), "LDTT", 2024)
    assert a["eligible"] is None and a["missing"] == ["history[2024].months_worked"]


@pytest.mark.parametrize("disc,expected", [(None, True), ("reprimand", False),
                                           ("warning", False), ("dismissal_from_post", False)])
def test_ldtt_2013_bars_discipline_from_reprimand(disc, expected):
    s = person(year(2019), year(2020, discipline=disc))
    a = ask(s, "LDTT", 2020)
    assert check(a, "ldtt.discipline")["ok"] is expected and a["eligible"] is expected


def test_ldtt_2013_discipline_unknown_is_unknown():
    e = year(2020)
    del e["discipline"]
    a = ask(person(year(2019), e), "LDTT", 2020)
    assert a["eligible"] is None and a["missing"] == ["history[2020].discipline"]


def test_ldtt_2022_discipline_acts_through_the_grade_and_flags_inconsistency():
    ok = ask(person(year(2023), year(2024, "incomplete", discipline="reprimand")), "LDTT", 2024)
    assert ok["eligible"] is False
    assert "bị kỷ luật khiển trách" in check(ok, "ldtt.grade")["message"]
    odd = ask(person(year(2023), year(2024, "good", discipline="reprimand")), "LDTT", 2024)
    assert odd["eligible"] is None
    assert check(odd, "common.grade_consistency")["ok"] is None


@pytest.mark.parametrize("y,sick,expected", [(2016, 39, True), (2016, 40, False),
                                             (2015, 45, False), (2017, 60, True)])
def test_ldtt_40_day_leave_bar_only_until_2016(y, sick, expected):
    s = person(year(y - 1), year(y, leave_days={"sick": sick, "maternity": 120}))
    assert ask(s, "LDTT", y)["eligible"] is expected
    rules = [c["rule"] for c in ask(s, "LDTT", y)["checks"]]
    assert ("ldtt.leave" in rules) is (y <= 2016)


def test_ldtt_leave_bar_ignores_maternity_and_study():
    s = person(year(2015), year(2016, leave_days={"maternity": 180, "study": 60, "sick": 10}))
    assert ask(s, "LDTT", 2016)["eligible"] is True


def test_cstt_follows_ldtt():
    s = person(year(2023), year(2024, "good"), staff_type="armed_forces")
    assert ask(s, "CSTT", 2024)["eligible"] is True


# -- freeze and three-valued logic ---------------------------------------------------------
def test_freeze_makes_an_otherwise_eligible_answer_null():
    s = person(year(2023), year(2024, "excellent", discipline="under_review"))
    a = ask(s, "LDTT", 2024)
    assert a["eligible"] is None
    assert check(a, "common.freeze")["ok"] is None


def test_a_definite_failure_beats_the_freeze_and_unknown_facts():
    s = person(year(2023), year(2024, "complete", discipline="under_review"))
    assert ask(s, "LDTT", 2024)["eligible"] is False
    e = {"year": 2024, "grade": "complete"}      # titles, initiatives unknown
    a = ask(person(year(2023), e), "CSTDCS", 2024)
    assert a["eligible"] is False
    assert check(a, "cstdcs.excellence_or_initiative")["ok"] is None


def test_null_lists_missing_fields():
    e = {"year": 2024, "grade": "good", "titles": [], "discipline": None}
    a = ask(person(year(2023), e), "CSTDCS", 2024)
    assert a["eligible"] is None
    assert a["missing"] == ["history[2024].initiatives"]


# -- CSTĐCS --------------------------------------------------------------------------------
def test_cstdcs_2022_excellent_without_initiative_qualifies():
    assert ask(person(year(2023), year(2024, "excellent")), "CSTDCS", 2024)["eligible"] is True


def test_cstdcs_2022_good_needs_an_initiative():
    assert ask(person(year(2023), year(2024, "good")), "CSTDCS", 2024)["eligible"] is False
    s = person(year(2023), year(2024, "good", inits=["unit"]))
    assert ask(s, "CSTDCS", 2024)["eligible"] is True


def test_cstdcs_2013_needs_an_initiative_even_when_excellent():
    a = ask(person(year(2022), year(2023, "excellent")), "CSTDCS", 2023)
    assert a["eligible"] is False
    assert a["missing"] == ["Cần thêm 01 sáng kiến cấp cơ sở (hoặc đề tài đã nghiệm thu, áp dụng)"]
    s = person(year(2022), year(2023, "good", inits=["unit"]))
    assert ask(s, "CSTDCS", 2023)["eligible"] is True


def test_cstdcs_needs_the_ldtt_standard():
    a = ask(person(year(2023), year(2024, "complete", inits=["unit"])), "CSTDCS", 2024)
    assert a["eligible"] is False and check(a, "cstdcs.has_ldtt")["ok"] is False


def test_cstdcs_cap_is_an_unverified_absence_in_2022():
    c = check(ask(person(year(2023), year(2024, "excellent")), "CSTDCS", 2024), "cstdcs.cap")
    assert "(chưa kiểm chứng)" in c["source"] and c["verified"] is False


# -- CSTĐ bộ, toàn quốc ---------------------------------------------------------------------
def _cst(y, **kw):
    return year(y, "excellent", ["LDTT", "CSTDCS"], **kw)


def test_cstdbo_needs_three_consecutive_cstdcs_and_a_ministry_initiative():
    s = person(_cst(2022), _cst(2023), _cst(2024, inits=["ministry"]))
    assert ask(s, "CSTD_BO", 2024)["eligible"] is True


def test_cstdbo_with_two_years_lacks_one():
    s = person(year(2022, "good", ["LDTT"]), _cst(2023), _cst(2024, inits=["ministry"]))
    a = ask(s, "CSTD_BO", 2024)
    assert a["eligible"] is False
    assert "Cần thêm 01 năm liên tục đạt Chiến sĩ thi đua cơ sở" in a["missing"]


def test_cstdbo_unit_initiative_is_not_enough():
    s = person(_cst(2022), _cst(2023), _cst(2024, inits=["unit"]))
    a = ask(s, "CSTD_BO", 2024)
    assert a["eligible"] is False
    assert "Cần thêm 01 sáng kiến có phạm vi ảnh hưởng cấp bộ" in a["missing"]


def test_cstdbo_years_are_not_reused():
    hist = [_cst(y, inits=["ministry"]) for y in range(2019, 2025)]
    hist[2]["titles"].append("CSTD_BO")        # 2021: first CSTĐ bộ (2019–2021)
    s = person(*hist)
    assert ask(s, "CSTD_BO", 2022)["eligible"] is False
    assert ask(s, "CSTD_BO", 2023)["eligible"] is False
    assert ask(s, "CSTD_BO", 2024)["eligible"] is True      # 2022–2024: second one


def test_cstdtq_needs_two_consecutive_cstdbo_and_a_national_initiative():
    hist = [_cst(y) for y in range(2018, 2024)]
    hist[2]["titles"].append("CSTD_BO")
    hist[5]["titles"].append("CSTD_BO")
    hist[5]["initiatives"] = [{"level": "national"}]
    s = person(*hist)
    assert ask(s, "CSTD_TQ", 2023)["eligible"] is True
    hist[5]["initiatives"] = [{"level": "ministry"}]
    assert ask(person(*hist), "CSTD_TQ", 2023)["eligible"] is False


# -- forms ---------------------------------------------------------------------------------
def test_gk_default_is_grade_good_and_no_discipline():
    assert ask(person(year(2024, "good")), "GK", 2024)["eligible"] is True
    assert ask(person(year(2024, "complete")), "GK", 2024)["eligible"] is False
    a = ask(person(year(2024, "good")), "GK", 2024)
    assert check(a, "gk.grade")["verified"] is False


def test_bkbo_2022_title_path_two_cstdcs_earned_on_the_excellence_path():
    """Luật 2022 Điều 74 k1 d: two consecutive CSTĐCS earned on HTXSNV use no initiative."""
    s = person(_cst(2024), _cst(2025))
    assert ask(s, "BK_BO", 2025)["eligible"] is True


def test_bkbo_2022_excellent_path_needs_two_initiatives():
    one = person(year(2023, "excellent"), year(2024, "excellent", inits=["unit"]))
    assert ask(one, "BK_BO", 2024)["eligible"] is False     # no CSTĐCS 2023 either
    two = person(year(2023, "excellent", inits=["unit"]), year(2024, "excellent", inits=["unit"]))
    assert ask(two, "BK_BO", 2024)["eligible"] is True


def test_bkbo_2022_initiative_used_for_cstdcs_is_not_counted_again():
    """CV 1168/BNV-BTĐKT: the 2025 CSTĐCS earned on the initiative path (grade good) used up its
    initiative, so with 2026's one there is a single unused initiative: neither route holds."""
    s = person(year(2025, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2026, "excellent", inits=["unit"]))
    a = ask(s, "BK_BO", 2026)
    assert a["eligible"] is False
    s2 = person(year(2025, "excellent", ["LDTT"], inits=["unit"]),
                year(2026, "excellent", inits=["unit"]))
    assert ask(s2, "BK_BO", 2026)["eligible"] is True


def test_bkbo_2013_needs_two_excellent_years_and_two_initiatives():
    s = person(year(2019, "excellent", inits=["unit"]), year(2020, "excellent", inits=["unit"]))
    assert ask(s, "BK_BO", 2020)["eligible"] is True
    s = person(year(2019, "good", inits=["unit"]), year(2020, "excellent", inits=["unit"]))
    assert ask(s, "BK_BO", 2020)["eligible"] is False


def _bkttg_2022(first_good=2020, last=2024, cst_years=(2022, 2023, 2024), bk=2019):
    hist = [year(bk, "excellent", awards=["BK_BO"])]
    for y in range(first_good, last + 1):
        hist.append(year(y, "good", ["LDTT", "CSTDCS"] if y in cst_years else ["LDTT"]))
    return person(*hist)


def test_bkttg_2022_five_years_after_bkbo_with_three_cstdcs():
    assert ask(_bkttg_2022(), "BK_TTG", 2024)["eligible"] is True


def test_bkttg_2022_two_cstdcs_are_not_enough():
    a = ask(_bkttg_2022(cst_years=(2023, 2024)), "BK_TTG", 2024)
    assert a["eligible"] is False
    assert "Cần thêm 01 lần Chiến sĩ thi đua cơ sở trong thời gian đó" in a["missing"]


def test_bkttg_2022_run_cannot_overlap_the_bkbo_year():
    s = _bkttg_2022(bk=2020, first_good=2021)       # only 4 years after the BK bộ
    a = ask(s, "BK_TTG", 2024)
    assert a["eligible"] is False
    assert any("Cần thêm 01 năm liên tục" in m for m in a["missing"])


def test_bkttg_2022_without_bkbo_is_false():
    hist = [year(y, "good", ["LDTT", "CSTDCS"]) for y in range(2014, 2025)]
    a = ask(person(*hist), "BK_TTG", 2024)
    assert a["eligible"] is None          # a BK bộ before 2014 is not known
    hist[7]["grade"] = "complete"         # 2021 breaks the run: only 2022–2024 remain
    a = ask(person(*hist), "BK_TTG", 2024)
    assert a["eligible"] is False
    assert a["missing"][0].startswith("Cần được tặng Bằng khen cấp bộ")


def test_hcld3_2022_needs_bkttg_one_excellent_and_three_cstdcs():
    hist = [year(2018, "excellent", awards=["BK_TTG"])]
    hist += [year(y, "good", ["LDTT", "CSTDCS"] if y >= 2022 else ["LDTT"])
             for y in range(2019, 2025)]
    assert ask(person(*hist), "HCLD3", 2024)["eligible"] is False      # no excellent year
    hist[3]["grade"] = "excellent"
    assert ask(person(*hist), "HCLD3", 2024)["eligible"] is True


@pytest.mark.parametrize("code,prior,article", [("HCLD2", "HCLD3", "43"), ("HCLD1", "HCLD2", "42")])
def test_hcld2_hcld1_are_never_automatically_true(code, prior, article):
    """legal-rules.md §4.5: the text of Luật 2022 Điều 42/43 was not read; once the minimum every
    reading shares holds, the answer stays null and names the article to compare with."""
    hist = [year(2015, "excellent", ["LDTT", "CSTDCS"], awards=[prior])]
    hist += [year(y, "excellent", ["LDTT", "CSTDCS"]) for y in range(2016, 2025)]
    a = ask(person(*hist), code, 2024)
    assert a["eligible"] is None
    assert f"Điều {article}" in check(a, f"{code.lower()}.pending")["message"]
    assert any(f"Điều {article}" in m for m in a["missing"])


def test_discipline_restart_from_2025_blocks_windows_over_a_discipline_year():
    s = person(_cst(2023), year(2024, "incomplete", ["LDTT", "CSTDCS"], discipline="reprimand"),
               _cst(2025, inits=["ministry"]))
    a = ask(s, "CSTD_BO", 2025)
    assert a["eligible"] is False
    assert check(a, "common.discipline_restart")["ok"] is False


def test_bkbo_again_cannot_reuse_the_year_of_the_previous_bkbo():
    # BK_BO for 2023–2024 (listed in 2024); 2025 would reuse 2024: the next window starts in 2025
    h = [year(2023, "excellent", ["LDTT", "CSTDCS"]), year(2024, "excellent", ["LDTT", "CSTDCS"], awards=["BK_BO"]),
         year(2025, "excellent", ["LDTT", "CSTDCS"]), year(2026, "excellent", ["LDTT", "CSTDCS"])]
    a = ask(person(*h), "BK_BO", 2025)
    assert a["eligible"] is False
    c = check(a, "bkbo.after_prior")
    assert c["ok"] is False and "2024" in c["message"] and "Điều 30, khoản 9" in c["source"]
    assert any("sớm nhất xét năm 2026" in m for m in a["missing"])
    # 2025–2026 is a fresh window
    assert ask(person(*h), "BK_BO", 2026)["eligible"] is True


def test_bkbo_after_prior_unknown_when_last_years_awards_are_unknown():
    h = [year(2024, "excellent", ["LDTT", "CSTDCS"]), year(2025, "excellent", ["LDTT", "CSTDCS"])]
    del h[0]["awards"]
    a = ask(person(*h), "BK_BO", 2025)
    assert check(a, "bkbo.after_prior")["ok"] is None
    assert a["eligible"] is None and "history[2024].awards" in a["missing"]
