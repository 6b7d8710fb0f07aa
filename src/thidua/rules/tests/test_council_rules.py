"""Council composition (commendation-rules.md §1.1) and the second ballot among nominees tied at a cap."""
from hypothesis import given
from hypothesis import strategies as st

from thidua.rules import ballot as rb

FULL = ["chair", "vice_chair", "member", "member", "member", "secretary"]


def test_a_full_council_has_no_gaps_and_a_missing_chair_or_secretary_is_named():
    assert rb.composition_gaps(FULL) == {}
    assert rb.composition_gaps(FULL[1:]) == {"chair": 1, "voting": 1}
    assert rb.composition_gaps(FULL[:-1]) == {"secretary": 1}
    # a member who is also the secretary votes and counts as the secretary
    assert rb.composition_gaps(["chair", "vice_chair", "member", "member", "member_secretary"]) == {}


def test_the_secretary_alone_does_not_count_among_the_voting_members():
    assert rb.composition_gaps(["chair", "member", "member", "member", "secretary"]) == {"voting": 1}


def test_a_province_council_needs_three_to_four_vice_chairs():
    assert rb.composition_gaps(FULL, province=True) == {"vice_chair": 2}
    roles = ["chair", "vice_chair", "vice_chair", "vice_chair", "vice_chair", "secretary"]
    assert rb.composition_gaps(roles, province=True) == {}
    assert rb.role_room(roles, "vice_chair", province=True) == "vice_chair"
    assert rb.role_room(roles, "vice_chair") is None


def test_only_one_chair_and_one_secretary_fit():
    assert rb.role_room(FULL, "chair") == "chair"
    assert rb.role_room(FULL, "secretary") == "secretary"
    assert rb.role_room(FULL, "member_secretary") == "secretary"
    assert rb.role_room(FULL, "member") is None
    assert rb.role_room([], "chair") is None


def test_the_second_ballot_fills_the_places_left_and_may_tie_again():
    assert rb.seats_left(3, 2) == 1 and rb.seats_left(2, 3) == 0
    assert rb.resolve_runoff([("a", 4), ("b", 1)], 1) == {"a": "selected", "b": "over_cap"}
    assert rb.resolve_runoff([("a", 2), ("b", 2), ("c", 1)], 1) == {"a": "tie", "b": "tie", "c": "over_cap"}
    assert rb.resolve_runoff([("a", 2), ("b", 2), ("c", 1)], 2) == {"a": "selected", "b": "selected",
                                                                    "c": "over_cap"}
    assert rb.runoff_ballot_ok(1, 1) and rb.runoff_ballot_ok(0, 1) and not rb.runoff_ballot_ok(2, 1)
    assert rb.decision_ok(1, 1) and not rb.decision_ok(2, 1)


@given(st.lists(st.integers(0, 15), min_size=1, max_size=12), st.integers(0, 12))
def test_the_second_ballot_never_selects_more_than_the_places(votes, seats):
    out = rb.resolve_runoff([(str(i), v) for i, v in enumerate(votes)], seats)
    assert sum(r == "selected" for r in out.values()) <= seats
    assert set(out) == {str(i) for i in range(len(votes))}
    # the selected all have more votes than any not selected
    sel = [votes[int(k)] for k, r in out.items() if r == "selected"]
    rest = [votes[int(k)] for k, r in out.items() if r != "selected"]
    assert not sel or not rest or min(sel) > max(rest)
