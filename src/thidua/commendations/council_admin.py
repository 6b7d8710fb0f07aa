"""What the council needs beyond the first ballot: removing members, and ties at a cap.

Members: `council.council_member_add` checks the composition as members arrive (one chair, one
secretary, the provincial vice-chairs); `council_member_remove` refuses while a session the member sits
in is under way, and only dates the removal (the minutes of past sessions name the member).

Ties (commendation-rules.md §1.3, `param.cap_tiebreak = "council_decides"`): when a cap binds and
nominees tie at its edge, the first ballot leaves them `tie`. The council either holds a second secret
ballot among them (`runoff_open` → `runoff_cast` / `runoff_paper` → `runoff_close`) with the same
secrecy and one-ballot rules as the first (a tally per candidate and the set of who has voted, never a
row per choice, choices kept out of the audit), or the chair records the council's decision with its
reason (`tie_decide`), also when the second ballot ties again. Then the result is final: the selected
nominees' proposals pass, the others fail as over the cap. The arithmetic is `thidua.rules.ballot`."""
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.commendations import permissions  # noqa: F401  (declares the permissions the services require)
from thidua.commendations.models import (
    Attendance,
    CouncilMember,
    Nominee,
    Proposal,
    ProposalEvent,
    Runoff,
    RunoffCandidate,
    RunoffReceipt,
    Session,
    SessionMember,
)
from thidua.commendations.services import form_label
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.rules import ballot as rb

MSG_REMOVED_ALREADY = "{name} đã thôi tham gia Hội đồng."
MSG_IN_SESSION = ("{name} đang là thành viên của phiên họp ngày {day} chưa kết thúc bỏ phiếu: không thể cho "
                  "thôi tham gia Hội đồng khi phiên họp đang diễn ra.")
MSG_NO_TIE = "{form}: không có hồ sơ bằng phiếu ở chỉ tiêu cần Hội đồng quyết định."
MSG_SESSION_NOT_CLOSED = "Chỉ giải quyết trường hợp bằng phiếu khi phiên họp đã kết thúc bỏ phiếu vòng một."
MSG_RUNOFF_OPEN = "{form}: đang bỏ phiếu vòng hai, chờ kết thúc."
MSG_RUNOFF_NOT_VOTING = "Vòng bỏ phiếu này không còn nhận phiếu."
MSG_RUNOFF_TOO_MANY = "Phiếu vòng hai chỉ được chọn tối đa {seats} người (số suất còn lại của chỉ tiêu)."
MSG_RUNOFF_UNKNOWN = "Phiếu vòng hai có người không nằm trong danh sách bằng phiếu."
MSG_NOT_MEMBER = "Bạn không phải thành viên Hội đồng này: không được bỏ phiếu."
MSG_NOT_VOTER = "Thư ký Hội đồng (không kiêm ủy viên) không biểu quyết."
MSG_NOT_PRESENT = "{name} không có mặt tại phiên họp: không được bỏ phiếu vòng hai."
MSG_SECOND_BALLOT = "{name} đã bỏ phiếu vòng hai: mỗi thành viên chỉ có một phiếu."
MSG_MISSING = "Còn {n} thành viên có mặt chưa bỏ phiếu vòng hai ({names}): cần ghi lý do để kết thúc."
MSG_DECIDE_COUNT = "Cần chọn đúng {seats} người trong số bằng phiếu (số suất còn lại của chỉ tiêu)."
MSG_DECIDE_REASON = "Cần ghi lý do quyết định của Hội đồng."
MSG_CHAIR_ONLY = "Chỉ Chủ tịch Hội đồng ghi quyết định của Hội đồng về trường hợp bằng phiếu."
MSG_SECRETARY_ONLY = "Chỉ Thư ký Hội đồng nhập phiếu giấy vòng hai."
MSG_PAPER_MEMBER = "Cần chọn thành viên đã nộp phiếu."


# --- members ---------------------------------------------------------------------------------------


@transaction.atomic
def council_member_remove(*, actor: Actor, scope: Scope, member: CouncilMember, reason: str = "") -> CouncilMember:
    """The member leaves the council. Refused while a session they sit in has not closed its vote."""
    m = CouncilMember.objects.select_for_update().select_related("council__unit").get(pk=member.pk)
    require(scope, "council.manage", m.council)
    if m.removed_at is not None:
        raise ValidationError({"member": MSG_REMOVED_ALREADY.format(name=m.full_name)})
    busy = (SessionMember.objects.filter(member=m).exclude(session__state="closed")
            .select_related("session").order_by("session__meets_on").first())
    if busy is not None:
        raise ValidationError({"member": MSG_IN_SESSION.format(name=m.full_name,
                                                               day=busy.session.meets_on.strftime("%d/%m/%Y"))})
    m.removed_at = timezone.now()
    m.save(update_fields=["removed_at"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=m.council, before={"member": m.full_name, "role": m.role},
                 after={"removed": m.full_name}, verb="council_member_remove",
                 reason=clean_text(reason or "", "reason", 2000).strip())
    return m


# --- ties at a cap -----------------------------------------------------------------------------------


def ties(session: Session) -> list[dict]:
    """Per form with nominees tied at its cap's edge: the places left, the tied nominees, the second
    ballot under way (if any). Read by the session page and the API."""
    if session.state != "closed":
        return []
    out = {}
    rows = list(session.nominees.filter(result="tie").select_related("proposal__proposing_unit").order_by("pk"))
    for n in rows:
        out.setdefault(n.proposal.form, []).append(n)
    found = []
    for form, nominees in out.items():
        runoff = session.runoffs.filter(form=form).exclude(state=Runoff.DONE).order_by("-pk").first()
        found.append({"form": form, "form_label": form_label(form), "seats": _seats(session, form),
                      "agree": nominees[0].agree, "nominees": nominees, "runoff": runoff,
                      "candidates": list(runoff.candidates.select_related("nominee__proposal")) if runoff else []})
    return found


def _seats(session: Session, form: str) -> int:
    cap = int((session.caps or {}).get(form, 0))
    selected = session.nominees.filter(proposal__form=form, result="passed").count()
    return rb.seats_left(cap, selected)


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("council", "round").get(pk=session.pk)


def _tied(s: Session, form: str) -> list[Nominee]:
    tied = list(s.nominees.filter(result="tie", proposal__form=form).select_related("proposal").order_by("pk"))
    if s.state != "closed":
        raise ValidationError(MSG_SESSION_NOT_CLOSED)
    if not tied:
        raise ValidationError({"form": MSG_NO_TIE.format(form=form_label(form))})
    return tied


@transaction.atomic
def runoff_open(*, actor: Actor, scope: Scope, session: Session, form: str) -> Runoff:
    """A second secret ballot among the nominees of `form` tied at its cap's edge, for the places left."""
    s = _locked_session(session)
    require(scope, "session.manage", s)
    tied = _tied(s, form)
    if s.runoffs.filter(form=form, state=Runoff.VOTING).exists():
        raise ValidationError({"form": MSG_RUNOFF_OPEN.format(form=form_label(form))})
    runoff = Runoff.objects.create(session=s, form=form, seats=_seats(s, form))
    RunoffCandidate.objects.bulk_create([RunoffCandidate(runoff=runoff, nominee=n) for n in tied])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, after={
        "session": s.pk, "runoff": runoff.pk, "form": form_label(form), "seats": runoff.seats,
        "tied": [n.proposal.subject_name for n in tied]}, verb="runoff_open")
    return runoff


def _locked_runoff(runoff: Runoff) -> Runoff:
    return Runoff.objects.select_for_update().select_related("session__council").get(pk=runoff.pk)


def _clean_picks(r: Runoff, picks) -> list[int]:
    ids = set(r.candidates.values_list("nominee__proposal_id", flat=True))
    chosen = set()
    for key in picks or []:
        try:
            pid = int(key)
        except (TypeError, ValueError):
            raise ValidationError({"picks": MSG_RUNOFF_UNKNOWN}) from None
        if pid not in ids:
            raise ValidationError({"picks": MSG_RUNOFF_UNKNOWN})
        chosen.add(pid)
    if not rb.runoff_ballot_ok(len(chosen), r.seats):
        raise ValidationError({"picks": MSG_RUNOFF_TOO_MANY.format(seats=r.seats)})
    return sorted(chosen)


def _voter(r: Runoff, member: CouncilMember | None) -> CouncilMember:
    if member is None or member.council_id != r.session.council_id:
        raise ValidationError({"member": MSG_NOT_MEMBER})
    if not member.votes:
        raise ValidationError({"member": MSG_NOT_VOTER})
    if not r.session.attendance.filter(member=member, status=Attendance.PRESENT).exists():
        raise ValidationError({"member": MSG_NOT_PRESENT.format(name=member.full_name)})
    return member


def _count(r: Runoff, member: CouncilMember, how: str, picks: list[int]) -> None:
    try:
        with transaction.atomic():
            RunoffReceipt.objects.create(runoff=r, member=member, how=how)
    except IntegrityError:
        raise ValidationError({"member": MSG_SECOND_BALLOT.format(name=member.full_name)}) from None
    if picks:
        RunoffCandidate.objects.filter(runoff=r, nominee__proposal_id__in=picks).update(votes=F("votes") + 1)
    Runoff.objects.filter(pk=r.pk).update(ballots=F("ballots") + 1)


@transaction.atomic
def runoff_cast(*, actor: Actor, scope: Scope, runoff: Runoff, picks: list) -> None:
    """The member's own second ballot: at most `seats` of the tied nominees (none is a blank ballot).
    Returns nothing and records nothing that says what was chosen by whom."""
    r = _locked_runoff(runoff)
    member = r.session.council.members.filter(user_id=scope.user_id).first() if scope.user_id else None
    if member is None:
        raise ValidationError({"member": MSG_NOT_MEMBER})
    if r.state != Runoff.VOTING:
        raise ValidationError(MSG_RUNOFF_NOT_VOTING)
    _voter(r, member)
    chosen = _clean_picks(r, picks)
    _count(r, member, "online", chosen)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=r.session.council,
                 after={"runoff": r.pk, "voted": member.full_name, "how": "online"}, verb="runoff_cast")


@transaction.atomic
def runoff_paper(*, actor: Actor, scope: Scope, runoff: Runoff, member: CouncilMember | None, picks: list) -> None:
    """The secretary enters a present member's paper ballot of the second round."""
    r = _locked_runoff(runoff)
    require(scope, "session.paper_ballots", r.session, MSG_SECRETARY_ONLY)
    if r.state != Runoff.VOTING:
        raise ValidationError(MSG_RUNOFF_NOT_VOTING)
    if member is None:
        raise ValidationError({"member": MSG_PAPER_MEMBER})
    _voter(r, member)
    chosen = _clean_picks(r, picks)
    _count(r, member, "paper", chosen)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=r.session.council,
                 after={"runoff": r.pk, "voted": member.full_name, "how": "paper"}, verb="runoff_paper")


def runoff_missing(runoff: Runoff) -> list[CouncilMember]:
    voted = set(runoff.receipts.values_list("member_id", flat=True))
    return [a.member for a in runoff.session.attendance.select_related("member")
            if a.status == Attendance.PRESENT and a.member.votes and a.member_id not in voted]


def _finish(actor: Actor, s: Session, results: dict[int, str], reason: str) -> None:
    """Make the tied nominees' results final: selected → passed, the others over the cap (failed)."""
    nominees = list(s.nominees.filter(pk__in=results).select_related("proposal"))
    events = []
    for n in nominees:
        n.result = "passed" if results[n.pk] == "selected" else "over_cap"
        p = n.proposal
        before, p.state = p.state, "passed" if n.result == "passed" else "failed"
        events.append(ProposalEvent(proposal=p, transition="pass" if p.state == "passed" else "fail",
                                    from_state=before, to_state=p.state, actor_label=actor.label, reason=reason))
    Nominee.objects.bulk_update(nominees, ["result"])
    Proposal.objects.bulk_update([n.proposal for n in nominees], ["state"])
    ProposalEvent.objects.bulk_create(events)


@transaction.atomic
def runoff_close(*, actor: Actor, scope: Scope, runoff: Runoff, reason: str = "") -> Runoff:
    """Count the second ballot. Where it still ties at the edge the runoff stays `tied` for the chair's
    recorded decision; otherwise the result is final."""
    r = _locked_runoff(runoff)
    require(scope, "session.manage", r.session)
    if r.state != Runoff.VOTING:
        raise ValidationError(MSG_RUNOFF_NOT_VOTING)
    reason = clean_text(reason or "", "reason", 2000).strip()
    missing = runoff_missing(r)
    if missing and not reason:
        raise ValidationError({"reason": MSG_MISSING.format(n=len(missing),
                                                            names=", ".join(m.full_name for m in missing))})
    candidates = list(r.candidates.all())
    out = rb.resolve_runoff([(str(c.nominee_id), c.votes) for c in candidates], r.seats)
    for c in candidates:
        c.result = out[str(c.nominee_id)]
    RunoffCandidate.objects.bulk_update(candidates, ["result"])
    r.close_reason = reason
    if any(c.result == "tie" for c in candidates):
        r.state = Runoff.TIED
        # those clearly in or out after the second ballot are final; the still tied wait for the decision
        clear = {c.nominee_id: c.result for c in candidates if c.result != "tie"}
        r.seats = r.seats - sum(1 for v in clear.values() if v == "selected")
        _finish(actor, r.session, clear, f"Bỏ phiếu vòng hai: {r.ballots} phiếu")
        Nominee.objects.filter(pk__in=[c.nominee_id for c in candidates if c.result == "tie"]).update(result="tie")
    else:
        r.state = Runoff.DONE
        _finish(actor, r.session, {c.nominee_id: c.result for c in candidates}, f"Bỏ phiếu vòng hai: {r.ballots} phiếu")
    r.save(update_fields=["state", "close_reason", "seats"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=r.session.council, after={
        "runoff": r.pk, "state": r.state, "ballots": r.ballots}, verb="runoff_close", reason=reason)
    return r


@transaction.atomic
def tie_decide(*, actor: Actor, scope: Scope, session: Session, form: str, selected: list, reason: str) -> Session:
    """The chair records the council's decision between the nominees of `form` still tied: exactly the
    places left, with the reason. The result is then final."""
    s = _locked_session(session)
    require(scope, "session.tie_decide", s, MSG_CHAIR_ONLY)
    tied = _tied(s, form)
    if s.runoffs.filter(form=form, state=Runoff.VOTING).exists():
        raise ValidationError({"form": MSG_RUNOFF_OPEN.format(form=form_label(form))})
    reason = clean_text(reason or "", "reason", 2000).strip()
    if not reason:
        raise ValidationError({"reason": MSG_DECIDE_REASON})
    seats = _seats(s, form)
    by_proposal = {n.proposal_id: n for n in tied}
    try:
        chosen = {int(x) for x in selected or []}
    except (TypeError, ValueError):
        raise ValidationError({"selected": MSG_RUNOFF_UNKNOWN}) from None
    if not chosen <= set(by_proposal):
        raise ValidationError({"selected": MSG_RUNOFF_UNKNOWN})
    if not rb.decision_ok(len(chosen), seats):
        raise ValidationError({"selected": MSG_DECIDE_COUNT.format(seats=seats)})
    _finish(actor, s, {n.pk: "selected" if pid in chosen else "over_cap" for pid, n in by_proposal.items()},
            f"Hội đồng quyết định: {reason}")
    s.runoffs.filter(form=form, state=Runoff.TIED).update(state=Runoff.DONE, decided_by=actor.label,
                                                          decision_reason=reason)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, after={
        "session": s.pk, "form": form_label(form),
        "selected": sorted(by_proposal[p].proposal.subject_name for p in chosen)}, verb="tie_decide", reason=reason)
    return s
