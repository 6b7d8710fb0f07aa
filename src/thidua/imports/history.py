"""Importing yearly history: grades (government and party track), titles and forms, initiatives,
discipline and a collective's member counts, one row per subject and year (more rows for the
same subject and year may add other awards or initiatives; the same fact twice is an error)."""
import re
from functools import lru_cache

from thidua.common.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.common.text import fold
from thidua.imports import reader as rd
from thidua.imports.layout import GRADE_WORDS, HISTORY_COLUMNS, LEVEL_WORDS
from thidua.imports.result import (
    MSG_CHOICE,
    MSG_OUT_OF_SCOPE,
    MSG_PERSON_OUT_OF_SCOPE,
    MSG_REQUIRED,
    MSG_TOO_LONG,
    MSG_UNIT_UNKNOWN,
    ImportResult,
)
from thidua.imports.writer import AuditLog, audit_subject_facts, insert_rows, update_rows
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.records import codes
from thidua.records.models import (
    Award,
    AwardKind,
    CollectiveStats,
    Discipline,
    DisciplineForm,
    Grade,
    Initiative,
    InitiativeLevel,
    YearRecord,
)
from thidua.records.services import MAX_YEAR, MIN_YEAR

MSG_SUBJECT = "mỗi dòng ghi Số CCCD (cá nhân) hoặc Mã đơn vị (tập thể), không ghi cả hai"
MSG_SUBJECT_MISSING = "cần Số CCCD (cá nhân) hoặc Mã đơn vị (tập thể)"
MSG_PERSON_UNKNOWN = "không tìm thấy người có số CCCD {cccd} (hãy nhập danh sách cá nhân trước)"
MSG_CCCD = "số CCCD phải gồm đúng 12 chữ số: {value}"
MSG_YEAR = f"năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}: {{value}}"
MSG_MONTHS = "số tháng công tác phải từ 0 đến 12: {value}"
MSG_TITLE = "mã danh hiệu không hợp lệ: {code}"
MSG_TITLE_WHO = "danh hiệu {code} không dành cho {who}"
MSG_FORM = "mã hình thức khen thưởng không hợp lệ: {code}"
MSG_STATS_PERSON = "số liệu tập thể chỉ ghi cho dòng có Mã đơn vị"
MSG_STATS_TOTAL = "cần Tổng số khi ghi số liệu tập thể"
MSG_STATS_GT = "{label} lớn hơn Tổng số ({total})"
MSG_RANK = "hạng trong khối lớn hơn số đơn vị trong khối"
MSG_DUP_FACT = "{what} năm {year} đã có ở dòng {row}"

CCCD_RE = re.compile(r"^\d{12}$")
SPLIT_RE = re.compile(r"[,;\n]+")
H = {c.key: c.header for c in HISTORY_COLUMNS}
GRADE_BY_WORD = {fold(v): v for v in Grade.values} | {fold(lab): v for v, lab in Grade.choices} | {
    w: g for g, words in GRADE_WORDS.items() for w in words}
LEVEL_BY_WORD = {fold(v): v for v in InitiativeLevel.values} | {fold(lab): v for v, lab in InitiativeLevel.choices} | {
    w: lv for lv, words in LEVEL_WORDS.items() for w in words}
DISC_BY_WORD = {fold(v): v for v in DisciplineForm.values} | {fold(lab): v for v, lab in DisciplineForm.choices}
KIND_BY_WORD = {fold(v): v for v in AwardKind.values} | {fold(lab): v for v, lab in AwardKind.choices} | {
    "thuong xuyen": "regular", "chuyen de": "thematic", "dot xuat": "one_off"}
STAT_KEYS = ["total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank", "cluster_size"]

YR_FIELDS = ["person_id", "unit_id", "year", "source", "track", "grade", "score", "months_worked", "note"]
AWARD_FIELDS = ["person_id", "unit_id", "year", "source", "code", "category", "kind", "decision_no", "decision_date",
                "authority"]
INIT_FIELDS = ["person_id", "unit_id", "year", "source", "title", "level", "kind", "recognized_on", "decision_no",
               "used_for"]
DISC_FIELDS = ["person_id", "unit_id", "year", "source", "form", "track", "decided_on", "served_from", "served_to",
               "decision_no"]
STATS_FIELDS = ["unit_id", "year", *STAT_KEYS, "source"]
MODELS = {"yr": YearRecord, "award": Award, "init": Initiative, "disc": Discipline, "stats": CollectiveStats}


@lru_cache(maxsize=10_000)
def _code(s: str) -> str:
    return fold(s).upper().replace(" ", "_")


_fold = lru_cache(maxsize=50_000)(fold)


def last_rows(scan) -> dict[str, int]:
    """Subject key ("P"+CCCD, "U"+unit code) → number of its last row, from `reader.Sheet.scan`."""
    out, norm = {}, {}
    for number, (cccd, ucode) in scan:
        raw = (cccd, ucode)
        key = norm.get(raw)
        if key is None:
            key = norm[raw] = ("P" + rd.citizen_id(cccd)) if cccd is not None else (
                "U" + rd.code(ucode) if ucode is not None else "")
        out[key] = number
    return out


@lru_cache(maxsize=10_000)
def _titles(cell, known_subject: bool, collective: bool) -> tuple[tuple, tuple]:
    """(awards, problems) of a "Danh hiệu" cell; cached (few distinct cells)."""
    found, problems = [], []
    for c in filter(None, (_code(s) for s in SPLIT_RE.split(rd.text(cell)))):
        if codes.category_of(c) != "title":
            problems.append(("titles", MSG_TITLE.format(code=c)))
        elif known_subject and not codes.allowed_for(c, collective=collective):
            problems.append(("titles", MSG_TITLE_WHO.format(code=c, who="tập thể" if collective else "cá nhân")))
        else:
            found.append((c, "title"))
    return tuple(found), tuple(problems)


@lru_cache(maxsize=10_000)
def _forms(cell) -> tuple[tuple, tuple]:
    found, problems = [], []
    for c in filter(None, (_code(s) for s in SPLIT_RE.split(rd.text(cell)))):
        if c not in codes.FORMS:
            problems.append(("forms", MSG_FORM.format(code=c)))
        else:
            found.append((c, "form"))
    return tuple(found), tuple(problems)


class _Subject:
    __slots__ = ("party_path", "path", "pk", "unit_path")

    def __init__(self, pk, unit_path="", party_path=""):
        self.pk, self.unit_path, self.party_path, self.path = pk, unit_path, party_path, unit_path


class HistoryImport:
    def __init__(self, scope: Scope, result: ImportResult, *, preload_people: bool = False,
                 last_rows: dict | None = None, file_name: str = ""):
        self.scope, self.result = scope, result
        self.file_name = file_name
        # subject key ("P"+CCCD / "U"+unit code) → its last row in the file (None: unknown, audit at the end)
        self.last_rows = last_rows
        self.sid_last: dict[int, int] = {}   # subject id → last row in the file
        self.created: dict[str, list] = {k: [] for k in MODELS}   # created facts not audited yet
        self.people: dict[str, tuple] = {}   # cccd → (id, ok-in-scope)
        self.units = {u["code"]: u for u in Unit.objects.values("id", "code", "path")}
        self.unit_ok: dict[str, bool] = {}
        self.seen: dict[str, dict] = {k: {} for k in MODELS}   # fact key → row number
        self.preloaded = preload_people
        if preload_people:
            self._load_people(None)

    def _load_people(self, cccds) -> None:
        qs = Person.objects.values_list("citizen_id", "id", "unit_path", "party_path")
        batches = [None] if cccds is None else [cccds[i:i + 10_000] for i in range(0, len(cccds), 10_000)]
        admin = self.scope.is_admin
        for batch in batches:
            rows = qs if batch is None else qs.filter(citizen_id__in=batch)
            for cccd, pk, upath, ppath in rows.iterator(chunk_size=20_000):
                ok = admin or self.scope.can_person(_Subject(pk, upath, ppath), "edit_history")
                self.people[cccd] = (pk, ok)

    # --- parsing ---------------------------------------------------------------------
    def _subject(self, number, v, err):
        cccd, ucode = v[0], v[1]
        if cccd is not None and ucode is not None:
            err("citizen_id", MSG_SUBJECT)
            return None
        if cccd is not None:
            cccd = rd.citizen_id(cccd)
            if not CCCD_RE.match(cccd):
                err("citizen_id", MSG_CCCD.format(value=cccd))
                return None
            found = self.people.get(cccd)
            if found is None:
                err("citizen_id", MSG_PERSON_UNKNOWN.format(cccd=cccd))
            elif not found[1]:
                err("citizen_id", MSG_PERSON_OUT_OF_SCOPE.format(cccd=cccd))
            else:
                if self.last_rows is not None and found[0] not in self.sid_last:
                    self.sid_last[found[0]] = self.last_rows.get("P" + cccd, 0)
                return found[0]
            return None
        if ucode is None:
            err("citizen_id", MSG_SUBJECT_MISSING)
            return None
        ucode = rd.code(ucode)
        unit = self.units.get(ucode)
        if unit is None:
            err("unit", MSG_UNIT_UNKNOWN.format(code=ucode))
            return None
        if ucode not in self.unit_ok:
            self.unit_ok[ucode] = self.scope.can_unit(_Subject(unit["id"], unit["path"]), "edit_history")
        if not self.unit_ok[ucode]:
            err("unit", MSG_OUT_OF_SCOPE.format(code=ucode))
            return None
        if self.last_rows is not None and -unit["id"] not in self.sid_last:
            self.sid_last[-unit["id"]] = self.last_rows.get("U" + ucode, 0)
        return -unit["id"]

    def _parse(self, number: int, v: list) -> dict | None:
        ok = True
        res = self.result

        def err(key, msg):
            nonlocal ok
            ok = False
            res.error(number, H[key], msg)

        sid = self._subject(number, v, err)
        try:
            year = rd.integer(v[2], H["year"])
            if year is None:
                err("year", MSG_REQUIRED.format(label=H["year"]))
            elif not MIN_YEAR <= year <= MAX_YEAR:
                err("year", MSG_YEAR.format(value=year))
        except rd.CellError:
            err("year", MSG_YEAR.format(value=rd.text(v[2])))
            year = None
        out = {"row": number, "sid": sid, "year": year}
        for key, i, table in (("grade", 3, GRADE_BY_WORD), ("party_grade", 4, GRADE_BY_WORD),
                              ("award_kind", 8, KIND_BY_WORD), ("initiative_level", 13, LEVEL_BY_WORD)):
            out[key] = None
            if v[i] is not None:
                out[key] = table.get(_fold(rd.text(v[i])))
                if out[key] is None:
                    err(key, MSG_CHOICE.format(label=H[key], value=rd.text(v[i])))
        out["months"] = None
        if v[5] is not None:
            try:
                out["months"] = rd.integer(v[5], H["months"])
                if not 0 <= out["months"] <= 12:
                    err("months", MSG_MONTHS.format(value=out["months"]))
            except rd.CellError:
                err("months", MSG_MONTHS.format(value=rd.text(v[5])))
        collective = sid is not None and sid < 0
        out["awards"] = []
        if v[6] is not None:
            found, problems = _titles(v[6], sid is not None, collective)
            out["awards"].extend(found)
            for key, msg in problems:
                err(key, msg)
        if v[7] is not None:
            found, problems = _forms(v[7])
            out["awards"].extend(found)
            for key, msg in problems:
                err(key, msg)
        out["decision_no"] = rd.text(v[9])[:80]
        out["authority"] = rd.text(v[11])[:255]
        try:
            out["decision_date"] = rd.date(v[10], H["decision_date"].lower())
        except rd.CellError as exc:
            err("decision_date", str(exc))
        out["initiatives"] = []
        if v[12] is not None:
            for t in (t.strip() for t in rd.text(v[12]).split(";")):
                if len(t) > 500:
                    err("initiative", MSG_TOO_LONG.format(label=H["initiative"], n=500))
                elif t:
                    out["initiatives"].append(t)
        out["discipline"] = []
        if v[14] is not None:
            for s in SPLIT_RE.split(rd.text(v[14])):
                if s.strip():
                    f = DISC_BY_WORD.get(_fold(s))
                    if f is None:
                        err("discipline", MSG_CHOICE.format(label=H["discipline"], value=s.strip()))
                    else:
                        out["discipline"].append(f)
        out["stats"] = self._stats(v, collective, sid, err)
        return out if ok else None

    def _stats(self, v, collective, sid, err):
        if v[15:22].count(None) == 7:
            return None
        if sid is not None and not collective:
            err("total", MSG_STATS_PERSON)
            return None
        stats = {}
        for key, x in zip(STAT_KEYS, v[15:22]):
            try:
                stats[key] = rd.integer(x, H[key])
            except rd.CellError as exc:
                err(key, str(exc))
                return None
        if stats["total"] is None:
            err("total", MSG_STATS_TOTAL)
            return None
        for key in ("completed", "ldtt", "cstdcs", "disciplined"):
            stats[key] = stats[key] or 0
            if stats[key] > stats["total"]:
                err(key, MSG_STATS_GT.format(label=H[key], total=stats["total"]))
        if stats["cluster_rank"] and stats["cluster_size"] and stats["cluster_rank"] > stats["cluster_size"]:
            err("cluster_rank", MSG_RANK)
        return stats

    # --- planning --------------------------------------------------------------------
    def plan(self, chunk: list) -> dict:
        return self.plan_parsed(chunk, self.parse(chunk))

    @property
    def can_overlap(self) -> bool:
        """parse() touches no database (every person was loaded first), so it may run while the
        previous chunk is being written."""
        return self.preloaded

    def parse(self, chunk: list) -> list:
        if not self.preloaded:
            missing = {rd.citizen_id(v[0]) for _, v in chunk if v[0] is not None} - self.people.keys()
            if missing:
                self._load_people(sorted(missing))
        return [p for p in (self._parse(n, v) for n, v in chunk) if p is not None]

    def plan_parsed(self, chunk: list, parsed: list) -> dict:
        return self.plan_rows(chunk, parsed, self.lookup(parsed))

    def lookup(self, parsed: list) -> dict:
        """The stored facts of the chunk's subjects (the only database reads of planning)."""
        return self._existing({p["sid"] for p in parsed})

    def plan_rows(self, chunk: list, parsed: list, existing: dict) -> dict:
        plan = {"create": {k: [] for k in MODELS}, "update": {k: [] for k in MODELS}, "last_row": chunk[-1][0]}
        for p in parsed:
            self._plan_row(p, existing, plan)
        return plan

    def _existing(self, sids: set[int]) -> dict:
        pids = [s for s in sids if s > 0]
        uids = [-s for s in sids if s < 0]
        out = {k: {} for k in MODELS}
        keyf = {
            "yr": lambda r: (r["year"], r["track"]),
            "award": lambda r: (r["year"], r["code"], r["kind"]),
            "init": lambda r: (r["year"], r["title"]),
            "disc": lambda r: (r["year"], r["track"], r["form"]),
        }
        fields = {"yr": YR_FIELDS, "award": AWARD_FIELDS, "init": INIT_FIELDS, "disc": DISC_FIELDS}
        for k, f in keyf.items():
            model = MODELS[k]
            for attr, ids, sign in (("person_id", pids, 1), ("unit_id", uids, -1)):
                for i in range(0, len(ids), 10_000):
                    for r in model.objects.filter(**{f"{attr}__in": ids[i:i + 10_000]}).values("id", *fields[k]):
                        out[k][(sign * r[attr], *f(r))] = r
        for i in range(0, len(uids), 10_000):
            for r in CollectiveStats.objects.filter(unit_id__in=uids[i:i + 10_000]).values("id", *STATS_FIELDS):
                out["stats"][(-r["unit_id"], r["year"])] = r
        return out

    def _fact(self, kind: str, key: tuple, column: str, what: str, p: dict, new: dict, compare: dict, existing: dict,
              plan: dict) -> int:
        """0 unchanged, 1 updated, 2 created, -1 duplicate in the file."""
        seen = self.seen[kind]
        if key in seen:
            self.result.error(p["row"], column, MSG_DUP_FACT.format(what=what, year=p["year"], row=seen[key]))
            return -1
        seen[key] = p["row"]
        cur = existing[kind].get(key)
        if cur is None:
            plan["create"][kind].append(new)
            return 2
        changes = {k: v for k, v in compare.items() if v is not None and cur[k] != v}
        if changes:
            plan["update"][kind].append((cur, dict(cur, **changes)))
            return 1
        return 0

    def _base(self, p: dict) -> dict:
        sid = p["sid"]
        return {"person_id": sid if sid > 0 else None, "unit_id": -sid if sid < 0 else None, "year": p["year"],
                "source": "import"}

    def _plan_row(self, p: dict, existing: dict, plan: dict) -> None:
        sid, year, outcomes = p["sid"], p["year"], []
        add = outcomes.append
        for track, grade in (("government", p["grade"]), ("party", p["party_grade"])):
            months = p["months"] if track == "government" else None
            if grade is None and months is None:
                continue
            new = dict(self._base(p), track=track, grade=grade or "", score=None, months_worked=months, note="")
            col = H["grade"] if track == "government" else H["party_grade"]
            add(self._fact("yr", (sid, year, track), col, col, p,
                           new, {"grade": grade, "months_worked": months}, existing, plan))
        kind = p["award_kind"] or "regular"
        for c, category in p["awards"]:
            new = dict(self._base(p), code=c, category=category, kind=kind, decision_no=p["decision_no"],
                       decision_date=p["decision_date"], authority=p["authority"])
            add(self._fact("award", (sid, year, c, kind), H["titles" if category == "title" else "forms"], c, p, new,
                           {"decision_no": p["decision_no"] or None, "decision_date": p["decision_date"],
                            "authority": p["authority"] or None}, existing, plan))
        for t in p["initiatives"]:
            level = p["initiative_level"] or "unit"
            new = dict(self._base(p), title=t, level=level, kind="initiative", recognized_on=None, decision_no="",
                       used_for="")
            add(self._fact("init", (sid, year, t), H["initiative"], f"sáng kiến “{t}”", p, new, {"level": p["initiative_level"]},
                           existing, plan))
        for f in p["discipline"]:
            new = dict(self._base(p), form=f, track="government", decided_on=None, served_from=None, served_to=None,
                       decision_no="")
            add(self._fact("disc", (sid, year, "government", f), H["discipline"], f"kỷ luật {f}", p, new, {}, existing, plan))
        if p["stats"] is not None:
            new = dict(unit_id=-sid, year=year, **p["stats"], source="import")
            add(self._fact("stats", (sid, year), H["total"], "số liệu tập thể", p, new, dict(p["stats"]), existing, plan))
        if -1 not in outcomes:
            self.result.count_row(2 in outcomes, 1 in outcomes)

    # --- writing ---------------------------------------------------------------------
    def write(self, actor, plan: dict) -> None:
        log = AuditLog(actor)
        for k, model in MODELS.items():
            rows = plan["create"][k]
            insert_rows(model, rows)
            label = model._meta.label_lower
            self.created[k].extend(rows)
            ups = plan["update"][k]
            if ups:
                fields = [f for f in ups[0][1] if f not in ("id", "person_id", "unit_id", "year")]
                update_rows(model, [new for _, new in ups], fields)
                for cur, new in ups:
                    subject = (f"people.person:{new['person_id']}" if new.get("person_id")
                               else f"organizations.unit:{new['unit_id']}")
                    log.add(AuditEvent.UPDATE, model, new, before=cur, subject=subject)
            self.result.count_object("create", label, len(rows))
            self.result.count_object("update", label, len(ups))
        log.flush()
        self._audit_created(actor, plan["last_row"])

    def finish(self, actor) -> None:
        """End of a written file: audit the subjects still pending."""
        self._audit_created(actor, None)

    def _audit_created(self, actor, upto: int | None) -> None:
        """One event per subject whose rows are all written (its last row ≤ `upto`; None: all)."""
        if upto is None:
            ready, self.created = self.created, {k: [] for k in MODELS}
        else:
            last, ready = self.sid_last, {}
            for k, rows in self.created.items():
                done, keep = [], []
                for r in rows:
                    sid = r["person_id"] if r.get("person_id") else -r["unit_id"]
                    (done if last.get(sid, upto + 1) <= upto else keep).append(r)
                ready[k], self.created[k] = done, keep
        log = AuditLog(actor)
        audit_subject_facts(log, ready, file_name=self.file_name)
        log.flush()
