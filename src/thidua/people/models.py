"""One person for life, their postings (dated), party membership and leave."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.organizations.models import PartyOrg, Unit
from thidua.rules import codes

# The staff types of the rules engine (thidua.rules.codes): StaffType.CIVIL_SERVANT == "civil_servant".
StaffType = models.TextChoices("StaffType", [
    (code.upper(), (code, codes.STAFF_TYPE_NAMES[code])) for code in codes.STAFF_TYPES
])


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Person(models.Model):
    """Keyed by citizen ID (CCCD, 12 digits). A transfer adds a Posting, never a Person.

    The current_* columns mirror the open posting and membership (kept by the services)
    so that lists, filters and scope checks need no join at 100k people.
    """

    citizen_id = models.CharField("số CCCD", max_length=12, unique=True)
    party_card_no = models.CharField(
        "số thẻ đảng viên", max_length=20, null=True, blank=True, unique=True
    )
    full_name = models.CharField("họ và tên", max_length=120)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False)
    # Vietnamese list order (given name, surname, middle names; common.text.name_sort_key)
    sort_key = models.CharField(max_length=400, default="", editable=False)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    recruited_on = models.DateField("ngày tuyển dụng", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    # denormalised from the open Posting / PartyMembership
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="current_people",
        verbose_name="đơn vị hiện tại",
    )
    unit_path = models.CharField(max_length=500, db_index=True, default="", editable=False)
    position = models.CharField("chức vụ", max_length=120, blank=True)
    staff_type = models.CharField(
        "loại cán bộ", max_length=20, choices=StaffType.choices, blank=True, db_index=True
    )
    is_leader = models.BooleanField("lãnh đạo, quản lý", default=False)
    party_org = models.ForeignKey(
        PartyOrg, null=True, blank=True, on_delete=models.PROTECT, related_name="current_members"
    )
    party_path = models.CharField(max_length=500, db_index=True, default="", editable=False)
    is_party_member = models.BooleanField("đảng viên", default=False, db_index=True)

    class Meta:
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["sort_key", "id"], name="person_sort_key")]
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"

    def __str__(self):
        return self.full_name


class Posting(models.Model):
    """A person's assignment to a unit from `start` to `end` (open while end is null)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="postings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="postings")
    position = models.CharField("chức vụ", max_length=120, blank=True)
    staff_type = models.CharField("loại cán bộ", max_length=20, choices=StaffType.choices)
    is_leader = models.BooleanField("lãnh đạo, quản lý", default=False)
    grade_group = models.CharField("nhóm nhiệm vụ tương đồng", max_length=60, blank=True)
    is_secondment = models.BooleanField("biệt phái", default=False)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)

    class Meta:
        ordering = ["person_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end__isnull=True, is_secondment=False),
                name="one_open_posting",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="posting_dates_ordered",
            ),
        ]
        verbose_name = "quá trình công tác"

    def __str__(self):
        return f"{self.unit} ({self.start:%d/%m/%Y} – {self.end:%d/%m/%Y})" if self.end else (
            f"{self.unit} (từ {self.start:%d/%m/%Y})"
        )


class MembershipStatus(models.TextChoices):
    PROBATIONARY = "probationary", "Dự bị"
    FULL = "full", "Chính thức"


class PartyMembership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="party_memberships")
    party_org = models.ForeignKey(PartyOrg, on_delete=models.PROTECT, related_name="memberships")
    card_no = models.CharField("số thẻ đảng viên", max_length=20, blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    status = models.CharField(max_length=15, choices=MembershipStatus.choices, default="full")

    class Meta:
        ordering = ["person_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end__isnull=True), name="one_open_membership"
            )
        ]


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", "Thai sản"
    SICK = "sick", "Ốm đau"
    UNPAID = "unpaid", "Không lương"
    STUDY = "study", "Đi học do cơ quan cử"
    INJURY = "injury", "Điều trị thương tích (chiến đấu, cứu người, cứu tài sản)"
    OTHER = "other", "Khác"


class Leave(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField("loại nghỉ", max_length=15, choices=LeaveKind.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["person_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="leave_dates_ordered")
        ]
