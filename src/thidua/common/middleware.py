import uuid

from django.http import HttpResponseBadRequest
from django.utils.deprecation import MiddlewareMixin


class RequestIdMiddleware(MiddlewareMixin):
    """Tags each request with an id that audit events carry (to group one request's changes)."""

    def process_request(self, request):
        request.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex[:16]


class LanguageMiddleware:
    """Vietnamese unless the user chose another language (cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC with
    an English browser would get English; the product's default is Vietnamese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        lang = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


class NulByteMiddleware:
    """A NUL byte (%00) in the path or a query-string value cannot reach the database (PostgreSQL
    refuses it in text: the filters of the people list, the eligibility table and every code in a
    URL answered 500). No real input holds one, so the request is refused here, once, for every
    page, with a Vietnamese message (the API refuses it at the field, in its schemas)."""

    MESSAGE = "Địa chỉ hoặc bộ lọc chứa ký tự không hợp lệ (NUL). Hãy xóa ký tự đó rồi thử lại."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            return self.get_response(request)  # the API's schemas answer NUL at the field (api.schemas.Clean)
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()):
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
