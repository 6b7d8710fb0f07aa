"""Every change to units, clusters and party organisations: check scope, validate, write, audit."""
import datetime

from django.db import transaction

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.clean import clean_code, clean_text, text_problem
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterOffice,
    PartyOrg,
    SuccessionKind,
    Unit,
    UnitSuccession,
)
from thidua.organizations.permissions import (
    CLUSTER_CREATE,
    CLUSTER_EDIT,
    PARTY_ORG_CREATE,
    UNIT_CREATE,
    UNIT_EDIT,
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


def set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2


def _require_code_free(code: str, exclude_pk=None) -> None:
    qs = Unit.objects.filter(code=code)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"code": MSG_CODE_TAKEN})


@transaction.atomic
def unit_create(*, actor: Actor, scope: Scope, code: str, name: str, kind: str, parent: Unit | None = None,
                short_name: str = "", has_legal_personality: bool = True,
                valid_from: datetime.date | None = None) -> Unit:
    require(scope, UNIT_CREATE, parent)
    if parent is not None and parent.valid_to is not None:
        raise ValidationError({"parent": MSG_PARENT_CLOSED})
    code = clean_code(code)
    _require_code_free(code)
    unit = Unit(code=code, name=clean_text(name, "name"), kind=kind, parent=parent,
                short_name=clean_text(short_name or "", "short_name"),
                has_legal_personality=has_legal_personality, valid_from=valid_from)
    unit.full_clean(exclude=["path"])
    unit.save()
    set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=unit, after=snapshot(unit), verb="unit_create")
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, scope: Scope, unit: Unit, reason: str = "", **changes) -> Unit:
    """Correct a unit's attributes (code, kind, short name, legal personality)."""
    require(scope, UNIT_EDIT, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit)
    allowed = {"code", "kind", "short_name", "has_legal_personality", "sort_order", "valid_from"}
    for key, value in changes.items():
        if key not in allowed:
            raise ValidationError({key: "Không được sửa trường này ở đây."})
        if key == "code":
            value = clean_code(value)
        elif key == "short_name":
            value = clean_text(value or "", "short_name")  # null from the API means "no short name"
        setattr(unit, key, value)
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
    require(scope, UNIT_EDIT, unit)
    if unit.valid_to is not None:
        raise ValidationError({"name": MSG_UNIT_CLOSED})
    before = snapshot(unit)
    old = unit.name
    unit.name = clean_text(name, "name")
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=["name", "name_folded"])
    UnitSuccession.objects.create(predecessor=unit, successor=unit, date=date, kind=SuccessionKind.RENAMED,
                                  decision_no=decision_no, note=f"Tên cũ: {old}")
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit),
                 verb="unit_rename")
    return unit


def close_unit(actor: Actor, unit: Unit, date: datetime.date, verb: str) -> None:
    """Close a unit on `date` (the caller checked the permission, inside its transaction)."""
    before = snapshot(unit)
    unit.valid_to = date
    unit.save(update_fields=["valid_to"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=unit, before=before, after=snapshot(unit), verb=verb)


@transaction.atomic
def unit_dissolve(*, actor: Actor, scope: Scope, unit: Unit, date: datetime.date, decision_no: str = "") -> Unit:
    require(scope, UNIT_EDIT, unit)
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
    close_unit(actor, unit, date, "unit_dissolve")
    return unit


# --- clusters -------------------------------------------------------------------------

MSG_CLUSTER_CODE_TAKEN = "Mã khối thi đua đã tồn tại."
MSG_HEAD_NOT_MEMBER = "Khối trưởng, khối phó phải là thành viên của khối trong năm đó."


@transaction.atomic
def cluster_create(*, actor: Actor, scope: Scope, code: str, name: str, level: str,
                   organizer: Unit | None = None, description: str = "") -> Cluster:
    require(scope, CLUSTER_CREATE, organizer)
    code = clean_code(code)
    if Cluster.objects.filter(code=code).exists():
        raise ValidationError({"code": MSG_CLUSTER_CODE_TAKEN})
    cluster = Cluster(code=code, name=clean_text(name, "name"), level=level, organizer=organizer,
                      description=description or "")
    if text_problem(cluster.description):
        raise ValidationError({"description": text_problem(cluster.description)})
    cluster.full_clean()
    cluster.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=cluster, after=snapshot(cluster), verb="cluster_create")
    return cluster


@transaction.atomic
def cluster_set_year(*, actor: Actor, scope: Scope, cluster: Cluster, year: int, members: list[Unit],
                     head: Unit | None = None, deputies: list[Unit] | None = None) -> None:
    """Replace the members and the head/deputies of a cluster for one year."""
    require(scope, CLUSTER_EDIT, cluster)
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
    require(scope, PARTY_ORG_CREATE, parent)
    code = clean_code(code)
    if PartyOrg.objects.filter(code=code).exists():
        raise ValidationError({"code": MSG_PARTY_CODE_TAKEN})
    org = PartyOrg(code=code, name=clean_text(name, "name"), kind=kind, parent=parent, unit=unit)
    org.full_clean(exclude=["path"])
    org.save()
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.save(update_fields=["path", "depth"])
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=org, after=snapshot(org), verb="party_org_create")
    return org
