"""Small pieces the handlers share: who acts, their scope, paging, turning codes into units."""
from django.core.exceptions import ValidationError

from thidua.accounts.scope import scope_for_user
from thidua.api.errors import MSG_UNKNOWN_UNIT
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.organizations.models import Unit
from thidua.records.selectors import HISTORY_MODELS, history_get_for_user  # noqa: F401  (re-exported)

MAX_LIMIT = 500


def actor(request) -> Actor:
    return Actor(user=request.auth, request_id=getattr(request, "request_id", ""))


def scope(request) -> Scope:
    return scope_for_user(request.auth)


def page(qs, *, limit: int, offset: int) -> dict:
    """A count and one slice: two queries whatever the size of the list."""
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": list(qs[offset:offset + limit])}


def units_by_codes(codes: list[str], field: str) -> list[Unit]:
    """Units named in a request body, in the given order; unknown codes are a field error."""
    wanted = [c.strip().upper() for c in codes if c and c.strip()]
    found = {u.code: u for u in Unit.objects.filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise ValidationError({field: MSG_UNKNOWN_UNIT.format(codes=", ".join(missing))})
    return [found[c] for c in wanted]


def unit_by_code(code: str | None, field: str) -> Unit | None:
    return units_by_codes([code], field)[0] if code and code.strip() else None


def plain(payload, *, exclude_unset: bool = False, drop=()) -> dict:
    """A request body as keyword arguments for a service: enums as their values."""
    out = {}
    for key, value in payload.model_dump(exclude_unset=exclude_unset).items():
        if key in drop:
            continue
        out[key] = value.value if hasattr(value, "value") else value
    return out
