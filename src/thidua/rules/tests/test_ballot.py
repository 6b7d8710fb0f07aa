"""The council's arithmetic (commendation-rules.md §1.2–§1.3): integers, base = all members."""
from hypothesis import given
from hypothesis import strategies as st

from thidua.rules import authority
from thidua.rules import ballot as rb


def test_it_applies_ninety_percent_of_all_members_with_integers():
    th = rb.threshold_for("CSTD_BO")
    assert rb.required_votes(10, th) == 9          # 10 members at 90% → 9 votes
    assert rb.required_votes(7, th) == 7           # 6/7 = 85.7% fails
    assert not rb.passes(6, 7, th) and rb.passes(7, 7, th)
    assert rb.passes(9, 10, th) and not rb.passes(8, 10, th)
    assert "Điều 45" in th.source


def test_it_needs_more_than_half_for_the_default_and_eighty_for_bk_ttg():
    maj = rb.threshold_for("LDTT")
    assert rb.required_votes(10, maj) == 6 and rb.required_votes(9, maj) == 5
    assert not rb.passes(5, 10, maj) and rb.passes(6, 10, maj)
    assert rb.required_votes(15, rb.threshold_for("BK_TTG")) == 12


def test_it_counts_quorum_as_two_thirds_of_all_members():
    assert rb.has_quorum(4, 6) and not rb.has_quorum(3, 6)
    assert rb.has_quorum(5, 7) and not rb.has_quorum(4, 7)
    assert not rb.has_quorum(0, 0)


@given(st.integers(1, 200), st.integers(0, 200), st.sampled_from(["CSTD_BO", "LDTT", "BK_TTG"]))
def test_required_votes_is_the_least_passing_count(members, agree, form):
    th = rb.threshold_for(form)
    need = rb.required_votes(members, th)
    assert rb.passes(agree, members, th) == (agree >= need)


def test_it_selects_within_a_cap_and_leaves_ties_to_the_council():
    assert rb.select_within_cap([("a", 9), ("b", 8), ("c", 7)], 2) == {"a": "selected", "b": "selected",
                                                                         "c": "over_cap"}
    assert rb.select_within_cap([("a", 9), ("b", 8), ("c", 8)], 2) == {"a": "selected", "b": "tie", "c": "tie"}
    assert rb.select_within_cap([("a", 9)], None) == {"a": "selected"}


def test_it_knows_who_confers_what():
    assert authority.may_confer(authority.BASE, "CSTDCS")
    assert not authority.may_confer(authority.MINISTRY, "BK_TTG")
    assert authority.may_propose(authority.BASE, "BK_BO")
    assert not authority.may_propose(authority.MINISTRY, "LDTT")
    assert authority.posting_for("HCLD3").working_days == 10
