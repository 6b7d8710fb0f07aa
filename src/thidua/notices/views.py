"""Pages: the year's working calendar (administrators declare days), "Việc cần làm", notifications,
the notice settings (daily e-mail, the .ics address) and the .ics feed itself."""
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.common.permissions import allowed, require
from thidua.common.web import actor_of, apply_errors, paginate, scope_of
from thidua.notices import calendar, services
from thidua.notices.context_processors import refresh_badge
from thidua.notices.forms import CalendarDayForm, PreferenceForm
from thidua.notices.ics import deadlines_ics
from thidua.notices.models import CalendarDay
from thidua.notices.permissions import CALENDAR_EDIT
from thidua.notices.selectors import (
    DUE_SOON_WORKING_DAYS,
    deadlines_for_user,
    notifications_for_user,
    today,
    user_for_ics_token,
)

MSG_BAD_YEAR = "Năm không hợp lệ: lịch làm việc có các năm từ {min} đến {max}; đang hiện năm nay."
MSG_DAY_ADDED = "Đã khai báo {kind} ngày {day}."
MSG_DAY_REMOVED = "Đã xóa khai báo ngày {day}."
MSG_DAY_UNKNOWN = "Ngày này không có khai báo nào."
MSG_PREF_SAVED = "Đã lưu tùy chọn nhắc việc."
MSG_ICS_REVOKED = "Đã thu hồi địa chỉ lịch .ics: các ứng dụng lịch đang theo dõi sẽ không nhận được nữa."
MSG_READ = "Đã đánh dấu {n} thông báo là đã đọc."


def _year_of(request) -> tuple[int, str]:
    raw = request.GET.get("nam", "")
    this_year = today().year
    if not raw:
        return this_year, ""
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not calendar.MIN_YEAR <= year <= calendar.MAX_YEAR:
        return this_year, MSG_BAD_YEAR.format(min=calendar.MIN_YEAR, max=calendar.MAX_YEAR)
    return year, ""


def _calendar_context(request, year: int, form=None) -> dict:
    can_edit = allowed(scope_of(request), CALENDAR_EDIT)
    cal = calendar.year_calendar(year)
    months = calendar.month_grid(year)
    return {
        "year": year, "months": months, "named": calendar.non_working_days(year),
        "working_total": sum(m["working_days"] for m in months),
        "declared": sorted(cal.declared.values(), key=lambda r: r.date),
        "can_edit": can_edit, "form": form if form is not None else (CalendarDayForm() if can_edit else None),
        "prev_year": year - 1 if year > calendar.MIN_YEAR else None,
        "next_year": year + 1 if year < calendar.MAX_YEAR else None,
        "weekdays": ["T2", "T3", "T4", "T5", "T6", "T7", "CN"], "today": today(), "nav": "calendar",
    }


@login_required
def calendar_page(request):
    year, problem = _year_of(request)
    if problem:
        messages.error(request, problem)
    return render(request, "notices/calendar.html", _calendar_context(request, year))


@login_required
@require_POST
def calendar_day_add_view(request):
    require(scope_of(request), CALENDAR_EDIT)
    form = CalendarDayForm(request.POST)
    year = today().year
    if form.is_valid():
        asked = form.cleaned_data["date"]
        if calendar.MIN_YEAR <= asked.year <= calendar.MAX_YEAR:
            year = asked.year
        try:
            row = services.calendar_day_add(actor=actor_of(request), scope=scope_of(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, MSG_DAY_ADDED.format(kind=row.get_kind_display().lower(),
                                                           day=f"{row.date:%d/%m/%Y}"))
            return redirect(f"{reverse('notices:calendar')}?nam={row.date.year}#khai-bao")
    return render(request, "notices/calendar.html", _calendar_context(request, year, form), status=400)


@login_required
@require_POST
def calendar_day_remove_view(request, day):
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404(MSG_DAY_UNKNOWN) from exc
    row = CalendarDay.objects.filter(date=date).first()
    if row is None:
        raise Http404(MSG_DAY_UNKNOWN)
    services.calendar_day_remove(actor=actor_of(request), scope=scope_of(request), day=row)
    messages.success(request, MSG_DAY_REMOVED.format(day=f"{date:%d/%m/%Y}"))
    return redirect(f"{reverse('notices:calendar')}?nam={date.year}#khai-bao")


@login_required
def todo(request):
    context = deadlines_for_user(request.user)
    context.update(nav="todo", soon_days=DUE_SOON_WORKING_DAYS)
    refresh_badge(request, sum(1 for v in context["overdue"] + context["due"] if v.deadline.due <= context["soon_limit"]))
    return render(request, "notices/todo.html", context)


@login_required
def notification_list(request):
    unread_only = request.GET.get("chua-doc") == "1"
    page = paginate(request, notifications_for_user(request.user, unread_only=unread_only))
    unread = notifications_for_user(request.user, unread_only=True).count()
    return render(request, "notices/notifications.html",
                  {"page": page, "unread_only": unread_only, "unread": unread, "nav": "notifications"})


@login_required
@require_POST
def notifications_read(request):
    raw = request.POST.get("id")   # none: all of them; one that is not an id: nothing
    if raw is None:
        ids = None
    else:
        ids = [int(raw)] if raw.isascii() and raw.isdigit() and len(raw) < 19 else []
    n = services.notifications_mark_read(user=request.user, ids=ids)
    messages.success(request, MSG_READ.format(n=n))
    return redirect("notices:notifications")


@login_required
def preferences(request):
    pref = services.preference_get(request.user)
    new_token = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "ics_create":
            new_token = services.ics_token_create(actor=actor_of(request), user=request.user)
            pref = services.preference_get(request.user)
        elif action == "ics_revoke":
            services.ics_token_revoke(actor=actor_of(request), user=request.user)
            messages.success(request, MSG_ICS_REVOKED)
            return redirect("notices:preferences")
        else:
            form = PreferenceForm(request.POST)
            form.is_valid()
            services.preference_set(actor=actor_of(request), user=request.user,
                                    email_digest=form.cleaned_data.get("email_digest", False))
            messages.success(request, MSG_PREF_SAVED)
            return redirect("notices:preferences")
    form = PreferenceForm(initial={"email_digest": pref.email_digest})
    feed_url = request.build_absolute_uri(reverse("notices:ics_feed", args=[new_token])) if new_token else ""
    return render(request, "notices/preferences.html",
                  {"form": form, "pref": pref, "feed_url": feed_url, "has_email": bool(request.user.email),
                   "nav": "notifications"})


def ics_feed(request, token):
    """The secret address a calendar app subscribes to: no login, the token is the key."""
    user = user_for_ics_token(services.token_hash(token))
    if user is None:
        raise Http404("Địa chỉ lịch không tồn tại hoặc đã bị thu hồi.")
    body = deadlines_ics(user, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="viec-can-lam.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
