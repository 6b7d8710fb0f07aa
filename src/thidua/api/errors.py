"""One error shape for clients: {"detail": [{"field", "message"}]} for bad input, {"detail": "…"} otherwise."""
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from thidua.common.errors import MSG_FORBIDDEN, MSG_NOT_FOUND

MSG_UNAUTHENTICATED = "Cần đăng nhập hoặc gửi mã API hợp lệ (Authorization: Bearer td_…)."
MSG_CSRF = "Thiếu hoặc sai mã CSRF (gửi kèm tiêu đề X-CSRFToken khi dùng phiên đăng nhập)."
MSG_BAD_JSON = "Nội dung gửi lên không phải JSON hợp lệ."
MSG_INVALID = "Giá trị không hợp lệ."
MSG_DATA = "Dữ liệu vượt giới hạn cho phép hoặc chứa ký tự không hợp lệ."
MSG_TOO_DEEP = "Nội dung JSON lồng nhau quá sâu; hãy gửi tài liệu phẳng hơn (vài chục cấp là đủ)."
MSG_UNKNOWN_UNIT = "Mã đơn vị không tồn tại: {codes}."

# pydantic error type (prefix) → Vietnamese message
PYDANTIC_MESSAGES = [
    ("missing", "Thiếu trường bắt buộc."),
    ("date", "Ngày không hợp lệ, cần dạng YYYY-MM-DD."),
    ("datetime", "Thời điểm không hợp lệ, cần dạng ISO 8601."),
    ("int", "Phải là số nguyên."),
    ("greater_than", "Giá trị quá nhỏ."),
    ("less_than", "Giá trị quá lớn."),
    ("decimal", "Phải là số."),
    ("float", "Phải là số."),
    ("bool", "Phải là true hoặc false."),
    ("string_too_long", "Quá dài."),
    ("string_too_short", "Không được để trống."),
    ("string", "Phải là chuỗi ký tự."),
    ("list", "Phải là một danh sách."),
    ("dict", "Phải là một đối tượng JSON."),
    ("model_attributes_type", "Phải là một đối tượng JSON."),
    ("extra_forbidden", "Trường không được hỗ trợ."),
    ("value_error", "{message}"),
    ("enum", "Giá trị không nằm trong danh sách cho phép: {expected}."),
    ("literal_error", "Giá trị không nằm trong danh sách cho phép: {expected}."),
]
_LOCATIONS = {"body", "payload", "query", "path", "filters", "header", "cookie"}


def field_errors(errors: dict[str, str]) -> dict:
    return {"detail": [{"field": f, "message": m} for f, m in errors.items()]}


def _pydantic_message(err: dict) -> str:
    kind = err.get("type", "")
    for prefix, message in PYDANTIC_MESSAGES:
        if kind.startswith(prefix):
            ctx = err.get("ctx") or {}
            expected = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
            return message.format(expected=expected, message=ctx.get("error", MSG_INVALID))
    return MSG_INVALID


def _pydantic_field(err: dict) -> str:
    loc = [str(x) for x in err.get("loc", ())]
    while loc and loc[0] in _LOCATIONS:
        loc = loc[1:]
    return ".".join(loc) or "__all__"


def _django_errors(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"field": field, "message": e.messages[0] if hasattr(e, "messages") else str(e)}
                for field, errs in exc.error_dict.items() for e in errs]
    return [{"field": "__all__", "message": m} for m in exc.messages]


def install(api) -> None:
    def on_validation(request, exc: NinjaValidationError):
        detail = [{"field": _pydantic_field(e), "message": _pydantic_message(e)} for e in exc.errors]
        return api.create_response(request, {"detail": detail}, status=422)

    def on_service_validation(request, exc: DjangoValidationError):
        return api.create_response(request, {"detail": _django_errors(exc)}, status=422)

    def on_forbidden(request, exc: PermissionDenied):
        message = str(exc) or MSG_FORBIDDEN
        return api.create_response(request, {"detail": message}, status=403)

    def on_not_found(request, exc: Http404):
        return api.create_response(request, {"detail": MSG_NOT_FOUND}, status=404)

    def on_unauthenticated(request, exc: AuthenticationError):
        return api.create_response(request, {"detail": MSG_UNAUTHENTICATED}, status=401)

    def on_http_error(request, exc: HttpError):
        # ninja's own English messages for a body it cannot parse and a failed CSRF check
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = MSG_BAD_JSON
        elif message.startswith("CSRF"):
            message = MSG_CSRF
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    def on_data_error(request, exc: DataError):
        # the database refused a value (NUL byte, number out of range): the input's fault, not a 500
        return api.create_response(request, field_errors({"__all__": MSG_DATA}), status=422)

    def on_too_deep(request, exc: RecursionError):
        # a JSON body nested thousands of levels deep exhausts the parser's stack: bad input, not a 500
        return api.create_response(request, field_errors({"$": MSG_TOO_DEEP}), status=422)

    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(RecursionError, on_too_deep)
    api.add_exception_handler(DataError, on_data_error)
    api.add_exception_handler(DjangoValidationError, on_service_validation)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
