"""Load the demo data set through the services (audited as the system actor)."""
import datetime
import hashlib
from random import Random

from django.contrib.auth.models import User
from django.db import transaction

from thidua.accounts import services as acc_svc
from thidua.accounts.models import Role, RoleAssignment
from thidua.common.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.context import Actor
from thidua.organizations import services as org_svc
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterOffice,
    PartyOrg,
    Unit,
    UnitSuccession,
)
from thidua.people import restructure
from thidua.people import services as ppl
from thidua.people.models import Leave, PartyMembership, Person, Posting
from thidua.records import services as rec
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.synth import demo_data as dd
from thidua.synth.history import YearFacts, collective_titles, person_history, unit_grade

D = datetime.date
ACTOR = Actor(user=None, request_id="demo")
SCOPE = Scope(is_admin=True)
PASSWORD = "thidua2026"
MARKER_UNIT = "TTCP"
DEFAULT_PEOPLE = 220

# username, role, target kind, target code, description, linked person key
LOGINS = [
    ("admin", Role.ADMIN, None, None, "toàn hệ thống (superuser)", None),
    ("thiduabo", Role.EMULATION_OFFICER, "unit", "BTP", "Bộ Tư pháp", None),
    ("tochuc", Role.PERSONNEL_OFFICER, "unit", "TTCP", "Thanh tra Chính phủ", None),
    ("capuy", Role.PARTY_OFFICER, "party_org", "DU-TTCP", "Đảng bộ Thanh tra Chính phủ", None),
    ("hoidong", Role.COUNCIL_MEMBER, "unit", "TTCP", "Hội đồng TĐKT Thanh tra Chính phủ", None),
    ("khoitruong", Role.CLUSTER_HEAD, "cluster", "KTD-II", "Khối thi đua số II", None),
    ("lanhdao", Role.LEADER, "unit", "DTP", "Tỉnh Đồng Tháp", None),
    ("canbo", Role.STAFF, None, None, "hồ sơ của chính mình (Phạm Thu Hà, Vụ Pháp chế TTCP)", "pham_thu_ha"),
]


def demo_loaded() -> bool:
    return Unit.objects.filter(code=MARKER_UNIT).exists()


def logins_table() -> str:
    rows = [("Tài khoản", "Vai trò", "Phạm vi", "Mật khẩu")]
    rows += [(u, Role(r).label, desc, PASSWORD) for u, r, _k, _c, desc, _p in LOGINS]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join([out[0], line, *out[1:]])


class DemoLoader:
    def __init__(self, *, people: int = DEFAULT_PEOPLE, log=lambda s: None):
        self.target_people = people
        self.log = log
        self.units: dict[str, Unit] = {}
        self.party: dict[str, PartyOrg] = {}
        self.persons: dict[str, Person] = {}
        self.history: dict[int, tuple[Person, str, list[YearFacts]]] = {}  # person pk -> (person, unit code, facts)
        self.cccd_seen: set[str] = set()

    # --- organisation ---------------------------------------------------------------
    def build_units(self) -> None:
        for code, name, kind, parent, short, legal in dd.UNITS:
            self.units[code] = org_svc.unit_create(
                actor=ACTOR, scope=SCOPE, code=code, name=name, kind=kind, short_name=short,
                parent=self.units[parent] if parent else None, has_legal_personality=legal,
                valid_from=D(2010, 1, 1))
        for code, name, kind, parent, unit in dd.PARTY_ORGS:
            self.party[code] = org_svc.party_org_create(
                actor=ACTOR, scope=SCOPE, code=code, name=name, kind=kind,
                parent=self.party[parent] if parent else None, unit=self.units[unit] if unit else None)

    def build_clusters(self) -> None:
        code, name, level, organizer = dd.KHOI_BAN_DANG
        k1 = org_svc.cluster_create(actor=ACTOR, scope=SCOPE, code=code, name=name, level=level,
                                    description="Thành viên và khối trưởng 2017–2018 theo bài báo ngày 30/3/2018; "
                                                "các năm sau là ví dụ minh họa.")
        members = [self.units[c] for c in dd.KHOI_BAN_DANG_MEMBERS]
        for year, (head, deps) in dd.KHOI_BAN_DANG_OFFICES.items():
            org_svc.cluster_set_year(actor=ACTOR, scope=SCOPE, cluster=k1, year=year, members=members,
                                     head=self.units[head], deputies=[self.units[d] for d in deps])
        code, name, level, organizer = dd.KHOI_II
        k2 = org_svc.cluster_create(actor=ACTOR, scope=SCOPE, code=code, name=name, level=level,
                                    organizer=self.units[organizer],
                                    description="Thanh tra các bộ, ngành (bài báo ngày 22/6/2017).")
        members = [self.units[c] for c in dd.KHOI_II_MEMBERS]
        for i, year in enumerate(dd.YEARS):
            head, deps = dd.KHOI_II_OFFICES.get(year) or (
                dd.KHOI_II_MEMBERS[i % 7], [dd.KHOI_II_MEMBERS[(i + 1) % 7]])
            org_svc.cluster_set_year(actor=ACTOR, scope=SCOPE, cluster=k2, year=year, members=members,
                                     head=self.units[head], deputies=[self.units[d] for d in deps])

    # --- people -------------------------------------------------------------------------
    def _cccd(self, rng: Random, root: str, gender: str, birth_year: int) -> str:
        century = 0 if birth_year < 2000 else 2
        prefix = f"{dd.PROVINCE_CCCD.get(root, '001')}{century + (gender == 'female')}{birth_year % 100:02d}"
        while True:
            value = prefix + f"{rng.randrange(10**6):06d}"
            if value not in self.cccd_seen:
                self.cccd_seen.add(value)
                return value

    def _name(self, rng: Random, gender: str) -> str:
        middle = dd.MIDDLE_F if gender == "female" else dd.MIDDLE_M
        given = dd.GIVEN_F if gender == "female" else dd.GIVEN_M
        return f"{rng.choice(dd.SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"

    def _party_org_for(self, unit_code: str) -> PartyOrg | None:
        code = unit_code
        while code:
            for pcode, _n, _k, _p, ucode in dd.PARTY_ORGS:
                if ucode == code:
                    return self.party[pcode]
            parent = next((u[3] for u in dd.UNITS if u[0] == code), None)
            code = parent
        return None

    def _root(self, unit_code: str) -> str:
        code = unit_code
        while True:
            parent = next(u[3] for u in dd.UNITS if u[0] == code)
            if parent is None:
                return code
            code = parent

    def _staff_type(self, rng: Random, unit_code: str) -> str:
        kind = next(u[2] for u in dd.UNITS if u[0] == unit_code)
        if unit_code in ("BQP-TT", "BCA-TT"):
            return "armed_forces"
        if kind == "public_service_unit":
            return "public_employee" if rng.random() < 0.85 else "worker"
        if kind == "commune":
            return "cadre" if rng.random() < 0.4 else "civil_servant"
        return "civil_servant" if rng.random() < 0.92 else "worker"

    def _create_person(self, rng: Random, *, key: str, name: str, gender: str, birth_year: int, unit_code: str,
                       position: str, staff_type: str, leader: bool, party_code: str | None,
                       profile: str) -> Person:
        start_year = min(2022, max(birth_year + 23, 2005 + rng.randrange(0, 18)))
        if profile.startswith("story") or key in ("huynh_thanh_tam", "nguyen_thi_kim_loan"):
            start_year = 2012
        start = D(start_year, rng.choice([1, 3, 4, 7, 9, 10]), 1)
        person = ppl.person_create(
            actor=ACTOR, scope=SCOPE, citizen_id=self._cccd(rng, self._root(unit_code), gender, birth_year),
            full_name=name, unit=self.units[unit_code], staff_type=staff_type, start=start, position=position,
            is_leader=leader, birth_date=D(birth_year, rng.randint(1, 12), rng.randint(1, 28)), gender=gender,
            recruited_on=start)
        if party_code:
            ppl.party_membership_open(actor=ACTOR, scope=SCOPE, person=person, party_org=self.party[party_code],
                                      start=D(max(start_year - rng.randrange(0, 6), birth_year + 20), 5, 19),
                                      card_no=f"{9300 + len(self.persons):04d}{rng.randrange(10**4):04d}")
        self.persons[key] = person
        years = [y for y in dd.YEARS if y >= start.year]
        first_months = 13 - start.month if start.year >= dd.YEARS[0] else 12
        facts = person_history(rng, years=years, profile=profile if profile in ("star", "solid") else "average",
                               party=bool(party_code), first_months=first_months,
                               forced=STORY_FACTS.get(profile))
        self.history[person.pk] = (person, unit_code, facts)
        return person

    def build_people(self) -> None:
        rng = Random(2026)
        for key, name, gender, by, unit, pos, st, leader, party, profile in dd.NAMED + dd.STORIES:
            self._create_person(rng, key=key, name=name, gender=gender, birth_year=by, unit_code=unit, position=pos,
                                staff_type=st, leader=leader, party_code=party, profile=profile)
        fixed = len(dd.NAMED) + len(dd.STORIES)
        scale = max(self.target_people - fixed, 0) / sum(dd.HEADCOUNT.values())
        n = 0
        for unit_code, count in dd.HEADCOUNT.items():
            kind = next(u[2] for u in dd.UNITS if u[0] == unit_code)
            for i in range(max(1, round(count * scale))):
                gender = "female" if rng.random() < 0.45 else "male"
                leader = i == 0
                position = dd.POSITIONS_LEADER.get(kind, "Trưởng phòng") if leader else rng.choice(dd.POSITIONS_STAFF)
                org = self._party_org_for(unit_code)
                party = org.code if org and rng.random() < (0.9 if leader else 0.4) else None
                self._create_person(rng, key=f"p{n}", name=self._name(rng, gender), gender=gender,
                                    birth_year=rng.randint(1965, 1998), unit_code=unit_code, position=position,
                                    staff_type=self._staff_type(rng, unit_code), leader=leader, party_code=party,
                                    profile=_profile(rng))
                n += 1
        self.log(f"  {len(self.persons)} cá nhân")

    # --- history --------------------------------------------------------------------------
    def _decision(self, unit_code: str, code: str, year: int) -> dict:
        root = self._root(unit_code)
        abbr, who = dd.AUTHORITY.get(root, (root, f"Thủ trưởng {self.units[root].name}"))
        n = int(hashlib.md5(f"{root}{code}{year}".encode()).hexdigest()[:4], 16) % 900 + 10
        if code == "BK_TTG":
            return {"decision_no": f"{n}/QĐ-TTg", "decision_date": D(year + 1, 6, 12), "authority": "Thủ tướng Chính phủ"}
        month = {"LDTT": 1, "CSTT": 1, "CSTDCS": 1, "GK": 1}.get(code, 3)
        if code in ("LDTT", "CSTT", "GK") and self.units[unit_code].has_legal_personality and unit_code != root:
            who = f"Thủ trưởng {self.units[unit_code].name}"
        return {"decision_no": f"{n}/QĐ-{abbr}", "decision_date": D(year + 1, month, 15), "authority": who}

    def build_person_history(self) -> None:
        for person, unit_code, facts in self.history.values():
            armed = person.staff_type == "armed_forces"
            for i, f in enumerate(facts):
                self._person_year(person, unit_code, f, armed, i)
        self.log("  lịch sử xếp loại, danh hiệu")

    def _person_year(self, person: Person, unit_code: str, f: YearFacts, armed: bool, i: int) -> None:
        add = rec.history_add
        add(actor=ACTOR, scope=SCOPE, model=YearRecord, subject=person, source="import", year=f.year,
            track="government", grade=f.grade, months_worked=f.months, note=f.note)
        if f.party_grade:
            add(actor=ACTOR, scope=SCOPE, model=YearRecord, subject=person, source="import", year=f.year,
                track="party", grade=f.party_grade)
        for j, level in enumerate(f.initiatives):
            topic = dd.INITIATIVE_TOPICS[(person.pk * 7 + f.year + j) % len(dd.INITIATIVE_TOPICS)]
            add(actor=ACTOR, scope=SCOPE, model=Initiative, subject=person, source="import", year=f.year,
                title=f"{topic} ({self.units[unit_code].short_name or self.units[unit_code].name}, {f.year})",
                level=level, recognized_on=D(f.year, 11, 20),
                decision_no=f"{(person.pk * 13 + f.year) % 500 + 1}/QĐ-HĐSK")
        for code in f.titles:
            code = "CSTT" if armed and code == "LDTT" else code
            add(actor=ACTOR, scope=SCOPE, model=Award, subject=person, source="import", year=f.year, code=code,
                kind="regular", **self._decision(unit_code, code, f.year))
        if f.discipline:
            extra = {} if f.discipline == "under_review" else {
                "decided_on": D(f.year, 9, 15), "served_from": D(f.year, 9, 15), "served_to": D(f.year + 1, 3, 14),
                "decision_no": f"{person.pk % 90 + 10}/QĐ-KL"}
            add(actor=ACTOR, scope=SCOPE, model=Discipline, subject=person, source="import", year=f.year,
                form=f.discipline, track="government", **extra)

    def build_leave(self) -> None:
        p = self.persons["vo_ngoc_tram"]
        ppl.leave_add(actor=ACTOR, scope=SCOPE, person=p, kind="maternity", start=D(2023, 3, 1), end=D(2023, 8, 31),
                      note="Nghỉ thai sản 6 tháng (tính là thời gian công tác)")
        for key in list(self.persons)[40:44]:
            ppl.leave_add(actor=ACTOR, scope=SCOPE, person=self.persons[key], kind="sick", start=D(2022, 10, 3),
                          end=D(2022, 10, 14))

    def build_collectives(self) -> None:
        """Collective grades, titles and stats per unit and year, derived from its people's history."""
        rng = Random(17)
        stats: dict[tuple[str, int], list[int]] = {}
        for _person, unit_code, facts in self.history.values():
            for f in facts:
                s = stats.setdefault((unit_code, f.year), [0, 0, 0, 0, 0])
                s[0] += 1
                s[1] += f.grade in ("excellent", "good", "complete")
                s[2] += "LDTT" in f.titles
                s[3] += "CSTDCS" in f.titles
                s[4] += f.discipline in ("warning", "demotion", "dismissal_from_post")
        ranks = self._cluster_ranks(rng)
        for (unit_code, year), (total, completed, ldtt, cstdcs, disc) in sorted(stats.items()):
            unit = self.units[unit_code]
            if unit.parent_id is None or (unit_code in dd.MERGED_COMMUNES and year >= 2025):
                continue
            grade = unit_grade(rng)
            rec.history_add(actor=ACTOR, scope=SCOPE, model=YearRecord, subject=unit, source="import", year=year,
                            track="government", grade=grade)
            for code in collective_titles(rng, total=total, ldtt=ldtt, cstdcs=cstdcs, disciplined=disc, grade=grade):
                rec.history_add(actor=ACTOR, scope=SCOPE, model=Award, subject=unit, source="import", year=year,
                                code=code, kind="regular", **self._decision(unit_code, code, year))
            rank, size = ranks.get((unit_code, year), (None, None))
            rec.collective_stats_set(actor=ACTOR, scope=SCOPE, unit=unit, year=year, total=total, completed=completed,
                                     ldtt=ldtt, cstdcs=cstdcs, disciplined=disc, cluster_rank=rank, cluster_size=size,
                                     source="import")
        self.log("  lịch sử tập thể, xếp hạng trong khối")

    def _cluster_ranks(self, rng: Random) -> dict:
        out = {}
        for members, years in ((dd.KHOI_BAN_DANG_MEMBERS, dd.KHOI_BAN_DANG_OFFICES), (dd.KHOI_II_MEMBERS, dd.YEARS)):
            for year in years:
                order = sorted(members, key=lambda c: rng.random())
                for i, code in enumerate(order, start=1):
                    out[(code, year)] = (i, len(members))
        return out

    # --- 2025 reorganisation --------------------------------------------------------------
    def reorganise_2025(self) -> None:
        u = self.units
        district_staff = list(Person.objects.filter(unit=u[dd.DISTRICT]))
        ward = restructure.unit_merge(actor=ACTOR, scope=SCOPE, units=[u[c] for c in dd.MERGED_COMMUNES],
                                  date=dd.MERGE_DATE, new_code=dd.NEW_WARD[0], new_name=dd.NEW_WARD[1],
                                  new_kind="commune", decision_no=dd.MERGE_DECISION)
        restructure.unit_move(actor=ACTOR, scope=SCOPE, unit=ward, new_parent=u["DTP"],
                          reason="Không tổ chức cấp huyện từ 01/7/2025")
        u[dd.NEW_WARD[0]] = ward
        pcode, pname, pkind, pparent = dd.NEW_WARD_PARTY
        self.party[pcode] = org_svc.party_org_create(actor=ACTOR, scope=SCOPE, code=pcode, name=pname, kind=pkind,
                                                     parent=self.party[pparent], unit=ward)
        old_orgs = [self.party[c] for c in ("DB-DTP-CL-P1", "DB-DTP-CL-P3", "DB-DTP-CL-P4", "DB-DTP-CL-MT")]
        for org in old_orgs:
            restructure.party_org_close(actor=ACTOR, scope=SCOPE, org=org, date=dd.MERGE_DATE,
                                    successor=self.party[pcode])
        for person in district_staff:
            target = u["DTP-SNV"] if person.pk == self.persons["nguyen_thi_kim_loan"].pk else ward
            ppl.posting_open(actor=ACTOR, scope=SCOPE, person=person, unit=target, staff_type=person.staff_type,
                             start=dd.MERGE_DATE, position="Chuyên viên" if target is ward else "Phó Trưởng phòng",
                             decision_no="215/QĐ-UBND")
        org_svc.unit_dissolve(actor=ACTOR, scope=SCOPE, unit=u[dd.DISTRICT], date=dd.MERGE_DATE,
                              decision_no=dd.MERGE_DECISION)
        tam = Person.objects.get(pk=self.persons["huynh_thanh_tam"].pk)
        ppl.posting_open(actor=ACTOR, scope=SCOPE, person=tam, unit=u["DTP-SNV"], staff_type="civil_servant",
                         start=D(2025, 8, 1), position="Phó Giám đốc Sở", is_leader=True, decision_no="1021/QĐ-UBND")
        ppl.party_membership_open(actor=ACTOR, scope=SCOPE, person=tam, party_org=self.party["CB-DTP-SNV"],
                                  start=D(2025, 8, 1))
        self.log(f"  sắp xếp 2025: {len(dd.MERGED_COMMUNES)} xã, phường → {ward.name}")

    # --- logins ---------------------------------------------------------------------------
    def build_users(self) -> None:
        targets = {"unit": self.units, "party_org": self.party,
                   "cluster": {c.code: c for c in Cluster.objects.all()}}
        codes = {"unit": "unit_code", "party_org": "party_code", "cluster": "cluster_code"}
        for username, role, kind, code, _desc, person_key in LOGINS:
            if User.objects.filter(username=username).exists():
                continue
            person = self.persons[person_key] if person_key else None
            acc_svc.user_create(actor=ACTOR, scope=SCOPE, username=username, password=PASSWORD,
                                role="" if role == Role.STAFF else role,
                                citizen_id=person.citizen_id if person else "",
                                **({codes[kind]: targets[kind][code].code} if kind else {}))

    def run(self) -> None:
        self.log("Nạp dữ liệu mẫu…")
        self.build_units()
        self.build_clusters()
        self.build_people()
        self.build_leave()
        self.build_person_history()
        self.build_collectives()
        self.reorganise_2025()
        self.build_users()


def _profile(rng: Random) -> str:
    x = rng.random()
    return "star" if x < 0.08 else "solid" if x < 0.5 else "average"


def _story(spec: dict[int, tuple]) -> dict[int, dict]:
    out = {}
    for year, (grade, inits, titles, *rest) in spec.items():
        out[year] = {"grade": grade, "initiatives": list(inits), "titles": list(titles)}
        if rest:
            out[year]["discipline"] = rest[0]
    return out


E, G, C = "excellent", "good", "complete"
STORY_FACTS = {
    # CSTĐCS 2023–2025 with unit-level initiatives only: CSTD_BO 2025 lacks a ministry-level initiative.
    "story_one_short": _story({
        2017: (G, [], ["LDTT"]), 2018: (G, [], ["LDTT"]), 2019: (G, [], ["LDTT"]), 2020: (E, [], ["LDTT"]),
        2021: (G, [], ["LDTT"]), 2022: (E, [], ["LDTT"]),
        2023: (E, ["unit"], ["LDTT", "CSTDCS"]), 2024: (E, ["unit"], ["LDTT", "CSTDCS", "BK_BO"]),
        2025: (E, [], ["LDTT", "CSTDCS"]),
    }),
    "story_discipline": _story({
        2017: (G, [], ["LDTT"]), 2018: (E, ["unit"], ["LDTT", "CSTDCS"]), 2019: (E, ["unit"], ["LDTT", "CSTDCS", "BK_BO"]),
        2020: (G, [], ["LDTT"]), 2021: ("incomplete", [], [], "reprimand"), 2022: (C, [], []),
        2023: (G, [], ["LDTT"]), 2024: (G, [], ["LDTT"]), 2025: (E, [], ["LDTT", "CSTDCS"]),
    }),
    "story_under_review": _story({
        2017: (G, [], ["LDTT"]), 2018: (G, [], ["LDTT"]), 2019: (G, [], ["LDTT"]), 2020: (G, [], ["LDTT"]),
        2021: (G, [], ["LDTT"]), 2022: (E, ["unit"], ["LDTT", "CSTDCS"]), 2023: (E, [], ["LDTT"]),
        2024: (E, ["unit"], ["LDTT", "CSTDCS"]), 2025: (G, [], [], "under_review"),
    }),
    "story_maternity": _story({
        2017: (G, [], ["LDTT"]), 2018: (G, [], ["LDTT"]), 2019: (G, [], ["LDTT"]), 2020: (G, [], ["LDTT"]),
        2021: (E, [], ["LDTT"]), 2022: (G, [], ["LDTT"]), 2023: (G, [], ["LDTT"]), 2024: (E, [], ["LDTT", "CSTDCS"]),
        2025: (G, [], ["LDTT"]),
    }),
}


@transaction.atomic
def load_demo(*, people: int = DEFAULT_PEOPLE, log=lambda s: None) -> bool:
    """Load the demo once; False (and no change) when it is already there."""
    if demo_loaded():
        return False
    DemoLoader(people=people, log=log).run()
    return True


@transaction.atomic
def reset_demo(*, log=lambda s: None) -> None:
    """Delete the demo's business rows (the audit log keeps its history: it is append-only)."""
    unit_codes = [u[0] for u in dd.UNITS] + [dd.NEW_WARD[0]]
    units = Unit.objects.filter(code__in=unit_codes)
    person_ids = set(Posting.objects.filter(unit__in=units).values_list("person_id", flat=True))
    usernames = [row[0] for row in LOGINS]
    RoleAssignment.objects.filter(user__username__in=usernames).delete()
    Person.objects.filter(user__username__in=usernames).update(user=None)
    deletable = User.objects.filter(username__in=usernames)
    deletable.exclude(pk__in=AuditEvent.objects.filter(actor__isnull=False).values("actor_id")).delete()
    for model in (YearRecord, Award, Initiative, Discipline):
        model.objects.filter(person_id__in=person_ids).delete()
        model.objects.filter(unit__in=units).delete()
    CollectiveStats.objects.filter(unit__in=units).delete()
    for model in (Posting, PartyMembership, Leave):
        model.objects.filter(person_id__in=person_ids).delete()
    Person.objects.filter(pk__in=person_ids).delete()
    clusters = Cluster.objects.filter(code__in=[dd.KHOI_BAN_DANG[0], dd.KHOI_II[0]])
    ClusterOffice.objects.filter(cluster__in=clusters).delete()
    ClusterMembership.objects.filter(cluster__in=clusters).delete()
    clusters.delete()
    UnitSuccession.objects.filter(predecessor__in=units).delete()
    party_codes = [p[0] for p in dd.PARTY_ORGS] + [dd.NEW_WARD_PARTY[0]]
    for org in PartyOrg.objects.filter(code__in=party_codes).order_by("-depth"):
        org.delete()
    for unit in Unit.objects.filter(code__in=unit_codes).order_by("-depth"):
        unit.delete()
    audit_record(actor=ACTOR, action=AuditEvent.DELETE, obj=Unit(pk=0, code="DEMO", name="Dữ liệu mẫu"),
                 verb="demo_reset", before={"people": len(person_ids), "units": len(unit_codes)})
    log(f"Đã xóa dữ liệu mẫu ({len(person_ids)} cá nhân, {len(unit_codes)} đơn vị).")
