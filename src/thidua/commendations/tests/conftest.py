"""Personas and data of the commendation pipeline, built through the services.

Round at VA (a department: its head confers LĐTT, CSTĐCS) opened by VA's emulation officer; the
officer of division PA1 proposes. Council of VA: chair, vice-chair, three members and a secretary
(not voting). BK_BO passed by VA's council is forwarded to the ministry."""
import datetime

import pytest

from thidua.commendations import council as cs
from thidua.commendations import services as svc
from thidua.conftest import _user
from thidua.people import services as ppl
from thidua.records import services as history
from thidua.records.models import Discipline, Initiative, YearRecord

D = datetime.date
TODAY = datetime.date.today()


@pytest.fixture
def staff(org, people, system_actor, root_scope):
    """Three more people in PA1 (under VA): Hà and Minh good in 2024–2025, Minh with an initiative;
    Tùng good in 2025 but under review for discipline (frozen). Plus Lan in VB (complete, reprimand)."""
    a, s = system_actor, root_scope
    out = {}
    for i, (name, grades) in enumerate([("Phạm Thu Hà", ("good", "good")), ("Lê Văn Minh", ("excellent", "excellent")),
                                        ("Đỗ Thanh Tùng", ("good", "good"))]):
        p = ppl.person_create(actor=a, scope=s, citizen_id=f"00109000010{i}", full_name=name, unit=org["PA1"],
                              staff_type="civil_servant", start=D(2015, 1, 1), position="Chuyên viên")
        for y, g in zip((2024, 2025), grades, strict=True):
            history.history_add(actor=a, scope=s, model=YearRecord, subject=p, year=y, grade=g, months_worked=12)
        out[name.split()[-1].lower()] = p
    history.history_add(actor=a, scope=s, model=Initiative, subject=out["minh"], year=2025, title="Số hóa hồ sơ",
                        level="unit")
    history.history_add(actor=a, scope=s, model=Discipline, subject=out["tùng"], year=2025, form="under_review")
    return out


@pytest.fixture
def actors(personas, org):
    extra = {
        "officer_bo": _user("officer_bo", "emulation_officer", unit=org["BO"]),
        "officer_pa1": _user("officer_pa1", "emulation_officer", unit=org["PA1"]),
        **{f"m{i}": _user(f"m{i}", "council_member", unit=org["VA"]) for i in range(1, 6)},
        "secretary": _user("thuky", "council_member", unit=org["VA"]),
    }
    return {**personas, **extra}


@pytest.fixture
def ctx(actors, actor_of, scope_of):
    """(actor, scope) of a persona by name."""
    return lambda name: {"actor": actor_of(actors[name]), "scope": scope_of(actors[name])}


@pytest.fixture
def rnd(org, ctx):
    r = svc.round_create(**ctx("officer_a"), unit=org["VA"], name="Tổng kết năm 2025", kind="year_end", year=2025,
                         forms=["LDTT", "CSTDCS", "BK_BO", "CSTD_BO", "HCLD3"],
                         deadline=TODAY + datetime.timedelta(days=10))
    return svc.round_transition(**ctx("officer_a"), round=r, transition="publish")


@pytest.fixture
def council(org, ctx, actors):
    c = cs.council_create(**ctx("officer_a"), unit=org["VA"], name="Hội đồng Thi đua – Khen thưởng Vụ")
    roles = ["chair", "vice_chair", "member", "member", "member"]
    members = [cs.council_member_add(**ctx("officer_a"), council=c, user=actors[f"m{i + 1}"], role=role,
                                     full_name=f"Thành viên {i + 1}") for i, role in enumerate(roles)]
    sec = cs.council_member_add(**ctx("officer_a"), council=c, user=actors["secretary"], role="secretary",
                                full_name="Thư ký")
    return {"council": c, "members": members, "secretary": sec}


@pytest.fixture
def propose(rnd, org, ctx):
    """PA1's officer proposes a person (or PA1 as a collective) for a form in the round."""
    def make(form, person=None, collective=None, who="officer_pa1", **kw):
        return svc.proposal_create(**ctx(who), round=rnd, proposing_unit=org["PA1"], form=form, person=person,
                                   collective=collective, **kw)
    return make


@pytest.fixture
def agenda(propose, staff, ctx, council, rnd):
    """Minh (LĐTT, CSTĐCS) and Hà (LĐTT) received, appraised and on the agenda of a session."""
    props = [propose("LDTT", staff["minh"]), propose("CSTDCS", staff["minh"]), propose("LDTT", staff["hà"])]
    for p in props:
        for t in ("receive", "appraise"):
            svc.proposal_transition(**ctx("officer_a"), proposal=p, transition=t)
    session = cs.session_create(**ctx("officer_a"), council=council["council"], round=rnd, meets_on=TODAY)
    cs.session_agenda_add(**ctx("officer_a"), session=session, proposals=props)
    return {"session": session, "proposals": props}


@pytest.fixture
def token_for(actor_of):
    from thidua.accounts.services import api_token_create

    return lambda user: api_token_create(actor=actor_of(user), name="kiểm thử")[1]


@pytest.fixture
def passed(agenda, council, ctx):
    """Minh's LĐTT and CSTĐCS passed (4 of 5 agree), Hà's LĐTT failed (2 of 5)."""
    s = agenda["session"]
    cs.session_attendance_set(**ctx("officer_a"), session=s, present=[m.pk for m in council["members"][:4]])
    cs.session_transition(**ctx("officer_a"), session=s, transition="open_vote")
    minh_ldtt, minh_cstd, ha = (p.pk for p in agenda["proposals"])
    for i in range(1, 5):
        cs.ballot_cast(**ctx(f"m{i}"), session=s, choices={str(minh_ldtt): "agree", str(minh_cstd): "agree",
                                                          str(ha): "agree" if i < 3 else "reject"})
    cs.session_transition(**ctx("officer_a"), session=s, transition="close_vote")
    return {"session": s, "minh_ldtt": minh_ldtt, "minh_cstd": minh_cstd, "ha": ha}
