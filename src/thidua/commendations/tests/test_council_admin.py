"""Council members and the composition rules (commendation-rules.md §1.1), and ties at a cap resolved by a
second secret ballot or by the council's decision recorded by the chair (§1.3)."""
import datetime
import json
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from thidua.audit.models import AuditEvent
from thidua.commendations import council as cs
from thidua.commendations import council_admin as ca
from thidua.commendations.models import CouncilMember, Nominee, Proposal, Runoff, RunoffReceipt, Session

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _msg(exc) -> str:
    v = exc.value
    return " ".join(m for ms in v.message_dict.values() for m in ms) if hasattr(v, "error_dict") \
        else " ".join(v.messages)


def _fields(exc) -> set:
    return set(exc.value.message_dict) if hasattr(exc.value, "error_dict") else set()


# --- members ---------------------------------------------------------------------------------------


def test_a_second_chair_or_secretary_is_refused_at_the_role(council, ctx, actors):
    c = council["council"]
    for role, words in (("chair", "chỉ có một Chủ tịch"), ("secretary", "chỉ có một Thư ký"),
                        ("member_secretary", "chỉ có một Thư ký")):
        with pytest.raises(ValidationError) as exc:
            cs.council_member_add(**ctx("officer_a"), council=c, user=actors["officer_pa1"], role=role)
        assert words in _msg(exc) and _fields(exc) == {"role"}
    assert c.members.count() == 6
    with pytest.raises(ValidationError) as exc:
        cs.council_member_add(**ctx("officer_a"), council=c, user=actors["m1"], role="member")
    assert "đã là thành viên" in _msg(exc) and _fields(exc) == {"user"}


def test_an_incomplete_council_cannot_sit_and_says_what_it_lacks(org, ctx, actors, rnd):
    c = cs.council_create(**ctx("officer_a"), unit=org["VA"], name="Hội đồng thiếu")
    cs.council_member_add(**ctx("officer_a"), council=c, user=actors["m1"], role="member")
    assert cs.composition_gaps(c) == ["thiếu Chủ tịch Hội đồng", "thiếu Thư ký Hội đồng",
                                      "cần thêm 4 thành viên biểu quyết"]
    with pytest.raises(ValidationError) as exc:
        cs.session_create(**ctx("officer_a"), council=c, round=rnd, meets_on=TODAY)
    assert "chưa đủ thành phần" in _msg(exc) and "thiếu Chủ tịch" in _msg(exc) and _fields(exc) == {"council"}
    assert not Session.objects.filter(council=c).exists()


def test_a_member_cannot_be_removed_from_a_session_in_progress_and_leaves_after(agenda, council, ctx, actors):
    m = council["members"][4]
    with pytest.raises(ValidationError) as exc:
        ca.council_member_remove(**ctx("officer_a"), member=m)
    assert "phiên họp đang diễn ra" in _msg(exc) and _fields(exc) == {"member"}
    assert CouncilMember.objects.get(pk=m.pk).removed_at is None
    Session.objects.filter(pk=agenda["session"].pk).update(state="closed")
    ca.council_member_remove(**ctx("officer_a"), member=m, reason="Nghỉ hưu")
    assert CouncilMember.objects.get(pk=m.pk).removed_at is not None
    assert "cần thêm 1 thành viên biểu quyết" in cs.composition_gaps(council["council"])
    ev = AuditEvent.objects.filter(verb="council_member_remove").get()
    assert ev.reason == "Nghỉ hưu"
    with pytest.raises(ValidationError):
        ca.council_member_remove(**ctx("officer_a"), member=m)
    # back again: the same row, the new role
    back = cs.council_member_add(**ctx("officer_a"), council=council["council"], user=actors["m5"], role="member")
    assert back.pk == m.pk and back.removed_at is None


def test_only_the_officer_of_the_level_manages_members(council, ctx, actors):
    with pytest.raises(PermissionDenied):
        ca.council_member_remove(**ctx("officer_pa1"), member=council["members"][0])
    with pytest.raises(PermissionDenied):
        cs.council_member_add(**ctx("m1"), council=council["council"], user=actors["officer_pa1"], role="member")


# --- ties ------------------------------------------------------------------------------------------


@pytest.fixture
def tied(agenda, council, ctx, rnd):
    """LĐTT capped at 1: Minh and Hà both get 5 votes of 5 — tied at the edge."""
    s = agenda["session"]
    Session.objects.filter(pk=s.pk).update(caps={"LDTT": 1})
    cs.session_attendance_set(**ctx("officer_a"), session=s, present=[m.pk for m in council["members"]])
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    minh, minh_cstd, ha = (p.pk for p in agenda["proposals"])
    for i in range(1, 6):
        cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={str(minh): "agree", str(ha): "agree",
                                                            str(minh_cstd): "agree"})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    return {"session": Session.objects.get(pk=s.pk), "minh": minh, "ha": ha}


def test_a_tie_at_the_cap_is_shown_and_left_open(tied):
    found = ca.ties(tied["session"])
    assert [(t["form"], t["seats"], len(t["nominees"])) for t in found] == [("LDTT", 1, 2)]
    assert set(Proposal.objects.filter(pk__in=[tied["minh"], tied["ha"]]).values_list("state", flat=True)) \
        == {"on_agenda"}


def test_a_second_ballot_resolves_the_tie_with_the_same_secrecy(tied, ctx, council):
    s = tied["session"]
    since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    r = ca.runoff_open(**ctx("officer_a"), session=s, form="LDTT")
    with pytest.raises(ValidationError) as exc:
        ca.runoff_open(**ctx("officer_a"), session=s, form="LDTT")
    assert "đang bỏ phiếu vòng hai" in _msg(exc)
    picks = {1: [tied["minh"]], 2: [tied["minh"]], 3: [tied["ha"]], 4: [tied["minh"]], 5: []}
    for i, p in picks.items():
        ca.runoff_cast(**ctx(f"m{i}"), runoff=r, picks=p)
    with pytest.raises(ValidationError) as exc:
        ca.runoff_cast(**ctx("m1"), runoff=r, picks=[tied["ha"]])
    assert "mỗi thành viên chỉ có một phiếu" in _msg(exc)
    assert RunoffReceipt.objects.filter(runoff=r).count() == 5
    # nothing links a choice to a voter: the receipts and the audit hold who voted, never what
    cast = AuditEvent.objects.filter(pk__gt=since, verb="runoff_cast")
    assert cast.count() == 5 and all(set(e.after) == {"runoff", "voted", "how"} for e in cast)
    assert {f.name for f in RunoffReceipt._meta.get_fields()} == {"id", "runoff", "member", "how"}
    assert "picks" not in json.dumps(list(AuditEvent.objects.filter(pk__gt=since).values("after")), default=str)
    r = ca.runoff_close(**ctx("officer_a"), runoff=r)
    assert r.state == Runoff.DONE
    assert Proposal.objects.get(pk=tied["minh"]).state == "passed"
    assert Proposal.objects.get(pk=tied["ha"]).state == "failed"
    assert dict(Nominee.objects.filter(session=s, proposal__form="LDTT").values_list("proposal_id", "result")) == {
        tied["minh"]: "passed", tied["ha"]: "over_cap"}
    assert ca.ties(s) == []


@pytest.mark.parametrize("who, picks, words", [
    ("m1", "both", "tối đa 1 người"),
    ("m1", "stranger", "không nằm trong danh sách bằng phiếu"),
    ("secretary", "one", "Thư ký Hội đồng (không kiêm ủy viên) không biểu quyết"),
    ("officer_a", "one", "không phải thành viên Hội đồng"),
])
def test_bad_second_ballots_write_nothing(tied, ctx, who, picks, words, agenda):
    r = ca.runoff_open(**ctx("officer_a"), session=tied["session"], form="LDTT")
    chosen = {"both": [tied["minh"], tied["ha"]], "one": [tied["minh"]],
              "stranger": [agenda["proposals"][1].pk]}[picks]
    with pytest.raises(ValidationError) as exc:
        ca.runoff_cast(**ctx(who), runoff=r, picks=chosen)
    assert words in _msg(exc)
    assert not RunoffReceipt.objects.exists() and Runoff.objects.get(pk=r.pk).ballots == 0


def test_a_second_tie_goes_to_the_chair_with_a_reason(tied, ctx):
    s = tied["session"]
    r = ca.runoff_open(**ctx("officer_a"), session=s, form="LDTT")
    for i, p in {1: [tied["minh"]], 2: [tied["ha"]]}.items():
        ca.runoff_cast(**ctx(f"m{i}"), runoff=r, picks=p)
    with pytest.raises(ValidationError) as exc:
        ca.runoff_close(**ctx("officer_a"), runoff=r)
    assert "chưa bỏ phiếu vòng hai" in _msg(exc) and _fields(exc) == {"reason"}
    r = ca.runoff_close(**ctx("officer_a"), runoff=r, reason="Ba thành viên không chọn")
    assert r.state == Runoff.TIED and [t["form"] for t in ca.ties(s)] == ["LDTT"]
    with pytest.raises(PermissionDenied):
        ca.tie_decide(**ctx("officer_a"), session=s, form="LDTT", selected=[tied["ha"]], reason="x")
    with pytest.raises(ValidationError) as exc:
        ca.tie_decide(**ctx("m1"), session=s, form="LDTT", selected=[tied["ha"]], reason=" ")
    assert _fields(exc) == {"reason"}
    with pytest.raises(ValidationError) as exc:
        ca.tie_decide(**ctx("m1"), session=s, form="LDTT", selected=[tied["ha"], tied["minh"]], reason="x")
    assert "đúng 1 người" in _msg(exc)
    ca.tie_decide(**ctx("m1"), session=s, form="LDTT", selected=[tied["ha"]],
                  reason="Thành tích sáng kiến nổi bật hơn")
    assert Proposal.objects.get(pk=tied["ha"]).state == "passed"
    assert Proposal.objects.get(pk=tied["minh"]).state == "failed"
    assert Runoff.objects.get(pk=r.pk).state == Runoff.DONE
    assert Proposal.objects.get(pk=tied["ha"]).events.last().reason.startswith("Hội đồng quyết định")
    assert ca.ties(s) == []
    with pytest.raises(ValidationError) as exc:
        ca.tie_decide(**ctx("m1"), session=s, form="LDTT", selected=[tied["ha"]], reason="again")
    assert "không có hồ sơ bằng phiếu" in _msg(exc)


def test_no_second_ballot_before_the_first_is_closed(agenda, ctx):
    with pytest.raises(ValidationError) as exc:
        ca.runoff_open(**ctx("officer_a"), session=agenda["session"], form="LDTT")
    assert "đã kết thúc bỏ phiếu vòng một" in _msg(exc)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent inserts: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_second_ballot_per_member_when_ballots_arrive_together(tied, ctx):
    r = ca.runoff_open(**ctx("officer_a"), session=tied["session"], form="LDTT")
    barrier = threading.Barrier(10)
    outcomes = []

    def cast(i):
        try:
            barrier.wait()
            ca.runoff_cast(**ctx(f"m{i}"), runoff=r, picks=[tied["ha"]])
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
    assert outcomes.count("ok") == 5 and all("mỗi thành viên chỉ có một phiếu" in o for o in outcomes if o != "ok")
    assert RunoffReceipt.objects.filter(runoff=r).count() == 5
    assert Runoff.objects.get(pk=r.pk).ballots == 5
    assert r.candidates.get(nominee__proposal_id=tied["ha"]).votes == 5
