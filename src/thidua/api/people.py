"""/api/v1/people/: one person for life, their postings (transfers) and leave."""
from ninja import Field, Query, Router, Status

from thidua.api import helpers as h
from thidua.api.schemas import (
    ERRORS,
    Clean,
    LeaveIn,
    LeaveOut,
    PersonCreateIn,
    PersonDetail,
    PersonPage,
    PersonPatchIn,
    PostingIn,
    PostingOut,
)
from thidua.people import selectors as sel
from thidua.people import services as svc
from thidua.people.models import Leave, PartyMembership, Posting, StaffType

router = Router(tags=["people"])


class PersonFilters(Clean):
    q: str = Field("", description="họ tên (không phân biệt dấu) hoặc đầu số CCCD")
    unit: str = Field("", description="mã đơn vị: cả các đơn vị cấp dưới")
    staff_type: StaffType | None = None
    position: str = ""
    leader: bool | None = None
    party: bool | None = Field(None, description="là đảng viên")
    party_org: str = Field("", description="mã tổ chức đảng: cả tổ chức cấp dưới")
    limit: int = Field(50, ge=1, le=h.MAX_LIMIT)
    offset: int = Field(0, ge=0)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def person_detail(person):
    person.postings_list = list(Posting.objects.filter(person=person).select_related("unit").order_by("-start"))
    person.memberships_list = list(
        PartyMembership.objects.filter(person=person).select_related("party_org").order_by("-start"))
    person.leaves_list = list(Leave.objects.filter(person=person).order_by("-start"))
    return person


@router.get("/", response={200: PersonPage, **ERRORS})
def list_people(request, filters: Query[PersonFilters]):
    qs = sel.person_list_for_user(
        h.scope(request), q=filters.q, unit_code=filters.unit, position=filters.position,
        staff_type=filters.staff_type.value if filters.staff_type else "", leader=_flag(filters.leader),
        party=_flag(filters.party), party_code=filters.party_org,
    )
    return h.page(qs, limit=filters.limit, offset=filters.offset)


@router.get("/by-citizen-id/{citizen_id}", response={200: PersonDetail, **ERRORS})
def get_person_by_citizen_id(request, citizen_id: str):
    return person_detail(sel.person_by_citizen_id(h.scope(request), citizen_id.strip()))


@router.get("/{int:person_id}", response={200: PersonDetail, **ERRORS})
def get_person(request, person_id: int):
    return person_detail(sel.person_get_for_user(h.scope(request), person_id))


@router.post("/", response={201: PersonDetail, **ERRORS})
def create_person(request, payload: PersonCreateIn):
    """A new person with their first posting; the unit decides who may do it."""
    data = h.plain(payload)
    unit = h.unit_by_code(data.pop("unit"), "unit")
    extra = {k: v for k, v in data.items() if v is not None}
    person = svc.person_create(actor=h.actor(request), scope=h.scope(request), unit=unit, **extra)
    return Status(201, person_detail(sel.person_get_for_user(h.scope(request), person.pk)))


@router.patch("/{int:person_id}", response={200: PersonDetail, **ERRORS})
def patch_person(request, person_id: int, payload: PersonPatchIn):
    scope = h.scope(request)
    person = sel.person_get_for_user(scope, person_id)
    data = h.plain(payload, exclude_unset=True)
    reason = data.pop("reason", "")
    data = {k: ("" if v is None and k in ("gender", "email", "phone", "full_name") else v) for k, v in data.items()}
    svc.person_update(actor=h.actor(request), scope=scope, person=person, reason=reason, **data)
    return person_detail(sel.person_get_for_user(scope, person_id))


@router.post("/{int:person_id}/postings", response={201: PostingOut, **ERRORS})
def open_posting(request, person_id: int, payload: PostingIn):
    """A transfer: the open posting closes the day before `start`; the history stays with the person."""
    scope = h.scope(request)
    person = sel.person_get_for_user(scope, person_id)
    data = h.plain(payload)
    unit = h.unit_by_code(data.pop("unit"), "unit")
    posting = svc.posting_open(actor=h.actor(request), scope=scope, person=person, unit=unit, **data)
    return Status(201, posting)


@router.post("/{int:person_id}/leaves", response={201: LeaveOut, **ERRORS})
def add_leave(request, person_id: int, payload: LeaveIn):
    scope = h.scope(request)
    person = sel.person_get_for_user(scope, person_id)
    leave = svc.leave_add(actor=h.actor(request), scope=scope, person=person, **h.plain(payload))
    return Status(201, leave)
