"""Pages of decisions: draft from a session, the decision page (sign, certificates, bonuses, revoke), its
paper as .docx/.pdf, the session's vote-count minutes and meeting minutes.

Thin: parse the request, call one service of `commendations.decisions`, render or redirect. Refusals
come back as messages and nothing is written."""
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.commendations import decisions as dec
from thidua.commendations import selectors as sel
from thidua.commendations.services import form_label
from thidua.commendations.workflows import REVOKE_GROUNDS, REVOKE_SOURCE
from thidua.common.numbers import vn_number
from thidua.common.permissions import allowed
from thidua.common.web import actor_of, message_errors, scope_of
from thidua.documents import services as docs

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
MSG_SIGNER = "Chọn người ký trong danh sách lãnh đạo của cơ quan ban hành."
MSG_DATE = "Ngày phải theo dạng dd/mm/yyyy."




def _date(text: str) -> datetime.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise ValidationError({"date": MSG_DATE}) from None


def _signer(request, issuer):
    username = (request.POST.get("signer") or "").strip()
    user = get_user_model().objects.filter(username=username, is_active=True).first() if username else None
    if user is None:
        raise ValidationError({"signer": MSG_SIGNER})
    return user


@login_required
@require_POST
def decision_create(request, pk: int):
    """“Soạn quyết định” on a closed session: the passed list the level may confer."""
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    try:
        d = dec.decision_draft(actor=actor_of(request), scope=scope, session=s,
                               proposals=request.POST.getlist("proposals") or None)
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
        return redirect("commendations:session_detail", pk=s.pk)
    messages.success(request, "Đã soạn dự thảo quyết định khen thưởng.")
    return redirect("commendations:decision_detail", pk=d.pk)


@login_required
@require_POST
def session_paper(request, pk: int, kind: str):
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    if kind not in ("vote_count", "minutes"):
        raise Http404
    try:
        document = dec.session_paper_draft(actor=actor_of(request), scope=scope, session=s, kind=kind)
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
        return redirect("commendations:session_detail", pk=s.pk)
    messages.success(request, f"Đã soạn {document.title.lower()}.")
    return redirect("documents:detail", pk=document.pk)


@login_required
def decision_detail(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    manage = allowed(scope, "decision.manage", d)
    doc = d.document
    bonus = dec.bonus_rows(d) if doc.is_signed and not d.revokes_id else []
    for row in bonus:
        row["form_label"] = form_label(row["award"].form)
    total_due = sum(r["amount"] or 0 for r in bonus if not r["paid"] and not r["revoked"])
    awards = list(d.awards.select_related("revoked_by__document"))
    for a in awards:
        a.form_label = form_label(a.form)
    return render(request, "commendations/decision_detail.html", {
        "nav": "awards", "d": d, "doc": doc, "manage": manage, "awards": awards, "bonus": bonus,
        "total_due": vn_number(total_due), "unpaid": any(not r["paid"] and not r["revoked"] for r in bonus),
        "paid_total": vn_number(sum(a.bonus or 0 for a in awards if a.payment_id)),
        "leaders": docs.leaders_of(d.issuer) if manage else [], "grounds": REVOKE_GROUNDS.items(),
        "grounds_source": REVOKE_SOURCE, "grounds_label": REVOKE_GROUNDS.get(d.grounds_code, ""), "revocations": d.revocations.select_related("document"),
        "today": datetime.date.today(), "live": [a for a in awards if a.revoked_by_id is None],
    })


@login_required
def decision_download(request, pk: int, fmt: str):
    d = sel.decision_get_for_user(scope_of(request), pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        content = docs.document_render(d.document, fmt)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect("commendations:decision_detail", pk=d.pk)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{docs.document_filename(d.document, fmt)}"'
    return response


@login_required
@require_POST
def decision_sign(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    try:
        dec.decision_sign(actor=actor_of(request), scope=scope, decision=d, signer=_signer(request, d.issuer),
                          signed_on=_date(request.POST.get("signed_on")))
        messages.success(request, "Đã ký, cấp số quyết định và ghi khen thưởng vào lịch sử từng năm.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:decision_detail", pk=d.pk)


@login_required
@require_POST
def decision_certificates(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    try:
        jobs = dec.decision_certificates(actor=actor_of(request), scope=scope, decision=d)
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
        return redirect("commendations:decision_detail", pk=d.pk)
    messages.success(request, "Đã cấp số sổ vàng và bắt đầu in bằng.")
    return redirect("jobs:job_detail", pk=jobs[0].pk)


@login_required
def decision_certificate_preview(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    if not allowed(scope, "decision.manage", d):
        raise Http404
    try:
        pdf = dec.decision_certificate_preview(d)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect("commendations:decision_detail", pk=d.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xem-truoc-bang-{d.pk}.pdf"'
    return response


@login_required
@require_POST
def decision_pay(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    amounts = {k[7:]: v for k, v in request.POST.items() if k.startswith("amount_") and v.strip()}
    try:
        total = dec.decision_pay_bonuses(actor=actor_of(request), scope=scope, decision=d, amounts=amounts,
                                         date=_date(request.POST.get("date")))
        messages.success(request, f"Đã chi tiền thưởng {vn_number(total)} đ từ Quỹ thi đua, khen thưởng.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:decision_detail", pk=d.pk)


@login_required
@require_POST
def decision_revoke(request, pk: int):
    scope = scope_of(request)
    d = sel.decision_get_for_user(scope, pk)
    try:
        revocation = dec.decision_revoke(
            actor=actor_of(request), scope=scope, decision=d, grounds_code=request.POST.get("grounds_code", ""),
            grounds=request.POST.get("grounds", ""), signer=_signer(request, d.issuer),
            rows=request.POST.getlist("rows") or None)
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
        return redirect("commendations:decision_detail", pk=d.pk)
    messages.success(request, "Đã ban hành quyết định hủy bỏ, ghi hủy bỏ vào lịch sử và thu hồi tiền thưởng.")
    return redirect("commendations:decision_detail", pk=revocation.pk)
