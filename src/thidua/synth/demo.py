"""Load the demo data set through the services (audited as the system actor)."""
import datetime
import hashlib
from random import Random

from django.contrib.auth.models import User
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from thidua.accounts import services as account_services
from thidua.accounts.models import Role, RoleAssignment
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.fund import services as fund_services
from thidua.notices import services as notices_services
from thidua.organizations import services as organization_services
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterOffice,
    PartyOrg,
    Unit,
    UnitSuccession,
)
from thidua.people import restructure
from thidua.people import services as people_services
from thidua.people.models import Leave, PartyMembership, Person, Posting
from thidua.records import services as records_services
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.synth import demo_data
from thidua.synth.demo_fund import build_fund
from thidua.synth.history import YearFacts, collective_titles, person_history, unit_grade

ACTOR = Actor(user=None, request_id="demo")
SCOPE = Scope(is_admin=True)
PASSWORD = "thidua2026"
MARKER_UNIT = "TTCP"
DEFAULT_PEOPLE = 220
# Apps above this layer add their own demo rows (and remove them before a reset) by listening:
# demo_built(sender, units) after the demo is loaded; demo_resetting(sender, unit_codes) before it is reset.
demo_built = Signal()
demo_resetting = Signal()

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
    """The demo logins as an aligned text table (printed by `thidua demo`)."""
    rows = [("Tài khoản", "Vai trò", "Phạm vi", "Mật khẩu")]
    rows += [(username, Role(role).label, description, PASSWORD)
             for username, role, _kind, _code, description, _person in LOGINS]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    rule = "  ".join("-" * width for width in widths)
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    return "\n".join([lines[0], rule, *lines[1:]])


class DemoLoader:
    """Builds the demo through the services, in the order of run()."""

    def __init__(self, *, people: int = DEFAULT_PEOPLE, log=lambda message: None):
        self.target_people = people
        self.log = log
        self.units: dict[str, Unit] = {}
        self.party: dict[str, PartyOrg] = {}
        self.persons: dict[str, Person] = {}
        self.history: dict[int, tuple[Person, str, list[YearFacts]]] = {}  # person pk -> (person, unit code, facts)
        self.citizen_ids_used: set[str] = set()

    # --- organisation ---------------------------------------------------------------
    def build_units(self) -> None:
        for code, name, kind, parent, short_name, has_legal_personality in demo_data.UNITS:
            self.units[code] = organization_services.unit_create(
                actor=ACTOR, scope=SCOPE, code=code, name=name, kind=kind, short_name=short_name,
                parent=self.units[parent] if parent else None, has_legal_personality=has_legal_personality,
                valid_from=datetime.date(2010, 1, 1))
        for code, name, kind, parent, unit in demo_data.PARTY_ORGS:
            self.party[code] = organization_services.party_org_create(
                actor=ACTOR, scope=SCOPE, code=code, name=name, kind=kind,
                parent=self.party[parent] if parent else None, unit=self.units[unit] if unit else None)

    def build_clusters(self) -> None:
        """The two clusters of the seed articles, with members, head and deputies per year."""
        code, name, level, organizer = demo_data.KHOI_BAN_DANG
        ban_dang = organization_services.cluster_create(
            actor=ACTOR, scope=SCOPE, code=code, name=name, level=level,
            description="Thành viên và khối trưởng 2017–2018 theo bài báo ngày 30/3/2018; "
                        "các năm sau là ví dụ minh họa.")
        members = [self.units[member] for member in demo_data.KHOI_BAN_DANG_MEMBERS]
        for year, (head, deputies) in demo_data.KHOI_BAN_DANG_OFFICES.items():
            organization_services.cluster_set_year(
                actor=ACTOR, scope=SCOPE, cluster=ban_dang, year=year, members=members, head=self.units[head],
                deputies=[self.units[deputy] for deputy in deputies])
        code, name, level, organizer = demo_data.KHOI_II
        khoi_ii = organization_services.cluster_create(
            actor=ACTOR, scope=SCOPE, code=code, name=name, level=level, organizer=self.units[organizer],
            description="Thanh tra các bộ, ngành (bài báo ngày 22/6/2017).")
        members = [self.units[member] for member in demo_data.KHOI_II_MEMBERS]
        for i, year in enumerate(demo_data.YEARS):
            # the seed's year, else the head and deputy rotate through the members
            head, deputies = demo_data.KHOI_II_OFFICES.get(year) or (
                demo_data.KHOI_II_MEMBERS[i % 7], [demo_data.KHOI_II_MEMBERS[(i + 1) % 7]])
            organization_services.cluster_set_year(
                actor=ACTOR, scope=SCOPE, cluster=khoi_ii, year=year, members=members, head=self.units[head],
                deputies=[self.units[deputy] for deputy in deputies])

    # --- people -------------------------------------------------------------------------
    def _citizen_id(self, rng: Random, root: str, gender: str, birth_year: int) -> str:
        """A plausible, unused CCCD: province code, century and sex digit, year of birth, six random digits."""
        century = 0 if birth_year < 2000 else 2
        prefix = f"{demo_data.PROVINCE_CCCD.get(root, '001')}{century + (gender == 'female')}{birth_year % 100:02d}"
        while True:
            value = prefix + f"{rng.randrange(10**6):06d}"
            if value not in self.citizen_ids_used:
                self.citizen_ids_used.add(value)
                return value

    def _name(self, rng: Random, gender: str) -> str:
        middle = demo_data.MIDDLE_NAMES_FEMALE if gender == "female" else demo_data.MIDDLE_NAMES_MALE
        given = demo_data.GIVEN_NAMES_FEMALE if gender == "female" else demo_data.GIVEN_NAMES_MALE
        return f"{rng.choice(demo_data.SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"

    def _party_org_for(self, unit_code: str) -> PartyOrg | None:
        """The party organisation of the unit or of its nearest ancestor that has one."""
        code = unit_code
        while code:
            for party_code, _name, _kind, _parent, party_unit_code in demo_data.PARTY_ORGS:
                if party_unit_code == code:
                    return self.party[party_code]
            code = _parent_code(code)
        return None

    def _root(self, unit_code: str) -> str:
        """The code of the top unit (ministry or province) above `unit_code`."""
        code = unit_code
        while True:
            parent = _parent_code(code)
            if parent is None:
                return code
            code = parent

    def _staff_type(self, rng: Random, unit_code: str) -> str:
        kind = _unit_kind(unit_code)
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
        """The person, their party membership, and their yearly facts (written later by build_person_history)."""
        start_year = min(2022, max(birth_year + 23, 2005 + rng.randrange(0, 18)))
        if profile.startswith("story") or key in ("huynh_thanh_tam", "nguyen_thi_kim_loan"):
            start_year = 2012
        start = datetime.date(start_year, rng.choice([1, 3, 4, 7, 9, 10]), 1)
        citizen_id = self._citizen_id(rng, self._root(unit_code), gender, birth_year)
        birth_date = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        person = people_services.person_create(
            actor=ACTOR, scope=SCOPE, citizen_id=citizen_id, full_name=name, unit=self.units[unit_code],
            staff_type=staff_type, start=start, position=position, is_leader=leader, birth_date=birth_date,
            gender=gender, recruited_on=start)
        if party_code:
            joined = datetime.date(max(start_year - rng.randrange(0, 6), birth_year + 20), 5, 19)
            card_no = f"{9300 + len(self.persons):04d}{rng.randrange(10**4):04d}"
            people_services.party_membership_open(actor=ACTOR, scope=SCOPE, person=person,
                                                  party_org=self.party[party_code], start=joined, card_no=card_no)
        self.persons[key] = person
        years = [year for year in demo_data.YEARS if year >= start.year]
        first_months = 13 - start.month if start.year >= demo_data.YEARS[0] else 12
        facts = person_history(rng, years=years, profile=profile if profile in ("star", "solid") else "average",
                               party=bool(party_code), first_months=first_months,
                               forced=STORY_FACTS.get(profile))
        self.history[person.pk] = (person, unit_code, facts)
        return person

    def build_people(self) -> None:
        """The named people of the seeds and the stories, then staff per unit scaled to `people`."""
        rng = Random(2026)
        for (key, name, gender, birth_year, unit_code, position, staff_type, leader, party_code,
             profile) in demo_data.NAMED + demo_data.STORIES:
            self._create_person(rng, key=key, name=name, gender=gender, birth_year=birth_year, unit_code=unit_code,
                                position=position, staff_type=staff_type, leader=leader, party_code=party_code,
                                profile=profile)
        named = len(demo_data.NAMED) + len(demo_data.STORIES)
        scale = max(self.target_people - named, 0) / sum(demo_data.HEADCOUNT.values())
        number = 0
        for unit_code, headcount in demo_data.HEADCOUNT.items():
            kind = _unit_kind(unit_code)
            for i in range(max(1, round(headcount * scale))):
                gender = "female" if rng.random() < 0.45 else "male"
                leader = i == 0  # the first person of a unit leads it
                if leader:
                    position = demo_data.POSITIONS_LEADER.get(kind, "Trưởng phòng")
                else:
                    position = rng.choice(demo_data.POSITIONS_STAFF)
                party_org = self._party_org_for(unit_code)
                party_code = party_org.code if party_org and rng.random() < (0.9 if leader else 0.4) else None
                # keyword arguments are evaluated left to right: the draws keep this order
                self._create_person(rng, key=f"p{number}", name=self._name(rng, gender), gender=gender,
                                    birth_year=rng.randint(1965, 1998), unit_code=unit_code, position=position,
                                    staff_type=self._staff_type(rng, unit_code), leader=leader,
                                    party_code=party_code, profile=_profile(rng))
                number += 1
        self.log(f"  {len(self.persons)} cá nhân")

    # --- history --------------------------------------------------------------------------
    def _decision(self, unit_code: str, code: str, year: int) -> dict:
        """Decision number, date and authority of an award: the Prime Minister for BK_TTG, the head of
        the unit itself for LĐTT/CSTT/GK when it has legal personality, else the head of its top unit."""
        root = self._root(unit_code)
        abbreviation, authority = demo_data.AUTHORITY.get(root, (root, f"Thủ trưởng {self.units[root].name}"))
        number = int(hashlib.md5(f"{root}{code}{year}".encode()).hexdigest()[:4], 16) % 900 + 10
        if code == "BK_TTG":
            return {"decision_no": f"{number}/QĐ-TTg", "decision_date": datetime.date(year + 1, 6, 12),
                    "authority": "Thủ tướng Chính phủ"}
        month = {"LDTT": 1, "CSTT": 1, "CSTDCS": 1, "GK": 1}.get(code, 3)
        if code in ("LDTT", "CSTT", "GK") and self.units[unit_code].has_legal_personality and unit_code != root:
            authority = f"Thủ trưởng {self.units[unit_code].name}"
        return {"decision_no": f"{number}/QĐ-{abbreviation}", "decision_date": datetime.date(year + 1, month, 15),
                "authority": authority}

    def build_person_history(self) -> None:
        for person, unit_code, facts in self.history.values():
            armed = person.staff_type == "armed_forces"
            for year_facts in facts:
                self._person_year(person, unit_code, year_facts, armed)
        self.log("  lịch sử xếp loại, danh hiệu")

    def _person_year(self, person: Person, unit_code: str, facts: YearFacts, armed: bool) -> None:
        """One year of a person through records.services: grades, initiatives, titles, discipline."""
        write = {"actor": ACTOR, "scope": SCOPE, "subject": person, "source": "import", "year": facts.year}
        records_services.history_add(**write, model=YearRecord, track="government", grade=facts.grade,
                                     months_worked=facts.months, note=facts.note)
        if facts.party_grade:
            records_services.history_add(**write, model=YearRecord, track="party", grade=facts.party_grade)
        unit = self.units[unit_code]
        for j, level in enumerate(facts.initiatives):
            topic = demo_data.INITIATIVE_TOPICS[(person.pk * 7 + facts.year + j) % len(demo_data.INITIATIVE_TOPICS)]
            records_services.history_add(
                **write, model=Initiative, title=f"{topic} ({unit.short_name or unit.name}, {facts.year})",
                level=level, recognized_on=datetime.date(facts.year, 11, 20),
                decision_no=f"{(person.pk * 13 + facts.year) % 500 + 1}/QĐ-HĐSK")
        for code in facts.titles:
            code = "CSTT" if armed and code == "LDTT" else code  # the armed forces' equivalent of LĐTT
            records_services.history_add(**write, model=Award, code=code, kind="regular",
                                         **self._decision(unit_code, code, facts.year))
        if facts.discipline:
            decided = {} if facts.discipline == "under_review" else {
                "decided_on": datetime.date(facts.year, 9, 15), "served_from": datetime.date(facts.year, 9, 15),
                "served_to": datetime.date(facts.year + 1, 3, 14), "decision_no": f"{person.pk % 90 + 10}/QĐ-KL"}
            records_services.history_add(**write, model=Discipline, form=facts.discipline, track="government",
                                         **decided)

    def build_leave(self) -> None:
        """Maternity leave of the story (2023) and a short sick leave for four people (2022)."""
        people_services.leave_add(actor=ACTOR, scope=SCOPE, person=self.persons["vo_ngoc_tram"], kind="maternity",
                                  start=datetime.date(2023, 3, 1), end=datetime.date(2023, 8, 31),
                                  note="Nghỉ thai sản 6 tháng (tính là thời gian công tác)")
        for key in list(self.persons)[40:44]:
            people_services.leave_add(actor=ACTOR, scope=SCOPE, person=self.persons[key], kind="sick",
                                      start=datetime.date(2022, 10, 3), end=datetime.date(2022, 10, 14))

    def build_collectives(self) -> None:
        """Collective grades, titles and stats per unit and year, derived from its people's history."""
        rng = Random(17)
        # (unit code, year) -> [people, completed, LĐTT, CSTĐCS, disciplined from a warning up]
        counts: dict[tuple[str, int], list[int]] = {}
        for _person, unit_code, facts in self.history.values():
            for year_facts in facts:
                unit_counts = counts.setdefault((unit_code, year_facts.year), [0, 0, 0, 0, 0])
                unit_counts[0] += 1
                unit_counts[1] += year_facts.grade in ("excellent", "good", "complete")
                unit_counts[2] += "LDTT" in year_facts.titles
                unit_counts[3] += "CSTDCS" in year_facts.titles
                unit_counts[4] += year_facts.discipline in ("warning", "demotion", "dismissal_from_post")
        ranks = self._cluster_ranks(rng)
        for (unit_code, year), (total, completed, ldtt, cstdcs, disciplined) in sorted(counts.items()):
            unit = self.units[unit_code]
            if unit.parent_id is None or (unit_code in demo_data.MERGED_COMMUNES and year >= 2025):
                continue  # top units are not graded here; the merged communes end in 2025
            write = {"actor": ACTOR, "scope": SCOPE, "subject": unit, "source": "import", "year": year}
            grade = unit_grade(rng)
            records_services.history_add(**write, model=YearRecord, track="government", grade=grade)
            for code in collective_titles(rng, total=total, ldtt=ldtt, cstdcs=cstdcs, disciplined=disciplined,
                                          grade=grade):
                records_services.history_add(**write, model=Award, code=code, kind="regular",
                                             **self._decision(unit_code, code, year))
            rank, size = ranks.get((unit_code, year), (None, None))
            records_services.collective_stats_set(
                actor=ACTOR, scope=SCOPE, unit=unit, year=year, total=total, completed=completed, ldtt=ldtt,
                cstdcs=cstdcs, disciplined=disciplined, cluster_rank=rank, cluster_size=size, source="import")
        self.log("  lịch sử tập thể, xếp hạng trong khối")

    def _cluster_ranks(self, rng: Random) -> dict:
        """(unit code, year) -> (rank, cluster size): a random order of each cluster's members per year."""
        ranks = {}
        for members, years in ((demo_data.KHOI_BAN_DANG_MEMBERS, demo_data.KHOI_BAN_DANG_OFFICES),
                               (demo_data.KHOI_II_MEMBERS, demo_data.YEARS)):
            for year in years:
                order = sorted(members, key=lambda _code: rng.random())
                for rank, code in enumerate(order, start=1):
                    ranks[(code, year)] = (rank, len(members))
        return ranks

    # --- 2025 reorganisation --------------------------------------------------------------
    def reorganise_2025(self) -> None:
        """1/7/2025: four communes merge into a ward under the province, the district closes, its staff
        move to the ward (one to Sở Nội vụ), and a ward chairman moves to Sở Nội vụ on 1/8/2025."""
        units = self.units
        district_staff = list(Person.objects.filter(unit=units[demo_data.DISTRICT]))
        ward = restructure.unit_merge(actor=ACTOR, scope=SCOPE,
                                      units=[units[code] for code in demo_data.MERGED_COMMUNES],
                                      date=demo_data.MERGE_DATE, new_code=demo_data.NEW_WARD[0],
                                      new_name=demo_data.NEW_WARD[1], new_kind="commune",
                                      decision_no=demo_data.MERGE_DECISION)
        restructure.unit_move(actor=ACTOR, scope=SCOPE, unit=ward, new_parent=units["DTP"],
                              reason="Không tổ chức cấp huyện từ 01/7/2025")
        units[demo_data.NEW_WARD[0]] = ward
        party_code, party_name, party_kind, party_parent = demo_data.NEW_WARD_PARTY
        self.party[party_code] = organization_services.party_org_create(
            actor=ACTOR, scope=SCOPE, code=party_code, name=party_name, kind=party_kind,
            parent=self.party[party_parent], unit=ward)
        old_orgs = [self.party[code] for code in ("DB-DTP-CL-P1", "DB-DTP-CL-P3", "DB-DTP-CL-P4", "DB-DTP-CL-MT")]
        for org in old_orgs:
            restructure.party_org_close(actor=ACTOR, scope=SCOPE, org=org, date=demo_data.MERGE_DATE,
                                        successor=self.party[party_code])
        for person in district_staff:
            to_province = person.pk == self.persons["nguyen_thi_kim_loan"].pk
            people_services.posting_open(
                actor=ACTOR, scope=SCOPE, person=person, unit=units["DTP-SNV"] if to_province else ward,
                staff_type=person.staff_type, start=demo_data.MERGE_DATE,
                position="Phó Trưởng phòng" if to_province else "Chuyên viên", decision_no="215/QĐ-UBND")
        organization_services.unit_dissolve(actor=ACTOR, scope=SCOPE, unit=units[demo_data.DISTRICT],
                                            date=demo_data.MERGE_DATE, decision_no=demo_data.MERGE_DECISION)
        thanh_tam = Person.objects.get(pk=self.persons["huynh_thanh_tam"].pk)
        people_services.posting_open(actor=ACTOR, scope=SCOPE, person=thanh_tam, unit=units["DTP-SNV"],
                                     staff_type="civil_servant", start=datetime.date(2025, 8, 1),
                                     position="Phó Giám đốc Sở", is_leader=True, decision_no="1021/QĐ-UBND")
        people_services.party_membership_open(actor=ACTOR, scope=SCOPE, person=thanh_tam,
                                              party_org=self.party["CB-DTP-SNV"], start=datetime.date(2025, 8, 1))
        self.log(f"  sắp xếp 2025: {len(demo_data.MERGED_COMMUNES)} xã, phường → {ward.name}")

    # --- logins ---------------------------------------------------------------------------
    def build_users(self) -> None:
        """One login per role of LOGINS (kept when it already exists)."""
        targets = {"unit": self.units, "party_org": self.party,
                   "cluster": {cluster.code: cluster for cluster in Cluster.objects.all()}}
        code_fields = {"unit": "unit_code", "party_org": "party_code", "cluster": "cluster_code"}
        for username, role, kind, code, _description, person_key in LOGINS:
            if User.objects.filter(username=username).exists():
                continue
            person = self.persons[person_key] if person_key else None
            account_services.user_create(actor=ACTOR, scope=SCOPE, username=username, password=PASSWORD,
                                         role="" if role == Role.STAFF else role,
                                         citizen_id=person.citizen_id if person else "",
                                         **({code_fields[kind]: targets[kind][code].code} if kind else {}))

    def build_deadlines(self) -> None:
        """The year-end steps of seed 000 as deadlines of the demo logins: the government track's
        review done before 23/12, the party track's before 31/12, the council meeting on 5/1."""
        year = timezone.localdate().year
        users = {u.username: u for u in User.objects.filter(username__in=[row[0] for row in LOGINS])}
        steps = [
            ("tong-ket-chinh-quyen", f"Hoàn thành tổng kết chính quyền năm {year}, hoàn thiện hồ sơ thi đua",
             datetime.date(year, 12, 22), ["thiduabo", "tochuc", "canbo"]),
            ("tong-ket-dang", f"Hoàn thành tổng kết công tác Đảng năm {year}", datetime.date(year, 12, 30),
             ["capuy", "canbo"]),
            ("hop-hoi-dong", f"Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm {year}",
             datetime.date(year + 1, 1, 5), ["hoidong", "thiduabo"]),
        ]
        for key, title, due, names in steps:
            notices_services.deadline_register(actor=ACTOR, scope=SCOPE, key=f"demo/{year}/{key}", title=title,
                                               due=due, users=[users[n] for n in names if n in users],
                                               url="/viec-can-lam/", source="Kế hoạch tổng kết cuối năm")

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
        build_fund(self.units["BTP"], actor=ACTOR, scope=SCOPE)
        self.build_deadlines()
        demo_built.send(sender=DemoLoader, units=self.units)


def _profile(rng: Random) -> str:
    """8 % star, 42 % solid, 50 % average (see history.PROFILES)."""
    draw = rng.random()
    return "star" if draw < 0.08 else "solid" if draw < 0.5 else "average"


def _parent_code(unit_code: str) -> str | None:
    return next((unit[3] for unit in demo_data.UNITS if unit[0] == unit_code), None)


def _unit_kind(unit_code: str) -> str:
    return next(unit[2] for unit in demo_data.UNITS if unit[0] == unit_code)


def _story(spec: dict[int, tuple]) -> dict[int, dict]:
    """{year: (grade, initiative levels, titles[, discipline])} → the `forced` facts of person_history."""
    forced = {}
    for year, (grade, initiatives, titles, *discipline) in spec.items():
        forced[year] = {"grade": grade, "initiatives": list(initiatives), "titles": list(titles)}
        if discipline:
            forced[year]["discipline"] = discipline[0]
    return forced


EXCELLENT, GOOD, COMPLETE = "excellent", "good", "complete"
STORY_FACTS = {
    # CSTĐCS 2023–2025 with unit-level initiatives only: CSTD_BO 2025 lacks a ministry-level initiative.
    "story_one_short": _story({
        2017: (GOOD, [], ["LDTT"]), 2018: (GOOD, [], ["LDTT"]), 2019: (GOOD, [], ["LDTT"]),
        2020: (EXCELLENT, [], ["LDTT"]), 2021: (GOOD, [], ["LDTT"]), 2022: (EXCELLENT, [], ["LDTT"]),
        2023: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS"]), 2024: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS", "BK_BO"]),
        2025: (EXCELLENT, [], ["LDTT", "CSTDCS"]),
    }),
    # reprimanded in 2021: grade incomplete that year, the chain restarts.
    "story_discipline": _story({
        2017: (GOOD, [], ["LDTT"]), 2018: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS"]),
        2019: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS", "BK_BO"]), 2020: (GOOD, [], ["LDTT"]),
        2021: ("incomplete", [], [], "reprimand"), 2022: (COMPLETE, [], []), 2023: (GOOD, [], ["LDTT"]),
        2024: (GOOD, [], ["LDTT"]), 2025: (EXCELLENT, [], ["LDTT", "CSTDCS"]),
    }),
    # an open disciplinary case in 2025 freezes the titles of that year.
    "story_under_review": _story({
        2017: (GOOD, [], ["LDTT"]), 2018: (GOOD, [], ["LDTT"]), 2019: (GOOD, [], ["LDTT"]), 2020: (GOOD, [], ["LDTT"]),
        2021: (GOOD, [], ["LDTT"]), 2022: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS"]), 2023: (EXCELLENT, [], ["LDTT"]),
        2024: (EXCELLENT, ["unit"], ["LDTT", "CSTDCS"]), 2025: (GOOD, [], [], "under_review"),
    }),
    # maternity leave in 2023 (it counts as months worked).
    "story_maternity": _story({
        2017: (GOOD, [], ["LDTT"]), 2018: (GOOD, [], ["LDTT"]), 2019: (GOOD, [], ["LDTT"]), 2020: (GOOD, [], ["LDTT"]),
        2021: (EXCELLENT, [], ["LDTT"]), 2022: (GOOD, [], ["LDTT"]), 2023: (GOOD, [], ["LDTT"]),
        2024: (EXCELLENT, [], ["LDTT", "CSTDCS"]), 2025: (GOOD, [], ["LDTT"]),
    }),
}


@transaction.atomic
def load_demo(*, people: int = DEFAULT_PEOPLE, log=lambda message: None) -> bool:
    """Load the demo once; False (and no change) when it is already there."""
    if demo_loaded():
        return False
    DemoLoader(people=people, log=log).run()
    return True


@transaction.atomic
def reset_demo(*, log=lambda message: None) -> None:
    """Delete the demo's business rows (the audit log keeps its history: it is append-only)."""
    unit_codes = [unit[0] for unit in demo_data.UNITS] + [demo_data.NEW_WARD[0]]
    demo_resetting.send(sender=DemoLoader, unit_codes=unit_codes)
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
    fund_services.fund_purge_demo(actor=ACTOR, scope=SCOPE, owners=units)
    for model in (Posting, PartyMembership, Leave):
        model.objects.filter(person_id__in=person_ids).delete()
    Person.objects.filter(pk__in=person_ids).delete()
    clusters = Cluster.objects.filter(code__in=[demo_data.KHOI_BAN_DANG[0], demo_data.KHOI_II[0]])
    ClusterOffice.objects.filter(cluster__in=clusters).delete()
    ClusterMembership.objects.filter(cluster__in=clusters).delete()
    clusters.delete()
    UnitSuccession.objects.filter(predecessor__in=units).delete()
    party_codes = [org[0] for org in demo_data.PARTY_ORGS] + [demo_data.NEW_WARD_PARTY[0]]
    for org in PartyOrg.objects.filter(code__in=party_codes).order_by("-depth"):
        org.delete()
    for unit in Unit.objects.filter(code__in=unit_codes).order_by("-depth"):
        unit.delete()
    audit_record(actor=ACTOR, action=AuditEvent.DELETE, obj=Unit(pk=0, code="DEMO", name="Dữ liệu mẫu"),
                 verb="demo_reset", before={"people": len(person_ids), "units": len(unit_codes)})
    log(f"Đã xóa dữ liệu mẫu ({len(person_ids)} cá nhân, {len(unit_codes)} đơn vị).")
