from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")


class AuditEvent(models.Model):
    """Append-only record of a change to business data.

    Updates and deletes are refused by the queryset, by save()/delete() and, underneath,
    by database triggers (migration 0002) so that even raw SQL cannot rewrite history.
    """

    CREATE, UPDATE, DELETE = "create", "update", "delete"
    ACTIONS = [(CREATE, "Tạo mới"), (UPDATE, "Sửa"), (DELETE, "Xóa")]

    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=ACTIONS)
    verb = models.CharField(max_length=60, blank=True)  # e.g. "unit_merge", "posting_transfer"
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    # the person or unit whose page shows this event ("people.person:12"), for related rows too
    subject = models.CharField(max_length=80, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # few indexes on purpose: imports append millions of rows (no LIKE indexes needed)
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_at"),
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
            models.Index(fields=["-at"], name="audit_at"),
        ]
        verbose_name = "sự kiện nhật ký"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
