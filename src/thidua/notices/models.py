"""The working calendar's declared days, deadlines owed by users, in-app notifications, the daily
e-mail digests and each user's notice preferences (e-mail on/off, the secret .ics feed token)."""
from django.conf import settings
from django.db import models


class CalendarDay(models.Model):
    """A day the agency declares on top of the national holidays: a day off (nghỉ bù, hoán đổi) or a
    worked make-up day (làm bù, usually a Saturday). One calendar for the deployment."""

    OFF = "off"
    WORKDAY = "workday"
    KINDS = [(OFF, "Ngày nghỉ (nghỉ bù, hoán đổi)"), (WORKDAY, "Ngày làm bù")]

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=10, choices=KINDS)
    reason = models.CharField("lý do", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày khai báo trên lịch làm việc"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()}"


class Deadline(models.Model):
    """A step a user owes by a date, registered by a workflow under a key (one row per key and user)."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
    STATUSES = [(OPEN, "Chưa xong"), (DONE, "Đã xong"), (CANCELLED, "Đã hủy")]

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadlines")
    title = models.CharField("việc", max_length=300)
    due = models.DateField("hạn")
    asked_due = models.DateField("hạn ban đầu")   # the date asked for; `due` is moved off non-working days
    moved_note = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500, blank=True)
    source = models.CharField("nguồn", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "pk"]
        constraints = [models.UniqueConstraint(fields=["key", "user"], name="notices_deadline_key_user")]
        indexes = [models.Index(fields=["user", "status", "due"], name="notices_dl_user_status_due"),
                   models.Index(fields=["status", "due"], name="notices_dl_status_due")]
        verbose_name = "hạn xử lý"

    def __str__(self):
        return f"{self.title} · {self.due:%d/%m/%Y}"


class Notification(models.Model):
    """An in-app message to one user (a new deadline, the day's reminder)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notices_notif_user_read")]
        verbose_name = "thông báo"

    def __str__(self):
        return self.title


class Digest(models.Model):
    """The e-mail digest of one user for one day: written once (unique), sent once (`sent_at`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    items = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="notices_digest_user_day")]
        indexes = [models.Index(fields=["day", "sent_at"], name="notices_digest_day_sent")]
        verbose_name = "thư nhắc việc hằng ngày"


class NoticePreference(models.Model):
    """A user's choices: the daily e-mail digest, and the hash of the secret token of their .ics feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference")
    email_digest = models.BooleanField("nhận thư nhắc việc hằng ngày", default=True)
    ics_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    ics_token_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tùy chọn nhắc việc"

    def __str__(self):
        return f"Tùy chọn nhắc việc của {self.user}"
