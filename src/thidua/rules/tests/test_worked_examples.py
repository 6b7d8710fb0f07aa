"""Every worked example of legal-rules.md, as a test (section in each docstring)."""
from .helpers import ask, check, person, year


def test_s1_bnv_2023_and_2024_excellent_one_initiative_each_gives_bkbo_2024():
    """§1 rule 2 / §4.2: facts of a 2013-regime year count in a 2024 chain."""
    s = person(year(2023, "excellent", ["LDTT"], inits=["unit"]),
               year(2024, "excellent", ["LDTT"], inits=["unit"]))
    a = ask(s, "BK_BO", 2024)
    assert a["eligible"] is True and a["regime"] == "2022"


def test_s1_cstdcs_conferred_for_2022_counts_in_a_2024_chain():
    """§1 rule 3: a CSTĐCS conferred under the old criteria is one "lần" in a 2024 chain."""
    s = person(year(2022, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2023, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2024, "excellent", ["LDTT"], inits=["ministry"]))
    assert ask(s, "CSTD_BO", 2024)["eligible"] is True


def test_s2_1_six_consecutive_cstdcs_give_two_consecutive_cstdbo_not_more():
    """§2.1 non-reuse: 6 years → CSTĐ bộ in year 3 and year 6, never in between."""
    hist = [year(y, "excellent", ["LDTT", "CSTDCS"], inits=["ministry"])
            for y in range(2015, 2021)]
    hist[2]["titles"].append("CSTD_BO")
    s = person(*hist)
    assert [ask(s, "CSTD_BO", y)["eligible"] for y in (2017, 2018, 2019, 2020)] == \
        [True, False, False, True]


def test_s2_1_tt07_example_second_cstd_tinh_2014_review_cstdtq_with_2014():
    """§2.1 TT 07/2014 Điều 4 k3: 2nd CSTĐ tỉnh in 2014 (6 consecutive CSTĐCS) → CSTĐTQ
    reviewed with the 2014 achievements; a later year is outside the window."""
    hist = [year(y, "excellent", ["LDTT", "CSTDCS"], inits=["unit"]) for y in range(2009, 2016)]
    hist[2]["titles"].append("CSTD_BO")     # 2011
    hist[5]["titles"].append("CSTD_BO")     # 2014
    hist[5]["initiatives"].append({"level": "national"})
    s = person(*hist)
    assert ask(s, "CSTD_TQ", 2014)["eligible"] is True
    assert ask(s, "CSTD_TQ", 2015)["eligible"] is False


def test_s2_1_a_missing_year_makes_a_chain_unknown_not_false():
    """§2.1: a year missing from history → unknown with history[Y] in missing."""
    s = person(year(2022, "excellent", ["LDTT", "CSTDCS"]),
               year(2024, "excellent", ["LDTT", "CSTDCS"], inits=["ministry"]))
    a = ask(s, "CSTD_BO", 2024)
    assert a["eligible"] is None and "history[2023].titles" in a["missing"]


def test_s2_3_discipline_year_breaks_the_chain_through_the_missing_title():
    """§2.3 chains: the break comes from the missing title; discipline is the reason."""
    s = person(year(2021, "excellent", ["LDTT", "CSTDCS"], inits=["ministry"]),
               year(2022, "good", [], discipline="reprimand"),
               year(2023, "excellent", ["LDTT", "CSTDCS"], inits=["ministry"]))
    a = ask(s, "CSTD_BO", 2023)
    assert a["eligible"] is False


def test_s2_6_bnv_8_months_contract_plus_4_as_civil_servant_is_eligible_ldtt():
    """§2.6 (BNV answer 2024): continuous work at the agency counts, contract time included:
    12 months at the agency in the year, recruited as a civil servant 4 months before."""
    s = person(year(2024, "good", months_worked=12))
    a = ask(s, "LDTT", 2024)
    assert a["eligible"] is True and check(a, "ldtt.tenure")["ok"] is True
    assert ask(person(year(2024, "good", months_worked=4, leave_days={})), "LDTT", 2024)["eligible"] is False


def test_s4_3_bnv_bk_bo_2015_excellent_2016_2020_good_2021_not_bkttg_2021():
    """§4.3 (BNV answer): BK bộ 2015, HTXSNV 2016–2020, only HTTNV 2021 → the HTXSNV run must
    reach the year of proposal, so BK_TTG for 2021 fails; for 2020 (5 initiatives) it holds."""
    hist = [year(2015, "excellent", awards=["BK_BO"])]
    hist += [year(y, "excellent", inits=["unit"]) for y in range(2016, 2021)]
    hist += [year(2021, "good", inits=["unit"])]
    s = person(*hist)
    a = ask(s, "BK_TTG", 2021)
    assert a["eligible"] is False and a["regime"] == "2013"
    assert ask(s, "BK_TTG", 2020)["eligible"] is True


def test_s11_1_excellent_without_initiative_is_cstdcs_only_from_2024():
    """§11 surprise 1."""
    s = person(year(2022), year(2023, "excellent"), year(2024, "excellent"))
    assert ask(s, "CSTDCS", 2023)["eligible"] is False
    assert ask(s, "CSTDCS", 2024)["eligible"] is True


def test_s11_2_bkttg_2013_needs_excellent_and_initiatives_2022_good_and_cstdcs():
    """§11 surprise 2: the same person, judged in each regime."""
    hist = [year(2018, "excellent", awards=["BK_BO"])]
    hist += [year(y, "good", ["LDTT", "CSTDCS"], inits=["unit"]) for y in range(2019, 2024)]
    s = person(*hist)
    assert ask(s, "BK_TTG", 2023)["eligible"] is False      # 2013: needs HTXSNV every year
    hist2 = [year(2019, "excellent", awards=["BK_BO"])]
    hist2 += [year(y, "good", ["LDTT", "CSTDCS"] if y % 2 == 0 else ["LDTT"])
              for y in range(2020, 2025)]
    assert ask(person(*hist2), "BK_TTG", 2024)["eligible"] is True


def test_s11_3_bkbo_title_path_exists_only_in_2022():
    """§11 surprise 3: 2 consecutive CSTĐCS suffice for BK bộ in 2022 only (earned on HTXSNV
    from 2024, so no initiative was used up: §4.2 ledger)."""
    s = person(year(2022, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2023, "good", ["LDTT", "CSTDCS"], inits=["unit"]),
               year(2024, "excellent", ["LDTT", "CSTDCS"]),
               year(2025, "excellent", ["LDTT", "CSTDCS"]))
    assert ask(s, "BK_BO", 2023)["eligible"] is False
    assert ask(s, "BK_BO", 2025)["eligible"] is True


def test_s11_6_newly_recruited_threshold_10_to_6_months():
    """§11 surprise 6."""
    for y, expected in ((2023, False), (2024, True)):
        assert ask(person(year(y, months_worked=8, leave_days={})), "LDTT", y)["eligible"] is expected
