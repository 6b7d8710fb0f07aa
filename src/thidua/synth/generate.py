"""A province-sized synthetic organisation for benchmarks, written in bulk.

Everything generated is marked: unit, party-org and cluster codes start with "G-", citizen IDs
with "99", party cards with "G", rows with source="generated". One AuditEvent summarises a run.
Denormalised columns (Person.unit/unit_path/party_path…, Unit.path/depth) are computed here
exactly as the services would set them. PostgreSQL gets COPY, other databases executemany.

The same seed gives the same data: every random draw comes from one generator, in a fixed order.
"""
import datetime
import sys
import time
from dataclasses import dataclass
from random import Random

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from thidua.accounts.models import RoleAssignment
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk
from thidua.common.context import Actor
from thidua.common.text import fold, name_sort_key
from thidua.organizations.models import (
    Cluster,
    ClusterMembership,
    ClusterOffice,
    PartyOrg,
    Unit,
    UnitSuccession,
)
from thidua.people.models import Leave, PartyMembership, Person, Posting
from thidua.records.codes import category_of
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord
from thidua.synth import demo_data
from thidua.synth.history import collective_titles, person_history, pick_profile, unit_grade

PREFIX = "G-"
CCCD_PREFIX = "99"
LAST_YEAR = 2025
ORGANISATION_START = datetime.date(2010, 1, 1)  # valid_from of every generated unit and party organisation
ACTOR = Actor(user=None, request_id="generate")
MSG_EXISTS = ("Dữ liệu tổng hợp đã có ({n} đơn vị mã 'G-'). Dùng --replace để xóa và sinh lại.")

DEPARTMENTS = ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Sở Y tế",
               "Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
               "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Ban Quản lý các khu công nghiệp", "Sở Ngoại vụ",
               "Đài Phát thanh và Truyền hình tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ban Quản lý dự án đầu tư xây dựng",
               "Liên minh Hợp tác xã tỉnh"]
ARMED_FORCES_DEPARTMENT = "Bộ Chỉ huy Quân sự tỉnh"  # its people are armed forces (CSTT instead of LĐTT)
DIVISIONS = ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Phòng Pháp chế",
             "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Thanh tra",
             "Phòng Quản lý chuyên ngành", "Phòng Hành chính – Tổng hợp"]
CENTERS = ["Trung tâm Dịch vụ công", "Trung tâm Thông tin", "Trung tâm Đào tạo, bồi dưỡng", "Trung tâm Kiểm định",
           "Trung tâm Tư vấn", "Trung tâm Lưu trữ"]
CENTER_DIVISIONS = ["Phòng Hành chính", "Phòng Nghiệp vụ", "Phòng Dịch vụ"]
COMMUNE_DIVISIONS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội",
                     "Trung tâm Phục vụ hành chính công"]
SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế"]
PLACE_SYLLABLES = ["An", "Bình", "Hòa", "Tân", "Mỹ", "Phú", "Long", "Thạnh", "Hưng", "Lợi", "Đông", "Tây", "Thuận",
                   "Phước", "Vĩnh", "Hiệp", "Thới", "Lộc", "Khánh", "Nhơn", "Định", "Điền", "Quới", "Sơn", "Trung",
                   "Hội"]
# relative number of people per unit, by the unit's role in the tree
PEOPLE_WEIGHTS = {"root": 10, "department": 15, "division": 12, "center": 20, "center_division": 15,
                  "commune": 15, "commune_division": 10, "school": 60}
LEADER_POSITIONS = {"department": "Giám đốc", "division": "Trưởng phòng", "center": "Giám đốc Trung tâm",
                    "center_division": "Trưởng phòng", "commune": "Chủ tịch UBND",
                    "commune_division": "Trưởng phòng", "school": "Hiệu trưởng", "root": "Chủ tịch UBND tỉnh"}
DISCIPLINE_COUNTED = ("warning", "demotion", "dismissal_from_post")  # CollectiveStats.disciplined


@dataclass
class PlannedUnit:
    """A unit built in memory (ids assigned here) before the bulk insert."""

    id: int
    code: str
    name: str
    kind: str
    role: str  # a key of PEOPLE_WEIGHTS
    parent: "PlannedUnit | None"
    has_legal_personality: bool
    path: str = ""
    depth: int = 0
    top: "PlannedUnit | None" = None  # the level-1 ancestor (sở or xã) that confers LĐTT/CSTĐCS
    party_id: int = 0
    party_path: str = ""


class Progress:
    """A one-line progress bar on stderr, redrawn when the percentage changes."""

    def __init__(self, total: int, label: str, stream=sys.stderr, enabled: bool = True):
        self.total, self.label, self.stream, self.enabled = max(total, 1), label, stream, enabled
        self.started, self.last_percent = time.monotonic(), -1

    def update(self, done: int, note: str = "") -> None:
        percent = int(100 * done / self.total)
        if not self.enabled or (percent == self.last_percent and done < self.total):
            return
        self.last_percent = percent
        bar = "#" * (percent // 4) + "-" * (25 - percent // 4)
        self.stream.write(f"\r{self.label:<12} [{bar}] {percent:3d}% {done}/{self.total} "
                          f"{time.monotonic() - self.started:5.1f}s {note:<24}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


class Writer:
    """Insert tuples fast: COPY on PostgreSQL, executemany elsewhere. Missing columns get defaults."""

    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}

    def insert(self, model, fields: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        missing = [f for f in meta.concrete_fields if f.name not in fields and f.attname not in fields
                   and not f.primary_key]
        columns = [f.column for f in given + missing]
        defaults = tuple(_default(f) for f in missing)
        table = connection.ops.quote_name(meta.db_table)
        column_list = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor:
            if self.postgresql:
                with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
            else:
                sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"
                cursor.executemany(sql, [tuple(_sqlite_value(value) for value in row + defaults) for row in rows])
        self.counts[meta.label] = self.counts.get(meta.label, 0) + len(rows)


def _default(field):
    """The value a column gets when the generator does not give one."""
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.get_internal_type() in ("CharField", "TextField", "EmailField"):
        return ""
    if field.get_internal_type() == "BooleanField":
        return False
    if field.get_internal_type() == "DateTimeField":  # auto_now_add columns
        return timezone.now()
    raise ValueError(f"no default for {field}")


def _sqlite_value(value):
    """Dates as ISO text, as Django stores them in SQLite."""
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def _next_id(model) -> int:
    return (model.objects.aggregate(highest=Max("id"))["highest"] or 0) + 1


def _repeat_suffix(index: int, size: int) -> str:
    """" 2", " 3"… when a list of `size` names is used again (index ≥ size), else ""."""
    return f" {index // size + 1}" if index >= size else ""


def generated_exists() -> int:
    return Unit.objects.filter(code__startswith=PREFIX).count()


def delete_generated(log=lambda message: None) -> None:
    """Remove everything a previous run generated (fast raw deletes; the audit log stays)."""
    alias = connection.alias
    people = Person.objects.filter(citizen_id__startswith=CCCD_PREFIX).values("id")
    units = Unit.objects.filter(code__startswith=PREFIX).values("id")
    with transaction.atomic():
        for model in (YearRecord, Award, Initiative, Discipline):
            model.objects.filter(person_id__in=people)._raw_delete(alias)
            model.objects.filter(unit_id__in=units)._raw_delete(alias)
        CollectiveStats.objects.filter(unit_id__in=units)._raw_delete(alias)
        for model in (Posting, PartyMembership, Leave):
            model.objects.filter(person_id__in=people)._raw_delete(alias)
        Person.objects.filter(citizen_id__startswith=CCCD_PREFIX)._raw_delete(alias)
        clusters = Cluster.objects.filter(code__startswith=PREFIX).values("id")
        ClusterOffice.objects.filter(cluster_id__in=clusters)._raw_delete(alias)
        ClusterMembership.objects.filter(cluster_id__in=clusters)._raw_delete(alias)
        Cluster.objects.filter(code__startswith=PREFIX)._raw_delete(alias)
        UnitSuccession.objects.filter(predecessor_id__in=units)._raw_delete(alias)
        RoleAssignment.objects.filter(unit_id__in=units).delete()
        PartyOrg.objects.filter(code__startswith=PREFIX)._raw_delete(alias)
        Unit.objects.filter(code__startswith=PREFIX)._raw_delete(alias)
        # recorded like every change (and so the data version moves: no page shows the deleted data)
        audit_bulk(actor=ACTOR, rows=[AuditEvent(
            action=AuditEvent.DELETE, verb="generate", object_type="synth.generate", object_id="-",
            object_repr="Xóa dữ liệu tổng hợp cũ")])
    log("Đã xóa dữ liệu tổng hợp cũ.")


class Generator:
    def __init__(self, *, people: int, years: int, units: int, seed: int, progress: bool = True,
                 chunk: int = 5000):
        self.n_people, self.n_units, self.seed, self.chunk = people, units, seed, chunk
        self.years = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
        self.rng = Random(seed)
        self.writer = Writer()
        self.progress = progress
        self.units: list[PlannedUnit] = []
        self.next_unit_id = 0
        self.root: PlannedUnit | None = None
        # unit id -> the members of its cluster (the same list for every member)
        self.cluster_of: dict[int, list[PlannedUnit]] = {}
        # (unit id, year) -> [people, completed, LĐTT, CSTĐCS, disciplined], for CollectiveStats
        self.unit_year_counts: dict[tuple[int, int], list[int]] = {}
        self.folded_names: dict[str, tuple[str, str]] = {}
        self.next_person_id = 0

    # --- units --------------------------------------------------------------------------
    def _add_unit(self, code, name, kind, role, parent, has_legal_personality=False) -> PlannedUnit:
        unit = PlannedUnit(id=self.next_unit_id, code=f"{PREFIX}{code}", name=name, kind=kind, role=role,
                           parent=parent, has_legal_personality=has_legal_personality)
        self.next_unit_id += 1
        unit.path = f"{parent.path if parent else '/'}{unit.id}/"
        unit.depth = unit.path.count("/") - 2
        unit.top = unit if parent is not None and parent.parent is None else (parent.top if parent else None)
        self.units.append(unit)
        return unit

    def build_units(self) -> None:
        """The province: ~25 % of the units in departments (sở) with their divisions and centres,
        the rest in communes/wards with their offices and schools."""
        self.next_unit_id = _next_id(Unit)
        target = max(self.n_units, 10)
        root = self._add_unit("TINH", "Tỉnh Sông Hậu (dữ liệu tổng hợp)", "province", "root", None, True)
        n_departments = max(2, min(len(DEPARTMENTS) * 3, target // 100))
        units_per_department = (target - 1) * 0.25 / n_departments
        n_divisions = max(1, round((units_per_department - 1) * 0.35))
        n_centers = max(0, round((units_per_department - 1 - n_divisions) / 4))
        for i in range(n_departments):
            name = DEPARTMENTS[i % len(DEPARTMENTS)] + _repeat_suffix(i, len(DEPARTMENTS))
            department = self._add_unit(f"S{i:02d}", name, "provincial_department", "department", root, True)
            for j in range(n_divisions):
                self._add_unit(f"S{i:02d}-P{j:02d}", DIVISIONS[j % len(DIVISIONS)] + _repeat_suffix(j, len(DIVISIONS)),
                               "division", "division", department)
            for j in range(n_centers):
                center_name = CENTERS[j % len(CENTERS)] + _repeat_suffix(j, len(CENTERS))
                center = self._add_unit(f"S{i:02d}-T{j:02d}", center_name, "public_service_unit", "center", department,
                                        True)
                for k, division_name in enumerate(CENTER_DIVISIONS):
                    self._add_unit(f"S{i:02d}-T{j:02d}-P{k}", division_name, "division", "center_division", center)
        remaining = target - len(self.units)
        n_communes = max(2, round(remaining / 15))
        units_per_commune = remaining / n_communes
        names = self._place_names(n_communes)
        for i in range(n_communes):
            is_ward = i % 3 == 0
            commune = self._add_unit(f"X{i:03d}", f"{'Phường' if is_ward else 'Xã'} {names[i]}", "commune", "commune",
                                     root, True)
            n_offices = int(min(4, max(1, units_per_commune - 1)))
            for j in range(n_offices):
                self._add_unit(f"X{i:03d}-P{j}", COMMUNE_DIVISIONS[j], "division", "commune_division", commune)
            for j in range(max(0, round(units_per_commune - 1 - n_offices))):
                self._add_unit(f"X{i:03d}-T{j:02d}", f"{SCHOOLS[j % 4]} {names[i]}{_repeat_suffix(j, 4)}",
                               "public_service_unit", "school", commune, True)
        self.root = root

    def _place_names(self, count: int) -> list[str]:
        """Two-syllable place names, distinct (numbered when a pair comes up again)."""
        names, seen = [], set()
        while len(names) < count:
            name = f"{self.rng.choice(PLACE_SYLLABLES)} {self.rng.choice(PLACE_SYLLABLES)}"
            first, second = name.split()
            name = name if name not in seen and first != second else f"{name} {len(names) + 1}"
            seen.add(name)
            names.append(name)
        return names

    def build_party(self) -> None:
        """One party organisation per unit, mirroring the unit tree."""
        next_id = _next_id(PartyOrg)
        rows = []
        for unit in self.units:
            unit.party_id = next_id
            next_id += 1
            unit.party_path = f"{unit.parent.party_path if unit.parent else '/'}{unit.party_id}/"
            kind = ("committee" if unit.role == "root" else
                    "grassroots_committee" if unit.role in ("department", "commune") else
                    "part_committee" if unit.role == "center" else "cell")
            prefix = "Đảng bộ" if kind != "cell" else "Chi bộ"
            name = f"{prefix} {unit.name}" if unit.role != "root" else "Đảng bộ tỉnh Sông Hậu"
            rows.append((unit.party_id, f"{PREFIX}DB-{unit.code[2:]}", name[:255], kind,
                         unit.parent.party_id if unit.parent else None, unit.party_path,
                         unit.party_path.count("/") - 2, unit.id, ORGANISATION_START, None))
        self.writer.insert(PartyOrg, ["id", "code", "name", "kind", "parent", "path", "depth", "unit", "valid_from",
                                      "valid_to"], rows)

    def write_units(self) -> None:
        rows = [(unit.id, unit.code, unit.name, fold(unit.name), "", unit.kind, unit.parent.id if unit.parent else None,
                 unit.path, unit.depth, unit.has_legal_personality, ORGANISATION_START, None, sort_order)
                for sort_order, unit in enumerate(self.units)]
        self.writer.insert(Unit, ["id", "code", "name", "name_folded", "short_name", "kind", "parent", "path", "depth",
                                  "has_legal_personality", "valid_from", "valid_to", "sort_order"], rows)

    def build_clusters(self) -> None:
        """Clusters of five departments and of six communes; head and deputy rotate every year."""
        level_one = [unit for unit in self.units if unit.role in ("department", "commune")]
        departments = [unit for unit in level_one if unit.role == "department"]
        communes = [unit for unit in level_one if unit.role == "commune"]
        groups = [("Khối thi đua các sở, ban, ngành số", departments[i:i + 5]) for i in range(0, len(departments), 5)]
        groups += [("Cụm thi đua các xã, phường số", communes[i:i + 6]) for i in range(0, len(communes), 6)]
        next_id = _next_id(Cluster)
        cluster_rows, membership_rows, office_rows = [], [], []
        for number, (label, members) in enumerate(groups, start=1):
            cluster_id = next_id + number - 1
            cluster_rows.append((cluster_id, f"{PREFIX}K{number:02d}", f"{label} {number}", "province", self.root.id,
                                 "Dữ liệu tổng hợp"))
            for member in members:
                self.cluster_of[member.id] = members
            for year_index, year in enumerate(self.years):
                membership_rows += [(cluster_id, member.id, year) for member in members]
                office_rows.append((cluster_id, members[year_index % len(members)].id, year, "head"))
                if len(members) > 1:
                    office_rows.append((cluster_id, members[(year_index + 1) % len(members)].id, year, "deputy"))
        self.writer.insert(Cluster, ["id", "code", "name", "level", "organizer", "description"], cluster_rows)
        self.writer.insert(ClusterMembership, ["cluster", "unit", "year"], membership_rows)
        self.writer.insert(ClusterOffice, ["cluster", "unit", "year", "role"], office_rows)

    # --- people -------------------------------------------------------------------------
    def _allocate(self) -> list[PlannedUnit]:
        """One unit per person, proportional to PEOPLE_WEIGHTS, deterministic order."""
        weights = [PEOPLE_WEIGHTS[unit.role] for unit in self.units]
        total_weight = sum(weights)
        allocation, cumulative = [], 0.0
        for unit, weight in zip(self.units, weights):
            cumulative += weight * self.n_people / total_weight
            count = round(cumulative) - len(allocation)
            allocation.extend([unit] * max(count, 0))
        allocation.extend([self.units[-1]] * (self.n_people - len(allocation)))
        return allocation[: self.n_people]

    def _name(self, gender: str) -> str:
        """Surname, middle name, given name; one person in eight gets a second middle name."""
        rng = self.rng
        middle = demo_data.MIDDLE_NAMES_FEMALE if gender == "female" else demo_data.MIDDLE_NAMES_MALE
        given = demo_data.GIVEN_NAMES_FEMALE if gender == "female" else demo_data.GIVEN_NAMES_MALE
        name = f"{rng.choice(demo_data.SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
        if rng.random() < 0.25 and rng.random() < 0.5:
            name = (f"{rng.choice(demo_data.SURNAMES)} {rng.choice(middle)} {rng.choice(middle)} "
                    f"{rng.choice(given)}")
        return name

    def _folded(self, name: str) -> tuple[str, str]:
        """(fold(name), name_sort_key(name)), cached: names repeat a lot."""
        folded = self.folded_names.get(name)
        if folded is None:
            folded = self.folded_names[name] = (fold(name), name_sort_key(name))
        return folded

    def build_people(self) -> None:
        allocation = self._allocate()
        self.next_person_id = _next_id(Person)
        progress_bar = Progress(self.n_people, "cá nhân", enabled=self.progress)
        units_with_leader: set[int] = set()
        earlier_units = [unit for unit in self.units if unit.role != "root"]  # where an earlier posting may be
        for start in range(0, self.n_people, self.chunk):
            end = min(start + self.chunk, self.n_people)
            batch = [self._person(index, allocation[index], units_with_leader, earlier_units)
                     for index in range(start, end)]
            self._write_people(batch)
            progress_bar.update(start + len(batch))

    def _person(self, index: int, unit: PlannedUnit, units_with_leader: set, earlier_units: list[PlannedUnit]) -> dict:
        """One person: the first person of a unit leads it; 15 % had an earlier posting elsewhere."""
        rng = self.rng
        gender = "female" if rng.random() < 0.48 else "male"
        name = self._name(gender)
        birth_year = rng.randint(1966, 2001)
        leader = unit.id not in units_with_leader
        units_with_leader.add(unit.id)
        staff_type = self._staff_type(unit)
        start_year = min(LAST_YEAR, max(birth_year + 22, 2000 + int(rng.random() ** 0.7 * 26)))
        start = datetime.date(start_year, rng.choice((1, 3, 4, 7, 8, 9, 10)), 1)
        previous = None  # (unit, start) of an earlier posting
        if rng.random() < 0.15 and start_year > birth_year + 24:
            previous_unit = rng.choice(earlier_units)
            previous = (previous_unit, datetime.date(max(birth_year + 22, start_year - rng.randint(2, 8)), 1, 1))
        first_day = previous[1] if previous else start
        party_member = rng.random() < (0.8 if leader else 0.28)
        years = [year for year in self.years if year >= first_day.year]
        facts = person_history(rng, years=years, profile=pick_profile(rng), party=party_member,
                               first_months=13 - first_day.month if first_day.year >= self.years[0] else 12,
                               discipline_rate=0.003)
        birth_date = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        party_start = datetime.date(max(birth_year + 19, first_day.year - rng.randint(0, 4)), 5, 19)
        position = self._position(unit, leader, rng)
        return {"id": self.next_person_id + index, "index": index, "name": name, "gender": gender,
                "birth": birth_date, "unit": unit, "leader": leader, "staff_type": staff_type, "start": start,
                "previous": previous, "party": party_member, "party_start": party_start, "facts": facts,
                "position": position}

    @staticmethod
    def _staff_type(unit: PlannedUnit) -> str:
        if unit.top is not None and unit.top.name == ARMED_FORCES_DEPARTMENT:
            return "armed_forces"
        if unit.role in ("center", "center_division", "school"):
            return "public_employee" if unit.id % 10 else "worker"
        if unit.role == "commune":
            return "cadre"
        return "civil_servant"

    @staticmethod
    def _position(unit: PlannedUnit, leader: bool, rng: Random) -> str:
        if leader:
            return LEADER_POSITIONS[unit.role]
        if unit.role == "school":
            return rng.choice(("Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên", "Y sĩ"))
        return rng.choice(demo_data.POSITIONS_STAFF)

    def _write_people(self, batch: list[dict]) -> None:
        """The rows of a batch of people: person, postings, membership, leave and yearly facts."""
        person_rows, posting_rows, membership_rows, leave_rows = [], [], [], []
        facts_rows = {"years": [], "awards": [], "initiatives": [], "disciplines": []}
        for person in batch:
            unit, person_id, index = person["unit"], person["id"], person["index"]
            party_card = f"G{index:09d}" if person["party"] else None
            person_rows.append((
                person_id, f"{CCCD_PREFIX}{index:010d}", party_card, person["name"], *self._folded(person["name"]),
                person["birth"], person["gender"], person["start"], unit.id, unit.path, person["position"],
                person["staff_type"], person["leader"], unit.party_id if person["party"] else None,
                unit.party_path if person["party"] else "", person["party"]))
            grade_group = "lanh_dao" if person["leader"] else "chuyen_mon"
            if person["previous"]:
                previous_unit, previous_start = person["previous"]
                posting_rows.append((person_id, previous_unit.id, "Chuyên viên", self._staff_type(previous_unit),
                                     False, "chuyen_mon", False, previous_start,
                                     person["start"] - datetime.timedelta(days=1), ""))
            posting_rows.append((person_id, unit.id, person["position"], person["staff_type"], person["leader"],
                                 grade_group, False, person["start"], None, f"{index % 900 + 1}/QĐ-UBND"))
            if person["party"]:
                membership_rows.append((person_id, unit.party_id, party_card, person["party_start"], None, "full"))
            if person["gender"] == "female" and index % 23 == 0 and person["birth"].year > 1985:
                leave_rows.append((person_id, "maternity", datetime.date(2022, 3, 1), datetime.date(2022, 8, 31),
                                   "Nghỉ thai sản"))
            self._facts_rows(person, facts_rows)
        self.writer.insert(Person, ["id", "citizen_id", "party_card_no", "full_name", "name_folded", "sort_key",
                                    "birth_date",
                                    "gender", "recruited_on", "unit", "unit_path", "position", "staff_type",
                                    "is_leader", "party_org", "party_path", "is_party_member"], person_rows)
        self.writer.insert(Posting, ["person", "unit", "position", "staff_type", "is_leader", "grade_group",
                                     "is_secondment", "start", "end", "decision_no"], posting_rows)
        self.writer.insert(PartyMembership, ["person", "party_org", "card_no", "start", "end", "status"],
                           membership_rows)
        self.writer.insert(Leave, ["person", "kind", "start", "end", "note"], leave_rows)
        self.writer.insert(YearRecord, ["person", "year", "source", "track", "grade", "months_worked"],
                           facts_rows["years"])
        self.writer.insert(Award, ["person", "year", "source", "code", "category", "kind", "decision_no",
                                   "decision_date", "authority"], facts_rows["awards"])
        self.writer.insert(Initiative, ["person", "year", "source", "title", "level", "kind", "recognized_on",
                                        "decision_no"], facts_rows["initiatives"])
        self.writer.insert(Discipline, ["person", "year", "source", "form", "track", "decided_on", "served_from",
                                        "served_to", "decision_no"], facts_rows["disciplines"])

    def _facts_rows(self, person: dict, rows: dict[str, list]) -> None:
        """A person's yearly facts as rows, and their counts per unit and year for the collectives."""
        person_id, armed = person["id"], person["staff_type"] == "armed_forces"
        for facts in person["facts"]:
            previous = person["previous"]
            unit = previous[0] if previous and facts.year < person["start"].year else person["unit"]
            rows["years"].append((person_id, facts.year, "generated", "government", facts.grade, facts.months))
            if facts.party_grade:
                rows["years"].append((person_id, facts.year, "generated", "party", facts.party_grade, None))
            for number, level in enumerate(facts.initiatives, start=1):
                topic = demo_data.INITIATIVE_TOPICS[(person_id + number - 1) % len(demo_data.INITIATIVE_TOPICS)]
                title = f"Sáng kiến {facts.year}-{number}: {topic}"
                rows["initiatives"].append((person_id, facts.year, "generated", title, level, "initiative",
                                            datetime.date(facts.year, 11, 20), f"{person_id % 400 + 1}/QĐ-HĐSK"))
            for code in facts.titles:
                code = "CSTT" if armed and code == "LDTT" else code  # the armed forces' equivalent of LĐTT
                decision_no, decision_date, authority = self._decision(unit, code, facts.year)
                rows["awards"].append((person_id, facts.year, "generated", code, category_of(code), "regular",
                                       decision_no, decision_date, authority))
            if facts.discipline:
                rows["disciplines"].append((person_id, facts.year, "generated", facts.discipline, "government",
                                            datetime.date(facts.year, 9, 15), datetime.date(facts.year, 9, 15),
                                            datetime.date(facts.year + 1, 3, 14), f"{person_id % 90 + 10}/QĐ-KL"))
            counts = self.unit_year_counts.setdefault((unit.id, facts.year), [0, 0, 0, 0, 0])
            counts[0] += 1
            counts[1] += facts.grade != "incomplete"
            counts[2] += "LDTT" in facts.titles
            counts[3] += "CSTDCS" in facts.titles
            counts[4] += facts.discipline in DISCIPLINE_COUNTED

    def _decision(self, unit: PlannedUnit, code: str, year: int) -> tuple:
        """(decision number, date, authority) of an award: the Prime Minister, the province, or the
        head of the level-1 unit (sở or xã)."""
        if code == "BK_TTG":
            return f"{(year * 7) % 1900 + 100}/QĐ-TTg", datetime.date(year + 1, 6, 12), "Thủ tướng Chính phủ"
        if code in ("BK_BO", "CSTD_BO", "CO_BO"):
            return (f"{(year * 13) % 900 + 100}/QĐ-UBND", datetime.date(year + 1, 3, 20),
                    "Chủ tịch UBND tỉnh Sông Hậu")
        top = unit.top or self.root
        return (f"{(top.id * 31 + year) % 900 + 10}/QĐ-{top.code[2:]}", datetime.date(year + 1, 1, 15),
                f"Thủ trưởng {top.name}")

    def build_collectives(self) -> None:
        """Each unit's grade, titles and member counts per year; a random rank within its cluster."""
        year_rows, award_rows, stats_rows = [], [], []
        ranks = {}
        distinct_clusters = {id(members): members for members in self.cluster_of.values()}.values()
        for members in distinct_clusters:
            for year in self.years:
                order = sorted(members, key=lambda _member: self.rng.random())
                for rank, member in enumerate(order, start=1):
                    ranks[(member.id, year)] = (rank, len(members))
        for unit in self.units:
            if unit.role == "root":
                continue
            for year in self.years:
                counts = self.unit_year_counts.get((unit.id, year), (0, 0, 0, 0, 0))
                total, completed, ldtt, cstdcs, disciplined = counts
                grade = unit_grade(self.rng)
                year_rows.append((unit.id, year, "generated", "government", grade))
                for code in collective_titles(self.rng, total=total, ldtt=ldtt, cstdcs=cstdcs, disciplined=disciplined,
                                              grade=grade):
                    decision_no, decision_date, authority = self._decision(unit, code, year)
                    award_rows.append((unit.id, year, "generated", code, "title", "regular", decision_no, decision_date,
                                       authority))
                rank, size = ranks.get((unit.id, year), (None, None))
                stats_rows.append((unit.id, year, total, completed, ldtt, cstdcs, disciplined, rank, size, "generated"))
        self.writer.insert(YearRecord, ["unit", "year", "source", "track", "grade"], year_rows)
        self.writer.insert(Award, ["unit", "year", "source", "code", "category", "kind", "decision_no",
                                   "decision_date", "authority"], award_rows)
        self.writer.insert(CollectiveStats, ["unit", "year", "total", "completed", "ldtt", "cstdcs", "disciplined",
                                             "cluster_rank", "cluster_size", "source"], stats_rows)

    def run(self) -> dict:
        """Generate everything in one transaction; returns the summary also written to the audit log."""
        started = time.monotonic()
        with transaction.atomic():
            self.build_units()
            self.write_units()
            self.build_party()
            self.build_clusters()
            self.build_people()
            self.build_collectives()
            with connection.cursor() as cursor:  # the ids were given here: move the sequences past them
                for sql in connection.ops.sequence_reset_sql(no_style(), [Unit, PartyOrg, Person, Cluster]):
                    cursor.execute(sql)
            summary = {"people": self.n_people, "units": len(self.units), "years": self.years,
                       "seed": self.seed, "rows": self.writer.counts, "seconds": round(time.monotonic() - started, 1)}
            audit_bulk(actor=ACTOR, rows=[AuditEvent(
                action=AuditEvent.CREATE, verb="generate", object_type="synth.generate",
                object_id=str(self.seed), object_repr=f"Dữ liệu tổng hợp: {self.n_people} cá nhân, "
                                                      f"{len(self.units)} đơn vị", after=summary)])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary["seconds"] = round(time.monotonic() - started, 1)
        return summary
