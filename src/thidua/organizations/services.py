"""Every change to units, clusters and party organisations: check scope, validate, write, audit."""
import datetime

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from thidua.accounts.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN, PermissionDenied, ValidationError
from thidua.common.text import nfc
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterOffice,
    PartyOrg,
    SuccessionKind,
    Unit,
    UnitSuccession,
)

MSG_CODE_TAKEN = "Mã đơn vị đã tồn tại."
MSG_PARENT_CLOSED = "Đơn vị cấp trên đã hết hiệu lực."
MSG_UNIT_CLOSED = "Đơn vị đã hết hiệu lực (đã hợp nhất, chia tách hoặc giải thể)."
MSG_CYCLE = "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."
MSG_HAS_PEOPLE = "Đơn vị còn {n} người đang công tác: hãy điều chuyển trước khi giải thể."
MSG_HAS_CHILDREN = "Đơn vị còn {n} đơn vị trực thuộc đang hoạt động."
MSG_NEED_TWO = "Hợp nhất cần ít nhất hai đơn vị."
MSG_NEED_PARTS = "Chia tách cần ít nhất hai đơn vị mới."
MSG_DATE_REQUIRED = "Cần ngày hiệu lực."


def _need(scope: Scope, ok: bool) -> None:
    if not ok:
        raise PermissionDenied(MSG_FORBIDDEN)


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2


def _require_code_free(code: str, exclude_pk=None) -> None:
    qs = Unit.objects.filter(code=code)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"code": MSG_CODE_TAKEN})


def _can_create_under(scope: Scope, parent: Unit | None) -> bool:
    if parent is None:
        return scope.is_admin
    return scope.can_unit(parent, "edit_units")


@transaction.atomic
def unit_create(*, actor: Actor, scope: Scope, code: str, name: str, kind: str, parent: Unit | None = None,
                short_name: str = "", has_legal_personality: bool = True,
                valid_from: datetime.date | None = None) -> Unit:
    _need(scope, _can_create_under(scope, parent))
    if parent is not None and parent.valid_to is not None:
        raise ValidationError({"parent": MSG_PARENT_CLOSED})
    code = nfc(code).upper()
    _require_code_free(code)
    unit = Unit(code=code, name=nfc(name), kind=kind, parent=parent, short_name=nfc(short_name),
                has_legal_personality=has_legal_personality, valid_from=valid_from)
    unit.full_clean(exclude=["path"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=unit, after=snapshot(unit), verb="unit_create")
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, scope: Scope, unit: Unit, reason: str = "", **changes) -> Unit:
    """Correct a unit's attributes (code, kind, short name, legal personality)."""
    _need(scope, scope.can_unit(unit, "edit_units"))
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit)
    allowed = {"code", "kind", "short_name", "has_legal_personality", "sort_order", "valid_from"}
    for key, value in changes.items():
        if key not in allowed:
            raise ValidationError({key: "Không được sửa trường này ở đây."})
        setattr(unit, key, nfc(value).upper() if key == "code" else value)
    if "code" in changes:
        _require_code_free(unit.code, exclude_pk=unit.pk)
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=list(changes))
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit),
                 verb="unit_update", reason=reason)
    return unit


@transaction.atomic
def unit_rename(*, actor: Actor, scope: Scope, unit: Unit, name: str, date: datetime.date,
                decision_no: str = "") -> Unit:
    _need(scope, scope.can_unit(unit, "edit_units"))
    if unit.valid_to is not None:
        raise ValidationError({"name": MSG_UNIT_CLOSED})
    before = snapshot(unit)
    old = unit.name
    unit.name = nfc(name)
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=["name", "name_folded"])
    UnitSuccession.objects.create(predecessor=unit, successor=unit, date=date, kind=SuccessionKind.RENAMED,
                                  decision_no=decision_no, note=f"Tên cũ: {old}")
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit),
                 verb="unit_rename")
    return unit


def _move_subtree(unit: Unit, new_parent: Unit) -> None:
    """Re-parent a unit; rewrite the paths of its subtree and of the people in it."""
    from thidua.people.models import Person

    node = new_parent
    while node is not None:
        if node.pk == unit.pk:
            raise ValidationError({"parent": MSG_CYCLE})
        node = node.parent
    old_path = unit.path
    unit.parent = new_parent
    _set_path(unit)
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
    _need(scope, scope.can_unit(unit, "edit_units") and scope.can_unit(new_parent, "edit_units"))
    before = snapshot(unit)
    _move_subtree(unit, new_parent)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit),
                 verb="unit_move", reason=reason)
    return unit


def _close(actor: Actor, unit: Unit, date: datetime.date, verb: str) -> None:
    before = snapshot(unit)
    unit.valid_to = date
    unit.save(update_fields=["valid_to"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit), verb=verb)


def _transfer_all(actor: Actor, source: Unit, target: Unit, date: datetime.date, person_ids=None) -> int:
    from thidua.people.services import posting_transfer_bulk

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
        _need(scope, scope.can_unit(u, "edit_units"))
        if u.valid_to is not None:
            raise ValidationError({"units": f"{u.name}: {MSG_UNIT_CLOSED}"})
    if into is None:
        parent = sources[0].parent
        into = unit_create(actor=actor, scope=scope, code=new_code, name=new_name,
                           kind=new_kind or sources[0].kind, parent=parent, valid_from=date)
        kind = SuccessionKind.MERGED
    else:
        _need(scope, scope.can_unit(into, "edit_units"))
        kind = SuccessionKind.ABSORBED
    for u in sources:
        _reparent_children(u, into)
        _transfer_all(actor, u, into, date)
        UnitSuccession.objects.create(predecessor=u, successor=into, date=date, kind=kind, decision_no=decision_no)
        _close(actor, u, date, "unit_merge")
    return into


@transaction.atomic
def unit_split(*, actor: Actor, scope: Scope, unit: Unit, parts: list[dict], date: datetime.date,
               assignments: dict[int, int] | None = None, decision_no: str = "") -> list[Unit]:
    """Split `unit` into new units. `parts`: [{code, name, kind}], `assignments`: person_id → part index
    (people not listed go to the first part). Sub-units go to the first part."""
    _need(scope, scope.can_unit(unit, "edit_units"))
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
    _close(actor, unit, date, "unit_split")
    return new_units


@transaction.atomic
def unit_dissolve(*, actor: Actor, scope: Scope, unit: Unit, date: datetime.date, decision_no: str = "") -> Unit:
    _need(scope, scope.can_unit(unit, "edit_units"))
    if unit.valid_to is not None:
        raise ValidationError({"unit": MSG_UNIT_CLOSED})
    n_people = unit.current_people.count()
    if n_people:
        raise ValidationError({"unit": MSG_HAS_PEOPLE.format(n=n_people)})
    n_children = unit.children.filter(valid_to__isnull=True).count()
    if n_children:
        raise ValidationError({"unit": MSG_HAS_CHILDREN.format(n=n_children)})
    UnitSuccession.objects.create(predecessor=unit, successor=None, date=date, kind=SuccessionKind.DISSOLVED,
                                  decision_no=decision_no)
    _close(actor, unit, date, "unit_dissolve")
    return unit


# --- clusters -------------------------------------------------------------------------

MSG_CLUSTER_CODE_TAKEN = "Mã khối thi đua đã tồn tại."
MSG_HEAD_NOT_MEMBER = "Khối trưởng, khối phó phải là thành viên của khối trong năm đó."


@transaction.atomic
def cluster_create(*, actor: Actor, scope: Scope, code: str, name: str, level: str,
                   organizer: Unit | None = None, description: str = "") -> Cluster:
    _need(scope, scope.is_admin or (organizer is not None and scope.can_unit(organizer, "edit_units")))
    code = nfc(code).upper()
    if Cluster.objects.filter(code=code).exists():
        raise ValidationError({"code": MSG_CLUSTER_CODE_TAKEN})
    cluster = Cluster(code=code, name=nfc(name), level=level, organizer=organizer, description=description)
    cluster.full_clean()
    cluster.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=cluster, after=snapshot(cluster), verb="cluster_create")
    return cluster


@transaction.atomic
def cluster_set_year(*, actor: Actor, scope: Scope, cluster: Cluster, year: int, members: list[Unit],
                     head: Unit | None = None, deputies: list[Unit] | None = None) -> None:
    """Replace the members and the head/deputies of a cluster for one year."""
    _need(scope, scope.can_cluster(cluster, "edit_clusters"))
    deputies = deputies or []
    member_ids = {u.pk for u in members}
    for u in ([head] if head else []) + deputies:
        if u.pk not in member_ids:
            raise ValidationError({"head": MSG_HEAD_NOT_MEMBER})
    before = _cluster_year_snapshot(cluster, year)
    ClusterMembership.objects.filter(cluster=cluster, year=year).delete()
    ClusterOffice.objects.filter(cluster=cluster, year=year).delete()
    ClusterMembership.objects.bulk_create([ClusterMembership(cluster=cluster, unit=u, year=year) for u in members])
    offices = [ClusterOffice(cluster=cluster, unit=head, year=year, role="head")] if head else []
    offices += [ClusterOffice(cluster=cluster, unit=u, year=year, role="deputy") for u in deputies]
    ClusterOffice.objects.bulk_create(offices)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=cluster, before=before,
                 after=_cluster_year_snapshot(cluster, year), verb="cluster_set_year")


def _cluster_year_snapshot(cluster: Cluster, year: int) -> dict:
    return {
        "year": year,
        "members": sorted(cluster.memberships.filter(year=year).values_list("unit__code", flat=True)),
        "head": cluster.offices.filter(year=year, role="head").values_list("unit__code", flat=True).first(),
        "deputies": sorted(cluster.offices.filter(year=year, role="deputy").values_list("unit__code", flat=True)),
    }


# --- party organisations ----------------------------------------------------------------

MSG_PARTY_CODE_TAKEN = "Mã tổ chức đảng đã tồn tại."


@transaction.atomic
def party_org_create(*, actor: Actor, scope: Scope, code: str, name: str, kind: str,
                     parent: PartyOrg | None = None, unit: Unit | None = None) -> PartyOrg:
    ok = scope.is_admin or (parent is not None and any(
        parent.path.startswith(p) for p in scope.party_paths.get("edit_party", [])))
    _need(scope, ok)
    code = nfc(code).upper()
    if PartyOrg.objects.filter(code=code).exists():
        raise ValidationError({"code": MSG_PARTY_CODE_TAKEN})
    org = PartyOrg(code=code, name=nfc(name), kind=kind, parent=parent, unit=unit)
    org.full_clean(exclude=["path"])
    org.save()
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.save(update_fields=["path", "depth"])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=org, after=snapshot(org), verb="party_org_create")
    return org



MSG_PARTY_CLOSED = "Tổ chức đảng đã hết hiệu lực."
MSG_PARTY_HAS_CHILDREN = "Tổ chức đảng còn {n} tổ chức trực thuộc đang hoạt động."


@transaction.atomic
def party_org_close(*, actor: Actor, scope: Scope, org: PartyOrg, date: datetime.date,
                    successor: PartyOrg | None = None) -> PartyOrg:
    """Close a party organisation on `date` (merged or dissolved with its unit). Open memberships
    move to `successor`; without one, members must have been transferred first."""
    from thidua.people.models import PartyMembership
    from thidua.people.services import party_membership_open

    ok = scope.is_admin or any(org.path.startswith(p) for p in scope.party_paths.get("edit_party", []))
    _need(scope, ok)
    if org.valid_to is not None:
        raise ValidationError({"org": MSG_PARTY_CLOSED})
    n_children = org.children.filter(valid_to__isnull=True).count()
    if n_children:
        raise ValidationError({"org": MSG_PARTY_HAS_CHILDREN.format(n=n_children)})
    members = list(PartyMembership.objects.filter(party_org=org, end__isnull=True).select_related("person"))
    if members and successor is None:
        raise ValidationError({"successor": f"Tổ chức đảng còn {len(members)} đảng viên: chọn tổ chức tiếp nhận."})
    for m in members:
        party_membership_open(actor=actor, scope=Scope(is_admin=True), person=m.person, party_org=successor,
                              start=date)
    before = snapshot(org)
    org.valid_to = date
    org.save(update_fields=["valid_to"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=org, before=before, after=snapshot(org),
                 verb="party_org_close", reason=f"Tiếp nhận: {successor.name}" if successor else "")
    return org
