import time

from django.utils.functional import SimpleLazyObject

from thidua.notices.selectors import badge_count, today

BADGE_SECONDS = 60
SESSION_KEY = "notices_badge"


def _count(request) -> int:
    """One query at most a minute per session (kept in the session, which every page loads anyway;
    counted first at login, refreshed by "Việc cần làm"), so the header adds no query to most pages."""
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


def count_at_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: the badge's first count belongs to the login, not to the first page."""
    if request is not None and getattr(request, "session", None) is not None:
        refresh_badge(request, badge_count(user))


def badge(request):
    """The header's count of overdue and due-soon steps, computed only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notices_badge": SimpleLazyObject(lambda: _count(request))}
