"""Import benchmark: `bench_import(n_people=100_000, years=10)` (called by bench/run.py after
django.setup(), in a child process against a fresh database).

Generates (deterministically, seed 2025; not timed) a units file (~2,000 units), a people file
and a history file (one row per person and year), cached under var/bench-cache/ (the 100k files
take minutes to generate), imports the units,
then times parse + validate + write of the people and history files through the same service
the upload page and the CLI use (`import_file`).

It assumes a database without the generated data (unit codes "BM…", CCCDs starting "0990"):
run it on an empty, migrated database. It does not clean up (audit events are append-only)."""
import datetime
import random
import tempfile
import time
from pathlib import Path

from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.imports import exports
from thidua.imports.layout import GRADE_CHOICES
from thidua.imports.services import import_file
from thidua.organizations.models import Unit

SEED = 2025
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tạ", "Cao", "Hà", "Lương"]
MIDDLE_NAMES_MALE = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Quang", "Trọng"]
MIDDLE_NAMES_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Phương", "Hồng", "Thùy", "Mỹ", "Bích", "Diệu"]
GIVEN_NAMES_MALE = ["Thắng", "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Phong", "Quân", "Khoa", "Bình", "Toàn",
                    "Trung", "Hiếu", "Đạt", "Cường", "Thành", "Vinh", "Lộc", "Tài", "Phúc", "Khánh", "Duy"]
GIVEN_NAMES_FEMALE = ["Lan", "Hương", "Mai", "Hoa", "Linh", "Trang", "Thảo", "Ngân", "Hà", "Yến", "Nhung", "Vân", "Loan",
                      "Hạnh", "Dung", "Thủy", "Oanh", "Quyên", "Châu", "Tâm", "Giang", "Hằng", "Nga", "Phượng"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Cán sự", "Nhân viên", "Kế toán viên", "Thanh tra viên"]
LEADER_POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng"]
STAFF = ["Công chức", "Công chức", "Viên chức", "Viên chức", "Người lao động", "Cán bộ"]
PROVINCES = ["Đồng Tháp", "An Giang", "Cần Thơ", "Vĩnh Long", "Tây Ninh", "Lâm Đồng", "Gia Lai", "Đắk Lắk",
             "Khánh Hòa", "Quảng Ngãi", "Huế", "Quảng Trị", "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Ninh Bình",
             "Hưng Yên", "Hải Phòng", "Bắc Ninh", "Thái Nguyên"]
DIVISIONS = ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Phòng Thi đua – Khen thưởng",
             "Phòng Pháp chế", "Phòng Thanh tra", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"]


def _vn_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def generate_units(rng: random.Random, n_departments: int = 20, per_department: int = 99) -> list[list]:
    rows = [["BM", "Bộ Mẫu (đo hiệu năng)", "ministry", "", "x", "01/01/2000"]]
    for i in range(n_departments):
        dept = f"BM{i + 1:02d}"
        rows.append([dept, f"Sở Tư pháp {PROVINCES[i % len(PROVINCES)]} {i + 1}", "provincial_department", "BM", "x",
                     "01/07/2025"])
        for j in range(per_department):
            rows.append([f"{dept}_{j + 1:03d}", f"{DIVISIONS[j % len(DIVISIONS)]} {j + 1}", "division", dept, "",
                         "01/07/2025"])
    rng.shuffle(rows)   # parents may follow their children: the import must cope
    return rows


def _name(rng: random.Random, female: bool) -> str:
    middle, given = (MIDDLE_NAMES_FEMALE, GIVEN_NAMES_FEMALE) if female else (MIDDLE_NAMES_MALE, GIVEN_NAMES_MALE)
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"


def generate_people(rng: random.Random, n: int, unit_codes: list[str]) -> tuple[list[list], list[bool]]:
    rows, party = [], []
    for i in range(n):
        female = rng.random() < 0.52
        birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 36))
        start = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 19))
        leader = rng.random() < 0.08
        member = rng.random() < 0.35
        party.append(member)
        dept = rng.choice(unit_codes)
        rows.append([
            f"0990{i:08d}", _name(rng, female), _vn_date(birth), "Nữ" if female else "Nam", dept, rng.choice(STAFF),
            rng.choice(LEADER_POSITIONS if leader else POSITIONS), "x" if leader else "", "Chuyên viên",
            _vn_date(start), _vn_date(start), f"BM{i:08d}" if member else "", "", "",
        ])
    return rows, party


def generate_history(rng: random.Random, n: int, years: int, party: list[bool]):
    first = datetime.date.today().year - years
    for i in range(n):
        cccd = f"0990{i:08d}"
        for year in range(first, first + years):
            r = rng.random()
            grade = 0 if r < 0.15 else 1 if r < 0.75 else 2 if r < 0.97 else 3
            titles, forms = [], []
            if grade <= 1 and rng.random() < 0.6:
                titles.append("LDTT")
                if grade == 0 and rng.random() < 0.3:
                    titles.append("CSTDCS")
            if grade == 0 and rng.random() < 0.3:
                forms.append("GK")
            row = [cccd, "", year, GRADE_CHOICES[grade], GRADE_CHOICES[min(grade + 1, 3)] if party[i] else "", 12,
                   ", ".join(titles), ", ".join(forms), "", "", "", "", "", "", ""]
            if titles or forms:
                row[9], row[10], row[11] = f"{rng.randrange(1, 300)}/QĐ-BM", _vn_date(datetime.date(year + 1, 1, 15)), "Bộ trưởng"
            if "CSTDCS" in titles:
                row[12], row[13] = f"Sáng kiến cải tiến quy trình số {i}-{year}", "Cơ sở"
            if rng.random() < 0.004:
                row[14] = "Khiển trách"
            yield row


def write_files(directory: Path, n_people: int, years: int, seed: int = SEED) -> dict[str, Path]:
    rng = random.Random(seed)
    units = generate_units(rng)
    divisions = [r[0] for r in units if r[2] == "division"]
    people, party = generate_people(rng, n_people, divisions)
    paths = {k: directory / f"{k}.xlsx" for k in ("units", "people", "history")}
    exports.write_xlsx("units", units, target=paths["units"])
    exports.write_xlsx("people", people, target=paths["people"])
    exports.write_xlsx("history", generate_history(rng, n_people, years, party), target=paths["history"])
    return paths


CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "bench-cache"


def cached_files(n_people: int, years: int, seed: int = SEED, cache_dir: Path | None = None) -> dict[str, Path]:
    """The generated files, written once under var/bench-cache/ (keyed by size, years, seed and first year)."""
    first = datetime.date.today().year - years
    target = (cache_dir or CACHE_DIR) / f"n{n_people}-y{years}-from{first}-s{seed}"
    paths = {k: target / f"{k}.xlsx" for k in ("units", "people", "history")}
    if not all(p.exists() for p in paths.values()):
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target) as tmp:
            made = write_files(Path(tmp), n_people, years, seed)
            for k, p in made.items():
                p.replace(paths[k])
    return paths


def bench_import(n_people: int = 100_000, years: int = 10, directory: str | None = None, verbose: bool = False,
                 cache: bool = True) -> dict:
    """Time people + history import (parse, validate, write) on the configured database.

    The generated files are cached under var/bench-cache/ (`cache=False`: a temporary directory)."""
    if Unit.objects.filter(code="BM").exists():
        raise RuntimeError("bench_import cần một cơ sở dữ liệu chưa có dữ liệu đo (đơn vị BM đã tồn tại).")
    actor, scope = Actor(user=None, request_id="bench"), Scope(is_admin=True)
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        t = time.perf_counter()
        paths = cached_files(n_people, years) if cache else write_files(Path(tmp), n_people, years)
        gen = time.perf_counter() - t
        timings, rows = {}, {}
        for kind in ("units", "people", "history"):
            t = time.perf_counter()
            res = import_file(actor=actor, scope=scope, kind=kind, source=paths[kind])
            timings[kind] = time.perf_counter() - t
            rows[kind] = res.rows
            if not res.written:
                raise RuntimeError(f"bench {kind}: {res.error_count} lỗi, vd: {[str(e) for e in res.errors[:3]]}")
            if verbose:
                print(f"{kind}: {res.rows} dòng, {timings[kind]:.1f} s, {res.objects}", flush=True)
    return {
        "import.people_100k_s": round(timings["people"] + timings["history"], 2),
        "import.people_100k_rows": n_people,
        "import.people_s": round(timings["people"], 2),
        "import.history_s": round(timings["history"], 2),
        "import.history_rows": rows["history"],
        "import.units_s": round(timings["units"], 2),
        "import.generate_s": round(gen, 2),
    }
