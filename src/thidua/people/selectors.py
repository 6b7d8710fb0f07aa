"""Reads of people, scoped to the user; search is accent-insensitive on the folded name."""
from django.db.models import Count, Value
from django.db.models.functions import Concat
from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.scope import Scope
from thidua.common.text import fold
from thidua.organizations.models import PartyOrg, Unit
from thidua.people.models import Person, StaffType


def person_list_for_user(scope: Scope, *, q: str = "", unit_code: str = "", staff_type: str = "",
                         position: str = "", leader: str = "", party: str = "", party_code: str = ""):
    qs = Person.objects.filter(scope.people_q())
    text = fold(q)
    if text:
        if text.replace(" ", "").isdigit():
            qs = qs.filter(citizen_id__startswith=text.replace(" ", ""))
        else:
            qs = qs.filter(name_folded__contains=text)
    if unit_code:
        unit = Unit.objects.filter(code=unit_code.upper()).only("path").first()
        qs = qs.filter(unit_path__startswith=unit.path) if unit else qs.none()
    if party_code:
        org = PartyOrg.objects.filter(code=party_code.upper()).only("path").first()
        qs = qs.filter(party_path__startswith=org.path) if org else qs.none()
    if staff_type:
        qs = qs.filter(staff_type=staff_type)
    if position:
        qs = qs.filter(position__icontains=position)
    if leader in ("1", "0"):
        qs = qs.filter(is_leader=leader == "1")
    if party in ("1", "0"):
        qs = qs.filter(is_party_member=party == "1")
    if text and not text.replace(" ", "").isdigit():
        # an expression in ORDER BY keeps PostgreSQL on the trigram index + top-N sort instead of
        # walking the name b-tree and discarding most rows (names late in the alphabet: 40 → 10 ms)
        return qs.select_related("unit").order_by(Concat("sort_key", Value("")), "id")
    return qs.select_related("unit").order_by("sort_key", "id")


# Above this many matches a name search walks the name index in order and stops at the page's last row
# ("nguyen" matches 40% of a province: 50 rows in ~125 read, < 1 ms, against 75 ms to sort 40,000 matches);
# below it the trigram index finds the few matches and sorts them (a rare name would walk the whole index).
WALK_NAME_INDEX_ABOVE = 2000


def people_in_name_order(qs, total: int):
    """`person_list_for_user`'s queryset in the same Vietnamese name order, read the cheaper way for a
    result of `total` rows."""
    return qs.order_by("sort_key", "id") if total > WALK_NAME_INDEX_ABOVE else qs


MSG_FILTER_UNIT = "Không tìm thấy đơn vị {code}."
MSG_FILTER_PARTY_ORG = "Không tìm thấy tổ chức đảng {code}."
MSG_FILTER_STAFF_TYPE = "Không có loại cán bộ “{value}”: hãy chọn trong danh sách."
MSG_FILTER_FLAG = "Giá trị “{value}” không hợp lệ: hãy chọn Có hoặc Không."


def person_filter_problems(scope: Scope, *, unit_code: str = "", party_code: str = "", staff_type: str = "",
                           leader: str = "", party: str = "") -> dict[str, str]:
    """Every filter of the people list that names nothing (an unknown unit or party organisation, or one
    outside the user's scope, an unknown staff type or flag), field → message: the list says so instead
    of silently showing nobody or everybody."""
    problems = {}
    code = unit_code.strip()
    if code:
        unit = None if "\x00" in code else Unit.objects.filter(code=code.upper()).only("path").first()
        if unit is None or not scope.can_unit(unit):
            problems["unit"] = MSG_FILTER_UNIT.format(code=code[:40])
    code = party_code.strip()
    if code:
        org = None if "\x00" in code else PartyOrg.objects.filter(code=code.upper()).only("path").first()
        if org is None or not scope.can_party(org):
            problems["party_org"] = MSG_FILTER_PARTY_ORG.format(code=code[:40])
    if staff_type and staff_type not in StaffType.values:
        problems["staff_type"] = MSG_FILTER_STAFF_TYPE.format(value=staff_type[:40])
    for name, value in (("leader", leader), ("party", party)):
        if value and value not in ("1", "0"):
            problems[name] = MSG_FILTER_FLAG.format(value=value[:40])
    return problems


def person_get_for_user(scope: Scope, pk: int) -> Person:
    person = Person.objects.filter(pk=pk).select_related("unit", "party_org").first()
    if person is None or not scope.can_person(person):
        raise Http404(MSG_NOT_FOUND)
    return person


def person_by_citizen_id(scope: Scope, citizen_id: str) -> Person:
    person = Person.objects.filter(citizen_id=citizen_id).first()
    if person is None or not scope.can_person(person):
        raise Http404(MSG_NOT_FOUND)
    return person


def people_count_by_unit() -> dict[int, int]:
    """unit id → number of people posted there now (one grouped query). Every person posted to a unit of a
    user's unit scope is in that user's scope, so the counts of the units a user sees are theirs too, and one
    computation serves every user (the units page caches it under the data version)."""
    return dict(
        Person.objects.filter(unit_id__isnull=False)
        .order_by().values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )
