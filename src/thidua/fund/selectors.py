"""Reading funds: the ledger with its running balance, the balance, the yearly settlement (quyết toán),
the tables in force. Every read for a user goes through `fund_get_for_user` (404 out of scope)."""
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.permissions import allowed
from thidua.common.scope import Scope
from thidua.fund.models import PAYMENTS, RECEIPTS, BaseSalaryRate, EntryKind, FundEntry, FundYear
from thidua.fund.permissions import FUND_VIEW, FUND_WRITE
from thidua.organizations.models import Unit
from thidua.rules import bonus as bonus_rules
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

KIND_LABELS = dict(EntryKind.choices)


def base_salary_table() -> tuple[bonus_rules.BaseSalary, ...]:
    """The shipped base salaries and the ones an administrator added (one query)."""
    extra = [bonus_rules.BaseSalary(r.valid_from, r.amount, r.instrument, source=f"Quản trị nhập: {r.instrument}")
             for r in BaseSalaryRate.objects.all()]
    return bonus_rules.base_salary_table(extra)


def _totals(ledger: FundYear | None) -> dict[str, int]:
    if ledger is None or ledger.pk is None:
        return {}
    rows = ledger.entries.values("kind").annotate(total=Sum("amount")).order_by()
    return {r["kind"]: int(r["total"]) for r in rows}


def balance_of(ledger: FundYear) -> int:
    totals = _totals(ledger)
    return sum(totals.get(k, 0) for k in RECEIPTS) - sum(totals.get(k, 0) for k in PAYMENTS)


def year_receipts(ledger: FundYear) -> int:
    """The year's fund for the organising share: what came in this year, the opening balance included."""
    totals = _totals(ledger)
    return sum(totals.get(k, 0) for k in RECEIPTS)


def fund_get_for_user(scope: Scope, code: str, year) -> tuple[Unit, FundYear]:
    """The owner unit and its ledger of `year` (an unsaved, empty one when nothing was written yet)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Http404(MSG_NOT_FOUND) from None
    owner = Unit.objects.filter(code=str(code).upper()).first()
    if owner is None or not MIN_YEAR <= year <= MAX_YEAR or not allowed(scope, FUND_VIEW, owner):
        raise Http404(MSG_NOT_FOUND)
    ledger = FundYear.objects.filter(owner=owner, year=year).first() or FundYear(owner=owner, year=year)
    return owner, ledger


def ledger_rows(ledger: FundYear) -> list[dict]:
    """Entries in date order with the balance after each (one query)."""
    if ledger.pk is None:
        return []
    rows, balance = [], 0
    entries = ledger.entries.select_related("decision_issuer").order_by("date", "id")
    for entry in entries:
        balance += entry.signed_amount
        rows.append({"entry": entry, "balance": balance, "receipt": entry.amount if entry.is_receipt else None,
                     "payment": None if entry.is_receipt else entry.amount,
                     "award_name": bonus_rules.code_name(entry.award_code) if entry.award_code else ""})
    return rows


def ledger_page(ledger: FundYear, page_number, per_page: int = 100):
    """One page of the ledger (default: the last, newest) with the balance after each entry: the running
    balance comes from (kind, amount) pairs of the whole year; only the page's entries are loaded."""
    pairs = [] if ledger.pk is None else list(ledger.entries.order_by("date", "id").values_list("id", "kind", "amount"))
    paginator = Paginator(pairs, per_page)
    page = paginator.get_page(page_number or paginator.num_pages)
    start = (page.number - 1) * per_page
    balance = sum(a if k in RECEIPTS else -a for _, k, a in pairs[:start])
    ids = [pk for pk, _, _ in page.object_list]
    entries = FundEntry.objects.select_related("decision_issuer", "reverses").in_bulk(ids)
    rows = []
    for pk in ids:
        entry = entries[pk]
        balance += entry.signed_amount
        rows.append({"entry": entry, "balance": balance, "receipt": entry.amount if entry.is_receipt else None,
                     "payment": None if entry.is_receipt else entry.amount,
                     "award_name": bonus_rules.code_name(entry.award_code) if entry.award_code else ""})
    total = sum(a if k in RECEIPTS else -a for _, k, a in pairs)
    return rows, page, total


def settlement(ledger: FundYear) -> dict:
    """The yearly settlement: opening balance, receipts by source, payments by kind, closing balance."""
    totals = _totals(ledger)
    opening = totals.get(EntryKind.CARRY_IN, 0)
    receipts = [(k, KIND_LABELS[k], totals.get(k, 0)) for k in RECEIPTS if k != EntryKind.CARRY_IN]
    payments = [(k, KIND_LABELS[k], totals.get(k, 0)) for k in PAYMENTS if k != EntryKind.CARRY_OUT]
    received = sum(a for _, _, a in receipts)
    paid = sum(a for _, _, a in payments)
    closing = opening + received - paid
    carried = totals.get(EntryKind.CARRY_OUT, 0)
    bonus_rows = []
    if ledger.pk is not None:
        bonus_rows = list(ledger.entries.filter(kind=EntryKind.BONUS_PAYMENT).values("award_code")
                          .annotate(total=Sum("amount"), subjects=Sum("subject_count")).order_by("award_code"))
        for row in bonus_rows:
            row["name"] = bonus_rules.code_name(row["award_code"])
    return {"owner": ledger.owner, "year": ledger.year, "opening": opening, "receipts": receipts,
            "received": received, "payments": payments, "paid": paid, "closing": closing,
            "carried": carried, "remaining": closing - carried, "closed": bool(ledger.closed_at),
            "bonus_by_award": bonus_rows}


def settlement_table(data: dict) -> list[list]:
    """The settlement as rows for a sheet (label, amount)."""
    rows = [["Số dư đầu năm (năm trước chuyển sang)", data["opening"]], ["I. Thu trong năm", data["received"]]]
    rows += [[f"   {label}", amount] for _, label, amount in data["receipts"]]
    rows += [["II. Chi trong năm", data["paid"]]]
    rows += [[f"   {label}", amount] for _, label, amount in data["payments"]]
    rows += [[f"      trong đó {r['name']} ({r['subjects'] or 0} đối tượng)", int(r["total"])]
             for r in data["bonus_by_award"]]
    rows += [["Số dư cuối năm", data["closing"]], ["Chuyển sang năm sau", data["carried"]]]
    return rows


def funds_for_user(scope: Scope, limit: int = 500) -> list[FundYear]:
    """The ledgers the user may read, newest year first, each with its `balance` (one query)."""
    qs = (FundYear.objects.select_related("owner").order_by("-year", "owner__path")
          .annotate(receipts=Sum("entries__amount", filter=Q(entries__kind__in=RECEIPTS), default=0),
                    payments=Sum("entries__amount", filter=Q(entries__kind__in=PAYMENTS), default=0)))
    if not scope.is_admin:
        qs = qs.filter(owner__in=Unit.objects.filter(scope.units_q("view")))
    funds = [f for f in qs[:limit] if scope.is_admin or allowed(scope, FUND_VIEW, f.owner)]
    for f in funds:
        f.balance = int(f.receipts) - int(f.payments)
    return funds


def owners_writable_by(scope: Scope, limit: int = 500) -> list[Unit]:
    """The units whose fund the user may write (an administrator: every open unit, up to `limit`)."""
    if scope.is_admin:
        return list(Unit.objects.filter(valid_to__isnull=True).order_by("path")[:limit])
    paths = scope.unit_paths.get("edit_history", [])
    return [u for u in Unit.objects.filter(path__in=paths).order_by("path") if allowed(scope, FUND_WRITE, u)]


def payments_of(ledger: FundYear, limit: int | None = 100) -> list[FundEntry]:
    """The owner's bonus payments of this year and the years before, newest first (what a clawback may
    reverse: an award is often revoked years after its bonus was paid)."""
    return list(FundEntry.objects.filter(kind=EntryKind.BONUS_PAYMENT, fund_year__owner_id=ledger.owner_id,
                                         fund_year__year__lte=ledger.year)
                .select_related("fund_year").order_by("-date", "-id")[:limit])  # limit None: all


def ledger_years(owner: Unit) -> list[int]:
    return list(FundYear.objects.filter(owner=owner).order_by("year").values_list("year", flat=True))


def decision_levels(owner: Unit) -> list[Unit]:
    """The units a decision paid from this fund may name: the owner (the only one the rule accepts), the
    levels above it and the units directly below it (so that a decision of another level can be named
    and is refused with the rule)."""
    above = [int(x) for x in owner.path.strip("/").split("/") if x and int(x) != owner.pk]
    others = Unit.objects.filter(pk__in=above).order_by("-depth") | Unit.objects.filter(parent=owner,
                                                                                          valid_to__isnull=True)
    return [owner, *others.order_by("path")[:200]]


def warnings_of(ledger: FundYear) -> list[FundEntry]:
    if ledger.pk is None:
        return []
    return list(ledger.entries.exclude(warning="").order_by("date", "id"))
