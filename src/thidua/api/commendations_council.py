"""What the council and the public need over REST: councils and their members (with the composition
rules), comments received on a public posting and the posting's public list (no token needed), and ties
at a cap (the second secret ballot, the chair's recorded decision). Thin handlers over
`commendations.council`, `council_admin` and `services`."""
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status

from thidua.api import helpers as h
from thidua.api.schemas import ERRORS, In
from thidua.commendations import council as cs
from thidua.commendations import council_admin as ca
from thidua.commendations import selectors as sel
from thidua.commendations import services as svc
from thidua.commendations.models import Council, CouncilMember, CouncilRole, Posting, Runoff
from thidua.common.errors import MSG_NOT_FOUND

router = Router(tags=["commendations"])
MSG_USER_NOT_FOUND = "Không tìm thấy tài khoản có tên đăng nhập này."
Id = Field(..., ge=1, le=2**31 - 1)


class CouncilIn(In):
    unit: str = Field(..., min_length=1, max_length=40, description="mã đơn vị (cấp của Hội đồng)")
    name: str = Field(..., min_length=1, max_length=255, description="tên Hội đồng")
    term: str = Field("", max_length=40, description="nhiệm kỳ, ví dụ 2021–2026")


class MemberIn(In):
    username: str = Field(..., min_length=1, max_length=150, description="tên đăng nhập của thành viên")
    full_name: str = Field("", max_length=255, description="họ tên (rỗng: lấy theo tài khoản)")
    role: CouncilRole = Field(..., description="chair: Chủ tịch; vice_chair: Phó Chủ tịch; member: Ủy viên; "
                                               "secretary: Thư ký; member_secretary: Ủy viên kiêm Thư ký")


class ReasonIn(In):
    reason: str = Field("", max_length=2000, description="lý do")


class MemberOut(Schema):
    id: int
    full_name: str
    role: str
    role_label: str
    votes: bool
    active: bool


class CouncilOut(Schema):
    id: int
    unit: str
    name: str
    term: str
    complete: bool
    gaps: list[str]
    members: list[MemberOut]


class CommentIn(In):
    proposal: int | None = Field(None, ge=1, le=2**31 - 1, description="hồ sơ được góp ý (rỗng: chung)")
    author: str = Field("", max_length=255, description="người góp ý")
    text: str = Field(..., min_length=1, max_length=5000, description="nội dung góp ý")
    received_on: datetime.date = Field(..., description="ngày nhận, trong thời gian lấy ý kiến")


class CommentOut(Schema):
    id: int
    proposal: int | None
    subject_name: str | None
    author: str
    text: str
    received_on: datetime.date


class PublicRow(Schema):
    name: str
    form: str
    unit: str


class PublicPostingOut(Schema):
    title: str
    level: str
    where: str
    starts_on: datetime.date
    ends_on: datetime.date
    working_days: int
    nominees: list[PublicRow]


class TiedNominee(Schema):
    proposal: int
    name: str
    unit: str
    agree: int
    runoff_votes: int | None


class RunoffOut(Schema):
    id: int
    form: str
    seats: int
    state: str
    ballots: int


class TieOut(Schema):
    form: str
    form_label: str
    seats: int
    agree: int
    nominees: list[TiedNominee]
    runoff: RunoffOut | None


class PicksIn(In):
    picks: list[int] = Field(..., max_length=200, description="mã hồ sơ được chọn (tối đa số suất còn lại)")


class PaperIn(PicksIn):
    member: int = Field(..., ge=1, le=2**31 - 1, description="thành viên có mặt đã nộp phiếu giấy")


class DecideIn(In):
    selected: list[int] = Field(..., max_length=200, description="mã hồ sơ Hội đồng chọn (đúng số suất còn lại)")
    reason: str = Field(..., max_length=2000, description="lý do quyết định của Hội đồng")


def _council_out(c: Council) -> dict:
    gaps = cs.composition_gaps(c)
    return {"id": c.pk, "unit": c.unit.code, "name": c.name, "term": c.term, "complete": not gaps, "gaps": gaps,
            "members": [_member_out(m) for m in c.members.filter(removed_at__isnull=True).order_by("pk")]}


def _member_out(m: CouncilMember) -> dict:
    return {"id": m.pk, "full_name": m.full_name, "role": m.role, "role_label": m.get_role_display(),
            "votes": m.votes, "active": m.removed_at is None}


def _council(scope, council_id: int) -> Council:
    c = next((c for c in sel.council_list_for_user(scope) if c.pk == council_id), None)
    if c is None:
        raise Http404(MSG_NOT_FOUND)
    return c


# POST /councils shares its path with GET /councils of api/commendations.py: ninja routes one path through
# one router, so that router registers this handler (see the end of api/commendations.py)
def create_council(request, payload: CouncilIn):
    scope = h.scope(request)
    unit = h.unit_by_code(payload.unit, "unit")
    c = cs.council_create(actor=h.actor(request), scope=scope, unit=unit, name=payload.name, term=payload.term)
    return Status(201, _council_out(c))


@router.get("/councils/{int:council_id}", response={200: CouncilOut, **ERRORS})
def get_council(request, council_id: int):
    return _council_out(_council(h.scope(request), council_id))


@router.post("/councils/{int:council_id}/members", response={201: MemberOut, **ERRORS})
def add_council_member(request, council_id: int, payload: MemberIn):
    scope = h.scope(request)
    c = _council(scope, council_id)
    user = get_user_model().objects.filter(username=payload.username.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"username": MSG_USER_NOT_FOUND})
    m = cs.council_member_add(actor=h.actor(request), scope=scope, council=c, user=user, role=payload.role,
                              full_name=payload.full_name)
    return Status(201, _member_out(m))


@router.post("/councils/{int:council_id}/members/{int:member_id}/remove", response={200: MemberOut, **ERRORS})
def remove_council_member(request, council_id: int, member_id: int, payload: ReasonIn):
    scope = h.scope(request)
    c = _council(scope, council_id)
    m = c.members.filter(pk=member_id).first()
    if m is None:
        raise Http404(MSG_NOT_FOUND)
    return _member_out(ca.council_member_remove(actor=h.actor(request), scope=scope, member=m, reason=payload.reason))


def _posting(scope, posting_id: int) -> Posting:
    p = Posting.objects.select_related("round__unit").filter(pk=posting_id).first()
    if p is None or not (scope.is_admin or scope.can_unit(p.round.unit, "view")):
        raise Http404(MSG_NOT_FOUND)
    return p


def _comment_out(c) -> dict:
    return {"id": c.pk, "proposal": c.proposal_id, "subject_name": c.proposal.subject_name if c.proposal else None,
            "author": c.author, "text": c.text, "received_on": c.received_on}


@router.get("/postings/{int:posting_id}/comments", response={200: list[CommentOut], **ERRORS})
def list_posting_comments(request, posting_id: int):
    return [_comment_out(c) for c in _posting(h.scope(request), posting_id).comments.select_related("proposal")]


@router.post("/postings/{int:posting_id}/comments", response={201: CommentOut, **ERRORS})
def add_posting_comment(request, posting_id: int, payload: CommentIn):
    scope = h.scope(request)
    post = _posting(scope, posting_id)
    proposal = None
    if payload.proposal is not None:
        proposal = post.round.proposals.filter(pk=payload.proposal).first()
        if proposal is None:
            raise ValidationError({"proposal": svc.MSG_COMMENT_PROPOSAL})
    c = svc.posting_comment_add(actor=h.actor(request), scope=scope, posting=post, author=payload.author,
                                text=payload.text, received_on=payload.received_on, proposal=proposal)
    return Status(201, _comment_out(c))


@router.get("/public/postings/{token}", response={200: PublicPostingOut, 404: ERRORS[404]}, auth=None)
def get_public_posting(request, token: str):
    post = Posting.objects.select_related("round__unit").filter(public_token=token[:64]).first() if token else None
    if post is None:
        raise Http404(MSG_NOT_FOUND)
    return {"title": post.round.name, "level": post.round.unit.name, "where": post.where,
            "starts_on": post.starts_on, "ends_on": post.ends_on, "working_days": post.working_days,
            "nominees": [{"name": p.subject_name, "form": svc.form_label(p.form), "unit": p.proposing_unit.name}
                         for p in post.proposals.select_related("proposing_unit").order_by("form", "subject_name")]}


def _runoff_out(r: Runoff | None) -> dict | None:
    if r is None:
        return None
    return {"id": r.pk, "form": r.form, "seats": r.seats, "state": r.state, "ballots": r.ballots}


def _ties_out(s) -> list[dict]:
    out = []
    for t in ca.ties(s):
        r = t["runoff"]
        votes = {c.nominee_id: c.votes for c in t["candidates"]} if r and r.state != Runoff.VOTING else {}
        out.append({"form": t["form"], "form_label": t["form_label"], "seats": t["seats"], "agree": t["agree"],
                    "runoff": _runoff_out(r),
                    "nominees": [{"proposal": n.proposal_id, "name": n.proposal.subject_name,
                                  "unit": n.proposal.proposing_unit.name, "agree": n.agree,
                                  "runoff_votes": votes.get(n.pk)} for n in t["nominees"]]})
    return out


@router.get("/ties/{int:session_id}", response={200: list[TieOut], **ERRORS})
def list_ties(request, session_id: int):
    """Second-ballot tallies are given only once that ballot is closed."""
    return _ties_out(sel.session_get_for_user(h.scope(request), session_id))


@router.post("/ties/{int:session_id}/{form}/runoff", response={201: RunoffOut, **ERRORS})
def open_runoff(request, session_id: int, form: str):
    scope = h.scope(request)
    s = sel.session_get_for_user(scope, session_id)
    return Status(201, _runoff_out(ca.runoff_open(actor=h.actor(request), scope=scope, session=s, form=form[:20])))


@router.post("/ties/{int:session_id}/{form}/decide", response={200: list[TieOut], **ERRORS})
def decide_tie(request, session_id: int, form: str, payload: DecideIn):
    scope = h.scope(request)
    s = ca.tie_decide(actor=h.actor(request), scope=scope, session=sel.session_get_for_user(scope, session_id),
                      form=form[:20], selected=payload.selected, reason=payload.reason)
    return _ties_out(s)


def _runoff(scope, runoff_id: int) -> Runoff:
    r = Runoff.objects.filter(pk=runoff_id).first()
    if r is None:
        raise Http404(MSG_NOT_FOUND)
    sel.session_get_for_user(scope, r.session_id)
    return r


@router.post("/runoffs/{int:runoff_id}/ballot", response={204: None, **ERRORS})
def cast_runoff_ballot(request, runoff_id: int, payload: PicksIn):
    scope = h.scope(request)
    ca.runoff_cast(actor=h.actor(request), scope=scope, runoff=_runoff(scope, runoff_id), picks=payload.picks)
    return Status(204, None)


@router.post("/runoffs/{int:runoff_id}/paper", response={204: None, **ERRORS})
def enter_runoff_paper(request, runoff_id: int, payload: PaperIn):
    scope = h.scope(request)
    r = _runoff(scope, runoff_id)
    member = r.session.council.members.filter(pk=payload.member).first()
    ca.runoff_paper(actor=h.actor(request), scope=scope, runoff=r, member=member, picks=payload.picks)
    return Status(204, None)


@router.post("/runoffs/{int:runoff_id}/close", response={200: RunoffOut, **ERRORS})
def close_runoff(request, runoff_id: int, payload: ReasonIn):
    scope = h.scope(request)
    r = ca.runoff_close(actor=h.actor(request), scope=scope, runoff=_runoff(scope, runoff_id), reason=payload.reason)
    return _runoff_out(r)
