"""Every rule says the same thing on the page and in the Excel import.

One case per rule: the bad value goes through the page's path (the form, then, when the form
accepts it, the single-row service, as the views do) and through the file import (reader, then the
bulk writer); both must refuse it with the same message, the one the validators define, and the
import must write nothing. Rules that only a file can break (a row repeated, a subject given
twice) are in people/tests/test_bulk.py and records/tests/test_bulk.py."""
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.common.errors import MSG_FORBIDDEN
from thidua.imports.services import import_file
from thidua.imports.tests.helpers import xlsx
from thidua.organizations.models import Unit
from thidua.people import validators as people_rules
from thidua.people.forms import PersonCreateForm, PersonEditForm, TransferForm
from thidua.people.services import party_membership_open, person_create, person_update, posting_open
from thidua.records import validators as history_rules
from thidua.records.forms import HISTORY_FORMS, CollectiveStatsForm
from thidua.records.grading import grade_year_transition
from thidua.records.permissions import MSG_GRADES_LOCKED
from thidua.records.services import collective_stats_set, history_add

D = datetime.date
THIS_YEAR = datetime.date.today().year
NEW_PERSON = {"citizen_id": "001090000077", "full_name": "Lê Văn Mới", "unit_code": "PA1",
              "staff_type": "civil_servant", "start": "01/01/2024"}
NEW_PERSON_ROW = {"citizen_id": "001090000077", "full_name": "Lê Văn Mới", "unit": "PA1",
                  "staff_type": "Công chức", "start": "01/01/2024"}
THANG_ROW = {"citizen_id": "001080000001", "full_name": "Nguyễn Văn Thắng", "unit": "PA1",
             "staff_type": "Công chức"}
TRANSFER = {"unit_code": "VB", "staff_type": "civil_servant", "start": "01/02/2026"}


# --- the page's path: form, then service ------------------------------------------------------

def _page(form, action) -> dict[str, str]:
    """The first message the page shows per field ("__all__": a refusal of the whole action)."""
    if not form.is_valid():
        return {name: errors[0] for name, errors in form.errors.items()}
    try:
        action(dict(form.cleaned_data))
    except PermissionDenied as exc:
        return {"__all__": str(exc)}
    except ValidationError as exc:
        return {name: messages[0] for name, messages in exc.message_dict.items()}
    return {}


def create_person(**changes):
    def page(context):
        def create(data):
            unit = Unit.objects.get(code=data.pop("unit_code"))
            person_create(actor=context.actor, scope=context.scope, unit=unit, **data)
        return _page(PersonCreateForm({**NEW_PERSON, **changes}), create)
    return page


def transfer_thang(**changes):
    def page(context):
        def transfer(data):
            unit = Unit.objects.get(code=data.pop("unit_code"))
            posting_open(actor=context.actor, scope=context.scope, person=context.people["thang"], unit=unit, **data)
        return _page(TransferForm({**TRANSFER, **changes}), transfer)
    return page


def edit_thang(**changes):
    def page(context):
        thang = context.people["thang"]
        initial = {"full_name": thang.full_name, "birth_date": "", "gender": "", "email": "", "phone": "",
                   "recruited_on": "", "party_card_no": "", "reason": ""}

        def edit(data):
            data.pop("reason")
            person_update(actor=context.actor, scope=context.scope, person=thang,
                          **{name: data[name] for name in changes})
        return _page(PersonEditForm({**initial, **changes}), edit)
    return page


def open_membership_of_thang(**changes):
    """Party membership has no form: the service alone."""
    def page(context):
        data = {"party_org": context.org["CBA"], "start": D(2015, 9, 2), **changes}
        try:
            party_membership_open(actor=context.actor, scope=context.scope, person=context.people["thang"], **data)
        except ValidationError as exc:
            return {name: messages[0] for name, messages in exc.message_dict.items()}
        return {}
    return page


def add_history(history_kind: str, subject: str = "thang", **data):
    def page(context):
        target = context.people.get(subject) or context.org[subject]
        model, form_class, _ = HISTORY_FORMS[history_kind]
        extra = {"collective": isinstance(target, Unit)} if history_kind == "award" else {}

        def add(cleaned):
            history_add(actor=context.actor, scope=context.scope, model=model, subject=target, **cleaned)
        return _page(form_class(data, **extra), add)
    return page


def set_stats(**changes):
    def page(context):
        data = {"year": 2024, "total": 20, "completed": 19, "ldtt": 15, "cstdcs": 3, "disciplined": 0, **changes}

        def save(cleaned):
            collective_stats_set(actor=context.actor, scope=context.scope, unit=context.org["VA"], **cleaned)
        return _page(CollectiveStatsForm(data), save)
    return page


# --- the cases ---------------------------------------------------------------------------------

def date_range_message() -> str:
    return people_rules.check_date(D(2090, 1, 1))


def year_message() -> str:
    return history_rules.year_message()


@dataclass(frozen=True)
class Case:
    rule: str
    page: Callable          # context → {field: message}
    field: str              # where the page shows it
    kind: str               # the import's file kind
    row: dict               # the import's one row
    column: str             # where the import shows it
    message: str | Callable  # what both say (a callable: computed on the day the test runs)
    who: str = "admin"


YEAR_ROW = {"citizen_id": "001080000001", "grade": "HTTNV"}
STATS_ROW = {"unit": "VA", "year": 2024, "total": 20, "completed": 19, "ldtt": 15, "cstdcs": 3, "disciplined": 0}
LONG = "Đ" * 600

CASES = [
    # people: the person
    Case("cccd_format", create_person(citizen_id="12345"), "citizen_id",
         "people", {**NEW_PERSON_ROW, "citizen_id": "12345"}, "Số CCCD", people_rules.MSG_CCCD_FORMAT),
    Case("cccd_letters", create_person(citizen_id="00109000007A"), "citizen_id",
         "people", {**NEW_PERSON_ROW, "citizen_id": "00109000007A"}, "Số CCCD", people_rules.MSG_CCCD_FORMAT),
    Case("cccd_too_long", create_person(citizen_id="0" * 21), "citizen_id",
         "people", {**NEW_PERSON_ROW, "citizen_id": "0" * 21}, "Số CCCD", people_rules.MSG_CCCD_FORMAT),
    Case("cccd_missing", create_person(citizen_id=""), "citizen_id",
         "people", {**NEW_PERSON_ROW, "citizen_id": None}, "Số CCCD", people_rules.MSG_CCCD_FORMAT),
    Case("name_required", create_person(full_name=""), "full_name",
         "people", {**NEW_PERSON_ROW, "full_name": None}, "Họ và tên", people_rules.MSG_NAME_REQUIRED),
    Case("name_too_long", create_person(full_name=LONG[:121]), "full_name",
         "people", {**NEW_PERSON_ROW, "full_name": LONG[:121]}, "Họ và tên",
         people_rules.MSG_TOO_LONG.format(label="Họ và tên", limit=120)),
    Case("birth_date_in_the_future", create_person(birth_date="01/01/2999"), "birth_date",
         "people", {**NEW_PERSON_ROW, "birth_date": "01/01/2999"}, "Ngày sinh", people_rules.MSG_BIRTH_DATE),
    Case("birth_date_before_1900", create_person(birth_date="31/12/1899"), "birth_date",
         "people", {**NEW_PERSON_ROW, "birth_date": "31/12/1899"}, "Ngày sinh", people_rules.MSG_BIRTH_DATE),
    Case("recruited_in_2090", create_person(recruited_on="01/01/2090"), "recruited_on",
         "people", {**NEW_PERSON_ROW, "recruited_on": "01/01/2090"}, "Ngày tuyển dụng", date_range_message),
    Case("gender_unknown", create_person(gender="Khác"), "gender",
         "people", {**NEW_PERSON_ROW, "gender": "Khác"}, "Giới tính", people_rules.MSG_GENDER),
    Case("party_card_too_long", edit_thang(party_card_no="9" * 21), "party_card_no",
         "people", {**THANG_ROW, "party_card_no": "9" * 21}, "Số thẻ đảng viên",
         people_rules.MSG_TOO_LONG.format(label="Số thẻ đảng viên", limit=20)),
    Case("party_card_taken", edit_thang(party_card_no="93000001"), "party_card_no",
         "people", {**THANG_ROW, "party_card_no": "93000001"}, "Số thẻ đảng viên", people_rules.MSG_CARD_TAKEN),
    # people: the posting
    Case("posting_start_2090", create_person(start="01/01/2090"), "start",
         "people", {**NEW_PERSON_ROW, "start": "01/01/2090"}, "Công tác từ ngày", date_range_message),
    Case("posting_start_1949", create_person(start="31/12/1949"), "start",
         "people", {**NEW_PERSON_ROW, "start": "31/12/1949"}, "Công tác từ ngày", date_range_message),
    Case("transfer_start_2090", transfer_thang(start="01/01/2090"), "start",
         "people", {**THANG_ROW, "unit": "VB", "start": "01/01/2090"}, "Công tác từ ngày", date_range_message),
    Case("transfer_before_the_open_posting", transfer_thang(start="01/01/2017"), "start",
         "people", {**THANG_ROW, "unit": "VB", "start": "01/01/2017"}, "Công tác từ ngày",
         people_rules.MSG_START_BEFORE_OPEN.format(d="01/01/2018")),
    Case("staff_type_unknown", create_person(staff_type="phi công"), "staff_type",
         "people", {**NEW_PERSON_ROW, "staff_type": "phi công"}, "Loại cán bộ", people_rules.MSG_STAFF_TYPE),
    Case("staff_type_required", create_person(staff_type=""), "staff_type",
         "people", {**NEW_PERSON_ROW, "staff_type": None}, "Loại cán bộ", people_rules.MSG_STAFF_TYPE_REQUIRED),
    Case("unit_unknown", create_person(unit_code="KHONG_CO"), "unit_code",
         "people", {**NEW_PERSON_ROW, "unit": "KHONG_CO"}, "Mã đơn vị", people_rules.MSG_UNIT_UNKNOWN),
    Case("unit_required", create_person(unit_code=""), "unit_code",
         "people", {**NEW_PERSON_ROW, "unit": None}, "Mã đơn vị", people_rules.MSG_UNIT_REQUIRED),
    Case("unit_closed", create_person(unit_code="OLD"), "unit_code",
         "people", {**NEW_PERSON_ROW, "unit": "OLD"}, "Mã đơn vị", people_rules.MSG_UNIT_CLOSED),
    Case("unit_out_of_scope", create_person(unit_code="VB"), "__all__",
         "people", {**NEW_PERSON_ROW, "unit": "VB"}, "Mã đơn vị", MSG_FORBIDDEN, who="personnel_a"),
    Case("position_too_long", create_person(position=LONG[:121]), "position",
         "people", {**NEW_PERSON_ROW, "position": LONG[:121]}, "Chức vụ",
         people_rules.MSG_TOO_LONG.format(label="Chức vụ", limit=120)),
    Case("grade_group_too_long", transfer_thang(grade_group=LONG[:61]), "grade_group",
         "people", {**THANG_ROW, "grade_group": LONG[:61]}, "Nhóm nhiệm vụ",
         people_rules.MSG_TOO_LONG.format(label="Nhóm nhiệm vụ tương đồng", limit=60)),
    # people: party membership
    Case("party_start_2090", open_membership_of_thang(start=D(2090, 1, 1)), "start",
         "people", {**THANG_ROW, "party_org": "CBA", "party_start": "01/01/2090"}, "Vào đảng từ ngày",
         date_range_message),
    # history: years
    Case("year_before_the_engines_first_year", add_history("yearrecord", year=1995, track="government",
                                                           grade="good"), "year",
         "history", {**YEAR_ROW, "year": 1995}, "Năm", year_message),
    Case("year_1999", add_history("yearrecord", year=1999, track="government", grade="good"), "year",
         "history", {**YEAR_ROW, "year": 1999}, "Năm", year_message),
    Case("year_after_next_year", add_history("yearrecord", year=THIS_YEAR + 2, track="government",
                                             grade="good"), "year",
         "history", {**YEAR_ROW, "year": THIS_YEAR + 2}, "Năm", year_message),
    Case("year_required", add_history("award", code="LDTT", kind="regular"), "year",
         "history", {"citizen_id": "001080000001", "titles": "LDTT"}, "Năm", history_rules.MSG_YEAR_REQUIRED),
    # history: grades
    Case("grade_unknown", add_history("yearrecord", year=2024, track="government", grade="Giỏi"), "grade",
         "history", {**YEAR_ROW, "year": 2024, "grade": "Giỏi"}, "Xếp loại", history_rules.MSG_GRADE),
    Case("party_grade_unknown", add_history("yearrecord", year=2024, track="party", grade="Tốt"), "grade",
         "history", {"citizen_id": "001080000001", "year": 2024, "party_grade": "Tốt"}, "Xếp loại Đảng",
         history_rules.MSG_GRADE),
    Case("months_above_12", add_history("yearrecord", year=2024, track="government", grade="good",
                                        months_worked=13), "months_worked",
         "history", {**YEAR_ROW, "year": 2024, "months": 13}, "Số tháng công tác", history_rules.MSG_MONTHS),
    Case("grade_in_a_locked_year", add_history("yearrecord", year=2025, track="government", grade="good"), "year",
         "history", {**YEAR_ROW, "year": 2025}, "Năm", MSG_GRADES_LOCKED.format(year=2025)),
    # history: titles and forms
    Case("title_code_unknown", add_history("award", year=2024, code="XYZ", kind="regular"), "code",
         "history", {"citizen_id": "001080000001", "year": 2024, "titles": "XYZ"}, "Danh hiệu",
         history_rules.MSG_CODE.format(code="XYZ")),
    Case("form_code_unknown", add_history("award", year=2024, code="ZZ", kind="regular"), "code",
         "history", {"citizen_id": "001080000001", "year": 2024, "forms": "ZZ"}, "Hình thức khen thưởng",
         history_rules.MSG_CODE.format(code="ZZ")),
    Case("collective_title_for_a_person", add_history("award", year=2024, code="TTLDXS", kind="regular"), "code",
         "history", {"citizen_id": "001080000001", "year": 2024, "titles": "TTLDXS"}, "Danh hiệu",
         history_rules.MSG_CODE_SUBJECT.format(code="TTLDXS", who="cá nhân")),
    Case("individual_title_for_a_unit", add_history("award", "VA", year=2024, code="CSTDCS", kind="regular"),
         "code", "history", {"unit": "VA", "year": 2024, "titles": "CSTDCS"}, "Danh hiệu",
         history_rules.MSG_CODE_SUBJECT.format(code="CSTDCS", who="tập thể")),
    Case("award_kind_unknown", add_history("award", year=2024, code="LDTT", kind="yearly"), "kind",
         "history", {"citizen_id": "001080000001", "year": 2024, "titles": "LDTT", "award_kind": "yearly"},
         "Loại khen thưởng", history_rules.MSG_AWARD_KIND),
    Case("decision_number_too_long", add_history("award", year=2024, code="LDTT", kind="regular",
                                                 decision_no=LONG[:81]), "decision_no",
         "history", {"citizen_id": "001080000001", "year": 2024, "titles": "LDTT", "decision_no": LONG[:81]},
         "Số QĐ", people_rules.MSG_TOO_LONG.format(label="Số quyết định", limit=80)),
    Case("authority_too_long", add_history("award", year=2024, code="LDTT", kind="regular",
                                           authority=LONG[:256]), "authority",
         "history", {"citizen_id": "001080000001", "year": 2024, "titles": "LDTT", "authority": LONG[:256]},
         "Cấp quyết định", people_rules.MSG_TOO_LONG.format(label="Cấp quyết định", limit=255)),
    # history: initiatives and discipline
    Case("initiative_title_too_long", add_history("initiative", year=2024, title=LONG[:501], level="unit",
                                                  kind="initiative"), "title",
         "history", {"citizen_id": "001080000001", "year": 2024, "initiative": LONG[:501]}, "Sáng kiến",
         people_rules.MSG_TOO_LONG.format(label="Tên sáng kiến", limit=500)),
    Case("initiative_level_unknown", add_history("initiative", year=2024, title="Số hóa", level="galaxy",
                                                 kind="initiative"), "level",
         "history", {"citizen_id": "001080000001", "year": 2024, "initiative": "Số hóa",
                     "initiative_level": "galaxy"}, "Cấp sáng kiến", history_rules.MSG_INITIATIVE_LEVEL),
    Case("discipline_form_unknown", add_history("discipline", year=2024, form="scolding", track="government"),
         "form", "history", {"citizen_id": "001080000001", "year": 2024, "discipline": "scolding"}, "Kỷ luật",
         history_rules.MSG_DISCIPLINE_FORM),
    # history: a collective's member counts
    Case("stats_count_above_total", set_stats(completed=25), "completed",
         "history", {**STATS_ROW, "completed": 25}, "HTNV trở lên",
         history_rules.MSG_STATS.format(detail="số hoàn thành nhiệm vụ phải từ 0 đến tổng số 20")),
    Case("stats_negative_count", set_stats(ldtt=-1), "ldtt",
         "history", {**STATS_ROW, "ldtt": -1}, "LĐTT",
         history_rules.MSG_STATS.format(detail="số Lao động tiên tiến phải từ 0 đến tổng số 20")),
    Case("stats_total_required", set_stats(total=""), "total",
         "history", {**STATS_ROW, "total": None}, "Tổng số",
         history_rules.MSG_STATS.format(detail=history_rules.STATS_DETAIL_TOTAL)),
    Case("stats_rank_above_cluster_size", set_stats(cluster_rank=3, cluster_size=2), "cluster_rank",
         "history", {**STATS_ROW, "cluster_rank": 3, "cluster_size": 2}, "Hạng trong khối",
         history_rules.MSG_STATS.format(detail=history_rules.STATS_DETAIL_RANK)),
    Case("stats_year_out_of_range", set_stats(year=1995), "year",
         "history", {**STATS_ROW, "year": 1995}, "Năm", year_message),
    # history: permission
    Case("history_out_of_scope", add_history("yearrecord", "lan", year=2024, track="government", grade="good"),
         "__all__", "history", {"citizen_id": "001085000002", "year": 2024, "grade": "HTTNV"}, "Số CCCD",
         MSG_FORBIDDEN, who="officer_a"),
]


@pytest.fixture
def closed_unit(org):
    return Unit.objects.create(code="OLD", name="Đơn vị cũ", kind="division", parent=org["BO"],
                               path=f"{org['BO'].path}999/", valid_to=D(2020, 1, 1))


@pytest.fixture
def locked_2025(org, personas, actor_of, scope_of):
    admin = personas["admin"]
    grade_year_transition(actor=actor_of(admin), scope=scope_of(admin), unit=org["VA"], year=2025, transition="lock")


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_the_page_and_the_import_refuse_with_the_same_message(case, org, people, personas, actor_of, scope_of,
                                                              closed_unit, locked_2025):
    user = personas[case.who]
    context = SimpleNamespace(actor=actor_of(user), scope=scope_of(user), org=org, people=people)
    expected = case.message() if callable(case.message) else case.message
    assert case.page(context).get(case.field) == expected

    events = AuditEvent.objects.count()
    result = import_file(actor=context.actor, scope=context.scope, kind=case.kind, source=xlsx(case.kind, [case.row]))
    assert [(error.column, error.message) for error in result.errors] == [(case.column, expected)]
    assert not result.written and AuditEvent.objects.count() == events


# The messages no case above can reach through both paths, and why.
ONE_PATH_ONLY = {
    "MSG_CCCD_TAKEN": "a stored CCCD: the page refuses a second person, the file updates that person",
    "MSG_PARTY_ORG_UNKNOWN": "only the file names a party organisation by its code",
    "MSG_LEAVE_ORDER": "leave is not imported",
    "MSG_REPEATED": "a key twice in one batch: only a file has rows",
    "MSG_DUPLICATE": "a stored fact: the page refuses a second one, the file updates it",
    "MSG_REASON": "corrections and deletions from the page need a reason; the file neither corrects nor deletes",
    "MSG_SCORE": "the file has no score column",
    "MSG_TRACK": "the file's columns say the track",
    "MSG_INITIATIVE_TITLE": "a blank initiative cell in the file means no initiative",
    "MSG_INITIATIVE_KIND": "the file has no initiative kind column",
    "MSG_SUBJECT_BOTH": "only a file row names its subject (the page is the subject's page)",
    "MSG_SUBJECT_MISSING": "only a file row names its subject",
    "MSG_PERSON_UNKNOWN": "only a file row names its subject",
    "MSG_STATS_PERSON": "only a file row can put member counts on a person",
    "MSG_REPEATED_FACT": "a fact twice in one batch: only a file has rows",
}


def _pattern(template: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in re.split(r"\{[^}]*\}", template)), re.DOTALL)


def test_every_message_of_the_validators_is_reached_by_a_case_or_said_why_not(people):
    expected = [case.message() if callable(case.message) else case.message for case in CASES]
    for module in (people_rules, history_rules):
        for name in dir(module):
            if not name.startswith("MSG_") or name in ONE_PATH_ONLY:
                continue
            pattern = _pattern(getattr(module, name))
            assert any(pattern.fullmatch(message) for message in expected), f"{module.__name__}.{name} has no case"
    assert len({case.rule for case in CASES}) == len(CASES)
