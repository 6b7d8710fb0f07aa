"""Units, their dated changes and lineage, emulation clusters, party organisations."""
from django.db import models
from django.db.models import Q

from thidua.common.text import fold


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", "Bộ, ngành, cơ quan trung ương"
    PARTY_AGENCY = "party_agency", "Cơ quan Đảng"
    GENERAL_DEPARTMENT = "general_department", "Tổng cục"
    DEPARTMENT = "department", "Vụ, Cục"
    DIVISION = "division", "Phòng"
    INSPECTORATE = "inspectorate", "Thanh tra"
    PROVINCE = "province", "Tỉnh, thành phố"
    PROVINCIAL_DEPARTMENT = "provincial_department", "Sở, ban, ngành tỉnh"
    DISTRICT = "district", "Huyện, quận (trước 2025)"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    PUBLIC_SERVICE_UNIT = "public_service_unit", "Đơn vị sự nghiệp công lập"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    OTHER = "other", "Khác"


class Unit(models.Model):
    """An agency or unit in the tree. `path` is the materialized path of ids ("/1/7/42/")."""

    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    short_name = models.CharField("tên viết tắt", max_length=80, blank=True)
    kind = models.CharField("loại đơn vị", max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name="đơn vị cấp trên",
    )
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    has_legal_personality = models.BooleanField("có tư cách pháp nhân", default=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class SuccessionKind(models.TextChoices):
    RENAMED = "renamed", "Đổi tên"
    MERGED = "merged", "Hợp nhất"
    SPLIT = "split", "Chia tách"
    ABSORBED = "absorbed", "Sáp nhập vào"
    DISSOLVED = "dissolved", "Giải thể"


class UnitSuccession(models.Model):
    """predecessor → successor on a date; a dissolved unit has no successor."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="predecessions"
    )
    date = models.DateField("ngày hiệu lực")
    kind = models.CharField("hình thức", max_length=20, choices=SuccessionKind.choices)
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "thay đổi đơn vị"


class ClusterLevel(models.TextChoices):
    CENTRAL = "central", "Do Hội đồng TĐKT Trung ương tổ chức"
    MINISTRY = "ministry", "Cấp bộ, ban, ngành"
    PROVINCE = "province", "Cấp tỉnh"


class Cluster(models.Model):
    """Khối/cụm thi đua."""

    code = models.CharField("mã khối", max_length=40, unique=True)
    name = models.CharField("tên khối, cụm thi đua", max_length=255)
    level = models.CharField("cấp tổ chức", max_length=20, choices=ClusterLevel.choices)
    organizer = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="organized_clusters",
        verbose_name="cơ quan tổ chức",
    )
    description = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "khối thi đua"

    def __str__(self):
        return self.name


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    year = models.PositiveSmallIntegerField("năm")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "year"], name="uniq_cluster_member")
        ]
        ordering = ["year", "unit__name"]


class OfficeRole(models.TextChoices):
    HEAD = "head", "Khối trưởng"
    DEPUTY = "deputy", "Khối phó"


class ClusterOffice(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="offices")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_offices")
    year = models.PositiveSmallIntegerField("năm")
    role = models.CharField("vai trò", max_length=10, choices=OfficeRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "year"], name="uniq_cluster_office"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="head"), name="one_head_per_year"
            ),
        ]
        ordering = ["year", "role", "unit__name"]


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", "Đảng bộ"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    PART_COMMITTEE = "part_committee", "Đảng bộ bộ phận"
    CELL = "cell", "Chi bộ"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"


class PartyOrg(models.Model):
    code = models.CharField("mã tổ chức đảng", max_length=40, unique=True)
    name = models.CharField("tên tổ chức đảng", max_length=255)
    kind = models.CharField("loại", max_length=30, choices=PartyOrgKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="party_orgs",
        verbose_name="cơ quan, đơn vị gắn với",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = "tổ chức đảng"

    def __str__(self):
        return self.name
