"""Decisions of the commendation pipeline: drafted from a council's passed list, signed (number and date
at signature, through `documents`), written into the yearly history (`records`), printed as
certificates with golden-book numbers, paid from the conferring level's fund (`fund`), and revoked by
a later decision with its grounds (commendation-rules.md §3–§6).

Every state change is one service `decision_<verb>(*, actor, scope, …)` in one transaction: the
permission of `commendations.permissions`, validation with a Vietnamese message naming the rule,
the writes of the apps below through their own services, the audit. Any step refused leaves nothing
written (the documents, history, fund and proposal writes share the transaction)."""
import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.commendations import permissions  # noqa: F401  (declares decision.manage / decision.view)
from thidua.commendations.council import session_result
from thidua.commendations.models import (
    Decision,
    DecisionAward,
    DecisionState,
    GoldenBookCounter,
    Proposal,
    ProposalEvent,
    RoundKind,
    Session,
)
from thidua.commendations.services import form_label, level_of
from thidua.commendations.workflows import DECISION, PROPOSAL, REVOKE_GROUNDS, REVOKE_SOURCE
from thidua.common.clean import clean_text
from thidua.common.context import Actor
from thidua.common.errors import ValidationError
from thidua.common.numbers import vn_number
from thidua.common.permissions import require
from thidua.common.scope import Scope
from thidua.common.workflow import check_transition
from thidua.documents import services as docs
from thidua.documents.certificates import certificates_preview
from thidua.documents.models import Document
from thidua.documents.tasks import certificates_start
from thidua.fund import services as fund
from thidua.fund.models import FundEntry
from thidua.organizations.models import Unit
from thidua.records import codes
from thidua.records import services as history
from thidua.records.models import Award
from thidua.rules import authority

MSG_SESSION_OPEN = "Phiên họp chưa kết thúc bỏ phiếu: chỉ soạn quyết định từ kết quả Hội đồng đã thông qua."
MSG_NOT_PASSED = ("{name} ({form}) không có trong danh sách Hội đồng Thi đua – Khen thưởng đã thông qua ngày {date}: "
                  "chỉ quyết định khen thưởng trường hợp được Hội đồng thông qua (Luật Thi đua, khen thưởng 2022, "
                  "Điều 84; Nghị định 98/2023/NĐ-CP).")
MSG_NOT_CONFERRED_HERE = ("{name}: {form} do {level} quyết định; cấp này chỉ trình lên "
                          "(thẩm quyền theo Luật Thi đua, khen thưởng 2022, Điều 80).")
MSG_ALREADY_DECIDED = "{name} ({form}) đã có trong quyết định khen thưởng khác của phiên họp này."
MSG_NOTHING = ("Không còn trường hợp nào Hội đồng đã thông qua mà cấp này có thẩm quyền quyết định và chưa có "
               "quyết định.")
MSG_SIGNED = "Quyết định đã ký và cấp số {number}: không sửa được. Muốn thay đổi, hãy ban hành quyết định mới."
MSG_NOT_SIGNED = "Quyết định chưa ký, ban hành: chỉ {what} theo quyết định đã ký."
MSG_NOT_AWARD_DECISION = "Đây là quyết định hủy bỏ: không {what} theo quyết định này."
MSG_GROUNDS_REQUIRED = ("Cần chọn căn cứ hủy bỏ và ghi lý do: quyết định khen thưởng chỉ bị hủy bỏ theo một "
                        "trong các căn cứ của " + REVOKE_SOURCE + ".")
MSG_GROUNDS_CODE = "Căn cứ hủy bỏ không có trong " + REVOKE_SOURCE + "."
MSG_REVOKE_ROWS = "Dòng đã chọn không thuộc quyết định này hoặc đã bị hủy bỏ."
MSG_PAID_ALL = "Tất cả tiền thưởng của quyết định này đã được chi."
MSG_AMOUNT = "Số tiền của {name} phải là số nguyên (đồng)."
MSG_NO_SIGNER = "{issuer} chưa có lãnh đạo được phân quyền ký: hãy phân quyền lãnh đạo trước khi soạn quyết định."

# a round's kind → the kind of the award written into the yearly history
AWARD_KIND = {RoundKind.YEAR_END: "regular", RoundKind.THEMATIC: "thematic", RoundKind.AD_HOC: "one_off",
              RoundKind.SERVICE: "long_service"}
# awards whose conditions rest on another: a revoked LĐTT puts the CSTĐCS (and what rests on it) in doubt
DEPENDANTS = {
    "LDTT": {"CSTDCS", "CSTD_BO", "CSTD_TQ", "GK", "BK_BO", "BK_TTG"},
    "CSTT": {"CSTDCS", "CSTD_BO", "CSTD_TQ"},
    "CSTDCS": {"CSTD_BO", "CSTD_TQ"},
    "CSTD_BO": {"CSTD_TQ"},
    "TTLDTT": {"TTLDXS", "CO_BO", "CO_CP", "GK", "BK_BO"},
    "TTLDXS": {"CO_BO", "CO_CP", "BK_TTG"},
    "GK": {"BK_BO"},
    "BK_BO": {"BK_TTG", "HCLD3"},
    "BK_TTG": {"HCLD3"},
    "HCLD3": {"HCLD2"},
    "HCLD2": {"HCLD1"},
}
CITATIONS_LAW = ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
                 "hành một số điều của Luật Thi đua, khen thưởng;"]


MANAGED_BY = "Quyết định khen thưởng"


def decision_url(decision: Decision) -> str:
    return f"/khen-thuong/quyet-dinh/{decision.pk}/"


def _managed_url(decision: Decision) -> None:
    Document.objects.filter(pk=decision.document_id).update(managed_url=decision_url(decision))
    decision.document.managed_url = decision_url(decision)


def _today() -> datetime.date:
    return timezone.localdate()


def _vn_date(d: datetime.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _long_date(d: datetime.date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def certificate_form(code: str) -> str:
    """The certificate layout of `documents.certificates` for an award code."""
    if code == "GK":
        return "giay_khen"
    if codes.category_of(code) == "title":
        return "danh_hieu"
    return "bang_khen"


def _signer(issuer: Unit):
    leaders = docs.leaders_of(issuer)
    return leaders[0] if leaders else None


def _achievement(form: str, year: int) -> str:
    if codes.category_of(form) == "title":
        return f"Đạt danh hiệu {form_label(form)} năm {year}"
    return f"Đã có thành tích xuất sắc trong công tác năm {year}"


# --- drafting ---------------------------------------------------------------------------------------


def _rows_for(session: Session, result: dict, proposal_ids) -> list[dict]:
    """The passed nominees the decision takes: all that the session's level may confer and no other
    decision took, or exactly `proposal_ids` (each must have been passed)."""
    level = level_of(session.council.unit)
    # a row in any decision of the session (drafted, signed, or later revoked) is not decided again
    taken = set(DecisionAward.objects.filter(decision__session=session, decision__revokes__isnull=True)
                .values_list("proposal_id", flat=True))
    passed = {r["proposal"]: r for r in result["passed"]}
    meets = _vn_date(result["meets_on"])
    if proposal_ids is None:
        return [r for pid, r in passed.items() if authority.may_confer(level, r["form"]) and pid not in taken]
    rows = []
    try:
        wanted = [int(p) for p in proposal_ids]
    except (TypeError, ValueError):
        raise ValidationError({"proposals": MSG_NOTHING}) from None
    by_id = {p.pk: p for p in Proposal.objects.filter(pk__in=wanted)}
    for pid in wanted:
        if pid not in passed:
            p = by_id.get(pid)
            raise ValidationError({"proposals": MSG_NOT_PASSED.format(
                name=p.subject_name if p else "Hồ sơ đã chọn", form=form_label(p.form) if p else "", date=meets)})
        r = passed[pid]
        if not authority.may_confer(level, r["form"]):
            target = authority.conferring_level(r["form"], level)
            raise ValidationError({"proposals": MSG_NOT_CONFERRED_HERE.format(
                name=r["name"], form=r["form_label"], level=authority.LEVEL_NAMES.get(target, "cấp trên"))})
        if pid in taken:
            raise ValidationError({"proposals": MSG_ALREADY_DECIDED.format(name=r["name"], form=r["form_label"])})
        rows.append(r)
    return rows


def decision_data(*, session: Session, rows: list[dict], awards: list[DecisionAward], issuer: Unit) -> dict:
    """The plain data `documents.document_draft(kind="decision")` fills its template with."""
    s = session
    forms = list(dict.fromkeys(r["form"] for r in rows))
    units = sorted({r["unit"] for r in rows})
    people = sum(1 for a in awards if a.person_id)
    collectives = len(awards) - people
    who = ", ".join(p for p in (f"{people} cá nhân" if people else "", f"{collectives} tập thể" if collectives else "")
                    if p)
    names = ", ".join(form_label(f) for f in forms)
    citations = [f"Căn cứ chức năng, nhiệm vụ, quyền hạn của {issuer.name};", *CITATIONS_LAW,
                 f"Xét đề nghị của {', '.join(units)};",
                 f"Căn cứ biên bản họp {s.council.name} ngày {_vn_date(s.meets_on)},"]
    articles = [
        f"Điều 1. Tặng {names} cho {who} có tên trong danh sách kèm theo, vì đã có thành tích xuất sắc trong "
        f"công tác năm {s.round.year}.",
        "Điều 2. Cá nhân, tập thể có tên tại Điều 1 được hưởng tiền thưởng theo quy định tại Nghị định số "
        f"98/2023/NĐ-CP (hệ số × mức lương cơ sở tại ngày ký quyết định, làm tròn lên hàng chục nghìn đồng), "
        f"chi từ Quỹ thi đua, khen thưởng của {issuer.name} (Luật Thi đua, khen thưởng 2022, Điều 11 khoản 4).",
        "Điều 3. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này.",
    ]
    annex_rows = [[str(i), a.name, a.unit_name, form_label(a.form), a.achievement] for i, a in enumerate(awards, 1)]
    return {
        "authority": f"THỦ TRƯỞNG {issuer.name.upper()}",
        "citations": citations,
        "articles": articles,
        "annex": {"title": "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
                  "subtitle": "(Kèm theo Quyết định số      ngày      của " + issuer.name + ")",
                  "columns": ["STT", "Họ và tên, tên tập thể", "Đơn vị", "Danh hiệu, hình thức", "Thành tích"],
                  "rows": annex_rows},
    }


@transaction.atomic
def decision_draft(*, actor: Actor, scope: Scope, session: Session, proposals=None) -> Decision:
    """A decision of the session's level for its passed list (or the `proposals` given, each passed)."""
    s = Session.objects.select_for_update().select_related("council__unit", "round").get(pk=session.pk)
    require(scope, "decision.manage", s)
    if s.state != "closed":
        raise ValidationError({"session": MSG_SESSION_OPEN})
    issuer = s.council.unit
    result = session_result(s)
    rows = _rows_for(s, result, proposals)
    if not rows:
        raise ValidationError({"proposals": MSG_NOTHING})
    signer = _signer(issuer)
    if signer is None:
        raise ValidationError({"signer": MSG_NO_SIGNER.format(issuer=issuer.name)})
    props = {p.pk: p for p in Proposal.objects.select_related("person__unit", "collective", "proposing_unit")
             .filter(pk__in=[r["proposal"] for r in rows])}
    awards = []
    for r in rows:
        p = props[r["proposal"]]
        unit_name = p.person.unit.name if p.person_id and p.person.unit_id else p.proposing_unit.name
        awards.append(DecisionAward(proposal=p, person=p.person, collective=p.collective, form=p.form, year=p.year,
                                    name=p.subject_name, unit_name=unit_name,
                                    achievement=_achievement(p.form, p.year)))
    forms = list(dict.fromkeys(a.form for a in awards))
    summary = f"Về việc tặng {', '.join(form_label(f) for f in forms)} năm {s.round.year}"
    document = docs.document_draft(
        actor=actor, scope=scope, kind="decision", issuer=issuer, summary=summary,
        data=decision_data(session=s, rows=rows, awards=awards, issuer=issuer),
        recipients=["Như Điều 3;", "Hội đồng Thi đua – Khen thưởng;", "Lưu: VT, TĐKT."],
        signer_position=f"Thủ trưởng {issuer.name}", signer_name=docs.signer_name_of(signer),
        managed_by=MANAGED_BY)
    decision = Decision.objects.create(session=s, round=s.round, issuer=issuer, forms=forms, document=document,
                                       created_by=actor.label)
    _managed_url(decision)
    for a in awards:
        a.decision = decision
    DecisionAward.objects.bulk_create(awards)
    audit_record(actor=actor, action=AuditEvent.CREATE, obj=decision, verb="decision_draft",
                 after={"session": s.pk, "forms": [form_label(f) for f in forms], "rows": len(awards)})
    return decision


def _locked(decision: Decision) -> Decision:
    # `of=("self",)`: PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins (round, session)
    return Decision.objects.select_for_update(of=("self",)).select_related(
        "issuer", "document", "round", "session").get(pk=decision.pk)


@transaction.atomic
def decision_update(*, actor: Actor, scope: Scope, decision: Decision, **changes) -> Decision:
    """Edit the draft's paper (summary, recipients, signer title…); a signed decision is refused."""
    d = _locked(decision)
    require(scope, "decision.manage", d)
    if d.state != DecisionState.DRAFT:
        raise ValidationError({"__all__": MSG_SIGNED.format(number=d.document.number_label)})
    docs.document_update(actor=actor, scope=scope, document=d.document, **changes)
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=d, verb="decision_update", after={"fields": sorted(changes)})
    return d


# --- signing ----------------------------------------------------------------------------------------


@transaction.atomic
def decision_sign(*, actor: Actor, scope: Scope, decision: Decision, signer,
                  signed_on: datetime.date | None = None) -> Decision:
    """Signature (number and date through `documents.document_sign`), then in the same transaction each
    award written into the yearly history (`records.services.history_add`) and the proposals decided."""
    d = _locked(decision)
    if d.state != DecisionState.DRAFT:
        require(scope, "decision.manage", d)
        raise ValidationError({"number": docs.MSG_ALREADY_SIGNED.format(number=d.document.number_label)})
    check_transition(DECISION, "sign", scope=scope, obj=d, state=d.state)
    document = docs.document_sign(actor=actor, scope=scope, document=d.document, signer_user=signer,
                                  signed_on=signed_on, by_workflow=True)
    d.document = document
    if d.revokes_id:
        d.state = DecisionState.SIGNED
        d.save(update_fields=["state"])
        return d
    kind = AWARD_KIND.get(d.round.kind if d.round_id else "", "regular")
    awards = list(d.awards.select_related("person", "collective", "proposal"))
    for a in awards:
        subject = a.person if a.person_id else a.collective
        a.award = history.history_add(actor=actor, scope=scope, model=Award, subject=subject, source="officer",
                                      year=a.year, code=a.form, kind=kind, decision_no=document.number_label,
                                      decision_date=document.signed_on, authority=d.issuer.name)
    DecisionAward.objects.bulk_update(awards, ["award"])
    _decide_proposals(actor, scope, [a.proposal for a in awards if a.proposal_id], document)
    d.state = DecisionState.SIGNED
    d.save(update_fields=["state"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=d, verb="decision_sign",
                 before={"state": DecisionState.DRAFT},
                 after={"state": d.state, "number": document.number_label, "signed_on": document.signed_on.isoformat(),
                        "awards": len(awards)})
    return d


def _decide_proposals(actor: Actor, scope: Scope, proposals: list[Proposal], document: Document) -> None:
    events = []
    for p in proposals:
        move = check_transition(PROPOSAL, "decide", scope=scope, obj=p, state=p.state)
        before, p.state = p.state, move.target
        events.append(ProposalEvent(proposal=p, transition="decide", from_state=before, to_state=p.state,
                                    actor_label=actor.label,
                                    reason=f"Quyết định số {document.number_label} ngày {_vn_date(document.signed_on)}"))
    Proposal.objects.bulk_update(proposals, ["state"])
    ProposalEvent.objects.bulk_create(events)


# --- certificates -----------------------------------------------------------------------------------


def _signed_award_decision(d: Decision, what: str) -> None:
    if d.revokes_id:
        raise ValidationError({"decision": MSG_NOT_AWARD_DECISION.format(what=what)})
    if not d.document.is_signed:
        raise ValidationError({"decision": MSG_NOT_SIGNED.format(what=what)})


def golden_book_next(issuer: Unit, year: int, count: int) -> int:
    """Reserve `count` golden-book numbers of the issuer's year; returns the first (row locked)."""
    GoldenBookCounter.objects.bulk_create([GoldenBookCounter(issuer=issuer, year=year)], ignore_conflicts=True)
    counter = GoldenBookCounter.objects.select_for_update().get(issuer=issuer, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def certificate_rows(d: Decision, awards=None) -> list[dict]:
    doc = d.document
    awards = awards if awards is not None else d.awards.filter(revoked_by__isnull=True)
    return [{"name": a.name, "unit": a.unit_name, "achievement": a.achievement,
             "title": form_label(a.form) if certificate_form(a.form) == "danh_hieu" else "",
             "decision_number": doc.number_label, "decision_date": _vn_date(doc.signed_on),
             "golden_book": f"{a.golden_book:03d}/{a.golden_book_year}" if a.golden_book else "",
             "issuer": d.issuer.name, "place": doc.place, "date": _vn_date(doc.signed_on),
             "signer_position": doc.signer_position, "signer_name": doc.signer_name} for a in awards]


def _assign_golden_book(d: Decision, awards: list[DecisionAward]) -> None:
    missing = [a for a in awards if a.golden_book is None]
    if not missing:
        return
    year = _today().year
    first = golden_book_next(d.issuer, year, len(missing))
    for i, a in enumerate(missing):
        a.golden_book, a.golden_book_year = first + i, year
    DecisionAward.objects.bulk_update(missing, ["golden_book", "golden_book_year"])


@transaction.atomic
def decision_certificates(*, actor: Actor, scope: Scope, decision: Decision) -> list:
    """Print the decision's certificates: golden-book numbers assigned (once per award, at the first
    printing) and one `documents.certificates_start` job per certificate layout. Returns the jobs."""
    d = _locked(decision)
    require(scope, "decision.manage", d)
    _signed_award_decision(d, "in bằng")
    awards = list(d.awards.filter(revoked_by__isnull=True))
    _assign_golden_book(d, awards)
    jobs = []
    for form in dict.fromkeys(certificate_form(a.form) for a in awards):
        rows = certificate_rows(d, [a for a in awards if certificate_form(a.form) == form])
        jobs.append(certificates_start(actor=actor, scope=scope, form=form, rows=rows))
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=d, verb="decision_certificates",
                 after={"rows": len(awards), "golden_book": [a.golden_book for a in awards][:50]})
    return jobs


def decision_certificate_preview(decision: Decision) -> bytes:
    """The first certificate as a one-page PDF (golden-book number shown once printed)."""
    d = Decision.objects.select_related("issuer", "document").get(pk=decision.pk)
    _signed_award_decision(d, "in bằng")
    first = d.awards.filter(revoked_by__isnull=True).first()
    if first is None:
        raise ValidationError({"decision": MSG_NOTHING})
    return certificates_preview(certificate_form(first.form), certificate_rows(d, [first]))


# --- bonuses ----------------------------------------------------------------------------------------


def bonus_rows(decision: Decision) -> list[dict]:
    """Each award's bonus from the tables at the decision date (`fund.services.compute_bonus`)."""
    d = Decision.objects.select_related("document").get(pk=decision.pk)
    day = d.document.signed_on or _today()
    out = []
    for a in d.awards.all():
        kind = "individual" if a.person_id else "collective"
        try:
            b = fund.compute_bonus(award_code=a.form, subject_kind=kind, decision_date=day)
            amount, explained, problem = b.total, b.explanation, ""
        except ValidationError as exc:
            amount, explained, problem = None, "", " ".join(exc.messages)
        out.append({"award": a, "amount": amount, "explained": explained, "problem": problem,
                    "paid": a.payment_id is not None, "revoked": a.revoked_by_id is not None})
    return out


@transaction.atomic
def decision_pay_bonuses(*, actor: Actor, scope: Scope, decision: Decision, owner: Unit | None = None,
                         date: datetime.date | None = None, amounts: dict | None = None) -> int:
    """“Chi tiền thưởng”: each unpaid award's bonus paid from the fund of the decision's level through
    `fund.services.fund_pay_bonus` (the table's amount, the fund's balance and level checked there).
    `amounts` ({row id: đồng}) are amounts typed by hand, refused when they differ from the table.
    All or nothing; returns the total paid."""
    d = _locked(decision)
    require(scope, "decision.manage", d)
    _signed_award_decision(d, "chi tiền thưởng")
    owner = owner or d.issuer
    day = date or _today()
    amounts = amounts or {}
    doc = d.document
    todo = list(d.awards.filter(payment__isnull=True, revoked_by__isnull=True))
    if not todo:
        raise ValidationError({"decision": MSG_PAID_ALL})
    total = 0
    for a in todo:
        given = amounts.get(a.pk, amounts.get(str(a.pk)))
        if given not in (None, ""):
            try:
                given = int(str(given).replace(".", "").replace(" ", ""))
            except ValueError:
                raise ValidationError({"amount": MSG_AMOUNT.format(name=a.name)}) from None
        else:
            given = None
        try:
            entry = fund.fund_pay_bonus(
                actor=actor, scope=scope, owner=owner, year=day.year, decision_no=doc.number_label,
                decision_date=doc.signed_on, decision_issuer=d.issuer, award_code=a.form,
                subject_kind="individual" if a.person_id else "collective", subjects=[a.name],
                decision_ref=f"Quyết định số {doc.number_label}", amount=given, date=day)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "amount" in exc.error_dict:
                raise ValidationError({"amount": f"{a.name}: " + " ".join(exc.error_dict["amount"][0].messages)}) \
                    from None
            raise
        a.payment, a.bonus = entry, entry.amount
        total += entry.amount
    DecisionAward.objects.bulk_update(todo, ["payment", "bonus"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=d, verb="decision_pay_bonuses",
                 after={"owner": owner.name, "rows": len(todo), "total": total})
    return total


# --- revocation -------------------------------------------------------------------------------------


def dependants_of(awards: list[DecisionAward]) -> list[dict]:
    """Awards of the same subjects, of the same or a later year, whose conditions rested on a revoked
    one (a CSTĐCS on an LĐTT, a Bằng khen on a Giấy khen…): listed for review, never deleted
    (`param.revoke_cascade = "warn"`, commendation-rules.md §3.2)."""
    out, seen = [], set()
    for a in awards:
        later = DEPENDANTS.get(a.form, set())
        if not later:
            continue
        subject = Q(person_id=a.person_id) if a.person_id else Q(unit_id=a.collective_id)
        for aw in Award.objects.filter(subject, year__gte=a.year, code__in=later, revoked_on__isnull=True) \
                .exclude(pk=a.award_id).order_by("year", "code"):
            if aw.pk in seen:
                continue
            seen.add(aw.pk)
            out.append({"award": aw.pk, "name": a.name, "form": form_label(aw.code), "year": aw.year,
                        "decision": f"{aw.decision_no} ngày {_vn_date(aw.decision_date)}".strip()
                        if aw.decision_no else "", "because": f"{form_label(a.form)} năm {a.year} đã bị hủy bỏ"})
    return out


@transaction.atomic
def decision_revoke(*, actor: Actor, scope: Scope, decision: Decision, grounds_code: str, grounds: str,
                    signer, rows=None, signed_on: datetime.date | None = None, date: datetime.date | None = None
                    ) -> Decision:
    """Revocation (commendation-rules.md §3.2): a new decision citing the old one and its grounds, signed
    and numbered through `documents`; the awards (all, or `rows`) marked revoked in the yearly history
    (`records.services.award_revoke`), their bonus claimed back (`fund.services.fund_clawback`), and the
    awards that rested on them flagged on the revocation."""
    d = _locked(decision)
    require(scope, "decision.manage", d)
    grounds = clean_text(grounds or "", "grounds", 2000).strip()
    if not grounds_code or not grounds:
        raise ValidationError({"grounds": MSG_GROUNDS_REQUIRED})
    if grounds_code not in REVOKE_GROUNDS:
        raise ValidationError({"grounds_code": MSG_GROUNDS_CODE})
    _signed_award_decision(d, "hủy bỏ khen thưởng")
    live = {a.pk: a for a in d.awards.filter(revoked_by__isnull=True).select_related("payment__fund_year")}
    try:
        wanted = list(live) if not rows else [int(r) for r in rows]
    except (TypeError, ValueError):
        raise ValidationError({"rows": MSG_REVOKE_ROWS}) from None
    if not wanted or any(r not in live for r in wanted):
        raise ValidationError({"rows": MSG_REVOKE_ROWS})
    targets = [live[r] for r in wanted]
    old = d.document
    names = ", ".join(a.name for a in targets[:5]) + (f" và {len(targets) - 5} trường hợp khác" if len(targets) > 5
                                                      else "")
    data = {
        "authority": f"THỦ TRƯỞNG {d.issuer.name.upper()}",
        "citations": [f"Căn cứ chức năng, nhiệm vụ, quyền hạn của {d.issuer.name};", *CITATIONS_LAW,
                      f"Căn cứ {REVOKE_SOURCE};",
                      f"Xét {REVOKE_GROUNDS[grounds_code].lower()}: {grounds},"],
        "articles": [
            f"Điều 1. Hủy bỏ Quyết định số {old.number_label} ngày {_vn_date(old.signed_on)} của {d.issuer.name} "
            f"đối với {names} (danh sách kèm theo); thu hồi hiện vật và tiền thưởng đã nhận.",
            f"Điều 2. Quỹ thi đua, khen thưởng của {d.issuer.name} thu hồi số tiền thưởng đã chi.",
            "Điều 3. Thủ trưởng các đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách "
            "nhiệm thi hành Quyết định này.",
        ],
        "annex": {"title": "DANH SÁCH HỦY BỎ KHEN THƯỞNG", "subtitle": "",
                  "columns": ["STT", "Họ và tên, tên tập thể", "Đơn vị", "Danh hiệu, hình thức", "Lý do"],
                  "rows": [[str(i), a.name, a.unit_name, form_label(a.form), REVOKE_GROUNDS[grounds_code]]
                           for i, a in enumerate(targets, 1)]},
    }
    document = docs.document_draft(
        actor=actor, scope=scope, kind="decision", issuer=d.issuer, data=data,
        summary=f"Về việc hủy bỏ Quyết định khen thưởng số {old.number_label}",
        recipients=["Như Điều 3;", "Lưu: VT, TĐKT."], signer_position=f"Thủ trưởng {d.issuer.name}",
        managed_by=MANAGED_BY)
    revocation = Decision.objects.create(round=d.round, issuer=d.issuer, forms=d.forms, document=document,
                                         revokes=d, grounds_code=grounds_code, grounds=grounds, created_by=actor.label)
    _managed_url(revocation)
    document = docs.document_sign(actor=actor, scope=scope, document=document, signer_user=signer, signed_on=signed_on,
                                  by_workflow=True)
    revocation.document = document
    label = f"Quyết định số {document.number_label} ngày {_vn_date(document.signed_on)}"
    for a in targets:
        if a.award_id:
            history.award_revoke(actor=actor, scope=scope, award=a.award, revoked_by=label,
                                 revoked_on=document.signed_on)
        if a.payment_id:
            payment = FundEntry.objects.select_related("fund_year__owner").get(pk=a.payment_id)
            day = date or _today()
            fund.fund_clawback(actor=actor, scope=scope, owner=payment.fund_year.owner, year=day.year, date=day,
                               payment=payment, reason=f"Thu hồi tiền thưởng theo {label}: {grounds}",
                               decision_no=document.number_label, decision_date=document.signed_on)
        a.revoked_by = revocation
    DecisionAward.objects.bulk_update(targets, ["revoked_by"])
    revocation.state = DecisionState.SIGNED
    revocation.flagged = dependants_of(targets)
    revocation.save(update_fields=["state", "flagged"])
    if not d.awards.filter(revoked_by__isnull=True).exists():
        d.state = DecisionState.REVOKED
        d.save(update_fields=["state"])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=d, verb="decision_revoke", reason=grounds,
                 after={"by": document.number_label, "grounds": REVOKE_GROUNDS[grounds_code], "rows": len(targets),
                        "flagged": len(revocation.flagged)})
    return revocation


# --- reads ------------------------------------------------------------------------------------------


def decisions_of_session(session: Session):
    return Decision.objects.filter(session=session).select_related("document").order_by("pk")


def decision_summary(d: Decision) -> dict:
    awards = list(d.awards.all())
    paid = sum(a.bonus or 0 for a in awards if a.payment_id)
    return {"rows": len(awards), "revoked": sum(1 for a in awards if a.revoked_by_id), "paid": paid,
            "paid_text": vn_number(paid) + " đ"}




# --- the session's papers ---------------------------------------------------------------------------

MSG_PAPER_KIND = "Chọn Biên bản kiểm phiếu hoặc Biên bản họp."
MSG_PAPER_EXISTS = "Phiên họp đã có {title} (đã ký, cấp số): không soạn lại."
RESULT_WORDS = {"passed": "Đạt", "failed": "Không đạt", "over_cap": "Đạt tỷ lệ, vượt chỉ tiêu",
                "tie": "Bằng phiếu, Hội đồng quyết định"}
ATTENDANCE_WORDS = {"present": "có mặt", "absent": "vắng mặt", "written": "vắng mặt, có ý kiến bằng văn bản"}


def session_paper_data(result: dict, kind: str) -> tuple[str, dict]:
    """The summary and plain data of the vote-count minutes (`vote_count`) or the meeting minutes
    (`minutes`), from the session's tally only: never a choice per voter (there is none to read)."""
    day = _vn_date(result["meets_on"])
    table = {"columns": ["STT", "Họ và tên, tên tập thể", "Danh hiệu, hình thức", "Đồng ý", "Không đồng ý",
                         "Không biểu quyết", "Số phiếu cần đạt", "Kết quả"],
             "rows": [[str(i), r["name"], r["form_label"], str(r["agree"]), str(r["reject"]),
                       str(r["blank"]), str(r["required"]), RESULT_WORDS.get(r["result"], "")]
                      for i, r in enumerate(result["nominees"], 1)]}
    head = [f"Hôm nay, ngày {day}, {result['council']} họp xét khen thưởng đợt “{result['round']}” (năm thành tích "
            f"{result['year']}).",
            f"Tổng số thành viên Hội đồng: {result['members_total']}; có mặt: {result['present']}; "
            f"vắng mặt có ý kiến bằng văn bản: {result['written']}; số thành viên cần có mặt: {result['quorum_need']}."]
    if kind == "vote_count":
        paragraphs = [*head,
                      "Ban kiểm phiếu tiến hành kiểm phiếu bầu kín (Luật Thi đua, khen thưởng 2022; tỷ lệ tính trên "
                      "tổng số thành viên Hội đồng).",
                      f"Số phiếu phát ra: {result['present'] + result['written']}; số phiếu thu về: {result['ballots']}.",
                      "Kết quả kiểm phiếu của từng trường hợp theo danh sách kèm theo."]
        if result["close_reason"]:
            paragraphs.append(f"Ghi chú khi kết thúc bỏ phiếu: {result['close_reason']}")
        return f"Kiểm phiếu xét khen thưởng ngày {day}", {
            "paragraphs": paragraphs, "annex": {"title": "KẾT QUẢ KIỂM PHIẾU", "subtitle": "", **table}}
    members = [f"{m['name']} – {m['role']} ({ATTENDANCE_WORDS.get(m['attendance'], '')})" for m in result["members"]]
    passed = [f"{r['name']} – {r['form_label']}" for r in result["passed"]]
    paragraphs = [*head, "Thành phần:", *members,
                  f"Nội dung: xét {len(result['nominees'])} hồ sơ đề nghị khen thưởng; biểu quyết bằng phiếu kín.",
                  f"Kết quả: {len(passed)} trường hợp đạt số phiếu theo quy định"
                  + (": " + "; ".join(passed[:200]) + "." if passed else "."),
                  "Hội đồng thống nhất trình cấp có thẩm quyền quyết định khen thưởng các trường hợp đạt."]
    return f"Họp xét khen thưởng ngày {day}", {"paragraphs": paragraphs,
                                                "annex": {"title": "KẾT QUẢ BIỂU QUYẾT", "subtitle": "", **table}}


@transaction.atomic
def session_paper_draft(*, actor: Actor, scope: Scope, session: Session, kind: str) -> Document:
    """Draft (or redraft while unsigned) the session's vote-count minutes or meeting minutes."""
    s = Session.objects.select_for_update().select_related("council__unit", "round").get(pk=session.pk)
    require(scope, "session.manage", s)
    if kind not in ("vote_count", "minutes"):
        raise ValidationError({"kind": MSG_PAPER_KIND})
    if s.state != "closed":
        raise ValidationError({"session": MSG_SESSION_OPEN})
    field = "vote_count_document" if kind == "vote_count" else "minutes_document"
    current = getattr(s, field)
    summary, data = session_paper_data(session_result(s), kind)
    if current is not None and current.is_signed:
        raise ValidationError({"kind": MSG_PAPER_EXISTS.format(title=current.title.lower())})
    if current is not None:
        document = docs.document_update(actor=actor, scope=scope, document=current, summary=summary, data=data)
    else:
        document = docs.document_draft(actor=actor, scope=scope, kind=kind, issuer=s.council.unit, summary=summary,
                                       data=data, series="HĐTĐKT", signer_position="Chủ tịch Hội đồng")
        setattr(s, field, document)
        s.save(update_fields=[field])
    audit_record(actor=actor, action=AuditEvent.UPDATE, obj=s.council, verb=f"session_{kind}_draft",
                 after={"session": s.pk, "document": document.pk})
    return document
