"""Yearly facts the rules engine reads, for a person or a collective (unit).

Each fact table has two nullable subject keys (person, unit) and a check constraint that
exactly one is set. Natural keys (unique constraints) make imports idempotent.
"""
from django.db import models
from django.db.models import Q

from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.rules import codes


class Track(models.TextChoices):
    GOVERNMENT = "government", "Chính quyền"
    PARTY = "party", "Đảng"


# The grades of the rules engine (thidua.rules.codes), best first: Grade.EXCELLENT == "excellent".
Grade = models.TextChoices("Grade", [
    (code.upper(), (code, codes.GRADE_NAMES[value]))
    for code, value in sorted(codes.GRADES.items(), key=lambda item: -item[1])
])


class Source(models.TextChoices):
    IMPORT = "import", "Nhập từ Excel"
    OFFICER = "officer", "Cán bộ nhập"
    DECISION = "decision", "Quyết định xếp loại"
    GENERATED = "generated", "Dữ liệu tổng hợp"


def one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)),
        name=name,
    )


class SubjectFact(models.Model):
    # no single-column indexes: the partial unique indexes of each table start with person / unit
    # and serve those lookups; every index costs the million-row imports (import.people_100k_s)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               db_index=False)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             db_index=False)
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.OFFICER)

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person if self.person_id else self.unit


class YearRecord(SubjectFact):
    track = models.CharField("khối", max_length=12, choices=Track.choices, default=Track.GOVERNMENT)
    grade = models.CharField("xếp loại", max_length=12, choices=Grade.choices, blank=True)
    score = models.DecimalField("điểm", max_digits=5, decimal_places=2, null=True, blank=True)
    months_worked = models.PositiveSmallIntegerField("số tháng công tác", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "track"]
        verbose_name = "xếp loại năm"
        constraints = [
            one_subject("yearrecord_one_subject"),
            models.UniqueConstraint(fields=["person", "year", "track"], condition=Q(person__isnull=False), name="uniq_yr_person"),
            models.UniqueConstraint(fields=["unit", "year", "track"], condition=Q(unit__isnull=False), name="uniq_yr_unit"),
        ]


class AwardKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên (công trạng)"
    THEMATIC = "thematic", "Chuyên đề"
    ONE_OFF = "one_off", "Đột xuất"
    LONG_SERVICE = "long_service", "Quá trình cống hiến"


class AwardCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class Award(SubjectFact):
    """An emulation title (LĐTT, CSTĐCS…) or commendation form (GK, BK…) for a year."""

    code = models.CharField("mã danh hiệu/hình thức", max_length=20)
    category = models.CharField(max_length=8, choices=AwardCategory.choices)
    kind = models.CharField("loại khen thưởng", max_length=15, choices=AwardKind.choices, default=AwardKind.REGULAR)
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    authority = models.CharField("cấp quyết định", max_length=255, blank=True)
    # a revoked award stays in the history, marked, and no longer counts for eligibility (§3.2)
    revoked_by = models.CharField("quyết định hủy bỏ", max_length=120, blank=True, default="", db_default="")
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = "danh hiệu, khen thưởng"
        constraints = [
            one_subject("award_one_subject"),
            models.UniqueConstraint(fields=["person", "year", "code", "kind"], condition=Q(person__isnull=False), name="uniq_award_person"),
            models.UniqueConstraint(fields=["unit", "year", "code", "kind"], condition=Q(unit__isnull=False), name="uniq_award_unit"),
        ]


class InitiativeLevel(models.TextChoices):
    UNIT = "unit", "Cấp cơ sở"
    MINISTRY = "ministry", "Cấp bộ, ngành, tỉnh"
    NATIONAL = "national", "Toàn quốc"


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", "Sáng kiến"
    RESEARCH = "research", "Đề tài, công trình khoa học"


class Initiative(SubjectFact):
    """A recognised initiative or research work, credited to a person (or collective)."""

    title = models.CharField("tên sáng kiến", max_length=500)
    level = models.CharField("phạm vi ảnh hưởng", max_length=10, choices=InitiativeLevel.choices)
    kind = models.CharField("loại", max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    recognized_on = models.DateField("ngày công nhận", null=True, blank=True)
    decision_no = models.CharField("số quyết định công nhận", max_length=80, blank=True)
    used_for = models.CharField("đã dùng để xét", max_length=20, blank=True)  # initiative.single_use ledger

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "sáng kiến"
        constraints = [
            one_subject("initiative_one_subject"),
            models.UniqueConstraint(fields=["person", "year", "title"], condition=Q(person__isnull=False), name="uniq_init_person"),
            models.UniqueConstraint(fields=["unit", "year", "title"], condition=Q(unit__isnull=False), name="uniq_init_unit"),
        ]


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DEMOTION = "demotion", "Hạ bậc lương / giáng chức"
    DISMISSAL = "dismissal_from_post", "Cách chức"
    UNDER_REVIEW = "under_review", "Đang xem xét kỷ luật"


DISCIPLINE_ORDER = ["reprimand", "warning", "demotion", "dismissal_from_post"]


class Discipline(SubjectFact):
    form = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineForm.choices)
    track = models.CharField("khối", max_length=12, choices=Track.choices, default=Track.GOVERNMENT)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    served_from = models.DateField("thi hành từ", null=True, blank=True)
    served_to = models.DateField("thi hành đến", null=True, blank=True)
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "kỷ luật"
        constraints = [
            one_subject("discipline_one_subject"),
            models.UniqueConstraint(fields=["person", "year", "track", "form"], condition=Q(person__isnull=False), name="uniq_disc_person"),
            models.UniqueConstraint(fields=["unit", "year", "track", "form"], condition=Q(unit__isnull=False), name="uniq_disc_unit"),
        ]


class CollectiveStats(models.Model):
    """A collective's member counts for a year, as stated (old years) or derived."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="stats")
    year = models.PositiveSmallIntegerField("năm")
    total = models.PositiveIntegerField("tổng số")
    completed = models.PositiveIntegerField("hoàn thành nhiệm vụ trở lên")
    ldtt = models.PositiveIntegerField("đạt LĐTT")
    cstdcs = models.PositiveIntegerField("đạt CSTĐCS")
    disciplined = models.PositiveIntegerField("bị kỷ luật từ cảnh cáo")
    cluster_rank = models.PositiveSmallIntegerField("xếp hạng trong khối", null=True, blank=True)
    cluster_size = models.PositiveSmallIntegerField("số đơn vị trong khối", null=True, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.OFFICER)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_stats"),
            models.CheckConstraint(condition=Q(completed__lte=models.F("total")) & Q(ldtt__lte=models.F("total")), name="stats_le_total"),
        ]


class GradeYear(models.Model):
    """The state of a unit's yearly grading (workflow `records.workflows.GRADE_YEAR`): open while
    grades are entered, locked once the unit has concluded them. A lock covers the grades of that
    year of the unit and of everyone posted in its subtree. No row means the initial state (open)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="grade_years")
    year = models.PositiveSmallIntegerField("năm")
    state = models.CharField("trạng thái", max_length=12, default="open")
    changed_at = models.DateTimeField("thời điểm", auto_now=True)
    changed_by = models.CharField("người thực hiện", max_length=150, blank=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="grade_year_unique")]
        indexes = [models.Index(fields=["year", "state"], name="grade_year_state")]
        verbose_name = "xếp loại năm của đơn vị"
