"""Quota checks, the forecast and the columnar API (the engine benchmark's tests are in bench/)."""
import pytest

from thidua.rules import ColumnarHistory, evaluate_matrix, forecast, quota

from .helpers import person, run_years, unit, year


@pytest.mark.parametrize("good,excellent,ok,allowed", [(15, 3, True, 3), (15, 4, False, 3),
                                                       (14, 2, True, 2), (4, 1, False, 0)])
def test_grade_cap_is_floor_of_20_percent_of_good(good, excellent, ok, allowed):
    r = quota.check_grade_cap(["good"] * good + ["excellent"] * excellent + ["complete"] * 5,
                              year=2026)
    assert (r["ok"], r["allowed"], r["proposed"], r["base"]) == (ok, allowed, excellent, good)
    assert r["regime"] == "nd335" and r["source"].startswith("Nghị định 335/2025/NĐ-CP, Điều 20")
    assert r["over"] == max(excellent - allowed, 0)
    assert r["remaining"] == max(allowed - excellent, 0)


def test_grade_cap_legacy_and_party_and_ratio_override():
    assert quota.check_grade_cap({"good": 10, "excellent": 2}, year=2025)["regime"] == "nd90"
    party = quota.check_grade_cap({"good": 10}, year=2025, track="party")
    assert party["regime"] == "qd366" and party["verified"] is False
    r = quota.check_grade_cap({"good": 10, "excellent": 3}, year=2026, ratio=0.25)
    assert r["allowed"] == 2 and not r["ok"]
    groups = quota.check_grade_caps({("A", "g1"): ["good"] * 5, ("A", "g2"): ["excellent"]},
                                    year=2026)
    assert groups[("A", "g1")]["allowed"] == 1 and groups[("A", "g2")]["ok"] is False


def test_title_caps():
    r = quota.check_title_cap("CSTDCS", year=2020, proposed=3, base=20)
    assert (r["allowed"], r["ok"]) == (3, True)
    assert quota.check_title_cap("CSTDCS", year=2020, proposed=4, base=20)["over"] == 1
    none = quota.check_title_cap("CSTDCS", year=2024, proposed=9, base=20)
    assert none["allowed"] is None and none["ok"] and "(chưa kiểm chứng)" in none["message"]
    cp = quota.check_title_cap("CO_CP", year=2024, proposed=2, base=6)
    assert cp["allowed"] == 1 and not cp["ok"] and cp["verified"] is False
    flag = quota.check_title_cap("CO_BO", year=2024, proposed=2)
    assert flag["allowed"] == 1 and not flag["ok"]


def test_forecast_says_what_next_year_needs():
    s = person(year(2024, "good", ["LDTT", "CSTDCS"], inits=["unit"]), sid="f")
    f = forecast(s, 2025, assumed={"grade": "good", "titles": ["LDTT", "CSTDCS"],
                                   "initiatives": [{"level": "unit"}]})
    by = {a["target"]: a for a in f["answers"]}
    assert f["year"] == 2026 and by["CSTDCS"]["eligible"] is None
    assert by["CSTDCS"]["if"] == "Nếu năm 2026 đạt Hoàn thành xuất sắc nhiệm vụ"
    assert by["LDTT"]["if"] == "Nếu năm 2026 đạt Hoàn thành tốt nhiệm vụ"
    assert by["CSTD_BO"]["if"] == ("Nếu năm 2026 đạt Hoàn thành tốt nhiệm vụ và có 01 sáng kiến "
                                   "có phạm vi ảnh hưởng cấp bộ")
    # the 2025 CSTĐCS used its initiative (CV 1168/BNV-BTĐKT): 2026 needs two more
    assert by["BK_BO"]["scenario"] == {"grade": "excellent", "initiatives": {"unit": 2}}
    assert by["CSTD_TQ"]["if"] is None and by["CSTD_TQ"]["lacking"]


def test_forecast_with_known_next_year_and_a_broken_chain():
    s = person(year(2024, "good", ["LDTT"]), sid="g")
    f = forecast(s, 2025, assumed={"grade": "complete", "titles": []},
                 next_year={"grade": "excellent", "titles": [], "initiatives": [],
                            "discipline": None, "months_worked": 12})
    by = {a["target"]: a for a in f["answers"]}
    assert by["CSTDCS"]["eligible"] is True and by["CSTD_BO"]["eligible"] is False
    assert by["CSTDCS"]["if"] is None


def test_forecast_for_a_collective():
    u = unit(year(2024, "excellent", ["TTLDXS"]), sid="c")
    f = forecast(u, 2025, assumed={"grade": "excellent", "titles": ["TTLDXS"]})
    by = {a["target"]: a for a in f["answers"]}
    assert "LDTT" not in by and by["TTLDXS"]["if"].startswith("Nếu năm 2026 đạt Hoàn thành xuất")


def test_evaluate_matrix_rejects_unknown_targets_and_years():
    batch = ColumnarHistory.from_subjects([person(*run_years(2023, 2025), sid="a"),
                                           unit(*run_years(2023, 2025), sid="b")])
    assert evaluate_matrix(batch, ["LDTT"], 2025)["LDTT"].shape == (2,)
    with pytest.raises(KeyError):
        evaluate_matrix(batch, ["NOPE"], 2025)
    with pytest.raises(ValueError):
        evaluate_matrix(batch, ["LDTT"], 1990)
