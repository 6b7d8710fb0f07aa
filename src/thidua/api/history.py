"""Yearly history of people and collectives: read by year, add, correct (with a reason), delete.

Kinds: yearrecord (grade), award (title or form), initiative, discipline. Each kind has its own
route so that the OpenAPI schema documents its exact fields."""
from ninja import Router, Status

from thidua.api import helpers as h
from thidua.api.schemas import (
    ERRORS,
    AwardIn,
    AwardOut,
    AwardPatch,
    DisciplineIn,
    DisciplineOut,
    DisciplinePatch,
    InitiativeIn,
    InitiativeOut,
    InitiativePatch,
    PersonHistory,
    ReasonIn,
    StatsIn,
    StatsOut,
    UnitHistory,
    YearRecordIn,
    YearRecordOut,
    YearRecordPatch,
)
from thidua.organizations.selectors import unit_get_for_user, unit_lineage
from thidua.people.selectors import person_get_for_user
from thidua.records import services as svc
from thidua.records.selectors import history_for_person, history_for_units

router = Router(tags=["history"])

# kind → (input, correction, output)
KINDS = {
    "yearrecord": (YearRecordIn, YearRecordPatch, YearRecordOut),
    "award": (AwardIn, AwardPatch, AwardOut),
    "initiative": (InitiativeIn, InitiativePatch, InitiativeOut),
    "discipline": (DisciplineIn, DisciplinePatch, DisciplineOut),
}
# blank rather than null where the column is a non-null text
BLANK_WHEN_NULL = {"grade", "note", "decision_no", "authority", "title"}


def _fields(data: dict) -> dict:
    return {k: ("" if v is None and k in BLANK_WHEN_NULL else v) for k, v in data.items()}


@router.get("/people/{int:person_id}/history", response={200: PersonHistory, **ERRORS})
def person_history(request, person_id: int):
    person = person_get_for_user(h.scope(request), person_id)
    return {"person": person.pk, "years": history_for_person(person)}


@router.get("/units/{code}/history", response={200: UnitHistory, **ERRORS})
def unit_history(request, code: str):
    """The collective's history with its predecessors' (merged, absorbed, split, renamed units)."""
    unit = unit_get_for_user(h.scope(request), code=code.upper())
    lineage = unit_lineage(unit)
    return {"unit": unit.code, "lineage": [u for u in lineage if u.pk != unit.pk],
            "years": history_for_units(lineage)}


def _register(kind: str, schema_in, schema_patch, schema_out) -> None:
    model = h.HISTORY_MODELS[kind]
    responses_created = {201: schema_out, **ERRORS}

    @router.post(f"/people/{{int:person_id}}/history/{kind}", response=responses_created,
                 operation_id=f"person_history_add_{kind}", url_name=f"person_history_add_{kind}")
    def add_for_person(request, person_id: int, payload: schema_in):
        scope = h.scope(request)
        person = person_get_for_user(scope, person_id)
        obj = svc.history_add(actor=h.actor(request), scope=scope, model=model, subject=person,
                              **_fields(h.plain(payload)))
        return Status(201, obj)

    @router.post(f"/units/{{code}}/history/{kind}", response=responses_created,
                 operation_id=f"unit_history_add_{kind}", url_name=f"unit_history_add_{kind}")
    def add_for_unit(request, code: str, payload: schema_in):
        scope = h.scope(request)
        unit = unit_get_for_user(scope, code=code.upper())
        obj = svc.history_add(actor=h.actor(request), scope=scope, model=model, subject=unit,
                              **_fields(h.plain(payload)))
        return Status(201, obj)

    @router.patch(f"/history/{kind}/{{int:pk}}", response={200: schema_out, **ERRORS},
                  operation_id=f"history_update_{kind}", url_name=f"history_update_{kind}")
    def update(request, pk: int, payload: schema_patch):
        scope = h.scope(request)
        obj = h.history_get_for_user(scope, kind=kind, pk=pk)
        data = _fields(h.plain(payload, exclude_unset=True))
        reason = data.pop("reason")
        return svc.history_update(actor=h.actor(request), scope=scope, obj=obj, reason=reason, **data)

    @router.delete(f"/history/{kind}/{{int:pk}}", response={204: None, **ERRORS},
                   operation_id=f"history_delete_{kind}", url_name=f"history_delete_{kind}")
    def delete(request, pk: int, payload: ReasonIn):
        scope = h.scope(request)
        obj = h.history_get_for_user(scope, kind=kind, pk=pk)
        svc.history_delete(actor=h.actor(request), scope=scope, obj=obj, reason=payload.reason)
        return Status(204, None)


for _kind, (_in, _patch, _out) in KINDS.items():
    _register(_kind, _in, _patch, _out)


@router.put("/units/{code}/stats/{int:year}", response={200: StatsOut, **ERRORS})
def set_stats(request, code: str, year: int, payload: StatsIn):
    """A collective's member counts for a year (as stated, e.g. for years before the system)."""
    scope = h.scope(request)
    unit = unit_get_for_user(scope, code=code.upper())
    return svc.collective_stats_set(actor=h.actor(request), scope=scope, unit=unit, year=year, **payload.dict())
