"""The fund ledger: entries, derived balance, the cap, the refusals, audit, append-only, scope."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from thidua.audit.models import AuditEvent
from thidua.fund import selectors as sel
from thidua.fund import services as svc
from thidua.fund.models import EntryKind, FundEntry, FundYear
from thidua.rules import bonus as bonus_rules

D = datetime.date
pytestmark = pytest.mark.django_db


def pay(writer, owner, **kw):
    args = {"owner": owner, "year": 2025, "decision_no": "15/QĐ-BTP", "decision_date": D(2025, 12, 20),
            "decision_issuer": owner, "award_code": "CSTDCS", "subject_kind": "individual",
            "subjects": ["Nguyễn Văn Thắng"], "date": D(2025, 12, 26)}
    args.update(kw)
    return svc.fund_pay_bonus(**writer, **args)


def field_error(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def test_it_allocates_pays_a_computed_bonus_and_derives_the_balance(funded, fund_writer):
    entry = pay(fund_writer, funded, subjects=["Nguyễn Văn Thắng", "Trần Thị Lan"])
    assert entry.amount == 2 * 2_340_000 and entry.per_subject == 2_340_000 and entry.base_salary == 2_340_000
    assert entry.coefficient == 100 and "hệ số 1,0 × mức lương cơ sở 2.340.000 đ" in entry.basis
    ledger = FundYear.objects.get(owner=funded, year=2025)
    assert sel.balance_of(ledger) == 100_000_000 - 4_680_000
    rows = sel.ledger_rows(ledger)
    assert [r["balance"] for r in rows] == [100_000_000, 95_320_000]


def test_a_hand_typed_bonus_must_match_the_table_and_the_message_gives_the_figure(funded, fund_writer):
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, award_code="LDTT", amount=700_000)
    message = field_error(error, "amount")
    assert "700.000 đ không khớp bảng" in message and "710.000 đ" in message and "làm tròn" in message
    assert pay(fund_writer, funded, award_code="LDTT", amount=710_000).amount == 710_000


def test_a_payment_past_the_balance_is_refused_and_nothing_is_written(funded, fund_writer):
    before = FundEntry.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, award_code="CSTD_TQ", subjects=[f"Người {i}" for i in range(10)])
    assert "không đủ chi 105.300.000 đ" in field_error(error, "amount")
    assert "còn 100.000.000 đ" in field_error(error, "amount")
    with pytest.raises(ValidationError):
        svc.fund_spend(**fund_writer, owner=funded, year=2025, kind="artifact_cost", amount=100_000_001,
                       description="Khung bằng", date=D(2025, 3, 1))
    assert (FundEntry.objects.count(), AuditEvent.objects.count()) == before


def test_a_decision_of_another_level_is_refused_naming_the_rule(funded, fund_writer, org):
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, decision_issuer=org["VA"], decision_no="3/QĐ-VTĐKT")
    message = field_error(error, "decision_issuer")
    assert "Vụ Thi đua – Khen thưởng" in message and "Điều 11 khoản 4" in message and "cấp mình quản lý" in message


def test_the_same_award_is_not_paid_twice(funded, fund_writer):
    pay(fund_writer, funded)
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, subjects=["nguyễn văn thắng", "Trần Thị Lan"])
    assert "Không chi hai lần" in field_error(error, "subjects")


def test_the_allocation_cap_is_computed_and_refused_above_it(org, fund_writer):
    svc.fund_allocate(**fund_writer, owner=org["BO"], year=2026, amount=150_000_000, cap_basis="salary_fund",
                      basis_amount=1_000_000_000, date=D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        svc.fund_allocate(**fund_writer, owner=org["BO"], year=2026, amount=50_000_001, cap_basis="salary_fund",
                          basis_amount=1_000_000_000, date=D(2026, 2, 5))
    message = field_error(error, "amount")
    assert "20,0% × tổng quỹ tiền lương" in message and "200.000.000 đ" in message and "còn được phân bổ 50.000.000 đ" in message
    entry = svc.fund_allocate(**fund_writer, owner=org["BO"], year=2026, amount=50_000_000, cap_basis="salary_fund",
                              basis_amount=1_000_000_000, date=D(2026, 2, 5))
    assert entry.cap_amount == 200_000_000


def test_organising_costs_above_their_share_are_recorded_with_a_warning(funded, fund_writer):
    ok = svc.fund_spend(**fund_writer, owner=funded, year=2025, kind="organising_cost", amount=20_000_000,
                        description="Hội nghị tổng kết", date=D(2025, 12, 1))
    assert ok.warning == ""
    over = svc.fund_spend(**fund_writer, owner=funded, year=2025, kind="organising_cost", amount=1_000_000,
                          description="Họp Hội đồng xét khen", date=D(2025, 12, 2))
    assert over.warning.startswith("Cảnh báo") and "21.000.000 đ" in over.warning and "20%" in over.warning


def test_a_clawback_returns_a_revoked_awards_money_once(funded, fund_writer):
    payment = pay(fund_writer, funded, subjects=["A", "B"])
    back = svc.fund_clawback(**fund_writer, owner=funded, year=2025, payment=payment, amount=2_340_000,
                             reason="QĐ hủy bỏ khen thưởng số 20/QĐ-BTP", date=D(2025, 12, 30))
    assert back.kind == EntryKind.CLAWBACK and back.reverses == payment
    with pytest.raises(ValidationError) as error:
        svc.fund_clawback(**fund_writer, owner=funded, year=2025, payment=payment, amount=2_340_001,
                          reason="lần hai", date=D(2025, 12, 30))
    assert "vượt số còn có thể thu hồi" in field_error(error, "amount")
    ledger = FundYear.objects.get(owner=funded, year=2025)
    assert sel.balance_of(ledger) == 100_000_000 - 2_340_000


def test_carry_over_closes_the_year_and_opens_the_next(funded, fund_writer):
    pay(fund_writer, funded)
    svc.fund_carry_over(**fund_writer, owner=funded, year=2025)
    data = sel.settlement(FundYear.objects.get(owner=funded, year=2025))
    assert data["closing"] == 97_660_000 and data["carried"] == 97_660_000 and data["remaining"] == 0
    assert dict((k, a) for k, _, a in data["payments"])["bonus_payment"] == 2_340_000
    nxt = sel.settlement(FundYear.objects.get(owner=funded, year=2026))
    assert nxt["opening"] == 97_660_000
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, subjects=["Khác"])
    assert "đã chuyển số dư" in field_error(error, "year")
    with pytest.raises(ValidationError) as error:
        svc.fund_carry_over(**fund_writer, owner=funded, year=2025)
    assert "đã được chuyển sang năm 2026" in field_error(error, "year")


def test_every_entry_is_audited(funded, fund_writer):
    entry = pay(fund_writer, funded)
    event = AuditEvent.objects.get(object_type="fund.fundentry", object_id=str(entry.pk))
    assert event.verb == "fund_bonus_payment" and event.actor_label == "officer_bo"
    assert event.after["amount"] == 2_340_000
    assert AuditEvent.objects.filter(verb="fund_allocation").count() == 1


def test_a_ledger_row_cannot_be_edited_or_deleted(funded):
    entry = FundEntry.objects.get()
    entry.amount = 1
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        FundEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(PermissionError):
        FundEntry.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE fund_fundentry SET amount = 1")
    if connection.vendor == "postgresql":   # SQLite: the test runner flushes with DELETE (see audit 0002)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM fund_fundentry")
    assert FundEntry.objects.get().amount == 100_000_000


def test_only_the_owner_units_officer_or_an_admin_writes(org, personas, actor_of, scope_of, funded):
    # officer_a is the emulation officer of VA, under BO: not BO's officer; and not of PA1's either
    for name, owner in (("officer_a", org["BO"]), ("officer_a", org["PA1"]), ("leader_a", org["VA"]),
                        ("personnel_a", org["VA"]), ("outsider", org["VA"])):
        user = personas[name]
        with pytest.raises(PermissionDenied):
            svc.fund_contribute(actor=actor_of(user), scope=scope_of(user), owner=owner, year=2025,
                                amount=1_000_000, counterparty="Công đoàn", date=D(2025, 2, 1))
    for name, owner in (("officer_a", org["VA"]), ("admin", org["VB"])):
        user = personas[name]
        svc.fund_contribute(actor=actor_of(user), scope=scope_of(user), owner=owner, year=2025,
                            amount=1_000_000, counterparty="Công đoàn", date=D(2025, 2, 1))


def test_reading_is_scoped(org, personas, scope_of, funded):
    from django.http import Http404

    sel.fund_get_for_user(scope_of(personas["council"]), "BO", 2025)
    sel.fund_get_for_user(scope_of(personas["officer_a"]), "PA1", 2025)
    for name, code in (("officer_a", "BO"), ("officer_b", "VA"), ("staff", "VA"), ("outsider", "BO")):
        with pytest.raises(Http404):
            sel.fund_get_for_user(scope_of(personas[name]), code, 2025)
    assert [f.owner.code for f in sel.funds_for_user(scope_of(personas["council"]))] == ["BO"]
    assert sel.funds_for_user(scope_of(personas["officer_a"])) == []


@pytest.mark.parametrize("kw,field", [
    ({"amount": 0}, "amount"), ({"amount": -5}, "amount"), ({"amount": "abc"}, "amount"),
    ({"amount": 10**14}, "amount"), ({"cap_basis": "x"}, "cap_basis"), ({"basis_amount": 0}, "basis_amount"),
    ({"date": D(2024, 12, 31)}, "date"), ({"year": 1999}, "year"), ({"year": "x"}, "year"),
    ({"description": "a\x00b"}, "description"),
])
def test_bad_allocations_are_refused_at_their_field(org, fund_writer, kw, field):
    args = {"owner": org["BO"], "year": 2025, "amount": 1_000_000, "cap_basis": "salary_fund",
            "basis_amount": 1_000_000_000, "date": D(2025, 1, 2)}
    args.update(kw)
    with pytest.raises(ValidationError) as error:
        svc.fund_allocate(**fund_writer, **args)
    assert field in error.value.message_dict
    assert not FundEntry.objects.exists()


@pytest.mark.parametrize("kw,field", [
    ({"decision_no": ""}, "decision_no"), ({"decision_issuer": None}, "decision_issuer"),
    ({"decision_date": D(2025, 12, 27)}, "decision_date"), ({"decision_date": "hôm qua"}, "decision_date"),
    ({"award_code": "XYZ"}, "award_code"), ({"subject_kind": "collective"}, "award_code"),
    ({"subjects": []}, "subjects"), ({"subjects": ["  "]}, "subjects"), ({"posthumous": True}, "posthumous"),
    ({"award_code": "KNC_BO"}, "coefficient"), ({"coefficient": 90}, "coefficient"),
    ({"decision_date": D(2016, 1, 1)}, "award_code"),
])
def test_bad_payments_are_refused_at_their_field(funded, fund_writer, kw, field):
    with pytest.raises(ValidationError) as error:
        pay(fund_writer, funded, **kw)
    assert field in error.value.message_dict, error.value.message_dict
    assert FundEntry.objects.filter(kind="bonus_payment").count() == 0


def test_an_administrator_adds_a_dated_base_salary_used_from_its_date(funded, fund_writer, personas, actor_of,
                                                                      scope_of):
    admin = personas["admin"]
    with pytest.raises(PermissionDenied):
        svc.base_salary_add(**fund_writer, valid_from=D(2026, 7, 1), amount=2_530_000, instrument="NĐ x/2026")
    svc.base_salary_add(actor=actor_of(admin), scope=scope_of(admin), valid_from=D(2026, 7, 1), amount=2_530_000,
                        instrument="NĐ 99/2026/NĐ-CP")
    assert AuditEvent.objects.filter(verb="fund_base_salary_add").exists()
    assert svc.compute_bonus(award_code="CSTDCS", subject_kind="individual", decision_date=D(2026, 6, 30)).total \
        == 2_340_000
    assert svc.compute_bonus(award_code="CSTDCS", subject_kind="individual", decision_date=D(2026, 7, 1)).total \
        == 2_530_000
    with pytest.raises(ValidationError) as error:
        svc.base_salary_add(actor=actor_of(admin), scope=scope_of(admin), valid_from=D(2026, 7, 1), amount=2_600_000,
                            instrument="again")
    assert "valid_from" in error.value.message_dict
    for bad in ({"amount": 2_530_500}, {"amount": 0}, {"instrument": ""}, {"valid_from": D(2018, 1, 1)}):
        args = {"valid_from": D(2027, 1, 1), "amount": 2_700_000, "instrument": "NĐ y", **bad}
        with pytest.raises(ValidationError):
            svc.base_salary_add(actor=actor_of(admin), scope=scope_of(admin), **args)
    assert bonus_rules.BASE_SALARIES[-1].amount == 2_340_000  # shipped table untouched


def test_only_the_operator_purges_the_demo_ledgers(org, personas, actor_of, scope_of, funded, system_actor):
    from thidua.common.scope import Scope

    admin = personas["admin"]
    with pytest.raises(PermissionDenied):
        svc.fund_purge_demo(actor=actor_of(admin), scope=scope_of(admin), owners=[funded])
    assert svc.fund_purge_demo(actor=system_actor, scope=Scope.system(), owners=[funded]) == 1
    assert not FundEntry.objects.exists() and not FundYear.objects.exists()
    assert AuditEvent.objects.filter(verb="fund_purge_demo").exists()
