"""Pages for what the council and the public need beyond the pipeline: councils and their members, the
comments received on a public posting (and the posting's public page, no login), ties at a cap (the
second ballot, the chair's decision), and "Đề nghị khen thưởng" from the eligibility table.

Thin: parse the request, call one service of `council`, `council_admin` or `services`, render. A
refusal comes back at the form's field (or as a message) and nothing is written."""
import datetime
from urllib.parse import urlencode

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.commendations import council as cs
from thidua.commendations import council_admin as ca
from thidua.commendations import selectors as sel
from thidua.commendations import services as svc
from thidua.commendations.models import Council, CouncilMember, CouncilRole, Posting, Proposal, Round, Runoff
from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.permissions import allowed
from thidua.common.web import actor_of, apply_errors, message_errors, scope_of
from thidua.organizations.models import Unit

MSG_USER_NOT_FOUND = "Không tìm thấy tài khoản có tên đăng nhập này."
MSG_DATE = "Ngày không hợp lệ (dd/mm/yyyy)."
MSG_RUNOFF_DONE = "Đã ghi nhận phiếu vòng hai. Phiếu kín: hệ thống chỉ lưu tổng số phiếu, không lưu ai chọn gì."
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]




def _is_officer(scope) -> bool:
    return scope.is_admin or "emulation_officer" in scope.roles


# --- councils ---------------------------------------------------------------------------------------


class CouncilForm(djforms.Form):
    unit = djforms.ModelChoiceField(Unit.objects.none(), label="Cấp (đơn vị) của Hội đồng")
    name = djforms.CharField(label="Tên Hội đồng", max_length=255,
                             initial="Hội đồng Thi đua – Khen thưởng")
    term = djforms.CharField(label="Nhiệm kỳ (ví dụ 2021–2026)", max_length=40, required=False)

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(scope.units_q("edit_history"), valid_to__isnull=True,
                                                           depth__lte=3).order_by("path")


@login_required
def council_list(request):
    scope = scope_of(request)
    if not _is_officer(scope):
        raise PermissionDenied
    form = CouncilForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = cs.council_create(actor=actor_of(request), scope=scope, unit=d["unit"], name=d["name"],
                                  term=d["term"])
            messages.success(request, "Đã lập Hội đồng. Thêm thành viên để Hội đồng đủ thành phần.")
            return redirect("commendations:council_detail", pk=c.pk)
        except PermissionDenied:
            form.add_error("unit", "Bạn không có quyền lập Hội đồng ở cấp này.")
        except ValidationError as exc:
            apply_errors(form, exc)
    councils = sel.council_list_for_user(scope)
    for c in councils:
        c.active = [m for m in c.members.all() if m.removed_at is None]
        c.gaps = cs.composition_gaps(c)
    return render(request, "commendations/council_list.html", {"nav": "awards", "councils": councils,
                                                                "form": form})


class MemberForm(djforms.Form):
    username = djforms.CharField(label="Tên đăng nhập của thành viên", max_length=150)
    full_name = djforms.CharField(label="Họ tên (để trống: lấy theo tài khoản)", max_length=255, required=False)
    role = djforms.ChoiceField(label="Chức danh trong Hội đồng", choices=CouncilRole.choices)


def _council_for(scope, pk: int) -> Council:
    c = next((c for c in sel.council_list_for_user(scope) if c.pk == pk), None)
    if c is None:
        raise Http404(MSG_NOT_FOUND)
    return c


@login_required
def council_detail(request, pk: int):
    scope = scope_of(request)
    c = _council_for(scope, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        user = get_user_model().objects.filter(username=d["username"].strip(), is_active=True).first()
        if user is None:
            form.add_error("username", MSG_USER_NOT_FOUND)
        else:
            try:
                m = cs.council_member_add(actor=actor_of(request), scope=scope, council=c, user=user,
                                          role=d["role"], full_name=d["full_name"])
                messages.success(request, f"Đã thêm {m.full_name} ({m.get_role_display()}).")
                return redirect("commendations:council_detail", pk=c.pk)
            except PermissionDenied:
                form.add_error(None, "Bạn không có quyền thay đổi thành phần Hội đồng này.")
            except ValidationError as exc:
                apply_errors(form, exc)
    members = list(c.members.filter(removed_at__isnull=True).order_by("pk"))
    former = list(c.members.filter(removed_at__isnull=False).order_by("removed_at"))
    return render(request, "commendations/council_detail.html", {
        "nav": "awards", "c": c, "members": members, "former": former, "form": form,
        "gaps": cs.composition_gaps(c), "manage": allowed(scope, "council.manage", c),
        "sessions": c.sessions.select_related("round").order_by("-meets_on")})


@login_required
@require_POST
def council_member_remove(request, pk: int):
    scope = scope_of(request)
    m = CouncilMember.objects.filter(pk=pk).select_related("council").first()
    if m is None:
        raise Http404(MSG_NOT_FOUND)
    c = _council_for(scope, m.council_id)
    try:
        ca.council_member_remove(actor=actor_of(request), scope=scope, member=m, reason=request.POST.get("reason", ""))
        messages.success(request, f"{m.full_name} đã thôi tham gia Hội đồng.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:council_detail", pk=c.pk)


# --- public postings and their comments -------------------------------------------------------------


class CommentForm(djforms.Form):
    proposal = djforms.ModelChoiceField(Proposal.objects.none(), label="Về hồ sơ", required=False,
                                        empty_label="Chung cho cả danh sách")
    author = djforms.CharField(label="Người góp ý (họ tên, địa chỉ)", max_length=255, required=False)
    received_on = djforms.DateField(label="Ngày nhận (dd/mm/yyyy)", input_formats=DATE_FORMATS,
                                    error_messages={"invalid": MSG_DATE, "required": "Cần nhập ngày nhận."})
    text = djforms.CharField(label="Nội dung góp ý", widget=djforms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, posting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = posting.proposals.order_by("subject_name")
        self.fields["proposal"].label_from_instance = lambda p: f"{p.subject_name} – {svc.form_label(p.form)}"


def _posting_for(scope, pk: int) -> Posting:
    p = Posting.objects.select_related("round__unit").filter(pk=pk).first()
    if p is None:
        raise Http404(MSG_NOT_FOUND)
    sel.round_get_for_user(scope, p.round_id)   # whoever sees the round sees its posting (the list is public)
    return p


@login_required
def posting_detail(request, pk: int):
    """The officer's page of a posting: its list and period, the public address, the comments received
    (recorded here, shown to the council on each nominee's papers)."""
    scope = scope_of(request)
    post = _posting_for(scope, pk)
    manage = allowed(scope, "round.manage", post.round)
    form = CommentForm(request.POST or None, posting=post,
                       initial={"received_on": datetime.date.today().strftime("%d/%m/%Y")})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.posting_comment_add(actor=actor_of(request), scope=scope, posting=post, author=d["author"],
                                        text=d["text"], received_on=d["received_on"], proposal=d["proposal"])
                messages.success(request, "Đã ghi nhận góp ý.")
                return redirect("commendations:posting_detail", pk=post.pk)
            except PermissionDenied:
                form.add_error(None, "Bạn không có quyền ghi nhận góp ý của đợt này.")
            except ValidationError as exc:
                apply_errors(form, exc)
    proposals = list(post.proposals.select_related("proposing_unit").order_by("subject_name"))
    for p in proposals:
        p.form_label = svc.form_label(p.form)
    return render(request, "commendations/posting_detail.html", {
        "nav": "awards", "post": post, "proposals": proposals, "manage": manage, "form": form,
        # the comments go to the council: the round's level (and the council) read them, not the lower units
        "comments": post.comments.select_related("proposal") if scope.is_admin or scope.can_unit(
            post.round.unit, "view") else None,
        "public_url": request.build_absolute_uri(f"/cong-khai/{post.public_token}/") if post.public_token else ""})


def posting_public(request, token: str):
    """The public, read-only page of a posting, for anyone with its unguessable address: the list of
    nominees and the period, nothing else (no citizen id, no internal id, no comment)."""
    post = Posting.objects.select_related("round__unit").filter(public_token=token).first() if token else None
    if post is None:
        raise Http404(MSG_NOT_FOUND)
    rows = [{"name": p.subject_name, "form": svc.form_label(p.form), "unit": p.proposing_unit.name}
            for p in post.proposals.select_related("proposing_unit").order_by("form", "subject_name")]
    return render(request, "commendations/posting_public.html", {"post": post, "rows": rows,
                                                                 "level": post.round.unit.name})


# --- ties at a cap ----------------------------------------------------------------------------------


def _session(request, pk: int):
    scope = scope_of(request)
    return scope, sel.session_get_for_user(scope, pk)


@login_required
@require_POST
def runoff_open(request, pk: int, form: str):
    scope, s = _session(request, pk)
    try:
        r = ca.runoff_open(actor=actor_of(request), scope=scope, session=s, form=form)
        messages.success(request, f"Đã mở bỏ phiếu vòng hai ({r.seats} suất).")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


@login_required
@require_POST
def tie_decide(request, pk: int, form: str):
    scope, s = _session(request, pk)
    try:
        ca.tie_decide(actor=actor_of(request), scope=scope, session=s, form=form,
                      selected=[x for x in request.POST.getlist("selected") if x.isdigit()],
                      reason=request.POST.get("reason", ""))
        messages.success(request, "Đã ghi quyết định của Hội đồng. Kết quả đã chốt.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


def _runoff(request, pk: int):
    scope = scope_of(request)
    r = Runoff.objects.filter(pk=pk).select_related("session").first()
    if r is None:
        raise Http404(MSG_NOT_FOUND)
    return scope, sel.session_get_for_user(scope, r.session_id), r


@login_required
def runoff_ballot(request, pk: int):
    """The member's second ballot (phone-first): tick at most the places left among the tied."""
    scope, s, r = _runoff(request, pk)
    member = sel.member_of(scope, s.council)
    if member is None:
        raise Http404(MSG_NOT_FOUND)
    if request.method == "POST":
        try:
            ca.runoff_cast(actor=actor_of(request), scope=scope, runoff=r, picks=request.POST.getlist("picks"))
            messages.success(request, MSG_RUNOFF_DONE)
            return redirect("commendations:session_detail", pk=s.pk)
        except (ValidationError, PermissionDenied) as exc:
            message_errors(request, exc)
    candidates = list(r.candidates.select_related("nominee__proposal__proposing_unit"))
    return render(request, "commendations/runoff_ballot.html", {
        "nav": "awards", "s": s, "r": r, "member": member, "candidates": candidates,
        "form_label": svc.form_label(r.form), "voted": r.receipts.filter(member=member).exists()})


@login_required
@require_POST
def runoff_paper(request, pk: int):
    scope, s, r = _runoff(request, pk)
    member = s.council.members.filter(pk=request.POST.get("member") or 0).first() \
        if (request.POST.get("member") or "").isdigit() else None
    try:
        ca.runoff_paper(actor=actor_of(request), scope=scope, runoff=r, member=member,
                        picks=request.POST.getlist("picks"))
        messages.success(request, "Đã nhập phiếu giấy vòng hai.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


@login_required
@require_POST
def runoff_close(request, pk: int):
    scope, s, r = _runoff(request, pk)
    try:
        r = ca.runoff_close(actor=actor_of(request), scope=scope, runoff=r, reason=request.POST.get("reason", ""))
        messages.success(request, "Đã kết thúc bỏ phiếu vòng hai." if r.state == Runoff.DONE else
                         "Vòng hai vẫn bằng phiếu: Chủ tịch Hội đồng ghi quyết định của Hội đồng.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


def session_ties(scope, s) -> dict:
    """The context the session page adds for its ties (templates/commendations/_session_ties.html)."""
    found = ca.ties(s)
    member = sel.member_of(scope, s.council)
    for t in found:
        r = t["runoff"]
        t["voted"] = bool(r and member and r.receipts.filter(member=member).exists())
        t["missing"] = ca.runoff_missing(r) if r and r.state == Runoff.VOTING else []
    return {"ties": found, "can_decide": allowed(scope, "session.tie_decide", s),
            "is_voter": bool(member and member.votes and member.removed_at is None)}


# --- "Đề nghị khen thưởng" from the eligibility table ------------------------------------------------


def _open_rounds_for(scope, unit: Unit, form: str, year: int) -> list[Round]:
    """Open rounds of `year` accepting `form` that `unit` may propose to (the round's level is above it)."""
    out = []
    for r in Round.objects.select_related("unit").filter(state="open", year=year).order_by("deadline", "pk"):
        if form in r.forms and unit.path.startswith(r.unit.path):
            probe = Proposal(round=r, proposing_unit=unit, form=form, year=year)
            if allowed(scope, "proposal.create", probe):
                out.append(r)
    return out


def _table_params(request) -> tuple[str, str, int | None]:
    target = (request.GET.get("target") or request.POST.get("target") or "").strip().upper()
    status = request.GET.get("status") or request.POST.get("status") or ""
    raw = request.GET.get("year") or request.POST.get("year") or ""
    return target, status, int(raw) if raw.isdigit() and len(raw) == 4 else None


@login_required
def propose_from_table(request, code: str):
    """The per-user button of the eligibility table (loaded by htmx outside its cached body): shown when
    the table is filtered to one target and "eligible", to the roles that may propose, while an open round
    accepts that form. The POST proposes everyone eligible shown through `proposal_bulk_create`."""
    scope = scope_of(request)
    unit = Unit.objects.filter(code=(code or "").strip().upper()).first()
    if unit is None or not (scope.is_admin or scope.can_unit(unit, "view")):
        raise Http404(MSG_NOT_FOUND)
    target, status, year = _table_params(request)
    rounds = _open_rounds_for(scope, unit, target, year) if target and status == "yes" and year else []
    if request.method == "POST":
        rnd = next((r for r in rounds if str(r.pk) == request.POST.get("round")), None)
        if rnd is None:
            messages.error(request, "Không có đợt khen thưởng đang mở nhận đề nghị danh hiệu này cho đơn vị.")
        else:
            try:
                out = svc.proposal_bulk_create(actor=actor_of(request), scope=scope, round=rnd,
                                               proposing_unit=unit, forms=[target])
                messages.success(request, f"Đã đề nghị {out['created']} trường hợp đủ điều kiện vào đợt "
                                          f"“{rnd.name}”; bỏ qua {len(out['skipped'])} trường hợp.")
                for s in out["skipped"][:20]:
                    messages.info(request, s["reason"])
                return redirect("commendations:round_detail", pk=rnd.pk)
            except (ValidationError, PermissionDenied) as exc:
                message_errors(request, exc)
        query = urlencode({"year": year or "", "target": target, "status": status})
        return redirect(f"{reverse('eligibility:unit_table', args=[unit.code])}?{query}")
    return render(request, "commendations/_propose_from_table.html", {
        "unit": unit, "rounds": rounds, "target": target, "status": status, "year": year,
        "target_label": svc.form_label(target) if target else ""})
