"""Reads of yearly history: grouped by year (newest first), a unit's history through its lineage
after a merger, and single facts only inside the reader's scope."""
import datetime

import pytest
from django.http import Http404

from thidua.organizations.selectors import unit_lineage
from thidua.people.restructure import unit_merge
from thidua.records.models import Award, Discipline, Initiative, YearRecord
from thidua.records.selectors import history_for_person, history_for_units, history_get_for_user
from thidua.records.services import collective_stats_set, history_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(system_actor, root_scope):
    return {"actor": system_actor, "scope": root_scope}


def _add(write, model, subject, year, **data):
    return history_add(**write, model=model, subject=subject, year=year, **data)


def test_a_persons_history_is_grouped_by_year_newest_first(people, write):
    thang, lan = people["thang"], people["lan"]
    grade_2023 = _add(write, YearRecord, thang, 2023, grade="good")
    party_2023 = _add(write, YearRecord, thang, 2023, track="party", grade="excellent")
    ldtt = _add(write, Award, thang, 2023, code="LDTT")
    initiative = _add(write, Initiative, thang, 2023, title="Số hóa hồ sơ", level="unit")
    reprimand = _add(write, Discipline, thang, 2021, form="reprimand")
    grade_2024 = _add(write, YearRecord, thang, 2024, grade="excellent")
    _add(write, YearRecord, lan, 2022, grade="good")  # someone else's year
    history = history_for_person(thang)
    assert [y["year"] for y in history] == [2024, 2023, 2021]
    latest, middle, oldest = history
    assert latest["records"] == [grade_2024] and latest["awards"] == []
    assert sorted(r.pk for r in middle["records"]) == sorted([grade_2023.pk, party_2023.pk])
    assert middle["awards"] == [ldtt] and middle["initiatives"] == [initiative] and middle["disciplines"] == []
    assert oldest["disciplines"] == [reprimand] and oldest["records"] == []
    assert all(y["stats"] == [] for y in history)


def test_a_person_without_history_has_no_years(people):
    assert history_for_person(people["lan"]) == []


def test_a_merged_units_history_is_read_through_its_lineage(org, people, write):
    va, vb = org["VA"], org["VB"]
    va_2023 = _add(write, YearRecord, va, 2023, grade="excellent")
    va_title = _add(write, Award, va, 2023, code="TTLDXS")
    vb_2023 = _add(write, YearRecord, vb, 2023, grade="good")
    vb_2024 = _add(write, YearRecord, vb, 2024, grade="good")
    vb_stats = collective_stats_set(**write, unit=vb, year=2024, total=4, completed=4, ldtt=3, cstdcs=1,
                                    disciplined=0)
    _add(write, YearRecord, org["PA1"], 2023, grade="good")  # a sub-unit is not part of the lineage
    _add(write, Award, people["thang"], 2023, code="LDTT")  # nor are the people's own facts
    merged = unit_merge(**write, units=[va, vb], date=datetime.date(2025, 7, 1), new_code="VAB",
                        new_name="Vụ Thi đua – Pháp chế", new_kind="department")
    merged_2025 = _add(write, YearRecord, merged, 2025, grade="good")

    lineage = unit_lineage(merged)
    assert {u.code for u in lineage} == {"VAB", "VA", "VB"}
    history = history_for_units(lineage)
    assert [y["year"] for y in history] == [2025, 2024, 2023]
    by_year = {y["year"]: y for y in history}
    assert by_year[2025]["records"] == [merged_2025]
    assert by_year[2024]["records"] == [vb_2024] and by_year[2024]["stats"] == [vb_stats]
    assert sorted(r.pk for r in by_year[2023]["records"]) == sorted([va_2023.pk, vb_2023.pk])
    assert by_year[2023]["awards"] == [va_title]
    assert {r.unit.code for r in by_year[2023]["records"]} == {"VA", "VB"}  # each row names its own unit
    # the new unit alone has only its own year; a predecessor alone only its own rows
    assert [y["year"] for y in history_for_units([merged])] == [2025]
    assert [y["year"] for y in history_for_units([va])] == [2023]


def test_a_fact_is_found_only_inside_the_readers_scope(org, people, personas, scope_of, write):
    thang_grade = _add(write, YearRecord, people["thang"], 2024, grade="good")
    vb_grade = _add(write, YearRecord, org["VB"], 2024, grade="good")
    officer_a = scope_of(personas["officer_a"])
    assert history_get_for_user(officer_a, kind="yearrecord", pk=thang_grade.pk) == thang_grade
    for kind, pk in (("yearrecord", vb_grade.pk), ("award", thang_grade.pk), ("nope", thang_grade.pk),
                     ("yearrecord", vb_grade.pk + 999)):
        with pytest.raises(Http404):
            history_get_for_user(officer_a, kind=kind, pk=pk)
    assert history_get_for_user(scope_of(personas["officer_b"]), kind="yearrecord", pk=vb_grade.pk) == vb_grade
    staff = scope_of(personas["staff"])  # Thắng's own login sees his record, nobody else's
    assert history_get_for_user(staff, kind="yearrecord", pk=thang_grade.pk) == thang_grade
    with pytest.raises(Http404):
        history_get_for_user(staff, kind="yearrecord", pk=vb_grade.pk)
