"""Every change to people, postings, party membership and leave.

The rules (CCCD, names, dates, units, staff types) and their messages are in people.validators,
shared with the bulk writer (people.bulk) and the forms."""
import datetime

from django.db import transaction

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record, snapshot
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.common.text import fold, name_sort_key, nfc
from thidua.organizations.models import PartyOrg, Unit
from thidua.people.models import Leave, PartyMembership, Person, Posting
from thidua.people.permissions import PARTY_MEMBERSHIP_OPEN, PERSON_CREATE, PERSON_EDIT, POSTING_OPEN
from thidua.people.validators import (  # noqa: F401  (the messages are re-exported for callers of the services)
    MSG_BIRTH_DATE,
    MSG_CARD_TAKEN,
    MSG_CCCD_FORMAT,
    MSG_CCCD_TAKEN,
    MSG_DATE_RANGE,
    MSG_LEAVE_ORDER,
    MSG_NAME_REQUIRED,
    MSG_START_BEFORE_OPEN,
    MSG_UNIT_CLOSED,
    MSG_UNIT_REQUIRED,
    check_citizen_id,
    check_start_after_open,
    leave_problems,
    membership_problems,
    normalize_citizen_id,
    person_problems,
    posting_problems,
    raise_problems,
)

MSG_FIELD_NOT_EDITABLE = "Không được sửa trường này ở đây."
PERSON_FIELDS = ["full_name", "birth_date", "gender", "email", "phone", "recruited_on", "party_card_no"]


def _person_problems(person: Person) -> list[tuple[str, str]]:
    problems = person_problems(full_name=person.full_name, birth_date=person.birth_date,
                               recruited_on=person.recruited_on, gender=person.gender,
                               party_card_no=person.party_card_no, phone=person.phone)
    if person.party_card_no and Person.objects.filter(party_card_no=person.party_card_no).exclude(pk=person.pk).exists():
        problems.append(("party_card_no", MSG_CARD_TAKEN))
    return problems


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
    require(scope, PERSON_CREATE, unit)
    citizen_id = normalize_citizen_id(citizen_id)
    citizen_id_problem = check_citizen_id(citizen_id)
    if citizen_id_problem is None and Person.objects.filter(citizen_id=citizen_id).exists():
        citizen_id_problem = MSG_CCCD_TAKEN
    person = Person(citizen_id=citizen_id, full_name=nfc(full_name), name_folded=fold(full_name),
                    sort_key=name_sort_key(full_name),
                    **{k: nfc(v) if isinstance(v, str) else v for k, v in fields.items() if k in PERSON_FIELDS})
    # every problem of the person and of the first posting at once (the form shows them together)
    raise_problems([("citizen_id", citizen_id_problem)] + _person_problems(person) + posting_problems(
        unit=unit, staff_type=staff_type, start=start, position=nfc(position), grade_group=nfc(grade_group)))
    person.full_clean(exclude=["unit", "party_org", "user"])
    person.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=person, after=snapshot(person), verb="person_create")
    posting_open(actor=actor, scope=scope, person=person, unit=unit, staff_type=staff_type, start=start,
                 position=position, is_leader=is_leader, grade_group=grade_group)
    return person


@transaction.atomic
def person_update(*, actor: Actor, scope: Scope, person: Person, reason: str = "", **changes) -> Person:
    require(scope, PERSON_EDIT, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    for key, value in changes.items():
        if key not in PERSON_FIELDS:
            raise ValidationError({key: MSG_FIELD_NOT_EDITABLE})
        setattr(person, key, nfc(value) if isinstance(value, str) else value)
    if person.party_card_no == "":
        person.party_card_no = None
    person.name_folded = fold(person.full_name)
    person.sort_key = name_sort_key(person.full_name)
    raise_problems(_person_problems(person))
    person.full_clean(exclude=["unit", "party_org", "user"])
    person.save(update_fields=list(changes) + ["name_folded", "sort_key"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=person, before=before, after=snapshot(person),
                 verb="person_update", reason=reason)
    return person


@transaction.atomic
def posting_open(*, actor: Actor, scope: Scope, person: Person, unit: Unit, staff_type: str,
                 start: datetime.date, position: str = "", is_leader: bool = False, grade_group: str = "",
                 is_secondment: bool = False, decision_no: str = "") -> Posting:
    """Open a posting; the open one (if any) closes the day before `start` (a transfer)."""
    if unit is None:  # before the permission, which reads the unit's path
        raise ValidationError({"unit": MSG_UNIT_REQUIRED})
    require(scope, POSTING_OPEN, Posting(person=person, unit=unit))
    raise_problems(posting_problems(unit=unit, staff_type=staff_type, start=start, position=nfc(position),
                                    grade_group=nfc(grade_group), decision_no=nfc(decision_no)))
    if not is_secondment:
        current = Posting.objects.select_for_update().filter(person=person, end__isnull=True, is_secondment=False).first()
        if current is not None:
            raise_problems([("start", check_start_after_open(start, current.start))])
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
    require(scope, PARTY_MEMBERSHIP_OPEN, PartyMembership(person=person, party_org=party_org))
    raise_problems(membership_problems(start=start, card_no=nfc(card_no)))
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
    require(scope, PERSON_EDIT, person)
    raise_problems(leave_problems(start=start, end=end, note=nfc(note)))
    leave = Leave(person=person, kind=kind, start=start, end=end, note=nfc(note))
    leave.full_clean()
    leave.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=leave, after=snapshot(leave), verb="leave_add")
    return leave
