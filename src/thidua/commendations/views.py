"""Pages of the commendation pipeline: rounds, proposals, councils' sessions and the ballot.

Thin: parse the request, call one service or selector, render. Service refusals come back as
messages (or at the form's fields) and nothing is written."""
import datetime

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thidua.commendations import council as cs
from thidua.commendations import selectors as sel
from thidua.commendations import services as svc
from thidua.commendations import views_council as vc
from thidua.commendations.models import Attendance, RoundKind
from thidua.commendations.workflows import PROPOSAL, RETURN_REASONS, ROUND, SESSION, SIMPLIFIED_GROUNDS
from thidua.common.permissions import allowed
from thidua.common.web import actor_of, apply_errors, message_errors, scope_of
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.records import codes

MSG_PERSON_NOT_FOUND = "Không tìm thấy cá nhân có số CCCD này trong phạm vi của bạn."
MSG_UNIT_NOT_FOUND = "Không tìm thấy đơn vị này trong phạm vi của bạn."
MSG_BALLOT_DONE = "Đã ghi nhận phiếu của bạn. Phiếu kín: hệ thống chỉ lưu tổng số phiếu, không lưu ai chọn gì."
FORM_CHOICES = [(c, n) for c, n in codes.ALL.items()]




def _vn(iso: str | None) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return ""


def _labels(p) -> None:
    p.state_label = PROPOSAL.states.get(p.state, p.state)
    p.form_label = svc.form_label(p.form)


@login_required
def index(request):
    scope = scope_of(request)
    rounds = sel.round_list_for_user(scope)
    for r in rounds:
        r.state_label = ROUND.states[r.state]
        r.kind_label = RoundKind(r.kind).label
    sessions = sel.session_list_for_user(scope)
    for s in sessions:
        s.state_label = SESSION.states[s.state]
    can_open = scope.is_admin or "emulation_officer" in scope.roles
    return render(request, "commendations/index.html", {"nav": "awards", "rounds": rounds, "sessions": sessions,
                                                         "can_open": can_open,
                                                         "decisions": sel.decision_list_for_user(scope)})


class RoundForm(djforms.Form):
    unit = djforms.ModelChoiceField(Unit.objects.none(), label="Cấp tổ chức đợt")
    name = djforms.CharField(label="Tên đợt", max_length=255)
    kind = djforms.ChoiceField(label="Loại đợt", choices=RoundKind.choices)
    year = djforms.IntegerField(label="Năm thành tích")
    forms = djforms.MultipleChoiceField(label="Danh hiệu, hình thức nhận đề nghị", choices=FORM_CHOICES,
                                      widget=djforms.CheckboxSelectMultiple)
    deadline = djforms.DateField(label="Hạn nộp hồ sơ (dd/mm/yyyy)", required=False,
                               input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    deadline_working_days = djforms.IntegerField(label="Hoặc: số ngày làm việc kể từ hôm nay", required=False,
                                               min_value=1, max_value=120)

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(scope.units_q("edit_history"), valid_to__isnull=True,
                                                           depth__lte=3).order_by("path")


@login_required
def round_create(request):
    scope = scope_of(request)
    if not (scope.is_admin or "emulation_officer" in scope.roles):
        raise PermissionDenied
    form = RoundForm(request.POST or None, scope=scope, initial={"year": datetime.date.today().year - 1,
                                                                  "kind": RoundKind.YEAR_END})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            rnd = svc.round_create(actor=actor_of(request), scope=scope, unit=d["unit"], name=d["name"],
                                   kind=d["kind"], year=d["year"], forms=d["forms"], deadline=d["deadline"],
                                   deadline_working_days=d["deadline_working_days"])
            messages.success(request, "Đã tạo đợt khen thưởng.")
            return redirect("commendations:round_detail", pk=rnd.pk)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error("unit", "Bạn không có quyền mở đợt ở cấp này.")
            else:
                apply_errors(form, exc)
    return render(request, "commendations/round_form.html", {"nav": "awards", "form": form})


def _proposable_units(scope, rnd):
    qs = Unit.objects.filter(path__startswith=rnd.unit.path).order_by("path")
    if not scope.is_admin:
        qs = qs.filter(scope.units_q("edit_history"))
    return list(qs[:300])


@login_required
def round_detail(request, pk: int):
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    rnd.state_label, rnd.kind_label = ROUND.states[rnd.state], RoundKind(rnd.kind).label
    proposals = list(sel.proposal_list_for_round(scope, rnd))
    for p in proposals:
        _labels(p)
    units = _proposable_units(scope, rnd) if rnd.state == "open" else []
    return render(request, "commendations/round_detail.html", {
        "nav": "awards", "round": rnd, "proposals": proposals, "units": units,
        "forms": [(f, svc.form_label(f)) for f in rnd.forms],
        "transitions": [t for t in ROUND.available(rnd.state) if allowed(scope, t.permission, rnd)],
        "can_route": allowed(scope, "proposal.route", proposals[0]) if proposals else False,
        "grounds": SIMPLIFIED_GROUNDS.items(),
        "appraised": [p for p in proposals if p.state == "appraised" and svc.posting_required(p.form)],
        "postings": rnd.postings.prefetch_related("proposals", "comments"),
        "sessions": rnd.sessions.select_related("council"),
        "councils": sel.council_list_for_user(scope) if allowed(scope, "round.manage", rnd) else [],
    })


@login_required
@require_POST
def round_move(request, pk: int, transition: str):
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    try:
        svc.round_transition(actor=actor_of(request), scope=scope, round=rnd, transition=transition,
                             reason=request.POST.get("reason", ""))
        messages.success(request, "Đã cập nhật trạng thái đợt.")
    except KeyError:
        raise Http404 from None
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


def _unit_in(scope, rnd, code: str) -> Unit:
    unit = Unit.objects.filter(code=(code or "").strip().upper(), path__startswith=rnd.unit.path).first()
    if unit is None or not scope.can_unit(unit, "view"):
        raise ValidationError({"unit": MSG_UNIT_NOT_FOUND})
    return unit


@login_required
@require_POST
def propose(request, pk: int):
    """One by one (a person by citizen ID, or a collective by unit code)."""
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    try:
        unit = _unit_in(scope, rnd, request.POST.get("unit", ""))
        cid = (request.POST.get("citizen_id") or "").strip()
        person = collective = None
        if cid:
            person = Person.objects.filter(citizen_id=cid).first()
            if person is None or not scope.can_person(person):
                raise ValidationError({"citizen_id": MSG_PERSON_NOT_FOUND})
        else:
            collective = _unit_in(scope, rnd, request.POST.get("collective", "")) \
                if request.POST.get("collective") else None
        p = svc.proposal_create(actor=actor_of(request), scope=scope, round=rnd, proposing_unit=unit,
                                form=request.POST.get("form", ""), person=person, collective=collective,
                                simplified_ground=request.POST.get("simplified_ground", ""))
        messages.success(request, f"Đã đề nghị {p.subject_name}: {svc.form_label(p.form)}.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


@login_required
@require_POST
def propose_bulk(request, pk: int):
    """Everyone of a unit the engine finds eligible for the chosen titles, in one action."""
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    try:
        unit = _unit_in(scope, rnd, request.POST.get("unit", ""))
        out = svc.proposal_bulk_create(actor=actor_of(request), scope=scope, round=rnd, proposing_unit=unit,
                                       forms=request.POST.getlist("forms"))
        messages.success(request, f"Đã đề nghị {out['created']} trường hợp đủ điều kiện; "
                                  f"bỏ qua {len(out['skipped'])} trường hợp.")
        for s in out["skipped"][:10]:
            messages.info(request, s["reason"])
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


@login_required
@require_POST
def propose_xlsx(request, pk: int):
    """A list of people and titles from Excel: every row goes through the same checks, all or nothing."""
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    try:
        unit = _unit_in(scope, rnd, request.POST.get("unit", ""))
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": svc.MSG_XLSX_EMPTY})
        n = svc.proposal_import(actor=actor_of(request), scope=scope, round=rnd, proposing_unit=unit, upload=upload)
        messages.success(request, f"Đã đề nghị {n} trường hợp từ tệp Excel.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


@login_required
def proposal_detail(request, pk: int):
    scope = scope_of(request)
    p = sel.proposal_get_for_user(scope, pk)
    _labels(p)
    answer = (p.answer or {}).get("answer") or {}
    events = list(p.events.all())
    for e in events:
        e.to_label = PROPOSAL.states.get(e.to_state, "")
        e.reason_label = RETURN_REASONS.get(e.reason_code, "")
        e.what = {"create": "Đề nghị"}.get(e.transition) or next(
            (t.label for t in PROPOSAL.transitions if t.name == e.transition), "")
    return render(request, "commendations/proposal_detail.html", {
        "nav": "awards", "p": p, "answer": answer, "events": events, "attachments": p.attachments.all(),
        "transitions": svc.allowed_transitions(scope, p), "reasons": RETURN_REASONS.items(),
        "ground": SIMPLIFIED_GROUNDS.get(p.simplified_ground, ""), "can_attach": allowed(scope, "proposal.own", p),
        "can_edit": allowed(scope, "proposal.own", p) and p.state in ("submitted", "returned"),
        "minutes_date": _vn(p.minutes.get("date")) if p.minutes else "",
        "comments": p.comments.all(),
    })


@login_required
@require_POST
def proposal_move(request, pk: int, transition: str):
    scope = scope_of(request)
    p = sel.proposal_get_for_user(scope, pk)
    try:
        svc.proposal_transition(actor=actor_of(request), scope=scope, proposal=p, transition=transition,
                                reason=request.POST.get("reason", ""), reason_code=request.POST.get("reason_code", ""))
        messages.success(request, "Đã cập nhật hồ sơ.")
    except KeyError:
        raise Http404 from None
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:proposal_detail", pk=p.pk)


@login_required
@require_POST
def proposal_dossier(request, pk: int):
    """The unit edits its dossier while it is with it: the achievement report and its meeting's vote."""
    scope = scope_of(request)
    p = sel.proposal_get_for_user(scope, pk)
    minutes = {k: request.POST.get(f"minutes_{k}", "").strip() for k in ("total", "present", "agree", "date")}
    try:
        svc.proposal_update_dossier(actor=actor_of(request), scope=scope, proposal=p, report=request.POST.get("report"),
                                    minutes=minutes if any(minutes.values()) else None)
        messages.success(request, "Đã lưu hồ sơ.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:proposal_detail", pk=p.pk)


@login_required
@require_POST
def proposal_attach(request, pk: int):
    scope = scope_of(request)
    p = sel.proposal_get_for_user(scope, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": svc.MSG_FILE_EMPTY})
        svc.proposal_attach(actor=actor_of(request), scope=scope, proposal=p, upload=upload)
        messages.success(request, "Đã đính kèm tệp.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:proposal_detail", pk=p.pk)


@login_required
@require_POST
def posting_create(request, pk: int):
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    ids = [int(x) for x in request.POST.getlist("proposals") if x.isdigit()]
    try:
        svc.posting_create(actor=actor_of(request), scope=scope, round=rnd,
                           proposals=list(rnd.proposals.filter(pk__in=ids)), where=request.POST.get("where", ""),
                           starts_on=datetime.date.today())
        messages.success(request, "Đã đăng công khai danh sách lấy ý kiến.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


@login_required
@require_POST
def session_create(request, pk: int):
    scope = scope_of(request)
    rnd = sel.round_get_for_user(scope, pk)
    council = next((c for c in sel.council_list_for_user(scope) if str(c.pk) == request.POST.get("council")), None)
    try:
        if council is None:
            raise ValidationError({"council": "Cần chọn Hội đồng."})
        try:
            meets_on = datetime.datetime.strptime(request.POST.get("meets_on", ""), "%d/%m/%Y").date()
        except ValueError:
            raise ValidationError({"meets_on": "Ngày họp không hợp lệ (dd/mm/yyyy)."}) from None
        caps = {f: request.POST.get(f"cap_{f}", "").strip() for f in rnd.forms}
        s = cs.session_create(actor=actor_of(request), scope=scope, council=council, round=rnd, meets_on=meets_on,
                              caps=caps)
        return redirect("commendations:session_detail", pk=s.pk)
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:round_detail", pk=rnd.pk)


@login_required
def session_detail(request, pk: int):
    """The council's page: members and attendance, the agenda with each nominee's papers, the ballots
    received so far (the tallies once the vote is closed), the result."""
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    result = cs.session_result(s)
    manage = allowed(scope, "session.manage", s)
    member = sel.member_of(scope, s.council)
    voted = s.receipts.filter(member=member).exists() if member else False
    attendance = list(s.attendance.select_related("member"))
    candidates = []
    if manage and s.state == "preparing":
        on = set(s.nominees.values_list("proposal_id", flat=True))
        candidates = [p for p in s.round.proposals.filter(state__in=["appraised", "posted"]) if p.pk not in on]
        for p in candidates:
            _labels(p)
    return render(request, "commendations/session_detail.html", {
        "nav": "awards", "s": s, "r": result, "manage": manage, "member": member, "voted": voted,
        "state_label": SESSION.states[s.state], "attendance": attendance, "statuses": Attendance.choices,
        "candidates": candidates, "missing": cs.missing_voters(s) if s.state == "voting" else [],
        "secretary": allowed(scope, "session.paper_ballots", s), **vc.session_ties(scope, s),
        "decisions": [d for d in s.decisions.select_related("document") if allowed(scope, "decision.view", d)]
        if s.state == "closed" else [],
        "can_draft_decision": s.state == "closed" and manage and allowed(scope, "decision.manage", s),
        "can_documents": allowed(scope, "documents.use"),
    })


@login_required
def session_count(request, pk: int):
    """The live count of ballots received (polled by the session page while the vote is open)."""
    s = sel.session_get_for_user(scope_of(request), pk)
    return render(request, "commendations/_ballot_count.html", {"s": s})


@login_required
@require_POST
def session_attendance(request, pk: int):
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    present = [k.split("_", 1)[1] for k, v in request.POST.items() if k.startswith("m_") and v == "present"]
    written = [k.split("_", 1)[1] for k, v in request.POST.items() if k.startswith("m_") and v == "written"]
    try:
        cs.session_attendance_set(actor=actor_of(request), scope=scope, session=s,
                                  present=[int(x) for x in present if x.isdigit()],
                                  written=[int(x) for x in written if x.isdigit()])
        messages.success(request, "Đã ghi nhận thành phần dự họp.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


@login_required
@require_POST
def session_agenda(request, pk: int):
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    ids = [int(x) for x in request.POST.getlist("proposals") if x.isdigit()]
    try:
        n = cs.session_agenda_add(actor=actor_of(request), scope=scope, session=s,
                                  proposals=list(s.round.proposals.filter(pk__in=ids)))
        messages.success(request, f"Đã đưa {n} hồ sơ ra Hội đồng.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


@login_required
@require_POST
def session_move(request, pk: int, transition: str):
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    try:
        cs.session_transition(actor=actor_of(request), scope=scope, session=s, transition=transition,
                              reason=request.POST.get("reason", ""))
        messages.success(request, "Đã cập nhật phiên họp.")
    except KeyError:
        raise Http404 from None
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)


@login_required
def ballot(request, pk: int):
    """The member's ballot (phone-first): one choice per nominee, sent once."""
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    member = sel.member_of(scope, s.council)
    if member is None:
        raise Http404
    if request.method == "POST":
        choices = {k[2:]: v for k, v in request.POST.items() if k.startswith("n_")}
        try:
            cs.ballot_cast(actor=actor_of(request), scope=scope, session=s, choices=choices)
            messages.success(request, MSG_BALLOT_DONE)
            return redirect("commendations:session_detail", pk=s.pk)
        except (ValidationError, PermissionDenied) as exc:
            message_errors(request, exc)
    nominees = list(s.nominees.select_related("proposal__proposing_unit"))
    for n in nominees:
        _labels(n.proposal)
    return render(request, "commendations/ballot.html", {
        "nav": "awards", "s": s, "nominees": nominees, "member": member,
        "voted": s.receipts.filter(member=member).exists(), "state_label": SESSION.states[s.state]})


@login_required
@require_POST
def paper_ballots(request, pk: int):
    """The secretary enters one paper ballot (or one absent member's written opinion) at a time."""
    scope = scope_of(request)
    s = sel.session_get_for_user(scope, pk)
    how = "written" if request.POST.get("how") == "written" else "paper"
    member = s.council.members.filter(pk=request.POST.get("member") or 0).first()
    choices = {k[2:]: v for k, v in request.POST.items() if k.startswith("n_")}
    try:
        if member is None:
            raise ValidationError({"members": "Cần chọn thành viên đã nộp phiếu."})
        cs.ballots_enter(actor=actor_of(request), scope=scope, session=s, members=[member], ballots=[choices],
                         how=how)
        messages.success(request, "Đã nhập phiếu.")
    except (ValidationError, PermissionDenied) as exc:
        message_errors(request, exc)
    return redirect("commendations:session_detail", pk=s.pk)

