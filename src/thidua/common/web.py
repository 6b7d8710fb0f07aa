"""Small helpers shared by views: who is acting, their scope, paging, turning service errors into forms."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator

from thidua.common.context import Actor


def actor_of(request) -> Actor:
    return Actor(user=request.user, request_id=getattr(request, "request_id", ""))


def scope_of(request):
    """The user's Scope, put on the request by `thidua.accounts.middleware.ScopeMiddleware`."""
    return request.scope


def apply_errors(form, exc: ValidationError) -> None:
    """Attach a service ValidationError to the form fields it names (or to the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e.messages[0] if hasattr(e, "messages") else str(e))
    else:
        for m in exc.messages:
            form.add_error(None, m)


MSG_NOT_ALLOWED = "Bạn không có quyền thực hiện thao tác này."


def message_errors(request, exc: ValidationError | PermissionDenied) -> None:
    """A service's refusal shown as page messages (for actions posted from a page with no form to re-render)."""
    if isinstance(exc, PermissionDenied):
        messages.error(request, str(exc) or MSG_NOT_ALLOWED)
        return
    for message in (exc.messages if hasattr(exc, "messages") else [str(exc)]):
        messages.error(request, message)


class TypedInFull:
    """Form mixin: no `maxlength` attribute on the inputs. A browser cuts a longer pasted text to that
    length without a word; without it, what was typed reaches the form in full and the length rule
    answers with its message at the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


def paginate(request, qs, per_page: int = 50, count: int | None = None):
    """The asked page of `qs` (the last one for a page past the end); `count`: the number of rows when the
    caller counted them already (one query fewer)."""
    paginator = Paginator(qs, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()
