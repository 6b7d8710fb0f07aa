"""Rounds, proposals with their dossiers and history, public postings, councils and their sessions.

The secret ballot keeps only what the law needs and nothing that links a choice to a voter:
`Nominee.agree/reject` (the tally per nominee, no timestamp, no history) and `BallotReceipt`
(who has voted, and how: online, paper, written opinion), never a row per choice."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.organizations.models import Unit
from thidua.people.models import Person


class FrozenJSONField(models.JSONField):
    """A JSONField that PostgreSQL bulk inserts as plain VALUES: Django 5.2's UNNEST path sends the rows as
    a text array, quoting every '"' of the JSON in Python (≈ 1 s per 1,000 frozen answers); a field with
    `get_placeholder` is left out of that path."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class RoundKind(models.TextChoices):
    YEAR_END = "year_end", "Tổng kết năm"
    THEMATIC = "thematic", "Phong trào thi đua theo chuyên đề"
    AD_HOC = "ad_hoc", "Khen thưởng đột xuất"
    SERVICE = "service", "Khen thưởng quá trình cống hiến, niên hạn"


class Round(models.Model):
    """A call for proposals opened by the emulation officer of a level (`unit`)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cấp tổ chức")
    name = models.CharField("tên đợt", max_length=255)
    kind = models.CharField("loại đợt", max_length=12, choices=RoundKind.choices)
    year = models.PositiveSmallIntegerField("năm thành tích")
    forms = models.JSONField("danh hiệu, hình thức nhận đề nghị", default=list)
    opens_on = models.DateField("ngày mở")
    deadline = models.DateField("hạn nộp hồ sơ")
    deadline_working_days = models.PositiveSmallIntegerField("số ngày làm việc", null=True, blank=True)
    council_date = models.DateField("ngày họp Hội đồng dự kiến", null=True, blank=True)
    state = models.CharField("trạng thái", max_length=10, default="draft")
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-year", "-opens_on", "pk"]
        verbose_name = "đợt khen thưởng"

    def __str__(self):
        return self.name


class Proposal(models.Model):
    """One subject proposed for one title or form in a round, with its frozen eligibility answer."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    collective = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    proposing_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                       verbose_name="đơn vị đề nghị")
    form = models.CharField("danh hiệu, hình thức", max_length=20)
    year = models.PositiveSmallIntegerField("năm thành tích")
    state = models.CharField("trạng thái", max_length=12, default="submitted", db_index=True)
    answer = FrozenJSONField("kết quả xét điều kiện khi đề nghị", default=dict)
    regime = models.CharField(max_length=10, blank=True)
    simplified_ground = models.CharField("căn cứ thủ tục đơn giản", max_length=20, blank=True)
    report = models.TextField("báo cáo thành tích", blank=True)
    minutes = models.JSONField("biên bản họp xét của đơn vị", default=dict, blank=True)
    forwarded_to = models.CharField("chuyển lên", max_length=120, blank=True)
    subject_name = models.CharField(max_length=255)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "hồ sơ đề nghị"
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, collective__isnull=True)
                                   | Q(person__isnull=True, collective__isnull=False), name="proposal_one_subject"),
            # one achievement → one form: one live proposal per subject and year (withdrawn ones excepted)
            models.UniqueConstraint(fields=["person", "year", "form"], condition=Q(person__isnull=False)
                                    & ~Q(state="withdrawn"), name="uniq_proposal_person_form"),
            models.UniqueConstraint(fields=["collective", "year", "form"], condition=Q(collective__isnull=False)
                                    & ~Q(state="withdrawn"), name="uniq_proposal_unit_form"),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.form} {self.year}"


class ProposalEvent(models.Model):
    """The proposal's history: every transition with its reason (a returned dossier keeps it)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    reason_code = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    actor_label = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class Attachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("tên tệp", max_length=200)
    file = models.FileField(upload_to="commendations/%Y/")
    size = models.PositiveIntegerField()
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class Posting(models.Model):
    """The list published for public comment before the council (commendation-rules.md §2.4)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="postings")
    where = models.CharField("nơi đăng", max_length=255)
    starts_on = models.DateField("ngày đăng")
    working_days = models.PositiveSmallIntegerField("số ngày làm việc")
    ends_on = models.DateField("hết hạn lấy ý kiến")
    proposals = models.ManyToManyField(Proposal, related_name="postings")
    created_by = models.CharField(max_length=150, blank=True)
    # the unguessable address of the public, read-only page of the posting (/cong-khai/<token>/)
    public_token = models.CharField(max_length=43, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-starts_on", "pk"]


class PostingComment(models.Model):
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="comments")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField("người góp ý", max_length=255)
    text = models.TextField("nội dung")
    received_on = models.DateField("ngày nhận")

    class Meta:
        ordering = ["received_on", "pk"]


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    MEMBER = "member", "Ủy viên"
    SECRETARY = "secretary", "Thư ký"
    MEMBER_SECRETARY = "member_secretary", "Ủy viên kiêm Thư ký"


VOTING_ROLES = {CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.MEMBER, CouncilRole.MEMBER_SECRETARY}
SECRETARY_ROLES = {CouncilRole.SECRETARY, CouncilRole.MEMBER_SECRETARY}


class Council(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cấp")
    name = models.CharField("tên Hội đồng", max_length=255)
    term = models.CharField("nhiệm kỳ", max_length=40, blank=True)

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField("họ tên", max_length=255)
    role = models.CharField("chức danh", max_length=20, choices=CouncilRole.choices)
    # a member who sat in a session is never deleted (the minutes name them): removal only dates it
    removed_at = models.DateTimeField("thôi tham gia từ", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="uniq_council_member")]

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES

    def __str__(self):
        return self.full_name


class Session(models.Model):
    """One meeting of a council on a round: attendance, agenda, the secret ballot, the result."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="sessions")
    meets_on = models.DateField("ngày họp")
    state = models.CharField("trạng thái", max_length=10, default="preparing")
    members_total = models.PositiveSmallIntegerField(default=0)
    present = models.PositiveSmallIntegerField(default=0)
    ballots = models.PositiveSmallIntegerField("số phiếu đã nhận", default=0)
    close_reason = models.TextField(blank=True)
    caps = models.JSONField("chỉ tiêu tối đa theo danh hiệu", default=dict, blank=True)
    vote_count_document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+", verbose_name="biên bản kiểm phiếu")
    minutes_document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name="biên bản họp")

    class Meta:
        ordering = ["-meets_on", "pk"]


class Attendance(models.TextChoices):
    PRESENT = "present", "Có mặt"
    ABSENT = "absent", "Vắng mặt"
    WRITTEN = "written", "Vắng mặt, có ý kiến bằng văn bản"


class SessionMember(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.ABSENT)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="uniq_session_member")]


class Nominee(models.Model):
    """A proposal on the session's agenda and its tally. No per-voter row exists, by design."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="nominees")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    agree = models.PositiveSmallIntegerField(default=0)
    reject = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(max_length=10, blank=True)   # passed / failed / selected / tie / over_cap

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["session", "proposal"], name="uniq_nominee")]


class BallotReceipt(models.Model):
    """That a member has voted in a session (and how), never what: the set of who has voted."""

    ONLINE, PAPER, WRITTEN = "online", "paper", "written"
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="uniq_ballot_per_member")]


class Runoff(models.Model):
    """The second secret ballot among nominees of one form tied at the edge of its cap (rules.ballot,
    param.cap_tiebreak = "council_decides"): the same secrecy as the first — a tally per candidate and
    the set of who has voted, never a row per choice — or, where it ties again, the council's decision
    recorded by the chair with its reason."""

    VOTING, TIED, DONE = "voting", "tied", "done"
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="runoffs")
    form = models.CharField(max_length=20)
    seats = models.PositiveSmallIntegerField("số suất còn lại")
    state = models.CharField(max_length=8, default=VOTING)
    ballots = models.PositiveSmallIntegerField("số phiếu đã nhận", default=0)
    close_reason = models.TextField(blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decision_reason = models.TextField("lý do quyết định của Hội đồng", blank=True)

    class Meta:
        ordering = ["pk"]


class RunoffCandidate(models.Model):
    runoff = models.ForeignKey(Runoff, on_delete=models.CASCADE, related_name="candidates")
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="+")
    votes = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(max_length=10, blank=True)   # selected / over_cap / tie

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["runoff", "nominee"], name="uniq_runoff_candidate")]


class RunoffReceipt(models.Model):
    """That a member has cast the second ballot (and how), never what."""

    runoff = models.ForeignKey(Runoff, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["runoff", "member"], name="uniq_runoff_ballot_per_member")]


class DecisionState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký, ban hành"
    REVOKED = "revoked", "Đã bị hủy bỏ (toàn bộ)"


class Decision(models.Model):
    """A commendation decision drafted from a council's passed list (or a revocation decision, which
    `revokes` an earlier one): its paper is a `documents.Document` (number and date at signature)."""

    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cấp quyết định")
    forms = models.JSONField("danh hiệu, hình thức", default=list)
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("trạng thái", max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT)
    revokes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="revocations")
    grounds_code = models.CharField("căn cứ hủy bỏ", max_length=20, blank=True)
    grounds = models.TextField("lý do hủy bỏ", blank=True)
    flagged = models.JSONField("khen thưởng liên quan cần xem lại", default=list, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "quyết định khen thưởng"

    def __str__(self):
        return self.document.summary if self.document_id else "quyết định"


class DecisionAward(models.Model):
    """One row of a decision's annex: who gets what, and what followed (the award in the yearly
    history, the golden-book number, the bonus paid, a revocation)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awards")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    collective = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    form = models.CharField("danh hiệu, hình thức", max_length=20)
    year = models.PositiveSmallIntegerField("năm thành tích")
    name = models.CharField("họ tên, tên tập thể", max_length=255)
    unit_name = models.CharField("đơn vị", max_length=255, blank=True)
    achievement = models.TextField("thành tích", blank=True)
    award = models.ForeignKey("records.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    golden_book = models.PositiveIntegerField("số sổ vàng", null=True, blank=True)
    golden_book_year = models.PositiveSmallIntegerField(null=True, blank=True)
    bonus = models.PositiveBigIntegerField("tiền thưởng", null=True, blank=True)
    payment = models.ForeignKey("fund.FundEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    revoked_by = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="revoked_awards")

    class Meta:
        ordering = ["pk"]


class GoldenBookCounter(models.Model):
    """Golden-book (sổ vàng) numbers: per issuer and year, taken when a certificate is printed."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="uniq_golden_book_counter")]
