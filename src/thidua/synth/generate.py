"""A province-sized synthetic organisation for benchmarks, written in bulk.

Everything generated is marked: unit, party-org and cluster codes start with "G-", citizen IDs
with "99", party cards with "G", rows with source="generated". One AuditEvent summarises a run.
Denormalised columns (Person.unit/unit_path/party_path…, Unit.path/depth) are computed here
exactly as the services would set them. PostgreSQL gets COPY, other databases executemany.
"""
import datetime
import sys
import time
from dataclasses import dataclass, field
from random import Random

from django.core.management.color import no_style
from django.db import connection, transaction

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_bulk
from thidua.common.context import Actor
from thidua.common.text import fold
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
from thidua.synth import demo_data as dd
from thidua.synth.history import collective_titles, person_history, pick_profile, unit_grade

D = datetime.date
PREFIX = "G-"
CCCD_PREFIX = "99"
LAST_YEAR = 2025
ACTOR = Actor(user=None, request_id="generate")
MSG_EXISTS = ("Dữ liệu tổng hợp đã có ({n} đơn vị mã 'G-'). Dùng --replace để xóa và sinh lại.")

DEPTS = ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Sở Y tế",
         "Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
         "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
         "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Ban Quản lý các khu công nghiệp", "Sở Ngoại vụ",
         "Đài Phát thanh và Truyền hình tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ban Quản lý dự án đầu tư xây dựng",
         "Liên minh Hợp tác xã tỉnh"]
ARMED = "Bộ Chỉ huy Quân sự tỉnh"
DIVISIONS = ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Phòng Pháp chế",
             "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Thanh tra",
             "Phòng Quản lý chuyên ngành", "Phòng Hành chính – Tổng hợp"]
CENTERS = ["Trung tâm Dịch vụ công", "Trung tâm Thông tin", "Trung tâm Đào tạo, bồi dưỡng", "Trung tâm Kiểm định",
           "Trung tâm Tư vấn", "Trung tâm Lưu trữ"]
CENTER_DIVS = ["Phòng Hành chính", "Phòng Nghiệp vụ", "Phòng Dịch vụ"]
COMMUNE_DIVS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội",
                "Trung tâm Phục vụ hành chính công"]
SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế"]
PLACE = ["An", "Bình", "Hòa", "Tân", "Mỹ", "Phú", "Long", "Thạnh", "Hưng", "Lợi", "Đông", "Tây", "Thuận",
         "Phước", "Vĩnh", "Hiệp", "Thới", "Lộc", "Khánh", "Nhơn", "Định", "Điền", "Quới", "Sơn", "Trung", "Hội"]
WEIGHTS = {"root": 10, "dept": 15, "division": 12, "center": 20, "center_div": 15, "commune": 15,
           "commune_div": 10, "school": 60}


@dataclass
class U:
    id: int
    code: str
    name: str
    kind: str
    role: str
    parent: "U | None"
    legal: bool
    path: str = ""
    depth: int = 0
    top: "U | None" = None  # the level-1 ancestor (sở or xã) that confers LĐTT/CSTĐCS
    party_id: int = 0
    party_path: str = ""
    people: list = field(default_factory=list)


class Progress:
    def __init__(self, total: int, label: str, stream=sys.stderr, enabled: bool = True):
        self.total, self.label, self.stream, self.enabled = max(total, 1), label, stream, enabled
        self.t0, self.last = time.monotonic(), -1

    def update(self, done: int, note: str = "") -> None:
        pct = int(100 * done / self.total)
        if not self.enabled or (pct == self.last and done < self.total):
            return
        self.last = pct
        bar = "#" * (pct // 4) + "-" * (25 - pct // 4)
        self.stream.write(f"\r{self.label:<12} [{bar}] {pct:3d}% {done}/{self.total} "
                          f"{time.monotonic() - self.t0:5.1f}s {note:<24}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


class Writer:
    """Insert tuples fast: COPY on PostgreSQL, executemany elsewhere. Missing columns get defaults."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}

    def insert(self, model, fields: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        meta = model._meta
        given = [meta.get_field(f) for f in fields]
        extra = [f for f in meta.concrete_fields if f.name not in fields and f.attname not in fields
                 and not f.primary_key]
        cols = [f.column for f in given + extra]
        defaults = tuple(_default(f) for f in extra)
        table = connection.ops.quote_name(meta.db_table)
        collist = ", ".join(connection.ops.quote_name(c) for c in cols)
        with connection.cursor() as cur:
            if self.pg:
                with cur.cursor.copy(f"COPY {table} ({collist}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r + defaults)
            else:
                sql = f"INSERT INTO {table} ({collist}) VALUES ({', '.join(['%s'] * len(cols))})"
                cur.executemany(sql, [tuple(_sqlite(v) for v in r + defaults) for r in rows])
        self.counts[meta.label] = self.counts.get(meta.label, 0) + len(rows)


def _default(f):
    if f.has_default():
        return f.get_default()
    if f.null:
        return None
    if f.get_internal_type() in ("CharField", "TextField", "EmailField"):
        return ""
    if f.get_internal_type() == "BooleanField":
        return False
    if f.get_internal_type() == "DateTimeField":  # auto_now_add columns
        from django.utils import timezone
        return timezone.now()
    raise ValueError(f"no default for {f}")


def _sqlite(v):
    return v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v


def _next_id(model) -> int:
    from django.db.models import Max
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def generated_exists() -> int:
    return Unit.objects.filter(code__startswith=PREFIX).count()


def delete_generated(log=lambda s: None) -> None:
    """Remove everything a previous run generated (fast raw deletes; the audit log stays)."""
    db = connection.alias
    people = Person.objects.filter(citizen_id__startswith=CCCD_PREFIX).values("id")
    units = Unit.objects.filter(code__startswith=PREFIX).values("id")
    with transaction.atomic():
        for model in (YearRecord, Award, Initiative, Discipline):
            model.objects.filter(person_id__in=people)._raw_delete(db)
            model.objects.filter(unit_id__in=units)._raw_delete(db)
        CollectiveStats.objects.filter(unit_id__in=units)._raw_delete(db)
        for model in (Posting, PartyMembership, Leave):
            model.objects.filter(person_id__in=people)._raw_delete(db)
        Person.objects.filter(citizen_id__startswith=CCCD_PREFIX)._raw_delete(db)
        clusters = Cluster.objects.filter(code__startswith=PREFIX).values("id")
        ClusterOffice.objects.filter(cluster_id__in=clusters)._raw_delete(db)
        ClusterMembership.objects.filter(cluster_id__in=clusters)._raw_delete(db)
        Cluster.objects.filter(code__startswith=PREFIX)._raw_delete(db)
        UnitSuccession.objects.filter(predecessor_id__in=units)._raw_delete(db)
        from thidua.accounts.models import RoleAssignment
        RoleAssignment.objects.filter(unit_id__in=units).delete()
        PartyOrg.objects.filter(code__startswith=PREFIX)._raw_delete(db)
        Unit.objects.filter(code__startswith=PREFIX)._raw_delete(db)
    log("Đã xóa dữ liệu tổng hợp cũ.")


class Generator:
    def __init__(self, *, people: int, years: int, units: int, seed: int, progress: bool = True,
                 chunk: int = 5000):
        self.n_people, self.n_units, self.seed, self.chunk = people, units, seed, chunk
        self.years = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
        self.rng = Random(seed)
        self.w = Writer()
        self.progress = progress
        self.units: list[U] = []
        self.stats: dict[tuple[int, int], list[int]] = {}
        self.name_cache: dict[str, str] = {}

    # --- units --------------------------------------------------------------------------
    def _add(self, code, name, kind, role, parent, legal=False) -> U:
        u = U(id=self.next_unit, code=f"{PREFIX}{code}", name=name, kind=kind, role=role, parent=parent, legal=legal)
        self.next_unit += 1
        u.path = f"{parent.path if parent else '/'}{u.id}/"
        u.depth = u.path.count("/") - 2
        u.top = u if parent is not None and parent.parent is None else (parent.top if parent else None)
        self.units.append(u)
        return u

    def build_units(self) -> None:
        self.next_unit = _next_id(Unit)
        total = max(self.n_units, 10)
        root = self._add("TINH", "Tỉnh Sông Hậu (dữ liệu tổng hợp)", "province", "root", None, True)
        n_dept = max(2, min(len(DEPTS) * 3, total // 100))
        dept_budget = (total - 1) * 0.25 / n_dept
        n_div = max(1, round((dept_budget - 1) * 0.35))
        n_ctr = max(0, round((dept_budget - 1 - n_div) / 4))
        for i in range(n_dept):
            name = DEPTS[i % len(DEPTS)] + (f" {i // len(DEPTS) + 1}" if i >= len(DEPTS) else "")
            dept = self._add(f"S{i:02d}", name, "provincial_department", "dept", root, True)
            for j in range(n_div):
                self._add(f"S{i:02d}-P{j:02d}", DIVISIONS[j % len(DIVISIONS)] + _nth(j, len(DIVISIONS)),
                          "division", "division", dept)
            for j in range(n_ctr):
                c = self._add(f"S{i:02d}-T{j:02d}", CENTERS[j % len(CENTERS)] + _nth(j, len(CENTERS)),
                              "public_service_unit", "center", dept, True)
                for k, dn in enumerate(CENTER_DIVS):
                    self._add(f"S{i:02d}-T{j:02d}-P{k}", dn, "division", "center_div", c)
        remaining = total - len(self.units)
        n_comm = max(2, round(remaining / 15))
        budget = remaining / n_comm
        names = self._place_names(n_comm)
        for i in range(n_comm):
            is_ward = i % 3 == 0
            c = self._add(f"X{i:03d}", f"{'Phường' if is_ward else 'Xã'} {names[i]}", "commune", "commune", root, True)
            n_cd = int(min(4, max(1, budget - 1)))
            for j in range(n_cd):
                self._add(f"X{i:03d}-P{j}", COMMUNE_DIVS[j], "division", "commune_div", c)
            for j in range(max(0, round(budget - 1 - n_cd))):
                self._add(f"X{i:03d}-T{j:02d}", f"{SCHOOLS[j % 4]} {names[i]}{_nth(j, 4)}",
                          "public_service_unit", "school", c, True)
        self.root = root

    def _place_names(self, n: int) -> list[str]:
        out, seen = [], set()
        while len(out) < n:
            name = f"{self.rng.choice(PLACE)} {self.rng.choice(PLACE)}"
            name = name if name not in seen and name.split()[0] != name.split()[1] else f"{name} {len(out) + 1}"
            seen.add(name)
            out.append(name)
        return out

    def build_party(self) -> None:
        next_id = _next_id(PartyOrg)
        rows = []
        for u in self.units:
            u.party_id = next_id
            next_id += 1
            u.party_path = f"{u.parent.party_path if u.parent else '/'}{u.party_id}/"
            kind = ("committee" if u.role == "root" else
                    "grassroots_committee" if u.role in ("dept", "commune") else
                    "part_committee" if u.role == "center" else "cell")
            prefix = "Đảng bộ" if kind != "cell" else "Chi bộ"
            name = f"{prefix} {u.name}" if u.role != "root" else "Đảng bộ tỉnh Sông Hậu"
            rows.append((u.party_id, f"{PREFIX}DB-{u.code[2:]}", name[:255], kind,
                         u.parent.party_id if u.parent else None, u.party_path, u.party_path.count("/") - 2, u.id,
                         D(2010, 1, 1), None))
        self.w.insert(PartyOrg, ["id", "code", "name", "kind", "parent", "path", "depth", "unit", "valid_from",
                                 "valid_to"], rows)

    def write_units(self) -> None:
        rows = [(u.id, u.code, u.name, fold(u.name), "", u.kind, u.parent.id if u.parent else None, u.path, u.depth,
                 u.legal, D(2010, 1, 1), None, i) for i, u in enumerate(self.units)]
        self.w.insert(Unit, ["id", "code", "name", "name_folded", "short_name", "kind", "parent", "path", "depth",
                             "has_legal_personality", "valid_from", "valid_to", "sort_order"], rows)

    def build_clusters(self) -> None:
        tops = [u for u in self.units if u.role in ("dept", "commune")]
        depts = [u for u in tops if u.role == "dept"]
        communes = [u for u in tops if u.role == "commune"]
        groups = [("Khối thi đua các sở, ban, ngành số", depts[i:i + 5]) for i in range(0, len(depts), 5)]
        groups += [("Cụm thi đua các xã, phường số", communes[i:i + 6]) for i in range(0, len(communes), 6)]
        next_id = _next_id(Cluster)
        crow, mrows, orows = [], [], []
        self.cluster_of: dict[int, list[U]] = {}
        for k, (label, members) in enumerate(groups, start=1):
            cid = next_id + k - 1
            crow.append((cid, f"{PREFIX}K{k:02d}", f"{label} {k}", "province", self.root.id, "Dữ liệu tổng hợp"))
            for m in members:
                self.cluster_of[m.id] = members
            for yi, year in enumerate(self.years):
                mrows += [(cid, m.id, year) for m in members]
                orows.append((cid, members[yi % len(members)].id, year, "head"))
                if len(members) > 1:
                    orows.append((cid, members[(yi + 1) % len(members)].id, year, "deputy"))
        self.w.insert(Cluster, ["id", "code", "name", "level", "organizer", "description"], crow)
        self.w.insert(ClusterMembership, ["cluster", "unit", "year"], mrows)
        self.w.insert(ClusterOffice, ["cluster", "unit", "year", "role"], orows)

    # --- people -------------------------------------------------------------------------
    def _allocate(self) -> list[U]:
        """One unit per person, proportional to WEIGHTS, deterministic order."""
        weights = [WEIGHTS[u.role] for u in self.units]
        total_w = sum(weights)
        alloc, acc = [], 0.0
        for u, w in zip(self.units, weights):
            acc += w * self.n_people / total_w
            n = round(acc) - len(alloc)
            alloc.extend([u] * max(n, 0))
        alloc.extend([self.units[-1]] * (self.n_people - len(alloc)))
        return alloc[: self.n_people]

    def _name(self, gender: str) -> str:
        r = self.rng
        middle = dd.MIDDLE_F if gender == "female" else dd.MIDDLE_M
        given = dd.GIVEN_F if gender == "female" else dd.GIVEN_M
        name = f"{r.choice(dd.SURNAMES)} {r.choice(middle)} {r.choice(given)}"
        if r.random() < 0.25:
            name = f"{r.choice(dd.SURNAMES)} {r.choice(middle)} {r.choice(middle if gender == 'male' else dd.MIDDLE_F)} " \
                   f"{r.choice(given)}" if r.random() < 0.5 else name
        return name

    def _folded(self, name: str) -> str:
        f = self.name_cache.get(name)
        if f is None:
            f = self.name_cache[name] = fold(name)
        return f

    def build_people(self) -> None:
        alloc = self._allocate()
        self.next_person = _next_id(Person)
        bar = Progress(self.n_people, "cá nhân", enabled=self.progress)
        seen_leader: set[int] = set()
        others = [u for u in self.units if u.role != "root"]
        for start in range(0, self.n_people, self.chunk):
            batch = [self._person(i, alloc[i], seen_leader, others) for i in range(start, min(start + self.chunk,
                                                                                               self.n_people))]
            self._write_people(batch)
            bar.update(start + len(batch))

    def _person(self, i: int, unit: U, seen_leader: set, others: list[U]) -> dict:
        r = self.rng
        gender = "female" if r.random() < 0.48 else "male"
        name = self._name(gender)
        birth = r.randint(1966, 2001)
        leader = unit.id not in seen_leader
        seen_leader.add(unit.id)
        staff_type = self._staff_type(unit)
        start_year = min(LAST_YEAR, max(birth + 22, 2000 + int(r.random() ** 0.7 * 26)))
        start = D(start_year, r.choice((1, 3, 4, 7, 8, 9, 10)), 1)
        prev = None
        if r.random() < 0.15 and start_year > birth + 24:
            prev = (r.choice(others), D(max(birth + 22, start_year - r.randint(2, 8)), 1, 1))
        first = prev[1] if prev else start
        party = r.random() < (0.8 if leader else 0.28)
        years = [y for y in self.years if y >= first.year]
        facts = person_history(r, years=years, profile=pick_profile(r), party=party,
                               first_months=13 - first.month if first.year >= self.years[0] else 12,
                               discipline_rate=0.003)
        return {"id": self.next_person + i, "i": i, "name": name, "gender": gender, "birth": D(birth, r.randint(1, 12),
                    r.randint(1, 28)), "unit": unit, "leader": leader, "staff_type": staff_type, "start": start, "prev": prev,
                    "party": party, "party_start": D(max(birth + 19, first.year - r.randint(0, 4)), 5, 19),
                    "facts": facts, "position": self._position(unit, leader, r)}

    @staticmethod
    def _staff_type(u: U) -> str:
        if u.top is not None and u.top.name == ARMED:
            return "armed_forces"
        if u.role in ("center", "center_div", "school"):
            return "public_employee" if u.id % 10 else "worker"
        if u.role == "commune":
            return "cadre"
        return "civil_servant"

    @staticmethod
    def _position(u: U, leader: bool, r: Random) -> str:
        if leader:
            return {"dept": "Giám đốc", "division": "Trưởng phòng", "center": "Giám đốc Trung tâm",
                    "center_div": "Trưởng phòng", "commune": "Chủ tịch UBND", "commune_div": "Trưởng phòng",
                    "school": "Hiệu trưởng", "root": "Chủ tịch UBND tỉnh"}[u.role]
        if u.role == "school":
            return r.choice(("Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên", "Y sĩ"))
        return r.choice(dd.POSITIONS_STAFF)

    def _write_people(self, batch: list[dict]) -> None:
        persons, postings, members, yrs, awards, inits, discs, leaves = [], [], [], [], [], [], [], []
        for p in batch:
            u, pid = p["unit"], p["id"]
            persons.append((
                pid, f"{CCCD_PREFIX}{p['i']:010d}", f"G{p['i']:09d}" if p["party"] else None, p["name"],
                self._folded(p["name"]), p["birth"], p["gender"], p["start"], u.id, u.path, p["position"],
                p["staff_type"], p["leader"], u.party_id if p["party"] else None, u.party_path if p["party"] else "",
                p["party"]))
            gg = "lanh_dao" if p["leader"] else "chuyen_mon"
            if p["prev"]:
                pu, ps = p["prev"]
                postings.append((pid, pu.id, "Chuyên viên", self._staff_type(pu), False, "chuyen_mon", False, ps,
                                 p["start"] - datetime.timedelta(days=1), ""))
            postings.append((pid, u.id, p["position"], p["staff_type"], p["leader"], gg, False, p["start"], None,
                             f"{p['i'] % 900 + 1}/QĐ-UBND"))
            if p["party"]:
                members.append((pid, u.party_id, f"G{p['i']:09d}", p["party_start"], None, "full"))
            if p["gender"] == "female" and p["i"] % 23 == 0 and p["birth"].year > 1985:
                leaves.append((pid, "maternity", D(2022, 3, 1), D(2022, 8, 31), "Nghỉ thai sản"))
            self._facts_rows(p, yrs, awards, inits, discs)
        self.w.insert(Person, ["id", "citizen_id", "party_card_no", "full_name", "name_folded", "birth_date", "gender",
                               "recruited_on", "unit", "unit_path", "position", "staff_type", "is_leader", "party_org",
                               "party_path", "is_party_member"], persons)
        self.w.insert(Posting, ["person", "unit", "position", "staff_type", "is_leader", "grade_group",
                                "is_secondment", "start", "end", "decision_no"], postings)
        self.w.insert(PartyMembership, ["person", "party_org", "card_no", "start", "end", "status"], members)
        self.w.insert(Leave, ["person", "kind", "start", "end", "note"], leaves)
        self.w.insert(YearRecord, ["person", "year", "source", "track", "grade", "months_worked"], yrs)
        self.w.insert(Award, ["person", "year", "source", "code", "category", "kind", "decision_no",
                              "decision_date", "authority"], awards)
        self.w.insert(Initiative, ["person", "year", "source", "title", "level", "kind", "recognized_on",
                                   "decision_no"], inits)
        self.w.insert(Discipline, ["person", "year", "source", "form", "track", "decided_on", "served_from",
                                   "served_to", "decision_no"], discs)

    def _facts_rows(self, p: dict, yrs, awards, inits, discs) -> None:
        pid, armed = p["id"], p["staff_type"] == "armed_forces"
        for f in p["facts"]:
            u = p["prev"][0] if p["prev"] and f.year < p["start"].year else p["unit"]
            yrs.append((pid, f.year, "generated", "government", f.grade, f.months))
            if f.party_grade:
                yrs.append((pid, f.year, "generated", "party", f.party_grade, None))
            for j, level in enumerate(f.initiatives):
                inits.append((pid, f.year, "generated", (f"Sáng kiến {f.year}-{j + 1}: "
                              f"{dd.INITIATIVE_TOPICS[(pid + j) % len(dd.INITIATIVE_TOPICS)]}"), level, "initiative",
                              D(f.year, 11, 20), f"{pid % 400 + 1}/QĐ-HĐSK"))
            for code in f.titles:
                code = "CSTT" if armed and code == "LDTT" else code
                no, date, who = self._decision(u, code, f.year)
                awards.append((pid, f.year, "generated", code, category_of(code),
                               "regular", no, date, who))
            if f.discipline:
                discs.append((pid, f.year, "generated", f.discipline, "government", D(f.year, 9, 15),
                              D(f.year, 9, 15), D(f.year + 1, 3, 14), f"{pid % 90 + 10}/QĐ-KL"))
            s = self.stats.setdefault((u.id, f.year), [0, 0, 0, 0, 0])
            s[0] += 1
            s[1] += f.grade != "incomplete"
            s[2] += "LDTT" in f.titles
            s[3] += "CSTDCS" in f.titles
            s[4] += f.discipline in ("warning", "demotion", "dismissal_from_post")

    def _decision(self, u: U, code: str, year: int) -> tuple:
        if code == "BK_TTG":
            return f"{(year * 7) % 1900 + 100}/QĐ-TTg", D(year + 1, 6, 12), "Thủ tướng Chính phủ"
        if code in ("BK_BO", "CSTD_BO", "CO_BO"):
            return f"{(year * 13) % 900 + 100}/QĐ-UBND", D(year + 1, 3, 20), "Chủ tịch UBND tỉnh Sông Hậu"
        top = u.top or self.root
        return f"{(top.id * 31 + year) % 900 + 10}/QĐ-{top.code[2:]}", D(year + 1, 1, 15), f"Thủ trưởng {top.name}"

    def build_collectives(self) -> None:
        rows_yr, rows_aw, rows_st = [], [], []
        ranks = {}
        for members in {id(m): m for m in getattr(self, "cluster_of", {}).values()}.values():
            for year in self.years:
                order = sorted(members, key=lambda _m: self.rng.random())
                for i, m in enumerate(order, start=1):
                    ranks[(m.id, year)] = (i, len(members))
        for u in self.units:
            if u.role == "root":
                continue
            for year in self.years:
                total, completed, ldtt, cstdcs, disc = self.stats.get((u.id, year), (0, 0, 0, 0, 0))
                grade = unit_grade(self.rng)
                rows_yr.append((u.id, year, "generated", "government", grade))
                for code in collective_titles(self.rng, total=total, ldtt=ldtt, cstdcs=cstdcs, disciplined=disc,
                                              grade=grade):
                    no, date, who = self._decision(u, code, year)
                    rows_aw.append((u.id, year, "generated", code, "title", "regular", no, date, who))
                rank, size = ranks.get((u.id, year), (None, None))
                rows_st.append((u.id, year, total, completed, ldtt, cstdcs, disc, rank, size, "generated"))
        self.w.insert(YearRecord, ["unit", "year", "source", "track", "grade"], rows_yr)
        self.w.insert(Award, ["unit", "year", "source", "code", "category", "kind", "decision_no", "decision_date",
                              "authority"], rows_aw)
        self.w.insert(CollectiveStats, ["unit", "year", "total", "completed", "ldtt", "cstdcs", "disciplined",
                                        "cluster_rank", "cluster_size", "source"], rows_st)

    def run(self) -> dict:
        t0 = time.monotonic()
        with transaction.atomic():
            self.build_units()
            self.write_units()
            self.build_party()
            self.build_clusters()
            self.build_people()
            self.build_collectives()
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Unit, PartyOrg, Person, Cluster]):
                    cur.execute(sql)
            summary = {"people": self.n_people, "units": len(self.units), "years": self.years,
                       "seed": self.seed, "rows": self.w.counts, "seconds": round(time.monotonic() - t0, 1)}
            audit_bulk(actor=ACTOR, rows=[AuditEvent(
                action=AuditEvent.CREATE, verb="generate", object_type="synth.generate",
                object_id=str(self.seed), object_repr=f"Dữ liệu tổng hợp: {self.n_people} cá nhân, "
                                                      f"{len(self.units)} đơn vị", after=summary)])
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        summary["seconds"] = round(time.monotonic() - t0, 1)
        return summary


def _nth(j: int, n: int) -> str:
    return f" {j // n + 1}" if j >= n else ""
