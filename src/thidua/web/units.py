import datetime
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from thidua.audit.selectors import audit_for_object
from thidua.audit.versioning import cached, data_version
from thidua.common.numbers import vn_number
from thidua.common.permissions import allowed
from thidua.common.text import fold
from thidua.common.web import actor_of, apply_errors, scope_of
from thidua.organizations import forms as f
from thidua.organizations import selectors as sel
from thidua.organizations import services as svc
from thidua.organizations.models import PartyOrg, Unit
from thidua.organizations.permissions import CLUSTER_EDIT, PARTY_ORG_EDIT, UNIT_EDIT
from thidua.people import restructure
from thidua.people import selectors as people_selectors
from thidua.people.models import Person
from thidua.records import grading
from thidua.records.models import YearRecord
from thidua.records.permissions import HISTORY_EDIT
from thidua.records.selectors import history_for_units

TREE_LEVELS = 2  # levels of the unit tree shown at first (?all=1: every unit)


@login_required
def unit_tree(request):
    scope = scope_of(request)
    show_closed = request.GET.get("closed") == "1"
    q = fold(request.GET.get("q", ""))
    show_all = request.GET.get("all") == "1"
    # the same for every user of the same reach, until the data changes
    tree = cached("unit-tree", (scope.view_key(), show_closed, q, show_all),
                  lambda: _tree(scope, show_closed, q, show_all))
    return render(request, "organizations/unit_tree.html", {
        **tree, "q": request.GET.get("q", ""), "show_closed": show_closed, "nav": "units", "show_all": show_all,
        "tree_levels": TREE_LEVELS, "can_create_root": scope.is_admin, "form": f.UnitCreateForm(),
    })


def _tree(scope, show_closed: bool, q: str, show_all: bool) -> dict:
    rows = sel.unit_tree_for_user(scope, include_closed=show_closed,
                                 people_per_unit=cached("people-per-unit", (), people_selectors.people_count_by_unit))
    n_units = len(rows)
    if q:
        rows = [r for r in rows if q in r["unit"].name_folded or q in r["unit"].code.lower()]
    elif not show_all:  # the first levels only (a province: ~120 of ~2,000 units); each unit page lists its own
        rows = [r for r in rows if r["level"] < TREE_LEVELS]
    return {"n_rows": len(rows), "tree_html": _tree_html(rows), "n_units": n_units,
            "partial": len(rows) < n_units and not q}


def _tree_html(rows) -> str:
    """The tree's rows rendered in one pass (2,000 units: a template loop with tags per row is too slow)."""
    base = reverse("organizations:unit_tree")
    closed, units_word, people_word = _("hết hiệu lực"), _("đơn vị"), _("người")

    def row(r):
        u = r["unit"]
        badge = format_html(' <span class="badge closed">{} {}</span>', closed, u.valid_to.strftime("%d/%m/%Y")) \
            if u.valid_to else ""
        count = (f"{vn_number(r['children'])} {units_word} · " if r["children"] else "") + f"{vn_number(r['people'])} {people_word}"
        return (r["level"], r["level"], u.code, base, quote(u.code), u.name, badge, count)

    return format_html_join(
        "\n", '<li style="margin-left:{}rem" data-level="{}"><span class="code">{}</span>'
        '<a href="{}{}/">{}</a>{}<span class="count">{}</span></li>', (row(r) for r in rows))


def _unit_facts(unit) -> dict:
    """What the unit page shows of the unit, the same for every user who may open it (cached under the data
    version): its place in the tree, successions and lineage, head counts, history, organisations, audit."""
    successions = sel.unit_successions(unit)
    lineage = sel.unit_lineage(unit, successions)
    counts = Person.objects.filter(unit_path__startswith=unit.path).aggregate(
        total=Count("pk"), direct=Count("pk", filter=Q(unit_id=unit.pk)))
    return {
        "ancestors": list(Unit.objects.filter(pk__in=[int(x) for x in unit.path.strip("/").split("/")[:-1]]).order_by("depth")),
        "children": list(unit.children.order_by("valid_to", "sort_order", "name")),
        "n_people": counts["total"],
        "n_direct": counts["direct"],
        "successions": successions,
        "lineage": [u for u in lineage if u.pk != unit.pk],
        "history": history_for_units(lineage),
        "party_orgs": list(unit.party_orgs.all()),
        "clusters": list(unit.cluster_memberships.select_related("cluster").order_by("-year")[:10]),
        "audit": audit_for_object(unit),
    }


def _unit_context(request, unit):
    scope = scope_of(request)
    can_edit_history = allowed(scope, HISTORY_EDIT, YearRecord(unit=unit))
    version = data_version()
    facts = cached("unit-page", (unit.pk,), lambda: _unit_facts(unit), version=version)
    # the page's facts as HTML, the same for every user of the same reach (its links follow what the reader may
    # open) and the same right to edit the history (its edit links): rendered once per data version
    facts_html = cached("unit-page-html", (unit.pk, scope.view_key(), can_edit_history), lambda: render_to_string(
        "organizations/_unit_facts.html", {**facts, "unit": unit, "scope": scope, "can_edit_history": can_edit_history}),
        version=version)
    audit_html = cached("unit-page-audit", (unit.pk,), lambda: render_to_string(
        "includes/audit.html", {"audit": facts["audit"]}), version=version)
    return {
        "unit": unit, "nav": "units", **facts, "facts_html": facts_html, "audit_html": audit_html,
        "can_edit": allowed(scope, UNIT_EDIT, unit),
        "can_edit_history": can_edit_history,
        "grade_years": _grade_years(scope, unit),
        "forms": _action_forms(version) if allowed(scope, UNIT_EDIT, unit) else {},
    }


def _action_forms(version: int) -> dict:
    """The empty forms of the organisation changes, their fields rendered once per data version (the same for every
    unit: they hold no unit's data); a form sent back with errors is rendered from itself (unit_action)."""
    html = cached("unit-action-forms", (), lambda: {
        key: render_to_string("includes/form_fields.html", {"form": form(prefix=key)}) for key, form in ACTIONS.items()},
        version=version)
    forms = {}
    for key, form in ACTIONS.items():
        forms[key] = form(prefix=key)
        forms[key].fields_html = html[key]
    return forms


def _grade_years(scope, unit) -> list[dict]:
    """The last four years' grading state, with the transitions this user may make."""
    this_year = datetime.date.today().year
    rows = grading.grade_years_for_unit(unit, list(range(this_year, this_year - 4, -1)))
    for row in rows:
        row["actions"] = [t for t in row["transitions"] if allowed(scope, t.permission, row["row"])]
    return rows


@login_required
def grade_year_transition(request, code, year, transition):
    """POST: lock or reopen a unit's grading of one year (records.workflows.GRADE_YEAR)."""
    if request.method != "POST":
        return redirect("organizations:unit_detail", code=code)
    scope = scope_of(request)
    unit = sel.unit_get_for_user(scope, code=code)
    if transition not in {t.name for t in grading.GRADE_YEAR.transitions}:
        raise Http404()
    try:
        row = grading.grade_year_transition(actor=actor_of(request), scope=scope, unit=unit, year=year,
                                            transition=transition, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"Năm {year}: {message}")
    else:
        messages.success(request, f"Năm {year}: {grading.GRADE_YEAR.states[row.state].lower()}.")
    return redirect(reverse("organizations:unit_detail", args=[unit.code]) + "#xep-loai")


@login_required
def unit_detail(request, code):
    unit = sel.unit_get_for_user(scope_of(request), code=code)
    return render(request, "organizations/unit_detail.html", _unit_context(request, unit))


ACTIONS = {
    "create": f.UnitCreateForm, "rename": f.UnitRenameForm, "merge": f.UnitMergeForm,
    "split": f.UnitSplitForm, "dissolve": f.UnitDissolveForm,
}


def _run_action(request, action, unit, d):
    actor, scope = actor_of(request), scope_of(request)
    if action == "create":
        return svc.unit_create(actor=actor, scope=scope, parent=unit, **d)
    if action == "rename":
        return svc.unit_rename(actor=actor, scope=scope, unit=unit, **d)
    if action == "dissolve":
        return svc.unit_dissolve(actor=actor, scope=scope, unit=unit, **d)
    if action == "split":
        return restructure.unit_split(actor=actor, scope=scope, unit=unit, parts=d["parts"], date=d["date"],
                              decision_no=d["decision_no"])[0]
    others = f.codes_to_units(d["other_codes"], "other_codes")
    into = f.codes_to_units(d["into_code"], "into_code")[0] if d["into_code"] else None
    return restructure.unit_merge(actor=actor, scope=scope, units=[unit, *others], into=into, date=d["date"],
                          new_code=d["new_code"], new_name=d["new_name"], decision_no=d["decision_no"])


@login_required
def unit_action(request, code, action):
    scope = scope_of(request)
    if action not in ACTIONS:
        raise Http404()
    if code == "_root":
        unit = None
        if not scope.is_admin:
            raise PermissionDenied
    else:
        unit = sel.unit_get_for_user(scope, code=code)
    form = ACTIONS[action](request.POST or None, prefix=None if unit is None else action)
    if request.method == "POST" and form.is_valid():
        try:
            result = _run_action(request, action, unit, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("organizations:unit_detail", code=result.code)
    if unit is None:
        return render(request, "organizations/unit_form.html", {"form": form, "action": action, "unit": None},
                      status=400 if request.method == "POST" else 200)
    ctx = _unit_context(request, unit)
    ctx["forms"][action] = form
    ctx["open_action"] = action
    return render(request, "organizations/unit_detail.html", ctx, status=400 if request.method == "POST" else 200)


@login_required
def cluster_list(request):
    scope = scope_of(request)
    form = f.ClusterCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            c = svc.cluster_create(actor=actor_of(request), scope=scope, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("organizations:cluster_detail", code=c.code)
    return render(request, "organizations/cluster_list.html", {
        "clusters": sel.cluster_list_for_user(scope), "nav": "clusters", "form": form,
        "can_create": scope.is_admin,
    }, status=400 if request.method == "POST" else 200)


@login_required
def cluster_detail(request, code):
    scope = scope_of(request)
    cluster = sel.cluster_get_for_user(scope, code=code)
    form = f.ClusterYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            members = f.codes_to_units(d["member_codes"], "member_codes")
            head = f.codes_to_units(d["head_code"], "head_code")[0] if d["head_code"] else None
            deputies = f.codes_to_units(d["deputy_codes"], "deputy_codes") if d["deputy_codes"] else []
            svc.cluster_set_year(actor=actor_of(request), scope=scope, cluster=cluster, year=d["year"],
                                 members=members, head=head, deputies=deputies)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Đã lưu thành viên và khối trưởng, khối phó.")
            return redirect("organizations:cluster_detail", code=code)
    return render(request, "organizations/cluster_detail.html", {
        "cluster": cluster, "years": sel.cluster_years(cluster), "nav": "clusters", "form": form,
        "can_edit": allowed(scope, CLUSTER_EDIT, cluster), "audit": audit_for_object(cluster),
    }, status=400 if request.method == "POST" else 200)


@login_required
def party_list(request):
    scope = scope_of(request)
    form = f.PartyOrgCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            parent = PartyOrg.objects.filter(code=d["parent_code"].strip().upper()).first() if d["parent_code"] else None
            if d["parent_code"] and parent is None:
                raise ValidationError({"parent_code": "Mã tổ chức đảng cấp trên không tồn tại."})
            unit = f.codes_to_units(d["unit_code"], "unit_code")[0] if d["unit_code"] else None
            org = svc.party_org_create(actor=actor_of(request), scope=scope, code=d["code"], name=d["name"],
                                       kind=d["kind"], parent=parent, unit=unit)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("organizations:party_detail", code=org.code)
    orgs = list(sel.party_org_list_for_user(scope))
    min_depth = min((o.depth for o in orgs), default=0)
    return render(request, "organizations/party_list.html", {
        "rows": [{"org": o, "level": o.depth - min_depth} for o in orgs], "nav": "party", "form": form,
        "can_create": scope.has("edit_party"),
    }, status=400 if request.method == "POST" else 200)


@login_required
def party_detail(request, code):
    scope = scope_of(request)
    org = sel.party_org_get_for_user(scope, code=code)
    form = f.PartyCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        successor = PartyOrg.objects.filter(code=d["successor_code"].strip().upper()).first() \
            if d["successor_code"] else None
        try:
            if d["successor_code"] and successor is None:
                raise ValidationError({"successor_code": "Mã tổ chức đảng không tồn tại."})
            restructure.party_org_close(actor=actor_of(request), scope=scope, org=org, date=d["date"], successor=successor)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận tổ chức đảng hết hiệu lực.")
            return redirect("organizations:party_detail", code=code)
    can_edit = allowed(scope, PARTY_ORG_EDIT, org)
    return render(request, "organizations/party_detail.html", {
        "org": org, "nav": "party", "children": org.children.all(), "form": form, "can_edit": can_edit,
        "n_members": Person.objects.filter(party_path__startswith=org.path).count(),
        "audit": audit_for_object(org),
    }, status=400 if request.method == "POST" else 200)
