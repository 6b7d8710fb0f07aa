"""Every change to people, postings, party membership and leave."""
import datetime
import re

from django.db import transaction

from thidua.common.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN, PermissionDenied, ValidationError
from thidua.common.text import fold, nfc
from thidua.organizations.models import PartyOrg, Unit
from thidua.people.models import Leave, PartyMembership, Person, Posting

MSG_CCCD_FORMAT = "Số CCCD phải gồm đúng 12 chữ số."
MSG_CCCD_TAKEN = "Số CCCD đã có trong hệ thống (một người chỉ có một hồ sơ)."
MSG_CARD_TAKEN = "Số thẻ đảng viên đã thuộc về người khác."
MSG_NAME_REQUIRED = "Cần nhập họ và tên."
MSG_UNIT_CLOSED = "Đơn vị đã hết hiệu lực, không thể bố trí công tác."
MSG_START_BEFORE_OPEN = "Ngày bắt đầu phải sau ngày bắt đầu của quá trình công tác hiện tại ({d})."
MSG_BIRTH_FUTURE = "Ngày sinh không hợp lệ."
MSG_LEAVE_ORDER = "Ngày kết thúc nghỉ phải từ ngày bắt đầu trở đi."
MSG_DATE_RANGE = "Ngày phải trong khoảng 01/01/1950 đến {max} (quyết định có thể ghi trước tối đa một năm)."


def _check_date(field: str, value: datetime.date | None) -> None:
    latest = datetime.date.today() + datetime.timedelta(days=366)
    if value is not None and not (datetime.date(1950, 1, 1) <= value <= latest):
        raise ValidationError({field: MSG_DATE_RANGE.format(max=latest.strftime("%d/%m/%Y"))})

CCCD_RE = re.compile(r"^\d{12}$")
PERSON_FIELDS = ["full_name", "birth_date", "gender", "email", "phone", "recruited_on", "party_card_no"]


def _need(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(MSG_FORBIDDEN)


def validate_citizen_id(value: str) -> str:
    value = nfc(value).replace(" ", "")
    if not CCCD_RE.match(value):
        raise ValidationError({"citizen_id": MSG_CCCD_FORMAT})
    return value


def _validate_person(person: Person) -> None:
    if not person.full_name:
        raise ValidationError({"full_name": MSG_NAME_REQUIRED})
    if person.birth_date and not (datetime.date(1900, 1, 1) <= person.birth_date < datetime.date.today()):
        raise ValidationError({"birth_date": MSG_BIRTH_FUTURE})
    _check_date("recruited_on", person.recruited_on)
    if person.party_card_no and Person.objects.filter(party_card_no=person.party_card_no).exclude(pk=person.pk).exists():
        raise ValidationError({"party_card_no": MSG_CARD_TAKEN})


def sync_current(person: Person) -> None:
    """Mirror the open posting and membership onto the person row (lists and scope read it)."""
    posting = (Posting.objects.filter(person=person, end__isnull=True, is_secondment=False)
               .select_related("unit").first())
    membership = PartyMembership.objects.filter(person=person, end__isnull=True).select_related("party_org").first()
    person.unit = posting.unit if posting else None
    person.unit_path = posting.unit.path if posting else ""
    person.position = posting.position if posting else ""
    person.staff_type = posting.staff_type if posting else ""
    person.is_leader = posting.is_leader if posting else False
    person.party_org = membership.party_org if membership else None
    person.party_path = membership.party_org.path if membership else ""
    person.is_party_member = membership is not None
    person.save(update_fields=["unit", "unit_path", "position", "staff_type", "is_leader",
                               "party_org", "party_path", "is_party_member"])


@transaction.atomic
def person_create(*, actor: Actor, scope: Scope, citizen_id: str, full_name: str, unit: Unit,
                  staff_type: str, start: datetime.date, position: str = "", is_leader: bool = False,
                  grade_group: str = "", **fields) -> Person:
    """Create a person with their first posting (the unit decides the scope)."""
    _need(scope.can_unit(unit, "edit_people"))
    citizen_id = validate_citizen_id(citizen_id)
    if Person.objects.filter(citizen_id=citizen_id).exists():
        raise ValidationError({"citizen_id": MSG_CCCD_TAKEN})
    person = Person(citizen_id=citizen_id, full_name=nfc(full_name), name_folded=fold(full_name),
                    **{k: v for k, v in fields.items() if k in PERSON_FIELDS})
    _validate_person(person)
    person.full_clean(exclude=["unit", "party_org", "user"])
    person.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=person, after=snapshot(person), verb="person_create")
    posting_open(actor=actor, scope=scope, person=person, unit=unit, staff_type=staff_type, start=start,
                 position=position, is_leader=is_leader, grade_group=grade_group, _new=True)
    return person


@transaction.atomic
def person_update(*, actor: Actor, scope: Scope, person: Person, reason: str = "", **changes) -> Person:
    _need(scope.can_person(person, "edit_people"))
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    for key, value in changes.items():
        if key not in PERSON_FIELDS:
            raise ValidationError({key: "Không được sửa trường này ở đây."})
        setattr(person, key, nfc(value) if isinstance(value, str) else value)
    if person.party_card_no == "":
        person.party_card_no = None
    person.name_folded = fold(person.full_name)
    _validate_person(person)
    person.full_clean(exclude=["unit", "party_org", "user"])
    person.save(update_fields=list(changes) + ["name_folded"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=person, before=before, after=snapshot(person),
                 verb="person_update", reason=reason)
    return person


@transaction.atomic
def posting_open(*, actor: Actor, scope: Scope, person: Person, unit: Unit, staff_type: str,
                 start: datetime.date, position: str = "", is_leader: bool = False, grade_group: str = "",
                 is_secondment: bool = False, decision_no: str = "", _new: bool = False) -> Posting:
    """Open a posting; the open one (if any) closes the day before `start` (a transfer)."""
    _need(scope.can_unit(unit, "edit_people") and (_new or scope.can_person(person, "edit_people")
                                                    or scope.can_unit(unit, "edit_people")))
    if unit.valid_to is not None:
        raise ValidationError({"unit": MSG_UNIT_CLOSED})
    _check_date("start", start)
    if not is_secondment:
        current = Posting.objects.select_for_update().filter(person=person, end__isnull=True, is_secondment=False).first()
        if current is not None:
            if start <= current.start:
                raise ValidationError({"start": MSG_START_BEFORE_OPEN.format(d=current.start.strftime("%d/%m/%Y"))})
            before = snapshot(current)
            current.end = start - datetime.timedelta(days=1)
            current.save(update_fields=["end"])
            audit_record(actor=actor, action=AuditEvent.UPDATE, obj=current, before=before,
                         after=snapshot(current), verb="posting_close")
    posting = Posting(person=person, unit=unit, staff_type=staff_type, start=start, position=nfc(position),
                      is_leader=is_leader, grade_group=nfc(grade_group), is_secondment=is_secondment,
                      decision_no=nfc(decision_no))
    posting.full_clean(validate_constraints=False)
    posting.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=posting, after=snapshot(posting), verb="posting_open")
    sync_current(person)
    return posting


def posting_transfer_bulk(*, actor: Actor, from_unit: Unit, to_unit: Unit, start: datetime.date,
                          person_ids: list[int] | None = None) -> int:
    """Move every open posting of `from_unit` (or only `person_ids`) to `to_unit` (unit reorganisation).

    Called inside the caller's transaction (unit_merge, unit_split); the caller checked scope."""
    qs = Posting.objects.filter(unit=from_unit, end__isnull=True).select_related("person")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    moved = 0
    for current in qs:
        before = snapshot(current)
        current.end = max(start - datetime.timedelta(days=1), current.start)
        current.save(update_fields=["end"])
        new = Posting.objects.create(person=current.person, unit=to_unit, staff_type=current.staff_type,
                                     position=current.position, is_leader=current.is_leader,
                                     grade_group=current.grade_group, is_secondment=current.is_secondment,
                                     start=start)
        audit_record(actor=actor, action=AuditEvent.UPDATE, obj=current, before=before, after=snapshot(current),
                     verb="posting_close")
        audit_record(actor=actor, action=AuditEvent.CREATE, obj=new, after=snapshot(new), verb="posting_open")
        sync_current(current.person)
        moved += 1
    return moved


@transaction.atomic
def party_membership_open(*, actor: Actor, scope: Scope, person: Person, party_org: PartyOrg,
                          start: datetime.date, card_no: str = "", status: str = "full") -> PartyMembership:
    ok = scope.is_admin or scope.can_person(person, "edit_people") or any(
        party_org.path.startswith(p) for p in scope.party_paths.get("edit_party", []))
    _need(ok)
    current = PartyMembership.objects.select_for_update().filter(person=person, end__isnull=True).first()
    if current is not None:
        before = snapshot(current)
        current.end = max(start - datetime.timedelta(days=1), current.start)
        current.save(update_fields=["end"])
        audit_record(actor=actor, action=AuditEvent.UPDATE, obj=current, before=before, after=snapshot(current),
                     verb="party_membership_close")
    card_no = nfc(card_no) or (current.card_no if current else "")
    if card_no and person.party_card_no != card_no:
        if Person.objects.filter(party_card_no=card_no).exclude(pk=person.pk).exists():
            raise ValidationError({"card_no": MSG_CARD_TAKEN})
        person.party_card_no = card_no
        person.save(update_fields=["party_card_no"])
    m = PartyMembership.objects.create(person=person, party_org=party_org, card_no=card_no, start=start, status=status)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=m, after=snapshot(m), verb="party_membership_open")
    sync_current(person)
    return m


@transaction.atomic
def leave_add(*, actor: Actor, scope: Scope, person: Person, kind: str, start: datetime.date,
              end: datetime.date, note: str = "") -> Leave:
    _need(scope.can_person(person, "edit_people"))
    _check_date("start", start)
    _check_date("end", end)
    if end < start:
        raise ValidationError({"end": MSG_LEAVE_ORDER})
    leave = Leave(person=person, kind=kind, start=start, end=end, note=nfc(note))
    leave.full_clean()
    leave.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=leave, after=snapshot(leave), verb="leave_add")
    return leave
