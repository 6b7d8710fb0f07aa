"""people.bulk: many people in one call, with the services' permission, rules, messages and audit."""
import datetime

import pytest

from thidua.audit.models import AuditEvent
from thidua.common.bulk import BulkInvalid, Problem
from thidua.common.errors import MSG_FORBIDDEN
from thidua.people import validators as rules
from thidua.people.bulk import people_save_bulk
from thidua.people.models import PartyMembership, Person, Posting

D = datetime.date


def row(number, citizen_id, full_name, unit_code, **values):
    return {"row": number, "citizen_id": citizen_id, "full_name": full_name, "birth_date": None, "gender": "",
            "unit_code": unit_code, "staff_type": "civil_servant", "position": "", "is_leader": None,
            "grade_group": "", "start": None, "recruited_on": None, "party_card_no": "", "party_org_code": "",
            "party_start": None, **values}


def stored() -> tuple:
    return Person.objects.count(), Posting.objects.count(), PartyMembership.objects.count(), AuditEvent.objects.count()


def test_it_creates_people_with_their_posting_membership_and_one_audit_event_each(org, system_actor, root_scope):
    rows = [row(1, "001090000101", "Lê Văn An", "VA", start=D(2020, 1, 1), party_org_code="CBA",
                party_card_no="93000101", party_start=D(2015, 9, 2)),
            row(2, "001090000102", "Phạm Thị Bình", "PA1", gender="female", is_leader=True)]
    plan = people_save_bulk(actor=system_actor, scope=root_scope, rows=rows)
    assert plan.outcomes == [(1, True, False), (2, True, False)]
    an = Person.objects.get(citizen_id="001090000101")
    assert (an.unit, an.unit_path, an.name_folded, an.party_org, an.is_party_member) == (
        org["VA"], org["VA"].path, "le van an", org["CBA"], True)
    assert Posting.objects.get(person=an).start == D(2020, 1, 1)
    assert PartyMembership.objects.get(person=an).card_no == "93000101"
    [event] = AuditEvent.objects.filter(subject=f"people.person:{an.pk}")
    assert (event.verb, event.after["posting"]["unit_id"]) == ("bulk_person", org["VA"].pk)
    before = stored()
    again = people_save_bulk(actor=system_actor, scope=root_scope, rows=rows)
    assert again.outcomes == [(1, False, False), (2, False, False)] and stored() == before


def test_it_lists_every_problem_of_every_row_and_writes_nothing(org, people, system_actor, root_scope):
    before = stored()
    rows = [row(1, "001090000101", "", "KHONG_CO", staff_type="pilot", birth_date=D(2999, 1, 1)),
            row(2, "001090000101", "Trùng", "VA", start=D(2090, 1, 1)),
            row(3, "00109", "CCCD ngắn", "VA", party_org_code="KHONG_CO", party_card_no="93000999"),
            row(4, "001090000104", "Thẻ trùng trong tệp", "VA", party_card_no="93000999"),
            row(5, "001090000105", "Đơn vị giải thể", "")]
    with pytest.raises(BulkInvalid) as refused:
        people_save_bulk(actor=system_actor, scope=root_scope, rows=rows)
    assert refused.value.problems == [
        Problem(1, "full_name", rules.MSG_NAME_REQUIRED),
        Problem(1, "birth_date", rules.MSG_BIRTH_DATE),
        Problem(1, "unit", rules.MSG_UNIT_UNKNOWN),
        Problem(1, "staff_type", rules.MSG_STAFF_TYPE),
        Problem(2, "citizen_id", rules.MSG_REPEATED.format(what="Số CCCD 001090000101", row=1)),
        Problem(2, "start", rules.check_date(D(2090, 1, 1))),
        Problem(3, "citizen_id", rules.MSG_CCCD_FORMAT),
        Problem(3, "party_org", rules.MSG_PARTY_ORG_UNKNOWN),
        Problem(4, "party_card_no", rules.MSG_REPEATED.format(what="Số thẻ đảng viên 93000999", row=3)),
        Problem(5, "unit", rules.MSG_UNIT_REQUIRED),
    ]
    assert stored() == before


def test_it_refuses_units_outside_the_scope_with_the_services_message(org, people, personas, actor_of, scope_of):
    officer = personas["personnel_a"]
    before = stored()
    with pytest.raises(BulkInvalid) as refused:
        people_save_bulk(actor=actor_of(officer), scope=scope_of(officer),
                         rows=[row(1, "001090000101", "Trong", "PA1"), row(2, "001090000102", "Ngoài", "VB")])
    assert refused.value.problems == [Problem(2, "unit", MSG_FORBIDDEN)] and stored() == before


def test_a_card_held_by_someone_else_and_a_transfer_dated_too_early_are_refused(org, people, system_actor,
                                                                                  root_scope):
    before = stored()
    rows = [row(1, "001080000001", "Nguyễn Văn Thắng", "VB", start=D(2017, 1, 1)),
            row(2, "001090000102", "Người mới", "VA", party_card_no="93000001")]
    with pytest.raises(BulkInvalid) as refused:
        people_save_bulk(actor=system_actor, scope=root_scope, rows=rows)
    assert refused.value.problems == [
        Problem(1, "start", rules.MSG_START_BEFORE_OPEN.format(d="01/01/2018")),
        Problem(2, "party_card_no", rules.MSG_CARD_TAKEN)]
    assert stored() == before


def test_a_transfer_closes_the_open_posting_the_day_before(org, people, system_actor, root_scope):
    thang = people["thang"]
    plan = people_save_bulk(actor=system_actor, scope=root_scope,
                            rows=[row(1, "001080000001", "Nguyễn Văn Thắng", "VB", start=D(2026, 2, 1))])
    assert plan.outcomes == [(1, True, True)]
    postings = list(Posting.objects.filter(person=thang).order_by("start").values_list("unit__code", "end"))
    assert postings == [("PA1", D(2026, 1, 31)), ("VB", None)]
    thang.refresh_from_db()
    assert (thang.unit, thang.unit_path) == (org["VB"], org["VB"].path)
    assert AuditEvent.objects.filter(subject=f"people.person:{thang.pk}", verb="bulk_posting",
                                     action="create").count() == 1
