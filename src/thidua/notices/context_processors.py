import time

from django.utils.functional import SimpleLazyObject

from thidua.notices.selectors import badge_count, today

BADGE_SECONDS = 60
SESSION_KEY = "notices_badge"


def _count(request) -> int:
    """One query at most a minute per session (kept in the session, which every page loads anyway),
    so the header costs the page-query budget nothing; "Việc cần làm" refreshes it."""
    session = getattr(request, "session", None)
    day, now = today().isoformat(), time.time()
    cached = session.get(SESSION_KEY) if session is not None else None
    if isinstance(cached, list) and len(cached) == 3 and cached[1] == day and 0 <= now - cached[2] < BADGE_SECONDS:
        return int(cached[0])
    n = badge_count(request.user)
    if session is not None:
        session[SESSION_KEY] = [n, day, now]
    return n


def refresh_badge(request, n: int) -> None:
    if getattr(request, "session", None) is not None:
        request.session[SESSION_KEY] = [n, today().isoformat(), time.time()]


def badge(request):
    """The header's count of overdue and due-soon steps, computed only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notices_badge": SimpleLazyObject(lambda: _count(request))}
