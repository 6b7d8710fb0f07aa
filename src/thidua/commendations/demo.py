"""Demo rows of the commendation pipeline, added when `thidua demo` loads (synth.demo.demo_built) and
removed before it resets (demo_resetting): a year-end round of Thanh tra Chính phủ (its LĐTT and
CSTĐCS of 2025 are already recorded in the demo history, so the round is for the ministry's forms) with
everyone eligible for Bằng khen and CSTĐ cấp bộ proposed, received and appraised, and its council (the
`hoidong` login chairs it) in session with the vote open, so `hoidong` can vote from a phone."""
import datetime

from django.contrib.auth.models import User
from django.db import transaction

from thidua.accounts import services as account_services
from thidua.commendations import council as cs
from thidua.commendations import services as svc
from thidua.commendations.models import Council, Posting, Proposal, Round, Session
from thidua.common.context import Actor
from thidua.common.scope import Scope

ACTOR = Actor(user=None, request_id="demo")
SCOPE = Scope.system()
LEVEL = "TTCP"
YEAR = 2025
MEMBERS = [("hoidong", "Chủ tịch Hội đồng", "chair"), ("hoidong2", "Phó Chủ tịch Hội đồng", "vice_chair"),
           ("hoidong3", "Ủy viên", "member"), ("hoidong4", "Ủy viên", "member"), ("hoidong5", "Ủy viên", "member"),
           ("thuky", "Thư ký", "secretary")]
NAMES = {"hoidong": "Nguyễn Văn Hội", "hoidong2": "Trần Minh Đồng", "hoidong3": "Lê Thị Thanh",
         "hoidong4": "Phạm Quốc Hùng", "hoidong5": "Vũ Thị Mai", "thuky": "Đặng Thu Hằng"}
PASSWORD = "thidua2026"
W = {"actor": ACTOR, "scope": SCOPE}


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = account_services.user_create(**W, username=username, password=PASSWORD,
                                            full_name=NAMES[username], role="council_member", unit_code="TTCP")
    return user


@transaction.atomic
def seed(sender=None, units=None, **kwargs) -> None:
    level = units[LEVEL]
    today = datetime.date.today()
    rnd = svc.round_create(**W, unit=level, name=f"Bình xét thi đua, khen thưởng năm {YEAR}", kind="year_end",
                           year=YEAR, forms=["BK_BO", "CSTD_BO", "BK_TTG"], deadline=today + datetime.timedelta(days=20),
                           council_date=today)
    rnd = svc.round_transition(**W, round=rnd, transition="publish")
    svc.proposal_bulk_create(**W, round=rnd, proposing_unit=level, forms=["CSTD_BO", "BK_BO", "BK_TTG"])
    proposals = list(Proposal.objects.filter(round=rnd).order_by("pk"))
    for p in proposals[:12]:
        for move in ("receive", "appraise"):
            svc.proposal_transition(**W, proposal=p, transition=move)
    council = cs.council_create(**W, unit=level, name="Hội đồng Thi đua – Khen thưởng Thanh tra Chính phủ", term="2021–2026")
    members = [cs.council_member_add(**W, council=council, user=_user(u), role=role, full_name=NAMES[u])
               for u, _label, role in MEMBERS]
    session = cs.session_create(**W, council=council, round=rnd, meets_on=today)
    cs.session_attendance_set(**W, session=session, present=[m.pk for m in members if m.votes])
    appraised = [p for p in proposals[:12] if p.state != "withdrawn"]
    if appraised:
        cs.session_agenda_add(**W, session=session, proposals=Proposal.objects.filter(pk__in=[p.pk for p in appraised]))
        cs.session_transition(**W, session=session, transition="open_vote")


@transaction.atomic
def remove(sender=None, unit_codes=(), **kwargs) -> None:
    rounds = Round.objects.filter(unit__code__in=unit_codes)
    Session.objects.filter(round__in=rounds).delete()
    Council.objects.filter(unit__code__in=unit_codes).delete()
    Proposal.objects.filter(round__in=rounds).delete()
    Posting.objects.filter(round__in=rounds).delete()
    rounds.delete()
