"""Every form shows every problem at once, at its field, keeps what was typed and writes nothing
(issue 14, part 4). Each case posts two or more independent errors: the form's own field checks and
the rules the service would check next (a code taken, a CCCD taken, an unknown unit, a duplicate
fact, a transfer before the open posting...) must all be in the ONE answer."""
import html

import pytest
from django.test import Client

from thidua.accounts.models import ApiToken, RoleAssignment
from thidua.accounts.services import MSG_PASSWORD_SHORT, MSG_PERSON_UNKNOWN, MSG_TOKEN_NAME, MSG_USERNAME_TAKEN
from thidua.audit.models import AuditEvent
from thidua.common.clean import MSG_CONTROL
from thidua.organizations.forms import MSG_PARENT_PARTY_UNKNOWN, MSG_PARTY_UNKNOWN
from thidua.organizations.services import (
    MSG_CLUSTER_CODE_TAKEN,
    MSG_CODE_TAKEN,
    MSG_HEAD_NOT_MEMBER,
    MSG_PARTY_CODE_TAKEN,
)
from thidua.people.validators import (
    MSG_BIRTH_DATE,
    MSG_CARD_TAKEN,
    MSG_CCCD_TAKEN,
    MSG_LEAVE_ORDER,
    MSG_UNIT_UNKNOWN,
)
from thidua.records import codes as record_codes
from thidua.records.models import YearRecord
from thidua.records.validators import (
    MSG_AWARD_KIND,
    MSG_DISCIPLINE_FORM,
    MSG_DUPLICATE,
    MSG_GRADE,
    MSG_INITIATIVE_LEVEL,
    MSG_INITIATIVE_TITLE,
    MSG_MONTHS,
    MSG_REASON,
    MSG_STATS,
    STATS_COUNT_LABELS,
    STATS_DETAIL_COUNT,
    STATS_DETAIL_RANK,
    year_message,
)

DATE_RANGE = "Ngày phải trong khoảng"
START_BEFORE_OPEN = "Ngày bắt đầu phải sau ngày bắt đầu của quá trình công tác hiện tại (01/01/2018)."
REQUIRED = "required"  # Django's own "required" message (Vietnamese through the locale): any message


@pytest.fixture
def admin(personas):
    c = Client()
    c.force_login(personas["admin"])
    return c


def _written():
    """Every service writes an audit event: the count tells whether anything was written."""
    return AuditEvent.objects.count()


def check(resp, form, expected: dict, typed=()):
    """ONE answer: 400, each field's message at the field, what was typed in the page."""
    assert resp.status_code == 400, resp.status_code
    assert set(expected) <= set(form.errors), (dict(form.errors), expected)
    for field, message in expected.items():
        if message != REQUIRED:
            assert any(message in e for e in form.errors[field]), (field, form.errors[field], message)
    page = html.unescape(resp.content.decode())
    for message in expected.values():
        if message != REQUIRED:
            assert message in page, message
    for value in typed:
        assert value in page, value


def _post(client, url, data):
    before = _written()
    resp = client.post(url, data)
    assert _written() == before, "nothing is written when the form has a problem"
    return resp


# --- people ----------------------------------------------------------------------------------

def test_person_create_shows_cccd_taken_date_and_unit_together(admin, people):
    resp = _post(admin, "/ca-nhan/them/", {
        "citizen_id": "001080000001", "full_name": "Phạm Văn Mới", "unit_code": "KHONGCO",
        "staff_type": "civil_servant", "start": "01/01/2090", "position": "Chuyên viên chính"})
    check(resp, resp.context["form"], {"citizen_id": MSG_CCCD_TAKEN, "unit_code": MSG_UNIT_UNKNOWN,
                                       "start": DATE_RANGE},
          typed=["Phạm Văn Mới", "KHONGCO", "01/01/2090", "Chuyên viên chính", "001080000001"])


def test_person_edit_shows_card_taken_and_birth_date_together(admin, people):
    thang = people["thang"]
    resp = _post(admin, f"/ca-nhan/{thang.pk}/sua/", {
        "full_name": "Nguyễn Văn Thắng Sửa", "birth_date": "01/01/2090", "party_card_no": "93000001",
        "email": "khong-phai-thu", "reason": "sửa"})
    check(resp, resp.context["form"], {"party_card_no": MSG_CARD_TAKEN, "birth_date": MSG_BIRTH_DATE,
                                       "email": REQUIRED},
          typed=["Nguyễn Văn Thắng Sửa", "01/01/2090", "93000001", "khong-phai-thu"])
    thang.refresh_from_db()
    assert thang.full_name == "Nguyễn Văn Thắng"


def test_transfer_shows_unknown_unit_and_start_before_open_posting_together(admin, people):
    resp = _post(admin, f"/ca-nhan/{people['thang'].pk}/dieu-chuyen/", {
        "t-unit_code": "KHONGCO", "t-staff_type": "civil_servant", "t-start": "01/01/2000",
        "t-position": "Phó phòng"})
    check(resp, resp.context["form"], {"unit_code": MSG_UNIT_UNKNOWN, "start": START_BEFORE_OPEN},
          typed=["KHONGCO", "01/01/2000", "Phó phòng"])


def test_leave_shows_every_date_and_note_problem(admin, people):
    resp = _post(admin, f"/ca-nhan/{people['thang'].pk}/nghi/", {
        "l-kind": "nghi-khong-co", "l-start": "01/01/1900", "l-end": "01/01/2090", "l-note": "x\x07y"})
    check(resp, resp.context["form"], {"kind": REQUIRED, "start": DATE_RANGE, "end": DATE_RANGE,
                                       "note": MSG_CONTROL}, typed=["01/01/1900", "01/01/2090"])
    resp = _post(admin, f"/ca-nhan/{people['thang'].pk}/nghi/", {
        "l-kind": "sick", "l-start": "10/01/2024", "l-end": "01/01/2024", "l-note": "n" * 2000})
    check(resp, resp.context["form"], {"end": MSG_LEAVE_ORDER, "note": "dài quá"}, typed=["10/01/2024"])


# --- yearly history ---------------------------------------------------------------------------

def _only_for(collective: bool) -> str:
    mine = record_codes.TITLES_COLLECTIVE if collective else record_codes.TITLES_INDIVIDUAL
    other = record_codes.TITLES_INDIVIDUAL if collective else record_codes.TITLES_COLLECTIVE
    return next(code for code in mine if code not in other)


def test_history_add_grade_shows_year_grade_and_months_together(admin, people):
    resp = _post(admin, f"/ca-nhan/{people['thang'].pk}/lich-su/them/yearrecord/", {
        "year": "1800", "track": "government", "grade": "gioi-lam", "months_worked": "13", "note": "ghi chú"})
    check(resp, resp.context["form"], {"year": year_message(), "grade": MSG_GRADE, "months_worked": MSG_MONTHS},
          typed=["1800", "13", "ghi chú"])


def test_history_add_grade_shows_a_duplicate_year_with_the_other_fields(admin, people, system_actor, root_scope):
    from thidua.records.services import history_add

    history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"], year=2024,
                grade="good")
    resp = _post(admin, f"/ca-nhan/{people['thang'].pk}/lich-su/them/yearrecord/", {
        "year": "2024", "track": "government", "grade": "excellent", "months_worked": "13"})
    check(resp, resp.context["form"], {"year": MSG_DUPLICATE.format(year=2024), "months_worked": MSG_MONTHS},
          typed=["2024", "13"])


@pytest.mark.parametrize("collective", [False, True])
def test_history_add_award_shows_year_and_a_code_not_for_the_subject_together(admin, people, org, collective):
    url = ("/don-vi/VA/lich-su/them/award/" if collective
           else f"/ca-nhan/{people['thang'].pk}/lich-su/them/award/")
    code = _only_for(not collective)
    resp = _post(admin, url, {"year": "2090", "code": code, "kind": "khong-co", "decision_no": "12/QĐ-BTP"})
    check(resp, resp.context["form"], {"year": year_message(), "code": code, "kind": MSG_AWARD_KIND},
          typed=["2090", "12/QĐ-BTP"])


def test_history_add_initiative_and_discipline_show_every_problem(admin, people):
    base = f"/ca-nhan/{people['thang'].pk}/lich-su/them/"
    resp = _post(admin, base + "initiative/", {"year": "1800", "title": "", "level": "cap-sao", "kind": "x",
                                               "decision_no": "QĐ-99"})
    check(resp, resp.context["form"], {"year": year_message(), "title": MSG_INITIATIVE_TITLE,
                                       "level": MSG_INITIATIVE_LEVEL}, typed=["1800", "QĐ-99"])
    resp = _post(admin, base + "discipline/", {"year": "3000", "form": "phat-nang", "track": "government",
                                               "decided_on": "31/02/2024"})
    check(resp, resp.context["form"], {"year": year_message(), "form": MSG_DISCIPLINE_FORM, "decided_on": REQUIRED},
          typed=["3000", "31/02/2024"])


def test_history_edit_shows_the_missing_reason_with_the_fields(admin, people, system_actor, root_scope):
    from thidua.records.services import history_add

    rec = history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people["thang"], year=2024,
                      grade="good")
    resp = _post(admin, f"/lich-su/yearrecord/{rec.pk}/sua/", {
        "year": "2024", "track": "government", "grade": "tot-lam", "months_worked": "14", "reason": ""})
    form = resp.context["form"]
    check(resp, form, {"grade": MSG_GRADE, "months_worked": MSG_MONTHS}, typed=["14"])
    assert MSG_REASON in form.non_field_errors()
    rec.refresh_from_db()
    assert rec.grade == "good"


def test_collective_stats_shows_year_and_counts_together(admin, org):
    resp = _post(admin, "/don-vi/VA/so-lieu/", {"year": "1800", "total": "10", "completed": "20", "ldtt": "1",
                                                "cstdcs": "1", "disciplined": "0", "cluster_rank": "9",
                                                "cluster_size": "5"})
    completed = MSG_STATS.format(detail=STATS_DETAIL_COUNT.format(label=STATS_COUNT_LABELS["completed"], total=10))
    check(resp, resp.context["form"], {"year": year_message(), "completed": completed,
                                       "cluster_rank": MSG_STATS.format(detail=STATS_DETAIL_RANK)},
          typed=["1800", "20"])


# --- units, clusters, party organisations ------------------------------------------------------

def test_unit_create_shows_code_taken_and_name_too_long_together(admin, org):
    resp = _post(admin, "/don-vi/VA/thao-tac/create/", {
        "create-code": "VB", "create-name": "N" * 300, "create-kind": "division", "create-valid_from": "99/99/2020"})
    check(resp, resp.context["forms"]["create"], {"code": MSG_CODE_TAKEN, "name": REQUIRED, "valid_from": REQUIRED},
          typed=["VB", "99/99/2020"])
    resp = _post(admin, "/don-vi/_root/thao-tac/create/", {"code": "BO", "name": "x\x07", "kind": "ministry"})
    check(resp, resp.context["form"], {"code": MSG_CODE_TAKEN, "name": MSG_CONTROL}, typed=["BO"])


def test_unit_rename_shows_every_problem(admin, org):
    resp = _post(admin, "/don-vi/VA/thao-tac/rename/", {
        "rename-name": "Tên\x07", "rename-date": "31/02/2025", "rename-decision_no": "Q" * 100})
    check(resp, resp.context["forms"]["rename"], {"name": MSG_CONTROL, "date": REQUIRED, "decision_no": REQUIRED},
          typed=["31/02/2025"])


def test_unit_merge_shows_unknown_codes_code_taken_and_date_together(admin, org):
    resp = _post(admin, "/don-vi/VA/thao-tac/merge/", {
        "merge-other_codes": "KHONGCO1, VB", "merge-new_code": "PA1", "merge-new_name": "Vụ mới", "merge-date": ""})
    check(resp, resp.context["forms"]["merge"], {"other_codes": "KHONGCO1", "new_code": MSG_CODE_TAKEN,
                                                 "date": REQUIRED}, typed=["KHONGCO1, VB", "Vụ mới"])
    assert "VB" not in resp.context["forms"]["merge"].errors["other_codes"][0]


def test_unit_split_shows_every_bad_line_and_the_date_together(admin, org):
    parts = "VA-MOT | Phòng Một\ndòng sai\nVB | Trùng mã\nA/B | Mã lạ"
    resp = _post(admin, "/don-vi/VA/thao-tac/split/", {"split-parts": parts, "split-date": "32/01/2025"})
    form = resp.context["forms"]["split"]
    check(resp, form, {"parts": "Dòng 2", "date": REQUIRED}, typed=["Phòng Một", "32/01/2025"])
    joined = " ".join(form.errors["parts"])
    assert "Dòng 3" in joined and "Dòng 4" in joined and "Dòng 1" not in joined


def test_cluster_year_shows_year_unknown_member_and_head_outside_together(admin, org):
    resp = _post(admin, "/khoi-thi-dua/K1/", {"year": "1800", "member_codes": "VA, KHONGCO", "head_code": "VB",
                                              "deputy_codes": "PA1"})
    check(resp, resp.context["form"], {"year": REQUIRED, "member_codes": "KHONGCO", "head_code": MSG_HEAD_NOT_MEMBER,
                                       "deputy_codes": MSG_HEAD_NOT_MEMBER}, typed=["1800", "VA, KHONGCO"])


def test_cluster_create_shows_code_taken_and_level_together(admin, org):
    resp = _post(admin, "/khoi-thi-dua/", {"code": "K1", "name": "Khối mới", "level": "cap-sao"})
    check(resp, resp.context["form"], {"code": MSG_CLUSTER_CODE_TAKEN, "level": REQUIRED}, typed=["Khối mới"])


def test_party_org_create_shows_code_taken_and_unknown_parent_and_unit_together(admin, org):
    resp = _post(admin, "/to-chuc-dang/", {"code": "CBA", "name": "Chi bộ mới", "kind": "cell",
                                           "parent_code": "KHONGCO", "unit_code": "KHONGCO2"})
    check(resp, resp.context["form"], {"code": MSG_PARTY_CODE_TAKEN, "parent_code": MSG_PARENT_PARTY_UNKNOWN,
                                       "unit_code": "KHONGCO2"}, typed=["Chi bộ mới", "KHONGCO", "KHONGCO2"])


def test_party_org_close_shows_date_and_unknown_successor_together(admin, org):
    resp = _post(admin, "/to-chuc-dang/CBA/", {"date": "", "successor_code": "KHONGCO"})
    check(resp, resp.context["form"], {"date": REQUIRED, "successor_code": MSG_PARTY_UNKNOWN}, typed=["KHONGCO"])


# --- accounts ----------------------------------------------------------------------------------

def test_user_create_shows_every_problem_together(admin, personas):
    before = RoleAssignment.objects.count()
    resp = _post(admin, "/tai-khoan/nguoi-dung/", {
        "form": "create", "u-username": "officer_a", "u-password": "ngan", "u-full_name": "Lê Thị Mới",
        "u-role": "emulation_officer", "u-unit_code": "KHONGCO", "u-citizen_id": "999999999999"})
    check(resp, resp.context["create"], {"username": MSG_USERNAME_TAKEN, "password": MSG_PASSWORD_SHORT,
                                         "unit_code": "KHONGCO", "citizen_id": MSG_PERSON_UNKNOWN},
          typed=["Lê Thị Mới", "KHONGCO", "999999999999"])
    resp = _post(admin, "/tai-khoan/nguoi-dung/", {
        "form": "create", "u-username": "moi", "u-password": "mat-khau-dai", "u-role": "emulation_officer"})
    check(resp, resp.context["create"], {"unit_code": "cần phạm vi"}, typed=["moi"])
    resp = _post(admin, "/tai-khoan/nguoi-dung/", {"form": "role", "r-username": "khong-co-ai",
                                                   "r-role": "emulation_officer", "r-party_code": "KHONGCO"})
    check(resp, resp.context["role"], {"username": "Không có tài khoản này.", "party_code": "KHONGCO"},
          typed=["khong-co-ai"])
    assert RoleAssignment.objects.count() == before


@pytest.mark.parametrize("name, message", [("T" * 500, "Dài quá 80 ký tự."), ("mã\x07", MSG_CONTROL), ("", MSG_TOKEN_NAME)])
def test_token_name_is_refused_at_its_field_and_kept(admin, name, message):
    resp = _post(admin, "/tai-khoan/ma-api/", {"name": name})
    check(resp, resp.context["form"], {"name": message}, typed=[name.replace("\x07", "")] if name else [])
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("url", ["/don-vi/VA/", "/khoi-thi-dua/", "/to-chuc-dang/", "/tai-khoan/nguoi-dung/",
                                 "/tai-khoan/ma-api/", "/ca-nhan/them/", "/don-vi/VA/lich-su/them/yearrecord/",
                                 "/ca-nhan/{thang}/sua/", "/ca-nhan/{thang}/"])
def test_no_input_lets_the_browser_cut_what_is_typed(admin, people, url):
    """A `maxlength` makes the browser cut a longer paste without a word: the form's rule says it instead."""
    resp = admin.get(url.format(thang=people["thang"].pk))
    assert resp.status_code == 200 and "maxlength" not in resp.content.decode()
