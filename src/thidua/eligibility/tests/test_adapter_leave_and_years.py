"""The database side of the counted working time (legal-rules.md §2.6) and of the engine's year range.

- Leave kinds reach the engine through both paths (adapter dicts, columnar arrays), and months worked
  derived from postings are months actually worked (leave taken off); the engine adds back the leave
  that counts as work (maternity, agency-sent study, injury treatment).
- Facts stored for years outside rules.codes MIN_YEAR..MAX_YEAR (a 1995 grade) never make the adapter,
  the loader or the engine raise: they are dropped."""
import datetime

import numpy as np
import pytest
from django.test import Client

from thidua import rules
from thidua.eligibility import adapter
from thidua.eligibility import services as svc
from thidua.eligibility.columnar_loader import load_people
from thidua.people import services as people_services
from thidua.people.models import Leave, Posting
from thidua.records.models import Award, YearRecord
from thidua.rules.codes import MIN_YEAR
from thidua.rules.columnar import ColumnarHistory

D = datetime.date


def _same_arrays(person_ids, years):
    """The columnar loader equals the adapter turned into columns, array by array."""
    fast = load_people(person_ids=person_ids, years=years)
    lo, hi = adapter.engine_years(years)
    slow = ColumnarHistory.from_subjects(adapter.people_subjects(person_ids, years=years), years=range(lo, hi + 1))
    order = [slow.ids.index(i) for i in fast.ids]
    assert fast.year0 == slow.year0 and np.array_equal(fast.present, slow.present[order])
    for name in fast.arrays:
        assert np.array_equal(fast.arrays[name], slow.arrays[name][order]), name
    return fast


@pytest.fixture
def recruit(org, system_actor, root_scope):
    """Recruited on 1 March 2020, graded "good" for 2020; no history before (NĐ 91/2017: < 10 months)."""
    person = people_services.person_create(actor=system_actor, scope=root_scope, citizen_id="001090000555",
                                           full_name="Người mới 2020", unit=org["VA"], staff_type="civil_servant",
                                           start=D(2020, 3, 1))
    YearRecord.objects.create(person=person, year=2020, grade="good")
    return person


def _leave(person, kind, start, end, system_actor, root_scope):
    return people_services.leave_add(actor=system_actor, scope=root_scope, person=person, kind=kind, start=start,
                                     end=end)


@pytest.mark.parametrize("kind,expected", [("maternity", True), ("study", True), ("injury", True), ("sick", False),
                                           ("unpaid", False)])
def test_nd91_d10_counted_leave_reaches_the_engine_from_the_database(recruit, kind, expected, system_actor,
                                                                     root_scope):
    """NĐ 91/2017 Điều 10 khoản 4 (maternity) and the training rule (§2.6): 10 months in service in
    2020, of which 2 on leave → 8 months worked; maternity or agency-sent study make 10 counted
    months (LĐTT possible), sick or unpaid leave leave 8 (< 10: newly recruited)."""
    _leave(recruit, kind, D(2020, 6, 1), D(2020, 7, 31), system_actor, root_scope)
    entry = adapter.people_subjects([recruit.pk], years=(2010, 2020))[0]["history"][0]
    assert entry["months_worked"] == 8 and entry["leave_days"] == {kind: 61}
    answer = svc.person_answers(recruit, 2020, ["LDTT"])[0]
    assert answer["eligible"] is expected
    fast = _same_arrays([recruit.pk], (2010, 2020))
    assert rules.evaluate_matrix(fast, ["LDTT"], 2020)["LDTT"][0] == (1 if expected else 0)


def test_leave_across_years_and_transfers_load_the_same_on_both_paths(recruit, org, system_actor, root_scope):
    """Leave periods split at 31 December; a posting opened in a later year is a transfer in."""
    _leave(recruit, "study", D(2020, 11, 1), D(2021, 2, 28), system_actor, root_scope)
    _leave(recruit, "maternity", D(2021, 9, 1), D(2022, 2, 28), system_actor, root_scope)
    people_services.posting_open(actor=system_actor, scope=root_scope, person=recruit, unit=org["VB"],
                                 staff_type="civil_servant", start=D(2022, 7, 1))
    for y in (2021, 2022):
        YearRecord.objects.create(person=recruit, year=y, grade="good")
    history = {e["year"]: e for e in adapter.people_subjects([recruit.pk], years=(2015, 2022))[0]["history"]}
    assert history[2020]["leave_days"] == {"study": 61}
    assert history[2021]["leave_days"] == {"study": 59, "maternity": 122}
    assert history[2022]["transferred_in"] is True and history[2021]["transferred_in"] is False
    assert history[2021]["months_worked"] == 6           # 365 days less 181 of leave
    _same_arrays([recruit.pk], (2015, 2022))


def test_a_leave_kind_unknown_to_the_engine_is_ignored(recruit):
    """Stored outside the choices (an old import): not passed on, so the contract still holds."""
    Leave.objects.create(person=recruit, kind="holiday", start=D(2020, 4, 1), end=D(2020, 4, 30))
    entry = adapter.people_subjects([recruit.pk], years=(2010, 2020))[0]["history"][0]
    assert entry["leave_days"] == {} and entry["months_worked"] == 10
    rules.validate_document({"subjects": adapter.people_subjects([recruit.pk], years=(2010, 2020)),
                             "questions": []})
    _same_arrays([recruit.pk], (2010, 2020))


def test_a_1995_grade_in_the_database_breaks_neither_adapter_nor_engine(people, personas):
    """rules.codes MIN_YEAR = 2000: a grade, an award and a leave stored for 1995 (and a posting
    from 1990) are dropped by the adapter and the loader; the engine answers the person."""
    thang = people["thang"]
    YearRecord.objects.create(person=thang, year=1995, grade="excellent", months_worked=12)
    Award.objects.create(person=thang, year=1995, code="BK_BO", category="form")
    Leave.objects.create(person=thang, kind="maternity", start=D(1995, 1, 1), end=D(2000, 1, 31))
    Posting.objects.filter(person=thang).update(start=D(1990, 1, 1))
    YearRecord.objects.create(person=thang, year=2000, grade="good")
    YearRecord.objects.create(person=thang, year=2010, grade="good")
    subjects = adapter.people_subjects([thang.pk], years=(1995, 2010))
    years = [e["year"] for e in subjects[0]["history"]]
    assert years == [2000, 2010] and min(years) >= MIN_YEAR
    assert subjects[0]["history"][0]["leave_days"] == {"maternity": 31}
    answers = rules.answer_document({"subjects": subjects, "questions": [
        {"subject": subjects[0]["id"], "target": t, "year": 2010} for t in rules.ALL_TARGETS]})["answers"]
    assert all(a["eligible"] is not None or a["missing"] for a in answers)
    fast = _same_arrays([thang.pk], (1995, 2010))
    assert fast.year0 == MIN_YEAR
    rules.evaluate_matrix(fast, None, 2010)
    assert svc.person_answers(thang, 2010)                 # the card's answers: window 1995–2010
    only_old = adapter.people_subjects([thang.pk], years=(1990, 1999))
    assert only_old[0]["history"] == []
    assert load_people(person_ids=[thang.pk], years=(1990, 1999)).n == 1
    client = Client()
    client.force_login(personas["officer_a"])
    assert client.get(f"/xet-danh-hieu/ca-nhan/{thang.pk}/the/", {"year": 2010}).status_code == 200
