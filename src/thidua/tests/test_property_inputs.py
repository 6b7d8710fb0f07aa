"""Hypothesis pushes arbitrary text (NUL, control characters, "/", "%", quotes, any Unicode) and
huge integers through the main forms and services: unit create, person create, history add.

Whatever comes in, the only exceptions are ValidationError and PermissionDenied (a message for the
user), a form is either valid or has field errors, and a refused write leaves nothing behind: no
row, no audit event."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.audit.models import AuditEvent
from thidua.common.clean import code_problem, text_problem
from thidua.organizations import services as org_svc
from thidua.organizations.forms import UnitCreateForm
from thidua.organizations.models import Unit
from thidua.people import services as people_svc
from thidua.people.forms import PersonCreateForm
from thidua.people.models import Person
from thidua.records import services as records_svc
from thidua.records.forms import YearRecordForm
from thidua.records.models import Award, YearRecord

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(["", "/", "Q/R", "%", "%00", "'", '"', "\x00", "\x07", "\x1b", "\ud800", " ", "\n",
                         "Đ", "ñ", "🙂", "A" * 300, "<b>", "=1+1", "..", "\u200b", "\u0301"])
TEXT = st.one_of(st.text(max_size=60), NASTY, st.lists(NASTY, max_size=4).map("".join))
HUGE = st.one_of(st.integers(), st.sampled_from([2**31, -(2**31) - 1, 2**63, 10**30]))
SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _counts(*models):
    return [m.objects.count() for m in models] + [AuditEvent.objects.count()]


@SETTINGS
@given(code=TEXT, name=TEXT, short_name=st.one_of(st.none(), TEXT))
def test_unit_create_refuses_or_stores_clean(org, system_actor, root_scope, code, name, short_name):
    before = _counts(Unit)
    try:
        unit = org_svc.unit_create(actor=system_actor, scope=root_scope, code=code, name=name, kind="division",
                                   parent=org["VA"], short_name=short_name)
    except (ValidationError, PermissionDenied):
        assert _counts(Unit) == before
        return
    assert code_problem(unit.code) is None and text_problem(unit.name) is None
    assert _counts(Unit) == [before[0] + 1, before[1] + 1]


@SETTINGS
@given(code=TEXT, name=TEXT)
def test_unit_create_form_never_raises(code, name):
    form = UnitCreateForm({"code": code, "name": name, "kind": "division"})
    if form.is_valid():
        assert code_problem(form.cleaned_data["code"].strip().upper()) is None
    else:
        assert form.errors


@SETTINGS
@given(citizen_id=TEXT, full_name=TEXT, position=TEXT, start=st.dates(min_value=datetime.date(1, 1, 1)))
def test_person_create_refuses_or_stores_clean(org, system_actor, root_scope, citizen_id, full_name, position,
                                               start):
    before = _counts(Person)
    try:
        person = people_svc.person_create(actor=system_actor, scope=root_scope, citizen_id=citizen_id,
                                          full_name=full_name, unit=org["VA"], staff_type="civil_servant",
                                          start=start, position=position)
    except (ValidationError, PermissionDenied):
        assert _counts(Person) == before
        return
    assert text_problem(person.full_name) is None


@SETTINGS
@given(citizen_id=TEXT, full_name=TEXT, unit_code=TEXT, start=TEXT)
def test_person_create_form_never_raises(org, citizen_id, full_name, unit_code, start):
    form = PersonCreateForm({"citizen_id": citizen_id, "full_name": full_name, "unit_code": unit_code,
                             "staff_type": "civil_servant", "start": start})
    assert form.is_valid() or form.errors


@SETTINGS
@given(year=HUGE, note=TEXT, months=st.one_of(st.none(), HUGE), code=TEXT, authority=TEXT)
def test_history_add_refuses_or_stores_clean(people, system_actor, root_scope, year, note, months, code, authority):
    person = people["thang"]
    for model, data in ((YearRecord, {"year": year, "grade": "good", "note": note, "months_worked": months}),
                        (Award, {"year": year, "code": code, "authority": authority})):
        before = _counts(model)
        try:
            records_svc.history_add(actor=system_actor, scope=root_scope, model=model, subject=person, **data)
        except (ValidationError, PermissionDenied):
            assert _counts(model) == before


@SETTINGS
@given(year=st.one_of(HUGE.map(str), TEXT), note=TEXT, months=st.one_of(HUGE.map(str), TEXT))
def test_year_record_form_never_raises(year, note, months):
    form = YearRecordForm({"year": year, "track": "government", "grade": "good", "note": note,
                           "months_worked": months})
    assert form.is_valid() or form.errors
