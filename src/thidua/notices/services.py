"""Every write of the notices app: declared calendar days, deadlines, notifications, preferences and
the .ics token. Each service checks, validates, writes and audits in one transaction."""
import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk, audit_record, subject_of
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.notices import calendar
from thidua.notices.models import CalendarDay, Deadline, NoticePreference, Notification
from thidua.notices.permissions import CALENDAR_EDIT, DEADLINE_REGISTER

SYSTEM = Actor(user=None, request_id="")

MSG_DATE_REQUIRED = "Hãy nhập ngày (dd/mm/yyyy)."
MSG_DATE_YEARS = (f"Chỉ khai báo được ngày trong các năm từ {calendar.MIN_YEAR} đến {calendar.MAX_YEAR}.")
MSG_KIND = "Hãy chọn loại ngày: ngày nghỉ hoặc ngày làm bù."
MSG_REASON_REQUIRED = "Hãy ghi lý do (ví dụ số thông báo hoán đổi ngày làm việc)."
MSG_DUPLICATE = "Ngày {day} đã được khai báo ({existing}). Hãy xóa khai báo cũ trước nếu muốn đổi."
MSG_ALREADY_OFF = "Ngày {day} đã là ngày nghỉ ({why}): không cần khai báo thêm."
MSG_ALREADY_WORKING = ("Ngày {day} đã là ngày làm việc: ngày làm bù phải là một ngày nghỉ "
                       "(thứ Bảy, Chủ nhật hoặc ngày lễ).")
MSG_KEY_REQUIRED = "Thiếu mã của hạn xử lý."
MSG_TITLE_REQUIRED = "Hãy ghi tên việc cần làm."
MSG_DUE_REQUIRED = "Hãy nhập hạn xử lý (dd/mm/yyyy)."
MSG_USERS_REQUIRED = "Hãy chọn ít nhất một người phải xử lý."
MSG_URL = "Đường dẫn phải là một trang của hệ thống (bắt đầu bằng /) hoặc một địa chỉ http(s)."
MSG_UNKNOWN_DEADLINE = "Không có hạn xử lý này cho người dùng đã chọn."
MSG_MOVED = "Hạn rơi vào ngày nghỉ ({why}), đã chuyển sang {day}"

KEY_MAX, TITLE_MAX, URL_MAX, SOURCE_MAX, REASON_MAX = 200, 300, 500, 200, 300


# --- the working calendar ----------------------------------------------------------------------

def _refresh_calendar(actor: Actor, date: datetime.date) -> int:
    """Forget the cached year, and move the open deadlines that now fall on a day off (as registering
    them would have). Returns how many moved."""
    calendar.calendar_changed()
    transaction.on_commit(calendar.calendar_changed)
    if calendar.is_working_day(date):
        return 0
    rows = list(Deadline.objects.select_for_update().filter(status=Deadline.OPEN, due=date))
    if not rows:
        return 0
    kept, note = moved_due(date)
    for row in rows:
        row.due, row.moved_note = kept, note
    Deadline.objects.bulk_update(rows, ["due", "moved_note"])
    audit_bulk(actor=actor, rows=_audit_rows(rows, "deadline_move", AuditEvent.UPDATE,
                                             lambda r: {"due": r.due.isoformat(), "moved_from": date.isoformat()}))
    return len(rows)


@transaction.atomic
def calendar_day_add(*, actor: Actor, scope: Scope, date, kind: str, reason: str) -> CalendarDay:
    """Declare a day off (nghỉ bù, hoán đổi) or a worked make-up day (làm bù), with its reason."""
    require(scope, CALENDAR_EDIT)
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": MSG_DATE_REQUIRED})
    if not calendar.MIN_YEAR <= date.year <= calendar.MAX_YEAR:
        raise ValidationError({"date": MSG_DATE_YEARS})
    if kind not in (CalendarDay.OFF, CalendarDay.WORKDAY):
        raise ValidationError({"kind": MSG_KIND})
    reason = clean_text(reason or "", "reason", REASON_MAX).strip()
    if not reason:
        raise ValidationError({"reason": MSG_REASON_REQUIRED})
    day = f"{date:%d/%m/%Y}"
    existing = CalendarDay.objects.select_for_update().filter(date=date).first()
    if existing is not None:
        raise ValidationError({"date": MSG_DUPLICATE.format(day=day, existing=existing.get_kind_display().lower())})
    working = calendar.is_working_day(date)
    if kind == CalendarDay.OFF and not working:
        raise ValidationError({"date": MSG_ALREADY_OFF.format(day=day, why=calendar.why_not_working(date))})
    if kind == CalendarDay.WORKDAY and working:
        raise ValidationError({"date": MSG_ALREADY_WORKING.format(day=day)})
    row = CalendarDay.objects.create(date=date, kind=kind, reason=reason,
                                     created_by=actor.user if getattr(actor.user, "pk", None) else None)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=row, after={"date": date.isoformat(), "kind": kind, "reason": reason},
                 verb="calendar_day_add", reason=reason)
    _refresh_calendar(actor, date)
    return row


@transaction.atomic
def calendar_day_remove(*, actor: Actor, scope: Scope, day: CalendarDay) -> None:
    require(scope, CALENDAR_EDIT)
    before_date = day.date
    before = {"date": day.date.isoformat(), "kind": day.kind, "reason": day.reason}
    audit_record(actor=actor, action=AuditEvent.DELETE, obj=day, before=before, verb="calendar_day_remove")
    day.delete()
    _refresh_calendar(actor, before_date)


# --- deadlines ----------------------------------------------------------------------------------

@dataclass
class Registration:
    """What `deadline_register` did: the due date kept (moved off a day off, `note` says so)."""
    key: str
    asked_due: datetime.date
    due: datetime.date
    note: str = ""
    deadlines: list[Deadline] = field(default_factory=list)
    created: int = 0

    @property
    def moved(self) -> bool:
        return self.due != self.asked_due


def _check_url(url: str) -> str:
    url = clean_text(url or "", "url", URL_MAX).strip()
    if url and not (url.startswith("/") and not url.startswith("//")) and not url.startswith(("https://", "http://")):
        raise ValidationError({"url": MSG_URL})
    return url


def moved_due(due: datetime.date) -> tuple[datetime.date, str]:
    """The due date kept for `due` and, when it falls on a day off, the sentence that says so."""
    try:
        kept = calendar.next_working_day(due)
    except calendar.CalendarRangeError as exc:
        raise ValidationError({"due": exc.message}) from exc
    if kept == due:
        return due, ""
    return kept, MSG_MOVED.format(why=calendar.why_not_working(due), day=calendar.day_label(kept))


def _audit_rows(rows: list[Deadline], verb: str, action: str, after_of) -> list[AuditEvent]:
    return [AuditEvent(action=action, verb=verb, object_type=r._meta.label_lower, object_id=str(r.pk),
                       object_repr=str(r)[:300], subject=subject_of(r), after=after_of(r)) for r in rows]


@transaction.atomic
def deadline_register(*, actor: Actor, scope: Scope, key: str, title: str, due: datetime.date, users: list,
                      url: str = "", source: str = "") -> Registration:
    """The users owe the step `key` by `due` (moved to the next working day when it is a day off).
    Idempotent per key and user: registering again updates the title, date and link, reopens a
    cancelled step and leaves a done one done; each newly owed user gets a notification."""
    require(scope, DEADLINE_REGISTER)
    key = clean_text(key or "", "key", KEY_MAX).strip()
    if not key:
        raise ValidationError({"key": MSG_KEY_REQUIRED})
    title = clean_text(title or "", "title", TITLE_MAX).strip()
    if not title:
        raise ValidationError({"title": MSG_TITLE_REQUIRED})
    if not isinstance(due, datetime.date) or isinstance(due, datetime.datetime):
        raise ValidationError({"due": MSG_DUE_REQUIRED})
    users = [u for u in (users or []) if getattr(u, "pk", None)]
    if not users:
        raise ValidationError({"users": MSG_USERS_REQUIRED})
    url = _check_url(url)
    source = clean_text(source or "", "source", SOURCE_MAX).strip()
    kept, note = moved_due(due)
    values = {"title": title, "due": kept, "asked_due": due, "moved_note": note, "url": url, "source": source}

    existing = {d.user_id: d for d in Deadline.objects.select_for_update().filter(key=key, user__in=users)}
    changed = []
    for d in existing.values():
        before = (d.title, d.due, d.url, d.source, d.status)
        for name, value in values.items():
            setattr(d, name, value)
        if d.status == Deadline.CANCELLED:
            d.status = Deadline.OPEN
        if before != (d.title, d.due, d.url, d.source, d.status):
            changed.append(d)
    if changed:
        Deadline.objects.bulk_update(changed, [*values, "status"])
    new_users = list({u.pk: u for u in users if u.pk not in existing}.values())
    created = Deadline.objects.bulk_create([Deadline(key=key, user=u, **values) for u in new_users])
    if any(d.pk is None for d in created):   # backends that do not return ids
        created = list(Deadline.objects.filter(key=key, user__in=new_users))
    Notification.objects.bulk_create([
        Notification(user=d.user, title=f"Việc mới: {title}", url="/viec-can-lam/",
                     body=f"Hạn {calendar.day_label(kept)}." + (f" {note}." if note else ""))
        for d in created])
    after = lambda r: {"key": r.key, "user": r.user_id, "title": r.title, "due": r.due.isoformat(),  # noqa: E731
                       "asked_due": r.asked_due.isoformat(), "status": r.status}
    audit_bulk(actor=actor, rows=_audit_rows(created, "deadline_register", AuditEvent.CREATE, after)
               + _audit_rows(changed, "deadline_register", AuditEvent.UPDATE, after))
    rows = sorted([*existing.values(), *created], key=lambda d: d.user_id)
    return Registration(key=key, asked_due=due, due=kept, note=note, deadlines=rows, created=len(created))


@transaction.atomic
def deadline_done(*, key: str, user, actor: Actor = SYSTEM) -> Deadline:
    """The user did the step: their deadline is done (again: nothing changes)."""
    row = Deadline.objects.select_for_update().filter(key=key, user=user).first()
    if row is None:
        raise ValidationError({"key": MSG_UNKNOWN_DEADLINE})
    if row.status == Deadline.DONE:
        return row
    before = {"status": row.status}
    row.status, row.done_at = Deadline.DONE, timezone.now()
    row.save(update_fields=["status", "done_at"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=row, before=before,
                 after={"status": row.status}, verb="deadline_done")
    return row


@transaction.atomic
def deadline_cancel(*, key: str, actor: Actor = SYSTEM) -> int:
    """Nobody owes the step any more (the workflow was withdrawn): its open deadlines are cancelled."""
    rows = list(Deadline.objects.select_for_update().filter(key=key, status=Deadline.OPEN))
    if not rows:
        return 0
    Deadline.objects.filter(pk__in=[r.pk for r in rows]).update(status=Deadline.CANCELLED)
    audit_bulk(actor=actor, rows=_audit_rows(rows, "deadline_cancel", AuditEvent.UPDATE,
                                             lambda r: {"key": r.key, "user": r.user_id, "status": Deadline.CANCELLED}))
    return len(rows)


# --- notifications, preferences, the .ics token -------------------------------------------------

def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); returns how many.
    Reading one's own notifications is not audited: it changes nothing anyone else sees."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def preference_get(user) -> NoticePreference:
    found = NoticePreference.objects.filter(user=user).first()
    return found or NoticePreference(user=user)


@transaction.atomic
def preference_set(*, actor: Actor, user, email_digest: bool) -> NoticePreference:
    pref, _ = NoticePreference.objects.select_for_update().get_or_create(user=user)
    before = {"email_digest": pref.email_digest}
    pref.email_digest = bool(email_digest)
    pref.save(update_fields=["email_digest"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=pref, before=before,
                 after={"email_digest": pref.email_digest}, verb="notice_preference_set")
    return pref


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def ics_token_create(*, actor: Actor, user) -> str:
    """A new secret for the user's .ics feed; the old address stops working. Only the hash is kept."""
    token = secrets.token_urlsafe(32)
    pref, _ = NoticePreference.objects.select_for_update().get_or_create(user=user)
    pref.ics_token_hash, pref.ics_token_created_at = token_hash(token), timezone.now()
    pref.save(update_fields=["ics_token_hash", "ics_token_created_at"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=pref, verb="ics_token_create")
    return token


@transaction.atomic
def ics_token_revoke(*, actor: Actor, user) -> None:
    pref = NoticePreference.objects.select_for_update().filter(user=user).first()
    if pref is None or not pref.ics_token_hash:
        return
    pref.ics_token_hash, pref.ics_token_created_at = "", None
    pref.save(update_fields=["ics_token_hash", "ics_token_created_at"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=pref, verb="ics_token_revoke")
