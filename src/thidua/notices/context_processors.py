from django.utils.functional import SimpleLazyObject

from thidua.notices.selectors import badge_count


def badge(request):
    """The header's count of overdue and due-soon steps: one query, only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notices_badge": SimpleLazyObject(lambda: badge_count(user))}
