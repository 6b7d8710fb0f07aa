"""Councils, their sessions and the secret ballot.

Secrecy: a ballot adds one to the tally of each nominee (`Nominee.agree`/`reject`, no timestamp and no
history) and one receipt saying that the member has voted (`BallotReceipt`), in one transaction; the
choices are never written anywhere else — not in a row per voter, not in the audit (which records who
voted and how, never what), not in a log. The tallies are shown only once the vote is closed, so that
nobody watching the page between two ballots can read a choice from the change.

One ballot per member: the receipt's unique constraint (session, member) refuses the second one even
when two arrive at the same moment, and the session row is locked for the ballot's transaction so no
ballot lands after the close. The arithmetic (quorum, thresholds, caps) is in `thidua.rules.ballot`."""
import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.commendations.models import (
    VOTING_ROLES,
    Attendance,
    BallotReceipt,
    Council,
    CouncilMember,
    CouncilRole,
    Nominee,
    Proposal,
    ProposalEvent,
    Round,
    Session,
    SessionMember,
)
from thidua.commendations.services import form_label, posting_required
from thidua.commendations.workflows import PROPOSAL, SESSION
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.common.workflow import check_transition
from thidua.organizations.models import Unit
from thidua.rules import ballot as rb
from thidua.rules.authority import posting_for

MSG_COUNCIL_NAME = "Cần nhập tên Hội đồng."
MSG_MEMBER_ROLE = "Chức danh trong Hội đồng không hợp lệ."
MSG_MEMBER_TWICE = "{name} đã là thành viên của Hội đồng."
MSG_NO_MEMBERS = "Hội đồng chưa có thành viên có quyền biểu quyết."
MSG_ROLE_FULL = {
    "chair": "Hội đồng đã có Chủ tịch: mỗi Hội đồng chỉ có một Chủ tịch.",
    "secretary": "Hội đồng đã có Thư ký: mỗi Hội đồng chỉ có một Thư ký (hoặc Ủy viên kiêm Thư ký).",
    "vice_chair": "Hội đồng cấp tỉnh có từ 3 đến 4 Phó Chủ tịch (Nghị định 91/2017/NĐ-CP, Điều 63, khoản 2).",
}
MSG_INCOMPLETE = "Hội đồng chưa đủ thành phần để họp: {gaps}."
GAP_WORDS = {"chair": "thiếu Chủ tịch Hội đồng", "secretary": "thiếu Thư ký Hội đồng",
             "vice_chair": "cần thêm {n} Phó Chủ tịch", "voting": "cần thêm {n} thành viên biểu quyết"}


def composition_gaps(council: Council) -> list[str]:
    """What the council lacks before it may sit, in words (empty when complete)."""
    roles = list(council.members.filter(removed_at__isnull=True).values_list("role", flat=True))
    gaps = rb.composition_gaps(roles, province=council.unit.kind == "province")
    return [GAP_WORDS[k].format(n=n) for k, n in gaps.items()]
MSG_SESSION_ROUND = "Đợt khen thưởng không thuộc cấp của Hội đồng."
MSG_CAP = "Chỉ tiêu tối đa của {form} phải là số nguyên không âm, cho danh hiệu, hình thức của đợt."
MSG_NOT_PREPARING = "Chỉ thay đổi thành phần dự họp và danh sách xét khi phiên họp đang chuẩn bị."
MSG_ATTEND_UNKNOWN = "Có người không phải thành viên Hội đồng trong danh sách dự họp."
MSG_AGENDA_STATE = "{name}: chỉ đưa ra Hội đồng hồ sơ đã thẩm định (hoặc đã lấy ý kiến công khai)."
MSG_AGENDA_ROUND = "{name}: hồ sơ không thuộc đợt khen thưởng của phiên họp."
MSG_AGENDA_POSTING = ("{name}: {form} phải được đăng công khai lấy ý kiến đủ {days} ngày làm việc trước phiên "
                      "họp ({source}).")
MSG_AGENDA_EMPTY = "Chưa chọn hồ sơ nào để đưa ra Hội đồng."
MSG_NO_QUORUM = ("Chưa đủ số thành viên dự họp: có mặt {present}/{members}, cần ít nhất {need} "
                 "(từ 2/3 tổng số thành viên trở lên).")
MSG_EMPTY_AGENDA = "Phiên họp chưa có hồ sơ nào để bỏ phiếu."
MSG_NOT_VOTING_NOW = "Phiên họp không trong thời gian bỏ phiếu."
MSG_NOT_MEMBER = "Bạn không phải thành viên Hội đồng này: không được bỏ phiếu."
MSG_NOT_VOTER = "Thư ký Hội đồng (không kiêm ủy viên) không biểu quyết."
MSG_ABSENT = "{name} không có mặt tại phiên họp: không được bỏ phiếu trực tiếp."
MSG_SECOND_BALLOT = "{name} đã bỏ phiếu trong phiên họp này: mỗi thành viên chỉ có một phiếu."
MSG_BALLOT_CHOICE = "Phiếu bầu không hợp lệ: mỗi hồ sơ chỉ chọn “Đồng ý” hoặc “Không đồng ý”."
MSG_BALLOT_NOMINEE = "Phiếu bầu có hồ sơ không nằm trong danh sách xét của phiên họp."
MSG_BALLOT_COUNT = "Số phiếu nhập ({ballots}) phải bằng số thành viên đã chọn ({members})."
MSG_WRITTEN_NOT_ALLOWED = "{name} không được ghi nhận ý kiến bằng văn bản (chỉ thành viên vắng mặt có văn bản)."
MSG_MISSING_BALLOTS = ("Còn {n} thành viên có mặt chưa bỏ phiếu ({names}): cần ghi lý do để kết thúc bỏ phiếu.")
MSG_SECRETARY_ONLY = "Chỉ Thư ký Hội đồng nhập phiếu giấy và ý kiến bằng văn bản."

CHOICES = ("agree", "reject", "")


# --- councils ---------------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, actor: Actor, scope: Scope, unit: Unit, name: str, term: str = "") -> Council:
    council = Council(unit=unit)
    require(scope, "council.manage", council)
    name = clean_text(name or "", "name", 255).strip()
    if not name:
        raise ValidationError({"name": MSG_COUNCIL_NAME})
    council.name, council.term = name, clean_text(term or "", "term", 40).strip()
    council.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=council, after={"name": name}, verb="council_create")
    return council


@transaction.atomic
def council_member_add(*, actor: Actor, scope: Scope, council: Council, user, role: str,
                       full_name: str = "") -> CouncilMember:
    require(scope, "council.manage", council)
    if role not in CouncilRole.values:
        raise ValidationError({"role": MSG_MEMBER_ROLE})
    name = clean_text(full_name or "", "full_name", 255).strip() or user.get_full_name() or user.username
    Council.objects.select_for_update().filter(pk=council.pk).first()   # one change of membership at a time
    old = council.members.filter(user=user).first()
    if old is not None and old.removed_at is None:
        raise ValidationError({"user": MSG_MEMBER_TWICE.format(name=name)})
    roles = list(council.members.filter(removed_at__isnull=True).values_list("role", flat=True))
    full = rb.role_room(roles, role, province=council.unit.kind == "province")
    if full:
        raise ValidationError({"role": MSG_ROLE_FULL[full]})
    if old is not None:   # a member who left and comes back: the same row (the minutes of past sessions name it)
        old.role, old.full_name, old.removed_at = role, name, None
        old.save(update_fields=["role", "full_name", "removed_at"])
        member = old
    else:
        member = CouncilMember.objects.create(council=council, user=user, role=role, full_name=name)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=council, after={"member": name, "role": role},
                 verb="council_member_add")
    return member


# --- sessions ---------------------------------------------------------------------------------------


def voting_members(council: Council) -> list[CouncilMember]:
    return [m for m in council.members.filter(removed_at__isnull=True) if m.role in VOTING_ROLES]


def _clean_caps(caps: dict | None, round: Round) -> dict:
    """Where a cap binds (LR §2.7, e.g. CSTĐ cấp bộ chosen among the best), the most the council may pass."""
    out = {}
    for form, value in (caps or {}).items():
        if value in (None, ""):
            continue
        try:
            n = int(value)
        except (TypeError, ValueError):
            n = -1
        if form not in round.forms or n < 0 or n > 100000:
            raise ValidationError({"caps": MSG_CAP.format(form=form_label(form))})
        out[form] = n
    return out


@transaction.atomic
def session_create(*, actor: Actor, scope: Scope, council: Council, round: Round,
                   meets_on: datetime.date, caps: dict | None = None) -> Session:
    session = Session(council=council, round=round, meets_on=meets_on)
    require(scope, "council.manage", council)
    if not round.unit.path.startswith(council.unit.path):
        raise ValidationError({"round": MSG_SESSION_ROUND})
    session.caps = _clean_caps(caps, round)
    members = voting_members(council)
    if not members:
        raise ValidationError({"council": MSG_NO_MEMBERS})
    gaps = composition_gaps(council)
    if gaps:
        raise ValidationError({"council": MSG_INCOMPLETE.format(gaps="; ".join(gaps))})
    session.members_total = len(members)
    session.state = SESSION.initial
    session.save()
    SessionMember.objects.bulk_create([SessionMember(session=session, member=m)
                                       for m in council.members.filter(removed_at__isnull=True)])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=session.council, after={
        "session": session.pk, "round": round.pk, "meets_on": meets_on.isoformat()}, verb="session_create")
    return session


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("council", "round").get(pk=session.pk)


@transaction.atomic
def session_attendance_set(*, actor: Actor, scope: Scope, session: Session, present: list[int],
                           written: list[int] = ()) -> Session:
    """Who attends (member ids), and which absent members sent a written opinion."""
    s = _locked(session)
    require(scope, "session.manage", s)
    if s.state != "preparing":
        raise ValidationError(MSG_NOT_PREPARING)
    present, written = {int(x) for x in present}, {int(x) for x in written} - {int(x) for x in present}
    rows = {r.member_id: r for r in s.attendance.select_related("member")}
    if not (present | written) <= set(rows):
        raise ValidationError({"present": MSG_ATTEND_UNKNOWN})
    if not rb.ABSENTEE_WRITTEN_OPINION:
        written = set()
    for mid, row in rows.items():
        row.status = Attendance.PRESENT if mid in present else Attendance.WRITTEN if mid in written \
            else Attendance.ABSENT
    SessionMember.objects.bulk_update(list(rows.values()), ["status"])
    s.present = sum(1 for r in rows.values() if r.status == Attendance.PRESENT and r.member.votes)
    s.save(update_fields=["present"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, after={
        "session": s.pk, "present": sorted(present), "written": sorted(written)}, verb="session_attendance")
    return s


@transaction.atomic
def session_agenda_add(*, actor: Actor, scope: Scope, session: Session, proposals: list[Proposal]) -> int:
    s = _locked(session)
    require(scope, "session.manage", s)
    if s.state != "preparing":
        raise ValidationError(MSG_NOT_PREPARING)
    if not proposals:
        raise ValidationError({"proposals": MSG_AGENDA_EMPTY})
    locked = list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals])
                  .prefetch_related("postings"))
    for p in locked:
        if p.round_id != s.round_id:
            raise ValidationError({"proposals": MSG_AGENDA_ROUND.format(name=p.subject_name)})
        if p.state not in ("appraised", "posted"):
            raise ValidationError({"proposals": MSG_AGENDA_STATE.format(name=p.subject_name)})
        if posting_required(p.form) and not p.simplified_ground:
            rule = posting_for(p.form)
            if not any(post.ends_on < s.meets_on and post.working_days >= rule.working_days
                       for post in p.postings.all()):
                raise ValidationError({"proposals": MSG_AGENDA_POSTING.format(
                    name=p.subject_name, form=form_label(p.form), days=rule.working_days, source=rule.source)})
    events = []
    for p in locked:
        move = check_transition(PROPOSAL, "schedule", scope=scope, obj=p, state=p.state)
        before, p.state = p.state, move.target
        events.append(ProposalEvent(proposal=p, transition="schedule", from_state=before, to_state=p.state,
                                    actor_label=actor.label))
    Proposal.objects.bulk_update(locked, ["state"])
    ProposalEvent.objects.bulk_create(events)
    Nominee.objects.bulk_create([Nominee(session=s, proposal=p) for p in locked])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, after={
        "session": s.pk, "agenda_added": [p.pk for p in locked]}, verb="session_agenda")
    return len(locked)


def quorum_need(members: int) -> int:
    q = rb.QUORUM
    return -(-members * q.numerator // q.denominator)


@transaction.atomic
def session_transition(*, actor: Actor, scope: Scope, session: Session, transition: str,
                       reason: str = "") -> Session:
    """open_vote (needs quorum and an agenda); close_vote (every present member has voted, or a reason),
    which computes each nominee's result and moves its proposal to passed or failed."""
    s = _locked(session)
    reason = clean_text(reason or "", "reason", 2000).strip()
    move = check_transition(SESSION, transition, scope=scope, obj=s, state=s.state)
    if move.name == "open_vote":
        if not rb.has_quorum(s.present, s.members_total):
            raise ValidationError(MSG_NO_QUORUM.format(present=s.present, members=s.members_total,
                                                       need=quorum_need(s.members_total)))
        if not s.nominees.exists():
            raise ValidationError(MSG_EMPTY_AGENDA)
    if move.name == "close_vote":
        missing = missing_voters(s)
        if missing and not reason:
            raise ValidationError({"reason": MSG_MISSING_BALLOTS.format(
                n=len(missing), names=", ".join(m.full_name for m in missing))})
        s.close_reason = reason
        _decide(actor, s)
    before, s.state = s.state, move.target
    s.save(update_fields=["state", "close_reason"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, before={"state": before},
                 after={"session": s.pk, "state": s.state, "ballots": s.ballots}, verb=f"session_{move.name}",
                 reason=reason)
    return s


def missing_voters(session: Session) -> list[CouncilMember]:
    voted = set(session.receipts.values_list("member_id", flat=True))
    return [r.member for r in session.attendance.select_related("member")
            if r.status == Attendance.PRESENT and r.member.votes and r.member_id not in voted]


def _decide(actor: Actor, s: Session) -> None:
    nominees = list(s.nominees.select_related("proposal"))
    by_form: dict[str, list[Nominee]] = {}
    for n in nominees:
        passed = rb.passes(n.agree, s.members_total, rb.threshold_for(n.proposal.form))
        n.result = "passed" if passed else "failed"
        if passed:
            by_form.setdefault(n.proposal.form, []).append(n)
    for form, passed in by_form.items():
        cap = (s.caps or {}).get(form)
        if cap is None:
            continue
        picked = rb.select_within_cap([(str(n.pk), n.agree) for n in passed], int(cap))
        for n in passed:
            n.result = {"selected": "passed", "over_cap": "over_cap", "tie": "tie"}[picked[str(n.pk)]]
    Nominee.objects.bulk_update(nominees, ["result"])
    events, props = [], []
    for n in nominees:
        p = n.proposal
        if n.result == "tie":
            continue   # the council decides between tied nominees (param.cap_tiebreak)
        before = p.state
        p.state = "passed" if n.result == "passed" else "failed"
        props.append(p)
        events.append(ProposalEvent(proposal=p, transition="pass" if p.state == "passed" else "fail",
                                    from_state=before, to_state=p.state, actor_label=actor.label,
                                    reason=f"Đồng ý {n.agree}/{s.members_total}"))
    Proposal.objects.bulk_update(props, ["state"])
    ProposalEvent.objects.bulk_create(events)


# --- the ballot -------------------------------------------------------------------------------------


def _clean_choices(session: Session, choices: dict) -> tuple[set[int], set[int]]:
    ids = set(session.nominees.values_list("proposal_id", flat=True))
    agree, reject = set(), set()
    for key, value in (choices or {}).items():
        try:
            pid = int(key)
        except (TypeError, ValueError):
            raise ValidationError({"choices": MSG_BALLOT_NOMINEE}) from None
        if pid not in ids:
            raise ValidationError({"choices": MSG_BALLOT_NOMINEE})
        if value not in CHOICES:
            raise ValidationError({"choices": MSG_BALLOT_CHOICE})
        (agree if value == "agree" else reject if value == "reject" else set()).add(pid)
    return agree, reject


def _tally(session: Session, agree: set[int], reject: set[int]) -> None:
    if agree:
        Nominee.objects.filter(session=session, proposal_id__in=agree).update(agree=F("agree") + 1)
    if reject:
        Nominee.objects.filter(session=session, proposal_id__in=reject).update(reject=F("reject") + 1)


def _receipt(session: Session, member: CouncilMember, how: str) -> None:
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(session=session, member=member, how=how)
    except IntegrityError:
        raise ValidationError(MSG_SECOND_BALLOT.format(name=member.full_name)) from None


@transaction.atomic
def ballot_cast(*, actor: Actor, scope: Scope, session: Session, choices: dict) -> None:
    """The member's own ballot, from a phone or a PC: one choice per nominee (blank allowed, counted in
    the base). Returns nothing, and records nothing that says what was chosen by whom."""
    s = _locked(session)
    member = s.council.members.filter(user_id=scope.user_id).first() if scope.user_id else None
    if member is None:
        raise ValidationError(MSG_NOT_MEMBER)
    if s.state != "voting":
        raise ValidationError(MSG_NOT_VOTING_NOW)
    if not member.votes:
        raise ValidationError(MSG_NOT_VOTER)
    if not s.attendance.filter(member=member, status=Attendance.PRESENT).exists():
        raise ValidationError(MSG_ABSENT.format(name=member.full_name))
    agree, reject = _clean_choices(s, choices)
    _receipt(s, member, BallotReceipt.ONLINE)
    _tally(s, agree, reject)
    Session.objects.filter(pk=s.pk).update(ballots=F("ballots") + 1)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council,
                 after={"session": s.pk, "voted": member.full_name, "how": BallotReceipt.ONLINE},
                 verb="ballot_cast")


@transaction.atomic
def ballots_enter(*, actor: Actor, scope: Scope, session: Session, members: list[CouncilMember],
                  ballots: list[dict], how: str = BallotReceipt.PAPER) -> int:
    """The secretary enters the paper ballots of present members, or the written opinions of absent
    members (`how="written"`): the members are marked as having voted and the ballots, taken from the
    box in any order, are added to the tallies without any link to them."""
    s = _locked(session)
    require(scope, "session.paper_ballots", s, MSG_SECRETARY_ONLY)
    if s.state != "voting":
        raise ValidationError(MSG_NOT_VOTING_NOW)
    if len(ballots) != len(members) or not members:
        raise ValidationError({"ballots": MSG_BALLOT_COUNT.format(ballots=len(ballots), members=len(members))})
    status = dict(s.attendance.values_list("member_id", "status"))
    for m in members:
        if m.council_id != s.council_id:
            raise ValidationError({"members": MSG_NOT_MEMBER})
        if not m.votes:
            raise ValidationError({"members": MSG_NOT_VOTER})
        wanted = Attendance.WRITTEN if how == BallotReceipt.WRITTEN else Attendance.PRESENT
        if status.get(m.pk) != wanted:
            msg = MSG_WRITTEN_NOT_ALLOWED if how == BallotReceipt.WRITTEN else MSG_ABSENT
            raise ValidationError({"members": msg.format(name=m.full_name)})
    cleaned = [_clean_choices(s, b) for b in ballots]
    for m in members:
        _receipt(s, m, how)
    for agree, reject in cleaned:
        _tally(s, agree, reject)
    Session.objects.filter(pk=s.pk).update(ballots=F("ballots") + len(members))
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, after={
        "session": s.pk, "voted": sorted(m.full_name for m in members), "how": how, "count": len(members)},
        verb="ballots_enter")
    return len(members)


# --- reads ------------------------------------------------------------------------------------------


def session_result(session: Session) -> dict:
    """The plain data the minutes (biên bản kiểm phiếu) and the decision are drafted from: members,
    attendance, ballots, and per nominee the tally against its form's threshold. Tallies exist only
    once the vote is closed."""
    s = Session.objects.select_related("council__unit", "round").get(pk=session.pk)
    closed = s.state == "closed"
    attendance = list(s.attendance.select_related("member"))
    rows = []
    # plain values (no model instances, no frozen answers decoded): the council's page of 200 nominees
    for n in s.nominees.order_by("pk").values("proposal_id", "proposal__subject_name", "proposal__form",
                                             "proposal__proposing_unit__name", "proposal__person_id",
                                             "proposal__collective_id", "agree", "reject", "result"):
        form = n["proposal__form"]
        th = rb.threshold_for(form)
        rows.append({
            "proposal": n["proposal_id"], "name": n["proposal__subject_name"], "form": form,
            "form_label": form_label(form), "unit": n["proposal__proposing_unit__name"],
            "person": n["proposal__person_id"], "collective": n["proposal__collective_id"],
            "agree": n["agree"] if closed else None, "reject": n["reject"] if closed else None,
            "blank": (s.ballots - n["agree"] - n["reject"]) if closed else None,
            "required": rb.required_votes(s.members_total, th), "threshold": th.words(), "source": th.source,
            "result": n["result"] if closed else "",
        })
    return {
        "council": s.council.name, "unit": s.council.unit.name, "round": s.round.name, "year": s.round.year,
        "meets_on": s.meets_on, "state": s.state, "members_total": s.members_total,
        "members": [{"name": r.member.full_name, "role": r.member.get_role_display(), "attendance": r.status}
                    for r in attendance],
        "present": s.present,
        "written": sum(1 for r in attendance if r.status == Attendance.WRITTEN and r.member.votes),
        "ballots": s.ballots, "close_reason": s.close_reason, "quorum_need": quorum_need(s.members_total),
        "nominees": rows, "passed": [r for r in rows if r["result"] == "passed"],
    }
