"""Collective titles and forms; grades as targets (evaluation-rules.md)."""
import pytest

from .helpers import ask, check, person, unit, year


def members(total=20, completed=20, ldtt=16, cstdcs=2, disciplined=0):
    return {"total": total, "completed": completed, "ldtt": ldtt, "cstdcs": cstdcs,
            "disciplined": disciplined}


@pytest.mark.parametrize("ldtt,expected", [(10, False), (11, True)])
def test_ttldtt_needs_strictly_more_than_half_ldtt(ldtt, expected):
    u = unit(year(2024, "good", members=members(ldtt=ldtt)))
    a = ask(u, "TTLDTT", 2024)
    assert a["eligible"] is expected and check(a, "ttldtt.ldtt_share")["ok"] is expected
    if not expected:
        assert a["missing"] == ["Cần thêm 01 thành viên đạt Lao động tiên tiến"]


def test_ttldtt_member_discipline_bars_only_in_2013():
    for y, expected in ((2023, False), (2024, True)):
        u = unit(year(y, "good", members=members(disciplined=1)))
        assert ask(u, "TTLDTT", y)["eligible"] is expected
    assert ask(unit(year(2024, "good", members=members())), "DVTT", 2024)["eligible"] is True


@pytest.mark.parametrize("ldtt,expected", [(13, False), (14, True)])
def test_ttldxs_needs_seventy_percent_ldtt(ldtt, expected):
    u = unit(year(2024, "excellent", members=members(ldtt=ldtt)))
    assert ask(u, "TTLDXS", 2024)["eligible"] is expected


def test_ttldxs_needs_every_member_complete_and_one_cstdcs():
    base = dict(grade="excellent")
    assert ask(unit(year(2024, **base, members=members(completed=19))), "TTLDXS",
               2024)["eligible"] is False
    a = ask(unit(year(2024, **base, members=members(cstdcs=0))), "TTLDXS", 2024)
    assert a["missing"] == ["Cần có ít nhất 01 thành viên đạt Chiến sĩ thi đua cơ sở"]
    assert ask(unit(year(2024, "good", members=members())), "TTLDXS", 2024)["eligible"] is False
    # DVQT drops the 100%-complete point (Luật 2022 Điều 27 khoản 2)
    assert ask(unit(year(2024, **base, members=members(completed=19))), "DVQT",
               2024)["eligible"] is True


def test_ttldxs_member_discipline_bars_in_2013_not_2022():
    assert ask(unit(year(2023, "excellent", members=members(disciplined=1))), "TTLDXS",
               2023)["eligible"] is False
    assert ask(unit(year(2024, "excellent", members=members(disciplined=1))), "TTLDXS",
               2024)["eligible"] is True


def test_ttldxs_unknown_members_are_listed():
    a = ask(unit(year(2024, "excellent")), "TTLDXS", 2024)
    assert a["eligible"] is None
    assert "history[2024].members.ldtt" in a["missing"]


@pytest.mark.parametrize("rank,expected", [(1, True), (2, False)])
def test_flags_need_cluster_leadership(rank, expected):
    u = unit(year(2024, "excellent", cluster_rank=rank, cluster_size=6))
    assert ask(u, "CO_BO", 2024)["eligible"] is expected
    assert ask(u, "CO_CP", 2024)["eligible"] is expected
    assert ask(unit(year(2024, "excellent")), "CO_BO", 2024)["missing"] == \
        ["history[2024].cluster_rank"]


def test_collective_bkbo_two_excellent_years_unverified():
    u = unit(year(2023, "excellent"), year(2024, "excellent"))
    a = ask(u, "BK_BO", 2024)
    assert a["eligible"] is True
    assert check(a, "bkbo.collective_chain")["verified"] is False


def test_collective_bkttg_2013_needs_bkbo_then_five_excellent_with_a_flag():
    hist = [year(2012, "excellent", awards=["BK_BO"])]
    hist += [year(y, "excellent", ["TTLDXS"]) for y in range(2013, 2018)]
    assert ask(unit(*hist), "BK_TTG", 2017)["eligible"] is None    # 2017 Cờ bộ still possible
    hist[-1]["cluster_rank"] = 3                                     # not a cluster leader
    assert ask(unit(*hist), "BK_TTG", 2017)["eligible"] is False
    hist[3]["titles"].append("CO_BO")
    assert ask(unit(*hist), "BK_TTG", 2017)["eligible"] is True


def test_collective_hcld3_2013_five_ttldxs_and_flag_or_bkttg():
    hist = [year(y, "excellent", ["TTLDXS"]) for y in range(2016, 2021)]
    hist[-1]["cluster_rank"] = 2
    assert ask(unit(*hist), "HCLD3", 2020)["eligible"] is False
    hist[1]["awards"] = ["BK_TTG"]
    assert ask(unit(*hist), "HCLD3", 2020)["eligible"] is True


# -- grades as targets ---------------------------------------------------------------------
@pytest.mark.parametrize("target,expected", [("grade:excellent", False), ("grade:good", False),
                                             ("grade:complete", False),
                                             ("grade:incomplete", True)])
def test_a_disciplined_person_can_only_be_graded_incomplete(target, expected):
    s = person(year(2024, "incomplete", discipline="warning", months_worked=12,
                    leave_days={"maternity": 0}))
    assert ask(s, target, 2024)["eligible"] is expected


@pytest.mark.parametrize("months,target,expected", [
    (5, "grade:complete", False), (6, "grade:excellent", True), (7, "grade:good", False),
    (9, "grade:complete", True), (9, "grade:excellent", False), (10, "grade:excellent", True)])
def test_nd90_time_worked(months, target, expected):
    s = person(year(2025, months_worked=months, leave_days={"maternity": 0}))
    assert ask(s, target, 2025)["eligible"] is expected


def test_nd90_maternity_leave_is_exempt():
    s = person(year(2025, months_worked=4, leave_days={"maternity": 150}))
    assert ask(s, "grade:excellent", 2025)["eligible"] is True


def test_nd335_has_no_months_rule_and_party_track_for_collectives():
    s = person(year(2026, months_worked=4))
    a = ask(s, "grade:excellent", 2026)
    assert a["regime"] == "nd335" and a["eligible"] is True
    assert ask(person(year(2026, months_worked=4), staff_type="public_employee"),
               "grade:excellent", 2026)["regime"] == "nd90"
    assert ask(unit(year(2025)), "grade:excellent", 2025)["regime"] == "qd366"
    assert ask(unit(year(2023)), "grade:excellent", 2023)["regime"] == "qd124"


def test_grade_under_review_is_unknown():
    s = person(year(2026, discipline="under_review"))
    assert ask(s, "grade:excellent", 2026)["eligible"] is None
    assert ask(s, "grade:incomplete", 2026)["eligible"] is True
