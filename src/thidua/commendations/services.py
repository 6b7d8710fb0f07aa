"""Rounds, proposals and their routing up the levels, public postings: the one write path.

Every service is `<entity>_<verb>(*, actor, scope, …)` in one transaction: permission (the app's
`permissions.py`), validation with Vietnamese messages at the field, write, audit. The bulk
proposal service applies the same checks set-based (a few queries whatever the number of people).
Eligibility comes from `thidua.eligibility.services` (the rules engine): only a case it answers
`eligible: true` goes forward, and its answer is frozen into the proposal."""
import datetime
import io
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from python_calamine import CalamineWorkbook

from thidua.accounts.models import RoleAssignment
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk, audit_record
from thidua.commendations import permissions  # noqa: F401  (declares the permissions the services require)
from thidua.commendations.models import Attachment, Posting, PostingComment, Proposal, ProposalEvent, Round, RoundKind
from thidua.commendations.workflows import PROPOSAL, PROPOSAL_BUTTONS, RETURN_REASONS, ROUND, SIMPLIFIED_GROUNDS
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.permissions import allowed, require
from thidua.common.scope import Scope
from thidua.common.text import fold
from thidua.common.workflow import check_transition
from thidua.eligibility import services as elig
from thidua.imports.storage import UploadRefused, check_upload, max_upload_bytes
from thidua.notices import services as notices
from thidua.notices.calendar import CalendarRangeError, add_working_days
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.records import codes
from thidua.records.models import Award
from thidua.rules import authority

MSG_NAME_REQUIRED = "Cần nhập tên đợt khen thưởng."
MSG_KIND = "Loại đợt không hợp lệ."
MSG_YEAR = "Năm thành tích không hợp lệ."
MSG_FORMS_REQUIRED = "Cần chọn ít nhất một danh hiệu hoặc hình thức khen thưởng."
MSG_FORM_UNKNOWN = "Danh hiệu, hình thức không có trong danh mục: {codes}."
MSG_FORM_LEVEL_ROUND = ("{form}: cấp này không được xét hoặc đề nghị danh hiệu, hình thức này "
                        "(thẩm quyền theo Luật Thi đua, khen thưởng 2022, Điều 80).")
MSG_DEADLINE_REQUIRED = "Cần nhập hạn nộp hồ sơ."
MSG_DEADLINE_BEFORE = "Hạn nộp hồ sơ phải sau ngày mở đợt."
MSG_ROUND_NOT_OPEN = "Đợt khen thưởng “{name}” không trong thời gian nhận hồ sơ."
MSG_AFTER_DEADLINE = "Đã quá hạn nộp hồ sơ của đợt (hạn {date}): không nhận thêm đề nghị."
MSG_FORM_NOT_IN_ROUND = "Đợt này không nhận đề nghị {form}."
MSG_FORM_NOT_FOR_LEVEL = ("{unit} không được đề nghị {form}: danh hiệu, hình thức này do cấp dưới xét tặng "
                          "(Luật Thi đua, khen thưởng 2022, Điều 80; Điều 83 khoản 1).")
MSG_FORM_NOT_FOR_SUBJECT = "{form} không dành cho {kind}."
MSG_SUBJECT_OUTSIDE = "{name} không thuộc {unit}."
MSG_SUBJECT_REQUIRED = "Cần chọn cá nhân hoặc tập thể được đề nghị."
MSG_DUPLICATE = ("{name} đã được đề nghị {form} năm {year}: không khen thưởng nhiều lần cho một thành tích "
                 "(Luật Thi đua, khen thưởng 2022, Điều 6).")
MSG_SECOND_FORM = ("{name} đã được đề nghị {other} cho thành tích năm {year}: không khen thưởng nhiều hình thức "
                   "cho một thành tích (Luật Thi đua, khen thưởng 2022, Điều 6).")
MSG_ALREADY_AWARDED = "{name} đã có {form} năm {year} trong lịch sử khen thưởng."
MSG_INELIGIBLE = "{name} chưa đủ điều kiện {form} năm {year}: {why} (Nghị định 98/2023/NĐ-CP, Điều 4, khoản 2)."
MSG_UNKNOWN = ("{name} chưa đủ dữ liệu để xét {form} năm {year}: {why}. Chỉ đề nghị trường hợp đủ điều kiện "
               "(Nghị định 98/2023/NĐ-CP, Điều 4, khoản 2).")
MSG_FROZEN = ("{name} đang bị xem xét kỷ luật, điều tra, thanh tra hoặc giải quyết khiếu nại: tạm dừng đề nghị "
              "khen thưởng (Nghị định 98/2023/NĐ-CP, Điều 4).")
MSG_GROUND = "Căn cứ thủ tục đơn giản không có trong danh sách của Luật Thi đua, khen thưởng 2022, Điều 85."
MSG_MINUTES = "Biên bản họp xét không hợp lệ: {problem}."
MSG_REASON_CODE = "Cần chọn lý do trả lại."
MSG_FORWARD_NOT_NEEDED = "Cấp này có thẩm quyền tặng {form}: không cần trình cấp trên."
MSG_FILE_EMPTY = "Tệp đính kèm rỗng."
MSG_FILE_BIG = "Tệp đính kèm quá lớn ({size} MB): tối đa {limit} MB."
MSG_FILE_KIND = "Chỉ nhận tệp .pdf, .docx, .xlsx, .jpg, .png."
MSG_POSTING_DAYS = "Số ngày lấy ý kiến phải từ {days} ngày làm việc trở lên ({source})."
MSG_POSTING_EMPTY = "Chưa chọn hồ sơ nào để đăng công khai."
MSG_POSTING_STATE = "{name}: chỉ đăng công khai hồ sơ đã thẩm định."
MSG_COMMENT_TEXT = "Cần nhập nội dung góp ý."
MSG_COMMENT_PROPOSAL = "Hồ sơ không nằm trong danh sách đã đăng công khai."
MSG_COMMENT_PERIOD = ("Góp ý nhận ngày {day} nằm ngoài thời gian lấy ý kiến ({start} – {end}): "
                      "chỉ ghi nhận góp ý nhận được trong thời gian đăng công khai.")

ATTACH_TYPES = (".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png")
ATTACH_MAX_MB = 10

MINISTRY_KINDS = {"ministry", "province", "party_agency"}


def level_of(unit: Unit) -> str:
    """The authority level of a unit (legal-rules.md §8)."""
    if unit.kind in MINISTRY_KINDS:
        return authority.MINISTRY
    if unit.kind == "commune":
        return authority.COMMUNE
    return authority.BASE


def _today() -> datetime.date:
    return timezone.localdate()


def working_days_after(start: datetime.date, days: int, field: str = "deadline_working_days") -> datetime.date:
    """The date `days` working days after `start` on the working calendar of `notices` (weekends, public
    holidays and their swaps, make-up Saturdays, the agency's declared days)."""
    try:
        return add_working_days(start, int(days))
    except CalendarRangeError as exc:
        raise ValidationError({field: exc.message}) from None


def _vn_date(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def form_label(code: str) -> str:
    return codes.label(code)


# --- rounds -----------------------------------------------------------------------------------------


def _clean_forms(forms, unit: Unit) -> list[str]:
    wanted = [str(f).strip().upper() for f in (forms or []) if str(f).strip()]
    if not wanted:
        raise ValidationError({"forms": MSG_FORMS_REQUIRED})
    unknown = [f for f in wanted if f not in codes.ALL]
    if unknown:
        raise ValidationError({"forms": MSG_FORM_UNKNOWN.format(codes=", ".join(unknown))})
    level = level_of(unit)
    for f in wanted:
        if not authority.may_propose(level, f):
            raise ValidationError({"forms": MSG_FORM_LEVEL_ROUND.format(form=form_label(f))})
    return list(dict.fromkeys(wanted))


@transaction.atomic
def round_create(*, actor: Actor, scope: Scope, unit: Unit, name: str, kind: str, year, forms,
                 deadline: datetime.date | None = None, deadline_working_days: int | None = None,
                 opens_on: datetime.date | None = None, council_date: datetime.date | None = None) -> Round:
    """A round in draft; with `deadline_working_days` and no `deadline`, the deadline is computed."""
    rnd = Round(unit=unit, created_by=actor.label)
    require(scope, "round.manage", rnd)
    name = clean_text(name or "", "name", 255).strip()
    if not name:
        raise ValidationError({"name": MSG_NAME_REQUIRED})
    if kind not in RoundKind.values:
        raise ValidationError({"kind": MSG_KIND})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": MSG_YEAR}) from None
    if not elig.year_in_range(year):
        raise ValidationError({"year": MSG_YEAR})
    opens_on = opens_on or _today()
    if deadline is None and deadline_working_days:
        deadline = working_days_after(opens_on, int(deadline_working_days))
    if deadline is None:
        raise ValidationError({"deadline": MSG_DEADLINE_REQUIRED})
    if deadline < opens_on:
        raise ValidationError({"deadline": MSG_DEADLINE_BEFORE})
    rnd.name, rnd.kind, rnd.year, rnd.forms = name, kind, year, _clean_forms(forms, unit)
    rnd.opens_on, rnd.deadline, rnd.deadline_working_days = opens_on, deadline, deadline_working_days or None
    rnd.council_date, rnd.state = council_date, ROUND.initial
    rnd.save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=rnd, after={"name": name, "year": year,
                 "forms": [form_label(f) for f in rnd.forms], "deadline": deadline.isoformat()}, verb="round_create")
    return rnd


@transaction.atomic
def round_transition(*, actor: Actor, scope: Scope, round: Round, transition: str, reason: str = "") -> Round:
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    reason = clean_text(reason or "", "reason", 500)
    move = check_transition(ROUND, transition, scope=scope, obj=rnd, state=rnd.state, reason=reason)
    before = rnd.state
    rnd.state = move.target
    rnd.save(update_fields=["state"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=rnd, before={"state": before},
                 after={"state": rnd.state}, verb=f"round_{move.name}", reason=reason)
    if rnd.state == "open":
        round_deadlines_register(actor=actor, scope=scope, round=rnd)
    else:
        notices.deadline_cancel(key=round_deadline_key(rnd), actor=actor)
    return rnd


def round_deadline_key(rnd: Round) -> str:
    return f"commendations.round:{rnd.pk}"


def proposing_officers(rnd: Round) -> list:
    """The emulation officers of the units under the round's level (who propose to it), active today."""
    today = _today()
    users = (RoleAssignment.objects.filter(role="emulation_officer", unit__path__startswith=rnd.unit.path)
             .exclude(unit=rnd.unit).filter(Q(end__isnull=True) | Q(end__gte=today))
             .select_related("user").order_by("user_id"))
    return list({ra.user_id: ra.user for ra in users if ra.user.is_active}.values())


def round_deadlines_register(*, actor: Actor, scope: Scope, round: Round):
    """The round's deadline, owed by the proposing units' emulation officers (`notices.deadline_register`:
    to-do list, reminders, .ics). Nothing to register when no lower unit has an officer."""
    users = proposing_officers(round)
    if not users:
        return None
    return notices.deadline_register(
        actor=actor, scope=scope, key=round_deadline_key(round), users=users, due=round.deadline,
        title=f"Nộp hồ sơ đề nghị khen thưởng: {round.name} ({round.unit.name})",
        url=f"/khen-thuong/dot/{round.pk}/", source="Đợt khen thưởng")


# --- proposals --------------------------------------------------------------------------------------


def _why(answer: dict) -> str:
    missing = [m for m in answer.get("missing") or [] if m]
    if missing:
        return "; ".join(elig.humanize_missing(m) for m in missing[:3])
    failed = [c["message"] for c in answer.get("checks") or [] if c.get("ok") is False]
    return "; ".join(failed[:3]) or "không đạt tiêu chuẩn"


def _frozen(answer: dict) -> bool:
    return any(c.get("rule") == "common.freeze" and c.get("ok") is not True for c in answer.get("checks") or [])


def eligibility_refusal(answer: dict, *, name: str, form: str, year: int) -> str | None:
    """The rule that stops the case, or None when the engine answers eligible."""
    if _frozen(answer):
        return MSG_FROZEN.format(name=name)
    if answer.get("eligible") is True:
        return None
    msg = MSG_INELIGIBLE if answer.get("eligible") is False else MSG_UNKNOWN
    return msg.format(name=name, form=form_label(form), year=year, why=_why(answer))


def draft_report(subject: dict, *, name: str, position: str, unit_name: str, form: str, year: int) -> str:
    """The achievement report drafted from the person's (collective's) data, to be edited by the unit."""
    entry = next((h for h in subject.get("history") or [] if h.get("year") == year), {})
    lines = [f"BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ {form_label(form).upper()} NĂM {year}",
             f"Họ và tên (tên tập thể): {name}"]
    if position:
        lines.append(f"Chức vụ: {position}")
    lines.append(f"Đơn vị: {unit_name}")
    grade = entry.get("grade")
    if grade:
        lines.append(f"Xếp loại chất lượng năm {year}: {GRADE_WORDS.get(grade, grade)}.")
    titles = [form_label(t) for t in entry.get("titles") or []] + [form_label(a) for a in entry.get("awards") or []]
    if titles:
        lines.append(f"Danh hiệu, khen thưởng năm {year}: {', '.join(titles)}.")
    for ini in entry.get("initiatives") or []:
        lines.append(f"Sáng kiến, giải pháp: {ini.get('name') or 'sáng kiến'} ({LEVEL_WORDS.get(ini.get('level'), '')}).")
    lines.append("Thành tích đạt được: (đơn vị bổ sung)")
    return "\n".join(lines)


GRADE_WORDS = {"excellent": "Hoàn thành xuất sắc nhiệm vụ", "good": "Hoàn thành tốt nhiệm vụ",
               "complete": "Hoàn thành nhiệm vụ", "incomplete": "Không hoàn thành nhiệm vụ"}
LEVEL_WORDS = {"unit": "cấp cơ sở", "ministry": "cấp bộ, ngành, tỉnh", "national": "toàn quốc"}


def _clean_minutes(minutes: dict | None) -> dict:
    if not minutes:
        return {}
    try:
        total, present, agree = (int(minutes.get(k)) for k in ("total", "present", "agree"))
    except (TypeError, ValueError):
        raise ValidationError({"minutes": MSG_MINUTES.format(problem="cần số thành viên, số có mặt, số đồng ý")}) \
            from None
    if not (0 <= agree <= present <= total) or total == 0:
        raise ValidationError({"minutes": MSG_MINUTES.format(
            problem="số đồng ý ≤ số có mặt ≤ tổng số thành viên")})
    out = {"total": total, "present": present, "agree": agree}
    if minutes.get("date"):
        out["date"] = _minutes_date(minutes["date"]).isoformat()
    return out


def _minutes_date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError({"minutes": MSG_MINUTES.format(problem="ngày họp cần dạng dd/mm/yyyy")})


def _check_round_for(rnd: Round, proposing_unit: Unit, form: str) -> None:
    if rnd.state != "open":
        raise ValidationError({"round": MSG_ROUND_NOT_OPEN.format(name=rnd.name)})
    if _today() > rnd.deadline:
        raise ValidationError({"round": MSG_AFTER_DEADLINE.format(date=_vn_date(rnd.deadline))})
    if form not in rnd.forms:
        raise ValidationError({"form": MSG_FORM_NOT_IN_ROUND.format(form=form_label(form))})
    if not authority.may_propose(level_of(proposing_unit), form):
        raise ValidationError({"form": MSG_FORM_NOT_FOR_LEVEL.format(unit=proposing_unit.name,
                                                                      form=form_label(form))})


def _duplicate_problem(*, person=None, collective=None, name: str, form: str, year: int) -> str | None:
    subject = {"person": person} if person is not None else {"collective": collective}
    live = list(Proposal.objects.filter(year=year, **subject).exclude(state__in=["withdrawn", "failed"])
                .values_list("form", flat=True))
    if form in live:
        return MSG_DUPLICATE.format(name=name, form=form_label(form), year=year)
    if codes.category_of(form) == "form":
        other = next((f for f in live if codes.category_of(f) == "form"), None)
        if other:
            return MSG_SECOND_FORM.format(name=name, other=form_label(other), year=year)
    award = {"person": person} if person is not None else {"unit": collective}
    if Award.objects.filter(year=year, code=form, **award).exists():
        return MSG_ALREADY_AWARDED.format(name=name, form=form_label(form), year=year)
    return None


def _event(proposal: Proposal, transition: str, before: str, actor: Actor, *, reason_code: str = "",
           reason: str = "") -> ProposalEvent:
    return ProposalEvent(proposal=proposal, transition=transition, from_state=before, to_state=proposal.state,
                         reason_code=reason_code, reason=reason, actor_label=actor.label)


@transaction.atomic
def proposal_create(*, actor: Actor, scope: Scope, round: Round, proposing_unit: Unit, form: str,
                    person: Person | None = None, collective: Unit | None = None, report: str = "",
                    minutes: dict | None = None, simplified_ground: str = "") -> Proposal:
    form = (form or "").strip().upper()
    round = Round.objects.select_related("unit").get(pk=round.pk)   # its state and deadline as they are now
    if (person is None) == (collective is None):
        raise ValidationError({"subject": MSG_SUBJECT_REQUIRED})
    prop = Proposal(round=round, proposing_unit=proposing_unit, form=form, year=round.year,
                    person=person, collective=collective, created_by=actor.label)
    require(scope, "proposal.create", prop)
    _check_round_for(round, proposing_unit, form)
    if form not in codes.ALL or not codes.allowed_for(form, collective=collective is not None):
        raise ValidationError({"form": MSG_FORM_NOT_FOR_SUBJECT.format(
            form=form_label(form), kind="tập thể" if collective is not None else "cá nhân")})
    name = person.full_name if person is not None else collective.name
    path = person.unit_path if person is not None else collective.path
    if not (path or "").startswith(proposing_unit.path):
        raise ValidationError({"subject": MSG_SUBJECT_OUTSIDE.format(name=name, unit=proposing_unit.name)})
    problem = _duplicate_problem(person=person, collective=collective, name=name, form=form, year=round.year)
    if problem:
        raise ValidationError({"form": problem})
    if simplified_ground and simplified_ground not in SIMPLIFIED_GROUNDS:
        raise ValidationError({"simplified_ground": MSG_GROUND})
    frozen = elig.frozen_answer(form=form, year=round.year, person=person, collective=collective)
    answer, facts = frozen["answer"], frozen["facts"]
    refusal = eligibility_refusal(answer, name=name, form=form, year=round.year)
    if refusal:
        raise ValidationError({"form": refusal})
    prop.subject_name = name
    prop.answer = {"answer": answer, "facts": facts}
    prop.regime = answer.get("regime") or ""
    prop.simplified_ground = simplified_ground
    prop.minutes = _clean_minutes(minutes)
    prop.report = clean_text(report or "", "report", 20000) or draft_report(
        facts, name=name, position=getattr(person, "position", ""),
        unit_name=(person.unit.name if person is not None and person.unit_id else proposing_unit.name),
        form=form, year=round.year)
    prop.state = PROPOSAL.initial
    try:
        with transaction.atomic():
            prop.save()
    except IntegrityError:
        raise ValidationError({"form": MSG_DUPLICATE.format(name=name, form=form_label(form),
                                                            year=round.year)}) from None
    _event(prop, "create", "", actor).save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=prop, after={
        "round": round.pk, "form": form_label(form), "year": round.year, "eligible": True, "regime": prop.regime},
        verb="proposal_create")
    return prop


@transaction.atomic
def proposal_update_dossier(*, actor: Actor, scope: Scope, proposal: Proposal, report: str | None = None,
                            minutes: dict | None = None) -> Proposal:
    require(scope, "proposal.own", proposal)
    if proposal.state not in ("submitted", "returned"):
        raise ValidationError(f"Không thể sửa hồ sơ khi đang ở trạng thái “{PROPOSAL.states[proposal.state]}”.")
    fields = []
    if report is not None:
        proposal.report = clean_text(report, "report", 20000)
        fields.append("report")
    if minutes is not None:
        proposal.minutes = _clean_minutes(minutes)
        fields.append("minutes")
    proposal.save(update_fields=fields)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=proposal, after={"fields": fields},
                 verb="proposal_dossier")
    return proposal


@transaction.atomic
def proposal_transition(*, actor: Actor, scope: Scope, proposal: Proposal, transition: str, reason: str = "",
                        reason_code: str = "") -> Proposal:
    """receive, return (reason code + text), resubmit, withdraw (reason), appraise, forward."""
    prop = Proposal.objects.select_for_update().select_related("round__unit", "proposing_unit").get(pk=proposal.pk)
    reason = clean_text(reason or "", "reason", 2000).strip()
    move = check_transition(PROPOSAL, transition, scope=scope, obj=prop, state=prop.state, reason=reason)
    if move.name == "return" and reason_code not in RETURN_REASONS:
        raise ValidationError({"reason_code": MSG_REASON_CODE})
    if move.name == "resubmit":
        _check_round_for(prop.round, prop.proposing_unit, prop.form)
    if move.name == "forward":
        if authority.may_confer(level_of(prop.round.unit), prop.form):
            raise ValidationError(MSG_FORWARD_NOT_NEEDED.format(form=form_label(prop.form)))
        prop.forwarded_to = authority.LEVEL_NAMES[authority.conferring_level(prop.form, level_of(prop.round.unit))]
    before = prop.state
    prop.state = move.target
    prop.save(update_fields=["state", "forwarded_to"])
    _event(prop, move.name, before, actor, reason_code=reason_code if move.name == "return" else "",
           reason=reason).save()
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=prop, before={"state": before},
                 after={"state": prop.state, "reason": RETURN_REASONS.get(reason_code, "")}, verb=f"proposal_{move.name}", reason=reason)
    return prop


@transaction.atomic
def proposal_attach(*, actor: Actor, scope: Scope, proposal: Proposal, upload) -> Attachment:
    """An attachment (initiative evidence…): checked before anything is written, so a refused file leaves
    nothing on disk or in the database."""
    require(scope, "proposal.own", proposal)
    name = clean_text(getattr(upload, "name", "") or "", "file", 200)
    if not name.lower().endswith(ATTACH_TYPES):
        raise ValidationError({"file": MSG_FILE_KIND})
    size = getattr(upload, "size", None) or 0
    limit = min(ATTACH_MAX_MB * 1024 * 1024, max_upload_bytes())
    if size <= 0:
        raise ValidationError({"file": MSG_FILE_EMPTY})
    if size > limit:
        raise ValidationError({"file": MSG_FILE_BIG.format(size=round(size / 1048576, 1), limit=limit // 1048576)})
    att = Attachment(proposal=proposal, name=name, size=size, uploaded_by=actor.label)
    att.file.save(name, upload, save=False)
    try:
        att.save()
    except Exception:
        att.file.delete(save=False)
        raise
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=proposal, after={"attachment": name, "size": size},
                 verb="proposal_attach")
    return att


# --- bulk proposals ---------------------------------------------------------------------------------


def proposal_bulk_create(*, actor: Actor, scope: Scope, round: Round, proposing_unit: Unit,
                         forms: list[str]) -> dict:
    """Propose every person of `proposing_unit`'s subtree the engine finds eligible for each form, in one
    action and one transaction, with the same checks as `proposal_create` applied set-based: permission
    and round (once), duplicates (one query), eligibility (the columnar engine, then the full answer
    of the eligible only, frozen into each proposal). Returns counts and the cases left out."""
    forms = [f.strip().upper() for f in forms if f and f.strip()]
    round = Round.objects.select_related("unit").get(pk=round.pk)
    if not forms:
        raise ValidationError({"forms": MSG_FORMS_REQUIRED})
    probe = Proposal(round=round, proposing_unit=proposing_unit, form=forms[0], year=round.year)
    require(scope, "proposal.create", probe)
    for form in forms:
        _check_round_for(round, proposing_unit, form)
        if not codes.allowed_for(form, collective=False) or form not in codes.ALL:
            raise ValidationError({"forms": MSG_FORM_NOT_FOR_SUBJECT.format(form=form_label(form), kind="cá nhân")})
    with transaction.atomic():
        return _bulk(actor, round, proposing_unit, forms)


def _eligible_people(unit: Unit, year: int, forms: list[str]) -> dict[str, set[int]]:
    """Per form, the people under `unit` the engine answers eligible (eligibility's columnar path)."""
    return elig.people_eligible(unit, year, forms)


def _bulk_duplicate(taken: set[str], awarded: bool, *, name: str, form: str, year: int) -> str | None:
    """The same rules as `_duplicate_problem`, on what one query per table found for the whole set."""
    if form in taken:
        return MSG_DUPLICATE.format(name=name, form=form_label(form), year=year)
    other = next((f for f in taken if codes.category_of(f) == "form"), None) \
        if codes.category_of(form) == "form" else None
    if other:
        return MSG_SECOND_FORM.format(name=name, other=form_label(other), year=year)
    if awarded:
        return MSG_ALREADY_AWARDED.format(name=name, form=form_label(form), year=year)
    return None


def _bulk(actor: Actor, rnd: Round, unit: Unit, forms: list[str]) -> dict:
    year = rnd.year
    eligible = _eligible_people(unit, year, forms)
    ids = sorted(set().union(*eligible.values()))
    taken, awarded = {}, set()
    for pid, form in Proposal.objects.filter(person_id__in=ids, year=year).exclude(
            state__in=["withdrawn", "failed"]).values_list("person_id", "form"):
        taken.setdefault(pid, set()).add(form)
    awarded = set(Award.objects.filter(person_id__in=ids, year=year, code__in=forms).values_list("person_id", "code"))
    result = elig.unit_answers(unit, year, targets=forms, include_collectives=False, person_ids=ids) if ids else \
        {"people": [], "answers": {}}
    facts = {s["id"]: s for s in result["people"]}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "full_name"))
    rows, skipped = [], []
    for form in forms:
        for pid in sorted(eligible[form]):
            key = elig.person_key(pid)
            answer = result["answers"].get(key, {}).get(form)
            name = names.get(pid, "")
            problem = _bulk_duplicate(taken.get(pid, set()), (pid, form) in awarded, name=name, form=form, year=year)
            if problem:
                skipped.append({"name": name, "form": form, "reason": problem})
                continue
            refusal = eligibility_refusal(answer, name=name, form=form, year=year) if answer else "?"
            if refusal:
                skipped.append({"name": name, "form": form, "reason": refusal})
                continue
            taken.setdefault(pid, set()).add(form)
            rows.append(Proposal(round=rnd, person_id=pid, proposing_unit=unit, form=form, year=year,
                                 state=PROPOSAL.initial, answer={"answer": answer, "facts": facts.get(key)},
                                 regime=answer.get("regime") or "", subject_name=name, created_by=actor.label))
    Proposal.objects.bulk_create(rows, batch_size=1000)
    ProposalEvent.objects.bulk_create([ProposalEvent(proposal=p, transition="create", from_state="",
                                                     to_state=p.state, actor_label=actor.label) for p in rows],
                                      batch_size=2000)
    audit_bulk(actor=actor, rows=[AuditEvent(action=AuditEvent.CREATE, verb="proposal_create",
                                             object_type="commendations.proposal", object_id=str(p.pk),
                                             object_repr=str(p)[:300], subject=f"people.person:{p.person_id}",
                                             after={"round": rnd.pk, "form": form_label(p.form), "year": year, "eligible": True,
                                                    "regime": p.regime, "bulk": True}) for p in rows])
    return {"created": len(rows), "skipped": skipped}


# --- public posting ---------------------------------------------------------------------------------


def posting_required(form: str) -> bool:
    return authority.posting_for(form) is not None


@transaction.atomic
def posting_create(*, actor: Actor, scope: Scope, round: Round, proposals: list[Proposal], where: str,
                   starts_on: datetime.date, working_days: int | None = None) -> Posting:
    """Publish the listed proposals for the statutory number of working days (commendation-rules.md §2.4)."""
    require(scope, "round.manage", round)
    where = clean_text(where or "", "where", 255).strip() or "Cổng thông tin điện tử"
    if not proposals:
        raise ValidationError({"proposals": MSG_POSTING_EMPTY})
    need = max([authority.posting_for(p.form).working_days for p in proposals if posting_required(p.form)] or [0])
    days = int(working_days if working_days is not None else (need or 10))
    if days < need or days <= 0:
        rule = next(authority.posting_for(p.form) for p in proposals if posting_required(p.form))
        raise ValidationError({"working_days": MSG_POSTING_DAYS.format(days=need, source=rule.source)})
    locked = list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]))
    for p in locked:
        if p.round_id != round.pk or p.state != "appraised":
            raise ValidationError({"proposals": MSG_POSTING_STATE.format(name=p.subject_name)})
    posting = Posting.objects.create(round=round, where=where, starts_on=starts_on, working_days=days,
                                     ends_on=working_days_after(starts_on, days, "working_days"), created_by=actor.label,
                                     public_token=secrets.token_urlsafe(24))
    posting.proposals.set(locked)
    for p in locked:
        move = check_transition(PROPOSAL, "post", scope=scope, obj=p, state=p.state)
        before, p.state = p.state, move.target
        p.save(update_fields=["state"])
        _event(p, "post", before, actor, reason=f"Đăng tại {where} đến {_vn_date(posting.ends_on)}").save()
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=round, after={
        "posting": posting.pk, "proposals": [p.pk for p in locked], "ends_on": posting.ends_on.isoformat()},
        verb="posting_create")
    return posting


@transaction.atomic
def posting_comment_add(*, actor: Actor, scope: Scope, posting: Posting, author: str, text: str,
                        received_on: datetime.date | None = None, proposal: Proposal | None = None
                        ) -> PostingComment:
    require(scope, "round.manage", posting.round)
    text = clean_text(text or "", "text", 5000).strip()
    if not text:
        raise ValidationError({"text": MSG_COMMENT_TEXT})
    if proposal is not None and not posting.proposals.filter(pk=proposal.pk).exists():
        raise ValidationError({"proposal": MSG_COMMENT_PROPOSAL})
    received_on = received_on or _today()
    if not posting.starts_on <= received_on <= posting.ends_on:
        raise ValidationError({"received_on": MSG_COMMENT_PERIOD.format(
            day=_vn_date(received_on), start=_vn_date(posting.starts_on), end=_vn_date(posting.ends_on))})
    c = PostingComment.objects.create(posting=posting, proposal=proposal, text=text,
                                      author=clean_text(author or "", "author", 255).strip() or "Không ghi tên",
                                      received_on=received_on)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=posting.round, after={"comment": c.pk,
                 "proposal": proposal.pk if proposal else None}, verb="posting_comment")
    return c


def allowed_transitions(scope: Scope, proposal: Proposal) -> list:
    return [t for t in PROPOSAL.available(proposal.state)
            if t.name in PROPOSAL_BUTTONS and allowed(scope, t.permission, proposal)]


# --- proposals from an .xlsx list -------------------------------------------------------------------

MSG_XLSX_UNREADABLE = "Không đọc được tệp: cần tệp Excel (.xlsx) có dòng tiêu đề “Số CCCD” và “Danh hiệu, hình thức”."
MSG_XLSX_EMPTY = "Tệp không có dòng dữ liệu nào."
MSG_XLSX_ROWS = "Không đề nghị được {n} dòng, chưa ghi dòng nào:"
MSG_XLSX_ROW = "Dòng {row}: {message}"
MSG_XLSX_FORM = "Danh hiệu, hình thức “{value}” không có trong danh mục."
MSG_XLSX_PERSON = "Không tìm thấy cá nhân có số CCCD “{value}” trong phạm vi của bạn."
XLSX_MAX_ROWS = 2000
_CID_HEADERS = {fold("Số CCCD"), fold("CCCD"), fold("Số căn cước công dân")}
_FORM_HEADERS = {fold("Danh hiệu, hình thức"), fold("Danh hiệu"), fold("Hình thức")}
_FORM_BY_NAME = {fold(name): code for code, name in codes.ALL.items()}


def _xlsx_rows(upload) -> list[tuple[int, str, str]]:
    """(row number, citizen ID, form text) of the list; the upload is checked (size, zip bomb) first."""
    try:
        check_upload(upload)
    except UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    upload.seek(0)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(upload.read())).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception:  # calamine's own error types for anything that is not an .xlsx
        raise ValidationError({"file": MSG_XLSX_UNREADABLE}) from None
    header = [fold(str(c or "")) for c in (rows[0] if rows else [])]
    cid = next((i for i, h in enumerate(header) if h in _CID_HEADERS), None)
    form = next((i for i, h in enumerate(header) if h in _FORM_HEADERS), None)
    if cid is None or form is None:
        raise ValidationError({"file": MSG_XLSX_UNREADABLE})
    out = []
    for number, row in enumerate(rows[1:XLSX_MAX_ROWS + 1], start=2):
        value = row[cid] if cid < len(row) else ""
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value or "").strip()
        label = str(row[form] if form < len(row) else "").strip()
        if text or label:
            out.append((number, text.zfill(12) if text.isdigit() and len(text) == 11 else text, label))
    if not out:
        raise ValidationError({"file": MSG_XLSX_EMPTY})
    return out


@transaction.atomic
def proposal_import(*, actor: Actor, scope: Scope, round: Round, proposing_unit: Unit, upload) -> int:
    """Proposals from an .xlsx list (columns “Số CCCD”, “Danh hiệu, hình thức”: code or name), each through
    `proposal_create` and its checks; nothing is written unless every row is accepted."""
    rows = _xlsx_rows(upload)
    people = {p.citizen_id: p for p in Person.objects.filter(citizen_id__in=[r[1] for r in rows])}
    problems, made = [], 0
    for number, cid, label in rows:
        code = label.upper() if label.upper() in codes.ALL else _FORM_BY_NAME.get(fold(label))
        person = people.get(cid)
        try:
            if code is None:
                raise ValidationError(MSG_XLSX_FORM.format(value=label))
            if person is None or not scope.can_person(person):
                raise ValidationError(MSG_XLSX_PERSON.format(value=cid))
            with transaction.atomic():
                proposal_create(actor=actor, scope=scope, round=round, proposing_unit=proposing_unit, form=code,
                                person=person)
            made += 1
        except ValidationError as exc:
            problems.append(MSG_XLSX_ROW.format(row=number, message=" ".join(exc.messages)))
    if problems:
        raise ValidationError({"file": [MSG_XLSX_ROWS.format(n=len(problems)), *problems[:50]]})
    return made
