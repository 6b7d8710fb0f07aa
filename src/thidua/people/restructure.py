"""Changes to the organisation that carry people with them: moving, merging and splitting units,
closing a party organisation. They live in `people` because they write both the organisation
(through `organizations.services`) and the people in it (postings, memberships, the path mirrors),
and `people` is the layer above `organizations`. Each is one service: check, validate, write, audit."""
import datetime

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.organizations.models import PartyOrg, SuccessionKind, Unit, UnitSuccession
from thidua.organizations.permissions import PARTY_ORG_EDIT, UNIT_EDIT
from thidua.organizations.services import (
    MSG_CYCLE,
    MSG_DATE_REQUIRED,
    MSG_NEED_PARTS,
    MSG_NEED_TWO,
    MSG_UNIT_CLOSED,
    close_unit,
    set_path,
    unit_create,
)
from thidua.people.models import PartyMembership, Person
from thidua.people.services import party_membership_open, posting_transfer_bulk


def _move_subtree(unit: Unit, new_parent: Unit) -> None:
    """Re-parent a unit; rewrite the paths of its subtree and of the people in it."""
    node = new_parent
    while node is not None:
        if node.pk == unit.pk:
            raise ValidationError({"parent": MSG_CYCLE})
        node = node.parent
    old_path = unit.path
    unit.parent = new_parent
    set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    new_path, cut = unit.path, len(old_path) + 1
    delta = unit.depth - old_path.count("/") + 2
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(new_path), Substr("path", cut)), depth=F("depth") + delta
    )
    Person.objects.filter(unit_path__startswith=old_path).update(
        unit_path=Concat(Value(new_path), Substr("unit_path", cut))
    )


@transaction.atomic
def unit_move(*, actor: Actor, scope: Scope, unit: Unit, new_parent: Unit, reason: str = "") -> Unit:
    require(scope, UNIT_EDIT, unit)
    require(scope, UNIT_EDIT, new_parent)
    before = snapshot(unit)
    _move_subtree(unit, new_parent)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit),
                 verb="unit_move", reason=reason)
    return unit


def _transfer_all(actor: Actor, source: Unit, target: Unit, date: datetime.date, person_ids=None) -> int:
    return posting_transfer_bulk(actor=actor, from_unit=source, to_unit=target, start=date, person_ids=person_ids)


def _reparent_children(source: Unit, target: Unit) -> None:
    for child in Unit.objects.filter(parent=source, valid_to__isnull=True):
        _move_subtree(child, target)


@transaction.atomic
def unit_merge(*, actor: Actor, scope: Scope, units: list[Unit], date: datetime.date,
               into: Unit | None = None, new_code: str = "", new_name: str = "", new_kind: str = "",
               decision_no: str = "") -> Unit:
    """Merge `units` into an existing unit (`into`, kind absorbed) or into a new unit (kind merged).

    Members and open sub-units follow to the successor; the predecessors close on `date`
    and stay reachable through UnitSuccession (their history keeps meaning)."""
    if date is None:
        raise ValidationError({"date": MSG_DATE_REQUIRED})
    sources = [u for u in units if into is None or u.pk != into.pk]
    if len(sources) + (1 if into else 0) < 2:
        raise ValidationError({"units": MSG_NEED_TWO})
    for u in sources:
        require(scope, UNIT_EDIT, u)
        if u.valid_to is not None:
            raise ValidationError({"units": f"{u.name}: {MSG_UNIT_CLOSED}"})
    if into is None:
        parent = sources[0].parent
        into = unit_create(actor=actor, scope=scope, code=new_code, name=new_name,
                           kind=new_kind or sources[0].kind, parent=parent, valid_from=date)
        kind = SuccessionKind.MERGED
    else:
        require(scope, UNIT_EDIT, into)
        kind = SuccessionKind.ABSORBED
    for u in sources:
        _reparent_children(u, into)
        _transfer_all(actor, u, into, date)
        UnitSuccession.objects.create(predecessor=u, successor=into, date=date, kind=kind, decision_no=decision_no)
        close_unit(actor, u, date, "unit_merge")
    return into


@transaction.atomic
def unit_split(*, actor: Actor, scope: Scope, unit: Unit, parts: list[dict], date: datetime.date,
               assignments: dict[int, int] | None = None, decision_no: str = "") -> list[Unit]:
    """Split `unit` into new units. `parts`: [{code, name, kind}], `assignments`: person_id → part index
    (people not listed go to the first part). Sub-units go to the first part."""
    require(scope, UNIT_EDIT, unit)
    if unit.valid_to is not None:
        raise ValidationError({"unit": MSG_UNIT_CLOSED})
    if len(parts) < 2:
        raise ValidationError({"parts": MSG_NEED_PARTS})
    new_units = [
        unit_create(actor=actor, scope=scope, code=p["code"], name=p["name"], kind=p.get("kind") or unit.kind,
                    parent=unit.parent, valid_from=date)
        for p in parts
    ]
    assignments = assignments or {}
    for idx, target in enumerate(new_units[1:], start=1):
        ids = [pid for pid, i in assignments.items() if i == idx]
        if ids:
            _transfer_all(actor, unit, target, date, person_ids=ids)
    _transfer_all(actor, unit, new_units[0], date)
    _reparent_children(unit, new_units[0])
    for target in new_units:
        UnitSuccession.objects.create(predecessor=unit, successor=target, date=date, kind=SuccessionKind.SPLIT,
                                      decision_no=decision_no)
    close_unit(actor, unit, date, "unit_split")
    return new_units


MSG_PARTY_CLOSED = "Tổ chức đảng đã hết hiệu lực."
MSG_PARTY_HAS_CHILDREN = "Tổ chức đảng còn {n} tổ chức trực thuộc đang hoạt động."


@transaction.atomic
def party_org_close(*, actor: Actor, scope: Scope, org: PartyOrg, date: datetime.date,
                    successor: PartyOrg | None = None) -> PartyOrg:
    """Close a party organisation on `date` (merged or dissolved with its unit). Open memberships
    move to `successor`; without one, members must have been transferred first."""
    require(scope, PARTY_ORG_EDIT, org)
    if successor is not None:
        require(scope, PARTY_ORG_EDIT, successor)
    if org.valid_to is not None:
        raise ValidationError({"org": MSG_PARTY_CLOSED})
    n_children = org.children.filter(valid_to__isnull=True).count()
    if n_children:
        raise ValidationError({"org": MSG_PARTY_HAS_CHILDREN.format(n=n_children)})
    members = list(PartyMembership.objects.filter(party_org=org, end__isnull=True).select_related("person"))
    if members and successor is None:
        raise ValidationError({"successor": f"Tổ chức đảng còn {len(members)} đảng viên: chọn tổ chức tiếp nhận."})
    for m in members:
        party_membership_open(actor=actor, scope=scope, person=m.person, party_org=successor,
                              start=date)
    before = snapshot(org)
    org.valid_to = date
    org.save(update_fields=["valid_to"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=org, before=before, after=snapshot(org),
                 verb="party_org_close", reason=f"Tiếp nhận: {successor.name}" if successor else "")
    return org
