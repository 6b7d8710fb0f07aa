from django.apps import apps
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

    @property
    def object_label(self) -> str:
        """The Vietnamese name of the changed object's model ("đơn vị", "cá nhân"…)."""
        model = _model_of(self.object_type)
        return str(model._meta.verbose_name) if model else ""

    @property
    def verb_label(self) -> str:
        """What was done, in words ("nhập từ Excel", "đổi tên"…); the object's name when the verb
        says no more than the action column."""
        verb = self.verb or ""
        if verb in VERB_LABELS:
            return VERB_LABELS[verb]
        prefix = verb.split("_", 1)[0]
        return VERB_PREFIX_LABELS.get(prefix) or self.object_label

    @property
    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """`changes` as a page shows them: each field by its Vietnamese name, choices and yes/no in
        words; the internal columns (ids, paths, folded names, ordering) left out."""
        model = _model_of(self.object_type)
        out = []
        for key, old, new in self.changes:
            if key in _HIDDEN_FIELDS or key.endswith(("_path", "_folded", "_id")):
                continue
            field = _field_of(model, key)
            label = str(field.verbose_name) if field is not None else key.replace("_", " ")
            out.append((label, _value_label(field, old), _value_label(field, new)))
        return out


VERB_LABELS = {
    "unit_rename": "đổi tên", "unit_move": "chuyển sang đơn vị cấp trên khác", "unit_merge": "hợp nhất, sáp nhập",
    "unit_split": "chia tách", "unit_dissolve": "giải thể", "posting_open": "bố trí, điều động công tác",
    "posting_close": "kết thúc công tác", "posting_fix": "sửa quá trình công tác", "leave_add": "nghỉ dài ngày",
    "party_membership_open": "sinh hoạt đảng", "party_membership_close": "thôi sinh hoạt đảng",
    "party_org_close": "hợp nhất, giải thể tổ chức đảng", "cluster_set_year": "thành viên khối theo năm",
    "collective_stats_set": "số liệu thành viên", "grade_year_lock": "khóa xếp loại năm",
    "grade_year_reopen": "mở lại xếp loại năm", "role_assign": "giao vai trò", "api_token_create": "tạo mã API",
    "api_token_revoke": "thu hồi mã API",
}
VERB_PREFIX_LABELS = {"import": "nhập từ Excel", "bulk": "nhập hàng loạt", "generate": "dữ liệu mẫu",
                      "demo": "dữ liệu mẫu"}
_HIDDEN_FIELDS = {"id", "path", "depth", "sort_order", "name_folded", "created_at", "updated_at"}


def _model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_of(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the event was written
        return None


def _value_label(field, value):
    if value is None or field is None:
        return value
    if value is True or value is False:
        return "Có" if value else "Không"
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices and value in choices:
        return choices[value]
    return value


class DataVersion(models.Model):
    """One row (id 1) whose `value` grows with every committed transaction that wrote an audit event, i.e.
    with every change to business data (every service audits). Pages that show data shared by many users
    cache what they computed under this number (`audit.versioning`): any committed change gives a new
    number, so nothing cached is ever shown after a change. Written only by the database triggers of
    migration 0004, at commit (PostgreSQL: a deferred trigger, once per transaction)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản dữ liệu"


class VersionBump(models.Model):
    """A transaction's marker (PostgreSQL): inserted by the first audit statement of a transaction, its
    deferred trigger raises DataVersion at commit and deletes it. Never holds rows outside a transaction."""

    class Meta:
        verbose_name = "đánh dấu thay đổi"
