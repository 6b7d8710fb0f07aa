"""The commendation fund: one ledger per owner (the unit that holds the fund) and year.

`FundEntry` is append-only like `audit.AuditEvent`: the model and its queryset refuse updates and
deletes, and database triggers (migration 0002) refuse them underneath, even in raw SQL. A mistake
is corrected by a new entry, never by rewriting one. The balance is derived from the entries.
`FundYear` is the row every write locks (select_for_update) so that two payments cannot both pass
the balance check on PostgreSQL."""
from django.db import models

from thidua.organizations.models import Unit

MSG_APPEND_ONLY_UPDATE = "Sổ quỹ chỉ được ghi thêm: không sửa một dòng đã ghi (hãy ghi một bút toán điều chỉnh)."
MSG_APPEND_ONLY_DELETE = "Sổ quỹ chỉ được ghi thêm: không xóa một dòng đã ghi."


class EntryKind(models.TextChoices):
    ALLOCATION = "allocation", "Ngân sách phân bổ"
    CONTRIBUTION = "contribution", "Đóng góp, tài trợ"
    CLAWBACK = "clawback", "Thu hồi tiền thưởng"
    CARRY_IN = "carry_in", "Số dư năm trước chuyển sang"
    BONUS_PAYMENT = "bonus_payment", "Chi tiền thưởng"
    ARTIFACT_COST = "artifact_cost", "Chi in, làm hiện vật khen thưởng"
    ORGANISING_COST = "organising_cost", "Chi tổ chức phong trào, họp xét"
    CARRY_OUT = "carry_out", "Số dư chuyển sang năm sau"


RECEIPTS = (EntryKind.ALLOCATION, EntryKind.CONTRIBUTION, EntryKind.CLAWBACK, EntryKind.CARRY_IN)
PAYMENTS = (EntryKind.BONUS_PAYMENT, EntryKind.ARTIFACT_COST, EntryKind.ORGANISING_COST, EntryKind.CARRY_OUT)


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"


class FundYear(models.Model):
    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fund_years",
                              verbose_name="đơn vị quản lý quỹ")
    year = models.PositiveSmallIntegerField("năm")
    closed_at = models.DateTimeField("đã chuyển số dư lúc", null=True, blank=True)
    closed_by = models.CharField("người chuyển số dư", max_length=150, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "year"], name="fund_one_ledger_per_owner_year")]
        ordering = ["owner__path", "-year"]
        verbose_name = "quỹ thi đua, khen thưởng theo năm"

    def __str__(self):
        return f"Quỹ thi đua, khen thưởng năm {self.year} — {self.owner.name}"


class FundEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(MSG_APPEND_ONLY_UPDATE)

    def delete(self):
        raise PermissionError(MSG_APPEND_ONLY_DELETE)


class FundEntry(models.Model):
    fund_year = models.ForeignKey(FundYear, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField("loại", max_length=20, choices=EntryKind.choices)
    date = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung", max_length=500, blank=True)
    counterparty = models.CharField("đơn vị, cá nhân nộp / nhận", max_length=255, blank=True)
    # allocation: the cap it was checked against
    cap_basis = models.CharField("căn cứ tính mức tối đa", max_length=20, blank=True)
    basis_amount = models.BigIntegerField("giá trị căn cứ (đồng)", null=True, blank=True)
    cap_amount = models.BigIntegerField("mức phân bổ tối đa (đồng)", null=True, blank=True)
    # the decision that confers the award (a Decision row can be linked later by these fields)
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    decision_issuer = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                        verbose_name="cấp ra quyết định")
    decision_ref = models.CharField("mã tham chiếu quyết định", max_length=120, blank=True)
    # bonus: what was paid and how it was computed (a later salary change never rewrites it)
    award_code = models.CharField("danh hiệu, hình thức", max_length=20, blank=True)
    subject_kind = models.CharField("đối tượng", max_length=12, choices=SubjectKind.choices, blank=True)
    subjects = models.TextField("người, tập thể được khen", blank=True)
    subject_count = models.PositiveIntegerField("số đối tượng", null=True, blank=True)
    posthumous = models.BooleanField("truy tặng", default=False)
    coefficient = models.PositiveIntegerField("hệ số (phần trăm)", null=True, blank=True)
    base_salary = models.BigIntegerField("mức lương cơ sở (đồng)", null=True, blank=True)
    per_subject = models.BigIntegerField("mức thưởng mỗi đối tượng (đồng)", null=True, blank=True)
    basis = models.TextField("cách tính", blank=True)
    # clawback: the payment whose money comes back
    reverses = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="clawbacks",
                                 verbose_name="khoản chi được thu hồi")
    warning = models.TextField("cảnh báo", blank=True)
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)
    created_by = models.CharField("người ghi", max_length=150, blank=True)

    objects = FundEntryQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["fund_year", "kind"], name="fund_entry_year_kind")]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="fund_entry_amount_positive")]
        verbose_name = "bút toán quỹ"

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def is_receipt(self) -> bool:
        return self.kind in RECEIPTS

    @property
    def signed_amount(self) -> int:
        return self.amount if self.is_receipt else -self.amount

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(MSG_APPEND_ONLY_UPDATE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(MSG_APPEND_ONLY_DELETE)


class BaseSalaryRate(models.Model):
    """A base salary (mức lương cơ sở) an administrator added, in force from `valid_from` until the next
    row; the rules package ships the known ones (`rules.bonus.BASE_SALARIES`)."""

    valid_from = models.DateField("áp dụng từ ngày", unique=True)
    amount = models.BigIntegerField("mức lương cơ sở (đồng/tháng)")
    instrument = models.CharField("căn cứ pháp lý", max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = "mức lương cơ sở"

    def __str__(self):
        return f"Mức lương cơ sở từ {self.valid_from:%d/%m/%Y}"
