"""The page shown when django-axes refuses a login: the login page with a Vietnamese message (429)."""
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

MSG_LOCKED = ("Đăng nhập sai quá {limit} lần: tài khoản «{username}» tạm bị khóa đăng nhập từ máy này trong "
              "{minutes} phút. Hãy thử lại sau, hoặc nhờ quản trị viên đặt lại mật khẩu.")


def login_locked(request, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    form = AuthenticationForm(request, initial={"username": username})
    message = MSG_LOCKED.format(limit=settings.AXES_FAILURE_LIMIT, username=username[:150], minutes=minutes)
    return render(request, "accounts/login.html", {"form": form, "locked_message": message,
                                                   "next": request.POST.get("next", "")}, status=429)


def client_ip(request) -> str:
    """The address login throttling counts (settings.AXES_CLIENT_IP_CALLABLE). Behind THIDUA_PROXY_COUNT
    reverse proxies, each appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right; whatever a client wrote further left is ignored (it cannot
    choose its address). Without proxies, the socket's address."""
    count = settings.THIDUA_PROXY_COUNT
    if count > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
