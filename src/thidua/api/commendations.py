"""The commendation pipeline over REST: rounds, proposals (one, or everyone eligible), routing, council
sessions and the secret ballot. Thin handlers: parse, call one service or selector, answer."""
import datetime
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status

from thidua.api import helpers as h
from thidua.api.documents import MSG_UNKNOWN_SIGNER
from thidua.api.schemas import ERRORS, In
from thidua.commendations import council as cs
from thidua.commendations import decisions as dec
from thidua.commendations import selectors as sel
from thidua.commendations import services as svc
from thidua.commendations.models import CouncilMember, Proposal, RoundKind
from thidua.commendations.workflows import PROPOSAL, ROUND, SESSION
from thidua.common.errors import MSG_NOT_FOUND
from thidua.people.selectors import person_get_for_user
from thidua.records.codes import ALL as FORM_NAMES
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

CODES = sorted(FORM_NAMES)

router = Router(tags=["commendations"])

FormCode = Field(..., min_length=1, max_length=20, description="mã danh hiệu, hình thức (LDTT, CSTDCS, BK_BO…)")


class RoundIn(In):
    unit: str = Field(..., min_length=1, max_length=40, description="mã đơn vị (cấp tổ chức đợt)")
    name: str = Field(..., min_length=1, max_length=255)
    kind: Literal["year_end", "thematic", "ad_hoc", "service"]
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    forms: list[str] = Field(..., min_length=1, max_length=30)
    deadline: datetime.date | None = None
    deadline_working_days: int | None = Field(None, ge=1, le=120)


class RoundOut(Schema):
    id: int
    unit: str
    name: str
    kind: str
    year: int
    forms: list[str]
    opens_on: datetime.date
    deadline: datetime.date
    deadline_working_days: int | None
    state: str
    state_label: str


class ReasonBody(In):
    reason: str = Field("", max_length=2000)
    reason_code: str = Field("", max_length=20, description="lý do trả lại: wrong_subject, criteria_unmet, "
                                                            "dossier_incomplete, wrong_route, violation, hold")


class MinutesIn(In):
    """The unit's meeting that reviewed the proposal: agree ≤ present ≤ total."""

    total: int = Field(..., ge=1, le=10000)
    present: int = Field(..., ge=0, le=10000)
    agree: int = Field(..., ge=0, le=10000)
    date: datetime.date | None = None


class ProposalIn(In):
    unit: str = Field(..., min_length=1, max_length=40, description="mã đơn vị đề nghị")
    form: str = FormCode
    person_id: int | None = Field(None, ge=1)
    collective: str | None = Field(None, max_length=40, description="mã đơn vị được đề nghị (tập thể)")
    report: str = Field("", max_length=20000)
    minutes: MinutesIn | None = None
    simplified_ground: str = Field("", max_length=20)


class BulkIn(In):
    unit: str = Field(..., min_length=1, max_length=40)
    forms: list[str] = Field(..., min_length=1, max_length=10)


class Skipped(Schema):
    name: str
    form: str
    reason: str


class BulkOut(Schema):
    created: int
    skipped: list[Skipped]


class ProposalOut(Schema):
    id: int
    round: int
    subject_name: str
    person_id: int | None
    collective: str | None
    proposing_unit: str
    form: str
    year: int
    state: str
    state_label: str
    regime: str
    eligible: bool | None
    forwarded_to: str


class Vote(In):
    proposal: int = Field(..., ge=1, le=2**31 - 1, description="mã hồ sơ trong danh sách xét")
    choice: Literal["agree", "reject", ""] = Field(..., description="agree: đồng ý; reject: không đồng ý; rỗng: "
                                                                   "không ghi ý kiến")


class BallotIn(In):
    votes: list[Vote] = Field(..., max_length=2000)


class MemberOut(Schema):
    id: int
    full_name: str
    role: str
    votes: bool


class CouncilOut(Schema):
    id: int
    unit: str
    name: str
    term: str
    members: list[MemberOut]


class SessionIn(In):
    council: int = Field(..., ge=1, le=2**31 - 1)
    round: int = Field(..., ge=1, le=2**31 - 1)
    meets_on: datetime.date
    caps: dict[Literal[tuple(CODES)], int] = Field(default_factory=dict, description="chỉ tiêu tối đa theo danh "
                                                                                    "hiệu, hình thức (nếu có)")


class AttendanceIn(In):
    present: list[int] = Field(..., max_length=200, description="mã thành viên có mặt")
    written: list[int] = Field([], max_length=200, description="mã thành viên vắng mặt có ý kiến bằng văn bản")


class AgendaIn(In):
    proposals: list[int] = Field(..., min_length=1, max_length=2000)


class PaperBallotsIn(In):
    how: Literal["paper", "written"] = "paper"
    members: list[int] = Field(..., min_length=1, max_length=200, description="mã thành viên đã nộp phiếu")
    ballots: list[BallotIn] = Field(..., min_length=1, max_length=200, description="các phiếu, không theo thứ tự "
                                                                                  "thành viên")


class NomineeOut(Schema):
    proposal: int
    name: str
    form: str
    form_label: str
    unit: str
    agree: int | None
    reject: int | None
    blank: int | None
    required: int
    threshold: str
    source: str
    result: str


class SessionOut(Schema):
    id: int
    council: str
    round: str
    year: int
    meets_on: datetime.date
    state: str
    state_label: str
    members_total: int
    present: int
    written: int
    ballots: int
    quorum_need: int
    close_reason: str
    nominees: list[NomineeOut]


def _round_out(r) -> dict:
    return {"id": r.pk, "unit": r.unit.code, "name": r.name, "kind": r.kind, "year": r.year, "forms": r.forms,
            "opens_on": r.opens_on, "deadline": r.deadline, "deadline_working_days": r.deadline_working_days,
            "state": r.state, "state_label": ROUND.states[r.state]}


def _proposal_out(p) -> dict:
    return {"id": p.pk, "round": p.round_id, "subject_name": p.subject_name, "person_id": p.person_id,
            "collective": p.collective.code if p.collective_id else None, "proposing_unit": p.proposing_unit.code,
            "form": p.form, "year": p.year, "state": p.state, "state_label": PROPOSAL.states[p.state],
            "regime": p.regime, "eligible": ((p.answer or {}).get("answer") or {}).get("eligible"),
            "forwarded_to": p.forwarded_to}


def _session_out(s) -> dict:
    r = cs.session_result(s)
    return {"id": s.pk, "council": r["council"], "round": r["round"], "year": r["year"], "meets_on": r["meets_on"],
            "state": r["state"], "state_label": SESSION.states[r["state"]], "members_total": r["members_total"],
            "present": r["present"], "written": r["written"], "ballots": r["ballots"],
            "quorum_need": r["quorum_need"], "close_reason": r["close_reason"], "nominees": r["nominees"]}


@router.get("/rounds", response={200: list[RoundOut], **ERRORS})
def list_rounds(request):
    return [_round_out(r) for r in sel.round_list_for_user(h.scope(request))]


@router.post("/rounds", response={201: RoundOut, **ERRORS})
def create_round(request, payload: RoundIn):
    unit = h.unit_by_code(payload.unit, "unit")
    r = svc.round_create(actor=h.actor(request), scope=h.scope(request), unit=unit, name=payload.name,
                         kind=RoundKind(payload.kind), year=payload.year, forms=payload.forms,
                         deadline=payload.deadline, deadline_working_days=payload.deadline_working_days)
    return Status(201, _round_out(r))


@router.get("/rounds/{int:round_id}/proposals", response={200: list[ProposalOut], **ERRORS})
def list_proposals(request, round_id: int):
    scope = h.scope(request)
    rnd = sel.round_get_for_user(scope, round_id)
    return [_proposal_out(p) for p in sel.proposal_list_for_round(scope, rnd).select_related("collective")]


@router.post("/rounds/{int:round_id}/proposals", response={201: ProposalOut, **ERRORS})
def create_proposal(request, round_id: int, payload: ProposalIn):
    scope = h.scope(request)
    rnd = sel.round_get_for_user(scope, round_id)
    person = person_get_for_user(scope, payload.person_id) if payload.person_id else None
    p = svc.proposal_create(actor=h.actor(request), scope=scope, round=rnd,
                            proposing_unit=h.unit_by_code(payload.unit, "unit"), form=payload.form, person=person,
                            collective=h.unit_by_code(payload.collective, "collective"), report=payload.report,
                            minutes=payload.minutes.model_dump() if payload.minutes else None,
                            simplified_ground=payload.simplified_ground)
    return Status(201, _proposal_out(p))


@router.post("/rounds/{int:round_id}/proposals/bulk", response={200: BulkOut, **ERRORS})
def bulk_proposals(request, round_id: int, payload: BulkIn):
    """Everyone of the unit the engine finds eligible for each form, in one action."""
    scope = h.scope(request)
    rnd = sel.round_get_for_user(scope, round_id)
    return svc.proposal_bulk_create(actor=h.actor(request), scope=scope, round=rnd,
                                    proposing_unit=h.unit_by_code(payload.unit, "unit"), forms=payload.forms)


@router.post("/rounds/{int:round_id}/{transition}", response={200: RoundOut, **ERRORS})
def move_round(request, round_id: int, transition: Literal["publish", "close", "reopen"], payload: ReasonBody):
    scope = h.scope(request)
    r = svc.round_transition(actor=h.actor(request), scope=scope, round=sel.round_get_for_user(scope, round_id),
                             transition=transition, reason=payload.reason)
    return _round_out(r)


@router.get("/proposals/{int:proposal_id}", response={200: ProposalOut, **ERRORS})
def get_proposal(request, proposal_id: int):
    return _proposal_out(sel.proposal_get_for_user(h.scope(request), proposal_id))


@router.post("/proposals/{int:proposal_id}/{transition}", response={200: ProposalOut, **ERRORS})
def move_proposal(request, proposal_id: int,
                  transition: Literal["receive", "return", "resubmit", "withdraw", "appraise", "forward"],
                  payload: ReasonBody):
    scope = h.scope(request)
    p = svc.proposal_transition(actor=h.actor(request), scope=scope,
                                proposal=sel.proposal_get_for_user(scope, proposal_id), transition=transition,
                                reason=payload.reason, reason_code=payload.reason_code)
    return _proposal_out(p)


@router.get("/sessions/{int:session_id}", response={200: SessionOut, **ERRORS})
def get_session(request, session_id: int):
    """Tallies are given only once the vote is closed."""
    return _session_out(sel.session_get_for_user(h.scope(request), session_id))


@router.post("/sessions/{int:session_id}/ballot", response={204: None, **ERRORS})
def cast_ballot(request, session_id: int, payload: BallotIn):
    scope = h.scope(request)
    cs.ballot_cast(actor=h.actor(request), scope=scope, session=sel.session_get_for_user(scope, session_id),
                   choices={str(v.proposal): v.choice for v in payload.votes})
    return Status(204, None)


@router.get("/councils", response={200: list[CouncilOut], **ERRORS})
def list_councils(request):
    return [{"id": c.pk, "unit": c.unit.code, "name": c.name, "term": c.term,
             "members": [{"id": m.pk, "full_name": m.full_name, "role": m.role, "votes": m.votes}
                         for m in c.members.all()]}
            for c in sel.council_list_for_user(h.scope(request))]


@router.post("/sessions", response={201: SessionOut, **ERRORS})
def create_session(request, payload: SessionIn):
    scope = h.scope(request)
    council = next((c for c in sel.council_list_for_user(scope) if c.pk == payload.council), None)
    if council is None:
        raise Http404(MSG_NOT_FOUND)
    s = cs.session_create(actor=h.actor(request), scope=scope, council=council,
                          round=sel.round_get_for_user(scope, payload.round), meets_on=payload.meets_on,
                          caps=payload.caps)
    return Status(201, _session_out(s))


@router.post("/sessions/{int:session_id}/attendance", response={200: SessionOut, **ERRORS})
def set_attendance(request, session_id: int, payload: AttendanceIn):
    scope = h.scope(request)
    s = cs.session_attendance_set(actor=h.actor(request), scope=scope,
                                  session=sel.session_get_for_user(scope, session_id), present=payload.present,
                                  written=payload.written)
    return _session_out(s)


@router.post("/sessions/{int:session_id}/agenda", response={200: SessionOut, **ERRORS})
def add_to_agenda(request, session_id: int, payload: AgendaIn):
    scope = h.scope(request)
    s = sel.session_get_for_user(scope, session_id)
    cs.session_agenda_add(actor=h.actor(request), scope=scope, session=s,
                          proposals=list(Proposal.objects.filter(round=s.round, pk__in=payload.proposals)))
    return _session_out(s)


@router.post("/sessions/{int:session_id}/paper-ballots", response={204: None, **ERRORS})
def enter_paper_ballots(request, session_id: int, payload: PaperBallotsIn):
    """The secretary: paper ballots of present members, or written opinions of absent members."""
    scope = h.scope(request)
    s = sel.session_get_for_user(scope, session_id)
    found = {m.pk: m for m in CouncilMember.objects.filter(council=s.council, pk__in=payload.members)}
    members = [found[m] for m in payload.members if m in found]
    if len(members) != len(payload.members):
        raise ValidationError({"members": cs.MSG_NOT_MEMBER})
    cs.ballots_enter(actor=h.actor(request), scope=scope, session=s, members=members, how=payload.how,
                     ballots=[{str(v.proposal): v.choice for v in b.votes} for b in payload.ballots])
    return Status(204, None)


@router.post("/sessions/{int:session_id}/{transition}", response={200: SessionOut, **ERRORS})
def move_session(request, session_id: int, transition: Literal["open_vote", "close_vote"], payload: ReasonBody):
    scope = h.scope(request)
    s = cs.session_transition(actor=h.actor(request), scope=scope,
                              session=sel.session_get_for_user(scope, session_id), transition=transition,
                              reason=payload.reason)
    return _session_out(s)


# creating a council (api/commendations_council.py) lives on this router: the path is GET /councils's
from thidua.api import commendations_council as _council_api  # noqa: E402

router.post("/councils", response={201: _council_api.CouncilOut, **ERRORS})(_council_api.create_council)
# --- decisions, certificates, bonuses, revocation, the session's papers -----------------------------

class DecisionDraftIn(In):
    session: int = Field(..., ge=1, le=2**31 - 1, description="mã phiên họp đã kết thúc bỏ phiếu")
    proposals: list[int] | None = Field(None, max_length=2000, description="mã các hồ sơ đã được Hội đồng thông "
                                        "qua; bỏ trống: tất cả hồ sơ cấp này có thẩm quyền quyết định")


class SignerIn(In):
    signer: str = Field(..., min_length=1, max_length=150, description="tên đăng nhập của lãnh đạo ký")
    signed_on: datetime.date | None = Field(None, description="ngày ký (mặc định hôm nay, không sau hôm nay)")


class BonusIn(In):
    date: datetime.date | None = Field(None, description="ngày chi (mặc định hôm nay, trong năm của sổ quỹ)")
    amounts: dict[str, int] = Field(default_factory=dict, description="số tiền nhập tay theo mã dòng (đồng); phải "
                                    "khớp bảng tiền thưởng; bỏ trống: tính theo bảng")


class RevokeIn(SignerIn):
    grounds_code: Literal["fraud", "forged", "unlawful", "violation"] = Field(
        ..., description="căn cứ hủy bỏ (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2)")
    grounds: str = Field(..., min_length=1, max_length=2000, description="lý do, văn bản kết luận")
    rows: list[int] | None = Field(None, max_length=2000, description="mã các dòng bị hủy bỏ; bỏ trống: cả quyết định")


class DecisionRowOut(Schema):
    id: int
    name: str
    unit: str
    form: str
    form_label: str
    achievement: str
    golden_book: str
    bonus: int | None
    paid: bool
    revoked: bool


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: datetime.date | None
    summary: str
    issuer: str
    state: str
    state_label: str
    document_id: int
    revokes: int | None
    grounds: str
    bonus_due: int
    bonus_paid: int
    rows: list[DecisionRowOut]
    flagged: list[dict]


class CertificatesOut(Schema):
    jobs: list[int]
    progress: list[str]


class PaperOut(Schema):
    document_id: int
    title: str
    summary: str


def _decision_out(d) -> dict:
    d = sel.Decision.objects.select_related("document", "issuer").get(pk=d.pk)
    bonus = {r["award"].pk: r for r in dec.bonus_rows(d)} if d.document.is_signed and not d.revokes_id else {}
    rows = []
    for a in d.awards.all():
        rows.append({"id": a.pk, "name": a.name, "unit": a.unit_name, "form": a.form, "form_label": svc.form_label(a.form),
                     "achievement": a.achievement,
                     "golden_book": f"{a.golden_book:03d}/{a.golden_book_year}" if a.golden_book else "",
                     "bonus": a.bonus if a.payment_id else (bonus.get(a.pk) or {}).get("amount"),
                     "paid": a.payment_id is not None, "revoked": a.revoked_by_id is not None})
    return {"id": d.pk, "number": d.document.number_label if d.document.number else "", "signed_on": d.document.signed_on,
            "summary": d.document.summary, "issuer": d.issuer.name, "state": d.state,
            "state_label": d.get_state_display(), "document_id": d.document_id, "revokes": d.revokes_id,
            "grounds": d.grounds, "flagged": d.flagged,
            "bonus_due": sum(r["bonus"] or 0 for r in rows if not r["paid"] and not r["revoked"] and bonus),
            "bonus_paid": sum(a.bonus or 0 for a in d.awards.all() if a.payment_id), "rows": rows}


def _user(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationError({"signer": MSG_UNKNOWN_SIGNER.format(name=username[:60])})
    return user


@router.post("/decisions", response={201: DecisionOut, **ERRORS})
def draft_decision(request, payload: DecisionDraftIn):
    scope = h.scope(request)
    d = dec.decision_draft(actor=h.actor(request), scope=scope, session=sel.session_get_for_user(scope, payload.session),
                           proposals=payload.proposals)
    return Status(201, _decision_out(d))


@router.post("/sessions/{int:session_id}/papers/{kind}", response={201: PaperOut, **ERRORS})
def draft_session_paper(request, session_id: int, kind: Literal["vote_count", "minutes"]):
    scope = h.scope(request)
    document = dec.session_paper_draft(actor=h.actor(request), scope=scope,
                                       session=sel.session_get_for_user(scope, session_id), kind=kind)
    return Status(201, {"document_id": document.pk, "title": document.title, "summary": document.summary})


@router.get("/decisions/{int:decision_id}", response={200: DecisionOut, **ERRORS})
def get_decision(request, decision_id: int):
    return _decision_out(sel.decision_get_for_user(h.scope(request), decision_id))


@router.post("/decisions/{int:decision_id}/sign", response={200: DecisionOut, **ERRORS})
def sign_decision(request, decision_id: int, payload: SignerIn):
    scope = h.scope(request)
    d = dec.decision_sign(actor=h.actor(request), scope=scope, decision=sel.decision_get_for_user(scope, decision_id),
                          signer=_user(payload.signer), signed_on=payload.signed_on)
    return _decision_out(d)


@router.post("/decisions/{int:decision_id}/certificates", response={200: CertificatesOut, **ERRORS})
def print_certificates(request, decision_id: int):
    scope = h.scope(request)
    jobs = dec.decision_certificates(actor=h.actor(request), scope=scope,
                                     decision=sel.decision_get_for_user(scope, decision_id))
    return {"jobs": [j.pk for j in jobs], "progress": [f"/tac-vu/{j.pk}/" for j in jobs]}


@router.post("/decisions/{int:decision_id}/bonuses", response={200: DecisionOut, **ERRORS})
def pay_bonuses(request, decision_id: int, payload: BonusIn):
    scope = h.scope(request)
    d = sel.decision_get_for_user(scope, decision_id)
    dec.decision_pay_bonuses(actor=h.actor(request), scope=scope, decision=d, date=payload.date,
                             amounts=payload.amounts)
    return _decision_out(d)


@router.post("/decisions/{int:decision_id}/revoke", response={201: DecisionOut, **ERRORS})
def revoke_decision(request, decision_id: int, payload: RevokeIn):
    scope = h.scope(request)
    revocation = dec.decision_revoke(
        actor=h.actor(request), scope=scope, decision=sel.decision_get_for_user(scope, decision_id),
        grounds_code=payload.grounds_code, grounds=payload.grounds, signer=_user(payload.signer), rows=payload.rows,
        signed_on=payload.signed_on)
    return Status(201, _decision_out(revocation))
