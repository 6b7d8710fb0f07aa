"""The fund's pages: ledger and entry forms, settlement and its .xlsx, calculator, tables; scope."""
import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.audit.models import AuditEvent
from thidua.fund.models import BaseSalaryRate, FundEntry

D = datetime.date
pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def text(response):
    return response.content.decode()


def test_the_officer_allocates_pays_a_computed_bonus_and_sees_the_balance(org, officer_bo):
    client = client_for(officer_bo)
    page = client.get("/quy/BO/2025/")
    assert page.status_code == 200 and "Sổ quỹ thi đua, khen thưởng năm 2025" in text(page)
    answer = client.post("/quy/BO/2025/ghi/phan-bo/", {
        "allocation-amount": "100.000.000", "allocation-cap_basis": "salary_fund",
        "allocation-basis_amount": "1.000.000.000", "allocation-date": "15/01/2025"}, follow=True)
    assert "Đã ghi vào sổ quỹ" in text(answer) and "100.000.000 đ" in text(answer)
    answer = client.post("/quy/BO/2025/ghi/chi-thuong/", {
        "bonus-decision_no": "15/QĐ-BTP", "bonus-decision_date": "20/12/2025", "bonus-decision_issuer": "BO",
        "bonus-award_code": "LDTT", "bonus-subject_kind": "individual",
        "bonus-subjects": "Nguyễn Văn Thắng\nTrần Thị Lan", "bonus-date": "26/12/2025"}, follow=True)
    body = text(answer)
    assert "98.580.000 đ" in body and "hệ số 0,3 × mức lương cơ sở 2.340.000 đ" in body
    assert FundEntry.objects.get(kind="bonus_payment").amount == 1_420_000


def test_the_form_shows_the_refusals_at_their_fields_and_writes_nothing(org, officer_bo, funded):
    client = client_for(officer_bo)
    before = FundEntry.objects.count(), AuditEvent.objects.count()
    answer = client.post("/quy/BO/2025/ghi/chi-thuong/", {
        "bonus-decision_no": "15/QĐ-BTP", "bonus-decision_date": "20/12/2025", "bonus-decision_issuer": "BO",
        "bonus-award_code": "CSTDCS", "bonus-subject_kind": "individual", "bonus-subjects": "A",
        "bonus-amount": "2.000.000", "bonus-date": "26/12/2025"})
    assert answer.status_code == 200
    assert "2.000.000 đ không khớp bảng" in text(answer) and "2.340.000 đ" in text(answer)
    answer = client.post("/quy/BO/2025/ghi/chi-khac/", {
        "spend-kind": "artifact_cost", "spend-amount": "200.000.000", "spend-description": "Khung bằng",
        "spend-date": "01/03/2025"})
    assert "không đủ chi 200.000.000 đ" in text(answer)
    answer = client.post("/quy/BO/2025/ghi/dong-gop/", {
        "contribution-amount": "abc", "contribution-counterparty": "", "contribution-date": "32/13/2025"})
    assert "Số tiền phải là số nguyên" in text(answer)
    assert (FundEntry.objects.count(), AuditEvent.objects.count()) == before


def test_the_settlement_page_and_its_xlsx(org, officer_bo, funded):
    client = client_for(officer_bo)
    page = client.get("/quy/BO/2025/quyet-toan/")
    assert page.status_code == 200 and "100.000.000" in text(page) and "Ngân sách phân bổ" in text(page)
    sheet = client.get("/quy/BO/2025/quyet-toan/xlsx/")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.values)
    assert rows[0][0].startswith("Quyết toán quỹ TĐKT năm 2025")
    assert ("I. Thu trong năm", 100_000_000) in rows and ("Số dư cuối năm", 100_000_000) in rows
    answer = client.post("/quy/BO/2025/chuyen-so-du/", follow=True)
    assert "Đã chuyển số dư năm 2025 sang năm 2026" in text(answer)
    assert "100.000.000" in text(client.get("/quy/BO/2026/quyet-toan/"))


def test_the_calculator_explains_the_amount(org, personas):
    client = client_for(personas["officer_a"])
    page = client.get("/quy/tinh-tien-thuong/", {"award_code": "CSTDCS", "subject_kind": "individual",
                                                 "decision_date": "20/12/2025", "count": "1"})
    assert "hệ số 1,0 × mức lương cơ sở 2.340.000 đ = 2.340.000 đ" in text(page)
    page = client.get("/quy/tinh-tien-thuong/", {"award_code": "CSTDCS", "subject_kind": "individual",
                                                 "decision_date": "20/12/2025", "count": "1"}, HTTP_HX_REQUEST="true")
    assert "<html" not in text(page) and "2.340.000 đ" in text(page)
    page = client.get("/quy/tinh-tien-thuong/", {"award_code": "CO_CP", "subject_kind": "individual",
                                                 "decision_date": "01/01/2010", "count": "0"})
    assert page.status_code == 200 and "errorlist" in text(page)


def test_the_tables_page_and_the_admins_base_salary_form(org, personas):
    admin = client_for(personas["admin"])
    page = admin.get("/quy/bang-tien-thuong/")
    assert "2.340.000" in text(page) and "NĐ 73/2024/NĐ-CP" in text(page) and "Thêm mức lương cơ sở" in text(page)
    answer = admin.post("/quy/bang-tien-thuong/luong-co-so/", {"valid_from": "01/07/2026", "amount": "2.530.000",
                                                               "instrument": "NĐ 99/2026/NĐ-CP"}, follow=True)
    assert "Đã thêm mức lương cơ sở 2.530.000 đ" in text(answer) and "30/06/2026" in text(answer)
    answer = admin.post("/quy/bang-tien-thuong/luong-co-so/", {"valid_from": "01/07/2026", "amount": "2.530.500",
                                                               "instrument": ""})
    assert answer.status_code == 200 and BaseSalaryRate.objects.count() == 1
    officer = client_for(personas["officer_a"])
    assert "Thêm mức lương cơ sở" not in text(officer.get("/quy/bang-tien-thuong/"))
    assert officer.post("/quy/bang-tien-thuong/luong-co-so/", {"valid_from": "01/01/2027", "amount": "3.000.000",
                                                               "instrument": "x"}).status_code == 403


def test_out_of_scope_is_404_and_writes_without_right_are_403(org, personas, funded):
    officer_a = client_for(personas["officer_a"])
    assert officer_a.get("/quy/BO/2025/").status_code == 404
    assert officer_a.get("/quy/BO/2025/quyet-toan/xlsx/").status_code == 404
    assert officer_a.post("/quy/BO/2025/ghi/dong-gop/", {}).status_code == 404
    assert officer_a.get("/quy/VA/2025/").status_code == 200
    assert officer_a.get("/quy/VA/99999/").status_code == 404
    leader = client_for(personas["leader_a"])
    page = leader.get("/quy/VA/2025/")
    assert page.status_code == 200 and "Ghi vào sổ" not in text(page)
    answer = leader.post("/quy/VA/2025/ghi/dong-gop/", {"contribution-amount": "1.000",
                                                       "contribution-counterparty": "X", "contribution-date": "01/02/2025"})
    assert answer.status_code == 403
    assert client_for(personas["staff"]).get("/quy/").status_code == 403
    council = client_for(personas["council"])
    listing = text(council.get("/quy/"))
    assert "Bộ Tư pháp" in listing and "100.000.000 đ" in listing and "Mở sổ quỹ" not in listing


def test_a_long_ledger_is_paged_newest_first_in_a_few_queries(org, officer_bo, funded, fund_writer,
                                                               django_assert_max_num_queries):
    from thidua.fund import services as svc

    for i in range(120):
        svc.fund_contribute(**fund_writer, owner=funded, year=2025, amount=1_000, counterparty=f"Đơn vị {i}",
                            date=D(2025, 2, 1))
    client = client_for(officer_bo)
    client.get("/quy/BO/2025/")
    with django_assert_max_num_queries(15):
        page = client.get("/quy/BO/2025/")
    body = text(page)
    assert "Trang 2/2" in body and "Đơn vị 119" in body and body.count("<tr>") <= 100
    assert "100.120.000" in body          # the balance after the last entry
    first = text(client.get("/quy/BO/2025/?page=1"))
    assert "100.000.000" in first and "Trang 1/2" in first


def test_a_decision_of_another_level_named_on_the_page_is_refused_with_the_rule(org, personas, actor_of, scope_of):
    from thidua.fund import services as svc

    officer = personas["officer_a"]   # VA's emulation officer: VA's fund; VA's parent BO is another level
    svc.fund_contribute(actor=actor_of(officer), scope=scope_of(officer), owner=org["VA"], year=2025,
                        amount=50_000_000, counterparty="Công đoàn", date=D(2025, 2, 1))
    client = client_for(officer)
    page = text(client.get("/quy/VA/2025/"))
    assert 'value="BO"' in page and 'value="PA1"' in page and 'value="VB"' not in page
    answer = client.post("/quy/VA/2025/ghi/chi-thuong/", {
        "bonus-decision_no": "99/QĐ-BTP", "bonus-decision_date": "20/12/2025", "bonus-decision_issuer": "BO",
        "bonus-award_code": "BK_BO", "bonus-subject_kind": "individual", "bonus-subjects": "Nguyễn Văn Thắng",
        "bonus-date": "26/12/2025"})
    assert "Quyết định do Bộ Tư pháp ban hành" in text(answer) and "Điều 11 khoản 4" in text(answer)
    assert not FundEntry.objects.filter(kind="bonus_payment").exists()


def test_last_years_payment_is_clawed_back_into_this_years_fund(org, officer_bo, funded, fund_writer):
    from thidua.fund import services as svc

    payment = svc.fund_pay_bonus(**fund_writer, owner=funded, year=2025, decision_no="15/QĐ-BTP",
                                 decision_date=D(2025, 12, 20), decision_issuer=funded, award_code="CSTDCS",
                                 subject_kind="individual", subjects=["Nguyễn Văn Thắng"], date=D(2025, 12, 26))
    client = client_for(officer_bo)
    assert "15/QĐ-BTP" in text(client.get("/quy/BO/2026/"))
    answer = client.post("/quy/BO/2026/ghi/thu-hoi/", {
        "clawback-payment": str(payment.pk), "clawback-reason": "QĐ hủy bỏ số 3/QĐ-BTP: khai man thành tích",
        "clawback-decision_no": "3/QĐ-BTP", "clawback-date": "10/03/2026"}, follow=True)
    assert "Đã ghi vào sổ quỹ: thu hồi tiền thưởng 2.340.000 đ" in text(answer)
    back = FundEntry.objects.get(kind="clawback")
    assert back.fund_year.year == 2026 and back.reverses == payment
