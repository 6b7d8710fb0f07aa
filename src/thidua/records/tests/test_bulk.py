"""records.bulk: many yearly facts in one call, with the services' permissions (scope, the grade-year
lock), rules, messages and audit; a fact repeated or a subject badly named refuses the whole batch."""
import datetime

import pytest

from thidua.audit.models import AuditEvent
from thidua.common.bulk import BulkInvalid, Problem
from thidua.common.errors import MSG_FORBIDDEN
from thidua.people.validators import MSG_CCCD_FORMAT, MSG_UNIT_UNKNOWN
from thidua.records import validators as rules
from thidua.records.bulk import history_save_bulk
from thidua.records.grading import grade_year_transition
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.records.permissions import MSG_GRADES_LOCKED

D = datetime.date


def entry(number, year, *, citizen_id=None, unit_code=None, **facts):
    return {"row": number, "citizen_id": citizen_id, "unit_code": unit_code, "year": year, "grade": None,
            "party_grade": None, "months_worked": None, "award_codes": (), "award_kind": None, "decision_no": "",
            "decision_date": None, "authority": "", "initiatives": [], "initiative_level": None,
            "discipline_forms": [], "stats": None, **facts}


THANG, LAN = "001080000001", "001085000002"
STATS = {"total": 20, "completed": 19, "ldtt": 15, "cstdcs": 3, "disciplined": 0, "cluster_rank": 1,
         "cluster_size": 2}


def facts_stored() -> tuple:
    return tuple(model.objects.count() for model in (YearRecord, Award, Initiative, Discipline, CollectiveStats))


def test_it_writes_facts_with_one_audit_event_per_subject_and_again_changes_nothing(people, org, system_actor,
                                                                                     root_scope):
    entries = [entry(1, 2023, citizen_id=THANG, grade="excellent", months_worked=12, award_codes=("LDTT", "GK"),
                     decision_no="12/QĐ-BTP", decision_date=D(2024, 1, 20), initiatives=["Số hóa hồ sơ"]),
               entry(2, 2024, citizen_id=LAN, party_grade="good", discipline_forms=["reprimand"]),
               entry(3, 2024, unit_code="VA", grade="excellent", award_codes=("TTLDXS",), stats=STATS)]
    plan = history_save_bulk(actor=system_actor, scope=root_scope, entries=entries)
    assert plan.outcomes == [(1, True, False), (2, True, False), (3, True, False)]
    assert facts_stored() == (3, 3, 1, 1, 1)
    assert Award.objects.get(person=people["thang"], code="GK").category == "form"
    assert YearRecord.objects.get(person=people["lan"]).track == "party"
    events = AuditEvent.objects.filter(verb="bulk_history")
    assert sorted(event.subject for event in events) == sorted([
        f"people.person:{people['thang'].pk}", f"people.person:{people['lan'].pk}",
        f"organizations.unit:{org['VA'].pk}"])
    audited = events.get(subject=f"people.person:{people['thang'].pk}").after["facts"]
    assert {(fact["type"], fact.get("code") or fact.get("grade") or fact.get("title")) for fact in audited} == {
        ("grade", "excellent"), ("award", "LDTT"), ("award", "GK"), ("initiative", "Số hóa hồ sơ")}
    before = (facts_stored(), AuditEvent.objects.count())
    again = history_save_bulk(actor=system_actor, scope=root_scope, entries=entries)
    assert again.outcomes == [(1, False, False), (2, False, False), (3, False, False)]
    assert (facts_stored(), AuditEvent.objects.count()) == before


def test_a_changed_fact_is_updated_with_its_before_and_after(people, system_actor, root_scope):
    history_save_bulk(actor=system_actor, scope=root_scope, entries=[entry(1, 2024, citizen_id=THANG, grade="good")])
    plan = history_save_bulk(actor=system_actor, scope=root_scope,
                             entries=[entry(1, 2024, citizen_id=THANG, grade="excellent")])
    assert plan.outcomes == [(1, False, True)]
    [event] = AuditEvent.objects.filter(verb="bulk_yearrecord", action="update")
    assert (event.before["grade"], event.after["grade"]) == ("good", "excellent")


def test_it_lists_every_problem_and_writes_nothing(people, org, system_actor, root_scope):
    before = (facts_stored(), AuditEvent.objects.count())
    entries = [
        entry(1, 1995, citizen_id=THANG, grade="perfect", months_worked=13),
        entry(2, 2024, citizen_id=THANG, unit_code="VA"),
        entry(3, 2024),
        entry(4, 2024, citizen_id="009999999999", grade="good"),
        entry(5, 2024, citizen_id="12345"),
        entry(6, 2024, unit_code="KHONG_CO"),
        entry(7, 2024, citizen_id=THANG, award_codes=("XYZ", "TTLDXS"), award_kind="yearly", stats=STATS),
        entry(8, 2024, citizen_id=THANG, initiatives=["Đ" * 501], initiative_level="galaxy",
              discipline_forms=["scolding"]),
        entry(9, 2024, unit_code="VA", stats={**STATS, "completed": 25, "cluster_rank": 3}),
    ]
    with pytest.raises(BulkInvalid) as refused:
        history_save_bulk(actor=system_actor, scope=root_scope, entries=entries)
    assert refused.value.problems == [
        Problem(1, "year", rules.year_message()),
        Problem(1, "grade", rules.MSG_GRADE),
        Problem(1, "months_worked", rules.MSG_MONTHS),
        Problem(2, "citizen_id", rules.MSG_SUBJECT_BOTH),
        Problem(3, "citizen_id", rules.MSG_SUBJECT_MISSING),
        Problem(4, "citizen_id", rules.MSG_PERSON_UNKNOWN),
        Problem(5, "citizen_id", MSG_CCCD_FORMAT),
        Problem(6, "unit_code", MSG_UNIT_UNKNOWN),
        Problem(7, "award_codes", rules.MSG_CODE.format(code="XYZ"), "XYZ"),
        Problem(7, "award_codes", rules.MSG_CODE_SUBJECT.format(code="TTLDXS", who="cá nhân"), "TTLDXS"),
        Problem(7, "award_kind", rules.MSG_AWARD_KIND),
        Problem(7, "total", rules.MSG_STATS_PERSON),
        Problem(8, "initiatives", rules.check_initiative_title("Đ" * 501), "Đ" * 501),
        Problem(8, "initiative_level", rules.MSG_INITIATIVE_LEVEL),
        Problem(8, "discipline_forms", rules.MSG_DISCIPLINE_FORM, "scolding"),
        Problem(9, "completed", rules.MSG_STATS.format(detail="số hoàn thành nhiệm vụ phải từ 0 đến tổng số 20")),
        Problem(9, "cluster_rank", rules.MSG_STATS.format(detail=rules.STATS_DETAIL_RANK)),
    ]
    assert (facts_stored(), AuditEvent.objects.count()) == before


def test_a_fact_twice_in_the_batch_is_refused_at_the_later_entry(people, system_actor, root_scope):
    entries = [entry(1, 2024, citizen_id=THANG, grade="good", award_codes=("LDTT",)),
               entry(2, 2024, citizen_id=THANG, award_codes=("LDTT",), initiatives=["A"]),
               entry(3, 2024, citizen_id=THANG, initiatives=["A"])]
    with pytest.raises(BulkInvalid) as refused:
        history_save_bulk(actor=system_actor, scope=root_scope, entries=entries)
    assert refused.value.problems == [
        Problem(2, "award_codes", rules.repeated_fact("LDTT", 2024, 1), "LDTT"),
        Problem(3, "initiatives", rules.repeated_fact("Sáng kiến “A”", 2024, 2), "A")]
    assert facts_stored() == (0, 0, 0, 0, 0)


def test_it_refuses_subjects_outside_the_scope(people, org, personas, actor_of, scope_of):
    officer = personas["officer_a"]   # VA and its subtree (Thắng in PA1); Lan and VB are outside
    with pytest.raises(BulkInvalid) as refused:
        history_save_bulk(actor=actor_of(officer), scope=scope_of(officer), entries=[
            entry(1, 2024, citizen_id=THANG, grade="good"), entry(2, 2024, citizen_id=LAN, grade="good"),
            entry(3, 2024, unit_code="VB", award_codes=("TTLDTT",))])
    assert refused.value.problems == [Problem(2, "citizen_id", MSG_FORBIDDEN), Problem(3, "unit_code", MSG_FORBIDDEN)]
    assert facts_stored() == (0, 0, 0, 0, 0)


def test_grades_of_a_locked_year_are_refused_other_facts_are_not(people, org, personas, actor_of, scope_of):
    admin = {"actor": actor_of(personas["admin"]), "scope": scope_of(personas["admin"])}
    grade_year_transition(**admin, unit=org["VA"], year=2025, transition="lock")
    with pytest.raises(BulkInvalid) as refused:
        history_save_bulk(**admin, entries=[entry(1, 2025, citizen_id=THANG, grade="good"),
                                            entry(2, 2025, citizen_id=LAN, grade="good")])   # Lan: VB, not locked
    assert refused.value.problems == [Problem(1, "year", MSG_GRADES_LOCKED.format(year=2025))]
    history_save_bulk(**admin, entries=[entry(1, 2025, citizen_id=THANG, award_codes=("LDTT",)),
                                        entry(2, 2025, citizen_id=LAN, grade="good")])
    assert facts_stored()[:2] == (1, 1)
