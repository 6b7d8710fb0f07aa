"""Pages of the fund: the list, a ledger per owner and year with its entry forms, the settlement
(quyết toán) with its .xlsx, the bonus calculator and the bonus tables. Thin: parse, call one selector
or service, render."""
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thidua.common.permissions import allowed
from thidua.common.web import actor_of, apply_errors, scope_of
from thidua.common.xlsx import xlsx_response
from thidua.fund import forms
from thidua.fund import selectors as sel
from thidua.fund import services as svc
from thidua.fund.permissions import FUND_TABLES_EDIT, FUND_WRITE
from thidua.organizations.models import Unit
from thidua.rules import bonus as bonus_rules
from thidua.rules import fund as fund_rules
from thidua.rules.bonus import vnd

ROWS_PER_PAGE = 100
MSG_SAVED = "Đã ghi vào sổ quỹ: {what} {amount}."
MSG_CARRIED = "Đã chuyển số dư năm {year} sang năm {next}."
MSG_BASE_SAVED = "Đã thêm mức lương cơ sở {amount} áp dụng từ ngày {date}."
FORMS = {
    "phan-bo": ("allocation", forms.AllocationForm),
    "dong-gop": ("contribution", forms.ContributionForm),
    "chi-thuong": ("bonus", forms.BonusPaymentForm),
    "chi-khac": ("spend", forms.SpendForm),
    "thu-hoi": ("clawback", forms.ClawbackForm),
}
TITLES = {"allocation": "Ngân sách phân bổ", "contribution": "Đóng góp, tài trợ",
          "bonus": "Chi tiền thưởng theo quyết định", "spend": "Chi hiện vật, chi tổ chức phong trào, họp xét",
          "clawback": "Thu hồi tiền thưởng"}


def _need_view(request):
    scope = scope_of(request)
    if not scope.has("view"):
        raise PermissionDenied
    return scope


def _default_date(year: int) -> datetime.date:
    today = datetime.date.today()
    return today if today.year == year else datetime.date(year, 12, 31 if year < today.year else 1)


@login_required
def index(request):
    scope = _need_view(request)
    owners = sel.owners_writable_by(scope)
    form = forms.OpenLedgerForm(request.GET or None, owners=owners,
                                initial={"year": datetime.date.today().year})
    if request.GET and form.is_valid():
        return redirect("fund:ledger", code=form.cleaned_data["owner"], year=form.cleaned_data["year"])
    return render(request, "fund/index.html", {"nav": "fund", "funds": sel.funds_for_user(scope), "form": form,
                                               "owners": owners})


def _form_extra(name: str, owner, payments) -> dict:
    if name == "bonus":
        return {"owner": owner, "levels": sel.decision_levels(owner)}
    return {"payments": payments} if name == "clawback" else {}


def _ledger_context(request, code, year, bound: dict | None = None) -> dict:
    scope = scope_of(request)
    owner, ledger = sel.fund_get_for_user(scope, code, year)
    can_write = allowed(scope, FUND_WRITE, owner) and not ledger.closed_at
    payments = sel.payments_of(ledger)
    initial = {"date": _default_date(ledger.year), "decision_date": _default_date(ledger.year)}
    built = []
    for slug, (name, form_class) in FORMS.items() if can_write else ():
        extra = _form_extra(name, owner, payments)
        built.append({"name": name, "title": TITLES[name], "action": reverse("fund:record", args=[owner.code,
                                                                                               ledger.year, slug]),
                      "form": (bound or {}).get(name) or form_class(initial=initial, prefix=name, **extra)})
    rows, page, balance = sel.ledger_page(ledger, request.GET.get("page"), ROWS_PER_PAGE)
    years = sorted(set(sel.ledger_years(owner)) | {datetime.date.today().year})
    return {"nav": "fund", "owner": owner, "ledger": ledger, "year": ledger.year, "rows": rows, "years": years,
            "page": page, "balance": balance, "can_write": can_write, "entry_forms": built,
            "warnings": sel.warnings_of(ledger)}


@login_required
def ledger(request, code, year):
    return render(request, "fund/ledger.html", _ledger_context(request, code, year))


def _write(request, owner, year, name, data, payments):
    writer = {"actor": actor_of(request), "scope": scope_of(request), "owner": owner, "year": year}
    if name == "allocation":
        return svc.fund_allocate(**writer, **data)
    if name == "contribution":
        return svc.fund_contribute(**writer, **data)
    if name == "bonus":
        issuer = Unit.objects.filter(code=data.pop("decision_issuer")).first()
        return svc.fund_pay_bonus(**writer, decision_issuer=issuer, **data)
    if name == "spend":
        return svc.fund_spend(**writer, **data)
    payment = next((p for p in payments if p.pk == data.pop("payment")), None)
    return svc.fund_clawback(**writer, payment=payment, **data)


@login_required
@require_POST
def record(request, code, year, kind):
    if kind not in FORMS:
        raise Http404
    name, form_class = FORMS[kind]
    owner, ledger_row = sel.fund_get_for_user(scope_of(request), code, year)
    payments = sel.payments_of(ledger_row)
    extra = _form_extra(name, owner, payments)
    form = form_class(request.POST, prefix=name, **extra)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if name == "bonus":
            data["subjects"] = data["subjects"].splitlines()
        try:
            entry = _write(request, owner, ledger_row.year, name, data, payments)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, MSG_SAVED.format(what=entry.get_kind_display().lower(), amount=vnd(entry.amount)))
            if entry.warning:
                messages.warning(request, entry.warning)
            return redirect(reverse("fund:ledger", args=[owner.code, ledger_row.year]) + "#so-quy")
    context = _ledger_context(request, code, year, bound={name: form})
    context["open_form"] = name
    return render(request, "fund/ledger.html", context)


@login_required
@require_POST
def carry_over(request, code, year):
    scope = scope_of(request)
    owner, ledger_row = sel.fund_get_for_user(scope, code, year)
    try:
        svc.fund_carry_over(actor=actor_of(request), scope=scope, owner=owner, year=ledger_row.year)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, MSG_CARRIED.format(year=ledger_row.year, next=ledger_row.year + 1))
    return redirect("fund:settlement", code=owner.code, year=ledger_row.year)


@login_required
def settlement(request, code, year):
    scope = scope_of(request)
    owner, ledger_row = sel.fund_get_for_user(scope, code, year)
    data = sel.settlement(ledger_row)
    return render(request, "fund/settlement.html", {
        "nav": "fund", "owner": owner, "year": ledger_row.year, "ledger": ledger_row, "s": data,
        "can_close": allowed(scope, FUND_WRITE, owner) and not ledger_row.closed_at})


@login_required
def settlement_xlsx(request, code, year):
    owner, ledger_row = sel.fund_get_for_user(scope_of(request), code, year)
    rows = sel.settlement_table(sel.settlement(ledger_row))
    title = f"Quyết toán quỹ TĐKT năm {ledger_row.year} — {owner.name}"
    return xlsx_response(f"quyet-toan-quy-{owner.code}-{ledger_row.year}.xlsx", f"Quyết toán {ledger_row.year}",
                         [title, "Số tiền (đồng)"], rows)


@login_required
def calculator(request):
    _need_view(request)
    form = forms.CalculatorForm(request.GET or None, initial={"decision_date": datetime.date.today(), "count": 1})
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            result = svc.compute_bonus(award_code=data["award_code"], subject_kind=data["subject_kind"],
                                       decision_date=data["decision_date"], count=data["count"],
                                       posthumous=data["posthumous"], coefficient=data["coefficient"])
        except ValidationError as error:
            apply_errors(form, error)
    template = "fund/_calculator_result.html" if request.htmx else "fund/calculator.html"
    return render(request, template, {"nav": "fund", "form": form, "result": result, "partial": bool(request.htmx),
                                      "name": bonus_rules.code_name(result.code) if result else ""})


def _tables_context(request, form=None) -> dict:
    scope = _need_view(request)
    periods = {p.code: p for p in bonus_rules.PERIODS}
    table = {}
    for row in bonus_rules.COEFFICIENTS:
        entry = table.setdefault(row.code, {"name": bonus_rules.code_name(row.code), "cells": {}, "sources": []})
        entry["cells"][(row.kind, row.period)] = ("≤ " if row.is_cap else "") + bonus_rules.vn_coef(row.hundredths)
        if row.source not in entry["sources"]:
            entry["sources"].append(row.source)
    columns = [(kind, p.code) for kind in ("individual", "collective") for p in bonus_rules.PERIODS]
    coefficients = [{"name": table[c]["name"], "cells": [table[c]["cells"].get(col, "—") for col in columns],
                     "sources": table[c]["sources"]} for c in bonus_rules.award_codes()]
    can_add = allowed(scope, FUND_TABLES_EDIT)
    return {"nav": "fund", "periods": list(periods.values()), "columns": columns, "coefficients": coefficients,
            "base_salaries": sel.base_salary_table(), "can_add": can_add,
            "form": form or (forms.BaseSalaryForm() if can_add else None), "cap_bases": fund_rules.CAP_BASES,
            "organising_share": fund_rules.ORGANISING_SHARE_PERCENT, "organising_source": fund_rules.ORGANISING_SOURCE,
            "rounding_source": bonus_rules.SOURCE_ROUNDING}


@login_required
def tables(request):
    return render(request, "fund/tables.html", _tables_context(request))


@login_required
@require_POST
def base_salary_add(request):
    form = forms.BaseSalaryForm(request.POST)
    if form.is_valid():
        try:
            row = svc.base_salary_add(actor=actor_of(request), scope=scope_of(request), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, MSG_BASE_SAVED.format(amount=vnd(row.amount),
                                                            date=row.valid_from.strftime("%d/%m/%Y")))
            return redirect("fund:tables")
    return render(request, "fund/tables.html", _tables_context(request, form))

