import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from thidua.audit.selectors import audit_for_object
from thidua.audit.versioning import cached, data_version
from thidua.common.permissions import allowed, require
from thidua.common.web import actor_of, apply_errors, paginate, query_without_page, scope_of
from thidua.common.xlsx import xlsx_response
from thidua.organizations.models import Unit
from thidua.organizations.selectors import unit_get_for_user
from thidua.people import forms as f
from thidua.people import selectors as sel
from thidua.people import services as svc
from thidua.people.models import Leave, PartyMembership, Posting, StaffType
from thidua.people.permissions import PERSON_EDIT
from thidua.records import forms as history_forms
from thidua.records import services as history
from thidua.records.models import YearRecord
from thidua.records.permissions import HISTORY_EDIT
from thidua.records.selectors import history_for_person, history_get_for_user

FILTERS = ("q", "unit", "staff_type", "position", "leader", "party", "party_org")


def _filtered(request):
    g = request.GET
    return sel.person_list_for_user(
        scope_of(request), q=g.get("q", ""), unit_code=g.get("unit", ""), staff_type=g.get("staff_type", ""),
        position=g.get("position", ""), leader=g.get("leader", ""), party=g.get("party", ""),
        party_code=g.get("party_org", ""),
    )


@login_required
def person_list(request):
    scope = scope_of(request)
    if not scope.has("view"):
        if scope.person_id:  # a staff member's list is their own record
            return redirect("people:person_detail", pk=scope.person_id)
        raise PermissionDenied
    # the rows are the same for every user of the same reach and query, until the data changes
    rows = cached("people-rows", (scope.view_key(), request.GET.urlencode()),
                  lambda: _person_rows(request, scope))
    if request.htmx:
        return HttpResponse(rows)
    return render(request, "people/person_list.html", {
        "rows": rows, "nav": "people", "filters": {k: request.GET.get(k, "") for k in FILTERS},
        "staff_types": StaffType.choices, "can_create": scope.has("edit_people"),
        "query": query_without_page(request)})


def _person_rows(request, scope) -> str:
    qs = _filtered(request)
    total = qs.count()
    page = paginate(request, sel.people_in_name_order(qs, total), per_page=50, count=total)
    g = request.GET
    filter_errors = sel.person_filter_problems(
        scope, unit_code=g.get("unit", ""), party_code=g.get("party_org", ""), staff_type=g.get("staff_type", ""),
        leader=g.get("leader", ""), party=g.get("party", ""))
    return render_to_string("people/_person_rows.html", {
        "page": page, "filter_errors": filter_errors, "query": query_without_page(request), "scope": scope})


EXPORT_HEADERS = ["Số CCCD", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Đơn vị", "Chức vụ", "Loại cán bộ",
                  "Lãnh đạo", "Đảng viên"]


@login_required
def person_export(request):
    qs = _filtered(request).values_list("citizen_id", "full_name", "birth_date", "unit__code", "unit__name",
                                        "position", "staff_type", "is_leader", "is_party_member")
    labels = dict(StaffType.choices)
    rows = ((c, n, b, uc, un, p, labels.get(s, s), "x" if lead else "", "x" if party else "")
            for c, n, b, uc, un, p, s, lead, party in qs.iterator(chunk_size=5000))
    return xlsx_response("danh-sach-ca-nhan.xlsx", "Cá nhân", EXPORT_HEADERS, rows)


def _person_facts(person) -> dict:
    """What the person page shows of the person, the same for every user who may open it (cached under the
    data version): postings, party memberships, leave, yearly history, audit."""
    return {
        "postings": list(Posting.objects.filter(person=person).select_related("unit").order_by("-start")),
        "memberships": list(PartyMembership.objects.filter(person=person).select_related("party_org")
                            .order_by("-start")),
        "leaves": list(Leave.objects.filter(person=person).order_by("-start")),
        "history": history_for_person(person),
        "audit": audit_for_object(person),
    }


@login_required
def person_detail(request, pk):
    scope = scope_of(request)
    person = sel.person_get_for_user(scope, pk)
    version = data_version()
    facts = cached("person-page", (person.pk,), lambda: _person_facts(person), version=version)
    can_edit_history = allowed(scope, HISTORY_EDIT, YearRecord(person=person))
    # the history table and the audit as HTML: the same for everyone with the same right to edit the history
    history_html = cached("person-page-history", (person.pk, can_edit_history), lambda: render_to_string(
        "people/_person_history.html", {"history": facts["history"], "can_edit_history": can_edit_history}),
        version=version)
    audit_html = cached("person-page-audit", (person.pk,), lambda: render_to_string(
        "includes/audit.html", {"audit": facts["audit"]}), version=version)
    ctx = {
        "person": person, "nav": "people", **facts, "history_html": history_html, "audit_html": audit_html,
        "can_edit": allowed(scope, PERSON_EDIT, person),
        "can_edit_history": allowed(scope, HISTORY_EDIT, YearRecord(person=person)),
        "transfer_form": f.TransferForm(prefix="t"), "leave_form": f.LeaveForm(prefix="l"),
    }
    return render(request, "people/person_detail.html", ctx)


@login_required
def person_create(request):
    scope = scope_of(request)
    if not scope.has("edit_people"):
        raise PermissionDenied
    form = f.PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            person = svc.person_create(actor=actor_of(request), scope=scope, unit=_unit_by_code(d.pop("unit_code")),
                                       **d)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Đã thêm cá nhân.")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": "Thêm cá nhân", "nav": "people"},
                  status=400 if request.method == "POST" else 200)


MSG_UNIT_UNKNOWN = "Mã đơn vị không tồn tại."


def _unit_by_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code.strip().upper()).first()
    if unit is None:
        raise ValidationError({"unit_code": MSG_UNIT_UNKNOWN})
    return unit


def _person_form(request, person, form, title: str, action, success: str):
    """POST: validate, call the service through `action(cleaned_data)`, back to the person page."""
    if request.method == "POST" and form.is_valid():
        try:
            action(dict(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "title": f"{title}: {person}", "nav": "people",
                                                "person": person}, status=400 if request.method == "POST" else 200)


@login_required
def person_edit(request, pk):
    scope = scope_of(request)
    person = sel.person_get_for_user(scope, pk)
    require(scope, PERSON_EDIT, person)
    initial = model_to_dict(person, fields=[n for n in f.PersonEditForm.base_fields if n != "reason"])

    def save(d):
        reason = d.pop("reason")
        changes = {k: v for k, v in d.items() if v != initial.get(k) and not (v in ("", None) and not initial.get(k))}
        svc.person_update(actor=actor_of(request), scope=scope, person=person, reason=reason, **changes)

    return _person_form(request, person, f.PersonEditForm(request.POST or None, initial=initial, person=person), "Sửa hồ sơ",
                        save, "Đã lưu.")


@login_required
def person_transfer(request, pk):
    scope = scope_of(request)
    person = sel.person_get_for_user(scope, pk)

    def transfer(d):
        unit = _unit_by_code(d.pop("unit_code"))
        svc.posting_open(actor=actor_of(request), scope=scope, person=person, unit=unit, **d)

    return _person_form(request, person, f.TransferForm(request.POST or None, prefix="t", person=person), "Điều chuyển", transfer,
                        "Đã điều chuyển; quá trình công tác cũ được đóng lại.")


@login_required
def person_leave(request, pk):
    scope = scope_of(request)
    person = sel.person_get_for_user(scope, pk)
    return _person_form(request, person, f.LeaveForm(request.POST or None, prefix="l"), "Thêm thời gian nghỉ",
                        lambda d: svc.leave_add(actor=actor_of(request), scope=scope, person=person, **d),
                        "Đã thêm thời gian nghỉ.")


def _history_form(kind, subject_is_unit, *args, **kwargs):
    if kind not in history_forms.HISTORY_FORMS:
        raise Http404()
    model, form_cls, title = history_forms.HISTORY_FORMS[kind]
    if form_cls is history_forms.AwardForm:
        kwargs["collective"] = subject_is_unit
    return model, form_cls(*args, **kwargs), title


def _fact_ready(request, form, subject, fact_of=lambda form: form.instance) -> bool:
    """Parse every field, then add the service's database rules (grade-year lock, duplicate key) on
    what parsed, so that one answer lists every problem; True when the form is fit for the service."""
    form.is_valid()
    fact = fact_of(form)
    if isinstance(subject, Unit):
        fact.unit, fact.person = subject, None
    else:
        fact.person, fact.unit = subject, None
    for field, message in history.fact_conflicts(scope_of(request), fact, exclude=set(form.errors)):
        form.add_error(field if field in form.fields else None, message)
    return not form.errors


def _history_add(request, subject, kind, back):
    model, form, title = _history_form(kind, isinstance(subject, Unit), request.POST or None)
    if request.method == "POST" and _fact_ready(request, form, subject):
        try:
            history.history_add(actor=actor_of(request), scope=scope_of(request), model=model, subject=subject,
                                **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Đã thêm: {title.lower()} năm {form.cleaned_data['year']}.")
            return back
    return render(request, "people/history_form.html", {
        "form": form, "title": title, "subject": subject, "kind": kind, "kinds": history_forms.HISTORY_FORMS,
        "is_unit": isinstance(subject, Unit),
    }, status=400 if request.method == "POST" else 200)


@login_required
def person_history_add(request, pk, kind="yearrecord"):
    scope = scope_of(request)
    person = sel.person_get_for_user(scope, pk)
    require(scope, HISTORY_EDIT, YearRecord(person=person))
    return _history_add(request, person, kind, redirect("people:person_detail", pk=pk))


@login_required
def unit_history_add(request, code, kind="yearrecord"):
    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code)
    require(scope, HISTORY_EDIT, YearRecord(unit=unit))
    return _history_add(request, unit, kind, redirect("organizations:unit_detail", code=code))


def _with_changes(obj, data):
    """A copy of a stored fact with the form's parsed values (to check its key before writing)."""
    fact = copy.copy(obj)
    for key, value in data.items():
        setattr(fact, key, value)
    return fact


@login_required
def history_edit(request, kind, pk):
    scope = scope_of(request)
    if kind not in history_forms.HISTORY_FORMS:
        raise Http404()
    model = history_forms.HISTORY_FORMS[kind][0]
    obj = history_get_for_user(scope, kind=kind, pk=pk)
    subject = obj.subject
    initial = model_to_dict(obj, fields=list(history.EDITABLE[model]))
    _, form, title = _history_form(kind, isinstance(subject, Unit), request.POST or None, initial=initial)
    reason = request.POST.get("reason", "")
    back = (redirect("organizations:unit_detail", code=subject.code) if isinstance(subject, Unit)
            else redirect("people:person_detail", pk=subject.pk))
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                history.history_delete(actor=actor_of(request), scope=scope, obj=obj, reason=reason)
                messages.success(request, "Đã xóa bản ghi (có lưu nhật ký).")
                return back
            ready = _fact_ready(request, form, subject, lambda form: _with_changes(obj, form.cleaned_data))
            if not reason.strip():  # the service's rule, with the fields' problems
                form.add_error(None, history.MSG_REASON)
            elif ready:
                changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
                history.history_update(actor=actor_of(request), scope=scope, obj=obj, reason=reason, **changes)
                messages.success(request, "Đã sửa bản ghi (có lưu nhật ký).")
                return back
        except ValidationError as exc:
            if "reason" in getattr(exc, "error_dict", {}):
                form.add_error(None, exc.error_dict["reason"][0].messages[0])
            else:
                apply_errors(form, exc)
    return render(request, "people/history_form.html", {
        "form": form, "title": title, "subject": subject, "kind": kind, "edit": obj, "reason": reason,
        "is_unit": isinstance(subject, Unit),
    }, status=400 if request.method == "POST" else 200)


@login_required
def unit_stats_set(request, code):
    scope = scope_of(request)
    unit = unit_get_for_user(scope, code=code)
    require(scope, HISTORY_EDIT, YearRecord(unit=unit))
    form = history_forms.CollectiveStatsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            history.collective_stats_set(actor=actor_of(request), scope=scope, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu số liệu thành viên năm {form.cleaned_data['year']}.")
            return redirect("organizations:unit_detail", code=code)
    return render(request, "people/history_form.html", {
        "form": form, "title": "Số liệu thành viên của tập thể", "subject": unit, "kind": "stats",
        "kinds": history_forms.HISTORY_FORMS, "is_unit": True}, status=400 if request.method == "POST" else 200)
