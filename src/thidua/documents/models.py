"""Official papers: a document (draft → signed, numbered at signature), its template versions, the counters."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.organizations.models import Unit


class DocumentKind(models.TextChoices):
    DECISION = "decision", "Quyết định"
    MINUTES = "minutes", "Biên bản"
    VOTE_COUNT = "vote_count", "Biên bản kiểm phiếu"
    REPORT = "report", "Báo cáo"
    PLAN = "plan", "Kế hoạch"


# the abbreviation of each kind in the number's symbol (Nghị định 30/2020, Phụ lục III): 05/QĐ-UBND
KIND_ABBREVIATIONS = {"decision": "QĐ", "minutes": "BB", "vote_count": "BB", "report": "BC", "plan": "KH"}
# the title each kind carries under the header
KIND_TITLES = {"decision": "Quyết định", "minutes": "Biên bản", "vote_count": "Biên bản kiểm phiếu",
               "report": "Báo cáo", "plan": "Kế hoạch"}


class DocumentState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký, đã cấp số"


class DocumentTemplate(models.Model):
    """An agency's own .docx template for a kind, versioned: each upload is a new version and the
    documents keep the version they were rendered with."""

    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành")
    version = models.PositiveIntegerField("phiên bản")
    name = models.CharField("tên tệp", max_length=200)
    content = models.BinaryField("nội dung .docx")
    placeholders = models.JSONField("các trường", default=list, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issuer_id", "kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["issuer", "kind", "version"], name="document_template_version")]

    def __str__(self):
        return f"Mẫu {self.get_kind_display().lower()} – phiên bản {self.version}"


class DocumentCounter(models.Model):
    """The last number given by an issuer in a year and series (Nghị định 30/2020, Điều 15)."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=40, blank=True, default="")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "series"], name="document_counter_key")]


class Document(models.Model):
    """One paper. Plain data only (`data`: citations, paragraphs, articles, annex…): documents knows
    nothing of the workflow that drafted it. Number and date are given at signature, then it is locked."""

    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành")
    issuer_name = models.CharField("tên cơ quan ban hành", max_length=255)
    superior_name = models.CharField("cơ quan chủ quản", max_length=255, blank=True)
    symbol = models.CharField("ký hiệu", max_length=60)
    series = models.CharField("sổ văn bản", max_length=40, blank=True, default="")
    place = models.CharField("địa danh", max_length=100)
    title = models.CharField("tên loại", max_length=120)
    summary = models.CharField("trích yếu", max_length=500)
    data = models.JSONField("nội dung", default=dict, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=200, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=200, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    state = models.CharField("trạng thái", max_length=10, choices=DocumentState.choices,
                             default=DocumentState.DRAFT)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    template = models.ForeignKey(DocumentTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # drafted by a workflow that must sign it itself (e.g. "Quyết định khen thưởng": the signature also
    # writes the awards); the generic signing page and API refuse it, naming the workflow's page
    managed_by = models.CharField("quy trình quản lý", max_length=120, blank=True, default="")
    managed_url = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "series", "number"], condition=Q(number__isnull=False),
                                    name="document_number_unique"),
            models.CheckConstraint(condition=Q(state="draft", number__isnull=True)
                                   | Q(state="signed", number__isnull=False, signed_on__isnull=False),
                                   name="document_number_only_when_signed"),
        ]

    def __str__(self):
        label = f"số {self.number_label}" if self.number else "dự thảo"
        return f"{self.title} {label}: {self.summary}"[:300]

    @property
    def is_signed(self) -> bool:
        return self.state == DocumentState.SIGNED

    @property
    def number_label(self) -> str:
        """"05/QĐ-UBND": two digits at least (Phụ lục I), blank before signature."""
        if self.number is None:
            return f"      /{self.symbol}"
        return f"{self.number:02d}/{self.symbol}"

    @property
    def template_version(self) -> int:
        return self.template.version if self.template_id else 0
