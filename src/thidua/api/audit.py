"""/api/v1/people/{id}/audit and /api/v1/units/{code}/audit: who changed what, when, and why."""
from ninja import Router

from thidua.api import helpers as h
from thidua.api.schemas import ERRORS, AuditOut
from thidua.audit.selectors import audit_for_object
from thidua.organizations.selectors import unit_get_for_user
from thidua.people.selectors import person_get_for_user

router = Router(tags=["audit"])


@router.get("/people/{int:person_id}/audit", response={200: list[AuditOut], **ERRORS})
def person_audit(request, person_id: int):
    return audit_for_object(person_get_for_user(h.scope(request), person_id))


@router.get("/units/{code}/audit", response={200: list[AuditOut], **ERRORS})
def unit_audit(request, code: str):
    return audit_for_object(unit_get_for_user(h.scope(request), code=code.upper()))
