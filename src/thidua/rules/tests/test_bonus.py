"""Bonus arithmetic (commendation-rules.md §5) and the fund's ceilings (§6): dated tables, rounding,
collectives, several awards in one decision, posthumous, the day the base salary changes."""
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules import bonus, fund
from thidua.rules.bonus import AwardLine, BaseSalary, BonusError, compute_bonus, decision_bonuses

D = datetime.date


def amount(code, day, kind="individual", **kw):
    return compute_bonus(code=code, kind=kind, decision_date=day, **kw).per_subject


def test_it_rounds_up_to_the_next_ten_thousand_as_the_rules_page_shows():
    # §5.1: with 2,340,000: 0.3 → 702,000 → 710,000; 0.8 → 1,872,000 → 1,880,000
    assert amount("LDTT", D(2025, 1, 5)) == 710_000
    assert amount("TTLDTT", D(2025, 1, 5), kind="collective") == 1_880_000
    assert amount("CSTDCS", D(2025, 1, 5)) == 2_340_000
    assert bonus.round_up_10k(1_112_000) == 1_120_000   # BTĐKT TW reader's example
    assert bonus.round_up_10k(1_120_000) == 1_120_000


def test_it_uses_the_base_salary_in_force_on_the_decision_date_at_the_boundary():
    assert amount("CSTDCS", D(2024, 6, 30)) == 1_800_000
    assert amount("CSTDCS", D(2024, 7, 1)) == 2_340_000
    assert amount("CSTDCS", D(2023, 6, 30)) == 1_490_000
    assert amount("CSTDCS", D(2023, 7, 1)) == 1_800_000
    assert amount("LDTT", D(2023, 6, 30)) == 450_000     # 0.3 × 1,490,000 = 447,000 → 450,000


def test_it_changes_the_coefficient_on_the_day_the_new_decree_applies():
    # §7.7: a BK bộ decided on 30/06/2025 pays 1.0×, on 01/07/2025 1.5×
    assert amount("BK_BO", D(2025, 6, 30)) == 2_340_000
    assert amount("BK_BO", D(2025, 7, 1)) == 3_510_000


def test_it_doubles_forms_for_a_collective_and_knows_collective_titles():
    assert amount("HCLD3", D(2025, 9, 1), kind="collective") == 2 * amount("HCLD3", D(2025, 9, 1))
    assert amount("CO_CP", D(2025, 9, 1), kind="collective") == 12 * 2_340_000
    with pytest.raises(BonusError) as error:
        amount("CO_CP", D(2025, 9, 1), kind="individual")
    assert error.value.field == "award_code" and "cá nhân" in error.value.message
    with pytest.raises(BonusError):
        amount("LDTT", D(2025, 9, 1), kind="collective")


def test_it_multiplies_by_the_count_and_explains_in_words():
    result = compute_bonus(code="LDTT", decision_date=D(2025, 12, 20), count=3)
    assert result.total == 3 * 710_000
    assert result.explanation == ("hệ số 0,3 × mức lương cơ sở 2.340.000 đ = 702.000 đ, làm tròn lên hàng chục "
                                  "nghìn đồng: 710.000 đ; × 3 cá nhân = 2.130.000 đ")
    one = compute_bonus(code="CSTDCS", decision_date=D(2025, 12, 20))
    assert one.explanation == "hệ số 1,0 × mức lương cơ sở 2.340.000 đ = 2.340.000 đ"
    assert "NĐ 73/2024/NĐ-CP" in one.basis and "làm tròn" in one.basis


def test_it_pays_each_award_of_one_subject_in_one_decision():
    lines = [AwardLine("an", "CSTDCS"), AwardLine("an", "BK_BO"), AwardLine("binh", "LDTT")]
    paid = decision_bonuses(lines, D(2025, 12, 20))
    assert paid == {"an": 2_340_000 + 3_510_000, "binh": 710_000}


def test_posthumous_forms_carry_the_same_bonus_titles_are_refused():
    assert amount("BK_TTG", D(2025, 12, 20), posthumous=True) == amount("BK_TTG", D(2025, 12, 20))
    with pytest.raises(BonusError) as error:
        amount("CSTDCS", D(2025, 12, 20), posthumous=True)
    assert error.value.field == "posthumous" and "truy tặng" in error.value.message


def test_a_capped_coefficient_needs_a_choice_within_the_ceiling():
    assert amount("KNC_BO", D(2025, 12, 20), coefficient=60) == 1_410_000   # 0.6 × 2,340,000 = 1,404,000
    assert amount("KNC_BO", D(2025, 12, 20), coefficient=50) == 1_170_000
    for bad in (None, 61, 0, -5):
        with pytest.raises(BonusError) as error:
            amount("KNC_BO", D(2025, 12, 20), coefficient=bad)
        assert error.value.field == "coefficient"
    with pytest.raises(BonusError):
        amount("LDTT", D(2025, 12, 20), coefficient=40)


def test_bad_inputs_name_the_field():
    with pytest.raises(BonusError) as error:
        amount("XYZ", D(2025, 1, 1))
    assert error.value.field == "award_code"
    with pytest.raises(BonusError) as error:
        amount("LDTT", D(2016, 1, 1))
    assert error.value.field in ("award_code", "decision_date")
    for count in (0, -1, 10_001, True):
        with pytest.raises(BonusError) as error:
            compute_bonus(code="LDTT", decision_date=D(2025, 1, 1), count=count)
        assert error.value.field == "count"


def test_an_administrators_base_salary_starts_on_its_date_and_closes_the_previous_row():
    table = bonus.base_salary_table([BaseSalary(D(2026, 7, 1), 2_530_000, "NĐ mới")])
    assert table[-2].valid_to == D(2026, 6, 30) and table[-1].valid_to is None
    assert amount("CSTDCS", D(2026, 6, 30), table=table) == 2_340_000
    assert amount("CSTDCS", D(2026, 7, 1), table=table) == 2_530_000
    with pytest.raises(BonusError) as error:
        bonus.base_salary_on(D(2018, 6, 30), table)
    assert error.value.field == "decision_date"


def test_numbers_are_written_the_vietnamese_way():
    assert bonus.vnd(2_340_000) == "2.340.000 đ"
    assert [bonus.vn_coef(x) for x in (30, 100, 15, 3050, 1200)] == ["0,3", "1,0", "0,15", "30,5", "12,0"]
    assert [bonus.parse_coef(x) for x in ("0,6", "0.6", "1", "0,15", "", "1,234", "a", "1.2.3")] == \
        [60, 60, 100, 15, None, None, None, None]


@settings(max_examples=200, deadline=None)
@given(code=st.sampled_from(["LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG", "HCLD1"]),
       day=st.dates(D(2018, 7, 1), D(2030, 12, 31)).filter(lambda d: d >= D(2017, 10, 1)),
       count=st.integers(1, 500))
def test_property_the_amount_is_a_multiple_of_10k_never_below_the_product_and_linear_in_count(code, day, count):
    result = compute_bonus(code=code, decision_date=day, count=count)
    exact = result.hundredths * result.base
    assert result.per_subject % 10_000 == 0
    assert result.per_subject * 100 >= exact > (result.per_subject - 10_000) * 100
    assert result.total == count * result.per_subject


@settings(max_examples=100, deadline=None)
@given(day=st.dates(D(2018, 7, 1), D(2030, 12, 31)))
def test_property_a_higher_award_never_pays_less_and_a_collective_gets_more(day):
    ladder = ["LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ"]
    paid = [amount(c, day) for c in ladder]
    assert paid == sorted(paid)
    for form in ("GK", "BK_TTG", "HCLD3"):
        assert amount(form, day, kind="collective") > amount(form, day)


def test_the_allocation_cap_and_the_organising_share():
    assert fund.allocation_cap("salary_fund", 1_000_000_000) == 200_000_000
    assert fund.allocation_cap("recurrent_1_0", 50_000_000_000) == 500_000_000
    assert fund.allocation_cap("recurrent_1_5", 50_000_000_000) == 750_000_000
    assert "20,0% × tổng quỹ tiền lương" in fund.cap_explanation("salary_fund", 1_000_000_000)
    assert fund.organising_warning(20_000_000, 100_000_000) == ""
    warning = fund.organising_warning(20_000_001, 100_000_000)
    assert warning.startswith("Cảnh báo") and "20.000.000 đ" in warning
