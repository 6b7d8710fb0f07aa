"""The council session and its secret ballot: quorum, one ballot per member, thresholds on all members,
paper ballots and written opinions, closing with ballots missing, and secrecy (nothing stored links a
choice to a voter)."""
import datetime
import json
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from thidua.audit.models import AuditEvent
from thidua.commendations import council as cs
from thidua.commendations.models import BallotReceipt, Nominee, Proposal, Session

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _msg(exc) -> str:
    v = exc.value
    return " ".join(m for ms in v.message_dict.values() for m in ms) if hasattr(v, "error_dict") \
        else " ".join(v.messages)


def _attend(ctx, session, council, n_present, written=()):
    ids = [m.pk for m in council["members"][:n_present]]
    return cs.session_attendance_set(**ctx("officer_a"), session=session, present=ids,
                                     written=[council["members"][i].pk for i in written])


def _vote(ctx, i, session, choices):
    cs.ballot_cast(**ctx(f"m{i}"), session=session, choices={str(k): v for k, v in choices.items()})


def test_it_refuses_to_open_the_vote_without_quorum(agenda, council, ctx):
    s = _attend(ctx, agenda["session"], council, 3)          # 3 of 5 < 2/3
    with pytest.raises(ValidationError) as exc:
        cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    assert "có mặt 3/5, cần ít nhất 4" in _msg(exc)
    assert Session.objects.get(pk=s.pk).state == "preparing"


def test_a_full_vote_passes_against_all_members(agenda, council, ctx):
    s = _attend(ctx, agenda["session"], council, 4)
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    minh_ldtt, minh_cstd, ha = (p.pk for p in agenda["proposals"])
    # majority of ALL 5 members = 3 votes; CSTĐCS gets 3, Hà's LĐTT only 2 (of 4 present: still fails)
    for i, ch in enumerate([
        {minh_ldtt: "agree", minh_cstd: "agree", ha: "agree"},
        {minh_ldtt: "agree", minh_cstd: "agree", ha: "reject"},
        {minh_ldtt: "agree", minh_cstd: "agree", ha: "agree"},
        {minh_ldtt: "agree", minh_cstd: "reject", ha: ""},
    ], start=1):
        _vote(ctx, i, s, ch)
    with pytest.raises(ValidationError) as exc:
        _vote(ctx, 1, s, {minh_ldtt: "reject"})
    assert "đã bỏ phiếu" in _msg(exc)
    result = cs.session_result(s)
    assert all(r["agree"] is None for r in result["nominees"])   # no tally while voting
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    result = cs.session_result(s)
    rows = {(r["name"], r["form"]): r for r in result["nominees"]}
    assert rows[("Lê Văn Minh", "LDTT")]["agree"] == 4 and rows[("Lê Văn Minh", "LDTT")]["result"] == "passed"
    assert rows[("Lê Văn Minh", "CSTDCS")]["agree"] == 3 and rows[("Lê Văn Minh", "CSTDCS")]["required"] == 3
    assert rows[("Phạm Thu Hà", "LDTT")]["agree"] == 2 and rows[("Phạm Thu Hà", "LDTT")]["result"] == "failed"
    assert rows[("Phạm Thu Hà", "LDTT")]["blank"] == 1
    assert [r["name"] for r in result["passed"]] == ["Lê Văn Minh", "Lê Văn Minh"]
    assert result["ballots"] == 4 and result["present"] == 4 and result["members_total"] == 5
    assert dict(Proposal.objects.values_list("pk", "state")) == {minh_ldtt: "passed", minh_cstd: "passed",
                                                                  ha: "failed"}


@pytest.mark.parametrize("case", ["non_member", "absent", "secretary", "not_voting", "bad_choice", "stranger"])
def test_bad_ballots_write_nothing(agenda, council, ctx, case):
    s = _attend(ctx, agenda["session"], council, 4)
    if case != "not_voting":
        cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    pid = agenda["proposals"][0].pk
    who, choices, message = {
        "non_member": ("officer_b", {pid: "agree"}, cs.MSG_NOT_MEMBER),
        "absent": ("m5", {pid: "agree"}, "không có mặt"),
        "secretary": ("secretary", {pid: "agree"}, cs.MSG_NOT_VOTER),
        "not_voting": ("m1", {pid: "agree"}, cs.MSG_NOT_VOTING_NOW),
        "bad_choice": ("m1", {pid: "yes"}, cs.MSG_BALLOT_CHOICE),
        "stranger": ("m1", {999999: "agree"}, cs.MSG_BALLOT_NOMINEE),
    }[case]
    before = (BallotReceipt.objects.count(), AuditEvent.objects.count(),
              list(Nominee.objects.values_list("agree", "reject")))
    with pytest.raises(ValidationError) as exc:
        cs.ballot_cast(**ctx(who), session=s, choices={str(k): v for k, v in choices.items()})
    assert message in _msg(exc)
    assert before == (BallotReceipt.objects.count(), AuditEvent.objects.count(),
                      list(Nominee.objects.values_list("agree", "reject")))


def test_closing_with_ballots_missing_needs_a_reason(agenda, council, ctx):
    s = _attend(ctx, agenda["session"], council, 4)
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    _vote(ctx, 1, s, {agenda["proposals"][0].pk: "agree"})
    with pytest.raises(ValidationError) as exc:
        cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    assert "Còn 3 thành viên có mặt chưa bỏ phiếu" in _msg(exc)
    assert Session.objects.get(pk=s.pk).state == "voting"
    s = cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote",
                              reason="Ba thành viên rời phiên họp trước khi bỏ phiếu")
    assert s.state == "closed" and s.close_reason.startswith("Ba thành viên")


def test_paper_ballots_and_written_opinions_by_the_secretary(agenda, council, ctx):
    s = _attend(ctx, agenda["session"], council, 4, written=(4,))
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    pids = [p.pk for p in agenda["proposals"]]
    m = council["members"]
    with pytest.raises(PermissionDenied):
        cs.ballots_enter(**ctx("m1"), session=s, members=[m[0]], ballots=[{}])
    with pytest.raises(ValidationError) as exc:
        cs.ballots_enter(**ctx("secretary"), session=s, members=[m[0], m[1]], ballots=[{}])
    assert "phải bằng số thành viên" in _msg(exc)
    with pytest.raises(ValidationError):       # an absent member's ballot is not a paper ballot
        cs.ballots_enter(**ctx("secretary"), session=s, members=[m[4]], ballots=[{}])
    cs.ballots_enter(**ctx("secretary"), session=s, members=[m[0], m[1]],
                     ballots=[{str(pids[0]): "agree"}, {str(pids[0]): "agree", str(pids[2]): "reject"}])
    with pytest.raises(ValidationError):       # a present member does not send a written opinion
        cs.ballots_enter(**ctx("secretary"), session=s, members=[m[2]], ballots=[{}], how="written")
    cs.ballots_enter(**ctx("secretary"), session=s, members=[m[4]], ballots=[{str(pids[0]): "agree"}],
                     how="written")
    with pytest.raises(ValidationError):       # entered twice
        cs.ballots_enter(**ctx("secretary"), session=s, members=[m[0]], ballots=[{}])
    _vote(ctx, 3, s, {pids[0]: "agree"})
    _vote(ctx, 4, s, {pids[0]: "reject"})
    cs.session_transition(**ctx("secretary"), session=s, transition="close_vote")
    row = cs.session_result(s)["nominees"][0]
    assert row["agree"] == 4 and row["reject"] == 1 and row["result"] == "passed"
    assert set(BallotReceipt.objects.values_list("how", flat=True)) == {"paper", "written", "online"}


def test_a_cap_selects_by_agreeing_votes_and_leaves_ties(agenda, council, ctx, rnd):
    with pytest.raises(ValidationError) as exc:
        cs.session_create(**ctx("officer_a"), council=council["council"], round=rnd, meets_on=TODAY,
                          caps={"LDTT": "-1"})
    assert "Chỉ tiêu tối đa của Lao động tiên tiến" in _msg(exc)
    assert Session.objects.count() == 1
    s = _attend(ctx, agenda["session"], council, 5)
    Session.objects.filter(pk=s.pk).update(caps=cs._clean_caps({"LDTT": "1"}, rnd))
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    minh, _, ha = (p.pk for p in agenda["proposals"])
    for i in range(1, 6):
        _vote(ctx, i, s, {minh: "agree", ha: "agree" if i <= 4 else "reject"})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    res = {r["name"]: r["result"] for r in cs.session_result(s)["nominees"] if r["form"] == "LDTT"}
    assert res == {"Lê Văn Minh": "passed", "Phạm Thu Hà": "over_cap"}


def _everything_written(since_audit: int) -> str:
    """Every row of every commendations table and every audit event written since `since_audit`, as text."""
    out = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            if table.startswith("commendations_") and table not in ("commendations_nominee",):
                cur.execute(f'SELECT * FROM "{table}"')
                out.append(json.dumps(cur.fetchall(), default=str))
    events = AuditEvent.objects.filter(pk__gt=since_audit).values()
    out.append(json.dumps(list(events), default=str))
    return "\n".join(out)


def test_nothing_stored_links_a_choice_to_a_voter(agenda, council, ctx, caplog):
    """Two members cast opposite ballots: apart from the per-nominee tally (no voter, no time), nothing
    written differs between the two members — not a table row, not an audit event, not a log line."""
    s = _attend(ctx, agenda["session"], council, 4)
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    pid = agenda["proposals"][0].pk
    mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    caplog.set_level("DEBUG")
    _vote(ctx, 1, s, {pid: "agree"})
    _vote(ctx, 2, s, {pid: "reject"})
    written = _everything_written(mark)
    for word in ("agree", "reject", "Đồng ý", "Không đồng ý"):
        assert word not in written
        assert word not in caplog.text
    events = list(AuditEvent.objects.filter(pk__gt=mark).values("verb", "after", "before", "reason"))
    assert [e["verb"] for e in events] == ["ballot_cast", "ballot_cast"]
    assert sorted(set(e["after"]) for e in events) == [{"session", "voted", "how"}] * 2
    # the tally table has no voter and no time: only the session, the nominee and the counts
    assert {f.name for f in Nominee._meta.concrete_fields} == {"id", "session", "proposal", "agree", "reject",
                                                               "result"}
    assert {f.name for f in BallotReceipt._meta.concrete_fields} == {"id", "session", "member", "how"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent inserts: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_ballot_per_member_when_ballots_arrive_together(agenda, council, ctx):
    s = _attend(ctx, agenda["session"], council, 5)
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    pids = [p.pk for p in agenda["proposals"]]
    barrier = threading.Barrier(10)
    outcomes = []

    def cast(i):
        try:
            barrier.wait()
            cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={str(p): "agree" for p in pids})
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(1 + k % 5,)) for k in range(10)]  # each member twice at once
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 5 and all("đã bỏ phiếu" in o for o in outcomes if o != "ok")
    assert BallotReceipt.objects.filter(session=s).count() == 5
    assert set(Nominee.objects.filter(session=s).values_list("agree", flat=True)) == {5}
    assert Session.objects.get(pk=s.pk).ballots == 5


def test_a_passed_proposal_goes_up_only_when_the_level_may_not_confer_it(agenda, council, ctx, rnd, staff):
    from thidua.commendations import services as svc
    s = _attend(ctx, agenda["session"], council, 5)
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    for i in range(1, 6):
        _vote(ctx, i, s, {p.pk: "agree" for p in agenda["proposals"]})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    ldtt = Proposal.objects.get(pk=agenda["proposals"][0].pk)
    with pytest.raises(ValidationError) as exc:          # VA's head confers LĐTT himself
        svc.proposal_transition(**ctx("officer_a"), proposal=ldtt, transition="forward")
    assert "không cần trình cấp trên" in _msg(exc)
    bk = Proposal.objects.create(round=rnd, person=staff["hà"], proposing_unit=rnd.unit, form="BK_BO", year=2025,
                                 subject_name="Phạm Thu Hà", state="passed")
    bk = svc.proposal_transition(**ctx("officer_a"), proposal=bk, transition="forward")
    assert bk.state == "forwarded" and bk.forwarded_to.startswith("Bộ trưởng")
