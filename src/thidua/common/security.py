"""Refusing to serve with an unsafe configuration."""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MSG_NO_SECRET_KEY = ("Chưa đặt THIDUA_SECRET_KEY: máy chủ không chạy với khóa bí mật mặc định. Hãy đặt biến môi "
                     "trường THIDUA_SECRET_KEY (một chuỗi ngẫu nhiên dài, giữ bí mật), hoặc THIDUA_DEBUG=1 khi "
                     "chạy thử trên máy mình.")


def check_production() -> None:
    """Raise ImproperlyConfigured when serving without THIDUA_SECRET_KEY outside debug.

    Called by `thidua serve` and the WSGI/ASGI entry points, not at settings import: tests, the
    worker and the operator's commands still run without a key."""
    if not settings.DEBUG and not getattr(settings, "SECRET_KEY_FROM_ENV", False):
        raise ImproperlyConfigured(MSG_NO_SECRET_KEY)
